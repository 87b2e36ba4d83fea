"""The read API, version 1 (``/api/v1/``): every route reads through the domain's own
access rules and selectors, the same the pages use (docs/api.md)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Count, Prefetch, Q, Sum
from django.db.models.functions import TruncQuarter
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Path, Query
from pydantic import BaseModel, Field

from bestyrelser.models import Beslutning, Dagsordenspunkt, Handlingspunkt, Moede
from bestyrelser.selectors import agreement_goals, criteria_series, plan_computation
from helhedsplaner.access import area_for_user, get_plan_for_user, plan_roles
from helhedsplaner.models import (
    Aktivitet,
    Aktivitetsregistrering,
    Budgetpost,
    Deltagertal,
    Helhedsplan,
    Samarbejdsaftale,
    Statusrapport,
    Succeskriterie,
    agreement_in_force,
)
from monitorering import criteria as statutory
from monitorering.models import Indikator
from monitorering.selectors import area_profile
from portal.access import require_lbf_staff
from portal.params import ID_MAX
from tilsyn.models import Fund, Planoversigt
from tilsyn.selectors import overview_queryset

from . import core
from .core import AUTH, ERRORS, num, user_of

api = NinjaAPI(
    title="Boligsocial Portal API",
    version="1",
    description=(
        "Læse-API for helhedsplaner, aftaler, succeskriterier, aktiviteter, rapporter, møder og "
        "områdekriterier, med samme adgang som portalen. Fejl er JSON med `kode` og `besked`."
    ),
    urls_namespace="api",
    auth=AUTH,
    docs_url="/docs/",
    openapi_url="/openapi.json",
)
core.install_handlers(api)

PlanId = Path(..., ge=1, le=ID_MAX, description="Planens id")
Cursor = Query(None, max_length=64, description="Værdien fra `naeste`: næste side")
Limit = Query(core.LIMIT_DEFAULT, ge=1, le=core.LIMIT_MAX, description="Rækker pr. side")
Since = Query(
    None,
    max_length=40,
    description="Kun rækker ændret på eller efter dette tidspunkt (ISO 8601), til trinvis synkronisering",
)


def _plan(request: HttpRequest, plan_id: int) -> Helhedsplan:
    return get_plan_for_user(
        user_of(request),
        plan_id,
        Helhedsplan.objects.select_related("boligomraade", "kommune", "bevillingsperiode"),
    )


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


# --- schemas ---------------------------------------------------------------------------------
# Plain pydantic models (not ninja.Schema, whose ORM getter runs a root validator per object:
# most of a page's time at 50 plans); the routes build them from rows themselves.
Schema = BaseModel


class Navngivet(Schema):
    id: int
    navn: str


class Kommune(Schema):
    id: int
    navn: str
    kommunekode: str
    region: str


class Budget(Schema):
    i_alt: float = Field(description="Budget i alt (kr.), alle år og kilder")
    lbf: float = Field(description="Heraf Landsbyggefonden (kr.)")
    medfinansiering: float = Field(description="Lokal medfinansiering (alt andet end LBF, kr.)")
    medfinansiering_pct: float | None = Field(description="Medfinansiering i procent af budgettet")


class Plan(Schema):
    id: int
    navn: str
    status: str
    lbf_sagsnummer: str | None
    boligomraade: Navngivet
    kommune: Kommune
    region: str
    boligorganisationer: list[Navngivet]
    bevillingsperiode: Navngivet
    startdato: datetime.date
    slutdato: datetime.date
    budget: Budget


class Side(Schema):
    naeste: str | None = Field(description="URL til næste side, eller null på sidste side")


class PlanSide(Side):
    resultater: list[Plan]


def _budget(total, lbf) -> Budget:
    total, lbf = total or 0, lbf or 0
    return Budget(
        i_alt=float(total),
        lbf=float(lbf),
        medfinansiering=float(total - lbf),
        medfinansiering_pct=round(float((total - lbf) * 100 / total), 2) if total else None,
    )


def _budgets(plan_ids: list[int]) -> dict[int, Budget]:
    """The page's budgets in one GROUP BY over its plans only (not over every visible plan)."""
    rows = (
        Budgetpost.objects.filter(helhedsplan_id__in=plan_ids)
        .values("helhedsplan_id")
        .annotate(i_alt=Sum("beloeb"), lbf=Sum("beloeb", filter=Q(kilde=Budgetpost.Kilde.LBF)))
    )
    found = {r["helhedsplan_id"]: _budget(r["i_alt"], r["lbf"]) for r in rows}
    return {pk: found.get(pk) or _budget(0, 0) for pk in plan_ids}


def _plans_qs():
    related = ("boligomraade", "kommune", "bevillingsperiode")
    return Helhedsplan.objects.select_related(*related).prefetch_related("boligorganisationer")


def _plan_out(p: Helhedsplan, budget: Budget) -> Plan:
    return Plan(
        id=p.pk,
        navn=p.navn,
        status=p.status,
        lbf_sagsnummer=p.lbf_sagsnummer,
        boligomraade=Navngivet(id=p.boligomraade_id, navn=p.boligomraade.navn),
        kommune=Kommune(
            id=p.kommune_id, navn=p.kommune.navn, kommunekode=p.kommune.kommunekode, region=p.kommune.region
        ),
        region=p.kommune.region,
        boligorganisationer=[Navngivet(id=b.pk, navn=b.navn) for b in p.boligorganisationer.all()],
        bevillingsperiode=Navngivet(id=p.bevillingsperiode_id, navn=p.bevillingsperiode.navn),
        startdato=p.startdato,
        slutdato=p.slutdato,
        budget=budget,
    )


@api.get(
    "/plans/", response={200: PlanSide, **ERRORS}, url_name="plan_list", summary="Planer", tags=["Planer"]
)
def plan_list(
    request: HttpRequest, cursor: str | None = Cursor, limit: int = Limit, updated_since: str | None = Since
):
    """Registret: de planer, du kan se i portalen (område, kommune, region, parter,
    bevillingsperiode, periode, budget og medfinansiering, status)."""
    qs = core.changed_since(_plans_qs().visible_to(user_of(request)), core.since_param(updated_since))
    rows, naeste = core.page_of_queryset(request, qs, cursor, limit)
    budgets = _budgets([p.pk for p in rows])
    return {"resultater": [_plan_out(p, budgets[p.pk]) for p in rows], "naeste": naeste}


@api.get(
    "/plans/{plan_id}/",
    response={200: Plan, **ERRORS},
    url_name="plan_detail",
    summary="Én plan",
    tags=["Planer"],
)
def plan_detail(request: HttpRequest, plan_id: int = PlanId):
    """Én plan fra registret."""
    plan = get_plan_for_user(user_of(request), plan_id, _plans_qs())
    return _plan_out(plan, _budgets([plan.pk])[plan.pk])


# --- agreements ------------------------------------------------------------------------------


class Aftaleversion(Schema):
    id: int
    version: int
    status: str
    gyldig_fra: datetime.date
    gyldig_til: datetime.date
    indsendt: datetime.datetime | None
    godkendt: datetime.datetime | None = Field(description="Hvornår LBF godkendte (eller afviste)")
    ikraft_fra: datetime.date | None = Field(description="Dagen versionen træder i kraft (godkendte)")
    i_kraft: bool = Field(description="Versionen er den, der er i kraft i dag")


class AftaleSide(Side):
    resultater: list[Aftaleversion]


@api.get(
    "/plans/{plan_id}/agreements/",
    response={200: AftaleSide, **ERRORS},
    url_name="agreement_list",
    summary="Aftaleversioner",
    tags=["Aftaler"],
)
def agreement_list(
    request: HttpRequest,
    plan_id: int = PlanId,
    cursor: str | None = Cursor,
    limit: int = Limit,
    updated_since: str | None = Since,
):
    """Samarbejdsaftalens versioner med status, gyldighed, godkendelse, og hvilken der er i kraft."""
    plan = _plan(request, plan_id)
    in_force = agreement_in_force(list(plan.samarbejdsaftaler.approved()), timezone.localdate())
    qs = core.changed_since(
        Samarbejdsaftale.objects.filter(helhedsplan=plan), core.since_param(updated_since)
    )
    rows, naeste = core.page_of_queryset(request, qs, cursor, limit)
    return {
        "resultater": [
            Aftaleversion(
                id=a.pk,
                version=a.version,
                status=a.status,
                gyldig_fra=a.gyldig_fra,
                gyldig_til=a.gyldig_til,
                indsendt=a.indsendt_tidspunkt,
                godkendt=a.godkendt_tidspunkt,
                ikraft_fra=a.ikraft_fra,
                i_kraft=in_force is not None and a.pk == in_force.pk,
            )
            for a in rows
        ],
        "naeste": naeste,
    }


# --- goals and success criteria --------------------------------------------------------------


class Kriterie(Schema):
    id: int
    beskrivelse: str
    strategisk_maal: Navngivet
    indsatsomraade: str | None
    indikator: Navngivet | None
    enhed: str
    retning: str = Field(description="hoejere eller lavere er bedre; tom uden indikator")
    baseline: float | None
    baseline_dato: datetime.date | None
    maal: float | None = Field(description="Måltallet i den version af aftalen, der er i kraft")
    maal_dato: datetime.date | None
    samarbejdsaftale_version: int
    status: str = Field(description="Seneste beregnede status (ingen_data uden beregning)")


class KriterieSide(Side):
    resultater: list[Kriterie]


@api.get(
    "/plans/{plan_id}/criteria/",
    response={200: KriterieSide, **ERRORS},
    url_name="criterion_list",
    summary="Succeskriterier",
    tags=["Succeskriterier"],
)
def criterion_list(
    request: HttpRequest,
    plan_id: int = PlanId,
    cursor: str | None = Cursor,
    limit: int = Limit,
    updated_since: str | None = Since,
):
    """De strategiske mål og succeskriterier i den aftaleversion, der gælder (samme som
    bestyrelsens dashboard), med indikator, retning, baseline og måltal."""
    plan = _plan(request, plan_id)
    aftale = plan.samarbejdsaftaler.current(timezone.localdate())
    goals = agreement_goals(aftale)
    _series, latest = criteria_series(plan, None, None, None)
    since = core.since_param(updated_since)
    changed = None
    if since is not None:
        changed = set(Succeskriterie.history.filter(history_date__gte=since).values_list("id", flat=True))
    items = [
        (goal, k) for goal in goals for k in goal.succeskriterier.all() if changed is None or k.pk in changed
    ]
    rows, naeste = core.page_of_list(request, items, lambda gk: f"{gk[1].pk:012d}", cursor, limit)
    out = []
    for goal, k in rows:
        last = latest.get(k.pk)
        out.append(
            Kriterie(
                id=k.pk,
                beskrivelse=k.beskrivelse,
                strategisk_maal=Navngivet(id=goal.pk, navn=f"{goal.nummer}. {goal.titel}"),
                indsatsomraade=goal.indsatsomraade.navn if goal.indsatsomraade else None,
                indikator=Navngivet(id=k.indikator.pk, navn=k.indikator.navn) if k.indikator else None,
                enhed=k.indikator.enhed if k.indikator else "",
                retning=k.indikator.retning if k.indikator else "",
                baseline=num(k.baseline_vaerdi),
                baseline_dato=k.baseline_dato,
                maal=num(k.maal_vaerdi),
                maal_dato=k.maal_dato,
                samarbejdsaftale_version=aftale.version if aftale else 0,
                status=last["status"] if last else "ingen_data",
            )
        )
    return {"resultater": out, "naeste": naeste}


class Periode(Schema):
    periode_start: datetime.date
    periode_slut: datetime.date
    maal: float | None = Field(description="Måltallet i kraft i perioden")
    forventet: float | None = Field(description="Forventet værdi på vejen fra baseline til mål")
    faktisk: float | None
    status: str
    beregnet: datetime.datetime | None = Field(description="Hvornår planens tal sidst blev beregnet")


class PeriodeSide(Side):
    resultater: list[Periode]


@api.get(
    "/plans/{plan_id}/criteria/{criterion_id}/periods/",
    response={200: PeriodeSide, **ERRORS},
    url_name="criterion_periods",
    summary="Et succeskriteries perioder",
    tags=["Succeskriterier"],
)
def criterion_periods(
    request: HttpRequest,
    plan_id: int = PlanId,
    criterion_id: int = Path(..., ge=1, le=ID_MAX, description="Succeskriteriets id"),
    cursor: str | None = Cursor,
    limit: int = Limit,
    updated_since: str | None = Since,
):
    """Pr. periode: måltal i kraft, forventet og faktisk værdi, status og beregningstidspunkt,
    læst af de samme funktioner som bestyrelsens dashboard."""
    plan = _plan(request, plan_id)
    if not Succeskriterie.objects.filter(
        pk=criterion_id, strategisk_maal__samarbejdsaftale__helhedsplan=plan
    ).exists():
        raise Http404
    beregning = plan_computation(plan)
    beregnet = beregning.beregnet if beregning else None
    since = core.since_param(updated_since)
    if since is not None and (beregnet is None or beregnet < since):
        rows: list[dict[str, Any]] = []
    else:
        series, _latest = criteria_series(plan, None, None, None)
        rows = series.get(criterion_id, [])
    page, naeste = core.page_of_list(request, rows, lambda r: r["periode_start"].isoformat(), cursor, limit)
    return {
        "resultater": [
            Periode(
                periode_start=r["periode_start"],
                periode_slut=r["periode_slut"],
                maal=num(r["maal"]),
                forventet=num(r["forventet"]),
                faktisk=num(r["faktisk"]),
                status=r["status"],
                beregnet=beregnet,
            )
            for r in page
        ],
        "naeste": naeste,
    }


# --- the indicator catalogue -----------------------------------------------------------------


class IndikatorUd(Schema):
    id: int
    kode: str
    navn: str
    beskrivelse: str
    enhed: str
    art: str
    retning: str
    aggregering: str
    kilde: str


class IndikatorSide(Side):
    resultater: list[IndikatorUd]


@api.get(
    "/indicators/",
    response={200: IndikatorSide, **ERRORS},
    url_name="indicator_list",
    summary="Indikatorkataloget",
    tags=["Indikatorer"],
)
def indicator_list(
    request: HttpRequest, cursor: str | None = Cursor, limit: int = Limit, updated_since: str | None = Since
):
    """Indikatorkataloget (for alle, der er logget ind)."""
    qs = core.changed_since(Indikator.objects.all(), core.since_param(updated_since))
    rows, naeste = core.page_of_queryset(request, qs, cursor, limit)
    return {
        "resultater": [
            IndikatorUd(
                id=i.pk,
                kode=i.kode,
                navn=i.navn,
                beskrivelse=i.beskrivelse,
                enhed=i.enhed,
                art=i.art,
                retning=i.retning,
                aggregering=i.aggregering,
                kilde=i.kilde,
            )
            for i in rows
        ],
        "naeste": naeste,
    }


# --- activities with registrations aggregated ------------------------------------------------


class Maalgruppetal(Schema):
    maalgruppe: str
    deltagere: int


class Aktivitetsperiode(Schema):
    periode_start: datetime.date = Field(description="Kvartalets første dag")
    periode_slut: datetime.date
    gange: int = Field(description="Antal registrerede gange (sessioner)")
    timer: float
    deltagere: int = Field(description="Deltagere i alt (summen af målgrupperne)")
    pr_maalgruppe: list[Maalgruppetal]


class AktivitetUd(Schema):
    id: int
    navn: str
    status: str
    indsatsomraade: str
    delmaal: Navngivet
    startdato: datetime.date
    slutdato: datetime.date | None
    maalgrupper: list[str]
    perioder: list[Aktivitetsperiode]


class AktivitetSide(Side):
    resultater: list[AktivitetUd]


def _quarter_end(start: datetime.date) -> datetime.date:
    month = start.month + 3
    year = start.year + (month > 12)
    month = month - 12 if month > 12 else month
    return datetime.date(year, month, 1) - datetime.timedelta(days=1)


def _as_date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def activity_periods(aktivitet_ids: list[int]) -> dict[int, list[Aktivitetsperiode]]:
    """Registrations per activity, quarter and target group, summed in the database (two
    GROUP BY queries whatever the number of registrations): never a single participant."""
    sessions = (
        Aktivitetsregistrering.objects.filter(aktivitet_id__in=aktivitet_ids)
        .annotate(kvartal=TruncQuarter("dato"))
        .values("aktivitet_id", "kvartal")
        .annotate(gange=Count("id"), timer=Sum("timer"))
    )
    people = (
        Deltagertal.objects.filter(registrering__aktivitet_id__in=aktivitet_ids)
        .annotate(kvartal=TruncQuarter("registrering__dato"))
        .values("registrering__aktivitet_id", "kvartal", "maalgruppe__navn")
        .annotate(antal=Sum("antal"))
    )
    groups: dict[tuple[int, datetime.date], list[Maalgruppetal]] = defaultdict(list)
    for p in people:
        key = (p["registrering__aktivitet_id"], _as_date(p["kvartal"]))
        groups[key].append(Maalgruppetal(maalgruppe=p["maalgruppe__navn"], deltagere=p["antal"] or 0))
    out: dict[int, list[Aktivitetsperiode]] = defaultdict(list)
    for s in sorted(sessions, key=lambda s: (s["aktivitet_id"], _as_date(s["kvartal"]))):
        start = _as_date(s["kvartal"])
        per_group = sorted(groups.get((s["aktivitet_id"], start), []), key=lambda g: g.maalgruppe)
        out[s["aktivitet_id"]].append(
            Aktivitetsperiode(
                periode_start=start,
                periode_slut=_quarter_end(start),
                gange=s["gange"],
                timer=float(s["timer"] or 0),
                deltagere=sum(g.deltagere for g in per_group),
                pr_maalgruppe=per_group,
            )
        )
    return out


@api.get(
    "/plans/{plan_id}/activities/",
    response={200: AktivitetSide, **ERRORS},
    url_name="activity_list",
    summary="Aktiviteter (summeret)",
    tags=["Aktiviteter"],
)
def activity_list(
    request: HttpRequest,
    plan_id: int = PlanId,
    cursor: str | None = Cursor,
    limit: int = Limit,
    updated_since: str | None = Since,
):
    """Aktiviteterne med registreringer summeret pr. kvartal og målgruppe (deltagere, gange,
    timer). Aldrig enkelte deltagere."""
    plan = _plan(request, plan_id)
    since = core.since_param(updated_since)
    qs = (
        Aktivitet.objects.filter(delmaal__delaftale__helhedsplan=plan)
        .select_related("delmaal__delaftale__indsatsomraade")
        .prefetch_related("maalgrupper")
    )
    if since is not None:
        changed_regs = Aktivitetsregistrering.history.filter(history_date__gte=since).values("aktivitet_id")
        qs = qs.filter(
            Q(pk__in=Aktivitet.history.filter(history_date__gte=since).values("id")) | Q(pk__in=changed_regs)
        )
    rows, naeste = core.page_of_queryset(request, qs, cursor, limit)
    periods = activity_periods([a.pk for a in rows])
    return {
        "resultater": [
            AktivitetUd(
                id=a.pk,
                navn=a.navn,
                status=a.status,
                indsatsomraade=a.delmaal.delaftale.indsatsomraade.navn,
                delmaal=Navngivet(id=a.delmaal_id, navn=f"{a.delmaal.nummer}. {a.delmaal.titel}"),
                startdato=a.startdato,
                slutdato=a.slutdato,
                maalgrupper=[m.navn for m in a.maalgrupper.all()],
                perioder=periods.get(a.pk, []),
            )
            for a in rows
        ],
        "naeste": naeste,
    }


# --- status reports --------------------------------------------------------------------------


class Rapport(Schema):
    id: int
    indsatsomraade: str
    delaftale_id: int
    periode_start: datetime.date
    periode_slut: datetime.date
    status: str
    indsendt: datetime.datetime | None
    accepteret: datetime.datetime | None
    godkendt: datetime.datetime | None
    fortaelling: str | None = Field(description="Rapportens tekst, når du kan læse den i portalen")


class RapportSide(Side):
    resultater: list[Rapport]


@api.get(
    "/plans/{plan_id}/reports/",
    response={200: RapportSide, **ERRORS},
    url_name="report_list",
    summary="Statusrapporter",
    tags=["Rapporter"],
)
def report_list(
    request: HttpRequest,
    plan_id: int = PlanId,
    cursor: str | None = Cursor,
    limit: int = Limit,
    updated_since: str | None = Since,
):
    """Statusrapporterne med tilstand og datoer; teksten kun, hvor du kan læse den i portalen
    (rapportens side er for alle, der ser planen)."""
    plan = _plan(request, plan_id)
    reads = plan_roles(user_of(request), plan).can_view
    qs = core.changed_since(
        Statusrapport.objects.filter(delaftale__helhedsplan=plan).select_related("delaftale__indsatsomraade"),
        core.since_param(updated_since),
    )
    rows, naeste = core.page_of_queryset(request, qs, cursor, limit)
    return {
        "resultater": [
            Rapport(
                id=r.pk,
                indsatsomraade=r.delaftale.indsatsomraade.navn,
                delaftale_id=r.delaftale_id,
                periode_start=r.periode_start,
                periode_slut=r.periode_slut,
                status=r.status,
                indsendt=r.indsendt_tidspunkt,
                accepteret=r.accepteret_tidspunkt,
                godkendt=r.godkendt_tidspunkt,
                fortaelling=r.fortaelling if reads else None,
            )
            for r in rows
        ],
        "naeste": naeste,
    }


# --- meetings --------------------------------------------------------------------------------


class HandlingspunktUd(Schema):
    id: int
    tekst: str
    frist: datetime.date
    status: str


class Punkt(Schema):
    nummer: int
    titel: str
    type: str
    beslutninger: list[str]
    handlingspunkter: list[HandlingspunktUd]


class MoedeUd(Schema):
    id: int
    organ: Navngivet
    organ_type: str
    tidspunkt: datetime.datetime
    status: str
    referat_status: str
    punkter: list[Punkt]


class MoedeSide(Side):
    resultater: list[MoedeUd]


@api.get(
    "/plans/{plan_id}/meetings/",
    response={200: MoedeSide, **ERRORS},
    url_name="meeting_list",
    summary="Møder",
    tags=["Møder"],
)
def meeting_list(
    request: HttpRequest,
    plan_id: int = PlanId,
    cursor: str | None = Cursor,
    limit: int = Limit,
    updated_since: str | None = Since,
):
    """Møderne i planens organer med beslutninger og handlingspunkter (uden navne på personer)."""
    plan = _plan(request, plan_id)
    if not plan_roles(user_of(request), plan).can_view:  # meeting_permissions(...).view
        raise Http404
    since = core.since_param(updated_since)
    qs = (
        Moede.objects.filter(organ__helhedsplan=plan)
        .select_related("organ")
        .prefetch_related(
            Prefetch(
                "dagsordenspunkter",
                queryset=Dagsordenspunkt.objects.order_by("nummer").prefetch_related(
                    Prefetch("beslutninger", queryset=Beslutning.objects.order_by("id")),
                    Prefetch("handlingspunkter", queryset=Handlingspunkt.objects.order_by("frist", "id")),
                ),
            )
        )
    )
    if since is not None:
        qs = qs.filter(
            Q(pk__in=Moede.history.filter(history_date__gte=since).values("id"))
            | Q(pk__in=Beslutning.history.filter(history_date__gte=since).values("dagsordenspunkt__moede_id"))
            | Q(
                pk__in=Handlingspunkt.history.filter(history_date__gte=since).values(
                    "dagsordenspunkt__moede_id"
                )
            )
        )
    rows, naeste = core.page_of_queryset(request, qs, cursor, limit)
    return {
        "resultater": [
            MoedeUd(
                id=m.pk,
                organ=Navngivet(id=m.organ_id, navn=m.organ.navn),
                organ_type=m.organ.type,
                tidspunkt=m.tidspunkt,
                status=m.status,
                referat_status=m.referat_status,
                punkter=[
                    Punkt(
                        nummer=p.nummer,
                        titel=p.titel,
                        type=p.type,
                        beslutninger=[b.tekst for b in p.beslutninger.all()],
                        handlingspunkter=[
                            HandlingspunktUd(id=h.pk, tekst=h.tekst, frist=h.frist, status=h.status)
                            for h in p.handlingspunkter.all()
                        ],
                    )
                    for p in m.dagsordenspunkter.all()
                ],
            )
            for m in rows
        ],
        "naeste": naeste,
    }


# --- statutory area classification -----------------------------------------------------------


class Kriterieresultat(Schema):
    kode: str
    navn: str
    vaerdi: float | None
    operator: str
    taerskel: float | None
    opfyldt: bool | None = Field(description="Tre-værdi: sand, falsk eller null (ukendt)")
    forklaring: str


class Kategoriresultat(Schema):
    kode: str
    navn: str
    udfald: bool | None = Field(description="Tre-værdi: sand, falsk eller null (ukendt)")
    forklaring: str


class Klassifikationsaar(Schema):
    aar: int
    kriteriesaet: str
    kategori: str = Field(description="Den lagrede kategori fra listen")
    antal_beboere: int | None
    kriterier: list[Kriterieresultat]
    kategorier: list[Kategoriresultat]


class KlassifikationSide(Side):
    resultater: list[Klassifikationsaar]


@api.get(
    "/areas/{area_id}/classification/",
    response={200: KlassifikationSide, **ERRORS},
    url_name="area_classification",
    summary="Områdets klassifikation",
    tags=["Områder"],
)
def area_classification(
    request: HttpRequest,
    area_id: int = Path(..., ge=1, le=ID_MAX, description="Boligområdets id"),
    cursor: str | None = Cursor,
    limit: int = Limit,
    updated_since: str | None = Since,
):
    """De lovbestemte kategorier pr. listeår (tre-værdi), med kriteriernes værdier, tærskler
    og forklaring: samme beregning som portalens områdeprofil."""
    omraade, _plans = area_for_user(user_of(request), area_id)
    since = core.since_param(updated_since)
    years = area_profile(omraade.pk)["aar"]
    if since is not None:
        from monitorering.models import Omraadestatus

        changed = set(
            Omraadestatus.history.filter(history_date__gte=since, boligomraade_id=omraade.pk).values_list(
                "aar", flat=True
            )
        )
        years = [y for y in years if y["status"].aar in changed]
    page, naeste = core.page_of_list(request, years, lambda y: f"{y['status'].aar:04d}", cursor, limit)
    out = []
    for y in page:
        k = y["klassifikation"]
        out.append(
            Klassifikationsaar(
                aar=y["status"].aar,
                kriteriesaet=k.kriteriesaet,
                kategori=y["status"].kategori,
                antal_beboere=y["status"].antal_beboere,
                kriterier=[
                    Kriterieresultat(
                        kode=c.kode,
                        navn=str(statutory.CRITERION_LABELS.get(c.kode, c.kode)),
                        vaerdi=num(c.vaerdi),
                        operator=c.operator,
                        taerskel=num(c.taerskel),
                        opfyldt=c.opfyldt,
                        forklaring=str(c.forklaring),
                    )
                    for c in k.kriterier.values()
                ],
                kategorier=[
                    Kategoriresultat(
                        kode=c.kode,
                        navn=str(statutory.CATEGORY_LABELS.get(c.kode, c.kode)),
                        udfald=c.udfald,
                        forklaring=str(c.forklaring),
                    )
                    for c in k.kategorier.values()
                ],
            )
        )
    return {"resultater": out, "naeste": naeste}


# --- LBF: the overview and the findings ------------------------------------------------------


class Oversigtsraekke(Schema):
    id: int
    navn: str
    boligomraade: str
    kommune: str
    bevillingsperiode: str
    status: str
    startdato: datetime.date
    paa_sporet: int | None
    i_risiko: int | None
    ikke_paa_sporet: int | None
    ingen_data: int | None
    antal_fund: int
    antal_brud: int
    rapporter_overskredet: int
    seneste_bestyrelsesmoede: datetime.datetime | None


class OversigtSide(Side):
    resultater: list[Oversigtsraekke]


@api.get(
    "/overview/",
    response={200: OversigtSide, **ERRORS},
    url_name="overview",
    summary="LBF's oversigt",
    tags=["Tilsyn (LBF)"],
)
def overview(
    request: HttpRequest, cursor: str | None = Cursor, limit: int = Limit, updated_since: str | None = Since
):
    """LBF's oversigt over alle planer med deres tal (kun for Landsbyggefonden)."""
    require_lbf_staff(user_of(request))
    since = core.since_param(updated_since)
    qs = overview_queryset()
    if since is not None:
        qs = qs.filter(
            Q(pk__in=Helhedsplan.history.filter(history_date__gte=since).values("id"))
            | Q(pk__in=Planoversigt.objects.filter(beregnet__gte=since).values("helhedsplan_id"))
        )
    rows, naeste = core.page_of_queryset(request, qs, cursor, limit)
    out = []
    for p in rows:
        summary = getattr(p, "tilsynsoversigt", None)
        out.append(
            Oversigtsraekke(
                id=p.pk,
                navn=p.navn,
                boligomraade=p.boligomraade.navn,
                kommune=p.kommune.navn,
                bevillingsperiode=p.bevillingsperiode.navn,
                status=p.status,
                startdato=p.startdato,
                paa_sporet=p.paa_sporet,  # type: ignore[attr-defined]
                i_risiko=p.i_risiko,  # type: ignore[attr-defined]
                ikke_paa_sporet=p.ikke_paa_sporet,  # type: ignore[attr-defined]
                ingen_data=p.ingen_data,  # type: ignore[attr-defined]
                antal_fund=summary.antal_fund if summary else 0,
                antal_brud=summary.antal_brud if summary else 0,
                rapporter_overskredet=summary.rapporter_overskredet if summary else 0,
                seneste_bestyrelsesmoede=p.seneste_moede,  # type: ignore[attr-defined]
            )
        )
    return {"resultater": out, "naeste": naeste}


class FundUd(Schema):
    id: int
    regel: str
    alvor: str
    besked: str
    beregnet: datetime.datetime


class FundSide(Side):
    resultater: list[FundUd]


@api.get(
    "/plans/{plan_id}/findings/",
    response={200: FundSide, **ERRORS},
    url_name="finding_list",
    summary="Tilsynets fund",
    tags=["Tilsyn (LBF)"],
)
def finding_list(
    request: HttpRequest,
    plan_id: int = PlanId,
    cursor: str | None = Cursor,
    limit: int = Limit,
    updated_since: str | None = Since,
):
    """Tilsynets fund for én plan (kun for Landsbyggefonden)."""
    require_lbf_staff(user_of(request))
    plan = _plan(request, plan_id)
    since = core.since_param(updated_since)
    qs = Fund.objects.filter(helhedsplan=plan)
    if since is not None:
        qs = qs.filter(beregnet__gte=since)
    rows, naeste = core.page_of_queryset(request, qs, cursor, limit)
    return {
        "resultater": [
            FundUd(id=f.pk, regel=f.regel, alvor=f.alvor, besked=f.besked, beregnet=f.beregnet) for f in rows
        ],
        "naeste": naeste,
    }
