"""Text in plotly figures, safe for any user text (shared by every chart module).

plotly.js draws a subset of HTML in every text of a figure (trace names and legends, tick
labels, bar texts, hover texts, annotations, titles): ``<a href>`` becomes a clickable link,
``<b>``, ``<i>``, ``<span style>`` change the look, ``<br>`` breaks the line, and entities
such as ``&lt;`` are decoded. So every text that holds user data goes through
``plotly_text``, which escapes ``&``, ``<`` and ``>``: the text shows exactly as written and
no tag in it is ever drawn. Quotes are left alone (no tag can start without ``<``, and
plotly.js does not decode ``&quot;``). Our own markup is added after escaping:
``plotly_lines`` joins escaped parts with ``<br>``.

Data values that reach the screen through a hover template (``%{x}``, ``%{y}``,
``%{text}``, ``%{fullData.name}``) are drawn the same way, so they are escaped too; user text
is never put into a template itself (``%{...}`` in it would be substituted)."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


def plotly_text(value: Any) -> str:
    """``value`` as a text plotly.js shows literally (``None`` is empty)."""
    return html.escape("" if value is None else str(value), quote=False)


def plotly_texts(values: Iterable[Any]) -> list[str]:
    """``plotly_text`` of each value (category axes, bar and hover texts)."""
    return [plotly_text(v) for v in values]


def plotly_lines(*parts: Any) -> str:
    """The escaped parts on separate lines (our own ``<br>``, kept as a line break)."""
    return "<br>".join(plotly_text(p) for p in parts)


# --- One chart style (issue 18) ----------------------------------------------------------------
#
# Every figure the portal draws is built as a plain dict and passed through :func:`styled`
# (or :func:`from_plotly` for a ``plotly.graph_objects`` figure): one template with the board
# dashboard's look (system font, transparent background, light grid), axes that make room for
# their labels (``automargin``), the legend above the plot so it never covers data or an axis
# title, and integer ticks on every axis that counts something. Status colours live here only
# (:data:`STATUS`) and are told apart by colour-blind readers too: blue-green against orange
# against vermilion differ in lightness and on the blue-yellow axis every kind of colour
# blindness keeps, and bars add a pattern (``tests/portal/test_charts.py`` simulates it).
# ``static/portal/portal.css`` carries the same colours for badges and dots (tested).

INK = "#212529"
GRID = "#e3e6ea"
PRIMARY = "#1f4e79"
MUTED = "#5c6b7a"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"

#: Series colours in order: the portal's blue, then Okabe & Ito's palette for colour-blind
#: readers (orange, sky blue, bluish green, reddish purple, vermilion, blue).
PALETTE = ("#1f4e79", "#e69f00", "#56b4e9", "#009e73", "#cc79a7", "#d55e00", "#0072b2")


@dataclass(frozen=True)
class StatusStyle:
    colour: str
    text_colour: str  # on a badge of this colour (WCAG AA contrast)
    pattern: str  # plotly bar pattern: the status is readable without colour


#: The one home of status colours: monitoring's ``Sporstatus`` codes (succeskriterier,
#: delmål and plans: on track, at risk, off track, no data).
STATUS: dict[str, StatusStyle] = {
    "paa_sporet": StatusStyle("#00735c", "#ffffff", ""),
    "i_risiko": StatusStyle("#e69f00", "#1b1b1b", "/"),
    "ikke_paa_sporet": StatusStyle("#b83f00", "#ffffff", "x"),
    "ingen_data": StatusStyle("#b0b0b0", "#1b1b1b", "."),
}
#: Other workflows' statuses drawn in the same colours: a delmål reached or on track is
#: "på sporet", delayed is "i risiko", given up is "ikke på sporet", not started has no data.
STATUS_ALIASES = {
    "opnaaet": "paa_sporet",
    "forsinket": "i_risiko",
    "opgivet": "ikke_paa_sporet",
    "ikke_startet": "ingen_data",
}

#: A status pattern drawn over the status colour (``overlay``: the colour stays the ground).
PATTERN = {"fillmode": "overlay", "fgcolor": "rgba(255,255,255,.6)", "fgopacity": 1, "size": 7}

#: A target (måltal): a dark mark large enough to see over a bar.
TARGET_MARKER = {"symbol": "line-ew-open", "size": 26, "color": INK, "line": {"width": 3, "color": INK}}

_AXIS = {
    "automargin": True,
    "gridcolor": GRID,
    "linecolor": "#adb5bd",
    "zerolinecolor": "#adb5bd",
    "ticks": "outside",
    "tickcolor": "#adb5bd",
    "title": {"standoff": 8, "font": {"size": 12}},
}

#: The template every figure carries as ``layout.template`` (plotly.js applies it).
TEMPLATE: dict[str, Any] = {
    "layout": {
        "font": {"family": FONT, "size": 12, "color": INK},
        "colorway": list(PALETTE),
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10, "pad": 2},
        "xaxis": {**_AXIS, "showgrid": False},
        "yaxis": {**_AXIS, "rangemode": "tozero"},
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.02,
            "yanchor": "bottom",
            "bgcolor": "rgba(255,255,255,0)",
            "font": {"size": 12},
        },
        "hoverlabel": {"font": {"family": FONT}},
        "title": {"x": 0, "xanchor": "left", "font": {"size": 14}, "automargin": True},
        "bargap": 0.25,
    },
    "data": {
        "bar": [{"marker": {"line": {"width": 0}}}],
        "scatter": [{"marker": {"size": 7}, "line": {"width": 2}}],
    },
}


def wrap_label(text: Any, width: int = 16) -> str:
    """``text`` escaped for plotly and broken into lines of about ``width`` characters at
    spaces (category labels never cut: "Forebyggelse og<br>forældreansvar")."""
    words = str("" if text is None else text).split()
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(plotly_text(line) for line in lines)


def wrap_labels(values: Iterable[Any], width: int = 16) -> list[str]:
    return [wrap_label(v, width) for v in values]


def count_axis(maximum: float | int | None) -> dict[str, Any]:
    """An axis of counts: whole numbers only, from zero, a tick per unit when few."""
    top = max(1, int(maximum or 0))
    axis: dict[str, Any] = {"tickformat": ",d", "rangemode": "tozero", "tick0": 0}
    if top <= 10:
        axis["dtick"] = 1
    return axis


def status_style(code: str) -> StatusStyle:
    return STATUS.get(STATUS_ALIASES.get(code, code), STATUS["ingen_data"])


def status_colour(code: str) -> str:
    return status_style(code).colour


def status_marker(code: str) -> dict[str, Any]:
    """A bar marker for a status: its colour and its pattern."""
    style = status_style(code)
    marker: dict[str, Any] = {"color": style.colour}
    if style.pattern:
        marker["pattern"] = {**PATTERN, "shape": style.pattern}
    return marker


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        nested = isinstance(value, dict) and isinstance(out.get(key), dict)
        out[key] = _merge(out[key], value) if nested else value
    return out


def styled(figure: dict[str, Any], *, counts: str | None = None) -> dict[str, Any]:
    """``figure`` (``{"data": …, "layout": …}``) in the portal's one chart style. ``counts``
    names the axis ("x" or "y") that counts things: its ticks are whole numbers."""
    layout = dict(figure.get("layout") or {})
    layout["template"] = TEMPLATE
    for axis in ("xaxis", "yaxis"):
        layout[axis] = {"automargin": True, **(layout.get(axis) or {})}
    if counts:
        axis = f"{counts}axis"
        layout[axis] = _merge(count_axis(_largest(figure.get("data") or [], counts, layout)), layout[axis])
    if layout.get("showlegend") is not False and "legend" in layout:
        # The template's legend above the plot; a figure may change its looks, not its place.
        layout["legend"] = {
            **layout["legend"],
            **{k: TEMPLATE["layout"]["legend"][k] for k in ("x", "xanchor", "y", "yanchor")},
        }
    return {**figure, "layout": layout}


def _largest(data: list[dict[str, Any]], axis: str, layout: dict[str, Any]) -> float:
    """The largest value drawn on ``axis`` (bar stacks added up)."""
    stacked = layout.get("barmode") in ("stack", "relative")
    totals: dict[Any, float] = {}
    largest = 0.0
    other = "x" if axis == "y" else "y"
    for trace in data:
        values = trace.get(axis) or []
        keys = trace.get(other) or list(range(len(values)))
        for key, value in zip(keys, values, strict=False):
            if not isinstance(value, int | float):
                continue
            if stacked and trace.get("type", "bar") == "bar":
                totals[key] = totals.get(key, 0.0) + value
                largest = max(largest, totals[key])
            else:
                largest = max(largest, value)
    return largest


def from_plotly(fig: Any, *, counts: str | None = None) -> dict[str, Any]:
    """A ``plotly.graph_objects.Figure`` as JSON-ready dict in the portal's style (plotly's
    own default template, grey and with a white grid, is replaced)."""
    figure = json.loads(fig.to_json())
    figure.get("layout", {}).pop("template", None)
    return styled(figure, counts=counts)
