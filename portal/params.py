"""One parser for what a user can type into a URL or a posted field outside a Django form:
ids, integers, page numbers and dates.

Python's ``str.isdigit()`` accepts "²" and "٣" that ``int()`` refuses, ``int()`` accepts
30 digits that no database column holds, and ``date.fromisoformat`` accepts year 1 and
9999, which overflow as soon as a day is added or a timezone applied. These functions accept
ASCII digits only, within bounds, and dates within 1900-2100. The ``*_param`` readers return
``None`` (or the default) for anything else, so a filter someone mangled is ignored; the
``require_*`` readers raise :class:`~django.core.exceptions.BadRequest` (answered 400) for a
posted value that a page of ours would never send.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import BadRequest

#: Primary keys: positive and within PostgreSQL's integer (Django's AutoField).
ID_MAX = 2**31 - 1
#: The last page anyone could mean; beyond it a list answers its last page anyway.
PAGE_MAX = 100_000
DATE_MIN = datetime.date(1900, 1, 1)
DATE_MAX = datetime.date(2100, 12, 31)

_INT = re.compile(r"-?[0-9]{1,18}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: A date as Danes type it: day, month, four-digit year, separated by ".", "-" or "/"
#: (1.2.2025, 01-02-2025, 01/02/2025, 01.02.2025).
_DANISH_DATE = re.compile(r"([0-9]{1,2})([./-])([0-9]{1,2})\2([0-9]{4})")
#: The same pattern for ``<input pattern>`` (the browser checks the shape, we the calendar).
DATE_INPUT_PATTERN = r"\s*([0-9]{1,2}[.\/\-][0-9]{1,2}[.\/\-][0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2})\s*"
#: A time of day on the 24-hour clock: 14:30, 14.30, 9:05 (seconds, if any, from ISO only).
_TIME = re.compile(r"([0-9]{1,2})[:.]([0-9]{2})")
_ISO_DATETIME = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,6})?)?"
)
#: A date and a time for ``<input pattern>``: "3.12.2026 14:30", "03-12-2026 14.30", ISO.
DATETIME_INPUT_PATTERN = (
    r"\s*([0-9]{1,2}[.\/\-][0-9]{1,2}[.\/\-][0-9]{4}\s+[0-9]{1,2}[:.][0-9]{2}"
    r"|[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?)\s*"
)


def parse_int(value: object, *, minimum: int, maximum: int) -> int | None:
    """``value`` as an int if it is ASCII digits (optionally signed) within the bounds."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not _INT.fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def parse_id(value: object) -> int | None:
    return parse_int(value, minimum=1, maximum=ID_MAX)


def read_date(value: object) -> datetime.date | None:
    """A calendar date typed as Danes write it (1.2.2025, 01-02-2025, 01/02/2025,
    01.02.2025) or in ISO (2025-02-01, what links and older forms send), else ``None``.
    The year is not bounded here: :func:`parse_date` and the form field do that."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if _DATE.fullmatch(text):
            return datetime.date.fromisoformat(text)
        match = _DANISH_DATE.fullmatch(text)
        if match:
            return datetime.date(int(match[4]), int(match[3]), int(match[1]))
    except ValueError:
        return None
    return None


#: A month as links send it (2026-01, or a day of it: 2026-01-15) or as Danes type it
#: (1.2026, 01-2026, 01/2026).
_ISO_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})(?:-[0-9]{2})?")
_DANISH_MONTH = re.compile(r"([0-9]{1,2})[./-]([0-9]{4})")


def read_month(value: object) -> datetime.date | None:
    """The first day of the month in ``value`` ("2026-01", "2026-01-15", "1.2026",
    "01-2026"), within 1900-2100, else ``None``."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    iso, danish = _ISO_MONTH.fullmatch(text), _DANISH_MONTH.fullmatch(text)
    if iso and (len(text) == 7 or read_date(text) is not None):
        year, month = int(iso[1]), int(iso[2])
    elif danish:
        year, month = int(danish[2]), int(danish[1])
    else:
        return None
    if not 1 <= month <= 12 or not DATE_MIN.year <= year <= DATE_MAX.year:
        return None
    return datetime.date(year, month, 1)


def read_datetime(value: object) -> datetime.datetime | None:
    """A date and a time of day (naive, 24-hour clock) typed as Danes write it, the date as
    :func:`read_date` reads it and the time after one or more spaces ("3.12.2026 14:30",
    "03-12-2026 14.30"), or ISO as ``<input type="datetime-local">`` and older links send it
    ("2026-12-03T14:30", "2026-12-03 14:30:00"); else ``None``. Not bounded to 1900-2100
    here: the form field does that, before any timezone is applied."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        iso = _ISO_DATETIME.fullmatch(text)
        if iso:
            day = datetime.date.fromisoformat(iso[1])
            clock = datetime.time(int(iso[2]), int(iso[3]), int(iso[4] or 0))
            return datetime.datetime.combine(day, clock)
        parts = text.split()
        if len(parts) != 2:
            return None
        match = _TIME.fullmatch(parts[1])
        if not _DANISH_DATE.fullmatch(parts[0]) or not match:
            return None
        found = read_date(parts[0])
        if found is None:
            return None
        return datetime.datetime.combine(found, datetime.time(int(match[1]), int(match[2])))
    except ValueError:
        return None


def parse_date(value: object) -> datetime.date | None:
    """A date (see :func:`read_date`) within 1900-2100, else ``None``."""
    day = read_date(value)
    return day if day is not None and DATE_MIN <= day <= DATE_MAX else None


def id_param(data, name: str) -> int | None:
    """The id in ``data[name]`` (a QueryDict or dict), or ``None`` if absent or mangled."""
    return parse_id(data.get(name))


def page_param(data, name: str = "side") -> int:
    """The page number asked for: 1 when absent or mangled, at most :data:`PAGE_MAX`."""
    raw = data.get(name)
    number = parse_int(raw, minimum=-(10**18), maximum=10**18)
    if number is None or number < 1:
        return 1
    return min(number, PAGE_MAX)


def date_param(data, name: str) -> datetime.date | None:
    return parse_date(data.get(name))


def require_int(data, name: str, *, minimum: int, maximum: int) -> int:
    """The posted integer in ``data[name]``; a missing or mangled one is a bad request (400)."""
    number = parse_int(data.get(name), minimum=minimum, maximum=maximum)
    if number is None:
        raise BadRequest(f"{name}: not an integer within {minimum}..{maximum}")
    return number


def ids_with_prefix(data, prefix: str) -> dict[int, str]:
    """``{id: value}`` for the keys ``<prefix><id>`` with a non-empty value (e.g.
    ``deltager_12=deltog``); keys whose suffix is not an id are a bad request (400)."""
    found: dict[int, str] = {}
    for key, value in data.items():
        if not key.startswith(prefix):
            continue
        number = parse_id(key.removeprefix(prefix))
        if number is None:
            raise BadRequest(f"{key}: not an id")
        if value:
            found[number] = value
    return found
