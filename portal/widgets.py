"""Form widgets every app shares.

An HTML ``<input type="date">`` shows and sends only ISO dates (2021-03-03); given a
localised value (03.03.2021) the browser shows an empty field and sends "", so an edit form
would open with blank dates. Every date field in the portal uses :class:`DateInput`.
"""

from __future__ import annotations

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    """``<input type="date">`` whose value is always ISO, whatever the active language."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_DATE)


class DateTimeLocalInput(forms.DateTimeInput):
    """``<input type="datetime-local">`` whose value is always ISO (to the minute)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_DATETIME_LOCAL)
