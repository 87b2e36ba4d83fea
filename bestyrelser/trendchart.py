"""A success criterion's trend against its target path, as a small SVG drawn from the
criterion's frozen data (``dashboard._criterion``: ``serie``, baseline, target).

One drawing for both outputs: the HTML pack inlines the SVG, and the PDF embeds the same SVG
through fpdf2's SVG support, which turns it into PDF vector paths and text (no browser, no
raster image, no plotting library). Only lines, circles and short labels (numbers and dates)
are drawn; the criterion's own text is never put into the SVG, and what is put in is escaped.
See docs/adr/0007-board-pack-charts.md for why not plotly or matplotlib.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.html import escape
from django.utils.translation import gettext as _

from portal.formatting import dato, tal

WIDTH, HEIGHT = 480, 170
# The plot area inside the drawing (left, top, right, bottom), room for labels around it.
LEFT, TOP, RIGHT, BOTTOM = 52, 12, 470, 128
ACTUAL, EXPECTED, TARGET, GRID = "#0d6efd", "#6c757d", "#198754", "#dee2e6"
FONT = "DejaVu"  # the PDF's registered font; the page's CSS sets the HTML font


def _el(tag: str, content: str = "", /, **attrs: Any) -> str:
    """An SVG element; attribute values are numbers and fixed words, content is escaped text."""
    attributes = " ".join(f'{name}="{value}"' for name, value in attrs.items())
    return f"<{tag} {attributes}>{content}</{tag}>"


def _day(value: str | None) -> int | None:
    return datetime.date.fromisoformat(value).toordinal() if value else None


def _points(rows: list[tuple[int | None, float | None]]) -> list[tuple[int, float]]:
    return [(x, y) for x, y in rows if x is not None and y is not None]


def trend_svg(k: dict[str, Any]) -> str:
    """The SVG of criterion ``k`` (a frozen criterion dict), or "" when it has no measurement
    and no target path to draw."""
    serie = k.get("serie") or []
    actual = _points([(_day(r["periode"]), r.get("faktisk")) for r in serie])
    expected = _points([(_day(r["periode"]), r.get("forventet")) for r in serie])
    baseline = _points([(_day(k.get("baseline_dato")), k.get("baseline"))])
    target = _points([(_day(k.get("maal_dato")), k.get("maal"))])
    if not actual and not expected:
        return ""
    everything = actual + expected + baseline + target
    x0, x1 = min(x for x, _y in everything), max(x for x, _y in everything)
    y0, y1 = min(y for _x, y in everything), max(y for _x, y in everything)
    pad = (y1 - y0) * 0.1 or abs(y1) * 0.1 or 1.0
    y0, y1 = y0 - pad, y1 + pad
    if y0 < 0 <= min(y for _x, y in everything):
        y0 = 0.0  # never draw below zero for a quantity that is never negative
    x1 = x1 if x1 > x0 else x0 + 1

    def sx(x: float) -> float:
        return LEFT + (x - x0) / (x1 - x0) * (RIGHT - LEFT)

    def sy(y: float) -> float:
        return BOTTOM - (y - y0) / (y1 - y0) * (BOTTOM - TOP)

    def line(points: list[tuple[int, float]], colour: str, dash: str = "") -> str:
        coords = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in points)
        extra = {"stroke-dasharray": dash} if dash else {}
        return _el("polyline", points=coords, fill="none", stroke=colour, **{"stroke-width": 2}, **extra)

    def text(x: float, y: float, label: str, anchor: str = "start") -> str:
        attrs = {"font-family": FONT, "font-size": 10, "text-anchor": anchor}
        return _el("text", escape(label), x=f"{x:.1f}", y=f"{y:.1f}", fill="#212529", **attrs)

    def ring(x: float, y: float, r: float) -> str:
        return _el(
            "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=r, fill="none", stroke=TARGET, **{"stroke-width": 2}
        )

    parts = [_el("rect", x=LEFT, y=TOP, width=RIGHT - LEFT, height=BOTTOM - TOP, fill="none", stroke=GRID)]
    for value in (y0, (y0 + y1) / 2, y1):
        parts.append(
            _el("line", x1=LEFT, y1=f"{sy(value):.1f}", x2=RIGHT, y2=f"{sy(value):.1f}", stroke=GRID)
        )
        parts.append(text(LEFT - 4, sy(value) + 3.5, tal(round(value, 1)), "end"))
    parts.append(text(LEFT, BOTTOM + 14, dato(datetime.date.fromordinal(x0))))
    parts.append(text(RIGHT, BOTTOM + 14, dato(datetime.date.fromordinal(x1)), "end"))
    if len(expected) > 1:
        parts.append(line(expected, EXPECTED, "5 4"))
    if len(actual) > 1:
        parts.append(line(actual, ACTUAL))
    parts += [_el("circle", cx=f"{sx(x):.1f}", cy=f"{sy(y):.1f}", r=3, fill=ACTUAL) for x, y in actual]
    parts += [ring(sx(x), sy(y), 4.5) for x, y in target]
    # The legend along the bottom.
    ly = HEIGHT - 8
    key = {"y1": ly - 3.5, "y2": ly - 3.5, "stroke-width": 2}
    parts.append(_el("line", x1=LEFT, x2=LEFT + 18, stroke=ACTUAL, **key))
    parts.append(
        _el("line", x1=LEFT + 110, x2=LEFT + 128, stroke=EXPECTED, **{"stroke-dasharray": "5 4"}, **key)
    )
    parts.append(text(LEFT + 22, ly, _("Faktisk")))
    parts.append(text(LEFT + 132, ly, _("Forventet forløb")))
    parts.append(text(LEFT + 272, ly, _("Mål")))
    parts.append(ring(LEFT + 264, ly - 3.5, 4))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" class="pack-chart" aria-hidden="true">' + "".join(parts) + "</svg>"
    )
