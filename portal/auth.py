"""Login: the client's address for django-axes, who needs a second factor, and the
middleware that holds a user at the code (or enrolment) page until verified.

Two-factor rules (README "Login and sessions"):

- a user with a confirmed TOTP device always enters a code after the password;
- with ``PORTAL_2FA_REQUIRED`` on, LBF staff, staff and superusers must have one: without
  a device they are sent to enrolment and reach no other page until they have confirmed it.
"""

import logging
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.access import is_lbf_staff

logger = logging.getLogger("portal.auth")

# Pages an authenticated but not yet verified user may still reach.
TWO_FACTOR_EXEMPT_URL_NAMES = frozenset(
    {
        "login",
        "logout",
        "two_factor_verify",
        "two_factor_enrol",
        "healthz",
        "readyz",
        "set_language",
    }
)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address for lockouts and logs.

    REMOTE_ADDR, unless ``PORTAL_TRUSTED_PROXY_COUNT`` (N > 0) says N reverse proxies that
    append to X-Forwarded-For stand in front: then the address the outermost trusted proxy
    saw, i.e. the N-th entry from the right. Entries a client sent itself lie further left
    and are never used, so a forged header can neither reset nor dodge a lockout.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.PORTAL_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]


def login_delay(failures: int) -> float:
    """Seconds a login attempt on a username waits, given its recent failures from every
    address: none up to the lockout limit, then 0.5 s doubling per failure, capped."""
    extra = failures - settings.AXES_FAILURE_LIMIT
    if extra < 0:
        return 0.0
    return min(settings.PORTAL_LOGIN_DELAY_MAX_SECONDS, 0.5 * 2 ** min(extra, 30))


def recent_username_failures(username: str) -> int:
    """Failed logins for ``username`` within the cool-off time, from every address."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return total or 0


class UsernameThrottleBackend:
    """Slows guessing on one username from many addresses without locking the account.

    Lockouts are per address and per username + address (settings), so an attacker cannot
    lock a named account; a distributed guess on one username instead waits
    :func:`login_delay` per attempt, right password or not (so a fast answer does not tell
    a right guess from a wrong one). Authenticates no one itself: it returns ``None`` so the
    next backend checks the password. It has no ``get_user`` on purpose, so no session ever
    names it as the backend that logged the user in (``Client.force_login`` picks the first
    backend that has one).
    """

    sleep = staticmethod(time.sleep)

    def authenticate(self, request: HttpRequest | None, username: str | None = None, **credentials: Any):
        if username:
            delay = login_delay(recent_username_failures(username))
            if delay > 0:
                logger.warning("Login throttled for username %r: %.1f s", username, delay)
                self.sleep(delay)
        return None


def two_factor_required(user) -> bool:
    """Whether this user must have a second factor (only while PORTAL_2FA_REQUIRED is on)."""
    if not settings.PORTAL_2FA_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or is_lbf_staff(user)


# Whether the session's user has a confirmed device, kept in the session from login on so
# the middleware costs no query per request for the many users without one.
HAS_DEVICE_KEY = "_portal_2fa_device"


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def session_has_device(request: HttpRequest) -> bool:
    has_device = request.session.get(HAS_DEVICE_KEY)
    if has_device is None:
        has_device = confirmed_totp_device(request.user) is not None
        request.session[HAS_DEVICE_KEY] = has_device
    return has_device


def totp_device_for_enrolment(*, user) -> TOTPDevice:
    """The user's unconfirmed device (a fresh random key), created once and reused, so the
    QR code stays the same when the enrolment page is reloaded."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).filter(confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=gettext("Godkendelsesapp"), confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice) -> TOTPDevice:
    """Confirm a device whose first code was right; any other device of the user goes."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    logger.info("Two-factor device confirmed for user id %s", device.user_id)
    return device


def totp_devices_remove(*, user) -> int:
    """Switch two-factor off for a user who is not required to have it."""
    if two_factor_required(user):
        raise PermissionDenied
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    logger.info("Two-factor devices removed for user id %s", user.pk)
    return deleted


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a locked-out login: a Danish page naming the cool-off time."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    logger.warning(
        "Login refused (locked out) for username %r from %s",
        (credentials or {}).get("username") or request.POST.get("username"),
        client_ip(request),
    )
    return render(
        request,
        "registration/lockout.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware: an authenticated user who is not verified is sent
    to the code page (has a device) or to enrolment (needs one), and reaches nothing else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user  # django-otp's OTPMiddleware adds is_verified()
        if user.is_authenticated and not user.is_verified():
            target = self._target(request, user)
            if target is not None and not self._exempt(request):
                return self._redirect(request, target)
        return self.get_response(request)

    @staticmethod
    def _target(request: HttpRequest, user) -> str | None:
        """Where an unverified user must go: the code page, enrolment, or nowhere."""
        if session_has_device(request):
            return "two_factor_verify"
        if two_factor_required(user):
            # The few who must have a device: look again, one may have been added since login.
            if confirmed_totp_device(user) is not None:
                request.session[HAS_DEVICE_KEY] = True
                return "two_factor_verify"
            return "two_factor_enrol"
        return None

    @staticmethod
    def _exempt(request: HttpRequest) -> bool:
        if request.path_info.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.url_name in TWO_FACTOR_EXEMPT_URL_NAMES

    @staticmethod
    def _redirect(request: HttpRequest, url_name: str) -> HttpResponse:
        url = reverse(url_name)
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(url)


def _request_ip(request: HttpRequest | None) -> str | None:
    return client_ip(request) if request is not None else None


@receiver(user_login_failed)
def _log_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Never the password: Django has already cleansed it from ``credentials``.
    logger.warning("Login failed for username %r from %s", credentials.get("username"), _request_ip(request))


@receiver(user_logged_in)
def _log_login(sender, request, user, **kwargs) -> None:
    logger.info("Login: user %s (id %s) from %s", user.get_username(), user.pk, _request_ip(request))
    if request is not None and hasattr(request, "session"):
        request.session[HAS_DEVICE_KEY] = confirmed_totp_device(user) is not None


@receiver(user_logged_out)
def _log_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        logger.info("Logout: user %s (id %s)", user.get_username(), user.pk)
