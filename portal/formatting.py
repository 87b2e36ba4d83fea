"""How the portal writes dates, numbers and people, in one place (issue 12).

Two date styles, both defined in ``portal/formats/<lang>/formats.py``:

* prose, ``dato_lang`` / ``tidspunkt_lang``: "1. januar 2019" / "1. januar 2019 kl. 14.05";
* tables, ``dato`` / ``tidspunkt``: "01.01.2019" / "01.01.2019 14.05".

Numbers get the locale's decimal comma and thousands dot (``tal``), with trailing zeros of
stored decimals dropped: a Decimal('81.500') is "81,5", never "81.500". People are named by
``user_name``: the Person linked to the account, else the account's full name, else the
username. Templates reach all of these through ``portal/templatetags/formatering.py``
(a template builtin, no ``{% load %}`` needed).
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils import formats, timezone


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _as_date(value: Any) -> Any:
    """Dates that travel as ISO text (JSON, staged import rows) read back as dates; a datetime
    becomes its local date."""
    if isinstance(value, str):
        try:
            parse = datetime.datetime.fromisoformat if "T" in value else datetime.date.fromisoformat
            value = parse(value)
        except ValueError:
            return value
    if isinstance(value, datetime.datetime):
        return _local(value).date()
    return value


def dato(value: Any) -> str:
    """Table style: "01.01.2019" (a datetime: its local date). Empty for None."""
    if value in (None, ""):
        return ""
    value = _as_date(value)
    return formats.date_format(value, "SHORT_DATE_FORMAT") if isinstance(value, datetime.date) else str(value)


def dato_lang(value: Any) -> str:
    """Prose style: "1. januar 2019" (a datetime: its local date). Empty for None."""
    if value in (None, ""):
        return ""
    value = _as_date(value)
    return formats.date_format(value, "DATE_FORMAT") if isinstance(value, datetime.date) else str(value)


def _as_datetime(value: Any) -> Any:
    """A datetime that travels as ISO text (a frozen board pack) reads back as a datetime."""
    if isinstance(value, str) and "T" in value:
        try:
            return datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def tidspunkt(value: Any) -> str:
    """Table style with the local time: "01.01.2019 14.05". Empty for None."""
    if value in (None, ""):
        return ""
    value = _as_datetime(value)
    if not isinstance(value, datetime.datetime):
        return dato(value)
    return formats.date_format(_local(value), "SHORT_DATETIME_FORMAT")


def tidspunkt_lang(value: Any) -> str:
    """Prose style with the local time: "1. januar 2019 kl. 14.05". Empty for None."""
    if value in (None, ""):
        return ""
    value = _as_datetime(value)
    if not isinstance(value, datetime.datetime):
        return dato_lang(value)
    return formats.date_format(_local(value), "DATETIME_FORMAT")


def maaned(value: Any) -> str:
    """Month and year in prose, "januar 2019"."""
    if value in (None, ""):
        return ""
    value = _as_date(value)
    return formats.date_format(value, "YEAR_MONTH_FORMAT") if isinstance(value, datetime.date) else str(value)


def tal(value: Any, decimaler: int | None = None) -> str:
    """A number with the locale's separators ("1.234,5"). ``decimaler`` fixes the number of
    decimals; without it a stored Decimal shows only the decimals it needs (81.500 → "81,5",
    100.000 → "100"). Empty for None; text that is not a number is returned as it is."""
    if value in (None, ""):
        return ""
    if isinstance(value, bool):
        return str(value)
    if not isinstance(value, (int, float, Decimal)):
        try:
            value = Decimal(str(value))
        except (InvalidOperation, ValueError):
            return str(value)
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal) and not value.is_finite():
        return "–"
    if decimaler is not None:
        # Rounded here (half up, as floatformat), not cut off by number_format: 0.699 → "0,70".
        value = Decimal(value).quantize(Decimal(1).scaleb(-decimaler), rounding=ROUND_HALF_UP)
    else:
        if isinstance(value, Decimal):
            value = value.normalize()
            exponent = value.as_tuple().exponent
            decimaler = max(0, -exponent) if isinstance(exponent, int) else 0
            if decimaler == 0:
                value = value.quantize(Decimal(1))
        else:
            decimaler = 0
    return formats.number_format(value, decimal_pos=decimaler, use_l10n=True, force_grouping=True)


ISO_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}(T[\d:.+-]+Z?)?$")


def celle(value: Any) -> str:
    """Any value in a data table as the page shows it: "–" for nothing, dates in table style
    (also ISO text that came through JSON), numbers with the locale's separators."""
    if value is None or value == "":
        return "–"
    if isinstance(value, datetime.datetime):
        return tidspunkt(value)
    if isinstance(value, datetime.date):
        return dato(value)
    if isinstance(value, str) and ISO_DATE_TEXT.match(value):
        return dato(value)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return tal(value)
    return str(value)


def user_name(user: Any) -> str:
    """How a person is named on a page: the Person linked to the account, else the
    account's full name, else its username; "" for no user. Callers that name many users
    ``select_related("…user__person")`` so this costs no query."""
    if user is None:
        return ""
    try:
        person = user.person
    except (ObjectDoesNotExist, AttributeError):
        person = None
    navn = person.navn if person is not None and hasattr(person, "navn") else ""
    if navn:
        return navn
    return user.get_full_name() or user.get_username()
