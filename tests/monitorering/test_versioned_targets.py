"""Targets are versioned: each completed period is judged by the agreement version in force
at its end, so approving a new version never re-scores history (README, "Monitoring:
calculation rules")."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from helhedsplaner import versioning as versions
from helhedsplaner.models import Samarbejdsaftale
from monitorering import services
from monitorering.models import Kriteriestatus
from tests.monitorering.factories import monitored_plan

pytestmark = pytest.mark.django_db


def _statuses(plan) -> dict:
    """Per criterion description and period: the status and the target used."""
    return {
        (r.succeskriterie.beskrivelse, r.periode_start): (r.status, r.maal)
        for r in Kriteriestatus.objects.filter(helhedsplan=plan).select_related("succeskriterie")
    }


def _new_version(plan, projektleder, lbf_user, *, rate_target: Decimal) -> Samarbejdsaftale:
    """Draft, edit (the rate criterion's target, with a reason), submit and approve."""
    draft = versions.samarbejdsaftale_draft(user=projektleder, plan=plan)
    data = []
    for goal in draft.strategiske_maal.order_by("nummer"):
        for k in goal.succeskriterier.order_by("id"):
            is_rate = k.beskrivelse == "Færre anmeldelser"
            data.append(
                versions.KriterieData(
                    kriterie=k,
                    beskrivelse=k.beskrivelse,
                    baseline_vaerdi=k.baseline_vaerdi,
                    baseline_dato=k.baseline_dato,
                    maal_vaerdi=rate_target if is_rate else k.maal_vaerdi,
                    maal_dato=k.maal_dato,
                    begrundelse="Kommunens nye mål for tryghed" if is_rate else "",
                )
            )
    versions.samarbejdsaftale_update(
        user=projektleder,
        aftale=draft,
        problemkompleks=draft.problemkompleks,
        gyldig_fra=draft.gyldig_fra,
        gyldig_til=draft.gyldig_til,
        maal=[],
        kriterier=data,
    )
    versions.samarbejdsaftale_submit(user=projektleder, aftale=draft)
    return versions.samarbejdsaftale_approve(user=lbf_user, aftale=draft)


def test_approving_a_lower_target_does_not_change_any_completed_period(plan_a, projektleder_a, lbf_user):
    plan, _crit = monitored_plan(plan_a)
    services.plan_recompute(plan_id=plan.pk)  # today: every period of the 2019-2022 plan has ended
    before = _statuses(plan)
    assert len(before) == 3 * 16

    new = _new_version(plan, projektleder_a, lbf_user, rate_target=Decimal(0))
    services.plan_recompute(plan_id=plan.pk)

    assert _statuses(plan) == before
    # The snapshots now hang on the new version's criteria (one line per criterion).
    assert set(
        Kriteriestatus.objects.filter(helhedsplan=plan).values_list(
            "succeskriterie__strategisk_maal__samarbejdsaftale", flat=True
        )
    ) == {new.pk}


def test_a_new_version_judges_the_periods_from_the_day_it_takes_effect(plan_a, projektleder_a, lbf_user):
    plan, _crit = monitored_plan(plan_a)
    services.plan_recompute(plan_id=plan.pk)
    before = _statuses(plan)
    old = plan.samarbejdsaftaler.get(version=1)
    new = _new_version(plan, projektleder_a, lbf_user, rate_target=Decimal(0))
    # LBF approved version 2 on 10.12.2019 (local time): it judges 4. kvt. 2019 onwards.
    Samarbejdsaftale.objects.filter(pk=new.pk).update(
        godkendt_tidspunkt=datetime.datetime(2019, 12, 10, 9, 0, tzinfo=datetime.UTC)
    )
    services.plan_recompute(plan_id=plan.pk)

    after = _statuses(plan)
    rows = {
        r.periode_start: r
        for r in Kriteriestatus.objects.filter(
            helhedsplan=plan, succeskriterie__beskrivelse="Færre anmeldelser"
        )
    }
    for start, row in rows.items():
        key = ("Færre anmeldelser", start)
        if start < datetime.date(2019, 10, 1):
            assert after[key] == before[key]
            assert (row.maal, row.samarbejdsaftale_id) == (Decimal("60.000"), old.pk)
        else:
            assert (row.maal, row.samarbejdsaftale_id) == (Decimal("0.000"), new.pk)
    # The stricter target puts 4. kvt. 2019 (rate 70 against an expected ~60) at risk.
    assert before["Færre anmeldelser", datetime.date(2019, 10, 1)][0] == "paa_sporet"
    assert after["Færre anmeldelser", datetime.date(2019, 10, 1)][0] == "i_risiko"


def _with_mid_plan_version(plan_a, projektleder_a, lbf_user):
    plan, _crit = monitored_plan(plan_a)
    services.plan_recompute(plan_id=plan.pk)
    new = _new_version(plan, projektleder_a, lbf_user, rate_target=Decimal(0))
    Samarbejdsaftale.objects.filter(pk=new.pk).update(
        godkendt_tidspunkt=datetime.datetime(2019, 12, 10, 9, 0, tzinfo=datetime.UTC)
    )
    services.plan_recompute(plan_id=plan.pk)
    return plan, new


def test_the_criterion_chart_steps_the_target_where_a_version_changed_it(
    plan_a, projektleder_a, lbf_user, client_board_a
):
    plan, new = _with_mid_plan_version(plan_a, projektleder_a, lbf_user)
    rate = new.strategiske_maal.get().succeskriterier.get(beskrivelse="Færre anmeldelser")
    page = client_board_a.get(reverse("bestyrelser:dashboard", args=[plan.pk])).content.decode()
    found = re.search(rf'<script id="fig-kriterie-{rate.pk}" type="application/json">(.*?)</script>', page)
    figure = json.loads(found.group(1))
    target = next(t for t in figure["data"] if t["name"] == "Måltal i kraft")
    assert target["line"]["shape"] == "vh"
    steps = dict(zip(target["x"], target["y"], strict=True))
    assert steps["2019-09-30"] == 60.0 and steps["2019-12-31"] == 0.0
    (note,) = figure["layout"]["annotations"]
    assert (note["x"], note["y"]) == ("2019-12-10", 0.0)  # the day version 2 took effect
    assert note["text"] == "Mål ændret i v2 fra 10.12.2019"
    assert "Kommunens nye mål for tryghed" in note["hovertext"]


def test_the_period_export_shows_the_target_in_force_in_each_period(
    plan_a, projektleder_a, lbf_user, client_board_a
):
    plan, _new = _with_mid_plan_version(plan_a, projektleder_a, lbf_user)
    csv = client_board_a.get(reverse("bestyrelser:dashboard_export", args=[plan.pk, "perioder", "csv"]))
    rows = [line.split(";") for line in csv.content.decode("utf-8-sig").splitlines()]
    rate = {r[1]: r[4] for r in rows if r[0] == "Færre anmeldelser"}
    assert (rate["2019-09-30"], rate["2019-12-31"], rate["2022-12-31"]) == (
        "60,0",
        "0,0",
        "0,0",
    )  # Danish decimals
