"""Each row of the table (notifikationer/kinds.py) that an event triggers: who gets it, who
does not (someone who left the board, another plan, the one who acted), and nothing twice.
Mail goes through Django's SMTP backend to a real SMTP server on loopback."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from bestyrelser import services as board
from bestyrelser.models import Kommentar, Medlemskab, Moede
from helhedsplaner import services, versioning
from helhedsplaner.models import Delmaalstatus, Samarbejdsaftale
from helhedsplaner.signals import send_on_commit
from monitorering.signals import import_finished
from notifikationer import events
from notifikationer.models import Afsendelse, Notifikation
from tilsyn import exports as tilsyn_exports
from tilsyn import services as tilsyn_services
from tilsyn.models import Eksport

pytestmark = pytest.mark.django_db
TESTED_KINDS = {
    "rapport_indsendt",
    "rapport_returneret",
    "version_venter",
    "version_afgjort",
    "moedepakke",
    "moede_kalender",
    "spoergsmaal",
    "import",
    "eksport",
}


def addresses(smtp) -> list[str]:
    return sorted(str(m["To"]) for m in smtp.messages)


def submitted(w, commit):
    pl = w["pl"].user
    rapport = w["rapport"]
    with commit(execute=True):
        services.statusrapport_save_draft(
            user=pl,
            rapport=rapport,
            fortaelling="Forældrekurserne er fulde; æ, ø og å kommer igennem.",
            delmaal_status={d.pk: (Delmaalstatus.Status.PAA_SPORET, "") for d in w["delmaal"]},
            vaerdier=[services.KriterieVaerdi(kriterie=w["kriterie"], vaerdi=Decimal(12))],
            expected_revision=rapport.revision,
        )
        rapport.refresh_from_db()
        services.statusrapport_submit(user=pl, rapport=rapport)
    rapport.refresh_from_db()
    return rapport


def test_submitted_report_goes_to_the_foelgegruppe_chair_only(
    world, smtp, django_capture_on_commit_callbacks
):
    submitted(world, django_capture_on_commit_callbacks)
    assert addresses(smtp) == ["chair@example.org"]
    assert "venter på din accept" in smtp.messages[0]["Subject"]


def test_accepted_report_goes_to_the_board_members_who_approve(
    world, smtp, django_capture_on_commit_callbacks
):
    rapport = submitted(world, django_capture_on_commit_callbacks)
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.statusrapport_accept(user=world["chair"].user, rapport=rapport)
    # The board (formand and member); not the projektleder's seat, not who left, not plan B.
    assert addresses(smtp) == ["formand@example.org", "medlem@example.org"]
    # The member without an address gets it in the portal only.
    assert Notifikation.objects.filter(modtager=world["noaddr"].user, art="rapport_indsendt").count() == 1
    assert not Notifikation.objects.filter(modtager=world["left"].user).exists()


def test_returned_report_goes_to_the_projektleder_with_the_comment(
    world, smtp, django_capture_on_commit_callbacks
):
    rapport = submitted(world, django_capture_on_commit_callbacks)
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.statusrapport_return(
            user=world["chair"].user, rapport=rapport, kommentar="Ret delmål 2, tak."
        )
    assert addresses(smtp) == ["pl@example.org"]
    assert "Ret delmål 2, tak." in smtp.messages[0].get_body(("plain",)).get_content()


def test_a_resubmitted_report_is_a_new_occasion_but_a_redelivered_event_is_not(
    world, smtp, django_capture_on_commit_callbacks
):
    from notifikationer import events

    rapport = submitted(world, django_capture_on_commit_callbacks)
    payload = {"rapport_id": rapport.pk, "action": "indsendt", "user_id": world["pl"].user.pk}
    assert events.handle("statusrapport", payload) == 0  # the same event again: nothing twice
    assert len(smtp.messages) == 1


def _agreement_submitted(w, commit):
    with commit(execute=True):
        draft = versioning.samarbejdsaftale_draft(user=w["pl"].user, plan=w["plan"])
        versioning.samarbejdsaftale_submit(user=w["pl"].user, aftale=draft)
    return Samarbejdsaftale.objects.get(pk=draft.pk)


def test_agreement_version_waiting_goes_to_lbf(world, smtp, django_capture_on_commit_callbacks):
    _agreement_submitted(world, django_capture_on_commit_callbacks)
    assert addresses(smtp) == ["lbf@example.org"]


def test_agreement_decision_goes_to_projektleder_and_formand(world, smtp, django_capture_on_commit_callbacks):
    aftale = _agreement_submitted(world, django_capture_on_commit_callbacks)
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        versioning.samarbejdsaftale_reject(
            user=world["lbf"], aftale=aftale, kommentar="Mangler mål for tryghed."
        )
    assert addresses(smtp) == ["formand@example.org", "pl@example.org"]
    assert "Mangler mål for tryghed." in smtp.messages[0].get_body(("plain",)).get_content()


def _meeting(w, commit, **fields) -> Moede:
    moede = Moede(
        organ=w["board"],
        tidspunkt=timezone.now() + datetime.timedelta(days=20),
        sted="Fælleshuset, Ærøvej 1",
        **fields,
    )
    with commit(execute=True):
        board.moede_save(user=w["pl"].user, moede=moede)
    return moede


def test_meeting_scheduled_moved_cancelled_update_one_calendar_event(
    world, smtp, django_capture_on_commit_callbacks
):
    moede = _meeting(world, django_capture_on_commit_callbacks)
    # Invited: the board's active members (not the projektleder who scheduled it, not who left).
    assert addresses(smtp) == ["formand@example.org", "medlem@example.org"]
    moede.refresh_from_db()
    moede.tidspunkt += datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        board.moede_save(user=world["pl"].user, moede=moede, expected_revision=moede.revision)
    moede.refresh_from_db()
    moede.status = Moede.Status.AFLYST
    with django_capture_on_commit_callbacks(execute=True):
        board.moede_save(user=world["pl"].user, moede=moede, expected_revision=moede.revision)
    icals = [
        part.get_content()
        for m in smtp.to("medlem@example.org")
        for part in m.iter_attachments()
        if part.get_content_type() == "text/calendar"
    ]
    assert len(icals) == 3
    uids = {line for ics in icals for line in ics.splitlines() if line.startswith("UID:")}
    assert uids == {f"UID:moede-{moede.pk}@portal.example.org"}
    assert [next(x for x in ics.splitlines() if x.startswith("SEQUENCE")) for ics in icals] == [
        "SEQUENCE:0",
        "SEQUENCE:1",
        "SEQUENCE:2",
    ]
    assert "METHOD:CANCEL" in icals[2] and "STATUS:CANCELLED" in icals[2]


def test_boardpack_released_goes_to_invited_with_link(world, smtp, django_capture_on_commit_callbacks):
    moede = _meeting(world, django_capture_on_commit_callbacks)
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        board.boardpack_release(user=world["formand"].user, moede=moede, data={"sektioner": []})
    assert addresses(smtp) == ["medlem@example.org", "pl@example.org"]  # not the formand who released it
    body = smtp.messages[0].get_body(("plain",)).get_content()
    assert f"https://portal.example.org/planer/{world['plan'].pk}/moeder/{moede.pk}/pakke/" in body


def test_question_goes_to_projektleder_and_answer_to_the_asker(
    world, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        q = board.kommentar_add(
            user=world["member"].user, succeskriterie=world["kriterie"], tekst="Hvorfor så få?"
        )
    assert addresses(smtp) == ["pl@example.org"]
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        board.kommentar_add(
            user=world["pl"].user, succeskriterie=world["kriterie"], tekst="Kurset startede sent.", svar_paa=q
        )
    assert addresses(smtp) == ["medlem@example.org"]
    assert Kommentar.objects.count() == 2


def test_import_finished_goes_to_who_started_it_only(world, smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_on_commit(
            import_finished, batch_id=999999, ok=False, user_id=world["pl"].user.pk, fejl="Kolonne mangler"
        )
    assert addresses(smtp) == ["pl@example.org"]
    assert "Kolonne mangler" in smtp.messages[0].get_body(("plain",)).get_content()
    assert Afsendelse.objects.filter(art="import").count() == 1


# --- Background exports (tilsyn) -------------------------------------------------------------


def _order_export(w, client, commit) -> Eksport:
    """The projektleder asks for plan A's activities as a background export (the button on
    the page a GET shows posts to the same URL); the job runs on the (eager) worker."""
    client.force_login(w["pl"].user)
    url = reverse("tilsyn:plan_export", args=[w["plan"].pk, "aktiviteter", "csv"]) + "?baggrund=1"
    assert 'method="post"' in client.get(url).content.decode()
    with commit(execute=True):
        response = client.post(url)
    job = Eksport.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    return job


def test_finished_export_goes_to_who_ordered_it_with_the_link(
    world, smtp, client, django_capture_on_commit_callbacks
):
    job = _order_export(world, client, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == Eksport.Status.FAERDIG
    # Only the one who ordered it: not the plan's board, not LBF.
    assert addresses(smtp) == ["pl@example.org"]
    message = smtp.messages[0]
    assert "Eksporten er klar" in message["Subject"] and "Aktiviteter og registreringer" in message["Subject"]
    link = f"https://portal.example.org{reverse('tilsyn:eksport_detail', args=[job.pk])}"
    assert link in message.get_body(("plain",)).get_content()
    notice = Notifikation.objects.get(art="eksport")
    assert notice.modtager == world["pl"].user and notice.sti == job.get_absolute_url()
    assert Afsendelse.objects.filter(art="eksport").count() == 1
    # The link leads the orderer to the finished file.
    page = client.get(notice.sti)
    assert page.status_code == 200
    assert reverse("tilsyn:eksport_download", args=[job.pk]) in page.content.decode()


def test_export_notice_is_not_sent_twice(world, smtp, client, django_capture_on_commit_callbacks):
    job = _order_export(world, client, django_capture_on_commit_callbacks)
    # The event delivered again (even naming someone else), and the task run again.
    payload = {"eksport_id": job.pk, "ok": True, "user_id": world["formand"].user.pk, "fejl": ""}
    assert events.handle("eksport", payload) == 0
    with django_capture_on_commit_callbacks(execute=True):
        tilsyn_services.eksport_run(eksport_id=job.pk)
    assert addresses(smtp) == ["pl@example.org"]
    assert Notifikation.objects.filter(art="eksport").count() == 1


def test_failed_export_tells_who_ordered_it_the_reason_once(
    world, smtp, client, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise ValueError("Databasen svarede ikke – prøv igen")

    monkeypatch.setattr(tilsyn_exports, "build_table", broken)
    job = _order_export(world, client, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == Eksport.Status.FEJLET
    assert addresses(smtp) == ["pl@example.org"]
    assert "Eksporten fejlede" in smtp.messages[0]["Subject"]
    body = smtp.messages[0].get_body(("plain",)).get_content()
    assert "Databasen svarede ikke – prøv igen" in body
    assert f"https://portal.example.org{job.get_absolute_url()}" in body
    # The worker retries and fails again: the same failure is not told twice.
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValueError):
        tilsyn_services.eksport_run(eksport_id=job.pk)
    assert len(smtp.messages) == 1
    assert list(Notifikation.objects.values_list("modtager__username", "art")) == [("pl", "eksport")]


def test_export_notice_goes_nowhere_when_the_orderer_has_left_the_plan(
    world, smtp, django_capture_on_commit_callbacks
):
    pl = world["pl"].user
    job = tilsyn_services.eksport_request(
        user=pl, art="aktiviteter", format="csv", parametre={}, plan_id=world["plan"].pk
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Medlemskab.objects.filter(person=world["pl"]).update(til=yesterday)
    with django_capture_on_commit_callbacks(execute=True):
        tilsyn_services.eksport_run(eksport_id=job.pk)
    assert Eksport.objects.get(pk=job.pk).status == Eksport.Status.FAERDIG
    assert smtp.messages == []
    assert not Notifikation.objects.exists()


def test_lbf_export_notice_needs_lbf_rights_when_it_ends(world, smtp, django_capture_on_commit_callbacks):
    lbf = world["lbf"]
    job = tilsyn_services.eksport_request(user=lbf, art="oversigt", format="xlsx", parametre={})
    with django_capture_on_commit_callbacks(execute=True):
        tilsyn_services.eksport_run(eksport_id=job.pk)
    assert addresses(smtp) == ["lbf@example.org"]
    # Ordered again by someone who has since left LBF: the overview is not announced to them.
    job2 = tilsyn_services.eksport_request(user=lbf, art="oversigt", format="csv", parametre={})
    lbf.groups.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tilsyn_services.eksport_run(eksport_id=job2.pk)
    assert len(smtp.messages) == 1
