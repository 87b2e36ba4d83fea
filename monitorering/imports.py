"""Reading and validating an uploaded measurement file (CSV or .xlsx) with pandas.

Nothing here writes: :func:`parse_and_validate` turns bytes into normalised rows and a list of
problems, each with its row and column; services.py previews, confirms and undoes batches.
Rules (README "Imports"): comma or semicolon; Danish decimal comma and thousands dot;
UTF-8 with or without BOM, else Windows-1252, DOS (CP865/CP850) or Mac Roman (see :func:`decode`);
.xlsx read cell by cell with formulas refused, never evaluated.

Hostile files (issue 13) are refused by budgets, each checked as early as it can be: the upload's
size; for a workbook the zip's declared sizes and compression ratios and the longest shared
string *before* openpyxl opens it, then rows, columns, cells and cell length *while* reading;
for a CSV the columns and cells before pandas parses it and the cell length after. Every
refusal is an :class:`ImportFileError` with a Danish message; messages quote at most
:data:`QUOTE_CHARS` characters of a cell (:func:`quote`). docs/security.md lists the limits.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import functools
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any
from xml.etree import ElementTree
from xml.parsers import expat

import pandas as pd
from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.worksheet._reader import WorkSheetParser

from helhedsplaner.models import Boligomraade, Helhedsplan

from .dbcopy import copy_text
from .engine.rules import FACTOR
from .models import MAX_MAALING, Importraekke, Indikator, Maaling

MB = 1024 * 1024
# Budgets. Operators may tune them in settings; docs/security.md explains each.
MAX_BYTES = getattr(settings, "MONITORERING_IMPORT_MAX_BYTES", 20 * MB)
MAX_ROWS = getattr(settings, "MONITORERING_IMPORT_MAX_ROWS", 200_000)
MAX_COLUMNS = getattr(settings, "MONITORERING_IMPORT_MAX_COLUMNS", 50)
MAX_CELLS = getattr(settings, "MONITORERING_IMPORT_MAX_CELLS", 3_000_000)
MAX_CELL_CHARS = getattr(settings, "MONITORERING_IMPORT_MAX_CELL_CHARS", 10_000)
# A workbook's zip: everything unpacked, any one part but the worksheets (shared strings,
# styles, ...), and the unpacked/packed ratio of any part over RATIO_FLOOR (a real sheet
# packs 10-20 times; the bombs 500-1000 times).
MAX_XLSX_UNCOMPRESSED = getattr(settings, "MONITORERING_IMPORT_MAX_XLSX_UNCOMPRESSED", 200 * MB)
MAX_XLSX_PART = getattr(settings, "MONITORERING_IMPORT_MAX_XLSX_PART", 30 * MB)
MAX_XLSX_RATIO = getattr(settings, "MONITORERING_IMPORT_MAX_XLSX_RATIO", 100)
MAX_XLSX_MEMBERS = 1000
RATIO_FLOOR = 1 * MB
MAX_REPORTED_PROBLEMS = 500
QUOTE_CHARS = 80  # at most this much of a cell in any message

# Accepted header names (lower case, Danish and English) for each column.
ALIASES = {
    "plan": ["plan", "helhedsplan", "plan_id", "lbf_sagsnummer", "sagsnummer"],
    "omraade": ["omraade", "område", "boligomraade", "boligområde", "area", "omraade_id"],
    "indikator": ["indikator", "indikatorkode", "indikator_kode", "indicator", "indicator_code"],
    "periode_start": ["periode_start", "periode_fra", "fra", "period_start", "start"],
    "periode_slut": ["periode_slut", "periode_til", "til", "period_end", "slut", "end"],
    "vaerdi": ["vaerdi", "værdi", "value"],
    "taeller": ["taeller", "tæller", "numerator"],
    "naevner": ["naevner", "nævner", "denominator"],
    "note": ["note", "kommentar", "comment"],
}
LABELS = {
    "plan": "plan",
    "omraade": "område",
    "indikator": "indikator",
    "periode_start": "periode_start",
    "periode_slut": "periode_slut",
    "vaerdi": "værdi",
    "taeller": "tæller",
    "naevner": "nævner",
    "note": "note",
}
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d"]
THOUSANDS_DOT = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


class ImportFileError(ValueError):
    """The file as a whole cannot be read (too big, wrong type, missing columns)."""


@dataclass(frozen=True)
class Problem:
    raekke: int | None  # the row number as in a spreadsheet: the header is row 1
    kolonne: str
    besked: str

    def __str__(self) -> str:
        where = f"Række {self.raekke}" if self.raekke else "Filen"
        column = f", kolonne {quote(self.kolonne)}" if self.kolonne else ""
        return f"{where}{column}: {self.besked}"


@dataclass
class Parsed:
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    antal_raekker: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


# --- Quoting ------------------------------------------------------------------------------


def short(text: Any, limit: int = QUOTE_CHARS) -> str:
    """``text`` cut to ``limit`` characters (an ellipsis marks the cut)."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote(text: Any, limit: int = QUOTE_CHARS) -> str:
    """A cell as a message quotes it: «text», at most ``limit`` characters of it."""
    return f"«{short(text, limit)}»"


def _cell_name(row: int, column: int) -> str:
    """Row and column (both from 1) as a spreadsheet names the cell, e.g. C7."""
    name = ""
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return f"{name}{row}"


def _too_long(row: int, column: str, text: str) -> ImportFileError:
    return ImportFileError(
        _(
            "Række %(row)s, kolonne %(column)s: cellen har %(n)s tegn; grænsen er %(max)s tegn. "
            "Cellen begynder %(start)s."
        )
        % {"row": row, "column": quote(column), "n": len(text), "max": MAX_CELL_CHARS, "start": quote(text)}
    )


# --- Reading -------------------------------------------------------------------------------

# Tried in this order when a file is not UTF-8. Windows-1252 is what Excel on Danish Windows
# saves as "CSV (semikolonsepareret)" and covers ISO-8859-1's letters; CP865 (Nordic) and CP850
# (Western) are the DOS code pages older systems export, identical in the Danish letters;
# Mac Roman is what old Mac Excel saves. None of them can be told from the others by the bytes
# alone, so decode() picks the one whose non-ASCII characters are most plausibly letters.
LEGACY_ENCODINGS = ["cp1252", "cp865", "cp850", "mac_roman"]
DANISH_LETTERS = frozenset("æøåÆØÅ")
# Never in a text file (tab, line feed, form feed and carriage return are allowed).
_CONTROL = [chr(c) for c in [*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F]]


def _encoding_error() -> ImportFileError:
    return ImportFileError(
        _(
            "Filens tegnsæt kan ikke læses. Gem den som CSV i UTF-8 (anbefalet) eller i Windows-1252, "
            "DOS (CP865/CP850) eller Mac Roman."
        )
    )


def _plausibility(text: str) -> int:
    """How much a decoding's non-ASCII characters look like letters: a Danish letter counts 3,
    another letter 1, anything else (symbols, box drawing, typographic marks) −1."""
    score = 0
    for char in set(text):
        if char < "\x80":
            continue
        n = text.count(char)
        if char in DANISH_LETTERS:
            score += 3 * n
        elif unicodedata.category(char).startswith("L"):
            score += n
        else:
            score -= n
    return score


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (with or without BOM) when it is valid UTF-8, else the most
    plausible of LEGACY_ENCODINGS. A file with control characters (binary, UTF-16) is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _encoding_error() from exc
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            best: tuple[int, str] | None = None
            for codec in LEGACY_ENCODINGS:
                try:
                    candidate = data.decode(codec)
                except UnicodeDecodeError:
                    continue
                score = _plausibility(candidate)
                if best is None or score > best[0]:
                    best = (score, candidate)
            if best is None:
                raise _encoding_error() from None
            text = best[1]
    if any(char in text for char in _CONTROL):  # str.__contains__ is far faster than a regex
        raise _encoding_error()
    return text


def read_table(data: bytes, filename: str) -> tuple[pd.DataFrame, bool]:
    """The file as a frame of strings, and whether numbers use the Danish decimal comma."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            _("Filen fylder %(size).1f MB; grænsen er %(max).0f MB.")
            % {"size": len(data) / MB, "max": MAX_BYTES / MB}
        )
    if not data.strip():
        raise ImportFileError(_("Filen er tom."))
    if filename.lower().endswith(".xlsx"):
        return read_xlsx(data), True
    if filename.lower().endswith((".xls", ".xlsm", ".ods")):
        raise ImportFileError(_("Kun CSV og Excel-projektmapper (.xlsx) kan importeres."))
    return read_csv(data)


def _too_many_columns(n: int) -> ImportFileError:
    return ImportFileError(
        _("Filen har %(n)s kolonner; grænsen er %(max)s kolonner.") % {"n": n, "max": MAX_COLUMNS}
    )


def _too_many_cells(n: int) -> ImportFileError:
    return ImportFileError(
        _("Filen har mindst %(n)s celler (rækker gange kolonner); grænsen er %(max)s celler.")
        % {"n": n, "max": MAX_CELLS}
    )


def read_csv(data: bytes) -> tuple[pd.DataFrame, bool]:
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    sep = ";" if first_line.count(";") > first_line.count(",") else ","
    line_count = text.count("\n")
    if line_count > MAX_ROWS + 1:
        raise ImportFileError(
            _("Filen har %(n)s rækker; grænsen er %(max)s rækker.") % {"n": line_count - 1, "max": MAX_ROWS}
        )
    columns = first_line.count(sep) + 1
    if columns > MAX_COLUMNS:
        raise _too_many_columns(columns)
    if columns * max(line_count, 1) > MAX_CELLS:
        raise _too_many_cells(columns * line_count)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            dtype=str,
            keep_default_na=False,
            skipinitialspace=True,
            quoting=csv.QUOTE_MINIMAL,
            engine="c",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ImportFileError(
            _("Filen kan ikke læses som CSV: %(error)s") % {"error": short(exc, 200)}
        ) from exc
    if len(frame) > MAX_ROWS:
        raise ImportFileError(
            _("Filen har %(n)s rækker; grænsen er %(max)s rækker.") % {"n": len(frame), "max": MAX_ROWS}
        )
    if len(frame.columns) > MAX_COLUMNS:
        raise _too_many_columns(len(frame.columns))
    _check_cell_lengths(frame)
    return frame, sep == ";"


def _check_cell_lengths(frame: pd.DataFrame) -> None:
    """Refuse the first header or cell longer than MAX_CELL_CHARS (in file order)."""
    for header in frame.columns:
        if len(str(header)) > MAX_CELL_CHARS:
            raise _too_long(1, str(header), str(header))
    first: tuple[int, str] | None = None
    for header in frame.columns:
        over = (frame[header].str.len() > MAX_CELL_CHARS).to_numpy().nonzero()[0]
        if len(over) and (first is None or over[0] < first[0]):
            first = (int(over[0]), header)
    if first is not None:
        index, header = first
        raise _too_long(index + 2, short(header), frame[header].iloc[index])


def _not_a_workbook() -> ImportFileError:
    return ImportFileError(_("Filen er ikke en gyldig Excel-projektmappe (.xlsx)."))


def _bomb(reason: str) -> ImportFileError:
    return ImportFileError(
        _("Excel-filen afvises, fordi %(reason)s. Gem den igen fra Excel, eller importér den som CSV.")
        % {"reason": reason}
    )


SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def check_workbook_package(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook by its zip directory and shared strings, before openpyxl reads it.

    zipfile never unpacks a member past its declared size (and then fails its CRC check), so
    the declared sizes bound what openpyxl can unpack."""
    members = archive.infolist()
    if len(members) > MAX_XLSX_MEMBERS:
        raise _bomb(_("den består af %(n)s dele") % {"n": len(members)})
    for member in members:
        name = short(member.filename)
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_XLSX_RATIO * max(
            member.compress_size, 1
        ):
            raise _bomb(
                _("delen %(name)s er pakket %(ratio).0f gange sammen; grænsen er %(max)s gange")
                % {
                    "name": quote(name),
                    "ratio": member.file_size / max(member.compress_size, 1),
                    "max": MAX_XLSX_RATIO,
                }
            )
        if member.file_size > MAX_XLSX_PART and not member.filename.startswith("xl/worksheets/"):
            raise _bomb(
                _("delen %(name)s fylder %(size).0f MB udpakket; grænsen er %(max).0f MB")
                % {"name": quote(name), "size": member.file_size / MB, "max": MAX_XLSX_PART / MB}
            )
    total = sum(m.file_size for m in members)
    if total > MAX_XLSX_UNCOMPRESSED:
        raise _bomb(
            _("den fylder %(size).0f MB udpakket; grænsen er %(max).0f MB")
            % {"size": total / MB, "max": MAX_XLSX_UNCOMPRESSED / MB}
        )
    for name in _shared_strings_parts(archive):
        with archive.open(name) as stream:
            _scan_shared_strings(stream)


def _shared_strings_parts(archive: zipfile.ZipFile) -> set[str]:
    """The shared-strings parts openpyxl may read: as [Content_Types].xml names them, and any
    part so named."""
    names = set(archive.namelist())
    parts = {n for n in names if n.lower().endswith("sharedstrings.xml")}
    try:
        types = ElementTree.fromstring(archive.read("[Content_Types].xml"))  # noqa: S314  # nosec B314 - size checked first; expat 2.4+ refuses entity expansion
    except (KeyError, ElementTree.ParseError):
        return parts
    for override in types:
        if override.get("ContentType") == SHARED_STRINGS_TYPE:
            part = (override.get("PartName") or "").lstrip("/")
            if part in names:
                parts.add(part)
    return parts


class _LongString(Exception):
    def __init__(self, index: int, start: str, length: int) -> None:
        self.index, self.start, self.length = index, start, length


def _scan_shared_strings(stream: IO[bytes]) -> None:
    """Stream the shared strings with expat, holding no string: refuse when there are more than
    MAX_CELLS strings or one is longer than MAX_CELL_CHARS, as soon as it is seen."""
    parser = expat.ParserCreate()
    state: dict[str, Any] = {"count": 0, "depth": 0, "length": 0, "start": ""}

    def start(name: str, _attrs: dict) -> None:
        if name.rsplit(":", 1)[-1] == "si":
            state["count"] += 1
            state["depth"] += 1
            state["length"] = 0
            state["start"] = ""
            if state["count"] > MAX_CELLS:
                raise _too_many_cells(state["count"])

    def end(name: str) -> None:
        if name.rsplit(":", 1)[-1] == "si":
            state["depth"] -= 1

    def text(data: str) -> None:
        if state["depth"]:
            state["length"] += len(data)
            if len(state["start"]) <= QUOTE_CHARS:  # one more than quoted, so quote() marks the cut
                state["start"] = (state["start"] + data)[: QUOTE_CHARS + 1]
            if state["length"] > MAX_CELL_CHARS:
                raise _LongString(state["count"], state["start"], state["length"])

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.ParseFile(stream)
    except _LongString as exc:
        raise ImportFileError(
            _(
                "Excel-filen afvises, fordi en tekst i den har mere end %(max)s tegn (grænsen for en "
                "celle). Teksten begynder %(start)s."
            )
            % {"max": MAX_CELL_CHARS, "start": quote(exc.start)}
        ) from None
    except expat.ExpatError as exc:
        raise _not_a_workbook() from exc


def read_xlsx(data: bytes) -> pd.DataFrame:
    """The first sheet, cell by cell. A cell holding a formula is kept as its formula text
    (``=...``) and reported as a problem: formulas are never evaluated."""
    if not data.startswith(b"PK\x03\x04") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise _not_a_workbook()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_workbook_package(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError) as exc:
        raise _not_a_workbook() from exc
    try:
        rows = _read_rows(data)
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken or fake workbook
        raise _not_a_workbook() from exc
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise ImportFileError(_("Filen er tom."))
    header = [h.strip() for h in rows[0]]
    width = len(header)
    body = [(r + [""] * width)[:width] for r in rows[1:]]
    return pd.DataFrame(body, columns=header, dtype=str)


def _sheet_rows(data: bytes) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """The first worksheet's rows as openpyxl parses them: (row number, cells), lazily.

    openpyxl's own read-only worksheet is not used: when a sheet lacks a <dimension> element it
    parses the whole sheet just to size it, before the first row reaches any budget (the
    5,000 × 2,000 bomb spent minutes there). Its workbook, string, style and sheet parsers are."""
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        targets = [
            rel.target
            for _sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        ]
        if not targets:
            raise _not_a_workbook()
        with reader.archive.open(targets[0]) as source:
            parser = WorkSheetParser(
                source,
                reader.shared_strings,
                data_only=False,
                epoch=reader.wb.epoch,
                date_formats=reader.wb._date_formats,
                timedelta_formats=reader.wb._timedelta_formats,
            )
            yield from parser.parse()
    finally:
        reader.archive.close()


def _read_rows(data: bytes) -> list[list[str]]:
    """The first sheet's rows as text, stopping at the first row past a budget. Missing rows
    are empty rows, so row numbers stay the spreadsheet's."""
    rows: list[list[str]] = []
    cells = 0

    def too_many_rows() -> ImportFileError:
        return ImportFileError(
            _("Filen har mere end %(max)s rækker; grænsen er %(max)s rækker.") % {"max": MAX_ROWS}
        )

    for number, parsed in _sheet_rows(data):
        if number <= len(rows):  # out of order: openpyxl's read-only sheet skipped these too
            continue
        if number > MAX_ROWS + 1:
            raise too_many_rows()
        rows.extend([] for _ in range(number - 1 - len(rows)))
        cells += len(parsed)
        if cells > MAX_CELLS:
            raise _too_many_cells(cells)
        present = {c["column"]: c["value"] for c in parsed if c["value"] is not None}
        width = max(present, default=0)
        if width > MAX_COLUMNS:
            raise _too_many_columns(width)
        texts = [_cell_text(present.get(column)) for column in range(1, width + 1)]
        for column, text in enumerate(texts, start=1):
            if len(text) > MAX_CELL_CHARS:
                header = rows[0][column - 1] if rows and column <= len(rows[0]) else ""
                raise _too_long(number, short(header) or _cell_name(number, column), text)
        rows.append(texts)
    return rows


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return repr(value) if value != int(value) else str(int(value))
    return str(value)


# --- Cell parsing --------------------------------------------------------------------------


def parse_number(text: str, decimal_comma: bool) -> Decimal:
    """Danish '1.234,5' and '12,5', or '1234.5'. Raises ValueError for anything else."""
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    elif decimal_comma and THOUSANDS_DOT.match(s):
        s = s.replace(".", "")
    try:
        number = Decimal(s)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not number.is_finite():
        raise ValueError(text)
    return number


def _fmt(number: Decimal | None) -> str:
    """A number as written, without trailing zeros (e.g. 140, 2.5); blank when unknown."""
    if number is None:
        return ""
    text = format(number.normalize(), "f")
    return text


def parse_date(text: str) -> datetime.date:
    s = text.strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(s, fmt).date()  # noqa: DTZ007 - a date, not a time
        except ValueError:
            continue
    raise ValueError(text)


_INVALID = object()
_iso = functools.lru_cache(maxsize=65536)(datetime.date.isoformat)


@functools.lru_cache(maxsize=65536)
def _cached_date(text: str) -> Any:
    """parse_date, remembered per text (a file repeats the same few dates): date or _INVALID."""
    try:
        return parse_date(text)
    except ValueError:
        return _INVALID


@functools.lru_cache(maxsize=262144)
def _cached_number(text: str, decimal_comma: bool) -> Any:
    """parse_number, remembered per text: a Decimal (immutable, so safe to share) or _INVALID."""
    try:
        return parse_number(text, decimal_comma)
    except ValueError:
        return _INVALID


# --- Validation ----------------------------------------------------------------------------


def _columns(frame: pd.DataFrame) -> dict[str, str]:
    """Map our column keys to the file's header names."""
    found: dict[str, str] = {}
    for header in frame.columns:
        key = str(header).strip().lower().lstrip("\ufeff")
        for name, aliases in ALIASES.items():
            if key in aliases and name not in found:
                found[name] = header
    return found


def _missing_columns(found: dict[str, str]) -> list[str]:
    missing = []
    if "plan" not in found and "omraade" not in found:
        missing.append("plan eller område")
    for name in ("indikator", "periode_start", "periode_slut"):
        if name not in found:
            missing.append(LABELS[name])
    if "vaerdi" not in found and not ("taeller" in found and "naevner" in found):
        missing.append("værdi (eller tæller og nævner)")
    return missing


class Resolver:
    """Looks up indicators, plans and areas once per file."""

    def __init__(self, scope_plan: Helhedsplan | None) -> None:
        self.scope = scope_plan
        self.indicators = {i.kode.lower(): i for i in Indikator.objects.all()}
        plans = (
            Helhedsplan.objects.all() if scope_plan is None else Helhedsplan.objects.filter(pk=scope_plan.pk)
        )
        self.plans: dict[str, Helhedsplan] = {}
        for p in plans.only("pk", "navn", "lbf_sagsnummer", "startdato", "slutdato", "boligomraade_id"):
            self.plans[str(p.pk)] = p
            self.plans[p.navn.lower()] = p
            if p.lbf_sagsnummer:
                self.plans[p.lbf_sagsnummer.lower()] = p
        areas = Boligomraade.objects.all()
        if scope_plan is not None:
            areas = areas.filter(pk=scope_plan.boligomraade_id)
        self.areas: dict[str, Boligomraade | None] = {}
        for area in areas.only("pk", "navn"):
            key = area.navn.lower()
            # Two areas with the same name (in different kommuner) make the name ambiguous.
            self.areas[key] = None if key in self.areas else area
            self.areas[str(area.pk)] = area


def parse_and_validate(data: bytes, filename: str, *, scope_plan: Helhedsplan | None = None) -> Parsed:
    """Every row checked; ``rows`` holds the valid ones, ``problems`` every problem found."""
    frame, decimal_comma = read_table(data, filename)
    found = _columns(frame)
    missing = _missing_columns(found)
    if missing:
        raise ImportFileError("Filen mangler kolonnen: " + ", ".join(f"«{m}»" for m in missing) + ".")
    resolver = Resolver(scope_plan)
    result = Parsed(antal_raekker=len(frame))
    seen: dict[tuple, int] = {}
    get = {name: frame[header].tolist() for name, header in found.items()}
    for i in range(len(frame)):
        line = i + 2
        cell = {name: str(values[i]).strip() for name, values in get.items()}
        if not any(cell.values()):
            continue
        row, problems = _validate_row(cell, line, found, resolver, decimal_comma)
        if row is not None:
            key = (
                row["indikator_id"],
                row["helhedsplan_id"],
                row["boligomraade_id"],
                row["periode_start"],
                row["periode_slut"],
            )
            if key in seen:
                problems.append(
                    Problem(
                        line,
                        "",
                        f"Dubletrække: samme indikator, plan/område og periode som række {seen[key]}.",
                    )
                )
                row = None
            else:
                seen[key] = line
        result.problems.extend(problems)
        if row is not None and not problems:
            row["raekke"] = line
            result.rows.append(row)
    _refuse_reported_values(result)
    return result


def _refuse_reported_values(result: Parsed) -> None:
    """A value the projektleder reported in a status report belongs to that report (and is
    frozen once the report is approved): an import may not overwrite it."""
    reported = (
        {
            (
                m["indikator_id"],
                m["helhedsplan_id"],
                m["periode_start"].isoformat(),
                m["periode_slut"].isoformat(),
            )
            for m in Maaling.objects.filter(
                statusrapport__isnull=False,
                indikator_id__in={r["indikator_id"] for r in result.rows},
                helhedsplan_id__in={r["helhedsplan_id"] for r in result.rows if r["helhedsplan_id"]},
            ).values("indikator_id", "helhedsplan_id", "periode_start", "periode_slut")
        }
        if result.rows
        else set()
    )
    kept = []
    for row in result.rows:
        key = (row["indikator_id"], row["helhedsplan_id"], row["periode_start"], row["periode_slut"])
        if key in reported:
            result.problems.append(
                Problem(
                    row["raekke"],
                    "",
                    "Værdien for denne periode er indberettet i en statusrapport og kan ikke "
                    "overskrives ved import.",
                )
            )
        else:
            kept.append(row)
    result.rows = kept


def _validate_row(
    cell: dict[str, str], line: int, found: dict[str, str], resolver: Resolver, decimal_comma: bool
) -> tuple[dict | None, list[Problem]]:
    problems: list[Problem] = []

    def problem(column: str, message: str) -> None:
        problems.append(Problem(line, short(found.get(column, LABELS.get(column, column))), message))

    for name, text in cell.items():
        if text.startswith("="):
            problem(
                name,
                f"Cellen indeholder en formel ({short(text, 40)}); formler beregnes ikke – indsæt værdien.",
            )
    if problems:
        return None, problems
    indikator = resolver.indicators.get(cell.get("indikator", "").lower())
    if not cell.get("indikator"):
        problem("indikator", "Indikatorkoden mangler.")
    elif indikator is None:
        problem("indikator", f"Ukendt indikator {quote(cell['indikator'])}.")
    plan = area = None
    plan_text, area_text = cell.get("plan", ""), cell.get("omraade", "")
    if plan_text:
        plan = resolver.plans.get(plan_text.lower())
        if plan is None:
            if resolver.scope is not None:
                problem("plan", f"Planen {quote(plan_text)} er ikke den plan, du importerer til.")
            else:
                problem("plan", f"Ukendt plan {quote(plan_text)}.")
    elif area_text:
        area = resolver.areas.get(area_text.lower())
        if area is None:
            if resolver.scope is not None:
                problem("omraade", f"Området {quote(area_text)} er ikke planens boligområde.")
            else:
                problem(
                    "omraade",
                    f"Ukendt boligområde {quote(area_text)} (eller navnet findes i flere kommuner).",
                )
    else:
        problem("plan" if "plan" in found else "omraade", "Rækken mangler en plan eller et boligområde.")
    dates = {}
    for name in ("periode_start", "periode_slut"):
        text = cell.get(name, "")
        parsed_date = _cached_date(text)
        if parsed_date is _INVALID:
            problem(
                name, f"{quote(text)} er ikke en dato (brug fx 2024-01-31)." if text else "Datoen mangler."
            )
        else:
            dates[name] = parsed_date
    start, slut = dates.get("periode_start"), dates.get("periode_slut")
    if start and slut and slut < start:
        problem("periode_slut", "Perioden slutter før den starter.")
    elif start and slut and plan is not None and (start < plan.startdato or slut > plan.slutdato):
        problem(
            "periode_start",
            f"Perioden {start:%d.%m.%Y}–{slut:%d.%m.%Y} ligger uden for planens løbetid "
            f"({plan.startdato:%d.%m.%Y}–{plan.slutdato:%d.%m.%Y}).",
        )
    numbers: dict[str, Decimal | None] = {}
    for name in ("vaerdi", "taeller", "naevner"):
        text = cell.get(name, "")
        if not text:
            numbers[name] = None
            continue
        number = _cached_number(text, decimal_comma)
        if number is _INVALID:
            problem(name, f"{quote(text)} er ikke et tal.")
        else:
            numbers[name] = number
    if problems or indikator is None:
        return None, problems
    vaerdi, taeller, naevner = numbers.get("vaerdi"), numbers.get("taeller"), numbers.get("naevner")
    if (taeller is None) != (naevner is None):
        problem("naevner" if naevner is None else "taeller", "Tæller og nævner skal angives sammen.")
    for name, number in (("taeller", taeller), ("naevner", naevner)):
        if number is not None and number < 0:
            problem(name, f"{LABELS[name].capitalize()} kan ikke være negativ ({_fmt(number)}).")
    if naevner is not None and naevner == 0:
        problem("naevner", "Nævneren skal være større end 0.")
    andel = indikator.art == Indikator.Art.PROCENT
    if andel and taeller is not None and naevner is not None and taeller > naevner:
        problem("taeller", f"Tælleren ({_fmt(taeller)}) er større end nævneren ({_fmt(naevner)}).")
    if vaerdi is None and taeller is None:
        problem("vaerdi", "Rækken mangler en værdi (eller tæller og nævner).")
    if problems:
        return None, problems
    if vaerdi is None:
        assert taeller is not None and naevner is not None  # noqa: S101
        vaerdi = FACTOR.get(indikator.art, 1) * taeller / naevner
    if indikator.art in (Indikator.Art.ANTAL, Indikator.Art.SUM) and vaerdi < 0:
        problem("vaerdi", f"Et antal kan ikke være negativt ({_fmt(vaerdi)}).")
    lo, hi = indikator.min_plausibel, indikator.max_plausibel
    if (lo is not None and vaerdi < lo) or (hi is not None and vaerdi > hi):
        problem(
            "vaerdi",
            f"Værdien {_fmt(vaerdi)} ligger uden for indikatorens plausible interval "
            f"({_fmt(lo)}–{_fmt(hi)}).",
        )
    for name, number in (("vaerdi", vaerdi), ("taeller", taeller), ("naevner", naevner)):
        if number is not None and abs(number) > MAX_MAALING:
            problem(name, f"Tallet {_fmt(number)} er større end en måling kan rumme ({_fmt(MAX_MAALING)}).")
    if problems:
        return None, problems
    assert start is not None and slut is not None  # noqa: S101
    return {
        "indikator_id": indikator.pk,
        "indikator": indikator.kode,
        "helhedsplan_id": plan.pk if plan else None,
        "boligomraade_id": area.pk if area else None,
        "maal": plan.navn if plan else (area.navn if area else ""),
        "periode_start": _iso(start),
        "periode_slut": _iso(slut),
        "vaerdi": str(vaerdi.quantize(Decimal("0.001"))),
        "taeller": None if taeller is None else str(taeller),
        "naevner": None if naevner is None else str(naevner),
        "andel": andel,
        "note": cell.get("note", "")[:255],
    }, []


#: A stored measurement as the preview compares it and the import's undo restores it.
STORED_FIELDS = [
    "pk",
    "indikator_id",
    "helhedsplan_id",
    "boligomraade_id",
    "periode_start",
    "periode_slut",
    "vaerdi",
    "taeller",
    "naevner",
    "andel",
    "kommentar",
    "kilde",
    "import_batch_id",
]


def existing_for(rows: list[dict]) -> dict[tuple, Any]:
    """The measurements already stored under the rows' keys (for "update" in the preview)."""
    if not rows:
        return {}
    plan_ids = {r["helhedsplan_id"] for r in rows if r["helhedsplan_id"]}
    area_ids = {r["boligomraade_id"] for r in rows if r["boligomraade_id"]}
    ind_ids = {r["indikator_id"] for r in rows}
    out = {}
    for m in (
        Maaling.objects.filter(indikator_id__in=ind_ids)
        .filter(Q(helhedsplan_id__in=plan_ids) | Q(boligomraade_id__in=area_ids))
        .values(*STORED_FIELDS)
    ):
        key = (
            m["indikator_id"],
            m["helhedsplan_id"],
            m["boligomraade_id"],
            m["periode_start"].isoformat(),
            m["periode_slut"].isoformat(),
        )
        out[key] = m
    return out


def row_key(row: dict) -> tuple:
    return (
        row["indikator_id"],
        row["helhedsplan_id"],
        row["boligomraade_id"],
        row["periode_start"],
        row["periode_slut"],
    )


# --- Staging the previewed rows --------------------------------------------------------------

STAGED_FIELDS = [
    "raekke",
    "indikator_id",
    "indikator",
    "helhedsplan_id",
    "boligomraade_id",
    "maal",
    "periode_start",
    "periode_slut",
    "vaerdi",
    "taeller",
    "naevner",
    "andel",
    "note",
]
# Stored as a DecimalField(14, 3) stores it (Django quantises half-even to the field's places).
_DB_CONTEXT = decimal.Context(prec=14, rounding=decimal.ROUND_HALF_EVEN)
_THREE = Decimal("0.001")


def _db_decimal(text: str | None) -> str | None:
    return None if text is None else format(Decimal(text).quantize(_THREE, context=_DB_CONTEXT), "f")


def stage_rows(batch_id: int, rows: list[dict[str, Any]]) -> None:
    """Store a previewed batch's valid rows as Importraekke rows: one COPY on PostgreSQL."""
    if connection.vendor != "postgresql":
        Importraekke.objects.bulk_create(
            [
                Importraekke(
                    batch_id=batch_id,
                    **{f: r[f] for f in STAGED_FIELDS if f not in ("taeller", "naevner")},
                    taeller=_db_decimal(r["taeller"]),
                    naevner=_db_decimal(r["naevner"]),
                )
                for r in rows
            ],
            batch_size=2000,
        )
        return
    buffer = io.StringIO()
    write = buffer.write
    batch = str(batch_id)
    for r in rows:
        write(
            "\t".join(
                (
                    batch,
                    str(r["raekke"]),
                    str(r["indikator_id"]),
                    copy_text(r["indikator"]),
                    copy_text(r["helhedsplan_id"]),
                    copy_text(r["boligomraade_id"]),
                    copy_text(r["maal"]),
                    r["periode_start"],
                    r["periode_slut"],
                    r["vaerdi"],
                    copy_text(_db_decimal(r["taeller"])),
                    copy_text(_db_decimal(r["naevner"])),
                    "t" if r["andel"] else "f",
                    copy_text(r["note"]),
                )
            )
        )
        write("\n")
    buffer.seek(0)
    columns = ", ".join(["batch_id", *STAGED_FIELDS])
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY monitorering_importraekke ({columns}) FROM STDIN", buffer)


def staged_rows(batch_id: int, limit: int | None = None) -> list[dict[str, Any]]:
    """A batch's staged rows in file order, as the preview made them (text values)."""
    qs = Importraekke.objects.filter(batch_id=batch_id).order_by("raekke").values_list(*STAGED_FIELDS)
    if limit is not None:
        qs = qs[:limit]
    out = []
    for values in qs:
        row = dict(zip(STAGED_FIELDS, values, strict=True))
        row["periode_start"] = row["periode_start"].isoformat()
        row["periode_slut"] = row["periode_slut"].isoformat()
        row["vaerdi"] = str(row["vaerdi"])
        row["taeller"] = None if row["taeller"] is None else _fmt(row["taeller"])
        row["naevner"] = None if row["naevner"] is None else _fmt(row["naevner"])
        out.append(row)
    return out
