"""Issue 13, finding 3: every CSV the portal serves is written by portal.exports; a text
cell never becomes a formula in a spreadsheet, and never spills into the next cell, whatever
separator the spreadsheet takes (Danish Excel reads ``;``, others ``,`` or a tab)."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from helhedsplaner.models import Succeskriterie
from portal import exports
from tests.helhedsplaner.factories import build_chain

EVIL = ";=cmd|' /C calc'!A0"
DANGEROUS = exports.DANGEROUS_PREFIXES
SEPARATORS = (";", ",", "\t")


def starts_a_formula(cell: str) -> bool:
    """What a spreadsheet may evaluate: = + - @, also after leading tabs and line breaks (a
    leading space makes a cell text). Read with a separator the file was not written with, a
    cell can be just the file's own CRLF, which is harmless."""
    return cell.lstrip("\t\r\n").startswith(("=", "+", "-", "@"))


def read(data: bytes, delimiter: str = exports.CSV_SEPARATOR) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


@pytest.mark.parametrize("prefix", DANGEROUS)
def test_a_cell_starting_a_formula_gets_an_apostrophe_in_csv_and_xlsx(prefix):
    text = f'{prefix}HYPERLINK("http://e.vil")'
    table = exports.Table("T", [text], [[text, 1]])
    rows = read(exports.to_csv(table))
    assert rows == [["'" + text], ["'" + text, "1"]]
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(exports.to_xlsx(table))).active
    # (XML turns a stored carriage return into a line feed; the cell is text either way.)
    assert sheet["A2"].value == ("'" + text).replace("\r", "\n") and sheet["A2"].data_type == "s"


@pytest.mark.parametrize("delimiter", SEPARATORS)
def test_the_evil_question_stays_one_cell_whatever_the_separator(delimiter):
    table = exports.Table("T", ["spørgsmål", "n"], [[EVIL, 3], [f"x{EVIL}", 4]])
    rows = read(exports.to_csv(table), delimiter)
    for row in rows:
        for cell in row:
            assert not cell.startswith(DANGEROUS), (delimiter, cell)
    if delimiter == ";":
        assert rows[1:] == [[EVIL, "3"], [f"x{EVIL}", "4"]]


def test_numbers_stay_numbers_with_a_decimal_comma():
    rows = read(exports.to_csv(exports.Table("T", ["a", "b", "c"], [[-1.5, Decimal("-2.25"), 7]])))
    assert rows[1] == ["-1,5", "-2,25", "7"]


TEXT = st.text(
    alphabet=st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(";,\t\r\n\"=+-@'")),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(header=TEXT, cells=st.lists(TEXT, min_size=1, max_size=5))
def test_any_text_reads_back_as_written_and_never_as_a_formula(header, cells):
    data = exports.to_csv(exports.Table("T", [header], [cells]))
    rows = [row or [""] for row in read(data)]  # (csv.reader reads a lone empty cell as [])
    # With the portal's separator every cell reads back exactly, neutralised. (Read with
    # another separator, a cell whose text holds that separator or a line break can be split
    # there, and the piece after it is not neutralised: no quoting prevents that. The issue's
    # example stays whole under every separator: test_the_evil_question_stays_one_cell_*.)
    assert rows == [[exports.neutralise(header)], [exports.neutralise(c) for c in cells]]
    for row in rows:
        for cell in row:
            assert not starts_a_formula(cell), cell


@pytest.mark.django_db
def test_dashboard_csv_export_neutralises_a_criterion_text(client_board_a, plan_a):
    build_chain(plan_a, activities=1)
    criteria = Succeskriterie.objects.filter(strategisk_maal__samarbejdsaftale__helhedsplan=plan_a)
    criteria.update(beskrivelse=EVIL)
    url = reverse("bestyrelser:dashboard_export", args=[plan_a.pk, "kriterier", "csv"])
    response = client_board_a.get(url)
    assert response["Content-Type"].startswith("text/csv")
    rows = read(response.content)
    assert [c for row in rows[1:] for c in row if c == EVIL] == [EVIL]
    for delimiter in SEPARATORS:
        for row in read(response.content, delimiter):
            for cell in row:
                assert not cell.startswith(DANGEROUS), (delimiter, cell)
