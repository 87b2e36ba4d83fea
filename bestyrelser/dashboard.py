"""The board's dashboard: strategic goals against practical progress, the styringsstreng,
and the board itself. Reads the monitoring snapshots (never raw observations) through
:mod:`bestyrelser.selectors` in a fixed number of queries, and returns plain JSON-able data,
so that a released board pack can freeze exactly what the page showed.

:func:`dashboard_data` reads, then hands the rows to one function per section of the page;
sections that other apps own (the agreement survey) come from :mod:`bestyrelser.sections`.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from helhedsplaner.models import (
    Aftalestatus,
    Aktivitet,
    Delaftale,
    Forvaltning,
    Helhedsplan,
    Samarbejdsaftale,
    Statusrapport,
    StrategiskMaal,
    Succeskriterie,
)
from helhedsplaner.periods import reporting_periods
from helhedsplaner.selectors import overdue_reports_of
from monitorering.models import Planberegning, Sporstatus
from monitorering.selectors import target_changes

from . import selectors
from .models import Medlemskab, Moede, Organ
from .sections import build_sections
from .selectors import Series, content_stamp, participants_by_quarter

__all__ = ["content_stamp", "dashboard_data", "organisation_pattern", "participants_by_quarter"]

FORA = (Organ.Type.POLITISK_FORUM, Organ.Type.BEBOERFORUM, Organ.Type.SAMARBEJDSRAAD)
LEADERSHIP = (Medlemskab.Niveau.DIREKTOER, Medlemskab.Niveau.CHEF)


def _num(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def dashboard_data(
    plan: Helhedsplan,
    *,
    moede: Moede | None = None,
    omraade_id: int | None = None,
    fra: datetime.date | None = None,
    til: datetime.date | None = None,
) -> dict[str, Any]:
    today = timezone.localdate()
    beregning = selectors.plan_computation(plan)
    generation = beregning.generation if beregning else 0
    aftale = plan.samarbejdsaftaler.current(today)
    goals = selectors.agreement_goals(aftale)
    delaftaler = all_delaftaler = selectors.plan_delaftaler(plan)
    if omraade_id:
        goals = [g for g in goals if g.indsatsomraade_id == omraade_id]
        delaftaler = [d for d in delaftaler if d.indsatsomraade_id == omraade_id]
    organer = selectors.plan_bodies(plan, today)
    reports = selectors.plan_reports(plan)
    series, latest = selectors.criteria_series(plan, omraade_id, fra, til)
    maal, statusfordeling = goals_section(plan, goals, series, latest)
    return {
        **build_sections(plan),
        **header_section(plan, aftale, moede, beregning, omraade_id, fra, til),
        "maal": maal,
        "statusfordeling": statusfordeling,
        "praksis": {
            **practice_section(plan, all_delaftaler, delaftaler, reports, today),
            "deltagere": participants_by_quarter(
                plan, generation=generation, omraade_id=omraade_id, fra=fra, til=til
            ),
        },
        "styringsstreng": chain_section(plan, goals, delaftaler, organer, reports, today),
        "bestyrelse": board_section(goals, organer),
        # The filter's choices: every indsatsområde of the plan, whatever the filter.
        "omraader": [{"id": d.indsatsomraade_id, "navn": str(d.indsatsomraade)} for d in all_delaftaler],
    }


def header_section(
    plan: Helhedsplan,
    aftale: Samarbejdsaftale | None,
    moede: Moede | None,
    beregning: Planberegning | None,
    omraade_id: int | None,
    fra: datetime.date | None,
    til: datetime.date | None,
) -> dict[str, Any]:
    """The plan, the agreement version shown, the meeting (in a board pack), when the
    numbers were computed and the filters."""
    return {
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
        "filtre": {"omraade": omraade_id, "fra": _iso(fra), "til": _iso(til)},
    }


# Strategic goals and their success criteria ---------------------------------------------------


def goals_section(
    plan: Helhedsplan,
    goals: list[StrategiskMaal],
    series: Series,
    latest: dict[int, dict[str, Any]],
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The goals per indsatsområde with their criteria, and how many criteria have each status."""
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
                _criterion(k, last, series.get(k.pk, []), changes.get(k.pk, []), status, status_labels)
            )
        grouped[str(goal.indsatsomraade or _("Uden indsatsområde"))].append(
            {"id": goal.pk, "nummer": goal.nummer, "titel": goal.titel, "kriterier": kriterier}
        )
    maal = [{"omraade": k, "maal": v} for k, v in grouped.items()]
    return maal, {str(status_labels[s]): status_count.get(s, 0) for s in Sporstatus.values}


def _criterion(
    k: Succeskriterie,
    last: dict[str, Any] | None,
    rows: list[dict[str, Any]],
    changes: list[dict[str, Any]],
    status: str,
    status_labels: Mapping[str, object],
) -> dict[str, Any]:
    return {
        "id": k.pk,
        "beskrivelse": k.beskrivelse,
        "enhed": k.indikator.enhed if k.indikator else "",
        "retning": k.indikator.retning if k.indikator else "",
        "baseline": _num(k.baseline_vaerdi),
        "baseline_dato": _iso(k.baseline_dato),
        "maal": _num(k.maal_vaerdi),
        "maal_dato": _iso(k.maal_dato),
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
            for r in rows
        ],
        "maalskift": [
            {
                "periode": c["periode"].isoformat(),
                "maal": _num(c["maal"]),
                "version": c["version"],
                "ikraft_fra": _iso(c["ikraft_fra"]),
                "begrundelse": c["begrundelse"],
            }
            for c in changes
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


# The practical level ----------------------------------------------------------------------------


def practice_section(
    plan: Helhedsplan,
    all_delaftaler: list[Delaftale],
    delaftaler: list[Delaftale],
    reports: list[Mapping[str, Any]],
    today: datetime.date,
) -> dict[str, Any]:
    """Delmål by status, the latest approved narrative per delaftale and overdue reports of
    the ``delaftaler`` shown (of ``all_delaftaler``; participants per quarter are added by
    :func:`dashboard_data`)."""
    latest_narrative: dict[int, Mapping[str, Any]] = {}
    for r in reports:
        if r["status"] in Statusrapport.APPROVED_STATES:
            latest_narrative.setdefault(r["delaftale_id"], r)
    shown = {d.pk for d in delaftaler}
    # The rows already read, as the reports the overdue rule looks at (no further query).
    written = {
        (r["delaftale_id"], r["periode_start"]): Statusrapport(
            delaftale_id=r["delaftale_id"], periode_start=r["periode_start"], status=r["status"]
        )
        for r in reports
    }
    return {
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
        "rapporter_overskredet": sum(
            1
            for slot in overdue_reports_of(plan, all_delaftaler, written, today)
            if slot.delaftale.pk in shown
        ),
    }


# Styringsstreng ---------------------------------------------------------------------------------


def organisation_pattern(organer: Sequence[Organ], delaftaler: Sequence[Delaftale]) -> dict[str, Any]:
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


def chain_section(
    plan: Helhedsplan,
    goals: list[StrategiskMaal],
    delaftaler: list[Delaftale],
    organer: list[Organ],
    reports: list[Mapping[str, Any]],
    today: datetime.date,
) -> dict[str, Any]:
    """Breaks in the chain goal → delmål → activity, delaftaler no group follows, groups
    that have not reported, the organisation pattern and the reporting lines."""
    # "Active" relative to the plan's present: today, or its last quarter once it has ended.
    reference = min(today, plan.slutdato)
    recent = reference - datetime.timedelta(days=92)

    def active(a: Aktivitet) -> bool:
        return (
            a.status != Aktivitet.Status.AFLYST
            and a.startdato <= reference
            and (a.slutdato is None or a.slutdato >= recent)
        )

    return {
        "maal_uden_delmaal": [f"{g.nummer}. {g.titel}" for g in goals if not g.delmaal.all()],
        "maal_uden_aktiv_aktivitet": [
            f"{g.nummer}. {g.titel}"
            for g in goals
            if g.delmaal.all() and not any(active(a) for d in g.delmaal.all() for a in d.aktiviteter.all())
        ],
        "delmaal_uden_maal": [
            f"{da.indsatsomraade}: {d.titel}"
            for da in delaftaler
            for d in da.delmaal.all()
            if not d.strategiske_maal.all()
        ],
        "delaftaler_uden_gruppe": [
            str(d.indsatsomraade)
            for d in delaftaler
            if not [o for o in d.organer.all() if o.type in Organ.GROUP_TYPES]
        ],
        "organer_uden_rapportering": _silent_bodies(plan, organer, reports, today),
        "moenster": organisation_pattern(organer, delaftaler),
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
    }


def _silent_bodies(
    plan: Helhedsplan, organer: list[Organ], reports: list[Mapping[str, Any]], today: datetime.date
) -> list[str]:
    """Groups none of whose delaftaler had a report accepted in the two latest ended periods."""
    ended = reporting_periods(plan, until=min(today, plan.slutdato + datetime.timedelta(days=1)))
    recent_starts = {p.start for p in ended[-2:]}
    accepted_recent = {
        r["delaftale_id"]
        for r in reports
        if r["periode_start"] in recent_starts and r["accepteret_tidspunkt"]
    }
    silent = []
    for o in organer:
        if o.type in Organ.GROUP_TYPES:
            covered = {d.pk for d in o.daekker.all()}
            if covered and not covered & accepted_recent:
                silent.append(o.navn)
    return silent


# The board itself -------------------------------------------------------------------------------


def board_section(goals: list[StrategiskMaal], organer: list[Organ]) -> dict[str, Any]:
    """The board's composition against the evaluation's checks, the forvaltninger the plan's
    goals need, and attendance at its last meetings."""
    board = next((o for o in organer if o.type == Organ.Type.BESTYRELSE), None)
    members: list[Medlemskab] = (
        [m for m in board.aktive if m.rolle != Medlemskab.Rolle.PROJEKTLEDER]  # type: ignore[attr-defined]
        if board
        else []
    )
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
    meetings = selectors.recent_meetings(board) if board else []
    return {
        "medlemmer": len(members),
        "organisation": dict(Counter(str(m.get_repraesenterer_display()) for m in members)),
        "niveau": dict(Counter(str(m.get_niveau_display()) for m in members)),
        "forvaltninger": sorted({m.forvaltning.navn for m in members if m.forvaltning}),
        "tjek": [{"ok": c["ok"], "tekst": str(c["tekst"])} for c in checks],
        "manglende_forvaltninger": _missing_forvaltninger(goals, members),
        "fremmoede": [
            {"dato": m.tidspunkt.date().isoformat(), "deltog": m.deltog, "i_alt": m.i_alt}  # type: ignore[attr-defined]
            for m in reversed(meetings)
        ],
    }


def _missing_forvaltninger(goals: list[StrategiskMaal], members: list[Medlemskab]) -> list[str]:
    """The fagområder the goals' indsatsområder need (settings.FORVALTNINGER_PR_INDSATSOMRAADE)
    that no board member's forvaltning covers."""
    needed: set[str] = set()
    areas = getattr(settings, "FORVALTNINGER_PR_INDSATSOMRAADE", {})
    for g in goals:
        if g.indsatsomraade:
            needed.update(areas.get(g.indsatsomraade.kode, []))
    present: set[str] = set().union(*(m.forvaltning.omraader() for m in members if m.forvaltning))
    labels = dict(Forvaltning.Omraade.choices)
    return sorted(str(labels.get(o, o)) for o in needed - present)
