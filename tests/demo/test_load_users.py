"""manage.py load_users: load-test logins only in a generate_scale database, idempotent."""

import json

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from bestyrelser.models import Medlemskab
from demo.management.commands.load_users import PASSWORD
from helhedsplaner.access import plan_roles
from helhedsplaner.models import Aktivitetsregistrering
from tests.helhedsplaner.factories import AktivitetFactory, HelhedsplanFactory

pytestmark = pytest.mark.django_db


def test_refuses_a_database_with_real_plans(plan_a):
    HelhedsplanFactory(lbf_sagsnummer="SKALA-1")
    with pytest.raises(CommandError, match="ligner ikke en benchmark-database"):
        call_command("load_users", "--plans", "1")
    with pytest.raises(CommandError, match="ligner ikke"):
        call_command("load_users", "--cleanup")
    assert not Medlemskab.objects.exists()


def test_refuses_an_empty_database():
    with pytest.raises(CommandError, match="ingen planer"):
        call_command("load_users")


def test_creates_board_member_projektleder_and_lbf_once(tmp_path):
    plans = [HelhedsplanFactory(lbf_sagsnummer=f"SKALA-{i}") for i in (1, 2, 3)]
    aktivitet = AktivitetFactory(delmaal__delaftale__helhedsplan=plans[0])
    out = tmp_path / "users.json"
    call_command("load_users", "--plans", "2", "--out", str(out))
    call_command("load_users", "--plans", "2", "--out", str(out))  # idempotent
    accounts = json.loads(out.read_text())
    assert [a["username"] for a in accounts["board"]] == ["load-board-1", "load-board-2"]
    assert accounts["projektledere"][0] == {
        "username": "load-pl-1",
        "plan": plans[0].pk,
        "aktivitet": aktivitet.pk,
    }
    assert accounts["all_plan_ids"] == [p.pk for p in plans]
    assert Medlemskab.objects.count() == 4
    board = authenticate(RequestFactory().post("/login/"), username="load-board-1", password=PASSWORD)
    pl = authenticate(RequestFactory().post("/login/"), username="load-pl-2", password=PASSWORD)
    lbf = authenticate(RequestFactory().post("/login/"), username="load-lbf", password=PASSWORD)
    assert plan_roles(board, plans[0]).bestyrelsesmedlem and not plan_roles(board, plans[1]).can_view
    assert plan_roles(pl, plans[1]).projektleder
    assert plan_roles(lbf, plans[2]).lbf


def test_cleanup_removes_only_the_load_tests_sessions():
    plan = HelhedsplanFactory(lbf_sagsnummer="SKALA-1")
    aktivitet = AktivitetFactory(delmaal__delaftale__helhedsplan=plan)
    kept = Aktivitetsregistrering.objects.create(
        aktivitet=aktivitet, dato=plan.startdato, timer=2, note="rigtig"
    )
    Aktivitetsregistrering.objects.create(
        aktivitet=aktivitet, dato=plan.startdato, timer=2, note="belastningstest ab12cd34"
    )
    call_command("load_users", "--cleanup")
    assert list(Aktivitetsregistrering.objects.all()) == [kept]
    assert not Aktivitetsregistrering.history.filter(note__startswith="belastningstest").exists()


def test_prefers_plans_that_run_today(tmp_path):
    """A projektleder's load-test session is dated today, which an ended plan refuses: the
    load users go to running plans first."""
    from django.utils import timezone

    today = timezone.localdate().replace(day=1)
    ended = HelhedsplanFactory(
        lbf_sagsnummer="SKALA-1",
        startdato=today.replace(year=today.year - 6),
        slutdato=today.replace(year=today.year - 2),
    )
    running = HelhedsplanFactory(
        lbf_sagsnummer="SKALA-2",
        startdato=today.replace(year=today.year - 1),
        slutdato=today.replace(year=today.year + 3),
    )
    out = tmp_path / "users.json"
    call_command("load_users", "--plans", "1", "--out", str(out))
    assert json.loads(out.read_text())["plan_ids"] == [running.pk]
    call_command("load_users", "--plans", "2", "--out", str(out))
    assert json.loads(out.read_text())["plan_ids"] == [running.pk, ended.pk]
