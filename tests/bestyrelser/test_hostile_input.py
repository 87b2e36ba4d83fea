"""Issue 13 on the board's pages: mangled numbers and dates in the URL are ignored, a
mangled posted id is a bad request that changes nothing, and ``next`` never leaves the site."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from bestyrelser import services
from bestyrelser.models import Handlingspunkt, Moede, Moededeltagelse, Organ

pytestmark = pytest.mark.django_db


def url(name, plan, *args):
    return reverse(f"bestyrelser:{name}", args=[plan.pk, *args])


@pytest.fixture
def board(plan_a, projektleder_a, board_member_a):
    return Organ.objects.get(helhedsplan=plan_a, type=Organ.Type.BESTYRELSE)


@pytest.fixture
def moede(board, projektleder_a):
    tidspunkt = datetime.datetime(2021, 3, 4, 9, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Copenhagen"))
    return services.moede_save(user=projektleder_a, moede=Moede(organ=board, tidspunkt=tidspunkt))


HOSTILE_IDS = ["²", "٣", "9" * 30, "-1", "0", "", "x" * 10_000]


@pytest.mark.parametrize("value", HOSTILE_IDS)
def test_dashboard_and_its_exports_ignore_a_mangled_area(client_board_a, plan_a, value):
    assert client_board_a.get(url("dashboard", plan_a), {"omraade": value}).status_code == 200
    export = reverse("bestyrelser:dashboard_export", args=[plan_a.pk, "kriterier", "csv"])
    assert client_board_a.get(export, {"omraade": value}).status_code == 200


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "2026-02-30", "²026-01-01"])
def test_dashboard_ignores_dates_outside_the_calendar_it_knows(client_board_a, plan_a, value):
    assert client_board_a.get(url("dashboard", plan_a), {"fra": value, "til": value}).status_code == 200


@pytest.mark.parametrize("key", ["deltager_²", "deltager_" + "9" * 30, "deltager_-1"])
def test_attendance_with_a_mangled_person_id_is_a_bad_request_and_changes_nothing(
    client_pl_a,
    plan_a,
    moede,
    board,
    key,
):
    person = board.medlemskaber.exclude(rolle="projektleder").first().person
    response = client_pl_a.post(
        url("moede_attendance", plan_a, moede.pk), {f"deltager_{person.pk}": "afbud", key: "deltog"}
    )
    assert response.status_code == 400
    assert not Moededeltagelse.objects.filter(moede=moede).exists()


@pytest.mark.parametrize("revision", ["²", "9" * 30, "-1", ""])
def test_minutes_with_a_mangled_revision_is_a_bad_request(client_pl_a, plan_a, moede, revision):
    before = moede.referat
    response = client_pl_a.post(
        url("referat_form", plan_a, moede.pk), {"referat": "Nyt", "revision": revision}
    )
    assert response.status_code == 400
    moede.refresh_from_db()
    assert moede.referat == before


@pytest.fixture
def item(board, moede, projektleder_a):
    punkt = services.dagsordenspunkt_save(
        user=projektleder_a,
        punkt=moede.dagsordenspunkter.model(moede=moede, titel="Budget", type="beslutning"),
    )
    return services.handlingspunkt_add(
        user=projektleder_a,
        punkt=punkt,
        tekst="Indhent tilbud",
        ansvarlig=board.medlemskaber.first().person,
        frist=datetime.date(2021, 5, 1),
    )


@pytest.mark.parametrize(
    "target", ["https://evil.com/", "//evil.com", "/\\evil.com", "javascript:alert(1)", "http:/evil.com"]
)
def test_action_item_status_never_redirects_off_the_site(client_pl_a, plan_a, item, target):
    response = client_pl_a.post(
        url("handlingspunkt_status", plan_a, item.pk),
        {"status": Handlingspunkt.Status.UDFOERT, "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == url("handlingspunkt_list", plan_a)


def test_action_item_status_follows_a_next_on_the_site(client_pl_a, plan_a, item):
    here = url("dashboard", plan_a) + "?fra=2021-01-01"
    response = client_pl_a.post(
        url("handlingspunkt_status", plan_a, item.pk), {"status": Handlingspunkt.Status.UDFOERT, "next": here}
    )
    assert response["Location"] == here
