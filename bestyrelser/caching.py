"""Bounded caching for the board's dashboard.

A cached variant is keyed only by what the dashboard reads: the normalised filters
(:func:`filter_query`), never the raw query string, so unknown parameters (``?junk=N``) and
invalid filter values share the unfiltered page. Each plan has a fixed number of *slots*
(:data:`SLOTS_PER_PLAN`): the unfiltered page has slot 0 to itself, and every filtered
variant hashes to one of the others. A slot stores the variant it holds next to the value,
so a different variant (other filters, a newer content stamp, another day) overwrites it
instead of adding an entry. What one plan can hold is therefore bounded whatever the
visitors send, also with Redis at ``noeviction``.
"""

from __future__ import annotations

import datetime
import zlib
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlencode

from django.core.cache import cache

#: Cache entries one plan may hold per kind of value (and language, for the page).
SLOTS_PER_PLAN = 8
TIMEOUT = 24 * 3600

T = TypeVar("T")


def filter_query(
    omraade_id: int | None = None, fra: datetime.date | None = None, til: datetime.date | None = None
) -> str:
    """The filters as a canonical query string ("" without filters): the one form used in
    cache keys and in the page's own links."""
    pairs = [
        (name, value)
        for name, value in (
            ("omraade", str(omraade_id) if omraade_id else ""),
            ("fra", fra.isoformat() if fra else ""),
            ("til", til.isoformat() if til else ""),
        )
        if value
    ]
    return urlencode(pairs)


def slot(query: str) -> int:
    """The slot of a filter variant: 0 for the unfiltered page, else a stable hash."""
    if not query:
        return 0
    return 1 + zlib.crc32(query.encode()) % (SLOTS_PER_PLAN - 1)


def bounded(kind: str, plan_pk: int, query: str, version: str, build: Callable[[], T]) -> T:
    """``build()``'s value for ``plan_pk`` and the filter variant ``query`` at ``version``,
    from the plan's slot for the variant if it holds exactly that, else built and stored
    there (replacing whatever the slot held)."""
    return bounded_hit(kind, plan_pk, query, version, build)[0]


def bounded_hit(kind: str, plan_pk: int, query: str, version: str, build: Callable[[], T]) -> tuple[T, bool]:
    """:func:`bounded`, and whether the value came from the cache."""
    key = f"bestyrelser:{kind}:{plan_pk}:{slot(query)}"
    held = cache.get(key)
    if held is not None and held[0] == (query, version):
        return held[1], True
    value = build()
    cache.set(key, ((query, version), value), TIMEOUT)
    return value, False
