"""Reads that span apps or need a permission decision. Each returns everything a page
needs in a fixed number of queries, whatever the plan's size."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bestyrelser.models import Medlemskab, Organ
from monitorering.models import Indikator, Maaling
from portal.access import active_membership_q

from .models import (
    Aktivitet,
    Aktivitetsregistrering,
    Budgetpost,
    Delaftale,
    Delmaal,
    Deltagertal,
    Helhedsplan,
    Samarbejdsaftale,
    Statusrapport,
    StrategiskMaal,
    Succeskriterie,
)
from .periods import Periode, reporting_periods


def plans_for_home(user) -> list[Helhedsplan]:
    """The plans the user may see, with what the home page shows of each."""
    return list(
        Helhedsplan.objects.visible_to(user)
        .for_overview_list()
        .annotate(
            antal_delaftaler=Count("delaftaler", distinct=True),
            antal_aktiviteter=Count(
                "delaftaler__delmaal__aktiviteter",
                filter=~Q(delaftaler__delmaal__aktiviteter__status=Aktivitet.Status.AFLYST),
                distinct=True,
            ),
        )
        .order_by("navn")
    )


def agreement_for_content(plan: Helhedsplan, today: datetime.date | None = None) -> Samarbejdsaftale | None:
    """The version whose goals count: the current one on the plan's present (today, or its
    last day once it has ended; a draft when none is approved). LBF's rules and the forms
    that link content to goals both use this."""
    return plan.samarbejdsaftaler.current(min(today or timezone.localdate(), plan.slutdato))


def goal_choices(
    plan: Helhedsplan, linked: Iterable[int] = (), today: datetime.date | None = None
) -> tuple[QuerySet[StrategiskMaal], Samarbejdsaftale | None]:
    """The strategic goals to offer where content is linked to goals (a delmål, an agenda
    item): those of :func:`agreement_for_content`, once each, plus the goals of older
    versions in ``linked`` (what the object already points to, so saving the form does not
    silently drop them). Also returns that version, to tell its goals from older ones."""
    aftale = agreement_for_content(plan, today)
    wanted = Q(pk__in=list(linked))
    current = Q(samarbejdsaftale=aftale) if aftale is not None else Q(pk__in=[])
    goals = (
        StrategiskMaal.objects.filter(samarbejdsaftale__helhedsplan=plan)
        .filter(wanted | current)
        .select_related("samarbejdsaftale")
        # the applicable version's goals first, then linked goals of other versions
        .order_by(Case(When(current, then=0), default=1), "samarbejdsaftale__version", "nummer")
    )
    return goals, aftale


def _current_agreement(plan: Helhedsplan) -> Samarbejdsaftale | None:
    """The current version (:meth:`SamarbejdsaftaleQuerySet.current`: in force today, else
    the newest draft) with its goals, criteria and delmål."""
    criteria = Prefetch(
        "succeskriterier",
        queryset=Succeskriterie.objects.select_related("indikator").order_by("id"),
    )
    goals = Prefetch(
        "strategiske_maal",
        queryset=StrategiskMaal.objects.select_related("indsatsomraade")
        .prefetch_related(criteria, Prefetch("delmaal", queryset=Delmaal.objects.order_by("nummer")))
        .order_by("nummer"),
    )
    return plan.samarbejdsaftaler.prefetch_related(goals).current()  # type: ignore[arg-type]


def plan_overview(plan: Helhedsplan) -> dict[str, Any]:
    today = timezone.localdate()
    participants = (
        Deltagertal.objects.filter(registrering__aktivitet=OuterRef("pk"))
        .values("registrering__aktivitet")
        .annotate(total=Sum("antal"))
        .values("total")
    )
    # Both as subqueries, not a join + GROUP BY: with a join PostgreSQL re-ran the participants
    # subquery once per registration row (and JIT-compiled the plan): 0.9 s for one plan at
    # ten-times scale (bench/load.py), against a few ms this way.
    sessions = (
        Aktivitetsregistrering.objects.filter(aktivitet=OuterRef("pk"))
        .values("aktivitet")
        .annotate(n=Count("pk"))
        .values("n")
    )
    activities = Prefetch(
        "aktiviteter",
        queryset=Aktivitet.objects.select_related("ansvarlig")
        .prefetch_related("maalgrupper", "samarbejdspartnere")
        .annotate(
            antal_registreringer=Coalesce(Subquery(sessions, output_field=IntegerField()), 0),
            deltagere_i_alt=Coalesce(Subquery(participants, output_field=IntegerField()), 0),
        )
        .order_by("startdato", "navn"),
    )
    delmaal = Prefetch(
        "delmaal",
        queryset=Delmaal.objects.prefetch_related("strategiske_maal", activities).order_by("nummer"),
    )
    delaftaler = list(
        Delaftale.objects.filter(helhedsplan=plan)
        .select_related("indsatsomraade")
        .prefetch_related(delmaal)
        .order_by("indsatsomraade__navn")
    )
    members = Prefetch(
        "medlemskaber",
        queryset=Medlemskab.objects.filter(Q(til__isnull=True) | Q(til__gte=today), fra__lte=today)
        .select_related("person", "forvaltning", "boligorganisation")
        .order_by("rolle", "person__navn"),
        to_attr="aktive_medlemskaber",
    )
    organer = list(
        Organ.objects.filter(helhedsplan=plan)
        .select_related("rapporterer_til")
        .prefetch_related(
            members, Prefetch("daekker", queryset=Delaftale.objects.select_related("indsatsomraade"))
        )
        .order_by("type", "navn")
    )
    budget = list(Budgetpost.objects.filter(helhedsplan=plan).values("kilde").annotate(total=Sum("beloeb")))
    budget_total = sum((row["total"] for row in budget), Decimal(0))
    local = sum((row["total"] for row in budget if row["kilde"] != Budgetpost.Kilde.LBF), Decimal(0))
    kilde_labels = dict(Budgetpost.Kilde.choices)
    return {
        "plan": plan,
        "boligorganisationer": list(plan.boligorganisationer.all()),
        "afdelinger": list(plan.afdelinger.select_related("boligorganisation")),
        "aftale": _current_agreement(plan),
        "delaftaler": delaftaler,
        "organer": organer,
        "bestyrelse": next((o for o in organer if o.type == Organ.Type.BESTYRELSE), None),
        "budget": [
            {"kilde": kilde_labels.get(row["kilde"], row["kilde"]), "total": row["total"]}
            for row in sorted(budget, key=lambda r: -r["total"])
        ],
        "budget_total": budget_total,
        "medfinansiering_pct": (local / budget_total * 100) if budget_total else None,
    }


# Status reports ---------------------------------------------------------------------------


def report_overdue(periode: Periode, rapport: Statusrapport | None, today: datetime.date) -> bool:
    """THE rule for an overdue status report: the period's deadline has passed and the
    report is not submitted: never written, still a draft, or returned to the
    projektleder (a returned report is a draft again). A report submitted after the
    deadline is late, not overdue. Every page, export and rule that counts or marks
    overdue reports asks this function, through :func:`report_slots`."""
    return today > periode.frist and (rapport is None or rapport.status == Statusrapport.Status.KLADDE)


@dataclass(frozen=True)
class ReportSlot:
    """One expected status report: a delaftale × a reporting period that has ended,
    with the report written for it (None when none is)."""

    delaftale: Delaftale
    periode: Periode
    rapport: Statusrapport | None

    def is_overdue(self, today: datetime.date) -> bool:
        return report_overdue(self.periode, self.rapport, today)

    @property
    def submitted_on(self) -> datetime.date | None:
        """The local day the report was submitted (None while it is a draft)."""
        r = self.rapport
        if r is None or r.status == Statusrapport.Status.KLADDE or r.indsendt_tidspunkt is None:
            return None
        return timezone.localtime(r.indsendt_tidspunkt).date()

    @property
    def submitted_late(self) -> bool:
        return self.submitted_on is not None and self.submitted_on > self.periode.frist


def report_slots(plans, *, today: datetime.date) -> list[ReportSlot]:
    """Every expected report of ``plans`` (a queryset or list of plans) whose period has
    ended by ``today``, per plan, delaftale (by indsatsområde) and period, oldest period
    first. Two queries whatever the number of plans, delaftaler and reports."""
    return _delaftaler_and_slots(plans, today)[1]


def _delaftaler_and_slots(plans, today: datetime.date) -> tuple[list[Delaftale], list[ReportSlot]]:
    delaftaler = list(
        Delaftale.objects.filter(helhedsplan__in=plans)
        .select_related("indsatsomraade", "helhedsplan")
        .order_by("helhedsplan__navn", "helhedsplan_id", "indsatsomraade__navn", "pk")
    )
    reports = {
        (r.delaftale_id, r.periode_start): r
        for r in Statusrapport.objects.filter(delaftale__in=[d.pk for d in delaftaler])
    }
    periods: dict[int, list[Periode]] = {}
    slots: list[ReportSlot] = []
    for d in delaftaler:
        if d.helhedsplan_id not in periods:
            periods[d.helhedsplan_id] = reporting_periods(d.helhedsplan, until=today)
        slots.extend(ReportSlot(d, p, reports.get((d.pk, p.start))) for p in periods[d.helhedsplan_id])
    return delaftaler, slots


def overdue_reports_of(
    plan: Helhedsplan,
    delaftaler: Iterable[Delaftale],
    reports: Mapping[tuple[int, datetime.date], Statusrapport],
    today: datetime.date,
) -> list[ReportSlot]:
    """:func:`overdue_reports` of one plan from its delaftaler and reports (by delaftale and
    period start) already read, for a page that reads them anyway: the same slots and rule,
    no query."""
    periods = reporting_periods(plan, until=today)
    slots = (ReportSlot(d, p, reports.get((d.pk, p.start))) for d in delaftaler for p in periods)
    return [s for s in slots if s.is_overdue(today)]


def overdue_reports(plans, *, today: datetime.date) -> list[ReportSlot]:
    """The expected reports of ``plans`` that are overdue on ``today`` (see
    :func:`report_overdue`): what the dashboard, the board pack, the status-report list,
    LBF's overview and the compliance rule count."""
    return [s for s in report_slots(plans, today=today) if s.is_overdue(today)]


@dataclass
class Cell:
    """One delaftale × period in the completeness view."""

    periode: Periode
    delaftale: Delaftale
    rapport: Statusrapport | None
    state: str  # rettidig | for_sent | afventer | overskredet
    label: str


def _cell(slot: ReportSlot, today: datetime.date) -> Cell:
    periode, rapport = slot.periode, slot.rapport
    if slot.is_overdue(today):
        state, label = (
            "overskredet",
            _("Frist overskredet %(dato)s") % {"dato": date_format(periode.frist, "SHORT_DATE_FORMAT")},
        )
    elif (day := slot.submitted_on) is not None:
        state = "for_sent" if slot.submitted_late else "rettidig"
        label = _("Indsendt %(dato)s") % {"dato": date_format(day, "SHORT_DATE_FORMAT")}
    else:
        state, label = (
            "afventer",
            _("Frist %(dato)s") % {"dato": date_format(periode.frist, "SHORT_DATE_FORMAT")},
        )
    return Cell(periode, slot.delaftale, rapport, state, label)


def report_completeness(plan: Helhedsplan, *, today: datetime.date) -> dict[str, Any]:
    """Delaftaler × ended periods: which have reported, on time or late, and which are
    overdue (:func:`report_overdue`)."""
    delaftaler, slots = _delaftaler_and_slots([plan], today)
    periods = reporting_periods(plan, until=today)
    by_pair = {(s.delaftale.pk, s.periode.start): s for s in slots}
    period_rows = [
        (p, [_cell(by_pair[(d.pk, p.start)], today) for d in delaftaler]) for p in reversed(periods)
    ]
    counts = {"rettidig": 0, "for_sent": 0, "overskredet": 0, "afventer": 0}
    for _p, cells in period_rows:
        for c in cells:
            counts[c.state] += 1
    return {"periods": periods, "delaftaler": delaftaler, "period_rows": period_rows, "counts": counts}


def report_criteria(rapport: Statusrapport) -> list[Succeskriterie]:
    """Success criteria whose values this report supplies: criteria of the agreement
    version in force at the end of the report's period (what was in force then, see
    :func:`helhedsplaner.models.agreement_in_force`), measured by an indicator sourced
    from status reports, whose goal belongs to the delaftale's indsatsområde or is
    served by one of its delmål."""
    delaftale = rapport.delaftale
    aftale = delaftale.helhedsplan.samarbejdsaftaler.in_force(rapport.periode_slut)
    if aftale is None:
        return []
    return list(
        Succeskriterie.objects.filter(
            strategisk_maal__samarbejdsaftale=aftale,
            indikator__kilde=Indikator.Kilde.STATUSRAPPORTER,
        )
        .filter(
            Q(strategisk_maal__indsatsomraade=delaftale.indsatsomraade)
            | Q(strategisk_maal__delmaal__delaftale=delaftale)
        )
        .select_related("indikator", "strategisk_maal")
        .distinct()
        .order_by("strategisk_maal__nummer", "id")
    )


def implausible(indikator: Indikator, vaerdi: Decimal | None) -> bool:
    """Whether ``vaerdi`` lies outside the indicator's plausible interval (a reported
    value there needs a comment)."""
    if vaerdi is None:
        return False
    low, high = indikator.min_plausibel, indikator.max_plausibel
    return (low is not None and vaerdi < low) or (high is not None and vaerdi > high)


def report_detail(rapport: Statusrapport) -> dict[str, Any]:
    """What the report page and form show: delmål with their reported status, the
    criteria the report supplies with this and last period's values."""
    plan = rapport.delaftale.helhedsplan
    delmaal = list(rapport.delaftale.delmaal.prefetch_related("strategiske_maal").order_by("nummer"))
    statuses = {s.delmaal_id: s for s in rapport.delmaalstatus.all()}
    kriterier = report_criteria(rapport)
    indikator_ids = {k.indikator_id for k in kriterier}
    earlier = Maaling.objects.filter(
        helhedsplan=plan, indikator_id__in=indikator_ids, periode_slut__lt=rapport.periode_start
    ).order_by("indikator_id", "-periode_slut")
    # Keyed by indicator id; a criterion's indicator id is looked up as it is (possibly None).
    forrige: dict[int | None, Maaling] = {}
    for m in earlier:
        forrige.setdefault(m.indikator_id, m)
    current: dict[int | None, Maaling] = {m.indikator_id: m for m in rapport.maalinger.all()}
    periode = next(
        (p for p in reporting_periods(plan) if p.start == rapport.periode_start),
        Periode(rapport.periode_start, rapport.periode_slut, rapport.periode_slut),
    )
    return {
        "delmaal": delmaal,
        "delmaal_rows": [(d, statuses.get(d.pk)) for d in delmaal],
        "kriterier": kriterier,
        "kriterie_rows": [(k, current.get(k.indikator_id), forrige.get(k.indikator_id)) for k in kriterier],
        "forrige": forrige,
        "periode": periode,
        "periode_label": periode.label,
        "reviewers": [o for o in rapport.delaftale.organer.all() if o.type != Organ.Type.BESTYRELSE],
    }


@dataclass
class WorkItem:
    kind: str  # skriv | ret | accepter | godkend
    plan: Helhedsplan
    delaftale: Delaftale
    periode_label: str
    frist: datetime.date | None
    rapport: Statusrapport | None = None
    overdue: bool = False


def worklist(user, *, today: datetime.date) -> list[WorkItem]:
    """What this user must write, correct, accept or approve, oldest deadline first.

    A fixed number of queries whatever the number of plans and reports.
    """
    memberships = list(
        Medlemskab.objects.filter(active_membership_q("", user)).values_list(
            "rolle", "organ__type", "organ__helhedsplan_id", "organ_id"
        )
    )
    pl_plans = {plan for rolle, _t, plan, _o in memberships if rolle == Medlemskab.Rolle.PROJEKTLEDER}
    board_plans = {
        plan
        for rolle, t, plan, _o in memberships
        if t == Organ.Type.BESTYRELSE and rolle != Medlemskab.Rolle.PROJEKTLEDER
    }
    group_organs = {
        organ
        for rolle, t, _p, organ in memberships
        if t in Organ.GROUP_TYPES and rolle != Medlemskab.Rolle.PROJEKTLEDER
    }
    covered = (
        set(
            Delaftale.organer.through.objects.filter(organ_id__in=group_organs).values_list(
                "delaftale_id", flat=True
            )
        )
        if group_organs
        else set()
    )
    plans = pl_plans | board_plans
    open_reports = list(
        Statusrapport.objects.filter(
            Q(delaftale__helhedsplan_id__in=plans) | Q(delaftale_id__in=covered),
            status__in=[
                Statusrapport.Status.KLADDE,
                Statusrapport.Status.INDSENDT,
                Statusrapport.Status.ACCEPTERET,
            ],
        )
        .select_related("delaftale__indsatsomraade", "delaftale__helhedsplan")
        .prefetch_related(
            Prefetch("delaftale__organer", queryset=Organ.objects.filter(type__in=Organ.GROUP_TYPES))
        )
    )
    items: list[WorkItem] = []
    for r in open_reports:
        d = r.delaftale
        plan = d.helhedsplan
        periode = next((p for p in reporting_periods(plan) if p.start == r.periode_start), None)
        frist = periode.frist if periode else None
        label = periode.label if periode else f"{r.periode_start:%d.%m.%Y}"
        has_group = bool(d.organer.all())
        kind = None
        if r.status == Statusrapport.Status.KLADDE and plan.pk in pl_plans:
            kind = "ret" if r.er_returneret else "skriv"
        elif r.status == Statusrapport.Status.INDSENDT and has_group and d.pk in covered:
            kind = "accepter"
        elif plan.pk in board_plans and (
            r.status == Statusrapport.Status.ACCEPTERET
            or (r.status == Statusrapport.Status.INDSENDT and not has_group)
        ):
            kind = "godkend"
        if kind:
            overdue = periode is not None and report_overdue(periode, r, today)
            items.append(WorkItem(kind, plan, d, label, frist, r, overdue))
    # Periods with no report at all, for the projektleder: the same expected reports the
    # completeness grid and the overdue count are made of.
    if pl_plans:
        for slot in report_slots(sorted(pl_plans), today=today):
            if slot.rapport is None:
                p = slot.periode
                plan = slot.delaftale.helhedsplan
                items.append(
                    WorkItem("skriv", plan, slot.delaftale, p.label, p.frist, None, slot.is_overdue(today))
                )
    items.sort(key=lambda i: (i.frist or today, i.plan.navn))
    return items


def members_without_address(user, *, today: datetime.date) -> list[Medlemskab]:
    """The active members of the plans where ``user`` is projektleder who have no e-mail
    address (they get notices in the portal only): one query, for the projektleder's worklist."""
    own_plans = Medlemskab.objects.filter(
        active_membership_q("", user, today), rolle=Medlemskab.Rolle.PROJEKTLEDER
    ).values("organ__helhedsplan_id")
    return list(
        Medlemskab.objects.filter(
            Q(til__isnull=True) | Q(til__gte=today),
            organ__helhedsplan_id__in=own_plans,
            fra__lte=today,
            person__email="",
        )
        .select_related("person", "organ", "organ__helhedsplan")
        .order_by("organ__helhedsplan__navn", "person__navn", "organ__navn")
    )
