"""The received MIME over a real SMTP server: both parts, headers, RFC 8058 unsubscribe,
absolute links, Danish characters, the recipient's language; failures and bounces."""

from __future__ import annotations

import datetime
import smtplib

import pytest
from django.utils import timezone

from notifikationer import services
from notifikationer.models import Afsendelse
from notifikationer.recipients import profile_for_person
from notifikationer.services import Content, Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """notify() and run what it queues after the commit (the outbox → the deliver task)."""

    def run(notices):
        with django_capture_on_commit_callbacks(execute=True):
            return services.notify(notices)

    return run


def _notice(w, person, kind="rapport_returneret", occasion="t1"):
    return Notice(
        kind,
        f"statusrapport:{w['rapport'].pk}",
        occasion,
        w["plan"].pk,
        lambda _p: Content(
            "Statusrapport returneret: Ærøparken – Tryghed og trivsel",
            "Rettelser ønskes på delmål 2.\n\nHilsen Åse fra følgegruppen.",
            w["rapport"].get_absolute_url(),
        ),
        [profile_for_person(person)],
    )


def test_mail_is_multipart_with_unsubscribe_headers_links_and_danish(world, send, smtp):
    send([_notice(world, world["pl"])])
    [msg] = smtp.messages
    assert msg["To"] == "pl@example.org"
    assert msg["Subject"].strip() == "Statusrapport returneret: Ærøparken – Tryghed og trivsel"
    assert msg.get_content_type() == "multipart/alternative"
    plain, html = msg.get_body(("plain",)), msg.get_body(("html",))
    assert plain is not None and html is not None
    text, markup = plain.get_content(), html.get_content()
    link = f"https://portal.example.org{world['rapport'].get_absolute_url()}"
    assert link in text and f'href="{link}"' in markup
    assert "Hilsen Åse fra følgegruppen." in text and "Hilsen Åse fra følgegruppen." in markup
    profil = profile_for_person(world["pl"])
    unsubscribe = (
        f"https://portal.example.org/notifikationer/afmeld/{profil.afmeld_token}/?art=rapport_returneret"
    )
    assert msg["List-Unsubscribe"].strip() == f"<{unsubscribe}>"  # folded onto its own line
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.replace("&", "&amp;") in markup and unsubscribe in text
    assert msg["Auto-Submitted"] == "auto-generated"
    assert 'lang="da"' in markup and "Åbn i portalen" in markup


def test_mail_is_in_the_recipients_language(world, send, smtp):
    profil = profile_for_person(world["pl"])
    profil.sprog = "en"
    profil.save()
    send([_notice(world, world["pl"])])
    markup = smtp.messages[0].get_body(("html",)).get_content()
    assert 'lang="en"' in markup


def test_one_click_unsubscribe_by_post_turns_the_kind_off(world, send, smtp, client):
    send([_notice(world, world["member"], kind="moedepakke")])
    url = smtp.messages[0]["List-Unsubscribe"].strip().strip("<>").replace("https://portal.example.org", "")
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    smtp.messages.clear()
    send([_notice(world, world["member"], kind="moedepakke", occasion="t2")])
    assert smtp.messages == []  # no mail; still in the portal
    assert world["member"].user.notifikationer.filter(art="moedepakke").count() == 2


def test_a_refused_address_is_marked_bounced_and_recorded_as_failed(world, send, smtp):
    smtp.refuse.add("medlem@example.org")
    send([_notice(world, world["member"])])
    row = Afsendelse.objects.get(profil__person=world["member"])
    assert row.status == Afsendelse.Status.FEJLET and "550" in row.fejl
    profil = profile_for_person(world["member"])
    assert profil.bounced and profil.afvist_adresse == "medlem@example.org"
    # Next notice: in the portal only, no mail attempt.
    send([_notice(world, world["member"], occasion="t2")])
    assert Afsendelse.objects.get(profil=profil, anledning="t2").status == Afsendelse.Status.KUN_I_PORTALEN
    # A corrected address clears the bounce.
    world["member"].email = "bjoern@example.org"
    world["member"].save()
    assert not profile_for_person(world["member"]).bounced


def test_a_server_that_is_down_leaves_the_mail_queued_then_a_final_failure_is_recorded(
    world, send, smtp, settings
):
    settings.EMAIL_PORT = 1  # nothing listens there
    send([_notice(world, world["pl"])])
    row = Afsendelse.objects.get(profil__person=world["pl"])
    assert row.status == Afsendelse.Status.I_KOE and row.forsoeg == 1 and row.fejl
    with pytest.raises(services.TransientMailError):
        services.deliver(afsendelse_id=row.pk)
    assert services.deliver(afsendelse_id=row.pk, final=True) == Afsendelse.Status.FEJLET


def test_a_temporary_smtp_error_is_retried_not_failed(world, send, smtp, monkeypatch):
    calls = []

    def flaky(self):
        calls.append(1)
        if len(calls) == 1:
            raise smtplib.SMTPResponseException(451, b"Proev igen")
        return original(self)

    from django.core.mail import EmailMessage

    original = EmailMessage.send
    monkeypatch.setattr(EmailMessage, "send", flaky)
    send([_notice(world, world["pl"])])
    row = Afsendelse.objects.get(profil__person=world["pl"])
    assert row.status == Afsendelse.Status.I_KOE and "451" in row.fejl
    assert services.deliver(afsendelse_id=row.pk) == Afsendelse.Status.SENDT
    assert len(smtp.messages) == 1 and len(calls) == 2


def test_someone_who_left_the_board_gets_nothing_even_if_named(world, send, smtp):
    send([_notice(world, world["left"])])
    assert smtp.messages == [] and not Afsendelse.objects.exists()


def test_access_is_checked_again_when_the_mail_is_built(world, send, smtp, settings):
    settings.EMAIL_PORT = 1
    send([_notice(world, world["member"])])
    row = Afsendelse.objects.get()
    world["member"].medlemskaber.update(til=timezone.localdate() - datetime.timedelta(days=1))
    assert services.deliver(afsendelse_id=row.pk) == Afsendelse.Status.BORTFALDET


def test_a_person_without_address_gets_it_in_the_portal_only(world, send, smtp):
    send([_notice(world, world["noaddr"])])
    assert smtp.messages == []
    assert Afsendelse.objects.get().status == Afsendelse.Status.KUN_I_PORTALEN
    assert world["noaddr"].user.notifikationer.count() == 1
