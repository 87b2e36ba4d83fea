"""Plotly figures (as plain dicts for plotly.js) for the board dashboard. Each figure has
its data also as a table (``table_rows``) for the accessible toggle and the downloads."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

STATUS_COLOURS = {
    "På sporet": "#2e7d32",
    "I risiko": "#f9a825",
    "Ikke på sporet": "#c62828",
    "Ingen data": "#9e9e9e",
}
LAYOUT = {
    "margin": {"l": 40, "r": 10, "t": 10, "b": 30},
    "font": {"family": "system-ui, sans-serif", "size": 12},
    "showlegend": False,
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
}


def trend(kriterie: dict[str, Any]) -> dict[str, Any]:
    """Actual values against the straight target path, baseline and target marked."""
    periods = [p["periode"] for p in kriterie["serie"]]
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": _("Forventet"),
            "x": periods,
            "y": [p["forventet"] for p in kriterie["serie"]],
            "line": {"dash": "dot", "color": "#5c6b7a"},
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": _("Faktisk"),
            "x": periods,
            "y": [p["faktisk"] for p in kriterie["serie"]],
            "line": {"color": "#1f4e79"},
        },
    ]
    if kriterie["maal"] is not None and kriterie["maal_dato"]:
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": _("Mål"),
                "x": [kriterie["maal_dato"]],
                "y": [kriterie["maal"]],
                "marker": {"symbol": "star", "size": 10, "color": "#2e7d32"},
            }
        )
    return {"data": data, "layout": {**LAYOUT, "height": 140, "xaxis": {"type": "date"}}}


def bars(
    counts: dict[str, int], *, colours: dict[str, str] | None = None, height: int = 220
) -> dict[str, Any]:
    labels = list(counts)
    return {
        "data": [
            {
                "type": "bar",
                "x": labels,
                "y": [counts[k] for k in labels],
                "marker": {"color": [(colours or {}).get(k, "#1f4e79") for k in labels]},
            }
        ],
        "layout": {**LAYOUT, "height": height},
    }


def participants(rows: list[dict[str, Any]]) -> dict[str, Any]:
    by_area: dict[str, dict[str, int]] = {}
    for r in rows:
        by_area.setdefault(r["omraade"], {})[r["kvartal"]] = r["deltagere"]
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": area,
            "x": list(points),
            "y": list(points.values()),
        }
        for area, points in sorted(by_area.items())
    ]
    return {
        "data": data,
        "layout": {
            **LAYOUT,
            "height": 260,
            "showlegend": True,
            "legend": {"orientation": "h"},
            "xaxis": {"type": "date"},
        },
    }


def attendance(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "data": [
            {
                "type": "bar",
                "x": [r["dato"] for r in rows],
                "y": [round(100 * r["deltog"] / r["i_alt"]) if r["i_alt"] else 0 for r in rows],
                "marker": {"color": "#1f4e79"},
            }
        ],
        "layout": {
            **LAYOUT,
            "height": 200,
            "yaxis": {"range": [0, 100], "ticksuffix": " %"},
            "xaxis": {"type": "category"},
        },
    }


def dashboard_figures(data: dict[str, Any]) -> dict[str, Any]:
    figures = {
        "status": bars(data["statusfordeling"], colours=STATUS_COLOURS),
        "delmaal": bars(data["praksis"]["delmaal_status"]),
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
    raise KeyError(chart)


CHARTS = ("status", "delmaal", "deltagere", "fremmoede", "kriterier")
