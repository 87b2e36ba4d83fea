"""Form widgets every app shares.

Dates are typed and shown as dd.mm.åååå whatever the browser's language (issue 18): a native
``<input type="date">`` follows the browser's locale, so Chromium in en-US shows mm/dd/yyyy
and a Danish reader types the day and month the wrong way round. Every date field in the
portal is a :class:`portal.fields.DateField` with :class:`DateInput`: a text input whose
value is always 01.02.2025, with a placeholder and pattern saying so; ``portal.js`` rewrites
what was typed (1.2.2025) to that shape when the field is left. A date and a time (a
meeting's time) is the same: :class:`portal.fields.CalendarDateTimeField` with
:class:`DateTimeInput`, shown as 03.12.2026 14:30 on the 24-hour clock.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from portal.params import DATE_INPUT_PATTERN, DATETIME_INPUT_PATTERN

DANISH_DATE = "%d.%m.%Y"
DANISH_DATETIME = "%d.%m.%Y %H:%M"


class DateInput(forms.DateInput):
    """A text input for a date shown as dd.mm.åååå, whatever the active language."""

    input_type = "text"

    def __init__(self, attrs: dict | None = None) -> None:
        defaults = {
            "placeholder": _("dd.mm.åååå"),
            "pattern": DATE_INPUT_PATTERN,
            "inputmode": "numeric",
            "autocomplete": "off",
            "size": "10",
            "data-dato": "",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DANISH_DATE)


class DateTimeInput(forms.DateTimeInput):
    """A text input for a date and a time shown as dd.mm.åååå tt:mm (24-hour clock), whatever
    the active language: a native ``datetime-local`` input shows mm/dd/yyyy, hh:mm AM in
    Chromium en-US."""

    input_type = "text"

    def __init__(self, attrs: dict | None = None) -> None:
        defaults = {
            "placeholder": _("dd.mm.åååå tt:mm"),
            "pattern": DATETIME_INPUT_PATTERN,
            "autocomplete": "off",
            "size": "16",
            "data-tidspunkt": "",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DANISH_DATETIME)


class QuickSelect(forms.Select):
    """A ``<select>`` with the same markup as Django's, rendered in Python: Django renders one
    template per option, which for a filter with a hundred kommuner costs more than the query
    behind the page (issue 17, LBF's overview). Options, groups and attributes come from
    Django's own ``get_context``, so choices, selection and ``attrs`` behave as in
    :class:`django.forms.Select`."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: BaseRenderer | None = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            inner = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, inner) if group_name else inner
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(groups)),  # noqa: S308  # nosec B308 B703: each part was escaped by format_html
        )
