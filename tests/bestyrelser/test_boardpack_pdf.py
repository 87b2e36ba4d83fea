"""Issue 13, finding 2: the board pack PDF renders any text a frozen pack may hold (many
lines, long words, æøå, emoji, right-to-left text), because a released pack cannot be fixed
by editing its text."""

import datetime
import io
import re
import zlib
import zoneinfo

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from bestyrelser import boardpack, services
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


def pdf_text(content: bytes) -> str:
    """The text a reader selects and copies from ``content``, page after page (pypdf reads
    the fonts' ToUnicode maps, so this is the real text, not the glyph codes)."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def embedded_fonts(content: bytes) -> set[str]:
    """The base names of the fonts ``content`` uses, without the subset prefix."""
    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


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
    text = pdf_text(response.content).splitlines()
    # Every line is printed, as real text (Å included).
    for line in lines[1:]:
        assert any(printed.startswith(line) for printed in text), line


@pytest.mark.django_db
def test_a_released_pack_is_set_once_per_language_and_a_preview_every_time(
    client_board_a, plan_a, moede, formand_a, monkeypatch
):
    calls = []

    def counting(**kwargs):
        calls.append(kwargs["released"])
        return boardpack_pdf(**kwargs)

    monkeypatch.setattr(boardpack, "boardpack_pdf", counting)
    build_chain(plan_a, activities=1)
    url = reverse("bestyrelser:boardpack_pdf", args=[plan_a.pk, moede.pk])

    previews = [client_board_a.get(url).content for _ in range(2)]
    assert len(calls) == 2 and all(c.startswith("Forhåndsvisning") for c in calls)
    assert all(pdf_problems(p) == [] for p in previews)

    services.boardpack_release(user=formand_a, moede=moede, data=dashboard_data(plan_a, moede=moede))
    first, second = (client_board_a.get(url).content for _ in range(2))
    assert len(calls) == 3 and calls[-1].startswith("Frigivet")
    assert first == second and pdf_problems(first) == []
    assert "Frigivet" in pdf_text(first)

    client_board_a.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client_board_a.get(url).content
    assert len(calls) == 4 and calls[-1].startswith("Released")
    assert english != first


def test_a_long_word_and_many_lines_in_every_table_cell_continue_in_the_rows_below():
    word = "Boligsocialhelhedsplansamarbejdsaftale" * 80
    content = boardpack_pdf(
        title="Mødepakke",
        released="Frigivet",
        data=pack_data(beskrivelse=word, status_label="\n".join(["x"] * 200)),
    )
    assert pdf_problems(content) == []
    text = pdf_text(content)
    # The word is broken across lines, none of it lost (the heading row repeats on each page).
    pieces = re.findall(r"[A-Za-z]{2,}", text)
    assert word in "".join(p for p in pieces if p in word)
    # Two criteria, each status in the table and in its chart caption.
    assert len(re.findall(r"(?<![A-Za-z])x(?![A-Za-z])", text)) == 2 * 200 * 2


def test_any_script_the_bundled_fonts_cover_prints_as_real_text():
    """Issue 13, finding 2: æøå, Arabic, Hebrew, Greek, Cyrillic and emoji are set in the
    bundled fonts (DejaVu Sans, Symbola for emoji), shaped, and can be selected and copied."""
    words = {
        "title": "Rødgrød på Ærø 😀",
        "released": "مرحبا",  # Arabic, right to left, its letters joined
        "fortaelling_omraade": "שלום",  # Hebrew
        "beskrivelse": "Καλημέρα κόσμε",  # Greek
        "tekst": "Привет мир 🏠 👍",  # Cyrillic and emoji from the fallback font
        "status_label": "Łódź Şahin Çelik €",
    }
    content = boardpack_pdf(
        title=words["title"],
        released=words["released"],
        data=pack_data(
            fortaelling_omraade=words["fortaelling_omraade"],
            beskrivelse=words["beskrivelse"],
            tekst=words["tekst"],
            status_label=words["status_label"],
        ),
    )
    assert pdf_problems(content) == []
    text = pdf_text(content)
    for word in words.values():
        assert word in text
    assert "?" not in text
    assert embedded_fonts(content) == {"DejaVuSansBook", "DejaVuSansBold", "Symbola"}


def test_characters_no_bundled_font_has_print_as_a_question_mark_and_controls_vanish():
    content = boardpack_pdf(
        title="Møde 中文 ok",
        released="Rød\x00\x1b\xad grød",
        data=pack_data(tekst="Çelik\u00a0Şahin\u2028ny linje\ttab"),
    )
    assert pdf_problems(content) == []
    text = pdf_text(content)
    assert "Møde ?? ok" in text
    assert "Rød grød" in text
    assert "Çelik Şahin\nny linje tab" in text  # the no-break space copies as a space


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
