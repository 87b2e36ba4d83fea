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
import io
import re
import unicodedata
from collections.abc import Iterator
from itertools import zip_longest
from pathlib import Path
from typing import Any, cast

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import MethodReturnValue
from fpdf.outline import OutlineSection

from portal.formatting import dato, tidspunkt_lang

from .trendchart import HEIGHT as CHART_HEIGHT
from .trendchart import WIDTH as CHART_WIDTH
from .trendchart import trend_svg

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
#: Room the table of contents needs (heading + 8 sections of 6.5 mm, with margin).
TOC_HEIGHT = 80
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


class PackPDF(FPDF):
    """A4 with "Side n af N" at the foot of every page."""

    def footer(self) -> None:
        shaping, self.text_shaping = self.text_shaping, None  # the footer is Danish only
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(108, 117, 125)
        self.cell(
            0, 5, _("Side %(side)s af %(sider)s") % {"side": self.page_no(), "sider": "{nb}"}, align="C"
        )
        self.set_text_color(0)
        self.text_shaping = shaping


def _new_pdf() -> PackPDF:
    """An A4 document with the bundled fonts registered and the emoji fallback."""
    pdf = PackPDF(format="A4")
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
    pdf.multi_cell(pdf.epw, height, text, align="L", new_x="LMARGIN", new_y="NEXT")


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


def _heading(pdf: FPDF, text: str, *, room: float = 30) -> None:
    """A section heading, listed in the table of contents and the PDF's bookmarks; it starts a
    new page when less than ``room`` mm are left."""
    if pdf.get_y() + room > pdf.page_break_trigger:
        pdf.add_page()
    else:
        pdf.ln(3)
    pdf.set_text_shaping(use_shaping_engine=False)
    pdf.start_section(text)
    pdf.set_font(FONT, "B", 13)
    pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)


def _toc(pdf: FPDF, outline: list[OutlineSection]) -> None:
    """The table of contents: each section with its page number, both links to it."""
    pdf.set_text_shaping(use_shaping_engine=False)
    pdf.ln(4)
    pdf.set_font(FONT, "B", 13)
    pdf.cell(0, 8, _("Indhold"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    for section in outline:
        link = pdf.add_link(page=section.page_number)
        pdf.cell(pdf.epw - 20, 6.5, section.name, link=link)
        pdf.cell(20, 6.5, str(section.page_number), align="R", link=link, new_x="LMARGIN", new_y="NEXT")


def _table(
    pdf: FPDF, headings: list[str], rows: list[list[str]], columns: tuple[int, ...], align: tuple[str, ...]
) -> None:
    """A table with a repeated heading row; long cells continue in the rows below."""
    widths = [pdf.epw * w / sum(columns) for w in columns]
    pdf.set_font(FONT, "", 8)
    _shape(pdf, *(cell for row in rows for cell in row))  # set when the table closes: once for all
    with pdf.table(col_widths=columns, line_height=LINE_HEIGHT, text_align=align) as table:
        pdf.set_font(FONT, "B", 8)
        table.row(headings)
        pdf.set_font(FONT, "", 8)
        for cells in rows:
            for row in _table_rows(pdf, widths, cells):
                table.row(row)
    pdf.ln(2)


def _missing(pdf: FPDF) -> None:
    _para(pdf, 5, _("Ikke med i denne pakke: den blev frigivet, før mødepakken fik dette afsnit."))


def _criteria(pdf: FPDF, data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (_text(f"{goal['nummer']}. {k['beskrivelse']}"), k)
        for group in data.get("maal", [])
        for goal in group["maal"]
        for k in goal["kriterier"]
    ]


def _chart(pdf: FPDF, caption: str, k: dict[str, Any]) -> None:
    """The criterion's caption and its trend chart as vector graphics (the SVG of
    :mod:`bestyrelser.trendchart`, converted by fpdf2 into PDF paths and text)."""
    width = pdf.epw * 0.85
    height = width * CHART_HEIGHT / CHART_WIDTH
    svg = trend_svg(k)
    if pdf.get_y() + 12 + (height if svg else 5) > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_font(FONT, "B", 9)
    _para(pdf, 4.5, caption)
    pdf.set_font(FONT, "", 8)
    _para(
        pdf,
        4,
        _text(
            _("Baseline %(baseline)s · seneste %(seneste)s · mål %(maal)s · %(status)s")
            % {
                "baseline": _number(k.get("baseline")),
                "seneste": _number(k.get("seneste")),
                "maal": _number(k.get("maal")),
                "status": k.get("status_label", ""),
            }
        ),
    )
    if svg:
        pdf.set_text_shaping(use_shaping_engine=False)
        pdf.image(io.BytesIO(svg.encode()), x=pdf.l_margin, w=width, h=height)
    else:
        _para(pdf, 5, _("Ingen målinger endnu."))
    pdf.ln(3)


def boardpack_pdf(*, title: str, released: str, data: dict[str, Any]) -> bytes:
    pakke = data.get("pakke")
    pdf = _new_pdf()
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_title(_text(title))
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    _para(pdf, 8, _text(title))
    pdf.set_font(FONT, "", 9)
    if pakke:
        moede = pakke["moede"]
        when = tidspunkt_lang(moede["tidspunkt"])
        _para(pdf, 5, _text(", ".join(filter(None, [f"{moede['organ']}: {when}", moede["sted"]]))))
    _para(pdf, 5, _text(released))
    # The contents (8 sections, about 70 mm) must fit the page it is placed on: a long title
    # (any text a released pack holds) may have used most of it.
    if pdf.h - pdf.b_margin - pdf.get_y() < TOC_HEIGHT:
        pdf.add_page()
    pdf.insert_toc_placeholder(_toc)

    _heading(pdf, _("Dagsorden"))
    if pakke is None:
        _missing(pdf)
    elif pakke["dagsorden"]:
        _table(
            pdf,
            [_("Nr."), _("Punkt"), _("Type"), _("Indstilling")],
            [
                [str(p["nummer"]), _text(p["titel"]), _text(p["type_label"]), _text(p["indstilling"])]
                for p in pakke["dagsorden"]
            ],
            (8, 42, 20, 60),
            ("RIGHT", "LEFT", "LEFT", "LEFT"),
        )
    else:
        _para(pdf, 5, _("Dagsordenen er tom."))

    _heading(pdf, _("Til beslutning"))
    if pakke is None:
        _missing(pdf)
    for p in (pakke or {}).get("til_beslutning", []):
        pdf.set_font(FONT, "B", 10)
        _para(pdf, 5.5, _text(f"{_('Punkt')} {p['nummer']}. {p['titel']}"))
        pdf.set_font(FONT, "", 9)
        _para(pdf, 5, _text(f"{_('Indstilling:')} {p['indstilling'] or _('Ingen indstilling.')}"))
        pdf.ln(2)
    if pakke is not None and not pakke["til_beslutning"]:
        _para(pdf, 5, _("Ingen punkter til beslutning."))

    _heading(pdf, _("Succeskriterier"))
    criteria = _criteria(pdf, data)
    _table(
        pdf,
        [_("Succeskriterie"), _("Baseline"), _("Seneste"), _("Mål"), _("Status")],
        [
            [
                caption,
                _number(k["baseline"]),
                _number(k["seneste"]),
                _number(k["maal"]),
                _text(k["status_label"]),
            ]
            for caption, k in criteria
        ],
        COLUMNS,
        ("LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"),
    )

    _heading(pdf, _("Udvikling mod målet"), room=90)
    _para(
        pdf,
        5,
        _(
            "Faktiske værdier (blå) mod det forventede forløb fra baseline til mål (grå, stiplet); "
            "målet er den grønne cirkel."
        ),
    )
    pdf.ln(2)
    for caption, k in criteria:
        _chart(pdf, caption, k)
    if not criteria:
        _para(pdf, 5, _("Ingen succeskriterier."))

    _heading(pdf, _("Status fra delaftalerne"))
    if pakke is not None and pakke["statusrapporter"]:
        _table(
            pdf,
            [_("Delaftale"), _("Seneste periode til"), _("Status")],
            [
                [_text(r["omraade"]), dato(r["periode_slut"]), _text(r["status_label"])]
                for r in pakke["statusrapporter"]
            ],
            (60, 30, 40),
            ("LEFT", "LEFT", "LEFT"),
        )
    for f in data.get("praksis", {}).get("fortaellinger", []):
        pdf.set_font(FONT, "B", 9)
        _para(pdf, 5, _text(f"{f['omraade']} ({_('periode til')} {dato(f['periode_slut'])})"))
        pdf.set_font(FONT, "", 9)
        _para(pdf, 5, _text(f["tekst"]))
        pdf.ln(1)
    overdue = data.get("praksis", {}).get("rapporter_overskredet")
    if overdue is not None:
        _para(pdf, 5, _text(f"{_('Statusrapporter med overskredet frist:')} {overdue}"))

    _heading(pdf, _("Åbne handlingspunkter"))
    if pakke is None:
        _missing(pdf)
    elif pakke["handlingspunkter"]:
        _para(
            pdf,
            5,
            ngettext(
                "%(antal)s åbent handlingspunkt, heraf %(over)s med overskredet frist pr. %(dato)s.",
                "%(antal)s åbne handlingspunkter, heraf %(over)s med overskredet frist pr. %(dato)s.",
                len(pakke["handlingspunkter"]),
            )
            % {
                "antal": len(pakke["handlingspunkter"]),
                "over": pakke["overskredne_handlingspunkter"],
                "dato": dato(pakke["opgjort"]),
            },
        )
        _table(
            pdf,
            [_("Handling"), _("Ansvarlig"), _("Frist"), _("Status")],
            [
                [
                    _text(h["tekst"]),
                    _text(h["ansvarlig"]),
                    dato(h["frist"]),
                    _text(
                        f"{h['status_label']}, {_('overskredet')}" if h["overskredet"] else h["status_label"]
                    ),
                ]
                for h in pakke["handlingspunkter"]
            ],
            (60, 30, 18, 25),
            ("LEFT", "LEFT", "LEFT", "LEFT"),
        )
    else:
        _para(pdf, 5, _("Ingen åbne handlingspunkter."))

    streng = data.get("styringsstreng", {})
    _heading(pdf, _("Styringsstrengen"))
    _para(pdf, 5, _text(f"{_('Organisering:')} {streng.get('moenster', {}).get('label', '')}"))
    for line in streng.get("linjer", []):
        text = f"- {line['organ']} ({line['type']})"
        if line.get("rapporterer_til"):
            text += f" {_('rapporterer til')} {line['rapporterer_til']}"
        if line.get("foelger"):
            text += f"; {_('følger')} {', '.join(line['foelger'])}"
        _para(pdf, 5, _text(text))
    for key, label in (
        ("maal_uden_delmaal", _("Strategisk mål uden delmål:")),
        ("delmaal_uden_maal", _("Delmål uden strategisk mål:")),
        ("delaftaler_uden_gruppe", _("Delaftale uden gruppe, der følger den:")),
        ("organer_uden_rapportering", _("Gruppe uden rapportering i de to seneste perioder:")),
    ):
        for item in streng.get(key, []):
            _para(pdf, 5, _text(f"- {label} {item}"))

    _heading(pdf, _("Fremmøde"))
    if pakke is None:
        _missing(pdf)
    elif pakke["deltagere"]:
        _table(
            pdf,
            [_("Navn"), _("Rolle"), _("Repræsenterer"), _("Deltagelse")],
            [
                [
                    _text(d["navn"]),
                    _text(d["rolle"]),
                    _text(d["repraesenterer"]),
                    _text(d["status_label"] or _("Ikke registreret")),
                ]
                for d in pakke["deltagere"]
            ],
            (38, 31, 41, 22),
            ("LEFT", "LEFT", "LEFT", "LEFT"),
        )
    fremmoede = data.get("bestyrelse", {}).get("fremmoede", [])
    if fremmoede:
        _para(pdf, 5, _("Fremmøde ved bestyrelsens seneste møder:"))
        for m in fremmoede:
            _para(pdf, 5, _text(f"- {dato(m['dato'])}: {m['deltog']} {_('af')} {m['i_alt']}"))
    return bytes(pdf.output())
