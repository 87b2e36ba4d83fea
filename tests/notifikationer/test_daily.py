"""The time-based rows of the table and ``manage.py send_notifications``: its exact interface,
one JSON line per queued message, nothing twice for the same day, --dry-run records nothing."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from bestyrelser import services as board
from bestyrelser.models import Dagsordenspunkt, Handlingspunkt, Moede
from helhedsplaner.models import Samarbejdsaftale, Statusrapport
from helhedsplaner.periods import reporting_periods
from notifikationer.models import Afsendelse, Organindstilling, Praeference
from notifikationer.recipients import profile_for_person

pytestmark = pytest.mark.django_db
TESTED_KINDS = {"rapport_frist", "handlingspunkt", "moede_oversigt", "version_venter", "daglig_oversigt"}


def run(day: datetime.date, *args: str) -> list[dict]:
    out = io.StringIO()
    call_command("send_notifications", "--today", day.isoformat(), *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def first_deadline(w) -> datetime.date:
    Statusrapport.objects.filter(delaftale=w["delaftale"]).delete()  # no report written yet
    return reporting_periods(w["plan"])[0].frist


def test_report_due_in_7_days_goes_to_the_projektleder(world, smtp, commit):
    frist = first_deadline(world)
    with commit():
        lines = run(frist - datetime.timedelta(days=7))
    assert [(x["kind"], x["to"]) for x in lines] == [("rapport_frist", "pl@example.org")]
    assert lines[0]["object"] == f"delaftale:{world['delaftale'].pk}"
    assert [str(m["To"]) for m in smtp.messages] == ["pl@example.org"]
    assert run(frist - datetime.timedelta(days=6)) == []  # no reminder the next day


def test_overdue_report_the_day_after_then_weekly_and_the_chair_after_14_days(world, smtp, commit):
    frist = first_deadline(world)
    day = datetime.timedelta(days=1)
    with commit():
        assert [x["to"] for x in run(frist + day)] == ["pl@example.org"]
        assert run(frist + 2 * day) == []
        assert [x["to"] for x in run(frist + 8 * day)] == ["pl@example.org"]
        assert sorted(x["to"] for x in run(frist + 15 * day)) == ["chair@example.org", "pl@example.org"]
    assert len(smtp.messages) == 4


def test_a_submitted_report_ends_the_reminders(world, smtp):
    frist = reporting_periods(world["plan"])[0].frist
    Statusrapport.objects.filter(pk=world["rapport"].pk).update(
        status=Statusrapport.Status.INDSENDT, indsendt_tidspunkt=timezone.now()
    )
    assert run(frist + datetime.timedelta(days=1)) == []


def test_a_second_run_for_the_same_day_queues_nothing_and_dry_run_records_nothing(world, smtp, commit):
    frist = first_deadline(world)
    today = frist + datetime.timedelta(days=1)
    dry = run(today, "--dry-run")
    assert [x["kind"] for x in dry] == ["rapport_frist"]
    assert not Afsendelse.objects.exists() and smtp.messages == []
    with commit():
        first = run(today)
    assert first == dry
    assert run(today) == [] and run(today, "--dry-run") == []
    assert len(smtp.messages) == 1


def _meeting_with_item(w, commit, days_ahead: int, frist: datetime.date):
    with commit():
        moede = board.moede_save(
            user=w["pl"].user,
            moede=Moede(
                organ=w["board"],
                tidspunkt=timezone.now() + datetime.timedelta(days=days_ahead),
                sted="Ærøvej 1",
            ),
        )
    punkt = Dagsordenspunkt.objects.create(
        moede=moede, nummer=5, titel="Tryghedsvandringer", type="beslutning"
    )
    item = Handlingspunkt.objects.create(
        dagsordenspunkt=punkt, tekst="Indkald til møde", ansvarlig=w["member"], frist=frist
    )
    return moede, item


def test_action_item_3_days_before_and_the_day_after_to_its_owner_only(world, smtp, commit):
    today = timezone.localdate()
    _moede, item = _meeting_with_item(world, commit, 30, today + datetime.timedelta(days=3))
    smtp.messages.clear()
    with commit():
        lines = [x for x in run(today) if x["kind"] == "handlingspunkt"]
    assert [x["to"] for x in lines] == ["medlem@example.org"]
    assert [x for x in run(today + datetime.timedelta(days=1)) if x["kind"] == "handlingspunkt"] == []
    with commit():
        lines = [x for x in run(item.frist + datetime.timedelta(days=1)) if x["kind"] == "handlingspunkt"]
    assert [x["to"] for x in lines] == ["medlem@example.org"]
    item.status = Handlingspunkt.Status.UDFOERT
    item.save()
    assert [x for x in run(item.frist + datetime.timedelta(days=8)) if x["kind"] == "handlingspunkt"] == []


def test_digest_before_meeting_n_days_before_to_the_invited(world, smtp, commit):
    Organindstilling.objects.create(organ=world["board"], dage_foer_moede=3)
    moede, _item = _meeting_with_item(world, commit, 10, timezone.localdate() - datetime.timedelta(days=2))
    smtp.messages.clear()
    day = timezone.localtime(moede.tidspunkt).date() - datetime.timedelta(days=3)
    with commit():
        lines = [x for x in run(day) if x["kind"] == "moede_oversigt"]
    # Active members of the board (no one who left, nobody from plan B); no address: user id.
    assert sorted(x["to"] for x in lines) == sorted(
        ["formand@example.org", "medlem@example.org", "pl@example.org", str(world["noaddr"].user.pk)]
    )
    body = smtp.to("medlem@example.org")[0].get_body(("plain",)).get_content()
    assert "5. Tryghedsvandringer" in body and "Indkald til møde" in body and "(overskredet)" in body
    assert [x for x in run(day - datetime.timedelta(days=1)) if x["kind"] == "moede_oversigt"] == []
    assert [x for x in run(day) if x["kind"] == "moede_oversigt"] == []  # nothing twice


def test_lbf_daily_digest_of_waiting_versions(world, smtp, commit):
    Samarbejdsaftale.objects.create(
        helhedsplan=world["plan"],
        version=2,
        status="indsendt",
        gyldig_fra=world["plan"].startdato,
        gyldig_til=world["plan"].slutdato,
        indsendt_tidspunkt=timezone.now() - datetime.timedelta(days=4),
    )
    today = timezone.localdate()
    with commit():
        lines = [x for x in run(today) if x["kind"] == "version_venter"]
    assert [x["to"] for x in lines] == ["lbf@example.org"]
    assert "venter siden" in smtp.to("lbf@example.org")[0].get_body(("plain",)).get_content()
    assert [x for x in run(today) if x["kind"] == "version_venter"] == []


def test_daily_digest_collects_for_those_who_chose_it(world, smtp, commit):
    profil = profile_for_person(world["pl"])
    Praeference.objects.create(profil=profil, art="rapport_frist", levering="daglig")
    frist = first_deadline(world)
    with commit():
        lines = run(frist + datetime.timedelta(days=1))
    assert sorted(x["kind"] for x in lines) == ["daglig_oversigt", "rapport_frist"]
    assert len(smtp.messages) == 1 and "Daglig oversigt" in smtp.messages[0]["Subject"]
    assert Afsendelse.objects.get(art="rapport_frist").status == Afsendelse.Status.SENDT
    assert run(frist + datetime.timedelta(days=1)) == []


def test_bad_date_is_refused_with_a_danish_message(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="skal være en dato"):
        call_command("send_notifications", "--today", "2026-13-45")
