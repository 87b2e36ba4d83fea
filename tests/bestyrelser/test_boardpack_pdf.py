"""Issue 13, finding 2: the board pack PDF renders any text a frozen pack may hold (many
lines, long words, æøå, emoji, right-to-left text), because a released pack cannot be fixed
by editing its text."""

import datetime
import re
import zlib
import zoneinfo

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bestyrelser import services
from bestyrelser.dashboard import dashboard_data
from bestyrelser.models import Moede, Organ
from bestyrelser.pdf import boardpack_pdf
from helhedsplaner.models import Succeskriterie
from tests.helhedsplaner.factories import build_chain

CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")


def pdf_problems(content: bytes) -> list[str]:
    """What is wrong with ``content`` as a PDF (empty when it is a well-formed file): header
    and end marker, the cross-reference table pointing at each object, every compressed
    stream inflating."""
    problems = []
    if not content.startswith(b"%PDF-1."):
        problems.append("no %PDF header")
    if not content.rstrip().endswith(b"%%EOF"):
        problems.append("no %%EOF")
    match = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", content)
    if not match:
        return [*problems, "no startxref"]
    xref = int(match.group(1))
    if content[xref : xref + 4] != b"xref":
        return [*problems, f"startxref {xref} does not point at the xref table"]
    header = re.match(rb"xref\s+(\d+) (\d+)\s+", content[xref:])
    if not header:
        return [*problems, "unreadable xref table"]
    first, count = int(header.group(1)), int(header.group(2))
    entries = re.findall(rb"(\d{10}) (\d{5}) ([nf])", content[xref + header.end() :])[:count]
    if len(entries) != count:
        problems.append(f"xref lists {len(entries)} of {count} objects")
    for number, (offset, _generation, kind) in enumerate(entries, start=first):
        if kind == b"n" and not content[int(offset) :].startswith(f"{number} 0 obj".encode()):
            problems.append(f"object {number} is not at offset {int(offset)}")
    for stream in content_streams(content, problems):
        if b"BT" in stream and b"ET" not in stream:
            problems.append("unterminated text object")
    return problems


def content_streams(content: bytes, problems: list[str] | None = None) -> list[bytes]:
    """Every stream of ``content``, inflated."""
    streams = []
    for match in re.finditer(rb"<<(.*?)>>\s*stream\r?\n", content, re.S):
        length = re.search(rb"/Length (\d+)", match.group(1))
        if not length:
            continue
        raw = content[match.end() : match.end() + int(length.group(1))]
        if b"/FlateDecode" in match.group(1):
            try:
                raw = zlib.decompress(raw)
            except zlib.error as exc:
                if problems is not None:
                    problems.append(f"stream does not inflate: {exc}")
                continue
        streams.append(raw)
    return streams


def printed(content: bytes) -> bytes:
    return b"\n".join(content_streams(content))


def pack_data(
    *,
    omraade="Uddannelse",
    beskrivelse="Andelen stiger",
    status_label="På sporet",
    fortaelling_omraade="Uddannelse",
    periode_slut="2024-06-30",
    tekst="Det går godt.",
    moenster="Én bestyrelse",
    streng_item="Delaftale om uddannelse",
):
    """The frozen data of a board pack (as ``dashboard_data`` builds it), every text the
    PDF prints given."""
    criterion = {
        "beskrivelse": beskrivelse,
        "baseline": 10.0,
        "seneste": 12.5,
        "maal": 20.0,
        "status_label": status_label,
    }
    return {
        "maal": [{"omraade": omraade, "maal": [{"nummer": 1, "kriterier": [criterion, dict(criterion)]}]}],
        "praksis": {
            "fortaellinger": [{"omraade": fortaelling_omraade, "periode_slut": periode_slut, "tekst": tekst}]
        },
        "styringsstreng": {
            "moenster": {"label": moenster},
            "maal_uden_delmaal": [streng_item],
            "delmaal_uden_maal": [streng_item],
            "delaftaler_uden_gruppe": [streng_item],
            "organer_uden_rapportering": [streng_item],
        },
    }


@pytest.fixture
def moede(plan_a, projektleder_a):
    board = Organ.objects.get(helhedsplan=plan_a, type=Organ.Type.BESTYRELSE)
    m = Moede(organ=board, tidspunkt=datetime.datetime(2021, 3, 4, 9, 30, tzinfo=CPH), sted="Beboerhuset")
    return services.moede_save(user=projektleder_a, moede=m)


@pytest.mark.django_db
def test_released_pack_with_a_criterion_of_40_line_breaks_downloads_as_pdf(
    client_board_a, plan_a, moede, formand_a
):
    build_chain(plan_a, activities=1)
    # 59 lines (more than the 40 line breaks that broke it) within the column's 255 characters.
    lines = [f"Å{i}" for i in range(1, 60)]
    Succeskriterie.objects.filter(strategisk_maal__samarbejdsaftale__helhedsplan=plan_a).update(
        beskrivelse="\n".join(lines)
    )
    services.boardpack_release(user=formand_a, moede=moede, data=dashboard_data(plan_a, moede=moede))

    response = client_board_a.get(reverse("bestyrelser:boardpack_pdf", args=[plan_a.pk, moede.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert pdf_problems(response.content) == []
    text = printed(response.content)
    # Every line is printed, in the core font's Latin-1 (æøå as themselves).
    for line in lines[1:]:
        assert f"({line}) Tj".encode("latin-1") in text


def test_a_long_word_and_many_lines_in_every_table_cell_continue_in_the_rows_below():
    word = "Boligsocialhelhedsplansamarbejdsaftale" * 80
    content = boardpack_pdf(
        title="Mødepakke",
        released="Frigivet",
        data=pack_data(beskrivelse=word, status_label="\n".join(["x"] * 200)),
    )
    assert pdf_problems(content) == []
    text = printed(content)
    # The word is broken across lines, none of it lost (the heading row repeats on each page).
    pieces = re.findall(rb"\(([A-Za-z]{2,})\) Tj", text)
    shown = b"".join(p for p in pieces if p in word.encode())
    assert word.encode() in shown
    assert text.count(b"(x) Tj") == 2 * 200  # pack_data has two criteria


def test_text_outside_latin1_prints_as_plain_letters_or_a_question_mark():
    content = boardpack_pdf(
        title="Møde i Łódź 👩\u200d👩\u200d👧\ufe0f",
        released="مرحبا שלום",
        data=pack_data(tekst="Çelik\u00a0Şahin\u2028ny linje\ttab\x00\x1b"),
    )
    assert pdf_problems(content) == []
    text = printed(content)
    assert "(Møde i Lódz ???) Tj".encode("latin-1") in text
    assert b"(????? ????) Tj" in text
    assert "(Çelik Sahin) Tj".encode("latin-1") in text
    assert b"(ny linje tab) Tj" in text


# Arbitrary text: any code point (emoji and other astral characters, right-to-left scripts,
# control characters), many line breaks and very long words.
SPECIAL = "\n\r\t\x0b\x0c\x85\u2028\u2029\xad æøåÆØÅ😀👩‍👩‍👧🏳️‍🌈مرحبا שלום\u202e\u200f\u0301()\\"
ANY_TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.one_of(st.characters(), st.sampled_from(SPECIAL)), max_size=300),
    st.lists(st.text(alphabet=st.sampled_from(SPECIAL + "abc "), max_size=15), max_size=150).map("\n".join),
    st.builds(lambda char, n: char * n, st.characters(exclude_categories=["Cs"]), st.integers(50, 2000)),
)
FIELDS = (
    "omraade",
    "beskrivelse",
    "status_label",
    "fortaelling_omraade",
    "periode_slut",
    "tekst",
    "moenster",
    "streng_item",
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=ANY_TEXT, released=ANY_TEXT, fields=st.fixed_dictionaries(dict.fromkeys(FIELDS, ANY_TEXT)))
def test_pack_pdf_builds_a_valid_pdf_for_any_text_in_any_field(title, released, fields):
    content = boardpack_pdf(title=title, released=released, data=pack_data(**fields))
    assert pdf_problems(content) == []
