"""Reads of the agreement survey for its pages. Results come from the stored snapshot only,
with a fixed number of queries, never from the raw answers at request time."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helhedsplaner.models import Helhedsplan
from portal import exports
from portal.formatting import tal

from . import analysis
from .models import (
    MIN_RESPONDENTER,
    Analyse,
    Blok,
    Enighedsmaaling,
    Enighedsresultat,
    Niveau,
    Niveauforskel,
    Resultatniveau,
    Spoergsmaal,
    Svar,
)

HEADLINE_GROUPS = (Resultatniveau.STRATEGISK, Resultatniveau.PRAKTISK, Resultatniveau.MELLEM)
HEADLINE_LABELS = {
    Resultatniveau.STRATEGISK: gettext_lazy("Inden for det strategiske niveau"),
    Resultatniveau.PRAKTISK: gettext_lazy("Inden for det praktiske niveau"),
    Resultatniveau.MELLEM: gettext_lazy("Mellem niveauerne"),
}


def maalinger_for_plan(plan: Helhedsplan) -> list[Enighedsmaaling]:
    """The plan's surveys, newest round first, with invitation and response counts."""
    return list(
        Enighedsmaaling.objects.filter(helhedsplan=plan)
        .annotate(
            antal_inviterede=Count("invitationer", distinct=True),
            antal_besvaret=Count("invitationer", filter=Q(invitationer__besvaret=True), distinct=True),
        )
        .order_by("-runde")
    )


@dataclass(frozen=True)
class Cell:
    """One headline or breakdown cell: the numbers as shown (rounded once, by
    ``analysis.shown``) or the reason it is empty. Labels are decided on the shown numbers.
    ``niveauforskel``: for the pooled "between" cell, the strategic − practical difference
    of the block's means when the levels disagree on it (``analysis.levels_disagree``)."""

    blok: str
    niveau: str
    n: int
    undertrykt: bool
    rwg: float | None
    ad: float | None
    middel: float | None
    niveauforskel: float | None = None

    @property
    def enig_rwg(self) -> bool | None:
        return analysis.agrees_rwg(self.rwg)

    @property
    def enig_ad(self) -> bool | None:
        return analysis.agrees_ad(self.ad)


def _cell(row: Enighedsresultat | None, blok: str, niveau: str, gap: float | None = None) -> Cell:
    if row is None:
        return Cell(blok, niveau, 0, True, None, None, None)
    shown = analysis.shown
    return Cell(blok, niveau, row.n, row.undertrykt, shown(row.rwg), shown(row.ad), shown(row.middel), gap)


def level_disagreements(diffs: list[Niveauforskel]) -> list[dict[str, Any]]:
    """The blocks on which the strategic and the practical level disagree
    (``analysis.levels_disagree``), with the difference as shown: what the headline must say
    next to the pooled r_wg(J)."""
    out = []
    for d in diffs:
        if d.spoergsmaal_id is not None or d.undertrykt:
            continue
        if (d.niveau_a, d.niveau_b) != (Niveau.STRATEGISK, Niveau.PRAKTISK):
            continue
        if analysis.levels_disagree(d.forskel, d.ci_lav, d.ci_hoej):
            forskel = analysis.shown(d.forskel)
            out.append(
                {
                    "blok": d.blok,
                    "forskel": forskel,
                    "tekst": _("Uenighed mellem niveauerne om %(blok)s: %(point)s point")
                    % {"blok": str(Blok(d.blok).label).lower(), "point": tal(abs(forskel or 0), 2)},
                }
            )
    return out


def headline_from(
    rows: list[Enighedsresultat], diffs: list[Niveauforskel] | None = None
) -> list[dict[str, Any]]:
    """Problems vs solutions × within strategic / within practical / between, from block rows;
    with ``diffs``, the "between" cells carry the levels' disagreement."""
    by_key = {(r.blok, r.niveau): r for r in rows if r.omfang == Enighedsresultat.Omfang.BLOK}
    gaps = {g["blok"]: g["forskel"] for g in level_disagreements(diffs or [])}
    return [
        {
            "niveau": niveau,
            "label": HEADLINE_LABELS[niveau],
            "celler": [
                _cell(
                    by_key.get((blok, niveau)),
                    blok,
                    niveau,
                    gaps.get(blok) if niveau == Resultatniveau.MELLEM else None,
                )
                for blok in Blok.values
            ],
        }
        for niveau in HEADLINE_GROUPS
    ]


def results_for(maaling: Enighedsmaaling, *, with_free_text: bool) -> dict[str, Any]:
    """Everything the results page and its export show, in four queries (three without the
    free text): snapshot, result rows, differences, free texts."""
    snapshot = Analyse.objects.filter(maaling=maaling).first()
    rows = list(
        Enighedsresultat.objects.filter(maaling=maaling)
        .select_related("spoergsmaal", "indsatsomraade")
        .order_by("blok", "niveau")
    )
    diffs = list(
        Niveauforskel.objects.filter(maaling=maaling)
        .select_related("spoergsmaal")
        .order_by("blok", "niveau_a")
    )
    texts: list[dict[str, Any]] = []
    total = snapshot.antal_besvarelser if snapshot else 0
    if with_free_text and total >= MIN_RESPONDENTER:
        grouped: dict[int, dict[str, Any]] = {}
        # Ordered by question and text, never by submission, and without any level.
        for svar in (
            Svar.objects.filter(besvarelse__maaling=maaling, spoergsmaal__type=Spoergsmaal.Type.FRITEKST)
            .exclude(tekst="")
            .select_related("spoergsmaal")
            .order_by("spoergsmaal__nummer", "tekst")
        ):
            entry = grouped.setdefault(svar.spoergsmaal_id, {"spoergsmaal": svar.spoergsmaal, "tekster": []})
            entry["tekster"].append(svar.tekst)
        texts = list(grouped.values())

    items = [r for r in rows if r.omfang == Enighedsresultat.Omfang.SPOERGSMAAL]
    item_table: dict[int, dict[str, Any]] = {}
    for r in sorted(items, key=lambda r: r.spoergsmaal.nummer):  # type: ignore[union-attr]
        entry = item_table.setdefault(r.spoergsmaal_id or 0, {"spoergsmaal": r.spoergsmaal, "grupper": {}})
        entry["grupper"][r.niveau] = r
    item_diffs = [d for d in diffs if d.spoergsmaal_id is not None]
    main_pair = [
        d
        for d in item_diffs
        if (d.niveau_a, d.niveau_b) == (Niveau.STRATEGISK, Niveau.PRAKTISK) and not d.undertrykt
    ]
    divergent = sorted(main_pair, key=lambda d: abs(d.forskel or 0), reverse=True)
    omraader: dict[int, dict[str, Any]] = {}
    for r in rows:
        if r.omfang == Enighedsresultat.Omfang.INDSATSOMRAADE:
            entry = omraader.setdefault(
                r.indsatsomraade_id or 0, {"indsatsomraade": r.indsatsomraade, "celler": {}}
            )
            entry["celler"][(r.blok, r.niveau)] = r
    breakdown = [
        {
            "indsatsomraade": entry["indsatsomraade"],
            "raekker": [
                {
                    "blok": blok,
                    "blok_label": Blok(blok).label,
                    "celler": [_cell(entry["celler"].get((blok, g)), blok, g) for g in HEADLINE_GROUPS],
                }
                for blok in Blok.values
                if any((blok, g) in entry["celler"] for g in HEADLINE_GROUPS)
            ],
        }
        for entry in sorted(omraader.values(), key=lambda e: e["indsatsomraade"].navn)
    ]
    present_groups = [g for g in Resultatniveau.values if any(r.niveau == g for r in items)]
    for entry in item_table.values():
        entry["celler"] = [entry["grupper"].get(g) for g in present_groups]
    return {
        "analyse": snapshot,
        "headline": headline_from(rows, diffs),
        "niveauuenighed": level_disagreements(diffs),
        "block_diffs": [d for d in diffs if d.spoergsmaal_id is None],
        "items": list(item_table.values()),
        "item_groups": [(g, Resultatniveau(g).label) for g in present_groups],
        "divergent": divergent[:10],
        "item_diffs": item_diffs,
        "breakdown": breakdown,
        "fritekster": texts,
    }


def trend_for_plan(plan: Helhedsplan) -> list[dict[str, Any]]:
    """The headline of every analysed round of the plan, oldest first (two queries)."""
    maalinger = (
        Enighedsmaaling.objects.filter(helhedsplan=plan, analyse__isnull=False)
        .prefetch_related(
            Prefetch(
                "resultater",
                queryset=Enighedsresultat.objects.filter(omfang=Enighedsresultat.Omfang.BLOK),
                to_attr="blokraekker",
            )
        )
        .order_by("runde")
    )
    return [{"maaling": m, "headline": headline_from(m.blokraekker)} for m in maalinger]


def lbf_overview() -> dict[str, Any]:
    """The latest analysed round of every plan: per headline cell the distribution of
    r_wg(J) over plans (suppressed cells left out and counted). Aggregates only."""
    latest: dict[int, int] = {}
    for maaling_id, plan_id in (
        Enighedsmaaling.objects.filter(analyse__isnull=False)
        .order_by("helhedsplan_id", "-runde")
        .values_list("pk", "helhedsplan_id")
    ):
        latest.setdefault(plan_id, maaling_id)
    rows = Enighedsresultat.objects.filter(
        maaling_id__in=latest.values(), omfang=Enighedsresultat.Omfang.BLOK, niveau__in=HEADLINE_GROUPS
    ).values_list("blok", "niveau", "rwg", "undertrykt")
    values: dict[tuple[str, str], list[float]] = {}
    suppressed: dict[tuple[str, str], int] = {}
    for blok, niveau, rwg, undertrykt in rows:
        if undertrykt or rwg is None:
            suppressed[(blok, niveau)] = suppressed.get((blok, niveau), 0) + 1
        else:
            values.setdefault((blok, niveau), []).append(rwg)
    cells = [
        {
            "blok": blok,
            "blok_label": Blok(blok).label,
            "niveau": niveau,
            "label": HEADLINE_LABELS[niveau],
            "vaerdier": sorted(values.get((blok, niveau), [])),
            "undertrykt": suppressed.get((blok, niveau), 0),
            **analysis.distribution(values.get((blok, niveau), [])),
        }
        for blok in Blok.values
        for niveau in HEADLINE_GROUPS
    ]
    return {"antal_planer": len(latest), "celler": cells}


def _num(value: float | None) -> Decimal | None:
    """A figure for the export: three decimals, rounded half up (written with a decimal
    comma by portal.exports)."""
    if value is None:
        return None
    return Decimal(repr(value)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def results_table(maaling: Enighedsmaaling) -> exports.Table:
    """The stored results of ``maaling`` as a table for the CSV download: aggregates only,
    suppressed cells empty and marked, and never the free text. Two sections: results, then
    the differences between levels. portal.exports writes it (formula-safe, quoted)."""
    data = results_for(maaling, with_free_text=False)
    suppressed = _("for få svar (under %(n)s)") % {"n": MIN_RESPONDENTER}
    headers = [
        _("omfang"),
        _("blok"),
        _("gruppe"),
        _("spørgsmål"),
        _("indsatsområde"),
        "n",
        _("gennemsnit"),
        "SD",
        "r_wg",
        "AD",
        _("bemærkning"),
    ]
    rows: list[list] = []
    cells = [("headline", "", c) for g in data["headline"] for c in g["celler"]] + [
        ("indsatsomraade", o["indsatsomraade"], c)
        for o in data["breakdown"]
        for r in o["raekker"]
        for c in r["celler"]
    ]
    for kind, omraade, cell in cells:
        rows.append(
            [
                kind,
                cell.blok,
                cell.niveau,
                "",
                omraade,
                cell.n,
                _num(cell.middel),
                "",
                _num(cell.rwg),
                _num(cell.ad),
                suppressed if cell.undertrykt else "",
            ]
        )
    for item in data["items"]:
        q = item["spoergsmaal"]
        for niveau, r in item["grupper"].items():
            rows.append(
                [
                    "spoergsmaal",
                    r.blok,
                    niveau,
                    f"{q.nummer}. {q.emne} – {q.tekst}",
                    "",
                    r.n,
                    _num(r.middel),
                    _num(r.spredning),
                    _num(r.rwg),
                    _num(r.ad),
                    suppressed if r.undertrykt else "",
                ]
            )
    rows.append([])
    rows.append(
        [
            _("type"),
            _("blok"),
            _("gruppe a"),
            _("gruppe b"),
            _("spørgsmål"),
            "n a",
            "n b",
            _("forskel a−b"),
            _("95 % nedre"),
            _("95 % øvre"),
            _("bemærkning"),
        ]
    )
    for d in data["block_diffs"] + data["item_diffs"]:
        label = f"{d.spoergsmaal.nummer}. {d.spoergsmaal.emne}" if d.spoergsmaal_id else _("hele blokken")
        rows.append(
            [
                "forskel",
                d.blok,
                d.niveau_a,
                d.niveau_b,
                label,
                d.n_a,
                d.n_b,
                _num(d.forskel),
                _num(d.ci_lav),
                _num(d.ci_hoej),
                suppressed if d.undertrykt else "",
            ]
        )
    return exports.Table(_("Enighedsmåling %(pk)s") % {"pk": maaling.pk}, headers, rows)
