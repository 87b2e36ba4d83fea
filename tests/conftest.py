"""Personas (as healthchecks' alice/bob/charlie): who uses the portal, logged in.

- ``plan_a`` / ``plan_b``: two plans with a bestyrelse each.
- ``projektleder_a``: projektleder of plan A.  ``board_member_a``: member of plan A's board.
- ``member_b``: board member of plan B only.  ``lbf_user``: Landsbyggefonden staff.
"""

import os
import shutil

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from bestyrelser.models import Medlemskab, Organ
from tests.bestyrelser.factories import MedlemskabFactory, OrganFactory, PersonFactory, UserFactory
from tests.helhedsplaner.factories import HelhedsplanFactory


def _member(plan, username: str, rolle: str, organ_type: str = Organ.Type.BESTYRELSE):
    user = UserFactory(username=username)
    organ = Organ.objects.filter(helhedsplan=plan, type=organ_type).first() or OrganFactory(
        helhedsplan=plan, type=organ_type
    )
    MedlemskabFactory(person=PersonFactory(user=user, navn=f"{username} Persona"), organ=organ, rolle=rolle)
    return user


@pytest.fixture
def plan_a():
    return HelhedsplanFactory(navn="Helhedsplan Aaparken")


@pytest.fixture
def plan_b():
    return HelhedsplanFactory(navn="Helhedsplan Bøgeparken")


@pytest.fixture
def projektleder_a(plan_a):
    return _member(plan_a, "pl_a", Medlemskab.Rolle.PROJEKTLEDER)


@pytest.fixture
def board_member_a(plan_a):
    return _member(plan_a, "best_a", Medlemskab.Rolle.MEDLEM)


@pytest.fixture
def member_b(plan_b):
    return _member(plan_b, "best_b", Medlemskab.Rolle.MEDLEM)


@pytest.fixture
def lbf_user():
    user = UserFactory(username="lbf")
    user.groups.add(Group.objects.get_or_create(name=settings.LBF_GROUP_NAME)[0])
    return user


def _client_for(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def client_pl_a(client, projektleder_a):
    return _client_for(client, projektleder_a)


@pytest.fixture
def client_board_a(client, board_member_a):
    return _client_for(client, board_member_a)


@pytest.fixture
def client_b(client, member_b):
    return _client_for(client, member_b)


@pytest.fixture
def client_lbf(client, lbf_user):
    return _client_for(client, lbf_user)


def skip_unless_available(available: bool, reason: str) -> None:
    """Skip with ``reason`` when a service is absent locally; in CI
    (PORTAL_REQUIRE_SERVICES=1) a missing service is a failure, never a silent pass."""
    if available:
        return
    if os.environ.get("PORTAL_REQUIRE_SERVICES") == "1":
        pytest.fail(f"Required in CI but unavailable: {reason}")
    pytest.skip(reason)


@pytest.fixture
def formand_a(plan_a):
    return _member(plan_a, "formand_a", Medlemskab.Rolle.FORMAND)


@pytest.fixture
def group_member_a(plan_a, board_member_a):
    """Member of the følgegruppe that follows plan A's delaftale (see report_setup)."""
    from tests.helhedsplaner.factories import report_setup

    setup = report_setup(plan_a)
    user = UserFactory(username="gruppe_a")
    MedlemskabFactory(person=PersonFactory(user=user, navn="Gruppe Persona"), organ=setup["organ"])
    user.setup = setup
    return user


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture
def browser():
    """Headless Chromium (Debian's) driven by Playwright; skips when absent locally."""
    skip_unless_available(
        os.path.exists(CHROMIUM) or bool(shutil.which("chromium")),
        f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)",
    )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is in requirements.txt
        skip_unless_available(False, "the playwright package is not installed")
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the
    # test itself are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def login(page, live_server, username: str, password: str = "demo1234") -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (cached pages and markers of earlier tests)."""
    from django.core.cache import cache

    cache.clear()
