"""Plotly figures (as JSON-ready dicts) from the frames of :mod:`tilsyn.analysis`, in the
portal's one chart style (``portal.charts.from_plotly``). Every text in a figure goes through
``portal.charts.plotly_text`` (plotly.js draws HTML in labels). Each figure's data is also a
table (:func:`table`) shown under the chart and downloadable as CSV and Excel."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
from django.utils.translation import gettext as _

from monitorering.models import Omraadestatus, Sporstatus
from portal.charts import (
    PALETTE,
    STATUS,
    TARGET_MARKER,
    from_plotly,
    plotly_text,
    status_marker,
    wrap_labels,
)

#: The status columns of :func:`tilsyn.analysis.status_per_area`, in the order they stack.
STATUS_COLUMNS = ("paa_sporet", "i_risiko", "ikke_paa_sporet", "ingen_data")
#: The national charts, each with its table and downloads.
CHARTS = ("status", "kategorier", "indikator")


def status_per_area_figure(df: pd.DataFrame) -> dict:
    fig = go.Figure()
    labels = dict(Sporstatus.choices)
    areas = wrap_labels(df["omraade"], 16)
    for col in STATUS_COLUMNS:
        fig.add_bar(
            name=plotly_text(labels[col]),
            x=areas,
            y=df[col].tolist(),
            marker=status_marker(col),
            hovertemplate="%{x}: %{y}<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(
        barmode="stack",
        height=400,
        yaxis_title=plotly_text(_("Antal succeskriterier")),
    )
    return from_plotly(fig, counts="y")


def indicator_figure(df: pd.DataFrame, indikator_navn: str) -> dict:
    fig = go.Figure()
    plans = wrap_labels(df["plan"], 14)
    fig.add_bar(
        name=plotly_text(_("Seneste faktiske værdi")),
        x=plans,
        y=df["faktisk"].tolist(),
        marker_color=PALETTE[2],
    )
    fig.add_scatter(
        name=plotly_text(_("Måltal")),
        x=plans,
        y=df["maal"].tolist(),
        mode="markers",
        marker=TARGET_MARKER,
        cliponaxis=False,
    )
    fig.add_scatter(
        name=plotly_text(_("Baseline")),
        x=plans,
        y=df["baseline"].tolist(),
        mode="markers",
        marker={
            "symbol": "diamond",
            "size": 11,
            "color": PALETTE[1],
            "line": {"width": 1, "color": "#1b1b1b"},
        },
        cliponaxis=False,
    )
    fig.update_layout(height=420, yaxis_title=plotly_text(indikator_navn))
    return from_plotly(fig)


def area_categories_figure(df: pd.DataFrame) -> dict:
    labels = dict(Omraadestatus.Kategori.choices)
    fig = go.Figure()
    for index, (kategori, part) in enumerate(df.groupby("kategori")):
        fig.add_bar(
            name=plotly_text(labels.get(kategori, kategori)),
            x=part["aar"].tolist(),
            y=part["antal"].tolist(),
            marker_color=CATEGORY_COLOURS.get(kategori, PALETTE[index % len(PALETTE)]),
        )
    fig.update_layout(
        barmode="stack",
        height=400,
        xaxis={
            "title": {"text": plotly_text(_("Listeår"))},
            "type": "category",
            "categoryorder": "category ascending",
        },
        yaxis_title=plotly_text(_("Antal boligområder")),
    )
    return from_plotly(fig, counts="y")


#: The statutory categories from the mildest to the gravest, light to dark (and the same
#: colour wherever a category is drawn).
CATEGORY_COLOURS = {
    "ingen": "#6b6b6b",
    "forebyggelse": PALETTE[2],
    "udsat": PALETTE[1],
    "parallelsamfund": STATUS["ikke_paa_sporet"].colour,
    "omdannelse": "#5a1e00",
}


def table(chart: str, df: pd.DataFrame) -> tuple[list[str], list[list[Any]]]:
    """The data behind one national chart as header + rows (page table, CSV and Excel)."""
    if chart == "status":
        labels = dict(Sporstatus.choices)
        return [_("Indsatsområde"), *(str(labels[c]) for c in STATUS_COLUMNS)], [
            [r["omraade"], *(int(r[c]) for c in STATUS_COLUMNS)] for r in df.to_dict("records")
        ]
    if chart == "kategorier":
        labels = dict(Omraadestatus.Kategori.choices)
        return [_("Listeår"), _("Kategori"), _("Antal boligområder")], [
            [r["aar"], str(labels.get(r["kategori"], r["kategori"])), int(r["antal"])]
            for r in df.to_dict("records")
        ]
    if chart == "indikator":
        return [_("Plan"), _("Seneste faktiske værdi"), _("Baseline"), _("Måltal"), _("Periode til")], [
            [r["plan"], r["faktisk"], r["baseline"], r["maal"], r["periode_slut"]]
            for r in df.to_dict("records")
        ]
    raise KeyError(chart)
