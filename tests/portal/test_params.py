"""portal.params: ASCII digits within bounds, dates within 1900-2100, or nothing (issue 13,
finding 4: "²", 30 digits, year 1 and 9999 gave 500s)."""

import datetime

import pytest
from django.core.exceptions import BadRequest
from django.http import QueryDict

from portal import params

HOSTILE_NUMBERS = [
    "²",
    "٣",
    "１２",
    "1e3",
    "0x10",
    "1_000",
    " ",
    "",
    "-",
    "9" * 30,
    "1.5",
    "12abc",
    "\x00",
    "ø",
]


@pytest.mark.parametrize("value", HOSTILE_NUMBERS + [None, 12, "0", "-3", str(2**31)])
def test_parse_id_refuses_everything_but_a_bounded_positive_ascii_integer(value):
    assert params.parse_id(value) is None


@pytest.mark.parametrize("value, expected", [("1", 1), ("42", 42), (" 7 ", 7), (str(2**31 - 1), 2**31 - 1)])
def test_parse_id_accepts_ids(value, expected):
    assert params.parse_id(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01",
        "9999-12-31",
        "1899-12-31",
        "2101-01-01",
        "2026-02-30",
        "2026-1-1",
        "²026-01-01",
        "",
    ],
)
def test_parse_date_refuses_out_of_range_and_malformed(value):
    assert params.parse_date(value) is None


def test_parse_date_accepts_the_range_ends():
    assert params.parse_date("1900-01-01") == datetime.date(1900, 1, 1)
    assert params.parse_date("2100-12-31") == datetime.date(2100, 12, 31)


@pytest.mark.parametrize(
    "raw, page",
    [
        ("", 1),
        ("²", 1),
        ("-5", 1),
        ("0", 1),
        ("3", 3),
        ("9" * 30, 1),
        ("999999999", params.PAGE_MAX),
    ],
)
def test_page_param(raw, page):
    assert params.page_param(QueryDict(f"side={raw}")) == page


def test_require_int_is_a_bad_request_for_mangled_values():
    def revision(raw):
        return params.require_int(QueryDict(f"revision={raw}"), "revision", minimum=1, maximum=params.ID_MAX)

    assert revision("4") == 4
    for raw in ["²", "", "9" * 30]:
        with pytest.raises(BadRequest):
            revision(raw)


def test_ids_with_prefix():
    data = QueryDict("deltager_3=deltog&deltager_4=&andet=x")
    assert params.ids_with_prefix(data, "deltager_") == {3: "deltog"}
    with pytest.raises(BadRequest):
        params.ids_with_prefix(QueryDict("deltager_²=deltog"), "deltager_")


def test_parse_int_bounds():
    data = QueryDict("aar=2026&n=99999")
    assert params.parse_int(data.get("aar"), minimum=1900, maximum=2100) == 2026
    assert params.parse_int(data.get("n"), minimum=0, maximum=100) is None
    assert params.parse_int(data.get("mangler"), minimum=0, maximum=1) is None
