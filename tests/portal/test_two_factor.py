"""Two-factor (TOTP): required for LBF staff, staff and superusers when PORTAL_2FA_REQUIRED
is on, optional for everyone else; throttled codes; enrolment with a server-drawn QR code."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from tests.bestyrelser.factories import UserFactory

pytestmark = pytest.mark.django_db

RIGHT = "hemmelig-kode-123"
required = override_settings(PORTAL_2FA_REQUIRED=True)


def _code(device: TOTPDevice) -> str:
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    return f"{code:06d}"


def _wrong(device: TOTPDevice) -> str:
    return f"{(int(_code(device)) + 1) % 1_000_000:06d}"


def _login(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": RIGHT})
    assert response.status_code == 302
    return response


def _device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="telefon", confirmed=True)


@required
def test_lbf_staff_without_a_device_are_sent_to_enrolment_and_nowhere_else(client, lbf_user, plan_a):
    _login(client, lbf_user)
    for url in (reverse("home"), plan_a.get_absolute_url(), reverse("tilsyn:overview"), reverse("security")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("two_factor_enrol")), url
    assert client.get(reverse("healthz")).status_code == 200
    page = client.get(reverse("two_factor_enrol"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    device = TOTPDevice.objects.get(user=lbf_user)
    assert not device.confirmed
    secret = re.search(r'<code class="user-select-all">([A-Z2-7 ]+)</code>', html).group(1)
    assert device.config_url.split("secret=")[1].startswith(secret.replace(" ", "")[:16])


@required
def test_enrolment_with_a_right_code_confirms_the_device_and_lets_in(client, lbf_user):
    with freeze_time("2026-03-02 10:00:00"):
        _login(client, lbf_user)
        client.get(reverse("two_factor_enrol"))
        device = TOTPDevice.objects.get(user=lbf_user)
        wrong = client.post(reverse("two_factor_enrol"), {"code": _wrong(device)})
        assert wrong.status_code == 200 and "Koden er forkert" in wrong.content.decode()
    with freeze_time("2026-03-02 10:00:40"):  # past django-otp's throttle delay
        response = client.post(reverse("two_factor_enrol"), {"code": _code(device), "next": "/"})
        assert response.status_code == 302 and response["Location"] == "/"
        device.refresh_from_db()
        assert device.confirmed
        assert client.get(reverse("home")).status_code == 200


@required
def test_enrolling_ends_the_users_other_sessions(client, lbf_user):
    from django.test import Client

    other = Client()
    _login(other, lbf_user)
    with freeze_time("2026-03-02 10:00:00"):
        _login(client, lbf_user)
        client.get(reverse("two_factor_enrol"))
        device = TOTPDevice.objects.get(user=lbf_user)
        client.post(reverse("two_factor_enrol"), {"code": _code(device)})
        assert client.get(reverse("home")).status_code == 200
    assert other.get(reverse("home"))["Location"].startswith(reverse("login"))


@required
def test_lbf_staff_with_a_device_must_enter_a_code_wrong_refused_right_lets_in(client, lbf_user):
    device = _device(lbf_user)
    with freeze_time("2026-03-02 10:00:00"):
        _login(client, lbf_user)
        key_after_password = client.session.session_key
        response = client.get(reverse("home"))
        assert response["Location"].startswith(reverse("two_factor_verify"))
        wrong = client.post(reverse("two_factor_verify"), {"code": _wrong(device)})
        assert wrong.status_code == 200
        assert "Koden er forkert" in wrong.content.decode()
        assert client.get(reverse("home")).status_code == 302
        # Throttled: straight after a wrong code even the right one is refused.
        throttled = client.post(reverse("two_factor_verify"), {"code": _code(device)})
        assert "For mange forkerte koder" in throttled.content.decode()
    with freeze_time("2026-03-02 10:01:00"):
        response = client.post(reverse("two_factor_verify"), {"code": _code(device), "next": "/"})
        assert response.status_code == 302 and response["Location"] == "/"
        assert client.get(reverse("home")).status_code == 200
        assert client.session.session_key != key_after_password


@required
def test_a_code_cannot_be_used_twice(client, lbf_user):
    device = _device(lbf_user)
    with freeze_time("2026-03-02 10:00:00"):
        _login(client, lbf_user)
        code = _code(device)
        assert client.post(reverse("two_factor_verify"), {"code": code}).status_code == 302
        client.post(reverse("logout"))
        _login(client, lbf_user)
        assert client.post(reverse("two_factor_verify"), {"code": code}).status_code == 200


@required
def test_an_ordinary_member_is_not_forced(client, board_member_a):
    _login(client, board_member_a)
    assert client.get(reverse("home")).status_code == 200


def test_an_ordinary_member_may_enrol_and_is_then_asked_for_the_code(client, board_member_a):
    with freeze_time("2026-03-02 10:00:00"):
        _login(client, board_member_a)
        assert "Slå to-faktor-godkendelse til" in client.get(reverse("security")).content.decode()
        client.get(reverse("two_factor_enrol"))
        device = TOTPDevice.objects.get(user=board_member_a)
        client.post(reverse("two_factor_enrol"), {"code": _code(device)})
        client.post(reverse("logout"))
    with freeze_time("2026-03-02 10:05:00"):
        _login(client, board_member_a)
        assert client.get(reverse("home"))["Location"].startswith(reverse("two_factor_verify"))
        client.post(reverse("two_factor_verify"), {"code": _code(device)})
        assert client.get(reverse("home")).status_code == 200
        # Optional for them: they may switch it off again.
        assert client.post(reverse("two_factor_disable")).status_code == 302
        assert not TOTPDevice.objects.filter(user=board_member_a).exists()


@required
def test_lbf_staff_cannot_switch_two_factor_off(client, lbf_user):
    device = _device(lbf_user)
    with freeze_time("2026-03-02 10:00:00"):
        _login(client, lbf_user)
        client.post(reverse("two_factor_verify"), {"code": _code(device)})
        assert client.post(reverse("two_factor_disable")).status_code == 403
    assert TOTPDevice.objects.filter(user=lbf_user).exists()


@required
def test_the_admin_site_requires_the_second_factor_for_a_superuser(client):
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    response = client.post(reverse("admin:login"), {"username": "root", "password": RIGHT})
    assert response.status_code == 302
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("two_factor_enrol"))
    device = _device(superuser)
    with freeze_time("2026-03-02 10:00:00"):
        response = client.get(reverse("admin:auth_user_changelist"))
        assert response["Location"].startswith(reverse("two_factor_verify"))
        client.post(reverse("two_factor_verify"), {"code": _code(device)})
        assert client.get(reverse("admin:auth_user_changelist")).status_code == 200


def test_two_factor_is_not_forced_when_the_setting_is_off(client, lbf_user):
    _login(client, lbf_user)
    assert client.get(reverse("home")).status_code == 200
