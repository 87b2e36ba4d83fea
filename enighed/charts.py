"""Plotly figures as plain JSON for ``json_script``; drawn by static/enighed/charts.js.
Every figure has a table next to it on the page, so nothing is only in the chart. Every text
in a figure goes through ``portal.charts.plotly_text`` (plotly.js draws HTML in labels)."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from portal.charts import PALETTE, from_plotly, plotly_lines, plotly_text, plotly_texts, wrap_label
from portal.formatting import tal

from . import analysis
from .models import Blok

#: The levels in the portal's one palette (``portal.charts.PALETTE``).
COLOURS = {"strategisk": PALETTE[0], "praktisk": PALETTE[1], "mellem": PALETTE[3], "forum": PALETTE[4]}
LAYOUT = {"hovermode": "closest"}


def _json(fig: go.Figure) -> dict[str, Any]:
    return from_plotly(fig)


def _cutoff_line(fig: go.Figure) -> None:
    fig.add_hline(
        y=analysis.RWG_CUTOFF,
        line_dash="dash",
        line_color="#666",
        annotation_text=plotly_text(_("enighed ved 0,70")),
        annotation_position="top left",
    )


def _label(cell: Any) -> str:
    if cell.undertrykt:
        return _("for få svar")
    return "–" if cell.rwg is None else tal(cell.rwg, 2)


def headline(headline_rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Grouped bars of r_wg(J): problems vs solutions, one bar per group; a suppressed cell
    has no bar and says so in its hover text and in the table."""
    fig = go.Figure()
    blocks = [str(Blok(b).label) for b in Blok.values]
    for group in headline_rows:
        cells = group["celler"]
        fig.add_bar(
            name=plotly_text(group["label"]),
            x=plotly_texts(blocks),
            y=[c.rwg for c in cells],
            marker_color=COLOURS[group["niveau"]],
            text=plotly_texts(_label(c) for c in cells),
            textposition="outside",
            hovertemplate="%{x}: %{text}<extra>%{fullData.name}</extra>",
        )
    _cutoff_line(fig)
    fig.update_layout(
        **LAYOUT,
        barmode="group",
        yaxis={"title": {"text": plotly_text(_("enighed, r_wg(J)"))}, "range": [0, 1.1]},
        height=380,
    )
    return _json(fig)


def divergence(diffs: list[Any]) -> dict[str, Any]:
    """The items where the levels differ most: strategic minus practical mean, 95 % interval."""
    rows = list(reversed(diffs))
    # The topic is cut before it is escaped, so no entity is cut in half.
    labels = [wrap_label(f"{d.spoergsmaal.nummer}. {d.spoergsmaal.emne[:60]}", 32) for d in rows]
    fig = go.Figure(
        go.Scatter(
            x=[d.forskel for d in rows],
            y=labels,
            mode="markers",
            marker={"size": 10, "color": COLOURS["mellem"]},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [(d.ci_hoej - d.forskel) if d.ci_hoej is not None else 0 for d in rows],
                "arrayminus": [(d.forskel - d.ci_lav) if d.ci_lav is not None else 0 for d in rows],
            },
            hovertemplate="%{y}: %{x:.2f}<extra></extra>",
        )
    )
    fig.add_vline(x=0, line_color="#999")
    fig.update_layout(
        **LAYOUT,
        xaxis={"title": {"text": plotly_text(_("strategisk minus praktisk (gennemsnit, 1-5)"))}},
        height=max(240, 48 * len(rows) + 90),
        showlegend=False,
    )
    return _json(fig)


def trend(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """r_wg(J) per round: one line per block and group."""
    fig = go.Figure()
    x = plotly_texts(r["maaling"].runde for r in rounds)
    for index, niveau_label in enumerate(rounds[0]["headline"] if rounds else []):
        for b, blok in enumerate(Blok.values):
            fig.add_scatter(
                name=plotly_text(f"{Blok(blok).label}: {str(niveau_label['label']).lower()}"),
                x=x,
                y=[r["headline"][index]["celler"][b].rwg for r in rounds],
                mode="lines+markers",
                line={"color": COLOURS[niveau_label["niveau"]], "dash": "solid" if b == 0 else "dot"},
            )
    _cutoff_line(fig)
    fig.update_layout(
        **LAYOUT,
        xaxis={"title": {"text": plotly_text(_("runde"))}, "type": "category"},
        yaxis={"title": {"text": plotly_text(_("enighed, r_wg(J)"))}, "range": [0, 1.05]},
        height=380,
    )
    return _json(fig)


def distribution(cells: list[dict[str, Any]]) -> dict[str, Any]:
    """Box plots of the plans' r_wg(J) per headline cell (LBF overview)."""
    fig = go.Figure()
    for cell in cells:
        fig.add_box(
            name=plotly_lines(cell["blok_label"], str(cell["label"]).lower()),
            y=cell["vaerdier"],
            boxpoints="all",
            jitter=0.3,
            marker_color=COLOURS[cell["niveau"]],
            showlegend=False,
        )
    _cutoff_line(fig)
    fig.update_layout(
        **LAYOUT,
        yaxis={"title": {"text": plotly_text(_("enighed, r_wg(J)"))}, "range": [0, 1.05]},
        height=420,
    )
    return _json(fig)
