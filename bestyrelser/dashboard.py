"""The board's dashboard: strategic goals against practical progress, the styringsstreng,
and the board itself. Reads the monitoring snapshots (never raw observations) in a fixed
number of queries, and returns plain JSON-able data, so that a released board pack can
freeze exactly what the page showed.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, Sum
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.translation import gettext as _

from helhedsplaner.models import (
    Aftalestatus,
    Aktivitet,
    Delaftale,
    Delmaal,
    Deltagertal,
    Helhedsplan,
    Statusrapport,
    StrategiskMaal,
)
from helhedsplaner.periods import reporting_periods
from helhedsplaner.selectors import overdue_reports
from monitorering.models import Job, Kriteriestatus, Planberegning, Sporstatus
from monitorering.selectors import target_changes

from .models import Kommentar, Medlemskab, Moede, Moededeltagelse, Organ

FORA = (Organ.Type.POLITISK_FORUM, Organ.Type.BEBOERFORUM, Organ.Type.SAMARBEJDSRAAD)
LEADERSHIP = (Medlemskab.Niveau.DIREKTOER, Medlemskab.Niveau.CHEF)


def _num(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def organisation_pattern(organer: list[Organ], delaftaler: list[Delaftale]) -> dict[str, Any]:
    """Classify the plan's organisation as the 2018 evaluation did: no group, one joint
    group, one group per indsatsområde, or groups per sub-area; fora listed beside."""
    groups = [o for o in organer if o.type in Organ.GROUP_TYPES]
    fora = [o.navn for o in organer if o.type in FORA]
    covering = {o.pk: {d.pk for d in o.daekker.all()} for o in groups}
    all_ids = {d.pk for d in delaftaler}
    if not groups:
        code, label = "ingen", _("Ingen styre-/følgegruppe")
    elif len(groups) == 1 and covering[groups[0].pk] >= all_ids:
        code, label = "samlet", _("Én samlet gruppe")
    elif all(len(ids) == 1 for ids in covering.values()) and len(set().union(*covering.values())) == len(
        groups
    ):
        # Each group follows exactly one delaftale, and no two follow the same one.
        code, label = "indsatsspecifik", _("Indsatsspecifikke grupper")
    else:
        code, label = "omraadespecifik", _("Områdespecifikke grupper")
    return {"kode": code, "label": label, "fora": fora}


def _criteria_rows(plan: Helhedsplan, omraade_id: int | None, fra, til) -> tuple[dict, dict]:
    """Snapshot rows per criterion (ordered by period) and the latest per criterion."""
    rows = Kriteriestatus.objects.filter(helhedsplan=plan)
    if omraade_id:
        rows = rows.filter(indsatsomraade_id=omraade_id)
    if fra:
        rows = rows.filter(periode_start__gte=fra)
    if til:
        rows = rows.filter(periode_slut__lte=til)
    series: dict[int, list] = defaultdict(list)
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


def dashboard_data(
    plan: Helhedsplan,
    *,
    moede: Moede | None = None,
    omraade_id: int | None = None,
    fra: datetime.date | None = None,
    til: datetime.date | None = None,
) -> dict[str, Any]:
    today = timezone.localdate()
    beregning = Planberegning.objects.filter(helhedsplan=plan).first()
    aftale = plan.samarbejdsaftaler.current(today)
    goals = (
        list(
            StrategiskMaal.objects.filter(samarbejdsaftale=aftale)
            .select_related("indsatsomraade")
            .prefetch_related(
                "succeskriterier__indikator",
                Prefetch("delmaal", queryset=Delmaal.objects.prefetch_related("aktiviteter")),
                Prefetch(
                    "succeskriterier__kommentarer", queryset=Kommentar.objects.select_related("forfatter")
                ),
            )
            .order_by("nummer")
        )
        if aftale
        else []
    )
    if omraade_id:
        goals = [g for g in goals if g.indsatsomraade_id == omraade_id]
    series, latest = _criteria_rows(plan, omraade_id, fra, til)
    changes = target_changes(plan.pk, series)

    status_labels = dict(Sporstatus.choices)
    grouped: dict[str, list] = defaultdict(list)
    status_count: Counter = Counter()
    for goal in goals:
        kriterier = []
        for k in goal.succeskriterier.all():
            last = latest.get(k.pk)
            status = last["status"] if last else Sporstatus.INGEN_DATA
            status_count[status] += 1
            kriterier.append(
                {
                    "id": k.pk,
                    "beskrivelse": k.beskrivelse,
                    "enhed": k.indikator.enhed if k.indikator else "",
                    "retning": k.indikator.retning if k.indikator else "",
                    "baseline": _num(k.baseline_vaerdi),
                    "baseline_dato": k.baseline_dato.isoformat() if k.baseline_dato else None,
                    "maal": _num(k.maal_vaerdi),
                    "maal_dato": k.maal_dato.isoformat() if k.maal_dato else None,
                    "seneste": _num(last["faktisk"]) if last else None,
                    "seneste_periode": last["periode_slut"].isoformat() if last else None,
                    "status": status,
                    "status_label": str(status_labels.get(status, status)),
                    "serie": [
                        {
                            "periode": r["periode_slut"].isoformat(),
                            "faktisk": _num(r["faktisk"]),
                            "forventet": _num(r["forventet"]),
                            "maal": _num(r["maal"]),
                        }
                        for r in series.get(k.pk, [])
                    ],
                    "maalskift": [
                        {
                            "periode": c["periode"].isoformat(),
                            "maal": _num(c["maal"]),
                            "version": c["version"],
                            "ikraft_fra": c["ikraft_fra"].isoformat() if c["ikraft_fra"] else None,
                            "begrundelse": c["begrundelse"],
                        }
                        for c in changes.get(k.pk, [])
                    ],
                    "kommentarer": [
                        {
                            "id": c.pk,
                            "svar_paa": c.svar_paa_id,
                            "tekst": c.tekst,
                            "forfatter": c.forfatter.get_full_name() or c.forfatter.get_username(),
                            "tidspunkt": c.oprettet.isoformat(),
                        }
                        for c in k.kommentarer.all()
                    ],
                }
            )
        grouped[str(goal.indsatsomraade or _("Uden indsatsområde"))].append(
            {
                "id": goal.pk,
                "nummer": goal.nummer,
                "titel": goal.titel,
                "kriterier": kriterier,
            }
        )

    delaftaler = list(
        Delaftale.objects.filter(helhedsplan=plan)
        .select_related("indsatsomraade")
        .prefetch_related(
            Prefetch("delmaal", queryset=Delmaal.objects.prefetch_related("strategiske_maal", "aktiviteter")),
            "organer",
        )
        .order_by("indsatsomraade__navn")
    )
    if omraade_id:
        delaftaler = [d for d in delaftaler if d.indsatsomraade_id == omraade_id]
    organer = list(
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
    ended = reporting_periods(plan, until=min(today, plan.slutdato + datetime.timedelta(days=1)))
    last_two = ended[-2:]
    reports = list(
        Statusrapport.objects.filter(delaftale__helhedsplan=plan)
        .values(
            "delaftale_id", "periode_start", "periode_slut", "status", "fortaelling", "accepteret_tidspunkt"
        )
        .order_by("delaftale_id", "-periode_start")
    )
    recent_starts = {p.start for p in last_two}
    accepted_recent = {
        r["delaftale_id"]
        for r in reports
        if r["periode_start"] in recent_starts and r["accepteret_tidspunkt"]
    }
    latest_narrative: dict[int, dict] = {}
    for r in reports:
        if r["status"] in Statusrapport.APPROVED_STATES:
            latest_narrative.setdefault(r["delaftale_id"], r)
    shown = {d.pk for d in delaftaler}
    overdue = sum(1 for slot in overdue_reports([plan], today=today) if slot.delaftale.pk in shown)

    # Styringsstreng --------------------------------------------------------------------
    goals_no_delmaal = [f"{g.nummer}. {g.titel}" for g in goals if not g.delmaal.all()]
    # "Active" relative to the plan's present: today, or its last quarter once it has ended.
    reference = min(today, plan.slutdato)
    recent = reference - datetime.timedelta(days=92)

    def active(a: Aktivitet) -> bool:
        return (
            a.status != Aktivitet.Status.AFLYST
            and a.startdato <= reference
            and (a.slutdato is None or a.slutdato >= recent)
        )

    goals_no_activity = [
        f"{g.nummer}. {g.titel}"
        for g in goals
        if g.delmaal.all() and not any(active(a) for d in g.delmaal.all() for a in d.aktiviteter.all())
    ]
    delmaal_no_goal = [
        f"{da.indsatsomraade}: {d.titel}"
        for da in delaftaler
        for d in da.delmaal.all()
        if not d.strategiske_maal.all()
    ]
    unfollowed = [
        str(d.indsatsomraade)
        for d in delaftaler
        if not [o for o in d.organer.all() if o.type in Organ.GROUP_TYPES]
    ]
    silent_bodies = []
    for o in organer:
        if o.type in Organ.GROUP_TYPES:
            covered = {d.pk for d in o.daekker.all()}
            if covered and not covered & accepted_recent:
                silent_bodies.append(o.navn)
    pattern = organisation_pattern(organer, delaftaler)

    # The board itself ------------------------------------------------------------------
    board = next((o for o in organer if o.type == Organ.Type.BESTYRELSE), None)
    members = [m for m in board.aktive if m.rolle != Medlemskab.Rolle.PROJEKTLEDER] if board else []
    by_org = Counter(str(m.get_repraesenterer_display()) for m in members)
    by_level = Counter(str(m.get_niveau_display()) for m in members)
    forvaltninger = sorted({m.forvaltning.navn for m in members if m.forvaltning})
    leader_kinds = {m.repraesenterer for m in members if m.niveau in LEADERSHIP}
    checks = [
        {
            "ok": Medlemskab.Repraesenterer.KOMMUNE in leader_kinds,
            "tekst": _("Kommunen er repræsenteret på ledelsesniveau"),
        },
        {
            "ok": Medlemskab.Repraesenterer.BOLIGORGANISATION in leader_kinds,
            "tekst": _("Boligorganisationen er repræsenteret på ledelsesniveau"),
        },
        {
            "ok": any(m.rolle == Medlemskab.Rolle.FORMAND for m in members),
            "tekst": _("Bestyrelsen har en formand"),
        },
    ]
    needed = set()
    areas = getattr(settings, "FORVALTNINGER_PR_INDSATSOMRAADE", {})
    for g in goals:
        if g.indsatsomraade:
            needed.update(areas.get(g.indsatsomraade.kode, []))
    present = set().union(*(m.forvaltning.omraader() for m in members if m.forvaltning))
    omraade_labels = dict(Medlemskab._meta.get_field("forvaltning").related_model.Omraade.choices)
    missing = sorted(str(omraade_labels.get(o, o)) for o in needed - present)
    attendance = []
    if board:
        meetings = list(
            Moede.objects.filter(organ=board, status=Moede.Status.AFHOLDT)
            .annotate(
                deltog=Count("deltagelser", filter=Q(deltagelser__status=Moededeltagelse.Status.DELTAGER)),
                i_alt=Count("deltagelser"),
            )
            .order_by("-tidspunkt")[:6]
        )
        attendance = [
            {"dato": m.tidspunkt.date().isoformat(), "deltog": m.deltog, "i_alt": m.i_alt}
            for m in reversed(meetings)
        ]

    return {
        "enighed": agreement_headline(plan),
        "plan": {"id": plan.pk, "navn": plan.navn},
        "aftale": {
            "version": aftale.version,
            "godkendt": aftale.status == Aftalestatus.GODKENDT,
            "status_label": str(aftale.get_status_display()),
        }
        if aftale
        else None,
        "moede": {"id": moede.pk, "navn": str(moede)} if moede else None,
        "beregnet": beregning.beregnet.isoformat() if beregning and beregning.beregnet else None,
        "generation": beregning.generation if beregning else 0,
        "filtre": {
            "omraade": omraade_id,
            "fra": fra.isoformat() if fra else None,
            "til": til.isoformat() if til else None,
        },
        "maal": [{"omraade": k, "maal": v} for k, v in grouped.items()],
        "statusfordeling": {str(status_labels[s]): status_count.get(s, 0) for s in Sporstatus.values},
        "praksis": {
            "delmaal_status": dict(
                Counter(str(d.get_status_display()) for da in delaftaler for d in da.delmaal.all())
            ),
            "fortaellinger": [
                {
                    "omraade": str(d.indsatsomraade),
                    "periode_slut": latest_narrative[d.pk]["periode_slut"].isoformat(),
                    "tekst": latest_narrative[d.pk]["fortaelling"],
                }
                for d in delaftaler
                if d.pk in latest_narrative
            ],
            "rapporter_overskredet": overdue,
            "deltagere": participants_by_quarter(
                plan,
                generation=beregning.generation if beregning else 0,
                omraade_id=omraade_id,
                fra=fra,
                til=til,
            ),
        },
        "styringsstreng": {
            "maal_uden_delmaal": goals_no_delmaal,
            "maal_uden_aktiv_aktivitet": goals_no_activity,
            "delmaal_uden_maal": delmaal_no_goal,
            "delaftaler_uden_gruppe": unfollowed,
            "organer_uden_rapportering": silent_bodies,
            "moenster": pattern,
            "linjer": [
                {
                    "organ": o.navn,
                    "type": str(o.get_type_display()),
                    "rapporterer_til": o.rapporterer_til.navn if o.rapporterer_til else None,
                    "foelger": [str(d.indsatsomraade) for d in o.daekker.all()],
                    "niveau": "bestyrelse"
                    if o.type == Organ.Type.BESTYRELSE
                    else "gruppe"
                    if o.type in Organ.GROUP_TYPES
                    else "forum",
                }
                for o in organer
            ],
            "delaftaler": [str(d.indsatsomraade) for d in delaftaler],
        },
        "bestyrelse": {
            "medlemmer": len(members),
            "organisation": dict(by_org),
            "niveau": dict(by_level),
            "forvaltninger": forvaltninger,
            "tjek": [{"ok": c["ok"], "tekst": str(c["tekst"])} for c in checks],
            "manglende_forvaltninger": missing,
            "fremmoede": attendance,
        },
    }


def participants_by_quarter(
    plan: Helhedsplan, *, generation: int, omraade_id=None, fra=None, til=None
) -> list[dict]:
    """Participants per quarter and indsatsområde: one GROUP BY, cached per recompute
    generation of the plan (the monitoring engine bumps it after each recompute)."""
    generation = (
        Planberegning.objects.filter(helhedsplan=plan).values_list("generation", flat=True).first() or 0
    )
    key = f"dashboard:deltagere:{plan.pk}:{generation}:{omraade_id}:{fra}:{til}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    rows = Deltagertal.objects.filter(registrering__aktivitet__delmaal__delaftale__helhedsplan=plan)
    if omraade_id:
        rows = rows.filter(registrering__aktivitet__delmaal__delaftale__indsatsomraade_id=omraade_id)
    if fra:
        rows = rows.filter(registrering__dato__gte=fra)
    if til:
        rows = rows.filter(registrering__dato__lte=til)
    result = [
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
    cache.set(key, result, 24 * 3600)
    return result


def agreement_headline(plan: Helhedsplan) -> dict[str, Any] | None:
    """The latest analysed enighedsmåling's headline (suppressed cells stay empty)."""
    from enighed.selectors import trend_for_plan

    rounds = trend_for_plan(plan)
    if not rounds:
        return None
    latest = rounds[-1]
    return {
        "id": latest["maaling"].pk,
        "runde": str(latest["maaling"]),
        "raekker": [
            {
                "label": str(row["label"]),
                "celler": [
                    {
                        "blok": c.blok,
                        "rwg": None if c.undertrykt else c.rwg,
                        "n": c.n,
                        "undertrykt": c.undertrykt,
                    }
                    for c in row["celler"]
                ],
            }
            for row in latest["headline"]
        ],
    }


# The tables whose rows the dashboard shows besides the snapshots. Any write to them is
# recorded in their history table, so the newest history date tells whether a cached
# dashboard is still current (across processes, unlike an in-memory counter).
STAMP_HISTORY_MODELS = (
    ("helhedsplaner", "Samarbejdsaftale"),
    ("helhedsplaner", "StrategiskMaal"),
    ("helhedsplaner", "Succeskriterie"),
    ("helhedsplaner", "Delaftale"),
    ("helhedsplaner", "Delmaal"),
    ("helhedsplaner", "Aktivitet"),
    ("helhedsplaner", "Statusrapport"),
    ("bestyrelser", "Organ"),
    ("bestyrelser", "Medlemskab"),
    ("bestyrelser", "Moede"),
    ("bestyrelser", "Moededeltagelse"),
    ("bestyrelser", "Kommentar"),
)


def content_stamp(plan: Helhedsplan) -> tuple[str, bool]:
    """One query: the plan's recompute generation, the newest change to anything else the
    dashboard shows and the newest agreement-survey analysis (the cache key), and whether a
    recompute is queued or running (shown live, outside the cached page)."""
    from django.apps import apps
    from django.db import connection

    from enighed.models import Analyse

    # Table names come from the models' own metadata, never from input (hence the nosec B608).
    quote = connection.ops.quote_name
    parts = [
        "SELECT MAX(history_date) AS d FROM "  # noqa: S608  # nosec B608
        + quote(apps.get_model(app, name).history.model._meta.db_table)
        for app, name in STAMP_HISTORY_MODELS
    ]
    parts.append("SELECT MAX(beregnet) AS d FROM " + quote(Analyse._meta.db_table))  # noqa: S608  # nosec B608
    sql = (
        "SELECT (SELECT MAX(d) FROM (" + " UNION ALL ".join(parts) + ") AS stamps), "  # noqa: S608  # nosec B608
        "(SELECT generation FROM " + quote(Planberegning._meta.db_table) + " WHERE helhedsplan_id = %s), "  # nosec B608
        "(SELECT COUNT(*) FROM "
        + quote(Job._meta.db_table)
        + " WHERE helhedsplan_id = %s AND status IN (%s, %s))"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [plan.pk, plan.pk, Job.Status.I_KOE, Job.Status.KOERER])
        newest, gen, pending = cursor.fetchone()
    return f"{gen or 0}-{newest}", bool(pending)
