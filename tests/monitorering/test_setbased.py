"""The set-based recompute (PostgreSQL) against the reference in-memory path (monitorering.engine.reference):
identical snapshot rows, summaries and fingerprints on varied data, and idempotent."""

import datetime
import random
from decimal import Decimal as D

import pytest
from django.db import connection
from django.utils import timezone

from helhedsplaner.models import Aftalestatus, Helhedsplan, Statusrapport
from monitorering import engine, services
from monitorering.models import Indikator, Kriteriestatus, Planberegning, Statusoversigt
from monitorering.selectors import load_plan_inputs
from tests.conftest import skip_unless_available
from tests.helhedsplaner.factories import (
    AktivitetFactory,
    AktivitetsregistreringFactory,
    BoligomraadeFactory,
    DelaftaleFactory,
    DelmaalFactory,
    DeltagertalFactory,
    HelhedsplanFactory,
    IndsatsomraadeFactory,
    SamarbejdsaftaleFactory,
    StatusrapportFactory,
    StrategiskMaalFactory,
    SucceskriterieFactory,
)
from tests.monitorering.factories import IndikatorFactory, MaalingFactory, monitored_plan

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2023, 8, 15)
ARTS = [a.value for a in Indikator.Art]
AGGREGATIONS = [a.value for a in Indikator.Aggregering]
REPORT_STATES = [Statusrapport.Status.INDSENDT, Statusrapport.Status.GODKENDT, Statusrapport.Status.LAAST]


@pytest.fixture(autouse=True)
def _postgresql():
    skip_unless_available(connection.vendor == "postgresql", "the set-based recompute needs PostgreSQL")


def _day(rnd: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    """A random day, often the last or first day of a month (period edges)."""
    day = first + datetime.timedelta(days=rnd.randrange((last - first).days + 1))
    pick = rnd.random()
    if pick < 0.25:  # last day of the month
        day = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    elif pick < 0.35:
        day = day.replace(day=1)
    return day


def varied_plans(seed: int = 7) -> list[Helhedsplan]:
    """Plans with every indicator kind × aggregation × direction, measurements with and
    without numerator/denominator, gaps (stale values), area values, report values (approved
    or not), activity registrations with and without participants, odd start days (31st,
    half-yearly), negative values, criteria without indicator or baseline, a plan with two
    agreement versions and a plan without any."""
    rnd = random.Random(seed)  # noqa: S311
    area = IndsatsomraadeFactory(kode="tryghed", navn="Tryghed")
    indicators = []
    for art in ARTS:
        for agg in AGGREGATIONS:
            for retning in ("hoejere", "lavere"):
                kilde = (
                    "aktiviteter"
                    if art in ("antal", "sum", "gennemsnit") and rnd.random() < 0.5
                    else "registerdata"
                )
                indicators.append(
                    IndikatorFactory(
                        navn=f"{art}-{agg}-{retning}",
                        kode=f"{art}-{agg}-{retning}",
                        art=art,
                        aggregering=agg,
                        retning=retning,
                        kilde=kilde,
                    )
                )
    group_area = BoligomraadeFactory()
    plans, all_reports = [], []
    shapes = [
        (datetime.date(2019, 1, 31), datetime.date(2023, 1, 30), "kvartal"),
        (datetime.date(2019, 3, 15), datetime.date(2024, 3, 14), "halvaar"),
        (datetime.date(2020, 2, 29), datetime.date(2023, 12, 31), "kvartal"),
        (datetime.date(2018, 11, 30), datetime.date(2022, 5, 31), "kvartal"),
    ]
    for n, (start, slut, frekvens) in enumerate(shapes):
        plan = HelhedsplanFactory(
            startdato=start,
            slutdato=slut,
            rapporteringsfrekvens=frekvens,
            boligomraade=group_area if n < 2 else BoligomraadeFactory(),
        )
        plans.append(plan)
        SamarbejdsaftaleFactory(helhedsplan=plan, version=1)
        if n == 1:  # a newer draft does not replace the approved version
            draft = SamarbejdsaftaleFactory(
                helhedsplan=plan, version=2, status=Aftalestatus.KLADDE, godkendt_tidspunkt=None
            )
            SucceskriterieFactory(strategisk_maal=StrategiskMaalFactory(samarbejdsaftale=draft))
        aftale = plan.samarbejdsaftaler.get(version=1)
        goals = [
            StrategiskMaalFactory(samarbejdsaftale=aftale, indsatsomraade=area),
            StrategiskMaalFactory(samarbejdsaftale=aftale, indsatsomraade=None),
        ]
        delaftale = DelaftaleFactory(helhedsplan=plan)
        delmaal = DelmaalFactory(delaftale=delaftale)
        reports = [  # approved only after their values are in (approved reports are locked)
            StatusrapportFactory(
                delaftale=delaftale,
                periode_start=datetime.date(2019, 1 + 3 * q, 1),
                periode_slut=datetime.date(2019, 3 + 3 * q, 28),
            )
            for q in range(3)
        ]
        all_reports.append(reports)
        SucceskriterieFactory(strategisk_maal=goals[0], indikator=None)
        for k, ind in enumerate(indicators):
            baseline = None if rnd.random() < 0.1 else D(rnd.randint(-5, 60))
            b_dato = rnd.choice([None, start, start + datetime.timedelta(days=200)])
            m_dato = rnd.choice([None, slut, start + datetime.timedelta(days=100), start])
            if b_dato is not None and m_dato is not None and m_dato <= b_dato:
                b_dato = None  # the path starts at the plan's start (a zero span when m_dato is it)
            SucceskriterieFactory(
                strategisk_maal=goals[k % 2],
                indikator=ind,
                baseline_vaerdi=baseline,
                baseline_dato=b_dato,
                maal_vaerdi=D(rnd.randint(0, 90)) + D(rnd.randint(0, 999)) / 1000,
                maal_dato=m_dato,
                tolerance_pct=D(rnd.choice([0, 5, 10, 33])),
            )
            if ind.kilde == "aktiviteter" and rnd.random() < 0.8:
                for _a in range(rnd.randint(1, 2)):
                    aktivitet = AktivitetFactory(delmaal=delmaal)
                    ind.aktiviteter.add(aktivitet)
                    for _r in range(rnd.randint(0, 12)):
                        reg = AktivitetsregistreringFactory(
                            aktivitet=aktivitet,
                            dato=_day(
                                rnd, start - datetime.timedelta(days=40), slut + datetime.timedelta(days=40)
                            ),
                            timer=D(rnd.randint(0, 40)) / 4,
                        )
                        for _d in range(rnd.choice([0, 1, 1, 2])):
                            DeltagertalFactory(registrering=reg, antal=rnd.randint(0, 30))
                continue
            seen = set()
            for _m in range(rnd.randint(0, 14)):
                m_start = _day(rnd, start - datetime.timedelta(days=60), slut)
                m_slut = min(
                    m_start + datetime.timedelta(days=rnd.choice([0, 27, 89, 364])),
                    slut + datetime.timedelta(days=30),
                )
                own = rnd.random() < 0.8
                key = (own, m_start, m_slut)
                if key in seen:
                    continue
                seen.add(key)
                with_tn = rnd.random() < 0.7
                naevner = D(rnd.randint(1, 500)) if with_tn else None
                taeller = D(rnd.randint(0, int(naevner))) if with_tn else None
                vaerdi = D(rnd.randint(-3000, 90000)) / 1000
                if ind.art in ("antal", "sum"):
                    vaerdi = abs(vaerdi)
                MaalingFactory(
                    indikator=ind,
                    helhedsplan=plan if own else None,
                    boligomraade=None if own else plan.boligomraade,
                    periode_start=m_start,
                    periode_slut=m_slut,
                    taeller=taeller,
                    naevner=naevner,
                    andel=False,
                    vaerdi=vaerdi,
                    statusrapport=rnd.choice(reports) if own and rnd.random() < 0.2 else None,
                )
    stamp = datetime.datetime(2019, 4, 20, tzinfo=datetime.UTC)
    for reports in all_reports:
        for report, status in zip(reports, REPORT_STATES, strict=True):
            Statusrapport.objects.filter(pk=report.pk).update(
                status=status,
                indsendt_tidspunkt=stamp,
                godkendt_tidspunkt=None if status == Statusrapport.Status.INDSENDT else stamp,
            )
    # Versioned targets: a target change mid-plan (plan 0), a version approved long after its
    # gyldig_fra, late in the evening UTC (plan 2: it applies from the local date of the
    # approval), a draft never approved (plan 3), and a version adding a criterion (plan 0).
    copy_version(plans[0], 2, gyldig_fra=datetime.date(2020, 7, 1), approved=_utc(2020, 6, 3), rnd=rnd)
    copy_version(
        plans[0], 3, gyldig_fra=datetime.date(2021, 2, 1), approved=_utc(2021, 2, 20), rnd=rnd, add=True
    )
    copy_version(plans[2], 2, gyldig_fra=plans[2].startdato, approved=_utc(2021, 2, 27, 23, 30), rnd=rnd)
    copy_version(plans[3], 2, gyldig_fra=datetime.date(2019, 6, 1), approved=None, rnd=rnd)
    # Plan and area rows ending in the same period with different dates (issue 19).
    share = next(i for i in indicators if i.kode == "procent-seneste-hoejere")
    for plan in plans[:2]:
        MaalingFactory(
            indikator=share,
            helhedsplan=plan,
            periode_start=datetime.date(2021, 1, 1),
            periode_slut=datetime.date(2021, 6, 30),
            taeller=D(262),
            naevner=D(405),
            vaerdi=D("64.691"),
        )
    MaalingFactory(
        indikator=share,
        helhedsplan=None,
        boligomraade=group_area,
        periode_start=datetime.date(2021, 4, 1),
        periode_slut=datetime.date(2021, 6, 29),
        taeller=D(1),
        naevner=D(50),
        vaerdi=D(2),
    )
    plans.append(HelhedsplanFactory())  # no agreement at all
    return plans


def _utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=datetime.UTC)


def copy_version(plan, number, *, gyldig_fra, approved, rnd, add=False):
    """A new agreement version copying the newest one's goals and criteria (linked by
    ``forgaenger``, as tilsyn's draft does) with changed baselines, targets and tolerances."""
    base = plan.samarbejdsaftaler.order_by("-version").first()
    new = SamarbejdsaftaleFactory(
        helhedsplan=plan,
        version=number,
        gyldig_fra=gyldig_fra,
        status=Aftalestatus.GODKENDT if approved else Aftalestatus.KLADDE,
        godkendt_tidspunkt=approved,
    )
    for goal in base.strategiske_maal.order_by("nummer"):
        copy = StrategiskMaalFactory(
            samarbejdsaftale=new, nummer=goal.nummer, indsatsomraade=goal.indsatsomraade
        )
        for k in goal.succeskriterier.order_by("id"):
            change = rnd.random() < 0.6
            SucceskriterieFactory(
                strategisk_maal=copy,
                forgaenger=k,
                indikator=k.indikator,
                beskrivelse=k.beskrivelse,
                baseline_vaerdi=k.baseline_vaerdi,
                baseline_dato=k.baseline_dato,
                maal_vaerdi=(k.maal_vaerdi or D(0)) - D(rnd.randint(1, 30)) if change else k.maal_vaerdi,
                maal_dato=k.maal_dato,
                tolerance_pct=D(rnd.choice([0, 10, 25])) if change else k.tolerance_pct,
            )
        if add:
            kept = goal.succeskriterier.exclude(indikator=None).first()
            SucceskriterieFactory(strategisk_maal=copy, indikator=kept.indikator, maal_vaerdi=D(42))
    return new


def reference(plan_id: int, today: datetime.date):
    rows, summaries = services.snapshots_compute(load_plan_inputs(plan_id, today=today))
    return rows, summaries, services.snapshots_fingerprint(rows, summaries)


def stored(plan_id: int):
    rows = list(
        Kriteriestatus.objects.filter(helhedsplan_id=plan_id)
        .order_by("succeskriterie_id", "periode_start")
        .values(*services.SNAPSHOT_FIELDS)
    )
    summaries = list(
        Statusoversigt.objects.filter(helhedsplan_id=plan_id)
        .order_by("periode_start", "indsatsomraade_id")
        .values("periode_start", "periode_slut", "indsatsomraade_id", *engine.reference.STATUS_COLUMNS)
    )
    return rows, summaries


def _plain(rows, summaries):
    key_rows = sorted(rows, key=lambda r: (r["succeskriterie_id"], r["periode_start"]))
    key_sums = sorted(summaries, key=lambda r: (r["periode_start"], r["indsatsomraade_id"] or 0))
    return (
        [{f: services.recompute.canonical(r[f]) for f in services.SNAPSHOT_FIELDS} for r in key_rows],
        [
            {k: services.recompute.canonical(v) for k, v in r.items() if k != "helhedsplan_id"}
            for r in key_sums
        ],
    )


def test_set_based_and_in_memory_paths_give_identical_snapshots():
    plans = varied_plans()
    ids = [p.pk for p in plans]
    for today in (TODAY, datetime.date(2021, 2, 28)):  # a later day has more completed periods
        fast = services.plans_recompute(plan_ids=ids, today=today, set_based=True)
        fast_state = {pid: stored(pid) for pid in ids}
        assert sum(len(rows) for rows, _ in fast_state.values()) > 500
        statuses = {r["status"] for rows, _ in fast_state.values() for r in rows}
        assert statuses == {"paa_sporet", "i_risiko", "ikke_paa_sporet", "ingen_data"}
        used = {r["samarbejdsaftale_id"] for r in fast_state[ids[0]][0]}
        assert len(used) == 3  # plan 0's periods are judged by all three of its versions
        for pid in ids:
            rows, summaries, fp = reference(pid, today)
            assert _plain(*fast_state[pid]) == _plain(rows, summaries), pid
            assert fast[pid].fingeraftryk == fp
        slow = services.plans_recompute(plan_ids=ids, today=today, set_based=False)
        for pid in ids:
            assert _plain(*stored(pid)) == _plain(*fast_state[pid])
            assert slow[pid].fingeraftryk == fast[pid].fingeraftryk


def test_set_based_recompute_agrees_with_the_verification_job_and_is_idempotent():
    plans = varied_plans(seed=11)
    ids = [p.pk for p in plans]
    first = services.plans_recompute(plan_ids=ids, set_based=True)
    state = {pid: stored(pid) for pid in ids}
    row_ids = set(Kriteriestatus.objects.filter(helhedsplan_id__in=ids).values_list("pk", flat=True))
    for pid in ids:
        assert services.snapshots_compare(pid) == []
    second = services.plans_recompute(plan_ids=ids, set_based=True)
    assert {pid: stored(pid) for pid in ids} == state
    # Nothing changed, so nothing was rewritten.
    assert set(Kriteriestatus.objects.filter(helhedsplan_id__in=ids).values_list("pk", flat=True)) == row_ids
    for pid in ids:
        assert second[pid].fingeraftryk == first[pid].fingeraftryk
        assert second[pid].generation == first[pid].generation + 1


def test_set_based_recompute_repairs_a_tampered_snapshot_and_follows_a_change():
    plan, crit = monitored_plan()
    services.plans_recompute(plan_ids=[plan.pk], today=datetime.date(2020, 1, 1), set_based=True)
    Kriteriestatus.objects.filter(succeskriterie=crit["share"]).update(faktisk=D(1))
    Statusoversigt.objects.filter(helhedsplan=plan).update(paa_sporet=99)
    services.plans_recompute(plan_ids=[plan.pk], today=datetime.date(2020, 1, 1), set_based=True)
    rows, summaries, fp = reference(plan.pk, datetime.date(2020, 1, 1))
    assert _plain(*stored(plan.pk)) == _plain(rows, summaries)
    assert Planberegning.objects.get(helhedsplan=plan).fingeraftryk == fp
    crit["rate"].delete()
    services.plans_recompute(plan_ids=[plan.pk], today=datetime.date(2020, 1, 1), set_based=True)
    assert Kriteriestatus.objects.filter(helhedsplan=plan).count() == 8
    rows, summaries, fp = reference(plan.pk, datetime.date(2020, 1, 1))
    assert _plain(*stored(plan.pk)) == _plain(rows, summaries)


@pytest.mark.django_db(transaction=True)
def test_recompute_all_in_parallel_chunks_matches_the_reference():
    """Outside a transaction, recompute_all runs chunks on two connections at once."""
    plans = varied_plans(seed=3)
    ids = [p.pk for p in plans]
    result = services.all_plans_recompute(chunk=2, workers=2)
    assert result == {"plans": len(ids), "recomputed": len(ids), "skipped": 0}
    for pid in ids:
        rows, summaries, fp = reference(pid, timezone.localdate())
        assert _plain(*stored(pid)) == _plain(rows, summaries)
        assert Planberegning.objects.get(helhedsplan_id=pid).fingeraftryk == fp
    # The stamps, read on two connections as well, find nothing changed.
    again = services.all_plans_recompute(chunk=2, workers=2)
    assert again == {"plans": len(ids), "recomputed": 0, "skipped": len(ids)}
