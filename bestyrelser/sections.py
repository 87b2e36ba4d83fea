"""Sections of the board's dashboard that apps above bestyrelser provide.

The dashboard shows the newest agreement-survey analysis, which the ``enighed`` app owns.
``bestyrelser`` is a domain app and must not import the apps on top of it, so the dependency
is inverted: such an app registers a :class:`SectionProvider` here from its
``AppConfig.ready()`` (``enighed/apps.py``), and the dashboard asks this registry for its
extra sections without knowing what they are. A provider brings everything the dashboard
needs of its section: the data (``build``, JSON-able, because a released board pack freezes
it), what marks a change (``changed``, part of the one-query stamp that keys the cached page,
so a new analysis shows at once) and the HTML (``template``, so the dashboard's own template
names no other app's URLs either).

Chosen over a Django signal, whose receivers' return values come back as an unordered list
of pairs and cannot add to the one-query stamp, and over a setting naming a function, which
would make code wiring configuration. Registration happens once at start-up, before any
request, so reading the registry needs no lock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from helhedsplaner.models import Helhedsplan


@dataclass(frozen=True)
class SectionProvider:
    """One section of the dashboard that another app provides."""

    #: The key of the section's data in :func:`bestyrelser.dashboard.dashboard_data`.
    key: str
    #: The section's data for one plan (JSON-able; falsy for "nothing to show"), built in a
    #: fixed number of queries.
    build: Callable[[Helhedsplan], Any]
    #: The template that shows the data, rendered with ``section`` set to it.
    template: str
    #: A model and one of its date-time fields: the newest value marks a change the cached
    #: dashboard must show.
    changed: tuple[type[models.Model], str] | None = None
    #: The lookup path from ``changed``'s model to its plan (e.g. ``"maaling__helhedsplan"``),
    #: so that only a change to the plan's own rows refreshes its cached dashboard.
    plan_path: str = "helhedsplan"


_providers: dict[str, SectionProvider] = {}


def register(provider: SectionProvider) -> None:
    """Add ``provider`` (call from ``AppConfig.ready()``; registering a key again replaces it)."""
    _providers[provider.key] = provider


def providers() -> tuple[SectionProvider, ...]:
    """The registered providers, in the order they were registered."""
    return tuple(_providers.values())


def build_sections(plan: Helhedsplan) -> dict[str, Any]:
    """Every provided section's data for ``plan``, by key."""
    return {provider.key: provider.build(plan) for provider in providers()}
