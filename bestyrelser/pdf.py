"""The board pack as a PDF, rendered from the pack's frozen data (fpdf2, pure Python).

A released pack is frozen, so the renderer must cope with any text it holds. The text is set in
DejaVu Sans (bundled in ``bestyrelser/fonts``: Latin with æøå, Greek, Cyrillic, Arabic, Hebrew,
Armenian, Georgian and many symbols), with a subset of Symbola as the fallback for emoji and
symbols DejaVu lacks. HarfBuzz shaping (``uharfbuzz``) joins Arabic letters, places combining
marks and lays out right-to-left text, only where a text needs it (``_shape``). Every text goes
through ``_text``: line breaks normalised, control characters dropped, and a character no
bundled font has (CJK, Thai, Indic scripts, ...) shown as "?". The criteria table never asks
fpdf2 for a row taller than a page (fpdf2 cannot split a table row across pages): a long cell
continues in the rows below it (``_table_rows``)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from itertools import zip_longest
from pathlib import Path
from typing import Any, cast

from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
EMOJI_FONT = "SymbolaEmoji"
# (family, style, file): the text font in regular and bold, the fallback for emoji.
FONT_FILES = (
    (FONT, "", "DejaVuSans.ttf"),
    (FONT, "B", "DejaVuSans-Bold.ttf"),
    (EMOJI_FONT, "", "Symbola-emoji.ttf"),
)
# Every line break a text may carry (CR LF, CR, vertical tab, form feed, NEL, U+2028/9, ...).
LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# The criteria table: column widths (fractions of the page width), the height of a text line
# and the most lines of one cell in one row. 30 lines of 4.5 mm fit any A4 page with room for
# the repeated heading row.
COLUMNS = (70, 20, 20, 20, 30)
LINE_HEIGHT = 4.5
ROW_LINES = 30
# Unicode bidirectional classes of right-to-left text (Hebrew, Arabic, the RTL overrides).
SHAPED_BIDI_CLASSES = frozenset({"R", "AL", "RLE", "RLO", "RLI"})


@functools.cache
def _covered() -> frozenset[int]:
    """The code points some bundled font has a glyph for."""
    points: set[int] = set()
    for _family, _style, name in FONT_FILES:
        points |= set(TTFont(FONT_DIR / name, lazy=True).getBestCmap())
    return frozenset(points)


def _char(char: str) -> str:
    """One character as the bundled fonts can show it: itself, nothing (control characters,
    the soft hyphen, and invisible marks and joiners no font has) or "?"."""
    if char == "\n":
        return char
    category = unicodedata.category(char)
    if category in ("Cc", "Cs") or char == "\xad":
        return ""
    if ord(char) in _covered():
        return char
    return "" if category in ("Mn", "Me", "Cf") else "?"


def _text(value: Any) -> str:
    text = "" if value is None else str(value)
    text = unicodedata.normalize("NFC", LINE_BREAKS.sub("\n", text)).replace("\t", " ")
    return "".join(_char(c) for c in text)


def _new_pdf() -> FPDF:
    """An A4 document with the bundled fonts registered and the emoji fallback."""
    pdf = FPDF(format="A4")
    for family, style, name in FONT_FILES:
        pdf.add_font(family, style, FONT_DIR / name)
    # DejaVu regular is a fallback too: bold lacks a few of its glyphs.
    pdf.set_fallback_fonts([FONT, EMOJI_FONT], exact_match=False)
    return pdf


def _needs_shaping(text: str) -> bool:
    """Whether ``text`` needs HarfBuzz: right-to-left letters (their order and, in Arabic, their
    joined forms) or combining marks (placed on their letter)."""
    return any(
        unicodedata.bidirectional(c) in SHAPED_BIDI_CLASSES or unicodedata.category(c) == "Mn" for c in text
    )


def _shape(pdf: FPDF, *texts: str) -> None:
    """Shaping on for the text about to be set only when it needs it: shaping every text costs
    about ten times the rendering time of a Danish pack (measured with bench/boardpack_pdf.py)."""
    pdf.set_text_shaping(use_shaping_engine=any(_needs_shaping(t) for t in texts))


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".").removesuffix(",0")


def _para(pdf: FPDF, height: float, text: str) -> None:
    _shape(pdf, text)
    pdf.set_x(pdf.l_margin)
    pdf.multi_cell(pdf.epw, height, text, new_x="LMARGIN", new_y="NEXT")


def _lines(pdf: FPDF, width: float, text: str) -> list[str]:
    """``text`` wrapped as the table will wrap it in a column ``width`` wide (long words are
    broken). Measured 1 mm narrower, so each line surely fits on its own in the real cell."""
    if not text:
        return [""]
    lines = pdf.multi_cell(width - 1, LINE_HEIGHT, text, dry_run=True, output=MethodReturnValue.LINES)
    return [line.rstrip() for line in cast(list[str], lines)] or [""]


def _table_rows(pdf: FPDF, widths: list[float], cells: list[str]) -> Iterator[list[str]]:
    """One table row of ``cells`` as one or more rows of at most ``ROW_LINES`` lines each: a
    cell longer than that continues in the next row, so no row is taller than a page."""
    chunks = []
    for width, text in zip(widths, cells, strict=True):
        lines = _lines(pdf, width, text)
        chunks.append(["\n".join(lines[i : i + ROW_LINES]) for i in range(0, len(lines), ROW_LINES)])
    for row in zip_longest(*chunks, fillvalue=""):
        yield list(row)


def boardpack_pdf(*, title: str, released: str, data: dict[str, Any]) -> bytes:
    pdf = _new_pdf()
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    _para(pdf, 8, _text(title))
    pdf.set_font(FONT, "", 9)
    _para(pdf, 5, _text(released))
    pdf.ln(3)

    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 7, _text(_("Succeskriterier")), new_x="LMARGIN", new_y="NEXT")
    widths = [pdf.epw * w / sum(COLUMNS) for w in COLUMNS]
    rows = [
        [
            _text(f"{goal['nummer']}. {k['beskrivelse']}"),
            _number(k["baseline"]),
            _number(k["seneste"]),
            _number(k["maal"]),
            _text(k["status_label"]),
        ]
        for group in data.get("maal", [])
        for goal in group["maal"]
        for k in goal["kriterier"]
    ]
    # The table is set when it closes, so its shaping is decided once, for every cell.
    _shape(pdf, *(cell for row in rows for cell in row))
    with pdf.table(
        col_widths=COLUMNS, line_height=LINE_HEIGHT, text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT")
    ) as table:
        pdf.set_font(FONT, "B", 8)
        table.row(
            [_text(h) for h in (_("Succeskriterie"), _("Baseline"), _("Seneste"), _("Mål"), _("Status"))]
        )
        pdf.set_font(FONT, "", 8)
        for cells in rows:
            for row in _table_rows(pdf, widths, cells):
                table.row(row)
    pdf.ln(4)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 7, _text(_("Status fra delaftalerne")), new_x="LMARGIN", new_y="NEXT")
    for f in data.get("praksis", {}).get("fortaellinger", []):
        pdf.set_font(FONT, "B", 9)
        _para(pdf, 5, _text(f"{f['omraade']} ({f['periode_slut']})"))
        pdf.set_font(FONT, "", 9)
        _para(pdf, 5, _text(f["tekst"]))
        pdf.ln(1)
    streng = data.get("styringsstreng", {})
    pdf.ln(2)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 7, _text(_("Styringsstrengen")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    _para(pdf, 5, _text(f"{_('Organisering:')} {streng.get('moenster', {}).get('label', '')}"))
    for key, label in (
        ("maal_uden_delmaal", _("Strategisk mål uden delmål:")),
        ("delmaal_uden_maal", _("Delmål uden strategisk mål:")),
        ("delaftaler_uden_gruppe", _("Delaftale uden gruppe, der følger den:")),
        ("organer_uden_rapportering", _("Gruppe uden rapportering i de to seneste perioder:")),
    ):
        for item in streng.get(key, []):
            _para(pdf, 5, _text(f"- {label} {item}"))
    return bytes(pdf.output())
