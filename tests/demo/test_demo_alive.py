"""The demo is alive whenever it runs: its dates follow the day it is seeded (frozen here on
two dates in different quarters), a given date always gives the same data, a second run on
the same day changes nothing, each board's formand can log in and act, and the national
set is there for LBF only."""

from __future__ import annotations

import datetime
import io

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import RequestFactory
from freezegun import freeze_time

from bestyrelser.models import Moede, Person, Referatstatus
from helhedsplaner.access import meeting_permissions, plan_roles, report_permissions
from helhedsplaner.models import Aftalestatus, Helhedsplan, Statusrapport
from helhedsplaner.periods import period_containing, reporting_periods
from helhedsplaner.selectors import overdue_reports
from monitorering.models import Kriteriestatus
from tilsyn.models import Fund, Planoversigt

pytestmark = pytest.mark.django_db

# Two days in different quarters: one just after the last quarter's report deadline has
# passed (day 64 of the quarter), one inside the deadline (day 16 of the next quarter).
DAYS = [datetime.date(2026, 12, 3), datetime.date(2027, 1, 16)]


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", "--uden-landsdata", *args, stdout=out)
    return out.getvalue()


def plan(name: str) -> Helhedsplan:
    return Helhedsplan.objects.get(navn__startswith=f"Helhedsplan {name}")


def login(username: str):
    user = authenticate(RequestFactory().post("/login/"), username=username, password="demo1234")
    assert user is not None, username
    return user


def fingerprint() -> dict[str, list]:
    """Every demo row that a date determines, by natural key (not by id)."""
    return {
        "plans": list(
            Helhedsplan.objects.order_by("navn").values_list("navn", "startdato", "slutdato", "status")
        ),
        "reports": sorted(
            Statusrapport.objects.values_list(
                "delaftale__helhedsplan__navn", "delaftale__indsatsomraade__kode", "periode_start", "status"
            )
        ),
        "meetings": sorted(
            Moede.objects.values_list("organ__navn", "tidspunkt", "status", "referat_status", "referat")
        ),
        "statuses": sorted(
            Kriteriestatus.objects.values_list(
                "helhedsplan__navn",
                "succeskriterie__beskrivelse",
                "periode_start",
                "status",
                "faktisk",
                "maal",
            )
        ),
    }


def history_counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label in {"helhedsplaner", "bestyrelser", "monitorering"}
    }


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_three_plans_follow_the_day_the_demo_is_seeded(today):
    with freeze_time(f"{today.isoformat()} 10:00:00"):
        seed()
        running, starting, finished = plan("Solbakken"), plan("Mågeparken"), plan("Lærkevangen")

        # One plan in its second year, with the current quarter open ...
        assert running.status == Helhedsplan.Status.I_GANG
        assert 365 <= (today - running.startdato).days < 730
        current = period_containing(running, today)
        assert current is not None and current.start.month in (1, 4, 7, 10)
        assert not Statusrapport.objects.filter(delaftale__helhedsplan=running, periode_start=current.start)
        # ... last quarter's reports in every state before locking, and exactly one overdue.
        last = reporting_periods(running, until=today)[-1]
        states = set(
            Statusrapport.objects.filter(
                delaftale__helhedsplan=running, periode_start=last.start
            ).values_list("status", flat=True)
        )
        S = Statusrapport.Status
        assert states == {S.KLADDE, S.INDSENDT, S.ACCEPTERET, S.GODKENDT}
        assert Statusrapport.objects.filter(delaftale__helhedsplan=running, status=S.LAAST).exists()
        [overdue] = overdue_reports([running], today=today)
        assert overdue.periode.frist < today

        # One plan just starting: its agreement awaits LBF, its board can already log in.
        assert starting.startdato > today and starting.status == Helhedsplan.Status.SENDT
        assert list(starting.samarbejdsaftaler.values_list("status", flat=True)) == [Aftalestatus.INDSENDT]
        assert not Statusrapport.objects.filter(delaftale__helhedsplan=starting).exists()
        assert Moede.objects.filter(organ__helhedsplan=starting, status=Moede.Status.PLANLAGT).exists()

        # One finished plan: every report in, none overdue, no meeting after today.
        assert finished.slutdato < today and finished.status == Helhedsplan.Status.AFSLUTTET
        assert overdue_reports([finished], today=today) == []
        assert len(reporting_periods(finished)) == 16
        assert not Moede.objects.filter(organ__helhedsplan=finished, tidspunkt__date__gte=today).exists()

        # Every demo person has an address under example.org.
        assert Person.objects.exists()
        assert not Person.objects.exclude(email__endswith="@example.org").exists()
        assert not get_user_model().objects.exclude(email__endswith="@example.org").exists()


@pytest.mark.parametrize("key", ["solbakken", "laerkevangen", "maageparken"])
def test_each_board_has_a_formand_login(demo_data, key):
    user = login(f"formand.{key}")
    [visible] = Helhedsplan.objects.visible_to(user)
    roles = plan_roles(user, visible)
    assert roles.formand and roles.bestyrelsesmedlem and not roles.projektleder
    assert key[:4] in visible.navn.lower().replace("æ", "ae").replace("å", "aa")


def test_the_formand_of_the_running_plan_has_minutes_to_approve_and_may_unlock_reports(demo_data):
    user = login("formand.solbakken")
    running = plan("Solbakken")
    circulated = Moede.objects.filter(
        organ__helhedsplan=running, referat_status=Referatstatus.UDSENDT, status=Moede.Status.AFHOLDT
    )
    assert circulated.exists()
    board_meeting = circulated.get(organ__type="bestyrelse")
    assert meeting_permissions(user, board_meeting.organ).approve_minutes
    approved = Statusrapport.objects.filter(
        delaftale__helhedsplan=running, status=Statusrapport.Status.GODKENDT
    ).first()
    assert report_permissions(user, approved).unlock
    assert not report_permissions(login("bestyrelse.solbakken"), approved).unlock


def test_the_same_date_gives_the_same_demo_and_a_second_run_changes_nothing():
    day = "2027-01-16"

    class Rollback(Exception):
        pass

    with pytest.raises(Rollback), transaction.atomic():
        seed("--today", day)
        first = fingerprint()
        raise Rollback
    seed("--today", day)
    assert fingerprint() == first
    counts = history_counts()
    seed("--today", day)
    assert history_counts() == counts  # not even a history row
    assert fingerprint() == first


def test_a_bad_today_is_refused_in_danish():
    with pytest.raises(CommandError, match="Ugyldig dato"):
        seed("--today", "3.12.2026")
    assert not Helhedsplan.objects.exists()


def test_the_national_set_is_generated_for_lbf_only():
    out = io.StringIO()
    call_command("seed_demo", "--today", "2026-12-03", stdout=out)
    national = Helhedsplan.objects.filter(lbf_sagsnummer__startswith="LBF-LAND-")
    assert national.count() >= 40
    assert national.values("kommune").distinct().count() >= 20
    assert national.values("kommune__region").distinct().count() == 5
    assert set(national.values_list("bevillingsperiode__navn", flat=True)) == {
        "2015-18-midlerne",
        "2019-26-midlerne",
    }
    assert {Helhedsplan.Status.AFSLUTTET, Helhedsplan.Status.I_GANG} <= set(
        national.values_list("status", flat=True)
    )
    # Visible to LBF and the superuser only; every demo member sees just their own plan.
    with freeze_time("2026-12-03 10:00:00"):
        for username in ("lbf", "admin"):
            assert (
                Helhedsplan.objects.visible_to(login(username)).filter(pk__in=national).count()
                == national.count()
            )
        for username in (
            get_user_model().objects.exclude(username__in=["lbf", "admin"]).values_list("username", flat=True)
        ):
            assert not Helhedsplan.objects.visible_to(login(username)).filter(pk__in=national).exists(), (
                username
            )
    # Monitoring computed by the engine from the measurements, with a real spread of statuses.
    statuses = set(Kriteriestatus.objects.filter(helhedsplan__in=national).values_list("status", flat=True))
    assert len(statuses) >= 3, statuses
    # LBF's overview and compliance findings: every plan audited, findings differ between plans.
    assert Planoversigt.objects.filter(helhedsplan__in=national).count() == national.count()
    rules = set(Fund.objects.filter(helhedsplan__in=national).values_list("regel", flat=True))
    assert len(rules) >= 4, rules
    fund_counts = set(
        Planoversigt.objects.filter(helhedsplan__in=national).values_list("antal_fund", flat=True)
    )
    assert len(fund_counts) >= 3
    assert "48 genererede planer" in out.getvalue()
