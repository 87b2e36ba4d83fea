"""Hostile measurement files (issue 13), built in memory, and a way to measure reading one.

The builders write the workbook package by hand with :mod:`zipfile`, streaming the big member,
so building a 200 MB shared string costs the test little. :func:`measure` reads a file in a
fresh child process and reports its wall time and peak RSS (``ru_maxrss``): the child's own
maximum, not the test process's, which has seen everything else the run did.

Reproduce the figures in the report::

    python -m tests.monitorering.import_bombs            # the issue's sizes
    python -m tests.monitorering.import_bombs --scale 0.1
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER = ["plan", "indikator", "periode_start", "periode_slut", "vaerdi", "note"]

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<workbook xmlns="{MAIN}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)


def _column(n: int) -> str:
    name = ""
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(65 + rest) + name
    return name


def _package(shared_strings, sheet_rows) -> bytes:
    """A minimal .xlsx: ``shared_strings`` and ``sheet_rows`` are iterables of XML text chunks,
    written streaming (deflated) so a huge member never sits whole in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'.encode())
            for chunk in shared_strings:
                out.write(chunk.encode())
            out.write(b"</sst>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'.encode())
            for chunk in sheet_rows:
                out.write(chunk.encode())
            out.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def _header_row() -> str:
    cells = "".join(f'<c r="{_column(i + 1)}1" t="s"><v>{i + 1}</v></c>' for i in range(len(HEADER)))
    return f'<row r="1">{cells}</row>'


def shared_string_bomb(megabytes: float = 200) -> bytes:
    """One shared string of ``megabytes`` MB, used as the indicator code of row 2."""
    size = int(megabytes * 1024 * 1024)

    def strings():
        yield "<si><t>"
        chunk = "A" * (1024 * 1024)
        for _ in range(size // len(chunk)):
            yield chunk
        yield "A" * (size % len(chunk))
        yield "</t></si>"
        for name in HEADER:
            yield f"<si><t>{name}</t></si>"

    def rows():
        yield _header_row()
        yield '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>0</v></c></row>'

    return _package(strings(), rows())


def wide_sheet_bomb(rows: int = 5000, columns: int = 2000) -> bytes:
    """``rows`` × ``columns`` numeric cells (the issue: 5,000 × 2,000)."""

    def strings():
        yield "<si><t>-</t></si>"
        for name in HEADER:
            yield f"<si><t>{name}</t></si>"

    def sheet():
        yield _header_row()
        row = "<c><v>1</v></c>" * columns
        for r in range(2, rows + 2):
            yield f'<row r="{r}">{row}</row>'

    return _package(strings(), sheet())


def huge_cell_csv(megabytes: float = 19) -> bytes:
    """A CSV (under the 20 MB upload limit) whose one data row has a ``megabytes`` MB indicator code."""
    return (
        "plan;indikator;periode_start;periode_slut;vaerdi\n1;"
        + "X" * int(megabytes * 1024 * 1024)
        + ";2024-01-01;2024-12-31;5\n"
    ).encode()


def legacy_csv(encoding: str) -> bytes:
    """A short CSV naming the area «Århus» (and «Søndergård» in the note) in ``encoding``."""
    return (
        "område;indikator;periode_start;periode_slut;værdi;note\n"
        "Århus;BESK;2024-01-01;2024-12-31;12,5;Målt af Søndergård\n"
    ).encode(encoding)


# --- Measuring in a fresh process -----------------------------------------------------------

_CHILD = r"""
import json, os, resource, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
import django
django.setup()
from monitorering import imports
path, filename = sys.argv[1], sys.argv[2]
with open(path, "rb") as f:
    data = f.read()
baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    imports.read_table(data, filename)
    outcome = "read"
except imports.ImportFileError as exc:
    outcome = "refused: " + str(exc)[:300]
except Exception as exc:
    outcome = "crashed: " + type(exc).__name__ + ": " + str(exc)[:300]
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "baseline_mb": baseline / 1024,
                  "outcome": outcome}))
"""


def measure(data: bytes, filename: str, timeout: float = 600) -> dict:
    """Read ``data`` with imports.read_table in a fresh child; its seconds, peak RSS and outcome.

    ``baseline_mb`` is the child's peak before reading (Django, pandas, openpyxl and the file's
    bytes loaded); ``peak_mb`` is its peak after."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with tempfile.NamedTemporaryFile(suffix=os.path.splitext(filename)[1]) as f:
        f.write(data)
        f.flush()
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, f.name, filename],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=root,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> None:
    scale = float(argv[argv.index("--scale") + 1]) if "--scale" in argv else 1.0
    bombs = [
        (f"shared string {200 * scale:g} MB", shared_string_bomb(200 * scale), "bombe.xlsx"),
        (
            f"sheet {int(5000 * scale)} x 2000 cells",
            wide_sheet_bomb(int(5000 * scale), 2000),
            "bombe.xlsx",
        ),
        (f"CSV cell {19 * min(scale * 10, 1):g} MB", huge_cell_csv(19 * min(scale * 10, 1)), "bombe.csv"),
    ]
    for name, data, filename in bombs:
        result = measure(data, filename)
        print(
            f"{name:32} {len(data) / 1024:8.0f} KB zipped  {result['seconds']:7.2f} s  "
            f"peak {result['peak_mb']:6.0f} MB (baseline {result['baseline_mb']:.0f} MB)  "
            f"{result['outcome'][:100]}"
        )


if __name__ == "__main__":
    main(sys.argv)
