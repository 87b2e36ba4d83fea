"""Reading and validating an uploaded measurement file (CSV or .xlsx) with pandas.

Nothing here writes: :func:`parse_and_validate` turns bytes into normalised rows and a list of
problems, each with its row and column; services.py previews, confirms and undoes batches.
Rules (README "Imports"): comma or semicolon; Danish decimal comma and thousands dot;
UTF-8 with or without BOM, or Windows-1252; .xlsx read cell by cell with formulas refused,
never evaluated; file-size and row-count limits.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import functools
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd
from django.conf import settings
from django.db import connection
from django.db.models import Q

from helhedsplaner.models import Boligomraade, Helhedsplan

from .models import Indikator, Maaling

MAX_BYTES = getattr(settings, "MONITORERING_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
MAX_ROWS = getattr(settings, "MONITORERING_IMPORT_MAX_ROWS", 200_000)
MAX_REPORTED_PROBLEMS = 500

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
        column = f", kolonne «{self.kolonne}»" if self.kolonne else ""
        return f"{where}{column}: {self.besked}"


@dataclass
class Parsed:
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    antal_raekker: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


# --- Reading -------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def read_table(data: bytes, filename: str) -> tuple[pd.DataFrame, bool]:
    """The file as a frame of strings, and whether numbers use the Danish decimal comma."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            f"Filen fylder {len(data) / 1024 / 1024:.1f} MB; grænsen er {MAX_BYTES / 1024 / 1024:.0f} MB."
        )
    if not data.strip():
        raise ImportFileError("Filen er tom.")
    if filename.lower().endswith(".xlsx"):
        return read_xlsx(data), True
    if filename.lower().endswith((".xls", ".xlsm", ".ods")):
        raise ImportFileError("Kun CSV og Excel-projektmapper (.xlsx) kan importeres.")
    return read_csv(data)


def read_csv(data: bytes) -> tuple[pd.DataFrame, bool]:
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    sep = ";" if first_line.count(";") > first_line.count(",") else ","
    line_count = text.count("\n")
    if line_count > MAX_ROWS + 1:
        raise ImportFileError(f"Filen har {line_count - 1} rækker; grænsen er {MAX_ROWS} rækker.")
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
        raise ImportFileError(f"Filen kan ikke læses som CSV: {exc}") from exc
    if len(frame) > MAX_ROWS:
        raise ImportFileError(f"Filen har {len(frame)} rækker; grænsen er {MAX_ROWS} rækker.")
    return frame, sep == ";"


def read_xlsx(data: bytes) -> pd.DataFrame:
    """The first sheet, cell by cell. A cell holding a formula is kept as its formula text
    (``=...``) and reported as a problem: formulas are never evaluated."""
    from openpyxl import load_workbook

    if not data.startswith(b"PK\x03\x04") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFileError("Filen er ikke en gyldig Excel-projektmappe (.xlsx).")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken or fake workbook
        raise ImportFileError("Filen er ikke en gyldig Excel-projektmappe (.xlsx).") from exc
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            if len(rows) > MAX_ROWS + 1:
                raise ImportFileError(f"Filen har mere end {MAX_ROWS} rækker; grænsen er {MAX_ROWS} rækker.")
            rows.append([_cell_text(v) for v in values])
    finally:
        workbook.close()
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise ImportFileError("Filen er tom.")
    header = [h.strip() for h in rows[0]]
    width = len(header)
    body = [(r + [""] * width)[:width] for r in rows[1:]]
    return pd.DataFrame(body, columns=header, dtype=str)


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
TOO_LARGE = Decimal("1e11")
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
        problems.append(Problem(line, found.get(column, LABELS.get(column, column)), message))

    for name, text in cell.items():
        if text.startswith("="):
            problem(
                name, f"Cellen indeholder en formel ({text[:40]}); formler beregnes ikke – indsæt værdien."
            )
    if problems:
        return None, problems
    indikator = resolver.indicators.get(cell.get("indikator", "").lower())
    if not cell.get("indikator"):
        problem("indikator", "Indikatorkoden mangler.")
    elif indikator is None:
        problem("indikator", f"Ukendt indikator «{cell['indikator']}».")
    plan = area = None
    plan_text, area_text = cell.get("plan", ""), cell.get("omraade", "")
    if plan_text:
        plan = resolver.plans.get(plan_text.lower())
        if plan is None:
            if resolver.scope is not None:
                problem("plan", f"Planen «{plan_text}» er ikke den plan, du importerer til.")
            else:
                problem("plan", f"Ukendt plan «{plan_text}».")
    elif area_text:
        area = resolver.areas.get(area_text.lower())
        if area is None:
            if resolver.scope is not None:
                problem("omraade", f"Området «{area_text}» er ikke planens boligområde.")
            else:
                problem(
                    "omraade", f"Ukendt boligområde «{area_text}» (eller navnet findes i flere kommuner)."
                )
    else:
        problem("plan" if "plan" in found else "omraade", "Rækken mangler en plan eller et boligområde.")
    dates = {}
    for name in ("periode_start", "periode_slut"):
        text = cell.get(name, "")
        parsed_date = _cached_date(text)
        if parsed_date is _INVALID:
            problem(name, f"«{text}» er ikke en dato (brug fx 2024-01-31)." if text else "Datoen mangler.")
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
            problem(name, f"«{text}» er ikke et tal.")
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
        factors: dict[str, int] = {Indikator.Art.PROCENT: 100, Indikator.Art.RATE: 1000}
        factor = factors.get(indikator.art, 1)
        vaerdi = factor * taeller / naevner
    if indikator.art in (Indikator.Art.ANTAL, Indikator.Art.SUM) and vaerdi < 0:
        problem("vaerdi", f"Et antal kan ikke være negativt ({_fmt(vaerdi)}).")
    lo, hi = indikator.min_plausibel, indikator.max_plausibel
    if (lo is not None and vaerdi < lo) or (hi is not None and vaerdi > hi):
        problem(
            "vaerdi",
            f"Værdien {_fmt(vaerdi)} ligger uden for indikatorens plausible interval "
            f"({_fmt(lo)}–{_fmt(hi)}).",
        )
    if abs(vaerdi) >= TOO_LARGE:
        problem("vaerdi", f"Værdien {vaerdi} er for stor.")
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
        .values(
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
        )
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
    from .dbcopy import copy_text
    from .models import Importraekke

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
    from .models import Importraekke

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
