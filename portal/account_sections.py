"""Sections of the account's "Sikkerhed" page that apps above portal provide.

``portal`` imports no app, yet the page shows things other apps own (the personal API keys
of the ``api`` app). Such an app registers an :class:`AccountSection` from its
``AppConfig.ready()``; the page renders every registered section with its template and the
context its ``build`` returns for the request. Registration happens once at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class AccountSection:
    key: str
    template: str
    #: The section's context for one request (the logged-in user's own data only).
    build: Callable[[HttpRequest], dict[str, Any]]


_sections: dict[str, AccountSection] = {}


def register(section: AccountSection) -> None:
    _sections[section.key] = section


def render_sections(request: HttpRequest) -> list[dict[str, Any]]:
    """Every registered section as ``{"template": …, "section": context}``, in order."""
    return [{"template": s.template, "section": s.build(request)} for s in _sections.values()]
