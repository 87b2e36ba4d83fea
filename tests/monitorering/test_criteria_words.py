"""The Områdeprofil in words (issue 18): each category's yes, no or undecided as a Danish
sentence naming the criteria, their values and thresholds (monitorering.criteria)."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from monitorering import criteria
from monitorering.models import Omraadestatus
from tests.helhedsplaner.factories import BoligomraadeFactory

pytestmark = pytest.mark.django_db


def classify(year=2023, national="0.9", history=None, **values):
    v = criteria.Values(
        residents=values.pop("residents", 2000),
        **{k: None if x is None else D(str(x)) for k, x in values.items()},
    )
    return criteria.classify(criteria.kriteriesaet_for(year), year, v, D(national), history or {})


def words(result, kode):
    return result.kategorier[kode].begrundelse


def test_yes_names_every_condition_with_values_and_thresholds():
    r = classify(outside_work_edu_pct=45, basic_edu_pct=64, income_pct_of_region=60, convicted_factor="1.2")
    assert words(r, "udsat_boligomraade") == (
        "Ja, fordi området har 2.000 beboere, mindst 1.000 og 2 af 4 kriterier er opfyldt, og der "
        "kræves mindst 2 (andelen uden tilknytning til arbejdsmarked eller uddannelse (kriterium A) "
        "er 45 %, over tærsklen på 40 % og andelen med kun grundskole (kriterium C) er 64 %, over "
        "tærsklen på 60 %)."
    )


def test_no_names_only_what_fails():
    r = classify(outside_work_edu_pct=45, basic_edu_pct=64, income_pct_of_region=60, nonwestern_pct=35)
    assert r.kategorier["parallelsamfund"].udfald is False
    assert words(r, "parallelsamfund") == (
        "Nej, fordi andelen med ikke-vestlig baggrund er 35 %, ikke over tærsklen på 50 %."
    )
    # the old formula stays for the audit and the tooltip
    assert r.kategorier["parallelsamfund"].forklaring.endswith("⇒ nej")


def test_no_because_too_few_criteria_lists_those_not_met():
    r = classify(outside_work_edu_pct=20, basic_edu_pct=50, income_pct_of_region=70, convicted_factor=1)
    assert words(r, "udsat_boligomraade").startswith(
        "Nej, fordi 0 af 4 kriterier er opfyldt, og der kræves mindst 2; andelen uden tilknytning"
    )
    assert "andelen dømte (kriterium B) er 1 gange landsgennemsnittet, under tærsklen på 3 gange" in words(
        r, "udsat_boligomraade"
    )


def test_undecided_says_what_is_unknown():
    r = classify(outside_work_edu_pct=45, basic_edu_pct=None, income_pct_of_region=None, nonwestern_pct=None)
    text = words(r, "udsat_boligomraade")
    assert r.kategorier["udsat_boligomraade"].udfald is None
    assert text.startswith("Uafgjort, fordi 1 af 4 kriterier er opfyldt")
    assert "3 kriterier kendes ikke" in text
    assert "andelen med ikke-vestlig baggrund kendes ikke (tærsklen er 50 %)" in words(r, "parallelsamfund")


def test_a_missing_national_average_is_said_in_words():
    r = criteria.classify(
        criteria.kriteriesaet_for(2023),
        2023,
        criteria.Values(residents=2000, outside_work_edu_pct=D(45), convicted_pct=D(3)),
        None,
        {},
    )
    expected = "tærsklen for andelen dømte (kriterium B) kendes ikke, fordi landsgennemsnittet for året"
    assert expected in words(r, "udsat_boligomraade")


def test_history_in_words():
    history = {y: {"parallelsamfund": True} for y in (2019, 2020, 2021)} | {2022: {"parallelsamfund": False}}
    r = classify(
        history=history, outside_work_edu_pct=45, basic_edu_pct=64, income_pct_of_region=50, nonwestern_pct=60
    )
    assert "området skal have været på listen de 4 foregående år, men var ikke i 2022" in words(
        r, "omdannelsesomraade"
    )


def test_the_profile_shows_the_sentences_without_hovering(client, lbf_user):
    omraade = BoligomraadeFactory()
    Omraadestatus.objects.create(
        boligomraade=omraade,
        aar=2023,
        kriteriesaet=criteria.kriteriesaet_for(2023),
        antal_beboere=2000,
        a_uden_beskaeftigelse_pct=D(45),
        c_kun_grundskole_pct=D(64),
        d_indkomst_pct=D(60),
        ikke_vestlig_pct=D(35),
        kategori=Omraadestatus.Kategori.UDSAT,
    )
    client.force_login(lbf_user)
    page = client.get(reverse("monitorering:omraade_profil", args=[omraade.pk])).content.decode()
    assert "Nej, fordi andelen med ikke-vestlig baggrund er 35 %, ikke over tærsklen på 50 %." in page
    assert "Ja, fordi området har 2.000 beboere" in page
