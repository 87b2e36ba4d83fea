"""The calculation rules (README "Monitoring: calculation rules"), one by one, without a database."""

import datetime
from decimal import Decimal as D

import pytest

from monitorering.engine import reference as a
from monitorering.engine import rules as r
from monitorering.models import Indikator, Sporstatus

Art, Agg = Indikator.Art, Indikator.Aggregering
HOEJERE, LAVERE = Indikator.Retning.HOEJERE, Indikator.Retning.LAVERE

Q = r.plan_periods(datetime.date(2019, 1, 1), datetime.date(2019, 12, 31))


def obs(month: int, vaerdi=None, taeller=None, naevner=None):
    day = {3: 31, 6: 30, 9: 30, 12: 31}.get(month, 15)
    return a.Obs(
        slut=datetime.date(2019, month, day),
        vaerdi=None if vaerdi is None else D(vaerdi),
        taeller=None if taeller is None else D(taeller),
        naevner=None if naevner is None else D(naevner),
    )


def actuals(art, agg, observations):
    return a.actual_values(art, agg, a.assign(Q, observations), Q)


def test_quarterly_and_half_yearly_periods_start_at_the_plan_start():
    assert [(p.start.isoformat(), p.slut.isoformat()) for p in Q] == [
        ("2019-01-01", "2019-03-31"),
        ("2019-04-01", "2019-06-30"),
        ("2019-07-01", "2019-09-30"),
        ("2019-10-01", "2019-12-31"),
    ]
    halves = r.plan_periods(datetime.date(2018, 7, 1), datetime.date(2019, 6, 30), "halvaar")
    assert [(p.start, p.slut) for p in halves] == [
        (datetime.date(2018, 7, 1), datetime.date(2018, 12, 31)),
        (datetime.date(2019, 1, 1), datetime.date(2019, 6, 30)),
    ]


def test_only_completed_periods_count():
    assert r.completed(Q, datetime.date(2019, 7, 1)) == Q[:2]
    assert r.completed(Q, datetime.date(2019, 6, 30)) == Q[:1]


def test_an_observation_belongs_to_the_period_its_end_falls_in_and_outside_ones_are_dropped():
    buckets = a.assign(
        Q, [obs(2, 1), obs(3, 2), obs(4, 3), a.Obs(slut=datetime.date(2020, 1, 5), vaerdi=D(9))]
    )
    assert [len(b) for b in buckets] == [2, 1, 0, 0]


def test_count_sum_per_period_adds_the_observations_of_the_period():
    assert actuals(Art.ANTAL, Agg.SUM_PR_PERIODE, [obs(1, 10), obs(2, 5), obs(6, 7)]) == [
        D(15),
        D(7),
        None,
        None,
    ]


def test_count_cumulative_adds_every_period_since_the_start():
    assert actuals(Art.ANTAL, Agg.KUMULATIV, [obs(1, 10), obs(2, 5), obs(6, 7), obs(12, 1)]) == [
        D(15),
        D(22),
        D(22),
        D(23),
    ]


def test_sum_latest_is_the_latest_period_with_data():
    assert actuals(Art.SUM, Agg.SENESTE, [obs(3, "2.5"), obs(9, 4)]) == [D("2.5"), D("2.5"), D(4), D(4)]


def test_a_latest_value_older_than_the_staleness_limit_is_no_data():
    periods = r.plan_periods(datetime.date(2019, 1, 1), datetime.date(2020, 12, 31))
    values = a.actual_values(Art.ANTAL, Agg.SENESTE, a.assign(periods, [obs(3, 5)]), periods)
    assert values[:5] == [D(5)] * 5  # up to 400 days after the observation's period
    assert values[5:] == [None, None, None]


def test_percentage_pools_numerators_and_denominators_within_a_period():
    # 10/20 and 30/40 → 40/60 = 66.67 %, not (50 + 75) / 2 and never 50 + 75.
    value = a.period_value(Art.PROCENT, [obs(1, 50, 10, 20), obs(2, 75, 30, 40)])
    assert r.q3(value) == D("66.667")


def test_percentage_without_numerators_is_the_mean_of_values():
    assert a.period_value(Art.PROCENT, [obs(1, 50), obs(2, 70)]) == D(60)


def test_percentages_are_never_summed_across_periods_even_when_cumulative():
    values = actuals(Art.PROCENT, Agg.KUMULATIV, [obs(3, 50, 10, 20), obs(6, 100, 20, 20)])
    # pooled since the start: 30/40 = 75 %, not 150 %
    assert values[:2] == [D(50), D(75)]
    assert max(v for v in values if v is not None) <= 100
    per_period = actuals(Art.PROCENT, Agg.SUM_PR_PERIODE, [obs(3, 50, 10, 20), obs(6, 100, 20, 20)])
    assert per_period == [D(50), D(100), None, None]


def test_rate_per_thousand_pools_counts_over_residents():
    assert a.period_value(Art.RATE, [obs(3, None, 84, 2000)]) == D(42)
    assert actuals(Art.RATE, Agg.KUMULATIV, [obs(3, None, 10, 1000), obs(6, None, 30, 1000)])[1] == D(20)


def test_average_pools_totals_over_counts_or_means_values():
    assert a.period_value(Art.GENNEMSNIT, [obs(1, None, 30, 3), obs(2, None, 10, 2)]) == D(8)
    assert a.period_value(Art.GENNEMSNIT, [obs(1, 4), obs(2, 6)]) == D(5)


def test_expected_value_is_the_straight_path_from_baseline_to_target():
    b, t = datetime.date(2019, 1, 1), datetime.date(2023, 1, 1)
    assert r.expected_value(D(50), D(60), b, t, datetime.date(2021, 1, 1)) == D(50) + D(10) * D(731) / D(1461)
    assert r.expected_value(D(50), D(60), b, t, datetime.date(2018, 1, 1)) == D(50)
    assert r.expected_value(D(50), D(60), b, t, datetime.date(2024, 1, 1)) == D(60)


@pytest.mark.parametrize(
    ("actual", "expected_status"),
    [
        ("55", Sporstatus.PAA_SPORET),  # exactly expected
        ("54", Sporstatus.PAA_SPORET),  # short by exactly the tolerance
        ("53.9", Sporstatus.I_RISIKO),  # short by more than the tolerance
        ("53", Sporstatus.I_RISIKO),  # short by exactly 2 × tolerance
        ("52.9", Sporstatus.IKKE_PAA_SPORET),
        ("70", Sporstatus.PAA_SPORET),  # ahead of the path
        (None, Sporstatus.INGEN_DATA),
    ],
)
def test_status_higher_is_better(actual, expected_status):
    tol = r.tolerance(D(50), D(60), D(10))  # 1.0
    value = None if actual is None else D(actual)
    assert r.status(value, D(55), tol, HOEJERE) == expected_status


@pytest.mark.parametrize(
    ("actual", "expected_status"),
    [
        ("45", Sporstatus.PAA_SPORET),
        ("46", Sporstatus.PAA_SPORET),
        ("46.5", Sporstatus.I_RISIKO),
        ("48", Sporstatus.IKKE_PAA_SPORET),
        ("30", Sporstatus.PAA_SPORET),
    ],
)
def test_status_lower_is_better_respects_the_direction(actual, expected_status):
    tol = r.tolerance(D(50), D(40), D(10))  # 1.0
    assert r.status(D(actual), D(45), tol, LAVERE) == expected_status


def test_tolerance_is_configurable_per_criterion():
    assert r.status(D("53.9"), D(55), r.tolerance(D(50), D(60), D(20)), HOEJERE) == Sporstatus.PAA_SPORET
    assert r.status(D("54.9"), D(55), r.tolerance(D(50), D(60), D(0)), HOEJERE) == Sporstatus.IKKE_PAA_SPORET


def test_missing_baseline_or_target_is_no_data():
    kriterie = a.Kriterie(
        id=1,
        art=Art.ANTAL,
        aggregering=Agg.KUMULATIV,
        retning=HOEJERE,
        baseline=None,
        maal=D(60),
        baseline_dato=datetime.date(2019, 1, 1),
        maal_dato=datetime.date(2019, 12, 31),
        tolerance_pct=D(10),
    )
    results = a.evaluate(kriterie, Q, [obs(1, 5)])
    assert {r.status for r in results} == {Sporstatus.INGEN_DATA}
    assert results[0].faktisk == D(5)


def test_evaluate_gives_actual_expected_tolerance_and_status_per_period():
    kriterie = a.Kriterie(
        id=1,
        art=Art.ANTAL,
        aggregering=Agg.KUMULATIV,
        retning=HOEJERE,
        baseline=D(0),
        maal=D(100),
        baseline_dato=datetime.date(2019, 1, 1),
        maal_dato=datetime.date(2020, 1, 1),
        tolerance_pct=D(10),
    )
    results = a.evaluate(kriterie, Q, [obs(2, 25), obs(5, 10), obs(8, 5)])
    assert [r.faktisk for r in results] == [D(25), D(35), D(40), D(40)]
    assert [r.status for r in results] == [
        Sporstatus.PAA_SPORET,  # expected 24.4
        Sporstatus.I_RISIKO,  # expected 49.3: short by 14.3 (tolerance 10)
        Sporstatus.IKKE_PAA_SPORET,  # expected 74.5
        Sporstatus.IKKE_PAA_SPORET,  # no data in Q4: cumulative stays 40
    ]
    assert results[0].tolerance == D(10)
    assert results[3].data_til == datetime.date(2019, 9, 30)


def test_summary_counts_per_status_per_area_and_overall():
    p1, p2 = datetime.date(2019, 1, 1), datetime.date(2019, 3, 31)
    rows = [
        {"periode_start": p1, "periode_slut": p2, "indsatsomraade_id": 1, "status": Sporstatus.PAA_SPORET},
        {"periode_start": p1, "periode_slut": p2, "indsatsomraade_id": 1, "status": Sporstatus.I_RISIKO},
        {"periode_start": p1, "periode_slut": p2, "indsatsomraade_id": 2, "status": Sporstatus.INGEN_DATA},
        {"periode_start": p1, "periode_slut": p2, "indsatsomraade_id": None, "status": Sporstatus.PAA_SPORET},
    ]
    summary = {r["indsatsomraade_id"]: r for r in a.summarise(rows)}
    assert summary[None] == {
        "periode_start": p1,
        "periode_slut": p2,
        "indsatsomraade_id": None,
        "paa_sporet": 2,
        "i_risiko": 1,
        "ikke_paa_sporet": 0,
        "ingen_data": 1,
    }
    assert (summary[1]["paa_sporet"], summary[1]["i_risiko"]) == (1, 1)
    assert summary[2]["ingen_data"] == 1
    assert set(summary) == {None, 1, 2}
