"""A person's rights: export everything held about them, and anonymise them everywhere."""

import io
import json

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError

from bestyrelser.models import Boardpack, Moede, Person
from helhedsplaner.models import Statusrapport
from persondata import gdpr, personal_data
from tests.persondata.gdpr_data import BRUGERNAVN, EMAIL, NAVN, ORIGINALS, rich_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def gudrun(plan_a, projektleder_a, board_member_a, client):
    data = rich_person(plan_a, projektleder_a)
    client.force_login(data["user"])  # an open session
    return data


def history_counts() -> dict[str, int]:
    """Rows per history table, by the tracked model's label."""
    return {
        personal_data.tracked_model(m)._meta.label: m.objects.count()
        for m in apps.get_models()
        if personal_data.tracked_model(m) is not None
    }


def test_export_person_writes_every_category_as_json(gudrun, tmp_path):
    target = tmp_path / "gudrun.json"
    call_command("export_person", str(gudrun["person"].pk), "--output", str(target), stderr=io.StringIO())
    data = json.loads(target.read_text(encoding="utf-8"))

    assert data["person"] == {
        "id": gudrun["person"].pk,
        "navn": NAVN,
        "stilling": "Formand",
        "email": EMAIL,
        "telefon": "+45 29 47 13 58",
    }
    assert data["brugerkonto"]["username"] == BRUGERNAVN
    assert data["brugerkonto"]["har_adgangskode"] is True
    assert [(m["rolle"], m["organtype"]) for m in data["medlemskaber"]] == [("formand", "bestyrelse")]
    assert data["roller"]["planer"][0]["formand"] is True
    assert {d["status"] for d in data["moededeltagelse"]} == {"afbud"}
    assert [h["tekst"] for h in data["handlingspunkter"]] == ["Indhent tilbud"]
    assert [a["navn"] for a in data["ansvar_for_aktiviteter"]] == ["Lektiecafé"]
    assert [k["art"] for k in data["spoergsmaal_og_svar"]] == ["spørgsmål"]
    assert data["enighedsmaaling"]["invitationer"][0]["har_svaret"] is True
    assert "kan ikke knyttes" in data["enighedsmaaling"]["besvarelser"]
    authored = {(c["model"], c["art"]) for c in data["aendringer"]}
    assert ("bestyrelser.Kommentar", "oprettet") in authored
    assert ("bestyrelser.Boardpack", "oprettet") in authored
    referenced = {(r["model"], r["felt"]) for r in data["henvisninger"]}
    assert {
        ("helhedsplaner.Aktivitetsregistrering", "registreret_af"),
        ("monitorering.ImportBatch", "importeret_af"),
        ("bestyrelser.Boardpack", "frigivet_af"),
        ("helhedsplaner.Maalaendring", "oprettet_af"),
        ("enighed.Enighedsmaaling", "oprettet_af"),
    } <= referenced
    assert len(data["login"]["aktive_sessioner"]) == 1
    assert data["login"]["administrationslog"][0]["objekt"] == NAVN


def test_export_person_to_stdout_and_unknown_person():
    with pytest.raises(CommandError, match="Ingen person med id 999"):
        call_command("export_person", "999")


def test_anonymise_person_leaves_no_trace_of_name_or_contact_data(gudrun):
    before = history_counts()
    assert gdpr.leftover_occurrences(ORIGINALS), "the scan must find the data before anonymising"

    out = io.StringIO()
    call_command("anonymise_person", str(gudrun["person"].pk), "--reason", "Anmodning 27.11.2026", stdout=out)

    pseudonym = gdpr.pseudonym_for(gudrun["person"].pk)
    assert f"anonymiseret som {pseudonym}" in out.getvalue()
    assert gdpr.leftover_occurrences(ORIGINALS) == []
    # History keeps every row (one more for the person: the anonymisation itself).
    after = history_counts()
    assert after.pop("bestyrelser.Person") == before.pop("bestyrelser.Person") + 1
    assert after == before


def test_anonymised_history_keeps_who_did_what_under_the_pseudonym(gudrun):
    person, user = gudrun["person"], gudrun["user"]
    authored = Boardpack.history.filter(history_user=user).count()
    gdpr.person_anonymise(person_id=person.pk, reason="Anmodning")

    pseudonym = gdpr.pseudonym_for(person.pk)
    person.refresh_from_db()
    user.refresh_from_db()
    assert (person.navn, person.email, person.telefon, person.stilling) == (pseudonym, "", "", "")
    assert set(person.history.values_list("navn", flat=True)) == {pseudonym}
    assert person.history.first().history_change_reason == "Anonymiseret (GDPR): Anmodning"
    assert (user.username, user.first_name, user.last_name, user.email) == (pseudonym, "", "", "")
    assert not user.is_active and not user.has_usable_password()
    assert not Session.objects.exists()
    assert Boardpack.history.filter(history_user=user).count() == authored
    assert pseudonym in Moede.objects.get(pk=gudrun["moede"].pk).referat
    assert pseudonym in json.dumps(Boardpack.objects.get(pk=gudrun["pack"].pk).data)
    rapport = Statusrapport.objects.get(pk=gudrun["rapport"].pk)
    assert rapport.status == Statusrapport.Status.LAAST
    assert rapport.fortaelling == f"Forløbet er fulgt af {pseudonym}."


def test_anonymise_twice_changes_nothing_more(gudrun):
    gdpr.person_anonymise(person_id=gudrun["person"].pk)
    counts = history_counts()
    result = gdpr.person_anonymise(person_id=gudrun["person"].pk)
    assert set(result.rettet) <= {"bestyrelser.Person", "bestyrelser.HistoricalPerson", "auth.User"}
    counts["bestyrelser.Person"] += 1
    assert history_counts() == counts


def test_anonymise_does_not_touch_another_person_with_the_same_name(gudrun, plan_a):
    namesake = Person.objects.create(navn=NAVN)
    gdpr.person_anonymise(person_id=gudrun["person"].pk)
    namesake.refresh_from_db()
    assert namesake.navn == NAVN
    assert set(namesake.history.values_list("navn", flat=True)) == {NAVN}


def test_anonymise_command_requires_a_reason_and_a_known_actor(gudrun):
    with pytest.raises(CommandError):
        call_command("anonymise_person", str(gudrun["person"].pk))
    with pytest.raises(CommandError, match="Ingen bruger med brugernavnet nobody"):
        call_command("anonymise_person", str(gudrun["person"].pk), "--reason", "x", "--by", "nobody")
    assert Person.objects.get(pk=gudrun["person"].pk).navn == NAVN
