"""Every URL × every persona × GET and POST answers as ``table.CASES`` says, and a
refused request changes nothing in the database. A URL pattern without a row fails
``test_every_url_pattern_has_a_row``, so no view ships unclassified."""

from __future__ import annotations

import importlib
import re

import pytest
from django.urls import reverse

from .conftest import PERSONAS, db_fingerprint
from .table import ACTION_TABLES, ADMIN_URLS, CASES, VIEW, by_id
from .urls import case_url, url_patterns

pytestmark = pytest.mark.django_db

OK = {200, 302, 400, 409, 410}
# A form-shaped body: fields that many views read, so a refused write is really tried.
POST_DATA = {"status": "udfoert", "tekst": "x", "kommentar": "x", "begrundelse": "x", "titel": "x"}


def test_every_url_pattern_has_a_row():
    names = set(url_patterns())
    rows = {case.name for case in CASES}
    assert names - rows == set(), "classify these URLs in tests/security/table.py"
    assert rows - names == set(), "rows for URLs that no longer exist"
    assert len(by_id()) == len(CASES), "duplicate rows"


def test_every_action_has_a_row():
    for name, dotted in ACTION_TABLES.items():
        module, attr = dotted.rsplit(".", 1)
        actions = set(getattr(importlib.import_module(module), attr))
        rows = {case.kwargs["action"] for case in CASES if case.name == name}
        assert actions <= rows, f"{name}: add rows for {actions - rows}"
        assert rows - actions == {"ukendt"}, f"{name}: an unknown action must have a row"


def _check(response, expected: str, what: str, *, logout: bool = False) -> None:
    code = response.status_code
    if expected == "login":
        assert code == 302, f"{what}: {code}, expected a redirect to login"
        assert response["Location"].startswith(reverse("login")), f"{what}: to {response['Location']}"
    elif expected == "ok":
        assert code in OK, f"{what}: {code}, expected the view to do its work"
        if code == 302 and not logout:
            assert not response["Location"].startswith(reverse("login")), f"{what}: sent to login"
    else:
        assert code == int(expected), f"{what}: {code}, expected {expected}"


@pytest.fixture
def baseline(world):
    """The seeded database's fingerprints (each test starts from it: savepoints)."""
    if not hasattr(world, "fingerprints"):
        world.fingerprints = {"POST": db_fingerprint(), "GET": db_fingerprint(content=False)}
    return world.fingerprints


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_access(world, baseline, case, persona, method):
    url = case_url(case, world)
    client = world.client(persona)
    response = client.get(url) if method == "GET" else client.post(url, POST_DATA)
    expected = case.expected(persona, method)
    _check(response, expected, f"{method} {url} as {persona}", logout=case.name == "logout")
    if expected != "ok":  # a refused write (fully checked) or a refused read (rows and ids)
        after = db_fingerprint(content=method == "POST")
        assert after == baseline[method], f"{method} {url} as {persona} was refused but changed data"


def _normalised(body: bytes, *paths: str) -> str:
    text = body.decode()
    text = re.sub(r'(name="csrf(middleware)?token" value|name="csrf-token" content)="[^"]*"', r"\1=''", text)
    for path in paths:
        text = text.replace(path, "PATH")
    return text


FOREIGN = [
    c for c in CASES if c.expected("member_b", "GET") == "404" or c.expected("member_b", "POST") == "404"
]


@pytest.mark.parametrize("case", [c for c in FOREIGN if c.visible == VIEW], ids=lambda c: c.id)
def test_foreign_object_looks_exactly_like_a_missing_one(world, case):
    """A member of plan B gets, for plan A's objects, the same answer and the same page as
    for ids that do not exist, so ids cannot be probed."""
    url, missing = case_url(case, world), case_url(case, world, missing=True)
    client = world.client("member_b")
    for method in ("get", "post"):
        foreign, absent = getattr(client, method)(url), getattr(client, method)(missing)
        assert foreign.status_code == absent.status_code, f"{method} {url}"
        assert _normalised(foreign.content, url, missing) == _normalised(absent.content, url, missing)


@pytest.mark.parametrize("persona", ["anon", "board_member", "lbf", "admin"])
@pytest.mark.parametrize("name", ADMIN_URLS)
def test_admin_is_for_staff_only(world, persona, name):
    url = reverse(name)
    response = world.client(persona).get(url)
    logins = (reverse("admin:login"), reverse("login"))  # anonymous: the portal's login first
    if persona == "admin":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(logins)
        post = world.client(persona).post(url, {"action": "delete_selected", "_selected_action": [1]})
        assert post.status_code == 302 and post["Location"].startswith(logins)


def test_fingerprint_sees_a_change_without_history(world):
    """The check after refused requests can fail: a bare UPDATE (no history row) and an
    insert both change it."""
    from bestyrelser.models import Handlingspunkt

    full, rows = db_fingerprint(), db_fingerprint(content=False)
    Handlingspunkt.objects.filter(pk=world.ids["item_pk"]).update(status=Handlingspunkt.Status.UDFOERT)
    assert db_fingerprint() != full
    assert db_fingerprint(content=False) == rows  # rows and ids alone do not see it
    Handlingspunkt.objects.create(
        dagsordenspunkt_id=world.ids["punkt_pk"],
        tekst="Ny",
        ansvarlig=Handlingspunkt.objects.get(pk=world.ids["item_pk"]).ansvarlig,
        frist="2030-01-01",
    )
    assert db_fingerprint(content=False) != rows
