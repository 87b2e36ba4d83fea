"""A plan's organisation built in the portal (issue 14): bodies, the delaftaler they follow,
members with organisation, level and role, and invitations; through the services and the
pages (happy path, invalid input, forbidden user)."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from bestyrelser import organisering
from bestyrelser.models import Medlemskab, Organ
from helhedsplaner.models import Forvaltning, Helhedsplan
from portal.errors import NotAllowed, ServiceError
from tests.helhedsplaner.factories import DelaftaleFactory

pytestmark = pytest.mark.django_db


def _data(**overrides) -> organisering.MedlemData:
    values = {
        "navn": "Karen Lund",
        "email": "karen@example.dk",
        "stilling": "Børne- og ungechef",
        "rolle": Medlemskab.Rolle.MEDLEM,
        "repraesenterer": Medlemskab.Repraesenterer.KOMMUNE,
        "niveau": Medlemskab.Niveau.CHEF,
        "fra": datetime.date(2026, 1, 1),
        "forvaltning_navn": "Børne- og Ungeforvaltningen",
        "forvaltning_omraade": Forvaltning.Omraade.BOERN_UNGE,
    }
    values.update(overrides)
    return organisering.MedlemData(**values)


def test_projektleder_adds_a_group_that_follows_a_delaftale(plan_a, projektleder_a):
    delaftale = DelaftaleFactory(helhedsplan=plan_a)
    board = Organ.objects.get(helhedsplan=plan_a, type=Organ.Type.BESTYRELSE)
    group = Organ(helhedsplan=plan_a, navn="Følgegruppe", type=Organ.Type.FOELGEGRUPPE, rapporterer_til=board)
    organisering.organ_save(user=projektleder_a, organ=group, daekker=[delaftale])
    assert list(group.daekker.all()) == [delaftale]
    assert group.history.first().history_user == projektleder_a


def test_a_second_board_is_refused_with_a_clear_message(plan_a, projektleder_a):
    second = Organ(helhedsplan=plan_a, navn="Endnu en bestyrelse", type=Organ.Type.BESTYRELSE)
    with pytest.raises(ValidationError, match="allerede en boligsocial bestyrelse"):
        organisering.organ_save(user=projektleder_a, organ=second, daekker=[])


def test_a_group_member_may_not_change_the_organisation(plan_a, group_member_a):
    organ = Organ(helhedsplan=plan_a, navn="Forum", type=Organ.Type.BEBOERFORUM)
    with pytest.raises(NotAllowed):
        organisering.organ_save(user=group_member_a, organ=organ, daekker=[])


def test_a_finished_plan_keeps_its_organisation(plan_a, projektleder_a):
    Helhedsplan.objects.filter(pk=plan_a.pk).update(status=Helhedsplan.Status.AFSLUTTET)
    plan_a.refresh_from_db()
    with pytest.raises(ServiceError, match="afsluttet"):
        organisering.organ_save(
            user=projektleder_a, organ=Organ(helhedsplan=plan_a, navn="Ny", type="forum"), daekker=[]
        )


def test_a_kommune_member_gets_a_forvaltning_an_account_and_an_invitation(
    plan_a, projektleder_a, django_capture_on_commit_callbacks
):
    board = Organ.objects.get(helhedsplan=plan_a, type=Organ.Type.BESTYRELSE)
    with django_capture_on_commit_callbacks(execute=True):
        member = organisering.medlemskab_add(
            user=projektleder_a, organ=board, data=_data(inviter=True), base_url="http://testserver/"
        )
    assert member.forvaltning.navn == "Børne- og Ungeforvaltningen"
    assert member.forvaltning.kommune == plan_a.kommune
    assert member.person.user is not None and not member.person.user.has_usable_password()
    assert [m.to for m in mail.outbox] == [["karen@example.dk"]]
    assert "/konto/invitation/" in mail.outbox[0].body


def test_a_kommune_member_without_forvaltning_is_refused_and_nothing_is_saved(plan_a, projektleder_a):
    board = Organ.objects.get(helhedsplan=plan_a, type=Organ.Type.BESTYRELSE)
    before = Medlemskab.objects.count()
    with pytest.raises(ValidationError, match="forvaltning"):
        organisering.medlemskab_add(
            user=projektleder_a, organ=board, data=_data(forvaltning_navn=""), base_url="http://testserver/"
        )
    assert Medlemskab.objects.count() == before


# --- The pages -----------------------------------------------------------------------------


def test_organ_page_creates_a_group(client_pl_a, plan_a):
    delaftale = DelaftaleFactory(helhedsplan=plan_a)
    url = reverse("bestyrelser:organ_create", args=[plan_a.pk])
    response = client_pl_a.post(
        url, {"navn": "Styregruppe for tryghed", "type": "styregruppe", "daekker": [delaftale.pk]}
    )
    assert response.status_code == 302
    assert Organ.objects.get(helhedsplan=plan_a, navn="Styregruppe for tryghed").daekker.get() == delaftale


def test_organ_page_shows_errors_for_a_missing_name(client_pl_a, plan_a):
    response = client_pl_a.post(reverse("bestyrelser:organ_create", args=[plan_a.pk]), {"type": "forum"})
    assert response.status_code == 400
    assert not Organ.objects.filter(helhedsplan=plan_a, type="forum").exists()


def test_member_page_is_refused_to_a_group_member(client, group_member_a, plan_a):
    client.force_login(group_member_a)
    board = Organ.objects.get(helhedsplan=plan_a, type=Organ.Type.BESTYRELSE)
    assert client.get(reverse("bestyrelser:medlem_create", args=[plan_a.pk, board.pk])).status_code == 403


def test_member_page_adds_a_member(client_pl_a, plan_a):
    board = Organ.objects.get(helhedsplan=plan_a, type=Organ.Type.BESTYRELSE)
    response = client_pl_a.post(
        reverse("bestyrelser:medlem_create", args=[plan_a.pk, board.pk]),
        {
            "navn": "Poul Politi",
            "rolle": "medlem",
            "repraesenterer": "politi",
            "organisation": "Sydøstjyllands Politi",
            "niveau": "chef",
            "fra": "2026-01-01",
        },
    )
    assert response.status_code == 302
    member = board.medlemskaber.get(person__navn="Poul Politi")
    assert member.repraesentation == "Sydøstjyllands Politi"
