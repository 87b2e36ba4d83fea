"""django-axes: 5 wrong passwords lock an address (and username + address) for 15 minutes,
never a username alone; guessing one username from many addresses meets a growing delay; a
forged X-Forwarded-For changes nothing, and every failure is logged."""

import datetime
import logging

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse
from freezegun import freeze_time

from portal.auth import UsernameThrottleBackend, client_ip, login_delay

pytestmark = pytest.mark.django_db

RIGHT = "hemmelig-kode-123"  # tests.bestyrelser.factories.UserFactory


def _login(client, password, username="best_a", **headers):
    return client.post(reverse("login"), {"username": username, "password": password}, **headers)


@pytest.fixture
def slept(monkeypatch):
    """The throttle's delays, recorded instead of slept."""
    delays: list[float] = []
    monkeypatch.setattr(UsernameThrottleBackend, "sleep", staticmethod(delays.append))
    return delays


def _fail_five_times(client, **headers_per_try):
    for i in range(5):
        headers = {k: v.format(i=i) for k, v in headers_per_try.items()}
        response = _login(client, f"forkert-{i}", **headers)
        # The form again with the error; the fifth failure already answers with the lockout.
        assert response.status_code == (200 if i < 4 else 429)
        assert "_auth_user_id" not in client.session


def test_sixth_attempt_with_the_right_password_is_refused_after_five_failures(client, board_member_a):
    _fail_five_times(client)
    response = _login(client, RIGHT)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert "For mange forkerte log ind-forsøg" in html
    assert "Prøv igen om 15 minutter" in html


def test_four_failures_do_not_lock_and_the_right_password_then_logs_in(client, board_member_a):
    for i in range(4):
        _login(client, f"forkert-{i}")
    response = _login(client, RIGHT)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(board_member_a.pk)


def test_a_varying_x_forwarded_for_does_not_dodge_the_lockout(client, board_member_a):
    _fail_five_times(client, HTTP_X_FORWARDED_FOR="203.0.113.{i}")
    response = _login(client, RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.77")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_from_one_address_do_not_lock_the_account_elsewhere(client, board_member_a, slept):
    """Issue 13, finding 10: anyone could keep a named account (``lbf``, ``admin``) locked by
    typing five wrong passwords for it. The address is locked, the account is not."""
    _fail_five_times(client, REMOTE_ADDR="192.0.2.1")
    assert _login(client, RIGHT, REMOTE_ADDR="192.0.2.1").status_code == 429
    response = _login(client, RIGHT, REMOTE_ADDR="192.0.2.2")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(board_member_a.pk)


def test_an_address_that_guesses_across_usernames_is_locked(client, board_member_a):
    for i in range(5):
        _login(client, "forkert", username=f"gaet-{i}", REMOTE_ADDR="192.0.2.9")
    response = _login(client, RIGHT, REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_distributed_guessing_on_one_username_meets_a_growing_delay_not_a_lock(client, board_member_a, slept):
    for i in range(9):
        response = _login(client, f"forkert-{i}", REMOTE_ADDR=f"198.51.100.{i}")
        assert response.status_code == 200
    # No delay up to the lockout limit, then 0.5 s doubling per failure, capped.
    assert slept == [0.5, 1.0, 2.0, 4.0]
    response = _login(client, RIGHT, REMOTE_ADDR="198.51.100.200")
    assert response.status_code == 302  # the owner still gets in, after the delay
    assert slept[-1] == 8.0
    assert client.session["_auth_user_id"] == str(board_member_a.pk)


def test_login_delay_grows_and_is_capped(settings):
    settings.PORTAL_LOGIN_DELAY_MAX_SECONDS = 8.0
    assert [login_delay(n) for n in (0, 4, 5, 6, 7, 8, 9, 50, 10**9)] == [0, 0, 0.5, 1, 2, 4, 8, 8, 8]


def test_login_works_again_after_the_cool_off(client, board_member_a):
    with freeze_time("2026-03-02 10:00:00") as frozen:
        _fail_five_times(client)
        frozen.tick(datetime.timedelta(minutes=14))
        assert _login(client, RIGHT).status_code == 429
        frozen.tick(datetime.timedelta(minutes=16))
        response = _login(client, RIGHT)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(board_member_a.pk)


def test_failures_and_the_lockout_are_logged_without_the_password(client, board_member_a, caplog):
    with caplog.at_level(logging.INFO):
        _fail_five_times(client)
        _login(client, RIGHT)
    failures = [r for r in caplog.records if r.name == "portal.auth" and "Login failed" in r.getMessage()]
    assert len(failures) == 6  # five wrong passwords and the refused sixth attempt
    assert "'best_a'" in failures[0].getMessage() and "127.0.0.1" in failures[0].getMessage()
    assert any("locked out" in r.getMessage() for r in caplog.records if r.name == "portal.auth")
    assert any(r.name.startswith("axes") for r in caplog.records)  # axes' own record of each failure
    assert not any("forkert-" in r.getMessage() or RIGHT in r.getMessage() for r in caplog.records)


def test_client_ip_is_remote_addr_unless_proxies_are_trusted():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert client_ip(request) == "10.0.0.5"
    with override_settings(PORTAL_TRUSTED_PROXY_COUNT=1):
        # The entry the trusted proxy appended, not the one the client wrote itself.
        assert client_ip(request) == "203.0.113.9"
    with override_settings(PORTAL_TRUSTED_PROXY_COUNT=2):
        assert client_ip(request) == "1.2.3.4"
    with override_settings(PORTAL_TRUSTED_PROXY_COUNT=3):
        assert client_ip(request) == "10.0.0.5"  # fewer entries than proxies: not trusted
