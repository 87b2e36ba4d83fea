"""Form fields that refuse what no database column (or calendar) can hold, before any query.

Django answers an out-of-range id in a single choice with "not a valid choice" (its integer
lookups check the range), but a multiple choice looks the ids up with ``pk__in``, which does
not: 20 digits end as ``OverflowError`` on SQLite and a 500 (issue 13). Every multiple choice
of model rows in the portal is an :class:`IdsChoiceField`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import from_current_timezone
from django.utils.translation import gettext_lazy as _

from portal.formatting import maaned
from portal.params import DATE_MAX, DATE_MIN, parse_id, read_date, read_datetime, read_month
from portal.widgets import DateInput, DateTimeInput


def _out_of_range() -> ValidationError:
    return ValidationError(
        _("Datoen skal ligge mellem %(fra)s og %(til)s."),
        code="out_of_range",
        params={"fra": DATE_MIN.year, "til": DATE_MAX.year},
    )


def within_calendar(value: datetime.date | None) -> None:
    """A date (or a date and time) within 1900-2100: anything else is a typing error, and
    year 1 or 9999 overflow as soon as a day is added or a timezone applied."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    if day is not None and not DATE_MIN <= day <= DATE_MAX:
        raise _out_of_range()


class DateField(forms.DateField):
    """Every date field in the portal: typed as Danes write it (1.2.2025, 01-02-2025,
    01.02.2025, or 2025-02-01) whatever the active language, shown as 01.02.2025
    (:class:`portal.widgets.DateInput`), within 1900-2100. A ModelForm names it in
    ``Meta.field_classes``; ``tests/portal/test_dates.py`` walks every form."""

    widget = DateInput
    default_error_messages = {
        "invalid": _("Skriv datoen som dd.mm.åååå, fx 01.02.2025."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("input_formats", None)
        if not kwargs.get("help_text"):
            kwargs["help_text"] = _("dd.mm.åååå, fx 01.02.2025")
        super().__init__(**kwargs)
        self.validators.append(within_calendar)

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        day = read_date(str(value))
        if day is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return day


class CalendarDateTimeField(forms.DateTimeField):
    """Every date-and-time field in the portal (a meeting's time): typed as Danes write it
    (3.12.2026 14:30, 03-12-2026 14.30, or ISO 2026-12-03T14:30) whatever the active
    language, shown as 03.12.2026 14:30 on the 24-hour clock
    (:class:`portal.widgets.DateTimeInput`), read in the current timezone
    (Europe/Copenhagen) and stored timezone-aware. The date must lie within 1900-2100,
    checked before the timezone is applied (year 1 in Copenhagen's timezone is an
    OverflowError, not a ValidationError, in Django)."""

    widget = DateTimeInput
    default_error_messages = {
        "invalid": _("Skriv tidspunktet som dd.mm.åååå tt:mm, fx 03.12.2026 14:30."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("input_formats", None)
        if not kwargs.get("help_text"):
            kwargs["help_text"] = _("dd.mm.åååå tt:mm, fx 03.12.2026 14:30")
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            result = value
        elif isinstance(value, datetime.date):
            result = datetime.datetime(value.year, value.month, value.day)  # noqa: DTZ001  # naive on purpose: made aware below
        else:
            parsed = read_datetime(str(value))
            if parsed is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            result = parsed
        within_calendar(result)
        try:
            return from_current_timezone(result)
        except OverflowError as exc:
            raise _out_of_range() from exc


class MonthField(forms.Field):
    """A month, picked from a list named as Danes say it ("januar 2026"): a native
    ``<input type="month">`` shows "--------- ----" in Chromium and mm/yyyy elsewhere. The
    value is the month's first day; what a link or a person sends may be "2026-01" (the
    ``maaned=`` of older links), a day of the month, or "1.2026". ``months`` are the months
    offered; a month outside them is refused."""

    widget = forms.Select
    default_error_messages = {
        "invalid": _("Vælg en måned på listen."),
        "outside": _("Vælg en af de måneder, listen tilbyder."),
    }

    def __init__(self, *, months: list[datetime.date] | tuple = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.months = months

    @property
    def months(self) -> list[datetime.date]:
        return self._months

    @months.setter
    def months(self, value: list[datetime.date] | tuple) -> None:
        self._months = [day.replace(day=1) for day in value]
        self.widget.choices = [(self.prepare_value(m), maaned(m)) for m in self._months]

    def __deepcopy__(self, memo: dict) -> MonthField:
        result = super().__deepcopy__(memo)  # type: ignore[misc]  # Field.__deepcopy__ is not in django-stubs
        result._months = list(self._months)
        return result

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str):
            value = read_month(value) or value
        return f"{value:%Y-%m}" if isinstance(value, datetime.date) else value

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        first = read_month(str(value))
        if first is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return first

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and value not in self._months:
            raise ValidationError(self.error_messages["outside"], code="outside")


class IdsChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value: Any):
        if (self.to_field_name or "pk") == "pk":
            for pk in value:
                if parse_id(str(pk)) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": str(pk)[:80]},
                    )
        return super()._check_values(value)  # type: ignore[misc]  # private in the stubs, public in Django
