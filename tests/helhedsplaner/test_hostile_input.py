"""Hostile input and bounded resources (issue 13): a number nobody could mean is a Danish
field error and never reaches the database (findings 5); a mangled revision posted to a
report transition is a bad request that changes nothing (finding 4)."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from helhedsplaner import limits
from helhedsplaner.models import Aktivitetsregistrering, Deltagertal, Statusrapport
from tests.helhedsplaner.factories import (
    AktivitetFactory,
    AktivitetsregistreringFactory,
    BudgetpostFactory,
    DeltagertalFactory,
    MaalgruppeFactory,
    SucceskriterieFactory,
    report_setup,
)

pytestmark = pytest.mark.django_db
HUGE = "9223372036854775807"  # 2**63 - 1: what was typed once and broke the plan page


@pytest.fixture
def aktivitet(plan_a, projektleder_a):
    return AktivitetFactory(
        delmaal=report_setup(plan_a)["delmaal"][0],
        startdato=datetime.date(2019, 1, 15),
        maalgrupper=[MaalgruppeFactory(navn="Børn 6-12 år")],
    )


def test_a_huge_participant_count_is_a_danish_field_error_and_the_plan_page_still_renders(
    client_pl_a, plan_a, aktivitet
):
    gruppe = aktivitet.maalgrupper.get()
    response = client_pl_a.post(
        reverse("helhedsplaner:registrering_create", args=[plan_a.pk, aktivitet.pk]),
        {"dato": "2019-02-05", "timer": "2", f"deltagere_{gruppe.pk}": HUGE},
    )
    assert response.status_code == 200
    assert "Denne værdi skal være mindre end eller lig" in response.content.decode()
    assert not Aktivitetsregistrering.objects.exists()
    assert client_pl_a.get(reverse("helhedsplaner:plan_detail", args=[plan_a.pk])).status_code == 200


def test_huge_hours_are_a_field_error(client_pl_a, plan_a, aktivitet):
    response = client_pl_a.post(
        reverse("helhedsplaner:registrering_create", args=[plan_a.pk, aktivitet.pk]),
        {"dato": "2019-02-05", "timer": "10000,01"},
    )
    assert response.status_code == 200
    assert "Denne værdi skal være mindre end eller lig" in response.content.decode()
    assert not Aktivitetsregistrering.objects.exists()


def test_the_largest_allowed_count_is_accepted(client_pl_a, plan_a, aktivitet):
    gruppe = aktivitet.maalgrupper.get()
    response = client_pl_a.post(
        reverse("helhedsplaner:registrering_create", args=[plan_a.pk, aktivitet.pk]),
        {"dato": "2019-02-05", "timer": "2", f"deltagere_{gruppe.pk}": str(limits.MAX_DELTAGERE)},
    )
    assert response.status_code == 302
    assert Deltagertal.objects.get().antal == limits.MAX_DELTAGERE


@pytest.mark.parametrize(
    ("make", "value"),
    [
        (lambda v: DeltagertalFactory(antal=v), limits.MAX_DELTAGERE + 1),
        (lambda v: AktivitetsregistreringFactory(timer=v), limits.MAX_TIMER + Decimal("0.01")),
        (lambda v: BudgetpostFactory(beloeb=v), limits.MAX_BELOEB + 1),
        (lambda v: SucceskriterieFactory(maal_vaerdi=v), limits.MAX_VAERDI + 1),
        (lambda v: SucceskriterieFactory(baseline_vaerdi=v), -limits.MAX_VAERDI - 1),
    ],
    ids=["deltagere", "timer", "beloeb", "maal_vaerdi", "baseline_vaerdi"],
)
def test_the_database_refuses_a_value_written_around_the_form(make, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        make(value)


@pytest.mark.parametrize("revision", ["²", "1" * 30, "-1", "1.0", ""])
def test_a_mangled_revision_on_a_report_transition_is_a_bad_request(client_pl_a, plan_a, revision):
    rapport = report_setup(plan_a)["rapport"]
    before = (rapport.status, rapport.revision)
    response = client_pl_a.post(
        reverse("helhedsplaner:statusrapport_transition", args=[plan_a.pk, rapport.pk, "indsend"]),
        {"revision": revision},
    )
    assert response.status_code == 400
    rapport.refresh_from_db()
    assert (rapport.status, rapport.revision) == before == (Statusrapport.Status.KLADDE, 1)


def test_a_mangled_delmaal_filter_on_the_activity_form_is_ignored(client_pl_a, plan_a, aktivitet):
    for value in ["²", "1" * 30, "abc"]:
        response = client_pl_a.get(
            reverse("helhedsplaner:aktivitet_create", args=[plan_a.pk]), {"delmaal": value}
        )
        assert response.status_code == 200
