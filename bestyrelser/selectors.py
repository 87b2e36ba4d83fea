"""Reads for the board's dashboard, each a fixed number of queries whatever the plan's size
(the total is asserted in tests/bestyrelser/test_meetings.py). The dashboard reads the
monitoring snapshots, never raw observations."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models
from django.db.models import Count, Prefetch, Q, Sum
from django.db.models.functions import TruncQuarter

from helhedsplaner.models import (
    Delaftale,
    Delmaal,
    Deltagertal,
    Helhedsplan,
    Samarbejdsaftale,
    Statusrapport,
    StrategiskMaal,
    Succeskriterie,
)
from monitorering.models import Job, Kriteriestatus, Planberegning

from .caching import bounded, filter_query
from .models import Handlingspunkt, Indholdsversion, Kommentar, Medlemskab, Moede, Moededeltagelse, Organ
from .sections import providers

#: Snapshot rows of one criterion, oldest period first.
Series = dict[int, list[dict[str, Any]]]


def plan_computation(plan: Helhedsplan) -> Planberegning | None:
    """When the plan's snapshots were last computed, and their cache generation."""
    return Planberegning.objects.filter(helhedsplan=plan).first()


def agreement_goals(aftale: Samarbejdsaftale | None) -> list[StrategiskMaal]:
    """The agreement's strategic goals with their criteria (indicator, comments) and their
    delmål with activities."""
    if not aftale:
        return []
    return list(
        StrategiskMaal.objects.filter(samarbejdsaftale=aftale)
        .select_related("indsatsomraade")
        .prefetch_related(
            Prefetch("succeskriterier", queryset=Succeskriterie.objects.select_related("indikator")),
            Prefetch("delmaal", queryset=Delmaal.objects.prefetch_related("aktiviteter")),
            Prefetch("succeskriterier__kommentarer", queryset=Kommentar.objects.select_related("forfatter")),
        )
        .order_by("nummer")
    )


def criteria_series(
    plan: Helhedsplan,
    omraade_id: int | None,
    fra: datetime.date | None,
    til: datetime.date | None,
) -> tuple[Series, dict[int, dict[str, Any]]]:
    """Snapshot rows per criterion (ordered by period) and the latest per criterion."""
    rows = Kriteriestatus.objects.filter(helhedsplan=plan)
    if omraade_id:
        rows = rows.filter(indsatsomraade_id=omraade_id)
    if fra:
        rows = rows.filter(periode_start__gte=fra)
    if til:
        rows = rows.filter(periode_slut__lte=til)
    series: Series = defaultdict(list)
    for r in rows.order_by("periode_start").values(
        "succeskriterie_id",
        "periode_start",
        "periode_slut",
        "faktisk",
        "forventet",
        "status",
        "maal",
        "samarbejdsaftale_id",
    ):
        series[r["succeskriterie_id"]].append(r)
    latest = {k: v[-1] for k, v in series.items()}
    return series, latest


def plan_delaftaler(plan: Helhedsplan) -> list[Delaftale]:
    """The plan's delaftaler with their delmål (goals, activities) and the bodies following them."""
    return list(
        Delaftale.objects.filter(helhedsplan=plan)
        .select_related("indsatsomraade")
        .prefetch_related(
            Prefetch("delmaal", queryset=Delmaal.objects.prefetch_related("strategiske_maal", "aktiviteter")),
            "organer",
        )
        .order_by("indsatsomraade__navn")
    )


def plan_bodies(plan: Helhedsplan, today: datetime.date) -> list[Organ]:
    """The plan's bodies with the delaftaler they follow and their members active ``today``
    (in ``aktive``)."""
    return list(
        Organ.objects.filter(helhedsplan=plan)
        .select_related("rapporterer_til")
        .prefetch_related(
            Prefetch("daekker", queryset=Delaftale.objects.select_related("indsatsomraade")),
            Prefetch(
                "medlemskaber",
                queryset=Medlemskab.objects.filter(Q(til__isnull=True) | Q(til__gte=today), fra__lte=today)
                .select_related("person", "forvaltning", "boligorganisation")
                .prefetch_related("forvaltning__fagomraader"),
                to_attr="aktive",
            ),
        )
    )


def plan_reports(plan: Helhedsplan) -> list[Mapping[str, Any]]:
    """Every status report of the plan, newest period first per delaftale."""
    return list(
        Statusrapport.objects.filter(delaftale__helhedsplan=plan)
        .values(
            "delaftale_id",
            "periode_start",
            "periode_slut",
            "status",
            "returkommentar",
            "fortaelling",
            "accepteret_tidspunkt",
        )
        .order_by("delaftale_id", "-periode_start")
    )


def recent_meetings(organ: Organ, count: int = 6) -> list[Moede]:
    """The body's last ``count`` held meetings, newest first, with attendance counted
    (``deltog``, ``i_alt``)."""
    return list(
        Moede.objects.filter(organ=organ, status=Moede.Status.AFHOLDT)
        .annotate(
            deltog=Count("deltagelser", filter=Q(deltagelser__status=Moededeltagelse.Status.DELTAGER)),
            i_alt=Count("deltagelser"),
        )
        .order_by("-tidspunkt")[:count]
    )


def open_action_items(plan: Helhedsplan) -> list[Handlingspunkt]:
    """The open action items (open or in progress) of all the plan's bodies, earliest deadline
    first, with who is responsible and the body whose meeting set them."""
    return list(
        Handlingspunkt.objects.filter(
            dagsordenspunkt__moede__organ__helhedsplan=plan,
            status__in=[Handlingspunkt.Status.AABEN, Handlingspunkt.Status.I_GANG],
        )
        .select_related("ansvarlig", "dagsordenspunkt__moede__organ")
        .order_by("frist", "pk")
    )


def members_on(organ: Organ, day: datetime.date) -> list[Medlemskab]:
    """The body's memberships in force on ``day``, chair first, then by name."""
    order = [r for r, _label in Medlemskab.Rolle.choices]
    members = (
        Medlemskab.objects.filter(organ=organ, fra__lte=day)
        .filter(Q(til__isnull=True) | Q(til__gte=day))
        .select_related("person", "forvaltning", "boligorganisation")
    )
    return sorted(members, key=lambda m: (order.index(m.rolle), m.person.navn))


def participants_by_quarter(
    plan: Helhedsplan,
    *,
    generation: int,
    omraade_id: int | None = None,
    fra: datetime.date | None = None,
    til: datetime.date | None = None,
) -> list[dict[str, Any]]:
    """Participants per quarter and indsatsområde: one GROUP BY, cached per recompute
    generation of the plan (the monitoring engine bumps it after each recompute), in one of
    the plan's bounded slots (:mod:`bestyrelser.caching`)."""
    return bounded(
        "deltagere",
        plan.pk,
        filter_query(omraade_id, fra, til),
        str(generation),
        lambda: _participants(plan, omraade_id, fra, til),
    )


def _participants(
    plan: Helhedsplan, omraade_id: int | None, fra: datetime.date | None, til: datetime.date | None
) -> list[dict[str, Any]]:
    rows = Deltagertal.objects.filter(registrering__aktivitet__delmaal__delaftale__helhedsplan=plan)
    if omraade_id:
        rows = rows.filter(registrering__aktivitet__delmaal__delaftale__indsatsomraade_id=omraade_id)
    if fra:
        rows = rows.filter(registrering__dato__gte=fra)
    if til:
        rows = rows.filter(registrering__dato__lte=til)
    return [
        {
            "kvartal": r["kvartal"].isoformat() if hasattr(r["kvartal"], "isoformat") else str(r["kvartal"]),
            "omraade": r["registrering__aktivitet__delmaal__delaftale__indsatsomraade__navn"],
            "deltagere": r["deltagere"],
        }
        for r in rows.annotate(kvartal=TruncQuarter("registrering__dato"))
        .values("kvartal", "registrering__aktivitet__delmaal__delaftale__indsatsomraade__navn")
        .annotate(deltagere=Sum("antal"))
        .order_by("kvartal")
    ]


def content_stamp(plan: Helhedsplan) -> tuple[str, bool]:
    """One query: the plan's recompute generation, its content version (bumped by every change
    to anything else the dashboard shows, :mod:`bestyrelser.versions`), the newest change to
    the plan's rows in the provided sections (e.g. the newest agreement-survey analysis; see
    :mod:`bestyrelser.sections`), which together key the cached page, and whether a
    recompute is queued or running (shown live, outside the cached page). Everything is
    restricted to ``plan``, so a change to another plan leaves this stamp alone."""
    # Table and column names come from the models' own metadata, never from input (hence the
    # nosec B608).
    quote = connection.ops.quote_name
    parts = [
        "(SELECT version FROM " + quote(Indholdsversion._meta.db_table) + " WHERE helhedsplan_id = %s)",  # noqa: S608  # nosec B608
        "(SELECT generation FROM " + quote(Planberegning._meta.db_table) + " WHERE helhedsplan_id = %s)",  # noqa: S608  # nosec B608
        "(SELECT COUNT(*) FROM "  # noqa: S608  # nosec B608
        + quote(Job._meta.db_table)
        + " WHERE helhedsplan_id = %s AND status IN (%s, %s))",
    ]
    params: list[Any] = [plan.pk, plan.pk, plan.pk, Job.Status.I_KOE, Job.Status.KOERER]
    for provider in providers():
        if provider.changed is not None:
            model, name = provider.changed
            field = model._meta.get_field(name)
            if not isinstance(field, models.Field):
                raise ImproperlyConfigured(f"{provider.key}: {name} is not a column of {model.__name__}")
            newest = (
                model._default_manager.filter(**{provider.plan_path: plan.pk, f"{name}__isnull": False})
                .order_by(f"-{name}")
                .values(name)[:1]
            )
            sql, sub_params = newest.query.sql_with_params()
            parts.append(f"({sql})")
            params.extend(sub_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)  # nosec B608
        version, gen, pending, *newest_provided = cursor.fetchone()
    return "-".join(str(v) for v in (gen or 0, version or 0, *newest_provided)), bool(pending)
