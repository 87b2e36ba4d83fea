"""Plotly figures (as plain dicts for plotly.js) for the board dashboard. Each figure has
its data also as a table (``table_rows``) for the accessible toggle and the downloads. Every
text in a figure goes through ``portal.charts.plotly_text`` (plotly.js draws HTML in labels);
the tables and downloads keep the text as it is (templates and ``portal.exports`` escape)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from helhedsplaner.models import Delmaal
from monitorering.models import Sporstatus
from portal.charts import (
    MUTED,
    PATTERN,
    PRIMARY,
    STATUS,
    TARGET_MARKER,
    plotly_text,
    status_marker,
    styled,
    wrap_labels,
)
from portal.formatting import dato

LAYOUT = {"showlegend": False}


def status_markers() -> dict[str, dict[str, Any]]:
    """Bar markers by status label in the active language (the dashboard's counts are keyed
    by label): success criteria and delmål in the portal's one set of status colours."""
    return {
        **{str(label): status_marker(code) for code, label in Delmaal.Status.choices},
        **{str(label): status_marker(code) for code, label in Sporstatus.choices},
    }


def trend(kriterie: dict[str, Any]) -> dict[str, Any]:
    """Actual values against the straight target path, baseline and target marked."""
    periods = [p["periode"] for p in kriterie["serie"]]
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": plotly_text(_("Forventet")),
            "x": periods,
            "y": [p["forventet"] for p in kriterie["serie"]],
            "line": {"dash": "dot", "color": MUTED},
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": plotly_text(_("Faktisk")),
            "x": periods,
            "y": [p["faktisk"] for p in kriterie["serie"]],
            "line": {"color": PRIMARY},
        },
    ]
    targets = [p.get("maal") for p in kriterie["serie"]]
    changes = kriterie.get("maalskift", [])
    if changes and any(t is not None for t in targets):
        # The target in force in each period: a step where a new agreement version changed it
        # (vertical first: the new target holds from the end of the last period before it).
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": plotly_text(_("Måltal i kraft")),
                "x": periods,
                "y": targets,
                "line": {"shape": "vh", "color": STATUS["paa_sporet"].colour, "width": 2},
            }
        )
    if kriterie["maal"] is not None and kriterie["maal_dato"]:
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": plotly_text(_("Mål")),
                "x": [kriterie["maal_dato"]],
                "y": [kriterie["maal"]],
                "marker": {
                    "symbol": "star",
                    "size": 16,
                    "color": STATUS["paa_sporet"].colour,
                    "line": {"width": 1.5, "color": TARGET_MARKER["color"]},
                },
                "cliponaxis": False,
            }
        )
    annotations = [target_change_note(c) for c in changes]
    layout = {**LAYOUT, "height": 160, "xaxis": {"type": "date"}}
    if annotations:
        # a note above the path needs room above the plot (annotations take no automargin)
        layout["annotations"] = annotations
        layout["margin"] = {"t": 34}
        layout["height"] = 184
    return styled({"data": data, "layout": layout})


def target_change_note(change: dict[str, Any]) -> dict[str, Any]:
    """The mark at a step of the target: the version, the day it took effect and (on
    hover) the reason given for the change."""
    ikraft = change["ikraft_fra"]
    when = f"{int(ikraft[8:10])}.{int(ikraft[5:7])}.{ikraft[:4]}" if ikraft else ""
    text = _("Mål ændret i v%(v)s fra %(d)s") % {"v": change["version"], "d": when}
    return {
        "x": ikraft or change["periode"],
        "y": change["maal"],
        "text": plotly_text(text),
        "hovertext": plotly_text(f"{text}: {change['begrundelse']}" if change["begrundelse"] else text),
        "showarrow": True,
        "arrowhead": 2,
        "ax": 0,
        "ay": -24,
        "font": {"size": 10},
    }


def bars(
    counts: dict[str, int], *, markers: dict[str, dict[str, Any]] | None = None, height: int = 220
) -> dict[str, Any]:
    """Counts as bars, one per label; ``markers`` colours (and patterns) them by label.
    Labels wrap onto lines rather than being cut or turned."""
    labels = list(counts)
    bar: dict[str, Any] = {
        "type": "bar",
        "x": wrap_labels(labels, 10),  # "Ikke på<br>sporet": fits under its bar on a phone
        "y": [counts[k] for k in labels],
        "marker": {"color": PRIMARY},
        "hovertemplate": "%{x}: %{y}<extra></extra>",
    }
    if markers:
        chosen = [markers.get(k, {"color": PRIMARY}) for k in labels]
        bar["marker"] = {"color": [m["color"] for m in chosen]}
        if any("pattern" in m for m in chosen):
            bar["marker"]["pattern"] = {
                **PATTERN,
                "shape": [m.get("pattern", {}).get("shape", "") for m in chosen],
            }
    return styled(
        # Wrapped labels stand level; plotly turns them only where they would overlap (a phone).
        {"data": [bar], "layout": {**LAYOUT, "height": height}},
        counts="y",
    )


def participants(rows: list[dict[str, Any]]) -> dict[str, Any]:
    by_area: dict[str, dict[str, int]] = {}
    for r in rows:
        by_area.setdefault(r["omraade"], {})[r["kvartal"]] = r["deltagere"]
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": plotly_text(area),
            "x": list(points),
            "y": list(points.values()),
        }
        for area, points in sorted(by_area.items())
    ]
    return styled(
        {
            "data": data,
            "layout": {**LAYOUT, "height": 280, "showlegend": True, "xaxis": {"type": "date"}},
        },
        counts="y",
    )


def attendance(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return styled(
        {
            "data": [
                {
                    "type": "bar",
                    "x": [plotly_text(dato(r["dato"])) for r in rows],
                    "y": [round(100 * r["deltog"] / r["i_alt"]) if r["i_alt"] else 0 for r in rows],
                    "marker": {"color": PRIMARY},
                    "hovertemplate": "%{x}: %{y} %<extra></extra>",
                }
            ],
            "layout": {
                **LAYOUT,
                "height": 220,
                "yaxis": {"range": [0, 100], "ticksuffix": " %", "dtick": 25},
                "xaxis": {"type": "category", "tickangle": -45},
            },
        }
    )


def dashboard_figures(data: dict[str, Any]) -> dict[str, Any]:
    figures = {
        "status": bars(data["statusfordeling"], markers=status_markers()),
        "delmaal": bars(data["praksis"]["delmaal_status"], markers=status_markers()),
        "deltagere": participants(data["praksis"]["deltagere"]),
        "organisation": bars(data["bestyrelse"]["organisation"], height=200),
        "niveau": bars(data["bestyrelse"]["niveau"], height=200),
        "fremmoede": attendance(data["bestyrelse"]["fremmoede"]),
    }
    for group in data["maal"]:
        for goal in group["maal"]:
            for k in goal["kriterier"]:
                if k["serie"]:
                    figures[f"kriterie-{k['id']}"] = trend(k)
    return {f"fig-{name}": figure for name, figure in figures.items()}


def table_rows(data: dict[str, Any], chart: str) -> tuple[list[str], list[list[Any]]]:
    """The data behind one chart as header + rows (tables, CSV and Excel)."""
    if chart == "status":
        return [_("Status"), _("Antal succeskriterier")], [[k, v] for k, v in data["statusfordeling"].items()]
    if chart == "delmaal":
        return [_("Status"), _("Antal delmål")], [
            [k, v] for k, v in data["praksis"]["delmaal_status"].items()
        ]
    if chart == "deltagere":
        return [_("Kvartal"), _("Indsatsområde"), _("Deltagere")], [
            [r["kvartal"], r["omraade"], r["deltagere"]] for r in data["praksis"]["deltagere"]
        ]
    if chart in ("organisation", "niveau"):
        label = _("Organisation") if chart == "organisation" else _("Niveau")
        return [label, _("Medlemmer")], [[k, v] for k, v in data["bestyrelse"][chart].items()]
    if chart == "fremmoede":
        return [_("Møde"), _("Deltog"), _("Indkaldt")], [
            [r["dato"], r["deltog"], r["i_alt"]] for r in data["bestyrelse"]["fremmoede"]
        ]
    if chart == "kriterier":
        rows = []
        for group in data["maal"]:
            for goal in group["maal"]:
                for k in goal["kriterier"]:
                    rows.append(
                        [
                            group["omraade"],
                            f"{goal['nummer']}. {goal['titel']}",
                            k["beskrivelse"],
                            k["baseline"],
                            k["seneste"],
                            k["maal"],
                            k["status_label"],
                        ]
                    )
        return [
            _("Indsatsområde"),
            _("Strategisk mål"),
            _("Succeskriterie"),
            _("Baseline"),
            _("Seneste"),
            _("Måltal"),
            _("Status"),
        ], rows
    if chart == "perioder":
        rows = []
        for group in data["maal"]:
            for goal in group["maal"]:
                for k in goal["kriterier"]:
                    for p in k["serie"]:
                        rows.append(
                            [k["beskrivelse"], p["periode"], p["faktisk"], p["forventet"], p.get("maal")]
                        )
        return [
            _("Succeskriterie"),
            _("Periode til"),
            _("Faktisk"),
            _("Forventet"),
            _("Måltal i kraft"),
        ], rows
    raise KeyError(chart)


CHARTS = ("status", "delmaal", "deltagere", "organisation", "niveau", "fremmoede", "kriterier", "perioder")


def reporting_diagram(streng: dict[str, Any]) -> dict[str, Any]:
    """Boxes and lines for the styringsstreng drawn as an SVG: the board on top, the groups
    that report to it below, the delaftaler they follow at the bottom, fora at the side.
    A delaftale no group follows is marked."""
    width, box_h, gap = 860, 46, 12
    bodies = streng.get("linjer", [])
    boards = [b for b in bodies if b["niveau"] == "bestyrelse"]
    groups = [b for b in bodies if b["niveau"] == "gruppe"]
    fora = [b for b in bodies if b["niveau"] == "forum"]
    agreements = streng.get("delaftaler", [])
    followed = {name for g in groups for name in g["foelger"]}

    def row(labels: list[str], y: int, x0: int = 0, x1: int = width) -> dict[str, dict]:
        if not labels:
            return {}
        w = min(240, (x1 - x0 - gap * (len(labels) - 1)) // len(labels))
        total = w * len(labels) + gap * (len(labels) - 1)
        start = x0 + (x1 - x0 - total) // 2
        return {
            label: {"x": start + i * (w + gap), "y": y, "w": w, "h": box_h} for i, label in enumerate(labels)
        }

    main_right = width - (200 if fora else 0)
    top = row([b["organ"] for b in boards], 10, 0, main_right)
    middle = row([g["organ"] for g in groups], 100, 0, main_right)
    bottom = row(agreements, 190, 0, main_right)
    side = {
        f["organ"]: {"x": width - 190, "y": 10 + i * (box_h + gap), "w": 190, "h": box_h}
        for i, f in enumerate(fora)
    }
    nodes = []

    def lines(label: str, box: dict) -> list[str]:
        """The label on at most two lines that fit the box (words kept whole); only a
        label longer than two lines ends in "…" (the full name is the box's title)."""
        room = max(4, int((box["w"] - 14) / 7.6))
        out: list[str] = []
        for word in label.split():
            if out and len(out[-1]) + 1 + len(word) <= room:
                out[-1] += " " + word
            else:
                out.append(word)
        out = [w if len(w) <= room else w[: room - 1] + "…" for w in out] or [""]
        if len(out) > 2:
            out = [out[0], (out[1] if len(out[1]) < room else out[1][: room - 1]) + "…"]
        return out

    def short(label: str, box: dict) -> str:
        return " ".join(lines(label, box))

    for kind, boxes in (("bestyrelse", top), ("gruppe", middle), ("forum", side)):
        for label, box in boxes.items():
            nodes.append(
                {**box, "label": label, "kort": short(label, box), "linjer": lines(label, box), "kind": kind}
            )
    for label, box in bottom.items():
        kind = "delaftale" if label in followed else "delaftale-uden"
        nodes.append(
            {**box, "label": label, "kort": short(label, box), "linjer": lines(label, box), "kind": kind}
        )
    edges = []
    positions = {**top, **middle, **side}
    for body in groups + fora:
        parent = positions.get(body["rapporterer_til"] or "")
        child = positions.get(body["organ"])
        if parent and child:
            edges.append(
                {
                    "x1": child["x"] + child["w"] / 2,
                    "y1": child["y"],
                    "x2": parent["x"] + parent["w"] / 2,
                    "y2": parent["y"] + box_h,
                    "kind": "rapporterer",
                }
            )
    for group in groups:
        g = middle.get(group["organ"])
        for name in group["foelger"]:
            d = bottom.get(name)
            if g and d:
                edges.append(
                    {
                        "x1": d["x"] + d["w"] / 2,
                        "y1": d["y"],
                        "x2": g["x"] + g["w"] / 2,
                        "y2": g["y"] + box_h,
                        "kind": "foelger",
                    }
                )
    height = max([n["y"] + n["h"] for n in nodes] + [60]) + 10
    return {"width": width, "height": height, "nodes": nodes, "edges": edges}
