"""Reads of the monitoring app: the recompute job's raw inputs and the pages' snapshot reads."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, F, IntegerField, Q, Sum, Value, When
from django.utils import timezone

from helhedsplaner.models import (
    Aftalestatus,
    Aktivitetsregistrering,
    Helhedsplan,
    Samarbejdsaftale,
    Statusrapport,
    Succeskriterie,
)

from . import analysis
from .models import Indikator, Job, Kriteriestatus, Maaling, Planberegning, Statusoversigt


@dataclass(frozen=True)
class CriterionInput:
    kriterie: analysis.Kriterie
    indsatsomraade_id: int | None
    indikator_id: int | None


@dataclass
class PlanInputs:
    plan_id: int
    today: datetime.date
    periods: list[analysis.Periode]
    criteria: list[CriterionInput]
    observations: dict[int, list[analysis.Obs]] = field(default_factory=dict)


def current_agreement_ids(plan_ids: list[int]) -> dict[int, int]:
    """Per plan, the agreement version in force: the newest LBF-approved one, else the newest."""
    rows = (
        Samarbejdsaftale.objects.filter(helhedsplan_id__in=plan_ids)
        .annotate(
            approved=Case(
                When(status=Aftalestatus.GODKENDT, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("helhedsplan_id", "-approved", "-version")
        .values_list("helhedsplan_id", "pk")
    )
    chosen: dict[int, int] = {}
    for plan_id, pk in rows:
        chosen.setdefault(plan_id, pk)
    return chosen


def activity_observations(indikator: Indikator, regs: list[tuple]) -> list[analysis.Obs]:
    """Observations from activity registrations (dato, timer, deltagere): participants
    (count), hours (sum), or participants per registration (average)."""
    if indikator.art == Indikator.Art.SUM:
        return [analysis.Obs(slut=dato, vaerdi=timer) for dato, timer, _n in regs]
    if indikator.art == Indikator.Art.GENNEMSNIT:
        one = Decimal(1)
        return [analysis.Obs(slut=dato, taeller=Decimal(n or 0), naevner=one) for dato, _t, n in regs]
    return [analysis.Obs(slut=dato, vaerdi=Decimal(n or 0)) for dato, _t, n in regs]


ACTIVITY_KINDS = {Indikator.Art.ANTAL, Indikator.Art.SUM, Indikator.Art.GENNEMSNIT}


def load_plan_inputs(plan_id: int, today: datetime.date | None = None) -> PlanInputs:
    """Everything one plan's recompute reads, in a fixed number of queries (at most 6)."""
    inputs = load_inputs(
        [plan_id], today=today, plans=list(Helhedsplan.objects.filter(pk=plan_id).only(*PLAN_FIELDS))
    )
    if plan_id not in inputs:
        raise Helhedsplan.DoesNotExist(plan_id)
    return inputs[plan_id]


PLAN_FIELDS = ("startdato", "slutdato", "boligomraade_id", "rapporteringsfrekvens")


def load_inputs(
    plan_ids: list[int], today: datetime.date | None = None, plans: list[Helhedsplan] | None = None
) -> dict[int, PlanInputs]:
    """Everything the recompute of these plans reads, in at most 6 queries for any number
    of plans (the nightly run loads plans in chunks)."""
    today = today or timezone.localdate()
    if plans is None:
        plans = list(Helhedsplan.objects.filter(pk__in=plan_ids).only(*PLAN_FIELDS))
    by_id = {p.pk: p for p in plans}
    agreements = current_agreement_ids(list(by_id))
    plan_of_agreement = {a: p for p, a in agreements.items()}
    succes = list(
        Succeskriterie.objects.filter(strategisk_maal__samarbejdsaftale_id__in=list(agreements.values()))
        .select_related("indikator")
        .annotate(
            _aftale=F("strategisk_maal__samarbejdsaftale_id"),
            _omraade=F("strategisk_maal__indsatsomraade_id"),
        )
        .order_by("pk")
    )
    indicators: dict[int, Indikator] = {}
    criteria: dict[int, list[CriterionInput]] = defaultdict(list)
    for sk in succes:
        plan = by_id[plan_of_agreement[sk._aftale]]
        ind = sk.indikator
        if ind is not None:
            indicators[ind.pk] = ind
        criteria[plan.pk].append(
            CriterionInput(
                kriterie=analysis.Kriterie(
                    id=sk.pk,
                    art=ind.art if ind else Indikator.Art.ANTAL,
                    aggregering=ind.aggregering if ind else Indikator.Aggregering.SENESTE,
                    retning=ind.retning if ind else Indikator.Retning.HOEJERE,
                    baseline=sk.baseline_vaerdi,
                    maal=sk.maal_vaerdi,
                    baseline_dato=sk.baseline_dato or plan.startdato,
                    maal_dato=sk.maal_dato or plan.slutdato,
                    tolerance_pct=sk.tolerance_pct,
                ),
                indsatsomraade_id=sk._omraade,
                indikator_id=ind.pk if ind else None,
            )
        )
    per_plan = _observations(
        plans, indicators, {pid: {c.indikator_id for c in cs} for pid, cs in criteria.items()}
    )
    out = {}
    for plan in plans:
        observed = per_plan.get(plan.pk, {})
        out[plan.pk] = PlanInputs(
            plan.pk,
            today,
            analysis.plan_periods(plan.startdato, plan.slutdato, plan.rapporteringsfrekvens),
            criteria.get(plan.pk, []),
            {
                c.kriterie.id: observed.get(c.indikator_id, [])
                for c in criteria.get(plan.pk, [])
                if c.indikator_id is not None
            },
        )
    return out


def _observations(
    plans: list[Helhedsplan], indicators: dict[int, Indikator], used: dict[int, set[int | None]]
) -> dict[int, dict[int, list[analysis.Obs]]]:
    """Per plan and indicator, the observations in date order: the registrations of the
    activities linked to an activity-sourced indicator in that plan; else the measurements
    of the plan, or of its area where the plan has none for that indicator and period."""
    out: dict[int, dict[int, list[analysis.Obs]]] = defaultdict(dict)
    if not indicators:
        return out
    plan_ids = [p.pk for p in plans]
    activity_ids = [
        pk
        for pk, ind in indicators.items()
        if ind.kilde == Indikator.Kilde.AKTIVITETER and ind.art in ACTIVITY_KINDS
    ]
    links: dict[tuple[int, int], list[int]] = defaultdict(list)  # (plan, indicator) → activities
    if activity_ids:
        through = Indikator.aktiviteter.through
        for ind_id, akt_id, plan_id in through.objects.filter(
            indikator_id__in=activity_ids, aktivitet__delmaal__delaftale__helhedsplan_id__in=plan_ids
        ).values_list("indikator_id", "aktivitet_id", "aktivitet__delmaal__delaftale__helhedsplan_id"):
            if ind_id in used.get(plan_id, ()):
                links[plan_id, ind_id].append(akt_id)
    if links:
        regs_by_akt: dict[int, list[tuple]] = defaultdict(list)
        for akt_id, dato, timer, deltagere in (
            Aktivitetsregistrering.objects.filter(aktivitet_id__in={a for ids in links.values() for a in ids})
            .values("pk", "aktivitet_id", "dato", "timer")
            .annotate(deltagere=Sum("deltagertal__antal"))
            .order_by("dato", "pk")
            .values_list("aktivitet_id", "dato", "timer", "deltagere")
        ):
            regs_by_akt[akt_id].append((dato, timer, deltagere))
        for (plan_id, ind_id), akt_ids in links.items():
            regs = sorted((r for a in akt_ids for r in regs_by_akt.get(a, [])), key=lambda r: r[0])
            out[plan_id][ind_id] = activity_observations(indicators[ind_id], regs)
    linked = set(links)
    area_plans: dict[int, list[int]] = defaultdict(list)
    for p in plans:
        area_plans[p.boligomraade_id].append(p.pk)
    merged: dict[tuple, tuple] = {}
    for ind_id, plan_id, area_id, start, slut, vaerdi, taeller, naevner in (
        Maaling.objects.filter(indikator_id__in=list(indicators))
        .filter(Q(helhedsplan_id__in=plan_ids) | Q(boligomraade_id__in=list(area_plans)))
        .filter(Q(statusrapport__isnull=True) | Q(statusrapport__status__in=Statusrapport.APPROVED_STATES))
        .values_list(
            "indikator_id",
            "helhedsplan_id",
            "boligomraade_id",
            "periode_start",
            "periode_slut",
            "vaerdi",
            "taeller",
            "naevner",
        )
    ):
        obs = (slut, start, analysis.Obs(slut=slut, vaerdi=vaerdi, taeller=taeller, naevner=naevner))
        if plan_id is not None:
            merged[plan_id, ind_id, start, slut] = (True, obs)
            continue
        for pid in area_plans.get(area_id, ()):
            key = (pid, ind_id, start, slut)
            if key not in merged:  # a plan's own measurement wins over its area's
                merged[key] = (False, obs)
    series: dict[tuple[int, int], list[tuple]] = defaultdict(list)
    for (pid, ind_id, _s, _e), (_own, obs) in merged.items():
        if (pid, ind_id) in linked or ind_id not in used.get(pid, ()):
            continue
        series[pid, ind_id].append(obs)
    for (pid, ind_id), items in series.items():
        items.sort(key=lambda t: (t[0], t[1]))
        out[pid][ind_id] = [o for _e, _s, o in items]
    return out


# --- Page reads ----------------------------------------------------------------------------


def plan_generation(plan_id: int) -> int:
    """The plan's cache generation: dashboards key their caches on it."""
    return (
        Planberegning.objects.filter(helhedsplan_id=plan_id).values_list("generation", flat=True).first() or 0
    )


def plan_monitoring(plan: Helhedsplan, periode: datetime.date | None = None) -> dict:
    """The plan's computed statuses for one period (default: the latest period with data),
    read from the snapshots only, in 4 queries whatever the plan's size."""
    beregning = Planberegning.objects.filter(helhedsplan=plan).first()
    rows = list(
        Kriteriestatus.objects.filter(helhedsplan=plan)
        .select_related("succeskriterie__indikator", "succeskriterie__strategisk_maal", "indsatsomraade")
        .order_by("succeskriterie__strategisk_maal__nummer", "succeskriterie_id", "periode_start")
    )
    summaries = list(
        Statusoversigt.objects.filter(helhedsplan=plan)
        .select_related("indsatsomraade")
        .order_by("-periode_start", "indsatsomraade__navn")
    )
    jobs = list(Job.objects.filter(helhedsplan=plan).order_by("-oprettet", "-id")[:1])
    periods = sorted({(r.periode_start, r.periode_slut) for r in rows}, reverse=True)
    with_data = [r.periode_start for r in rows if r.faktisk is not None and r.data_til == r.periode_slut]
    chosen = periode if periode in {p[0] for p in periods} else max(with_data, default=None)
    if chosen is None and periods:
        chosen = periods[0][0]
    history: dict[int, list[Kriteriestatus]] = defaultdict(list)
    for r in rows:
        history[r.succeskriterie_id].append(r)
    selected = [r for r in rows if r.periode_start == chosen]
    for r in selected:
        r.forloeb = [h for h in history[r.succeskriterie_id] if chosen and h.periode_start <= chosen]
    current = [s for s in summaries if s.periode_start == chosen]
    return {
        "beregning": beregning,
        "raekker": selected,
        "perioder": periods,
        "periode_start": chosen,
        "periode_slut": selected[0].periode_slut if selected else None,
        "samlet": next((s for s in current if s.indsatsomraade_id is None), None),
        "pr_omraade": [s for s in current if s.indsatsomraade_id is not None],
        "oversigter": [s for s in summaries if s.indsatsomraade_id is None],
        "seneste_job": jobs[0] if jobs else None,
    }


def jobs_for(plan: Helhedsplan | None, limit: int = 50) -> list[Job]:
    """The job table: a plan's jobs, or every job (plan None), newest first, in 1 query."""
    qs = Job.objects.select_related("helhedsplan", "import_batch").order_by("-oprettet", "-id")
    if plan is not None:
        qs = qs.filter(helhedsplan=plan)
    return list(qs[:limit])


def import_batches_for(plan: Helhedsplan, limit: int = 20) -> list:
    from .models import ImportBatch

    return list(
        ImportBatch.objects.filter(helhedsplan=plan)
        .select_related("importeret_af")
        .defer("tidligere")
        .order_by("-oprettet", "-id")[:limit]
    )


PREVIEW_ROWS = 1000


def import_rows(batch, limit: int = PREVIEW_ROWS) -> dict:
    """A batch's rows for its page: the first ``limit`` in file order (while previewed, each
    with the measurement it would overwrite), the total, and how many are new or updates."""
    from .imports import existing_for, row_key, staged_rows
    from .models import ImportBatch, Importraekke

    rows = staged_rows(batch.pk, limit=limit)
    antal = Importraekke.objects.filter(batch=batch).count() if len(rows) == limit else len(rows)
    existing: dict[int, dict | None] = {}
    antal_opdateres = 0
    if batch.status == ImportBatch.Status.FORHAANDSVIST:
        found = existing_for(rows)
        existing = {i: found.get(row_key(r)) for i, r in enumerate(rows)}
        antal_opdateres = (
            sum(1 for v in existing.values() if v is not None)
            if antal == len(rows)
            else _staged_updates(batch.pk)
        )
    return {
        "preview": [{"row": r, "old": existing.get(i)} for i, r in enumerate(rows)],
        "antal_raekker": antal,
        "antal_nye": antal - antal_opdateres,
        "antal_opdateres": antal_opdateres,
    }


def _staged_updates(batch_id: int) -> int:
    """How many staged rows have a stored measurement under their key (one query)."""
    from django.db.models import Exists, OuterRef

    from .models import Importraekke

    same = Maaling.objects.filter(
        indikator_id=OuterRef("indikator_id"),
        periode_start=OuterRef("periode_start"),
        periode_slut=OuterRef("periode_slut"),
    )
    return (
        Importraekke.objects.filter(batch_id=batch_id)
        .filter(
            Exists(same.filter(helhedsplan_id=OuterRef("helhedsplan_id")))
            | Exists(same.filter(boligomraade_id=OuterRef("boligomraade_id")))
        )
        .count()
    )


def area_profile(omraade_id: int) -> dict:
    """The Områdeprofil: each year's criteria values, thresholds, classification and distance
    to each threshold, from the stored area status (no classification is stored per page)."""
    from . import criteria
    from .models import Landsgennemsnit, Omraadestatus

    rows = list(
        Omraadestatus.objects.filter(boligomraade_id=omraade_id)
        .select_related("kriteriesaet")
        .order_by("aar")
    )
    national = dict(Landsgennemsnit.objects.values_list("aar", "doemte_pct"))
    history = criteria.history_from_status(rows)
    years = []
    for row in rows:
        earlier = {y: v for y, v in history.items() if y < row.aar}
        result = criteria.classify(
            row.kriteriesaet, row.aar, criteria.values_from_status(row), national.get(row.aar), earlier
        )
        years.append({"status": row, "klassifikation": result})
    codes = [c for c in criteria.CRITERION_LABELS if any(c in y["klassifikation"].kriterier for y in years)]
    kriterier = [
        {
            "kode": code,
            "navn": criteria.CRITERION_LABELS[code],
            "celler": [y["klassifikation"].kriterier.get(code) for y in years],
        }
        for code in codes
    ]
    kategorier = [
        {
            "kode": code,
            "navn": criteria.CATEGORY_LABELS[code],
            "celler": [y["klassifikation"].kategorier.get(code) for y in years],
        }
        for code in criteria.CATEGORY_CODES
        if any(code in y["klassifikation"].kategorier for y in years)
    ]
    return {"aar": years, "kriterier": kriterier, "kategorier": kategorier}
