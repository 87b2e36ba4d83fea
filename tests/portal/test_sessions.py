"""Sessions: a new key at login, gone at logout, 30 minutes idle and 12 hours at most, at
most one write a minute, and every session of a deactivated user ends."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

pytestmark = pytest.mark.django_db

RIGHT = "hemmelig-kode-123"
PAGE = "/konto/sikkerhed/"  # a light page that needs login


def _login(client, username="best_a"):
    response = client.post(reverse("login"), {"username": username, "password": RIGHT})
    assert response.status_code == 302
    return client.session.session_key


def _user_sessions(user) -> list[Session]:
    return [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)]


def test_login_gives_a_new_session_key(client, board_member_a):
    session = client.session
    session["før"] = "login"
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before
    after = _login(client)
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert Session.objects.filter(session_key=after).exists()


def test_logout_deletes_the_session_row(client, board_member_a):
    key = _login(client)
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(PAGE).status_code == 302


def test_an_idle_session_ends_after_30_minutes(client, board_member_a):
    with freeze_time("2026-03-02 10:00:00") as frozen:
        key = _login(client)
        frozen.tick(datetime.timedelta(minutes=29))
        assert client.get(PAGE).status_code == 200
        frozen.tick(datetime.timedelta(minutes=29))
        assert client.get(PAGE).status_code == 200  # activity moved the clock on
        frozen.tick(datetime.timedelta(minutes=31))
        response = client.get(PAGE)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        assert not Session.objects.filter(session_key=key).exists()
        page = client.get(response["Location"]).content.decode()
        assert "ikke har været aktiv i 30 minutter" in page


def test_a_busy_session_still_ends_12_hours_after_login(client, board_member_a):
    with freeze_time("2026-03-02 08:00:00") as frozen:
        _login(client)
        for _ in range(35):  # 11 h 40 min of activity every 20 minutes
            frozen.tick(datetime.timedelta(minutes=20))
            assert client.get(PAGE).status_code == 200
        frozen.tick(datetime.timedelta(minutes=21))
        response = client.get(PAGE)
        assert response.status_code == 302
        assert "_auth_user_id" not in client.session


def test_last_activity_is_written_at_most_once_a_minute(client, board_member_a):
    with freeze_time("2026-03-02 10:00:00") as frozen:
        _login(client)
        frozen.tick(datetime.timedelta(seconds=30))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PAGE).status_code == 200
        assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"].upper()]
        frozen.tick(datetime.timedelta(seconds=40))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PAGE).status_code == 200
        assert [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"].upper()]


def test_deactivating_a_user_ends_all_their_sessions(client, board_member_a, member_b):
    _login(client)
    laptop = Client()
    _login(laptop)
    other = Client()
    _login(other, "best_b")
    assert len(_user_sessions(board_member_a)) == 2

    board_member_a.is_active = False
    board_member_a.save()  # no admin involved: any save that deactivates

    assert _user_sessions(board_member_a) == []
    assert len(_user_sessions(member_b)) == 1
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert laptop.get(reverse("home")).wsgi_request.user.is_anonymous


def test_deactivating_a_user_in_the_admin_ends_their_sessions(client, board_member_a):
    from tests.bestyrelser.factories import UserFactory

    _login(client)
    admin = Client()
    admin.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    url = reverse("admin:auth_user_change", args=[board_member_a.pk])
    form = admin.get(url).context["adminform"].form
    data = {
        k: v for k, v in form.initial.items() if v is not None and k not in {"groups", "user_permissions"}
    }
    data.update({"is_active": "", "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00"})
    data.pop("last_login", None)
    data.pop("is_active")
    response = admin.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    board_member_a.refresh_from_db()
    assert not board_member_a.is_active
    assert _user_sessions(board_member_a) == []
    assert client.get(PAGE).status_code == 302
