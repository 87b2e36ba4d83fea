"""Hostile input over every URL: no request ends in a server error, and a refused write
changes nothing (issue 13).

Driven by the access table: for every URL and every persona allowed to use it,

- GET with each query parameter the view reads (recorded while the page renders, plus
  ``side`` and ``next``) set to each of :data:`HOSTILE`;
- POST every form the portal's pages show (every ``<form method=post>`` found on the pages
  these personas open, grouped by where it posts) with each field in turn set to each
  hostile value, the other fields as a browser would send them. Each POST runs in a
  savepoint that is rolled back; one that was refused (not a redirect, or a redirect with an
  error message) must leave the database as it found it.

The failures are collected and reported together, one line each, so one run lists them all.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote, urlsplit

import pytest
from django.contrib.messages import constants, get_messages
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.http import QueryDict
from django.urls import resolve

from .conftest import db_fingerprint
from .forms import forms_of, payload
from .table import CASES
from .urls import case_url

pytestmark = pytest.mark.django_db

#: What an attacker types: Unicode digits, 30 digits, a negative, the ends of the calendar,
#: nothing, 10,000 characters, NUL. Written raw into the query string (percent-encoded).
HOSTILE = ["²", "٣", "9" * 30, "-1", "0001-01-01", "9999-12-31", "", "x" * 10_000, "\x00"]
#: Raw query-string values that are not UTF-8 at all once decoded.
RAW_HOSTILE = ["%ff%fe", "%C0%AF"]
#: Read by every page's paging or return link, so tried on every HTML page.
ALWAYS_READ = {"side", "next"}
SKIP_FIELDS = {"csrfmiddlewaretoken"}
# Files are posted empty: the import bombs have their own tests (tests/monitorering).
LOGOUT = {"logout"}
#: Writes a refused POST is meant to make, by URL name: the tables they touch are left out of
#: the comparison there. Two-factor enrolment keeps the unconfirmed device whose QR code the
#: page shows, and counts wrong codes on it (django-otp's throttle against guessing).
EXPECTED_WRITES = {
    "two_factor_enrol": frozenset({"otp_totp_totpdevice"}),
    # A valid name creates a key and shows it once (200, no redirect: the key is in that page only).
    "api_noegle_create": frozenset({"api_apinoegle"}),
    # One-click unsubscribe by the mail's token: any POST turns the optional kinds off (RFC 8058).
    "notifikationer:afmeld": frozenset(
        {"notifikationer_praeference", "notifikationer_historicalpraeference"}
    ),
}


def expected_writes(action: str) -> frozenset[str]:
    return EXPECTED_WRITES.get(resolve(action).view_name, frozenset())


class _Recording(QueryDict):
    """A QueryDict that notes every key a view asks for."""

    seen: set[str] = set()

    def __getitem__(self, key):
        _Recording.seen.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        _Recording.seen.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        _Recording.seen.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        _Recording.seen.add(key)
        return super().__contains__(key)


@pytest.fixture
def recorded(monkeypatch):
    def get(request):
        return _Recording(request.environ.get("QUERY_STRING", ""), encoding=request.encoding)

    monkeypatch.setattr(WSGIRequest, "GET", property(get))
    _Recording.seen = set()
    return _Recording


def _get(client, url: str):
    try:
        return client.get(url), None
    except Exception as exc:  # the test client re-raises what the view raised  # noqa: BLE001
        return None, exc


def _post(client, url: str, data):
    try:
        return client.post(url, data), None
    except Exception as exc:  # noqa: BLE001
        return None, exc


def _problem(response, exc) -> str | None:
    if exc is not None:
        return f"{type(exc).__name__}: {str(exc)[:120]}"
    if response.status_code >= 500:
        return f"HTTP {response.status_code}"
    return None


GET_CASES = [c for c in CASES if c.get and c.name not in LOGOUT]


def _personas(allowed) -> list[str]:
    return sorted(p for p in allowed if p != "anon") or ["anon"]


@pytest.mark.parametrize("case", GET_CASES, ids=lambda c: c.id)
def test_hostile_query_strings_never_give_a_server_error(world, recorded, case):
    url = case_url(case, world)
    failures = []
    for persona in _personas(case.get):
        client = world.client(persona)
        recorded.seen = set()
        response, exc = _get(client, url)
        assert _problem(response, exc) is None, f"GET {url} as {persona}: {_problem(response, exc)}"
        html = "html" in response.get("Content-Type", "")
        for key in sorted(recorded.seen | (ALWAYS_READ if html else set())):
            values = [quote(v, safe="") for v in HOSTILE] + RAW_HOSTILE
            for value in values:
                target = f"{url}{'&' if '?' in url else '?'}{quote(key, safe='')}={value}"
                response, exc = _get(client, target)
                problem = _problem(response, exc)
                if problem:
                    failures.append(f"GET {url} ?{key}={value[:20]} as {persona}: {problem}")
    assert not failures, "\n".join(failures)


def _post_forms(world) -> dict[str, list[tuple[str, dict]]]:
    """Every POST form on the pages of the access table, by the path it posts to:
    [(persona, form), ...] (one form per persona and path: the one with most fields)."""
    found: dict[str, dict[str, dict]] = defaultdict(dict)
    for case in GET_CASES:
        url = case_url(case, world)
        for persona in _personas(case.get):
            response = world.client(persona).get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for form in forms_of(response.content.decode()):
                if form["method"] != "post":
                    continue
                action = urlsplit(form["action"] or url).path
                if action in {"/konto/logout/", "/i18n/setlang/"} or action.startswith("/admin/"):
                    continue
                kept = found[action].get(persona)
                if kept is None or len(form["fields"]) > len(kept["fields"]):
                    found[action][persona] = {**form, "page": url}
    return {action: sorted(by.items()) for action, by in sorted(found.items())}


@pytest.fixture
def post_forms(world):
    """The forms, found once per run; each later test opens the forms' pages again first, as a
    browser would before posting: what opening a page writes (a recipient's profile made on
    first visit) was rolled back with the test that found them."""
    if not hasattr(world, "post_forms"):
        world.post_forms = _post_forms(world)
    else:
        for by_persona in world.post_forms.values():
            for persona, form in by_persona:
                world.client(persona).get(form["page"])
    return world.post_forms


def _refused(response) -> bool:
    if response.status_code not in (301, 302, 303):
        return True
    return any(m.level >= constants.ERROR for m in get_messages(response.wsgi_request))


def test_the_sweep_finds_the_forms_users_fill(post_forms):
    """The POST sweep is only as good as the forms it finds: the main edit forms are there."""
    paths = " ".join(post_forms)
    for fragment in ("/aktiviteter/", "/statusrapporter/", "/moeder/", "/monitorering/", "/enighed/"):
        assert fragment in paths, f"no form posting to a path with {fragment}: {sorted(post_forms)}"
    assert len(post_forms) >= 25, sorted(post_forms)


def test_the_expected_writes_name_forms_the_sweep_posts(post_forms):
    """A URL name in :data:`EXPECTED_WRITES` that no found form posts to (a typo, a renamed
    view) would silently leave that form's writes compared."""
    posted = {resolve(action).view_name for action in post_forms}
    assert set(EXPECTED_WRITES) <= posted, set(EXPECTED_WRITES) - posted


def test_hostile_form_values_never_give_a_server_error_nor_a_partial_write(world, post_forms):
    failures = []
    baselines: dict[frozenset[str], str] = {}
    for action, by_persona in post_forms.items():
        skip = expected_writes(action)
        baseline = baselines.setdefault(skip, db_fingerprint(skip=skip))
        for persona, form in by_persona:
            data = payload(form)
            names = [n for n in data if n not in SKIP_FIELDS]
            for name in names:
                for value in HOSTILE:
                    body = {**data, name: [value]}
                    # A fresh client each time: no message left over from an earlier answer.
                    client = world.client(persona)
                    with transaction.atomic():
                        response, exc = _post(client, action, body)
                        problem = _problem(response, exc)
                        if problem is None and _refused(response) and db_fingerprint(skip=skip) != baseline:
                            problem = f"refused ({response.status_code}) but changed data"
                        transaction.set_rollback(True)
                    if problem:
                        failures.append(f"POST {action} {name}={value[:20]!r} as {persona}: {problem}")
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)
