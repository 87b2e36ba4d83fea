"""Plotly figures (as JSON-ready dicts) from the frames of :mod:`tilsyn.analysis`. Every text
in a figure goes through ``portal.charts.plotly_text`` (plotly.js draws HTML in labels)."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
from django.utils.translation import gettext as _

from monitorering.models import Omraadestatus
from portal.charts import plotly_text, plotly_texts

STATUS_STYLE = [
    ("paa_sporet", "På sporet", "#198754"),
    ("i_risiko", "I risiko", "#ffc107"),
    ("ikke_paa_sporet", "Ikke på sporet", "#dc3545"),
    ("ingen_data", "Ingen data", "#adb5bd"),
]


def _layout(fig: go.Figure, title: str) -> dict:
    fig.update_layout(
        title=plotly_text(title),
        margin={"l": 40, "r": 20, "t": 50, "b": 40},
        height=380,
        legend={"orientation": "h"},
    )
    return json.loads(fig.to_json())


def status_per_area_figure(df: pd.DataFrame) -> dict:
    fig = go.Figure()
    labels = {"paa_sporet": _("På sporet"), "i_risiko": _("I risiko"), "ikke_paa_sporet": _("Ikke på sporet")}
    labels["ingen_data"] = _("Ingen data")
    for col, _label, color in STATUS_STYLE:
        fig.add_bar(
            name=plotly_text(labels[col]),
            x=plotly_texts(df["omraade"]),
            y=df[col].tolist(),
            marker_color=color,
        )
    fig.update_layout(barmode="stack", yaxis_title=plotly_text(_("Antal succeskriterier")))
    return _layout(fig, _("Målstatus på tværs af planer pr. indsatsområde"))


def indicator_figure(df: pd.DataFrame, indikator_navn: str) -> dict:
    fig = go.Figure()
    plans = plotly_texts(df["plan"])
    fig.add_bar(name=plotly_text(_("Seneste faktiske værdi")), x=plans, y=df["faktisk"].tolist())
    fig.add_scatter(
        name=plotly_text(_("Måltal")),
        x=plans,
        y=df["maal"].tolist(),
        mode="markers",
        marker_symbol="line-ew-open",
    )
    fig.add_scatter(name=plotly_text(_("Baseline")), x=plans, y=df["baseline"].tolist(), mode="markers")
    return _layout(fig, indikator_navn)


def area_categories_figure(df: pd.DataFrame) -> dict:
    labels = dict(Omraadestatus.Kategori.choices)
    fig = go.Figure()
    for kategori, part in df.groupby("kategori"):
        fig.add_bar(
            name=plotly_text(labels.get(kategori, kategori)), x=part["aar"].tolist(), y=part["antal"].tolist()
        )
    fig.update_layout(
        barmode="stack",
        xaxis_title=plotly_text(_("Listeår")),
        yaxis_title=plotly_text(_("Antal boligområder")),
    )
    return _layout(fig, _("Planernes boligområder efter lovens kategorier"))
