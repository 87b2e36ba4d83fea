"""Checks that a plotly figure shows user text literally (issue 13, finding 8): plotly.js
draws a subset of HTML in every text of a figure, so a title such as ``HOSTILE`` must reach
it escaped. Used by the chart tests of every app."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

HOSTILE = '<a href="//e.vil">Login</a> & <b>fed</b>'
ESCAPED = '&lt;a href="//e.vil"&gt;Login&lt;/a&gt; &amp; &lt;b&gt;fed&lt;/b&gt;'
# The only markup our own code puts in a figure: line breaks and the hover box's <extra>.
OUR_MARKUP = re.compile(r"<br>|</?extra>")


def strings(value: Any) -> Iterator[str]:
    """Every string in a figure (keys excluded), however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)


def assert_user_text_escaped(figure: dict[str, Any], *, times: int = 1) -> None:
    """No tag but our own anywhere in ``figure``, and the hostile text shown (escaped) in at
    least ``times`` of its strings."""
    assert "<a" not in json.dumps(figure).lower()
    for text in strings(figure):
        assert "<" not in OUR_MARKUP.sub("", text), text
    # A long label may be wrapped onto lines (portal.charts.wrap_label): our <br> for a space.
    shown = [text for text in strings(figure) if ESCAPED.lower() in text.replace("<br>", " ").lower()]
    assert len(shown) >= times, f"the hostile text is not in the figure {times} time(s): {shown}"
