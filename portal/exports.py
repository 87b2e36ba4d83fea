"""Excel (.xlsx) and CSV exports, safe to open in Excel (shared by every download).

Any text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
neutralised by a leading apostrophe (OWASP's advice against formula injection); in xlsx it
is also written as an explicit string cell, never a formula. In CSV a cell containing any
common separator (``;``, ``,``, tab), a quote or a line break is quoted, whatever separator
the reader guesses, so a text such as ``;=cmd|' /C calc'!A0`` stays one cell and never
starts a new one with a formula. Every CSV the portal serves goes through ``to_csv``.
Numbers stay numbers:
ints/Decimals/floats are written as numeric cells (xlsx) or with a decimal comma (CSV,
semicolon-separated, UTF-8 with BOM: what Danish Excel opens directly).
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font

# A leading line break too: read with a separator the file was not written with, a cell can
# begin at one, and some spreadsheets drop leading whitespace before they look for a formula.
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def neutralise(value: Any) -> Any:
    """The value as it is safe to write: text that a spreadsheet would read as a formula
    gets a leading apostrophe; everything else is returned unchanged."""
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[Any]]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, Decimal, datetime.date)):
        return value
    return str(value)


def to_xlsx(table: Table) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = table.title[:31]
    ws.append([neutralise(h) for h in table.headers])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        values = [_plain(v) for v in row]
        ws.append([neutralise(v) for v in values])
        for cell, value in zip(ws[ws.max_row], values, strict=False):
            if isinstance(value, str):
                cell.data_type = TYPE_STRING  # text is text, never a formula
            elif isinstance(value, datetime.datetime):
                cell.number_format = "DD.MM.YYYY HH:MM"
            elif isinstance(value, datetime.date):
                cell.number_format = "DD.MM.YYYY"
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _csv_value(value: Any) -> str:
    value = _plain(value)
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(value, (int, float, Decimal)):
        return str(value).replace(".", ",")
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return neutralise(value)


CSV_SEPARATOR = ";"
# Quoted when present, whichever of these a spreadsheet takes for the separator.
CSV_QUOTE_TRIGGERS = frozenset(';,\t\r\n"')


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _csv_cell(text: str) -> str:
    if any(c in CSV_QUOTE_TRIGGERS for c in text):
        return '"' + text.replace('"', '""') + '"'
    return text


def to_csv(table: Table) -> bytes:
    """Semicolon-separated, decimal comma, UTF-8 with BOM, CRLF; text neutralised and quoted
    as the module says. A row may be empty or carry a second header (sections)."""
    lines = [CSV_SEPARATOR.join(_csv_cell(str(neutralise(h))) for h in table.headers)]
    for row in table.rows:
        lines.append(
            CSV_SEPARATOR.join(
                # A number's decimal comma is not a separator to quote: Excel reads "1,5" bare.
                _csv_value(v) if _is_number(v) else _csv_cell(str(_csv_value(v)))
                for v in row
            )
        )
    return ("\ufeff" + "".join(line + "\r\n" for line in lines)).encode("utf-8")


def render(table: Table, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of ``table`` in ``fmt`` (xlsx or csv)."""
    data = to_xlsx(table) if fmt == "xlsx" else to_csv(table)
    stamp = timezone.localdate().isoformat()
    return data, CONTENT_TYPES[fmt], f"{slugify(table.title)}-{stamp}.{fmt}"


def response(table: Table, fmt: str) -> HttpResponse:
    """An attachment response of ``table`` as xlsx or csv."""
    content, content_type, filename = render(table, fmt)
    reply = HttpResponse(content, content_type=content_type)
    reply["Content-Disposition"] = f'attachment; filename="{filename}"'
    return reply
