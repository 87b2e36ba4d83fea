"""Reads that span apps or need a permission decision. Each returns everything a page
needs in a fixed number of queries, whatever the plan's size."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from bestyrelser.models import Medlemskab, Organ

from .models import (
    Aktivitet,
    Budgetpost,
    Delaftale,
    Delmaal,
    Deltagertal,
    Helhedsplan,
    Samarbejdsaftale,
    StrategiskMaal,
    Succeskriterie,
)


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


def _current_agreement(plan: Helhedsplan) -> Samarbejdsaftale | None:
    """The version in force: the newest LBF-approved one, else the newest draft."""
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
    versions = plan.samarbejdsaftaler.prefetch_related(goals).order_by("-version")  # type: ignore[arg-type]
    return versions.approved().first() or versions.first()


def plan_overview(plan: Helhedsplan) -> dict[str, Any]:
    today = timezone.localdate()
    participants = (
        Deltagertal.objects.filter(registrering__aktivitet=OuterRef("pk"))
        .values("registrering__aktivitet")
        .annotate(total=Sum("antal"))
        .values("total")
    )
    activities = Prefetch(
        "aktiviteter",
        queryset=Aktivitet.objects.select_related("ansvarlig")
        .prefetch_related("maalgrupper", "samarbejdspartnere")
        .annotate(
            antal_registreringer=Count("registreringer", distinct=True),
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
