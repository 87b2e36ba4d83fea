"""The recipient's pages through the front door: the bell, the list, mark read, preferences,
one-click unsubscribe, the calendar feed and its revocation, LBF's queue."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from bestyrelser.models import Moede
from helhedsplaner.models import Samarbejdsaftale
from notifikationer import services
from notifikationer.models import Notifikation, Praeference
from notifikationer.recipients import profile_for_person, profile_for_user
from notifikationer.services import Content, Notice

pytestmark = pytest.mark.django_db


def notice(w, person, occasion="a", kind="moedepakke"):
    return Notice(
        kind,
        f"moede:{occasion}",
        occasion,
        w["plan"].pk,
        lambda _p: Content(f"Mødepakken er frigivet ({occasion})", "Læs den før mødet.", "/"),
        [profile_for_person(person)],
    )


def test_bell_shows_unread_count_and_list_marks_read(world, client, django_assert_max_num_queries):
    services.notify([notice(world, world["noaddr"], "a"), notice(world, world["noaddr"], "b")])
    client.force_login(world["noaddr"].user)
    page = client.get("/notifikationer/").content.decode()
    assert 'id="notifikationsklokke"' in page and "2 ulæste" in page
    assert "Mødepakken er frigivet (a)" in page
    assert client.get("/notifikationer/antal.json").json() == {
        "ulaeste": 2,
        "tekst": "Notifikationer: 2 ulæste",
    }
    first = Notifikation.objects.filter(modtager=world["noaddr"].user).order_by("pk").first()
    assert client.post(f"/notifikationer/{first.pk}/laest/").status_code == 302
    assert client.get("/notifikationer/antal.json").json()["ulaeste"] == 1
    client.post("/notifikationer/alle-laest/")
    assert not Notifikation.objects.unread().filter(modtager=world["noaddr"].user).exists()


def test_another_users_notice_is_404(world, client):
    services.notify([notice(world, world["noaddr"])])
    n = Notifikation.objects.get()
    client.force_login(world["member"].user)
    assert client.post(f"/notifikationer/{n.pk}/laest/").status_code == 404
    assert Notifikation.objects.get().laest is None


def test_preferences_turn_a_kind_off_but_not_a_mandatory_one(world, client):
    client.force_login(world["pl"].user)
    page = client.get("/notifikationer/indstillinger/").content.decode()
    assert "Skal modtages" in page
    from notifikationer.kinds import CHOOSABLE, KINDS
    from notifikationer.services import DEFAULT_CHOICE

    data = {"sprog": "en"}  # what the browser sends: every select, the checked boxes
    for kind in CHOOSABLE:
        data[f"levering_{kind.code}"] = "straks"
    data["levering_moedepakke"] = "daglig"
    # rapport_frist is mandatory: a crafted post that turns it off is ignored.
    response = client.post("/notifikationer/indstillinger/", {**data, "email_rapport_indsendt": "on"})
    assert response.status_code == 302
    profil = profile_for_user(world["pl"].user)
    assert profil.sprog == "en"
    stored = {p.art: (p.email, p.levering) for p in Praeference.objects.filter(profil=profil)}
    # No row means the default (mail, at once): the choices that are defaults write no row.
    assert "rapport_indsendt" not in stored and "rapport_frist" not in stored
    prefs = {code: stored.get(code, DEFAULT_CHOICE) for code in KINDS}
    assert prefs["rapport_indsendt"] == (True, "straks")
    assert prefs["moedepakke"] == (False, "daglig")
    assert stored.get("rapport_frist", DEFAULT_CHOICE)[0] is True


def test_bad_preference_values_are_refused_and_nothing_changes(world, client):
    client.force_login(world["pl"].user)
    response = client.post("/notifikationer/indstillinger/", {"sprog": "xx", "levering_moedepakke": "aldrig"})
    page = response.content.decode()
    assert (
        response.status_code == 200
        and "Indstillingerne blev ikke gemt" in page
        and "gyldig valgmulighed" in page
    )
    assert not Praeference.objects.exists()


def test_unsubscribe_page_then_one_click(world, client):
    profil = profile_for_person(world["member"])
    url = f"/notifikationer/afmeld/{profil.afmeld_token}/?art=moedepakke"
    assert "Vil du afmelde e-mails om: Mødepakke frigivet?" in client.get(url).content.decode()
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert Praeference.objects.get(profil=profil, art="moedepakke").email is False
    assert client.post("/notifikationer/afmeld/forkert/", {}).status_code == 404


def test_a_mandatory_kind_cannot_be_unsubscribed(world, client):
    profil = profile_for_person(world["pl"])
    response = client.post(f"/notifikationer/afmeld/{profil.afmeld_token}/?art=rapport_frist")
    assert "kan ikke afmeldes" in response.content.decode()
    assert not Praeference.objects.filter(profil=profil, art="rapport_frist", email=False).exists()


def test_calendar_feed_lists_invited_meetings_and_a_renewed_link_revokes_the_old(world, client):
    Moede.objects.create(
        organ=world["board"], tidspunkt=timezone.now() + datetime.timedelta(days=9), sted="Ærøvej 1"
    )
    Moede.objects.create(organ=world["group"], tidspunkt=timezone.now() + datetime.timedelta(days=3))
    profil = profile_for_person(world["member"])
    feed = client.get(f"/notifikationer/kalender/{profil.kalender_token}.ics")
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert body.count("BEGIN:VEVENT") == 1 and "Ærøvej 1" in body  # not the group's meeting
    left = profile_for_person(world["left"])
    assert (
        "BEGIN:VEVENT"
        not in client.get(f"/notifikationer/kalender/{left.kalender_token}.ics").content.decode()
    )
    client.force_login(world["member"].user)
    client.post("/notifikationer/indstillinger/nyt-kalenderlink/")
    assert client.get(f"/notifikationer/kalender/{profil.kalender_token}.ics").status_code == 404


def test_lbf_queue_shows_what_waits_since_when(world, client):
    Samarbejdsaftale.objects.create(
        helhedsplan=world["plan"],
        version=2,
        status="indsendt",
        gyldig_fra=world["plan"].startdato,
        gyldig_til=world["plan"].slutdato,
        indsendt_tidspunkt=timezone.now() - datetime.timedelta(days=6),
    )
    client.force_login(world["lbf"])
    page = client.get("/notifikationer/lbf/koe/").content.decode()
    assert "Samarbejdsaftale version 2" in page and "Helhedsplan Ærøparken" in page and ">6<" in page
    client.force_login(world["pl"].user)
    assert client.get("/notifikationer/lbf/koe/").status_code == 404


def test_list_page_queries_do_not_grow_with_notices(world, client, django_assert_max_num_queries):
    client.force_login(world["noaddr"].user)
    services.notify([notice(world, world["noaddr"], str(i)) for i in range(3)])
    with django_assert_max_num_queries(14):
        small = client.get("/notifikationer/")
    services.notify([notice(world, world["noaddr"], f"x{i}") for i in range(20)])
    with django_assert_max_num_queries(14):
        big = client.get("/notifikationer/")
    assert small.status_code == big.status_code == 200


def test_projektleders_worklist_names_members_without_address(world, client):
    client.force_login(world["pl"].user)
    page = client.get("/").content.decode()
    assert 'id="uden-adresse"' in page and "Uden Adresse" in page
    assert "Bjørn Mølgaard" not in page.split('id="uden-adresse"')[1].split("</ul>")[0]
    assert "Gået Fra" not in page  # left the board
    client.force_login(world["member"].user)
    assert 'id="uden-adresse"' not in client.get("/").content.decode()
