"""Template tags for help and input (a template builtin, no ``{% load %}``):

``{% term "delaftale" %}`` links a domain term to its entry in the glossary (``portal.glossary``);
``{% term "delaftale" "delaftaler" %}`` shows another inflection of it.
``{% dato_felt "fra" value id="f-fra" %}`` renders a date input outside a Django form exactly as
every form's date field does (:class:`portal.widgets.DateInput`: dd.mm.åååå in any language)."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html

from portal import glossary
from portal.widgets import DateInput

register = template.Library()


@register.simple_tag
def term(key: str, text: str | None = None) -> str:
    """The term as a link to its glossary entry (the entry's name unless ``text`` is given)."""
    entry = glossary.entry(key)
    return format_html(
        '<a class="term" href="{}#{}" title="{}">{}</a>',
        reverse("ordliste"),
        entry.anchor,
        entry.short,
        text if text is not None else entry.name,
    )


@register.simple_tag
def dato_felt(
    name: str,
    value: datetime.date | str | None = None,
    *,
    id: str = "",  # noqa: A002 - the HTML attribute's name
    css: str = "form-control",
    label: str = "",
    required: bool = False,
) -> str:
    attrs: dict[str, Any] = {"class": css, "id": id or f"id_{name}"}
    if label:
        attrs["aria-label"] = label
    if required:
        attrs["required"] = True
    return DateInput(attrs=attrs).render(name, value or None)
