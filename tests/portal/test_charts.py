"""portal.charts: user text in plotly figures is shown as written, never drawn as HTML."""

from portal.charts import plotly_lines, plotly_text, plotly_texts
from tests.portal.chart_checks import ESCAPED, HOSTILE


def test_plotly_text_escapes_tags_and_ampersands_but_not_quotes():
    assert plotly_text(HOSTILE) == ESCAPED
    assert plotly_text("Blåbær & 'æbler' \"pærer\"") == "Blåbær &amp; 'æbler' \"pærer\""
    assert plotly_text(None) == ""
    assert plotly_text(2024) == "2024"


def test_an_entity_in_user_text_shows_as_written():
    # plotly.js decodes &lt; in text nodes, so a user's literal "&lt;" must stay "&lt;".
    assert plotly_text("&lt;a&gt;") == "&amp;lt;a&amp;gt;"


def test_our_line_break_survives_and_the_parts_are_escaped():
    assert plotly_lines("Problemer", "<i>strategisk</i>") == "Problemer<br>&lt;i&gt;strategisk&lt;/i&gt;"
    assert plotly_texts(["<b>", 1]) == ["&lt;b&gt;", "1"]
