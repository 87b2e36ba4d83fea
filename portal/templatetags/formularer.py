"""The error summary every form shows at its top after an invalid submit (WCAG 3.3.1):
each error with the field's label, linked to the field; ``portal.js`` moves focus to it.

``{% error_summary form %}`` or ``{% error_summary form formset … %}`` (forms and formsets,
in order). Crispy's ``bootstrap5/errors.html`` renders it for ``{% crispy %}`` and
``|crispy``; a template that lays out its fields by hand includes it at the top of its form.
Each field's own message sits beside it, linked by ``aria-describedby``
(``includes/field_errors.html``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.forms import BaseForm, BaseFormSet
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class Fejl:
    label: str
    message: str
    anchor: str = ""  # the field's id, when it is visible and can take focus


def _form_errors(form: BaseForm, row: int | None) -> list[Fejl]:
    out = [Fejl("", str(e)) for e in form.non_field_errors()]
    for field in form:
        if field.name not in form.errors:
            continue
        label = str(field.label or field.name)
        if row is not None:
            label = _("Række %(nummer)s: %(felt)s") % {"nummer": row, "felt": label}
        anchor = "" if field.is_hidden else field.auto_id or ""
        out += [Fejl(label, str(e), anchor) for e in field.errors]
    return out


def errors_of(*forms: Any) -> list[Fejl]:
    """Every error of these forms and formsets, in the order they show on the page."""
    out: list[Fejl] = []
    for item in forms:
        if isinstance(item, BaseFormSet):
            if not item.is_bound:
                continue
            out += [Fejl("", str(e)) for e in item.non_form_errors()]
            for number, form in enumerate(item.forms, start=1):
                out += _form_errors(form, number)
        elif isinstance(item, BaseForm) and item.is_bound:
            out += _form_errors(item, None)
    return out


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms: Any, genindlaes: str = "") -> dict:
    """``genindlaes``: where to reload the newest version when a form's own error (a
    concurrent change) says the page is stale."""
    stale = any(isinstance(f, BaseForm) and f.is_bound and f.non_field_errors() for f in forms)
    return {"fejl": errors_of(*forms), "genindlaes": genindlaes if stale else ""}
