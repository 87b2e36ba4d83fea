"""Reads of LBF's audit. The overview is one query over plans with the monitoring
engine's latest summary row (Statusoversigt) and the audit's own summary row
(Planoversigt) joined in, so its cost does not grow with the number of plans."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce

from bestyrelser.models import Moede, Organ
from helhedsplaner.models import Aktivitet, Aktivitetsregistrering, Delaftale, Helhedsplan
from monitorering.models import Kriteriestatus, Statusoversigt

from .models import Fund

STATUS_FIELDS = ("paa_sporet", "i_risiko", "ikke_paa_sporet", "ingen_data")

SORTS: dict[str, Any] = {
    "plan": F("navn"),
    "omraade": F("boligomraade__navn"),
    "kommune": F("kommune__navn"),
    "runde": F("bevillingsperiode__start_aar"),
    "start": F("startdato"),
    "status": F("status"),
    "paa_sporet": F("paa_sporet"),
    "i_risiko": F("i_risiko"),
    "ikke_paa_sporet": F("ikke_paa_sporet"),
    "ingen_data": F("ingen_data"),
    "overskredet": F("tilsynsoversigt__rapporter_overskredet"),
    "fund": F("tilsynsoversigt__antal_fund"),
    "moede": F("seneste_moede"),
}


def _latest_status(qs: QuerySet[Helhedsplan], fields: tuple[str, ...] = STATUS_FIELDS) -> QuerySet:
    """The plan's newest overall status counts (Statusoversigt without an indsatsområde): one
    probe of the partial unique index (plan, period) per plan and field. Measured at ten times
    national scale, these beat one join on the newest row (FilteredRelation), for which
    PostgreSQL hashes every summary row (issue 17's note)."""
    newest = Statusoversigt.objects.filter(helhedsplan=OuterRef("pk"), indsatsomraade__isnull=True).order_by(
        "-periode_start"
    )
    return qs.annotate(
        **{name: Subquery(newest.values(name)[:1], output_field=IntegerField()) for name in fields}
    )


def _latest_meeting(qs: QuerySet[Helhedsplan]) -> QuerySet[Helhedsplan]:
    """When the plan's board last held a meeting: the plan's one body of type bestyrelse
    first, so PostgreSQL reads its meetings newest first by the index on (organ, tidspunkt)
    and stops at the first held one."""
    board = Organ.objects.filter(helhedsplan=OuterRef(OuterRef("pk")), type=Organ.Type.BESTYRELSE)
    newest = Moede.objects.filter(
        organ=Subquery(board.order_by().values("pk")[:1]), status=Moede.Status.AFHOLDT
    ).order_by("-tidspunkt")
    return qs.annotate(seneste_moede=Subquery(newest.values("tidspunkt")[:1]))


def overview_queryset() -> QuerySet[Helhedsplan]:
    """Every plan with what LBF's overview shows of it: its area, kommune and round, the
    audit's summary row, the newest overall status counts and the last board meeting."""
    qs = Helhedsplan.objects.select_related("boligomraade", "kommune", "bevillingsperiode", "tilsynsoversigt")
    return _latest_meeting(_latest_status(qs))


def overview_page(data: dict[str, Any], number: Any, per_page: int = 25) -> Page:
    """One page of the overview, filtered and sorted as ``data`` says (see filter_overview).

    Two steps, so the cost of a page does not grow with how far into the list it is: the
    plans' ids are paged by the sort key alone (PostgreSQL computes only what the ORDER BY
    needs for the rows OFFSET skips), then the page's own rows are read with everything shown."""
    filtered = _filtered(Helhedsplan.objects.all(), data)
    paginator = Paginator(_sorted(filtered, data).values_list("pk", flat=True), per_page)
    paginator.count = filtered.count()  # without the joins only the sort needs
    page = paginator.get_page(number)
    wanted = list(page.object_list)
    rows = {p.pk: p for p in overview_queryset().filter(pk__in=wanted)}
    page.object_list = [rows[pk] for pk in wanted if pk in rows]  # type: ignore[misc]  # ids become rows
    return page


def filter_overview(qs: QuerySet[Helhedsplan], data: dict[str, Any]) -> QuerySet[Helhedsplan]:
    """Apply the overview's cleaned filters (see forms.OverviewFilterForm) and its sort order
    to ``overview_queryset()`` or to a plain queryset of plans."""
    return _sorted(_filtered(qs, data), data)


def _filtered(qs: QuerySet[Helhedsplan], data: dict[str, Any]) -> QuerySet[Helhedsplan]:
    if data.get("kommune"):
        qs = qs.filter(kommune=data["kommune"])
    if data.get("region"):
        qs = qs.filter(kommune__region=data["region"])
    if data.get("runde"):
        qs = qs.filter(bevillingsperiode=data["runde"])
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("indsatsomraade"):
        qs = qs.filter(
            pk__in=Delaftale.objects.filter(indsatsomraade=data["indsatsomraade"]).values("helhedsplan_id")
        )
    if data.get("fund") == "ja":
        qs = qs.filter(tilsynsoversigt__antal_fund__gt=0)
    elif data.get("fund") == "nej":
        qs = qs.filter(Q(tilsynsoversigt__antal_fund=0) | Q(tilsynsoversigt__isnull=True))
    if q := (data.get("q") or "").strip():
        qs = qs.filter(
            Q(navn__icontains=q)
            | Q(boligomraade__navn__icontains=q)
            | Q(kommune__navn__icontains=q)
            | Q(lbf_sagsnummer__icontains=q)
        )
    return qs


def _sorted(qs: QuerySet[Helhedsplan], data: dict[str, Any]) -> QuerySet[Helhedsplan]:
    sort = data.get("sort") or "plan"
    key = sort.lstrip("-")
    # A plain queryset (overview_page's first step) gets only what its sort key needs.
    if key in STATUS_FIELDS and key not in qs.query.annotations:
        qs = _latest_status(qs, (key,))
    elif key == "moede" and "seneste_moede" not in qs.query.annotations:
        qs = _latest_meeting(qs)
    expr = SORTS.get(key, SORTS["plan"])
    ordered = expr.desc(nulls_last=True) if sort.startswith("-") else expr.asc(nulls_last=True)
    return qs.order_by(ordered, "pk")


def plan_findings(plan: Helhedsplan) -> list[Fund]:
    return list(Fund.objects.filter(helhedsplan=plan).order_by("regel", "id"))


def results_table(plan: Helhedsplan) -> list[Kriteriestatus]:
    """The indicator performance tracking table: every criterion × completed period,
    from the monitoring engine's snapshots (one query)."""
    return list(
        Kriteriestatus.objects.filter(helhedsplan=plan)
        .select_related("succeskriterie__indikator", "succeskriterie__strategisk_maal")
        .order_by("succeskriterie__strategisk_maal__nummer", "succeskriterie_id", "periode_start")
    )


def activities_with_registrations(plan: Helhedsplan) -> list:
    regs = Prefetch(
        "registreringer",
        queryset=Aktivitetsregistrering.objects.annotate(
            deltagere=Coalesce(Sum("deltagertal__antal"), 0)
        ).order_by("dato", "pk"),
    )
    return list(
        Aktivitet.objects.filter(delmaal__delaftale__helhedsplan=plan)
        .select_related("delmaal__delaftale__indsatsomraade", "ansvarlig")
        .prefetch_related(regs)
        .order_by("delmaal__delaftale__indsatsomraade__navn", "delmaal__nummer", "navn", "pk")
    )
