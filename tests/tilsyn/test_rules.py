"""Every rule on a compliant plan (no findings) and on a plan that breaks it."""

import datetime
from decimal import Decimal

import pytest
from django.test import override_settings

from bestyrelser.models import Medlemskab, Moede
from helhedsplaner.models import Aftalestatus, Budgetpost, Statusrapport
from tests.helhedsplaner.factories import (
    BevillingsperiodeFactory,
    BoligorganisationFactory,
    DelaftaleFactory,
    IndsatsomraadeFactory,
    SamarbejdsaftaleFactory,
    StrategiskMaalFactory,
    SucceskriterieFactory,
)
from tilsyn import rules, services
from tilsyn.models import Fund, Planoversigt

from .factories import TODAY, compliant_plan

pytestmark = pytest.mark.django_db


def run(code, plan, today=TODAY):
    return rules.RULES[code](plan, today)


@pytest.fixture
def ok():
    return compliant_plan()


def test_compliant_plan_has_no_findings(ok):
    assert rules.evaluate(ok["plan"], TODAY) == []


def test_every_rule_is_registered_with_title_and_explanation():
    assert set(rules.RULES) == {
        "aftale_godkendt",
        "aendringer_godkendt",
        "delaftaler_daekker",
        "delaftaler_aktuelle",
        "succeskriterier_komplette",
        "bestyrelse_sammensaetning",
        "bestyrelsesmoeder",
        "medfinansiering",
        "rapporter_rettidige",
        "planperiode",
    }
    for r in rules.RULES.values():
        assert r.title and r.checks


@override_settings(COMPLIANCE_MIN_BESTYRELSESMOEDER_PR_AAR=5, COMPLIANCE_LEDELSESNIVEAUER=["direktoer"])
def test_what_a_rule_checks_reads_in_words_with_the_thresholds_in_force():
    texts = {code: r.checks for code, r in rules.RULES.items()}
    assert not [code for code, text in texts.items() if "COMPLIANCE_" in text or "%(" in text]
    assert "mindst 5 møder om året" in texts["bestyrelsesmoeder"]
    assert "(direktør)" in texts["bestyrelse_sammensaetning"]
    assert "inden for de seneste 365 dage" in texts["delaftaler_aktuelle"]
    assert "løber 4 år (± 31 dage)" in texts["planperiode"]
    assert "25 % for 2015-18" in texts["medfinansiering"]


def test_agreement_without_lbf_approval_is_a_finding(ok):
    ok["aftale"].status = Aftalestatus.INDSENDT
    ok["aftale"].godkendt_tidspunkt = None
    ok["aftale"].save()
    [f] = run("aftale_godkendt", ok["plan"])
    assert "Ingen version" in f.besked
    assert f.link.endswith(f"/tilsyn/plan/{ok['plan'].pk}/aftaler/")


def test_expired_approved_agreement_is_a_finding(ok):
    ok["aftale"].gyldig_til = datetime.date(2020, 1, 31)
    ok["aftale"].save()
    [f] = run("aftale_godkendt", ok["plan"])
    assert "ikke gældende" in f.besked


def test_edit_of_approved_criterion_without_new_version_is_a_finding(ok):
    assert run("aendringer_godkendt", ok["plan"]) == []
    k = ok["kriterie"]
    k.maal_vaerdi = Decimal("70")
    k.save()
    [f] = run("aendringer_godkendt", ok["plan"])
    assert "Ændret uden LBF's godkendelse" in f.besked
    assert "succeskriterie" in f.besked


def test_version_awaiting_lbf_is_a_warning(ok):
    SamarbejdsaftaleFactory(
        helhedsplan=ok["plan"], version=2, status=Aftalestatus.INDSENDT, godkendt_tidspunkt=None
    )
    [f] = run("aendringer_godkendt", ok["plan"])
    assert f.alvor == "advarsel" and "venter" in f.besked


def test_chosen_area_without_delaftale_is_a_finding(ok):
    other = IndsatsomraadeFactory(kode="tryghed", navn="Tryghed og trivsel")
    StrategiskMaalFactory(samarbejdsaftale=ok["aftale"], nummer=2, indsatsomraade=other)
    [f] = run("delaftaler_daekker", ok["plan"])
    assert "Tryghed og trivsel" in f.besked


@override_settings(COMPLIANCE_DELAFTALE_MAX_ALDER_DAGE=20)
def test_stale_delaftale_is_a_finding_by_setting(ok):
    [f] = run("delaftaler_aktuelle", ok["plan"])
    assert "30 dage" in f.besked and "20 dage" in f.besked


def test_unapproved_delaftale_is_a_finding(ok):
    ok["delaftale"].status = Aftalestatus.KLADDE
    ok["delaftale"].save()
    [f] = run("delaftaler_aktuelle", ok["plan"])
    assert "ikke godkendt" in f.besked


def test_goal_without_complete_criterion_is_a_finding(ok):
    goal = StrategiskMaalFactory(samarbejdsaftale=ok["aftale"], nummer=2, indsatsomraade=ok["area"])
    SucceskriterieFactory(strategisk_maal=goal, baseline_dato=None)
    goal3 = StrategiskMaalFactory(samarbejdsaftale=ok["aftale"], nummer=3, indsatsomraade=ok["area"])
    findings = run("succeskriterier_komplette", ok["plan"])
    assert [f.besked.split("»")[0] for f in findings] == ["Strategisk mål 2 ", "Strategisk mål 3 "]
    assert "baseline (værdi og dato)" in findings[0].besked
    assert "intet succeskriterie." in findings[1].besked
    assert goal3.titel in findings[1].besked


def test_board_without_municipal_leader_housing_org_or_formand(ok):
    board = ok["board"]
    board.medlemskaber.filter(repraesenterer="kommune").update(
        niveau=Medlemskab.Niveau.MEDARBEJDER, rolle="medlem"
    )
    second = BoligorganisationFactory(navn="Boligselskabet Nord")
    ok["plan"].boligorganisationer.add(second)
    messages = [f.besked for f in run("bestyrelse_sammensaetning", ok["plan"])]
    assert any("fra kommunen" in m for m in messages)
    assert any("Boligselskabet Nord" in m for m in messages)
    assert any("ingen formand" in m for m in messages)
    assert len(messages) == 3


def test_plan_without_board_is_a_finding(ok):
    ok["board"].delete()
    [f] = run("bestyrelse_sammensaetning", ok["plan"])
    assert "ingen boligsocial bestyrelse" in f.besked


@override_settings(COMPLIANCE_LEDELSESNIVEAUER=["direktoer"])
def test_leadership_levels_come_from_settings(ok):
    ok["board"].medlemskaber.filter(repraesenterer="kommune").update(niveau=Medlemskab.Niveau.CHEF)
    [f] = run("bestyrelse_sammensaetning", ok["plan"])
    assert "fra kommunen" in f.besked


def test_too_few_board_meetings_is_a_finding(ok):
    Moede.objects.filter(organ=ok["board"]).first().delete()
    [f] = run("bestyrelsesmoeder", ok["plan"])
    assert "2 møder i 2019" in f.besked and "mindst 3" in f.besked


def test_one_board_meeting_is_written_in_the_singular(ok):
    for moede in Moede.objects.filter(organ=ok["board"])[:2]:
        moede.delete()
    [f] = run("bestyrelsesmoeder", ok["plan"])
    assert "holdt 1 møde i 2019" in f.besked


@override_settings(COMPLIANCE_MIN_BESTYRELSESMOEDER_PR_AAR=2)
def test_meeting_minimum_comes_from_settings(ok):
    Moede.objects.filter(organ=ok["board"]).first().delete()
    assert run("bestyrelsesmoeder", ok["plan"]) == []


def test_low_co_financing_is_a_finding(ok):
    Budgetpost.objects.filter(helhedsplan=ok["plan"], kilde=Budgetpost.Kilde.LBF).update(beloeb=Decimal(9000))
    [f] = run("medfinansiering", ok["plan"])
    assert "0 %" not in f.besked and "mindst 25 %" in f.besked


def test_co_financing_minimum_is_data_of_the_funding_round(ok):
    runde = ok["plan"].bevillingsperiode
    runde.min_medfinansiering_pct = Decimal(30)
    runde.save()
    [f] = run("medfinansiering", ok["plan"])
    assert "mindst 30 %" in f.besked


def test_plan_without_budget_is_a_finding(ok):
    Budgetpost.objects.filter(helhedsplan=ok["plan"]).delete()
    [f] = run("medfinansiering", ok["plan"])
    assert "intet budget" in f.besked


def test_missing_and_late_reports_are_findings(ok):
    reports = list(Statusrapport.objects.filter(delaftale=ok["delaftale"]).order_by("periode_start"))
    reports[0].delete()
    late = reports[1]
    late.indsendt_tidspunkt = late.indsendt_tidspunkt + datetime.timedelta(days=60)
    late.save()
    findings = run("rapporter_rettidige", ok["plan"])
    assert sorted(f.alvor for f in findings) == ["advarsel", "fejl"]
    assert any("mangler" in f.besked for f in findings)
    assert any("efter fristen" in f.besked for f in findings)


def test_plan_period_not_four_years_is_a_finding(ok):
    plan = ok["plan"]
    plan.slutdato = datetime.date(2021, 12, 31)
    plan.save()
    [f] = run("planperiode", plan)
    assert "ikke 4 år" in f.besked


def test_plan_outside_funding_round_is_a_finding(ok):
    plan = ok["plan"]
    plan.bevillingsperiode = BevillingsperiodeFactory(navn="2011-14-midlerne", start_aar=2011, slut_aar=2014)
    plan.save()
    [f] = run("planperiode", plan)
    assert "2011-14-midlerne" in f.besked


def test_audit_replaces_findings_and_summary_idempotently(ok):
    Budgetpost.objects.filter(helhedsplan=ok["plan"]).delete()
    DelaftaleFactory(helhedsplan=ok["plan"], status=Aftalestatus.KLADDE)
    services.plan_audit(plan_id=ok["plan"].pk, today=TODAY)
    services.plan_audit(plan_id=ok["plan"].pk, today=TODAY)
    summary = Planoversigt.objects.get(helhedsplan=ok["plan"])
    assert Fund.objects.filter(helhedsplan=ok["plan"]).count() == summary.antal_fund
    assert set(summary.regler_med_fund) >= {"medfinansiering", "delaftaler_aktuelle"}
    assert summary.antal_brud == summary.antal_fund
