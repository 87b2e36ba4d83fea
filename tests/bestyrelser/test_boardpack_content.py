"""Issue 14, "a board pack to meet with": the frozen pack holds the agenda with each item's
type and recommendation, the decisions to take, a trend chart per success criterion (vector
paths in the PDF), status reports, open and overdue action items, the styringsstreng and
attendance; the PDF has a table of contents and page numbers; a released pack never changes."""

import datetime
import io
import re
import zoneinfo

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from bestyrelser import services
from bestyrelser.boardpack import boardpack_data
from bestyrelser.models import Handlingspunkt, Moede, Moededeltagelse, Organ
from bestyrelser.pdf import boardpack_pdf
from bestyrelser.trendchart import trend_svg
from tests.bestyrelser.test_boardpack_pdf import ANY_TEXT, content_streams, pack_data, pdf_problems, pdf_text
from tests.helhedsplaner.factories import build_chain

CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")


def criterion(points: int = 6) -> dict:
    """A frozen criterion with ``points`` quarterly measurements on a path from 10 to 20."""
    start = datetime.date(2020, 3, 31)
    serie = [
        {
            "periode": (start + datetime.timedelta(days=91 * i)).isoformat(),
            "faktisk": 10.0 + i * 1.5,
            "forventet": 10.0 + i,
            "maal": 20.0,
        }
        for i in range(points)
    ]
    return {
        "beskrivelse": "Andelen i job stiger",
        "baseline": 10.0,
        "baseline_dato": "2020-01-01",
        "maal": 20.0,
        "maal_dato": "2023-12-31",
        "seneste": serie[-1]["faktisk"] if serie else None,
        "status": "paa_sporet",
        "status_label": "På sporet",
        "serie": serie,
    }


def data_with_charts(criteria: list[dict]) -> dict:
    data = pack_data()
    data["maal"][0]["maal"][0]["kriterier"] = criteria
    return data


# The trend chart -------------------------------------------------------------------------------


def test_trend_chart_draws_the_actual_values_and_the_target_path():
    svg = trend_svg(criterion(points=6))
    lines = re.findall(r'<polyline points="([^"]+)"', svg)
    assert [len(points.split()) for points in lines] == [6, 6]  # expected path, then actual values
    assert svg.count('r="3"') == 6  # one dot per measurement
    assert "Forventet forløb" in svg and "31.12.2023" in svg  # legend, and the axis runs to the target date


def test_trend_chart_is_empty_without_measurements_or_path():
    assert trend_svg(criterion(points=0)) == ""


def test_pdf_draws_one_vector_chart_per_criterion_and_no_raster_image():
    content = boardpack_pdf(
        title="Mødepakke", released="Frigivet", data=data_with_charts([criterion(), criterion(8)])
    )
    assert pdf_problems(content) == []
    reader = PdfReader(io.BytesIO(content))
    assert all(not page.images for page in reader.pages)  # no bitmap anywhere
    assert b"/Subtype /Image" not in content
    drawn = b"\n".join(content_streams(content))
    # Each chart's two polylines are stroked paths: a move, then one line segment per further point.
    polylines = re.findall(rb"((?:[\d.-]+ [\d.-]+ l\s+){5,})", drawn)
    assert len(polylines) >= 4  # 2 charts x (expected path + actual values)
    assert pdf_text(content).count("Forventet forløb") == 2  # one legend per chart, as selectable text


# Contents from the database, the PDF's table of contents and page numbers -------------------------


@pytest.fixture
def meeting(plan_a, projektleder_a, formand_a, board_member_a):
    """A board meeting with an agenda of each type, an open, an overdue and a finished action
    item, and one apology."""
    build_chain(plan_a, activities=1)
    board = Organ.objects.get(helhedsplan=plan_a, type=Organ.Type.BESTYRELSE)
    earlier = services.moede_save(
        user=projektleder_a,
        moede=Moede(organ=board, tidspunkt=datetime.datetime(2021, 1, 14, 9, 30, tzinfo=CPH)),
    )
    old_item = services.dagsordenspunkt_save(
        user=projektleder_a,
        punkt=earlier.dagsordenspunkter.model(moede=earlier, titel="Budget 2021", type="beslutning"),
    )
    person = board.medlemskaber.first().person
    services.handlingspunkt_add(
        user=projektleder_a,
        punkt=old_item,
        tekst="Indhent tilbud på lektiecafé",
        ansvarlig=person,
        frist=datetime.date(2021, 2, 1),
    )
    services.handlingspunkt_add(
        user=projektleder_a,
        punkt=old_item,
        tekst="Planlæg temamøde",
        ansvarlig=person,
        frist=datetime.date(2099, 1, 1),
    )
    done = services.handlingspunkt_add(
        user=projektleder_a,
        punkt=old_item,
        tekst="Send referat",
        ansvarlig=person,
        frist=datetime.date(2021, 1, 20),
    )
    services.handlingspunkt_status_set(user=projektleder_a, item=done, status=Handlingspunkt.Status.UDFOERT)
    moede = services.moede_save(
        user=projektleder_a,
        moede=Moede(
            organ=board, tidspunkt=datetime.datetime(2021, 3, 4, 9, 30, tzinfo=CPH), sted="Beboerhuset"
        ),
    )
    for titel, kind, indstilling in (
        ("Budget for lektiecaféen", "beslutning", "Det indstilles, at bestyrelsen godkender budgettet."),
        ("Kvartalsrapport", "orientering", "Til efterretning."),
        ("Tryghed om aftenen", "droeftelse", "Bestyrelsen drøfter vejen frem."),
    ):
        services.dagsordenspunkt_save(
            user=projektleder_a,
            punkt=moede.dagsordenspunkter.model(moede=moede, titel=titel, type=kind, indstilling=indstilling),
        )
    services.moede_attendance_set(
        user=projektleder_a, moede=moede, statuses={person.pk: Moededeltagelse.Status.AFBUD}
    )
    return moede


@pytest.mark.django_db
def test_pack_holds_agenda_types_recommendations_decisions_action_items_and_attendance(plan_a, meeting):
    pakke = boardpack_data(plan_a, meeting)["pakke"]

    agenda = {p["titel"]: (p["type_label"], p["indstilling"]) for p in pakke["dagsorden"]}
    assert agenda["Budget for lektiecaféen"] == (
        "Til beslutning",
        "Det indstilles, at bestyrelsen godkender budgettet.",
    )
    assert agenda["Kvartalsrapport"] == ("Til orientering", "Til efterretning.")
    assert agenda["Tryghed om aftenen"] == ("Til drøftelse", "Bestyrelsen drøfter vejen frem.")
    assert [p["titel"] for p in pakke["til_beslutning"]] == ["Budget for lektiecaféen"]
    items = {h["tekst"]: h["overskredet"] for h in pakke["handlingspunkter"]}
    assert items == {
        "Indhent tilbud på lektiecafé": True,
        "Planlæg temamøde": False,
    }  # the finished one is not open
    assert pakke["overskredne_handlingspunkter"] == 1
    assert "Afbud" in [d["status_label"] for d in pakke["deltagere"]]
    assert pakke["moede"]["sted"] == "Beboerhuset"


@pytest.mark.django_db
def test_pack_pdf_has_a_table_of_contents_page_numbers_and_the_agenda(
    client_board_a, plan_a, meeting, formand_a
):
    services.boardpack_release(user=formand_a, moede=meeting, data=boardpack_data(plan_a, meeting))

    response = client_board_a.get(reverse("bestyrelser:boardpack_pdf", args=[plan_a.pk, meeting.pk]))

    assert response.status_code == 200
    assert pdf_problems(response.content) == []
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Side {number} af {total}" in page
    toc = pages[0]
    assert "Indhold" in toc
    for section in (
        "Dagsorden",
        "Til beslutning",
        "Udvikling mod målet",
        "Åbne handlingspunkter",
        "Fremmøde",
    ):
        line = next(line for line in toc.splitlines() if line.startswith(section))
        page_number = int(line.split()[-1])
        assert section in pages[page_number - 1].split("Side ")[0]  # the section starts on that page
    text = "\n".join(pages)
    for expected in (
        "Beboerhuset",
        "4. marts 2021 kl.",  # the meeting's time, frozen as ISO text
        "Til beslutning",
        "Til orientering",
        "Til drøftelse",
        "Det indstilles, at bestyrelsen godkender budgettet.",
        "Indhent tilbud på lektiecafé",
        "overskredet",
        "Afbud",
    ):
        assert expected in text, expected
    outline = PdfReader(io.BytesIO(response.content)).outline
    assert [item.title for item in outline][:2] == ["Dagsorden", "Til beslutning"]  # bookmarks too


@pytest.mark.django_db
def test_released_pack_stays_the_same_after_the_plan_changes(
    client_board_a, plan_a, meeting, formand_a, projektleder_a
):
    pack = services.boardpack_release(user=formand_a, moede=meeting, data=boardpack_data(plan_a, meeting))
    frozen = pack.data
    pdf_url = reverse("bestyrelser:boardpack_pdf", args=[plan_a.pk, meeting.pk])
    html_url = reverse("bestyrelser:boardpack_detail", args=[plan_a.pk, meeting.pk])
    pdf_before = pdf_text(client_board_a.get(pdf_url).content)

    punkt = meeting.dagsordenspunkter.get(titel="Budget for lektiecaféen")
    punkt.titel, punkt.type, punkt.indstilling = "Nyt punkt", "orientering", "Ny indstilling"
    services.dagsordenspunkt_save(user=projektleder_a, punkt=punkt)
    item = Handlingspunkt.objects.get(tekst="Indhent tilbud på lektiecafé")
    services.handlingspunkt_status_set(user=projektleder_a, item=item, status=Handlingspunkt.Status.UDFOERT)
    person = meeting.organ.medlemskaber.first().person
    services.moede_attendance_set(
        user=projektleder_a, moede=meeting, statuses={person.pk: Moededeltagelse.Status.DELTAGER}
    )
    assert boardpack_data(plan_a, meeting)["pakke"] != frozen["pakke"]  # the live data did change

    pack.refresh_from_db()
    assert pack.data == frozen
    assert pdf_text(client_board_a.get(pdf_url).content) == pdf_before
    html = client_board_a.get(html_url).content.decode()
    assert "Budget for lektiecaféen" in html and "Indhent tilbud på lektiecafé" in html
    assert "Nyt punkt" not in html and "Ny indstilling" not in html


def test_a_pack_released_before_the_agenda_was_frozen_still_renders():
    """Packs released before issue 14 have no "pakke" section: they render as they are, and
    the sections they lack say so."""
    content = boardpack_pdf(title="Mødepakke", released="Frigivet", data=pack_data())
    assert pdf_problems(content) == []
    text = pdf_text(content)
    assert "Ikke med i denne pakke" in text
    assert "Andelen stiger" in text  # the criteria it did freeze


@pytest.mark.django_db
def test_old_pack_page_renders_without_the_new_sections(client_board_a, plan_a, formand_a, projektleder_a):
    board = Organ.objects.get(helhedsplan=plan_a, type=Organ.Type.BESTYRELSE)
    moede = services.moede_save(
        user=projektleder_a,
        moede=Moede(organ=board, tidspunkt=datetime.datetime(2021, 3, 4, 9, 30, tzinfo=CPH)),
    )
    services.boardpack_release(user=formand_a, moede=moede, data=pack_data())

    response = client_board_a.get(reverse("bestyrelser:boardpack_detail", args=[plan_a.pk, moede.pk]))

    assert response.status_code == 200
    assert "Ikke med i denne pakke" in response.content.decode()
    assert "<polyline" not in response.content.decode()  # pack_data's criteria have no series


def pakke(text: str) -> dict:
    """A frozen meeting section with ``text`` in every field a user types."""
    item = {
        "nummer": 1,
        "titel": text,
        "type": "beslutning",
        "type_label": "Til beslutning",
        "indstilling": text,
    }
    return {
        "version": 2,
        "moede": {"organ": text, "tidspunkt": "2021-03-04T09:30:00+01:00", "sted": text},
        "dagsorden": [item, {**item, "nummer": 2}],
        "til_beslutning": [item],
        "statusrapporter": [
            {"omraade": text, "periode_slut": "2021-03-31", "status_label": "Låst", "fortaelling": text}
        ],
        "handlingspunkter": [
            {
                "tekst": text,
                "ansvarlig": text,
                "frist": "2021-02-01",
                "status_label": "Åben",
                "overskredet": True,
                "organ": text,
            }
        ],
        "overskredne_handlingspunkter": 1,
        "opgjort": "2021-03-01",
        "deltagere": [
            {"navn": text, "rolle": "Formand", "repraesenterer": text, "status": "", "status_label": ""}
        ],
    }


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT)
def test_the_meeting_sections_render_any_text(text):
    data = {**data_with_charts([criterion()]), "pakke": pakke(text)}
    assert pdf_problems(boardpack_pdf(title=text, released=text, data=data)) == []


def test_right_to_left_text_and_emoji_in_the_agenda_print_as_real_text():
    data = {**pack_data(), "pakke": pakke("مرحبا שלום Καλημέρα 😀 æøå")}
    text = pdf_text(boardpack_pdf(title="Mødepakke", released="Frigivet", data=data))
    for word in ("مرحبا", "שלום", "Καλημέρα", "😀", "æøå"):
        assert word in text


@pytest.mark.django_db
def test_the_pack_names_a_report_state_as_the_report_page_does(plan_a, meeting, client_board_a):
    """One name per state (helhedsplaner.models.report_state_label): a draft sent back reads
    "Returneret" in the pack as on the report's badge, not "Kladde"."""
    from tests.helhedsplaner.factories import StatusrapportFactory

    delaftale = plan_a.delaftaler.first()
    delaftale.statusrapporter.all().delete()
    rapport = StatusrapportFactory(delaftale=delaftale, returkommentar="Uddyb fortællingen.")

    rows = boardpack_data(plan_a, meeting)["pakke"]["statusrapporter"]
    row = next(r for r in rows if r["omraade"] == str(rapport.delaftale.indsatsomraade))
    assert row["status_label"] == rapport.tilstand == "Returneret"
    page = client_board_a.get(rapport.get_absolute_url()).content.decode()
    assert "Returneret" in page
