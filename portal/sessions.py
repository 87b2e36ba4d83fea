"""Session lifetime: idle timeout, absolute lifetime, and ending a user's sessions.

Sessions live in the database (``django.contrib.sessions.backends.db``). The session
carries the login time and the last activity (epoch seconds). The middleware ends a session
idle for ``PORTAL_SESSION_IDLE_SECONDS`` or older than ``PORTAL_SESSION_MAX_SECONDS``, and
writes the last activity at most once a minute, so an ordinary request costs no write.
Deactivating a user (``is_active=False`` by any ``save()``: admin, service, shell) deletes
every session of theirs.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.db.models.signals import post_init, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger("portal.auth")

LOGIN_AT_KEY = "_portal_login_at"
LAST_SEEN_KEY = "_portal_last_seen"
# Write the last activity at most this often (seconds).
LAST_SEEN_RESOLUTION = 60


def _now() -> int:
    return int(timezone.now().timestamp())


class SessionTimeoutMiddleware:
    """After AuthenticationMiddleware: logs out a session that has been idle too long or
    has lived too long; LoginRequiredMiddleware then sends the now anonymous user to login."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    @staticmethod
    def _check(request: HttpRequest) -> None:
        session = request.session
        now = _now()
        login_at = session.get(LOGIN_AT_KEY)
        last_seen = session.get(LAST_SEEN_KEY)
        if login_at is None or last_seen is None:
            # A session from before this middleware (or force_login in tests): start the clocks.
            session[LOGIN_AT_KEY] = login_at or now
            session[LAST_SEEN_KEY] = now
            return
        if now - last_seen > settings.PORTAL_SESSION_IDLE_SECONDS:
            reason = _("Du er blevet logget ud, fordi du ikke har været aktiv i %(minutter)d minutter.") % {
                "minutter": settings.PORTAL_SESSION_IDLE_SECONDS // 60
            }
        elif now - login_at > settings.PORTAL_SESSION_MAX_SECONDS:
            reason = _("Du er blevet logget ud, fordi du har været logget ind i %(timer)d timer.") % {
                "timer": settings.PORTAL_SESSION_MAX_SECONDS // 3600
            }
        else:
            if now - last_seen >= LAST_SEEN_RESOLUTION:
                session[LAST_SEEN_KEY] = now
            return
        logger.info("Session ended by timeout for user id %s", request.user.pk)
        logout(request)  # deletes the session row and sets an anonymous user
        messages.info(request, reason)


@receiver(user_logged_in)
def _start_session_clocks(sender, request, user, **kwargs) -> None:
    now = _now()
    request.session[LOGIN_AT_KEY] = now
    request.session[LAST_SEEN_KEY] = now


def sessions_end_for_user(*, user_id: int, keep_session_key: str | None = None) -> int:
    """Delete every live session of this user (but ``keep_session_key``); returns how many.

    Database sessions are not indexed by user, so this decodes the unexpired ones: fine for
    a portal's few thousand sessions, and it runs only when a user is deactivated.
    """
    ended = 0
    live = Session.objects.filter(expire_date__gt=timezone.now()).exclude(session_key=keep_session_key or "")
    for session in live.iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            session.delete()
            ended += 1
    if ended:
        logger.info("Ended %s session(s) of user id %s", ended, user_id)
    return ended


User = get_user_model()


@receiver(post_init, sender=User)
def _remember_active(sender, instance, **kwargs) -> None:
    instance._portal_was_active = instance.is_active


@receiver(post_save, sender=User)
def _end_sessions_when_deactivated(sender, instance, created, **kwargs) -> None:
    was_active = getattr(instance, "_portal_was_active", True)
    instance._portal_was_active = instance.is_active
    if not created and was_active and not instance.is_active:
        sessions_end_for_user(user_id=instance.pk)
