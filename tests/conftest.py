"""Personas (as healthchecks' alice/bob/charlie): who uses the portal, logged in.

- ``plan_a`` / ``plan_b``: two plans with a bestyrelse each.
- ``projektleder_a``: projektleder of plan A.  ``board_member_a``: member of plan A's board.
- ``member_b``: board member of plan B only.  ``lbf_user``: Landsbyggefonden staff.
"""

import importlib
import io
import os
import shutil
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, transaction
from hypothesis import settings as hypothesis_settings

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


# --- The demo data, seeded once per test session ---------------------------------------------
#
# ``seed_demo`` takes seconds; a dozen tests need its world. The first test that asks seeds it
# once, inside a transaction that is rolled back, and keeps the rows it added in memory; every
# test in a transaction (``db``) that asks for ``demo_data`` gets those rows inserted into its
# own transaction, rolled back afterwards, so it may change the demo data freely: nothing leaks
# into the next test. (pytest-django runs these tests before the transactional ones, whose
# flushes would otherwise change the migrated rows underneath.) Transactional tests (the
# browser tests' live server) still seed for real; see ``demo_data``.


@dataclass
class DemoSnapshot:
    output: str  # what seed_demo printed (the logins)
    tables: list[tuple[str, list[str], list[tuple]]] = field(default_factory=list)


def _pk_columns() -> dict[str, str]:
    from django.apps import apps

    return {
        model._meta.db_table: model._meta.pk.column
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def _read(cursor, table: str) -> tuple[list[str], list[tuple]]:
    cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - model table names
    return [c[0] for c in cursor.description], [tuple(row) for row in cursor.fetchall()]


def _lock_trigger_tables() -> list[str]:
    """Tables whose inserts the status-report lock triggers check against the reports:
    restored before the reports, so a locked report's rows go in (migration 0004)."""
    migration = importlib.import_module("helhedsplaner.migrations.0004_statusrapport_laas")
    return list(migration.CHILD_TABLES)


def _capture_seed() -> DemoSnapshot:
    from django.test import TestCase

    pks = _pk_columns()
    with connection.cursor() as cursor:
        before = {}
        for table, pk in pks.items():
            columns, rows = _read(cursor, table)
            before[table] = {row[columns.index(pk)]: row for row in rows}
    out = io.StringIO()
    with transaction.atomic():
        # Run the on-commit work (outbox, recomputes) as a real commit would.
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("seed_demo", "--uden-landsdata", stdout=out)
        snapshot = DemoSnapshot(output=out.getvalue())
        with connection.cursor() as cursor:
            for table, pk in pks.items():
                columns, rows = _read(cursor, table)
                index = columns.index(pk)
                after = {row[index]: row for row in rows}
                changed = [k for k, row in before[table].items() if after.get(k) != row]
                if changed:  # the snapshot only adds rows; it cannot replay changes or deletes
                    raise RuntimeError(f"seed_demo changed or deleted rows of {table}: {changed[:5]}")
                new = [row for key, row in after.items() if key not in before[table]]
                if new:
                    snapshot.tables.append((table, columns, new))
        transaction.set_rollback(True)
    first = _lock_trigger_tables()
    snapshot.tables.sort(key=lambda t: (t[0] not in first, t[0]))
    return snapshot


def restore_demo(snapshot: DemoSnapshot) -> None:
    from django.apps import apps
    from django.core.management.color import no_style

    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:  # deferred foreign keys checked at the end
        for table, columns, rows in snapshot.tables:
            per_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
            chunk = max(1, 900 // len(columns))
            head = f"INSERT INTO {qn(table)} ({', '.join(qn(c) for c in columns)}) VALUES "  # noqa: S608
            for start in range(0, len(rows), chunk):
                part = rows[start : start + chunk]
                cursor.execute(head + ", ".join([per_row] * len(part)), [v for row in part for v in row])
        tables = {table for table, _, _ in snapshot.tables}
        models = [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in tables]
        for sql in connection.ops.sequence_reset_sql(no_style(), models):  # explicit ids (PostgreSQL)
            cursor.execute(sql)


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker) -> DemoSnapshot:
    """The demo data's rows, seeded once per session (see ``demo_data``)."""
    with django_db_blocker.unblock():
        return _capture_seed()


@pytest.fixture
def demo_data(request) -> str:
    """The demo world (``seed_demo``) in this test's database; returns seed_demo's output.
    Needs ``django_db`` on the test; ask for it before any fixture that writes rows.

    A test in a transaction (``db``) gets the session's snapshot. A transactional test
    (``transactional_db``, ``live_server``) seeds for real: the flush after each such test
    also deletes the migrations' rows (content types, permissions, criteria sets), which the
    post-migrate signal recreates with new ids, so the snapshot's references would not fit."""
    if not connection.in_atomic_block:
        out = io.StringIO()
        call_command("seed_demo", "--uden-landsdata", stdout=out)
        return out.getvalue()
    snapshot = request.getfixturevalue("demo_snapshot")
    restore_demo(snapshot)
    return snapshot.output


# --- Property tests: the same examples on every run, so CI cannot flake on a new one ----------
hypothesis_settings.register_profile("portal", derandomize=True, database=None)
hypothesis_settings.load_profile("portal")
