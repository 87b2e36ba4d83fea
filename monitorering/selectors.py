"""Reads of the monitoring app: the recompute job's raw inputs and the pages' snapshot reads."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Sum, Value, When
from django.utils import timezone

from helhedsplaner.models import (
    Aftalestatus,
    Aktivitetsregistrering,
    Helhedsplan,
    Maalaendring,
    Samarbejdsaftale,
    Statusrapport,
    Succeskriterie,
    agreement_current,
    agreement_in_force,
)

from . import criteria as statutory
from . import engine
from .imports import existing_for, row_key, staged_rows
from .models import (
    ImportBatch,
    Importraekke,
    Indikator,
    Job,
    Kriteriestatus,
    Landsgennemsnit,
    Maaling,
    Omraadestatus,
    Planberegning,
    Statusoversigt,
)


@dataclass(frozen=True)
class CriterionInput:
    kriterie: engine.Kriterie
    indsatsomraade_id: int | None
    indikator_id: int | None
    # The criterion's targets in each approved version it exists in (and in the current
    # version), oldest first: engine.pick_target chooses per period.
    lineage: tuple[engine.Maalsaet, ...] = ()


@dataclass
class PlanInputs:
    plan_id: int
    today: datetime.date
    periods: list[engine.Periode]
    criteria: list[CriterionInput]
    observations: dict[int, list[engine.Obs]] = field(default_factory=dict)
    # The plan's agreement versions (all states), oldest first, and the current one's number.
    versions: list[Samarbejdsaftale] = field(default_factory=list)
    current_version: int = 0

    def version_at(self, day: datetime.date) -> int:
        """The number of the agreement version in force on ``day`` (the current one when
        no version is approved yet)."""
        chosen = agreement_in_force(self.versions, day)
        return chosen.version if chosen is not None else self.current_version


def current_agreement_ids(plan_ids: list[int], today: datetime.date | None = None) -> dict[int, int]:
    """Per plan, the current agreement version (``Samarbejdsaftale.objects.current_by_plan``):
    the engine keys its snapshots on this version's criteria."""
    current = Samarbejdsaftale.objects.filter(helhedsplan_id__in=plan_ids).current_by_plan(today)
    return {plan_id: aftale.pk for plan_id, aftale in current.items()}


def activity_observations(indikator: Indikator, regs: list[tuple]) -> list[engine.Obs]:
    """Observations from activity registrations (dato, timer, deltagere): participants
    (count), hours (sum), or participants per registration (average)."""
    if indikator.art == Indikator.Art.SUM:
        return [engine.Obs(slut=dato, vaerdi=timer) for dato, timer, _n in regs]
    if indikator.art == Indikator.Art.GENNEMSNIT:
        one = Decimal(1)
        return [engine.Obs(slut=dato, taeller=Decimal(n or 0), naevner=one) for dato, _t, n in regs]
    return [engine.Obs(slut=dato, vaerdi=Decimal(n or 0)) for dato, _t, n in regs]


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
    versions: dict[int, list[Samarbejdsaftale]] = defaultdict(list)
    for v in Samarbejdsaftale.objects.filter(helhedsplan_id__in=list(by_id)).order_by(
        "helhedsplan_id", "version"
    ):
        versions[v.helhedsplan_id].append(v)
    current = {pid: c for pid, vs in versions.items() if (c := agreement_current(vs, today)) is not None}
    counted = {v.pk: v for vs in versions.values() for v in vs if v.status == Aftalestatus.GODKENDT}
    counted.update({v.pk: v for v in current.values()})
    # Every criterion of every version: the lineage is walked through all of them, and only
    # the approved versions' (and the current one's) targets count (as in engine/sql.py).
    succes = list(
        Succeskriterie.objects.filter(strategisk_maal__samarbejdsaftale__helhedsplan_id__in=list(by_id))
        .select_related("indikator")
        .annotate(
            _aftale=F("strategisk_maal__samarbejdsaftale_id"),
            _omraade=F("strategisk_maal__indsatsomraade_id"),
        )
        .order_by("pk")
    )
    all_criteria = {sk.pk: sk for sk in succes}
    plan_of = {v.pk: v.helhedsplan_id for vs in versions.values() for v in vs}
    current_ids = {a.pk for a in current.values()}
    indicators: dict[int, Indikator] = {}
    criteria: dict[int, list[CriterionInput]] = defaultdict(list)
    for sk in succes:
        if sk._aftale not in current_ids:
            continue
        aftale = counted[sk._aftale]
        plan = by_id[aftale.helhedsplan_id]
        ind = sk.indikator
        if ind is not None:
            indicators[ind.pk] = ind
        lineage = []
        seen: set[int] = set()
        node_id: int | None = sk.pk
        while node_id is not None and node_id not in seen:
            node = all_criteria.get(node_id)
            if node is None or plan_of.get(node._aftale) != plan.pk:
                break
            seen.add(node_id)
            if node._aftale in counted:
                lineage.append(_target(node, counted[node._aftale], plan))
            node_id = node.forgaenger_id
        lineage.sort(key=lambda m: m.version)
        criteria[plan.pk].append(
            CriterionInput(
                kriterie=engine.Kriterie(
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
                lineage=tuple(lineage),
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
            engine.plan_periods(plan.startdato, plan.slutdato, plan.rapporteringsfrekvens),
            criteria.get(plan.pk, []),
            {
                c.kriterie.id: observed.get(c.indikator_id, [])
                for c in criteria.get(plan.pk, [])
                if c.indikator_id is not None
            },
            versions.get(plan.pk, []),
            current[plan.pk].version if plan.pk in current else 0,
        )
    return out


def _target(sk: Succeskriterie, aftale: Samarbejdsaftale, plan: Helhedsplan) -> engine.Maalsaet:
    return engine.Maalsaet(
        samarbejdsaftale_id=aftale.pk,
        version=aftale.version,
        baseline=sk.baseline_vaerdi,
        maal=sk.maal_vaerdi,
        baseline_dato=sk.baseline_dato or plan.startdato,
        maal_dato=sk.maal_dato or plan.slutdato,
        tolerance_pct=sk.tolerance_pct,
    )


def _observations(
    plans: list[Helhedsplan], indicators: dict[int, Indikator], used: dict[int, set[int | None]]
) -> dict[int, dict[int, list[engine.Obs]]]:
    """Per plan and indicator, the observations in date order: the registrations of the
    activities linked to an activity-sourced indicator in that plan; else the measurements
    of the plan and of its area (marked ``eget=False``): engine.reference.choose_source picks one
    of the two per reporting period."""
    out: dict[int, dict[int, list[engine.Obs]]] = defaultdict(dict)
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
    series: dict[tuple[int, int], list[tuple]] = defaultdict(list)
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
        # Plan or area data is chosen per reporting period (engine.reference.choose_source).
        own = plan_id is not None
        obs = engine.Obs(slut=slut, vaerdi=vaerdi, taeller=taeller, naevner=naevner, eget=own)
        for pid in [plan_id] if own else area_plans.get(area_id, []):
            if (pid, ind_id) in linked or ind_id not in used.get(pid, ()):
                continue
            series[pid, ind_id].append((slut, start, not own, obs))
    for (pid, ind_id), items in series.items():
        items.sort(key=lambda t: t[:3])
        out[pid][ind_id] = [t[3] for t in items]
    return out


# --- Page reads ----------------------------------------------------------------------------


def _change_reason() -> Subquery:
    """Why a criterion's targets changed (the target's own reason first), over the criterion
    ``OuterRef("pk")``."""
    reason = Maalaendring.objects.filter(succeskriterie=OuterRef("pk")).order_by(
        Case(When(felt=Maalaendring.Felt.MAAL_VAERDI, then=Value(0)), default=Value(1)), "felt"
    )
    return Subquery(reason.values("begrundelse")[:1])


def target_changes(plan_id: int, series: dict[int, list[dict]]) -> dict[int, list[dict]]:
    """Where a criterion's target changed between periods, for the stepped target on its
    chart: per criterion, the first period judged by the new version (``periode``: its end),
    the new target, the version's number, the day it took effect and the reason recorded for
    the change (``helhedsplaner.Maalaendring`` on that version's criterion, the target's own
    reason first). ``series`` are snapshot rows per criterion in period order
    (``periode_slut``, ``maal``, ``samarbejdsaftale_id``). One query, and none when no target
    changed."""
    steps = {
        k: [(prev, row) for prev, row in zip(rows, rows[1:], strict=False) if row["maal"] != prev["maal"]]
        for k, rows in series.items()
    }
    if not any(steps.values()):
        return {}
    criteria = {
        row["pk"]: row
        for row in Succeskriterie.objects.filter(strategisk_maal__samarbejdsaftale__helhedsplan_id=plan_id)
        .values(
            "pk",
            "forgaenger_id",
            "strategisk_maal__samarbejdsaftale_id",
            "strategisk_maal__samarbejdsaftale__version",
            "strategisk_maal__samarbejdsaftale__status",
            "strategisk_maal__samarbejdsaftale__gyldig_fra",
            "strategisk_maal__samarbejdsaftale__godkendt_tidspunkt",
        )
        .annotate(begrundelse=_change_reason())
    }
    out: dict[int, list[dict]] = {}
    for k, pairs in steps.items():
        lineage = {}
        node = criteria.get(k)
        while node is not None and node["strategisk_maal__samarbejdsaftale_id"] not in lineage:
            lineage[node["strategisk_maal__samarbejdsaftale_id"]] = node
            node = criteria.get(node["forgaenger_id"])
        for _prev, row in pairs:
            member = lineage.get(row["samarbejdsaftale_id"])
            if member is None:
                continue
            version = Samarbejdsaftale(
                status=member["strategisk_maal__samarbejdsaftale__status"],
                gyldig_fra=member["strategisk_maal__samarbejdsaftale__gyldig_fra"],
                godkendt_tidspunkt=member["strategisk_maal__samarbejdsaftale__godkendt_tidspunkt"],
            )
            out.setdefault(k, []).append(
                {
                    "periode": row["periode_slut"],
                    "maal": row["maal"],
                    "version": member["strategisk_maal__samarbejdsaftale__version"],
                    "ikraft_fra": version.ikraft_fra,
                    "begrundelse": member["begrundelse"] or "",
                }
            )
    return out


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
        indikator = r.succeskriterie.indikator
        r.begrundelse = engine.rules.status_sentence(
            r.faktisk, r.forventet, r.tolerance, indikator.retning if indikator else Indikator.Retning.HOEJERE
        )
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
    rows = list(
        Omraadestatus.objects.filter(boligomraade_id=omraade_id)
        .select_related("kriteriesaet")
        .order_by("aar")
    )
    national = dict(Landsgennemsnit.objects.values_list("aar", "doemte_pct"))
    history = statutory.history_from_status(rows)
    years = []
    for row in rows:
        earlier = {y: v for y, v in history.items() if y < row.aar}
        result = statutory.classify(
            row.kriteriesaet, row.aar, statutory.values_from_status(row), national.get(row.aar), earlier
        )
        years.append(
            {
                "status": row,
                "klassifikation": result,
                # each category's reason in words, shown without hovering (issue 18)
                "begrundelser": [
                    {"navn": statutory.CATEGORY_LABELS.get(k, k), "resultat": c}
                    for k, c in result.kategorier.items()
                ],
            }
        )
    codes = [c for c in statutory.CRITERION_LABELS if any(c in y["klassifikation"].kriterier for y in years)]
    kriterier = [
        {
            "kode": code,
            "navn": statutory.CRITERION_LABELS[code],
            "celler": [y["klassifikation"].kriterier.get(code) for y in years],
        }
        for code in codes
    ]
    kategorier = [
        {
            "kode": code,
            "navn": statutory.CATEGORY_LABELS[code],
            "celler": [y["klassifikation"].kategorier.get(code) for y in years],
        }
        for code in statutory.CATEGORY_CODES
        if any(code in y["klassifikation"].kategorier for y in years)
    ]
    return {"aar": years, "kriterier": kriterier, "kategorier": kategorier}
