"""Meetings: agenda, attendance, papers, minutes locking, decisions, action items rolling
over, board packs frozen at release, and questions on success criteria."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bestyrelser import services
from bestyrelser.dashboard import dashboard_data, organisation_pattern
from bestyrelser.models import Boardpack, Handlingspunkt, Kommentar, Moede, Organ, Referatstatus
from portal import errors
from tests.bestyrelser.factories import OrganFactory, PersonFactory
from tests.helhedsplaner.factories import DelaftaleFactory, build_chain

pytestmark = pytest.mark.django_db
CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def board(plan_a, projektleder_a):
    return Organ.objects.get(helhedsplan=plan_a, type=Organ.Type.BESTYRELSE)


@pytest.fixture
def moede(board, projektleder_a):
    m = Moede(organ=board, tidspunkt=datetime.datetime(2021, 3, 4, 9, 30, tzinfo=CPH), sted="Beboerhuset")
    return services.moede_save(user=projektleder_a, moede=m)


def url(name, plan, *args):
    return reverse(f"bestyrelser:{name}", args=[plan.pk, *args])


def test_projektleder_creates_a_meeting_through_the_view(client_pl_a, plan_a, board):
    response = client_pl_a.post(
        url("moede_create", plan_a, board.pk),
        {"tidspunkt": "2021-06-10T09:30", "sted": "Rådhuset", "status": "planlagt"},
    )
    moede = Moede.objects.get(organ=board)
    assert response["Location"] == moede.get_absolute_url()
    assert moede.sted == "Rådhuset"


def test_meeting_form_refuses_a_missing_time(client_pl_a, plan_a, board):
    response = client_pl_a.post(
        url("moede_create", plan_a, board.pk), {"sted": "Rådhuset", "status": "planlagt"}
    )
    assert "Dette felt er påkrævet." in response.content.decode()
    assert not Moede.objects.exists()


def test_board_member_cannot_create_meetings(client_board_a, plan_a, board):
    assert client_board_a.get(url("moede_create", plan_a, board.pk)).status_code == 403


def test_member_of_another_plan_gets_404(client_b, plan_a, moede):
    for name, args in (
        ("moede_list", []),
        ("moede_detail", [moede.pk]),
        ("dashboard", []),
        ("boardpack_detail", [moede.pk]),
    ):
        assert client_b.get(url(name, plan_a, *args)).status_code == 404, name


def test_open_action_items_roll_onto_the_next_meetings_agenda(board, moede, projektleder_a):
    punkt = services.dagsordenspunkt_save(
        user=projektleder_a,
        punkt=moede.dagsordenspunkter.model(moede=moede, titel="Budget", type="beslutning"),
    )
    person = board.medlemskaber.first().person
    open_item = services.handlingspunkt_add(
        user=projektleder_a,
        punkt=punkt,
        tekst="Indhent tilbud",
        ansvarlig=person,
        frist=datetime.date(2021, 5, 1),
    )
    done = services.handlingspunkt_add(
        user=projektleder_a,
        punkt=punkt,
        tekst="Send referat",
        ansvarlig=person,
        frist=datetime.date(2021, 4, 1),
    )
    services.handlingspunkt_status_set(user=projektleder_a, item=done, status=Handlingspunkt.Status.UDFOERT)
    nxt = services.moede_save(
        user=projektleder_a,
        moede=Moede(organ=board, tidspunkt=datetime.datetime(2021, 6, 10, 9, 30, tzinfo=CPH)),
    )
    first = nxt.dagsordenspunkter.get(nummer=1)
    assert first.titel == "Opfølgning på handlingspunkter"
    assert first.indstilling == "Status på 1 åbent handlingspunkt fra tidligere møder."  # singular
    assert list(first.opfoelgning_paa.all()) == [open_item]


def test_minutes_are_circulated_approved_by_the_formand_and_then_locked(
    board, moede, projektleder_a, formand_a, client
):
    punkt = services.dagsordenspunkt_save(
        user=projektleder_a,
        punkt=moede.dagsordenspunkter.model(moede=moede, titel="Status", type="orientering"),
    )
    with pytest.raises(errors.ServiceError, match="Skriv referatet"):
        services.referat_circulate(user=projektleder_a, moede=moede)
    services.referat_save(
        user=projektleder_a,
        moede=moede,
        generelt="Alle var til stede.",
        punkter={punkt.pk: "Taget til efterretning."},
        expected_revision=moede.revision,
    )
    services.referat_circulate(user=projektleder_a, moede=moede)
    with pytest.raises(errors.NotAllowed):
        services.referat_approve(user=projektleder_a, moede=moede)
    services.referat_approve(user=formand_a, moede=moede)
    moede.refresh_from_db()
    assert moede.referat_status == Referatstatus.GODKENDT and moede.referat_godkendt_af == formand_a
    with pytest.raises(errors.ServiceError, match="låst"):
        services.referat_save(
            user=projektleder_a, moede=moede, generelt="Ændret", punkter={}, expected_revision=moede.revision
        )
    with pytest.raises(errors.ServiceError, match="låst"):
        services.beslutning_add(user=projektleder_a, punkt=punkt, tekst="Sen beslutning")
    client.force_login(projektleder_a)
    response = client.post(
        url("referat_form", plan_a_of(moede), moede.pk),
        {"referat": "x", "revision": moede.revision},
        follow=True,
    )
    assert "Referatet er godkendt og låst" in response.content.decode()


def plan_a_of(moede):
    return moede.organ.helhedsplan


def test_attendance_records_apologies(board, moede, projektleder_a, board_member_a, client_pl_a, plan_a):
    person = board.medlemskaber.exclude(rolle="projektleder").first().person
    client_pl_a.post(url("moede_attendance", plan_a, moede.pk), {f"deltager_{person.pk}": "afbud"})
    assert moede.deltagelser.get(person=person).status == "afbud"
    outsider = PersonFactory()
    with pytest.raises(Exception, match="organets medlemmer"):
        services.moede_attendance_set(user=projektleder_a, moede=moede, statuses={outsider.pk: "deltager"})


def test_papers_are_limited_by_size_and_checked_by_content(moede, projektleder_a, settings, client_b, plan_a):
    punkt = services.dagsordenspunkt_save(
        user=projektleder_a,
        punkt=moede.dagsordenspunkter.model(moede=moede, titel="Budget", type="beslutning"),
    )
    pdf = SimpleUploadedFile("budget.pdf", b"%PDF-1.4 budget", content_type="application/pdf")
    bilag = services.bilag_add(user=projektleder_a, punkt=punkt, fil=pdf)
    assert bilag.titel == "budget"
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(Exception, match="passer ikke til filtypen"):
        services.bilag_add(user=projektleder_a, punkt=punkt, fil=fake)
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(Exception, match="Filtypen er ikke tilladt"):
        services.bilag_add(user=projektleder_a, punkt=punkt, fil=exe)
    settings.BILAG_MAX_BYTES = 10
    big = SimpleUploadedFile("stor.pdf", b"%PDF" + b"x" * 100, content_type="application/pdf")
    with pytest.raises(Exception, match="fylder for meget"):
        services.bilag_add(user=projektleder_a, punkt=punkt, fil=big)
    # Papers are only served to the plan's members.
    assert client_b.get(url("bilag_download", plan_a, bilag.pk)).status_code == 404


def test_board_pack_is_frozen_at_release(plan_a, board, moede, formand_a, projektleder_a, board_member_a):
    goal, _delmaal = build_chain(plan_a, activities=1)
    before = dashboard_data(plan_a, moede=moede)
    with pytest.raises(errors.NotAllowed):
        services.boardpack_release(user=board_member_a, moede=moede, data=before)
    pack = services.boardpack_release(user=formand_a, moede=moede, data=before)
    goal.titel = "Et helt andet mål"
    goal.save()
    assert dashboard_data(plan_a, moede=moede)["maal"] != before["maal"]
    pack.refresh_from_db()
    assert pack.data["maal"] == before["maal"]
    with pytest.raises(errors.ServiceError, match="allerede frigivet"):
        services.boardpack_release(user=formand_a, moede=moede, data={})
    assert Boardpack.objects.count() == 1


def test_board_member_asks_and_projektleder_answers(plan_a, board_member_a, projektleder_a, member_b):
    goal, _ = build_chain(plan_a, activities=1)
    kriterie = goal.succeskriterier.first()
    q = services.kommentar_add(user=board_member_a, succeskriterie=kriterie, tekst="Hvorfor falder tallet?")
    services.kommentar_add(
        user=projektleder_a, succeskriterie=kriterie, tekst="Et hold stoppede.", svar_paa=q
    )
    with pytest.raises(errors.NotAllowed):
        services.kommentar_add(user=member_b, succeskriterie=kriterie, tekst="Udefra")
    assert Kommentar.objects.filter(succeskriterie=kriterie).count() == 2
    data = dashboard_data(plan_a)
    texts = [
        c["tekst"] for g in data["maal"] for m in g["maal"] for k in m["kriterier"] for c in k["kommentarer"]
    ]
    assert texts == ["Hvorfor falder tallet?", "Et hold stoppede."]


def test_organisation_patterns():
    plan_d = DelaftaleFactory().helhedsplan
    d1 = plan_d.delaftaler.first()
    d2 = DelaftaleFactory(helhedsplan=plan_d)
    assert organisation_pattern([], [d1, d2])["kode"] == "ingen"
    joint = OrganFactory(helhedsplan=plan_d, navn="Samlet", type=Organ.Type.FOELGEGRUPPE)
    joint.daekker.set([d1, d2])
    assert organisation_pattern([joint], [d1, d2])["kode"] == "samlet"
    g1 = OrganFactory(helhedsplan=plan_d, navn="G1", type=Organ.Type.FOELGEGRUPPE)
    g2 = OrganFactory(helhedsplan=plan_d, navn="G2", type=Organ.Type.STYREGRUPPE)
    g1.daekker.set([d1])
    g2.daekker.set([d2])
    forum = OrganFactory(helhedsplan=plan_d, navn="Beboerforum", type=Organ.Type.BEBOERFORUM)
    result = organisation_pattern([g1, g2, forum], [d1, d2])
    assert result["kode"] == "indsatsspecifik" and result["fora"] == ["Beboerforum"]
    g3 = OrganFactory(helhedsplan=plan_d, navn="Nord", type=Organ.Type.FOELGEGRUPPE)
    g3.daekker.set([d1, d2])
    assert organisation_pattern([g1, g3], [d1, d2])["kode"] == "omraadespecifik"


def test_styringsstreng_gaps_are_detected_and_a_complete_plan_has_none(plan_a, projektleder_a):
    goal, delmaal = build_chain(plan_a, activities=1)
    data = dashboard_data(plan_a)["styringsstreng"]
    assert [x.split(". ", 1)[1] for x in data["maal_uden_delmaal"]] == ["Større tryghed i området"]
    assert data["delmaal_uden_maal"] == []
    delmaal.strategiske_maal.clear()
    data = dashboard_data(plan_a)["styringsstreng"]
    assert data["delmaal_uden_maal"] and "Unge i fritidsjob" in data["delmaal_uden_maal"][0]


# Cold: session, user, LBF check, plan, the content stamp (with pending jobs), then the data:
# computation time, agreement, goals and their criteria (with indicators)/delmål/activities/
# comments, snapshots, delaftaler (+ delmål, goals, activities, bodies; also the filter list),
# bodies (+ covered delaftaler, members), reports (also for the overdue count, through the one
# rule in helhedsplaner.selectors, from the rows read), board meetings, enighed rounds,
# participants per quarter.
DASHBOARD_QUERIES_COLD = 25
# Warm (nothing changed since): session, user, LBF check, plan, stamp; the page is cached.
DASHBOARD_QUERIES_WARM = 5


@pytest.mark.parametrize("activities", [3, 20])
def test_dashboard_query_count_is_constant_cold_and_warm(
    client_board_a, plan_a, projektleder_a, activities, django_assert_num_queries
):

    build_chain(plan_a, activities=activities)
    with django_assert_num_queries(DASHBOARD_QUERIES_COLD):
        response = client_board_a.get(url("dashboard", plan_a))
        assert response.status_code == 200
    cold = response.content.decode()
    assert "Bestyrelsens overblik" in cold and "Flere unge i job og uddannelse" in cold
    assert 'type="application/json"' in cold
    with django_assert_num_queries(DASHBOARD_QUERIES_WARM):
        warm = client_board_a.get(url("dashboard", plan_a)).content.decode()
    # The same page, apart from the visitor's CSRF token (rendered outside the cached part).
    assert _without_token(warm) == _without_token(cold)


def _without_token(html: str) -> str:
    import re

    html = re.sub(r'name="csrf-token" content="[^"]+"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_change_shows_on_the_cached_dashboard_at_once(
    client_board_a, plan_a, projektleder_a, board_member_a
):
    goal, _ = build_chain(plan_a, activities=1)
    kriterie = goal.succeskriterier.first()
    assert "Hvorfor falder tallet?" not in client_board_a.get(url("dashboard", plan_a)).content.decode()
    response = client_board_a.post(
        url("kommentar_add", plan_a, kriterie.pk),
        {"tekst": "Hvorfor falder tallet?", "next": url("dashboard", plan_a)},
        follow=True,
    )
    assert "Hvorfor falder tallet?" in response.content.decode()


def test_dashboard_exports_are_csv_and_excel(client_board_a, plan_a, projektleder_a):
    build_chain(plan_a, activities=1)
    csv = client_board_a.get(url("dashboard_export", plan_a, "kriterier", "csv"))
    assert csv["Content-Type"].startswith("text/csv")
    assert "Andelen af 18-29-årige" in csv.content.decode("utf-8-sig")
    xlsx = client_board_a.get(url("dashboard_export", plan_a, "kriterier", "xlsx"))
    assert xlsx.content[:2] == b"PK"
    assert client_board_a.get(url("dashboard_export", plan_a, "hemmelig", "csv")).status_code == 404


def test_export_neutralises_formulas():
    from portal.exports import neutralise as safe_cell

    assert [safe_cell(v) for v in ("=1+1", "+4", "-2", "@SUM", "\tx", "ok", 5, Decimal("-2"))] == [
        "'=1+1",
        "'+4",
        "'-2",
        "'@SUM",
        "'\tx",
        "ok",
        5,
        Decimal("-2"),
    ]


def test_board_pack_downloads_as_pdf(client_board_a, plan_a, moede, formand_a):
    build_chain(plan_a, activities=1)
    services.boardpack_release(user=formand_a, moede=moede, data=dashboard_data(plan_a, moede=moede))
    response = client_board_a.get(url("boardpack_pdf", plan_a, moede.pk))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 1000


def test_reporting_diagram_marks_delaftaler_no_group_follows(plan_a, projektleder_a):
    from bestyrelser.charts import reporting_diagram

    build_chain(plan_a, activities=1)  # one følgegruppe that follows the one delaftale
    extra = DelaftaleFactory(helhedsplan=plan_a)
    diagram = reporting_diagram(dashboard_data(plan_a)["styringsstreng"])
    kinds = {n["label"]: n["kind"] for n in diagram["nodes"]}
    assert kinds["Følgegruppe for uddannelse"] == "gruppe"
    assert kinds[str(extra.indsatsomraade)] == "delaftale-uden"
    assert any(e["kind"] == "rapporterer" for e in diagram["edges"])
    assert any(e["kind"] == "foelger" for e in diagram["edges"])


def test_dashboard_roles_board_reads_projektleder_answers_lbf_reads_others_404(
    client, plan_a, projektleder_a, board_member_a, lbf_user, member_b
):
    goal, _ = build_chain(plan_a, activities=1)
    kriterie = goal.succeskriterier.first()
    question = services.kommentar_add(
        user=board_member_a, succeskriterie=kriterie, tekst="Hvad skete der i Q3?"
    )
    for user in (board_member_a, projektleder_a, lbf_user):
        client.force_login(user)
        assert client.get(url("dashboard", plan_a)).status_code == 200, user
    client.force_login(projektleder_a)
    client.post(
        url("kommentar_add", plan_a, kriterie.pk), {"tekst": "To hold stoppede.", "svar_paa": question.pk}
    )
    assert Kommentar.objects.get(svar_paa=question).forfatter == projektleder_a
    client.force_login(lbf_user)  # LBF reads; commenting is for the plan's members
    assert client.post(url("kommentar_add", plan_a, kriterie.pk), {"tekst": "Udefra"}).status_code == 403
    client.force_login(member_b)
    assert client.get(url("dashboard", plan_a)).status_code == 404


def test_minutes_of_a_meeting_not_yet_held_cannot_be_approved(
    board, projektleder_a, formand_a, client, plan_a
):
    from django.utils import timezone

    future = services.moede_save(
        user=projektleder_a, moede=Moede(organ=board, tidspunkt=timezone.now() + datetime.timedelta(days=7))
    )
    services.referat_save(
        user=projektleder_a,
        moede=future,
        generelt="Skrevet på forhånd.",
        punkter={},
        expected_revision=future.revision,
    )
    services.referat_circulate(user=projektleder_a, moede=future)
    client.force_login(formand_a)
    response = client.post(url("referat_action", plan_a, future.pk, "godkend"), follow=True)
    page = response.content.decode()
    assert "Mødet er ikke afholdt endnu" in page
    assert "Referatet er godkendt og låst." not in page
    future.refresh_from_db()
    assert future.referat_status == Referatstatus.UDSENDT
    assert future.referat_godkendt_af is None
