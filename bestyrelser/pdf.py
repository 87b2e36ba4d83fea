"""The board pack as a PDF, rendered from the pack's frozen data (fpdf2, pure Python)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from fpdf import FPDF

# The PDF core fonts cover Latin-1 (æøå included); map the few other characters we use.
REPLACEMENTS = {"–": "-", "—": "-", "→": "->", "✓": "v", "✕": "x", "…": "...", "’": "'", "“": '"', "”": '"'}


def _text(value: Any) -> str:
    text = "" if value is None else str(value)
    for char, plain in REPLACEMENTS.items():
        text = text.replace(char, plain)
    return text.encode("latin-1", "replace").decode("latin-1")


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".").removesuffix(",0")


def _para(pdf: FPDF, height: float, text: str) -> None:
    pdf.set_x(pdf.l_margin)
    pdf.multi_cell(pdf.epw, height, text, new_x="LMARGIN", new_y="NEXT")


def boardpack_pdf(*, title: str, released: str, data: dict[str, Any]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    _para(pdf, 8, _text(title))
    pdf.set_font("Helvetica", "", 9)
    _para(pdf, 5, _text(released))
    pdf.ln(3)

    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 7, _text(_("Succeskriterier")), new_x="LMARGIN", new_y="NEXT")
    with pdf.table(
        col_widths=(70, 20, 20, 20, 30), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT")
    ) as table:
        pdf.set_font("Helvetica", "B", 8)
        table.row(
            [_text(h) for h in (_("Succeskriterie"), _("Baseline"), _("Seneste"), _("Mål"), _("Status"))]
        )
        pdf.set_font("Helvetica", "", 8)
        for group in data.get("maal", []):
            for goal in group["maal"]:
                for k in goal["kriterier"]:
                    table.row(
                        [
                            _text(f"{goal['nummer']}. {k['beskrivelse']}"),
                            _number(k["baseline"]),
                            _number(k["seneste"]),
                            _number(k["maal"]),
                            _text(k["status_label"]),
                        ]
                    )
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 7, _text(_("Status fra delaftalerne")), new_x="LMARGIN", new_y="NEXT")
    for f in data.get("praksis", {}).get("fortaellinger", []):
        pdf.set_font("Helvetica", "B", 9)
        _para(pdf, 5, _text(f"{f['omraade']} ({f['periode_slut']})"))
        pdf.set_font("Helvetica", "", 9)
        _para(pdf, 5, _text(f["tekst"]))
        pdf.ln(1)
    streng = data.get("styringsstreng", {})
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 7, _text(_("Styringsstrengen")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
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
