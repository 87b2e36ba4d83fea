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
from collections.abc import Iterable
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
