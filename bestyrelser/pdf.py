"""The board pack as a PDF, rendered from the pack's frozen data (fpdf2, pure Python).

A released pack is frozen, so the renderer must cope with any text it holds: every text goes
through ``_text`` (line breaks normalised, control characters dropped, characters outside the
core font's Latin-1 spelt without accents or shown as "?"), and the criteria table never asks
fpdf2 for a row taller than a page (fpdf2 cannot split a table row across pages): a long cell
continues in the rows below it (``_table_rows``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import zip_longest
from typing import Any, cast

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

# The PDF core fonts cover Latin-1 (æøå included); map the few other characters we use and
# letters that have no accent-free decomposition (Polish, Croatian, Turkish names).
REPLACEMENTS = {"–": "-", "—": "-", "→": "->", "✓": "v", "✕": "x", "…": "...", "’": "'", "“": '"', "”": '"'}
REPLACEMENTS |= {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ı": "i", "Œ": "OE", "œ": "oe", "€": "EUR"}
# Every line break a text may carry (CR LF, CR, vertical tab, form feed, NEL, U+2028/9, ...).
LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
FONT = "Helvetica"
# The criteria table: column widths (fractions of the page width), the height of a text line
# and the most lines of one cell in one row. 30 lines of 4.5 mm fit any A4 page with room for
# the repeated heading row.
COLUMNS = (70, 20, 20, 20, 30)
LINE_HEIGHT = 4.5
ROW_LINES = 30


def _char(char: str) -> str:
    """One character as the core font can show it: itself, its letters without accents, or
    "?" (emoji, right-to-left scripts, CJK, ...)."""
    if ord(char) < 256:
        # Control characters and the soft hyphen are invisible: drop them.
        return char if char == "\n" or not unicodedata.category(char).startswith("C") else ""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return ""  # marks left after NFC, joiners, variation selectors, direction marks
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", char) if ord(c) < 256 and not unicodedata.combining(c)
    )
    return plain if plain and all(c.isprintable() for c in plain) else "?"


def _text(value: Any) -> str:
    text = "" if value is None else str(value)
    for char, plain in REPLACEMENTS.items():
        text = text.replace(char, plain)
    text = unicodedata.normalize("NFC", LINE_BREAKS.sub("\n", text)).replace("\t", " ")
    return "".join(_char(c) for c in text)


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".").removesuffix(",0")


def _para(pdf: FPDF, height: float, text: str) -> None:
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
    pdf = FPDF(format="A4")
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
    with pdf.table(
        col_widths=COLUMNS, line_height=LINE_HEIGHT, text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT")
    ) as table:
        pdf.set_font(FONT, "B", 8)
        table.row(
            [_text(h) for h in (_("Succeskriterie"), _("Baseline"), _("Seneste"), _("Mål"), _("Status"))]
        )
        pdf.set_font(FONT, "", 8)
        for group in data.get("maal", []):
            for goal in group["maal"]:
                for k in goal["kriterier"]:
                    cells = [
                        _text(f"{goal['nummer']}. {k['beskrivelse']}"),
                        _number(k["baseline"]),
                        _number(k["seneste"]),
                        _number(k["maal"]),
                        _text(k["status_label"]),
                    ]
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
