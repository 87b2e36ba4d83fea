"""Personal API keys: create, authenticate, revoke (the one home of the key rules)."""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.access import is_lbf_staff
from portal.errors import Invalid, NotAllowed
from portal.services import validated_save

from .models import ApiNoegle

logger = logging.getLogger(__name__)

PREFIX = "bsp_"
#: The shown beginning of a key: the fixed prefix and 8 random characters.
SHOWN = len(PREFIX) + 8
#: Last use is written at most this often per key (not one write per call).
LAST_USED_EVERY = datetime.timedelta(seconds=60)


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def needs_verified_session(user) -> bool:
    """LBF staff (and staff and superusers, who see every plan too) create keys only from a
    session verified with a second factor."""
    return bool(user.is_superuser or user.is_staff or is_lbf_staff(user))


def may_create(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    if needs_verified_session(user):
        return bool(getattr(user, "is_verified", lambda: False)())
    return True


def key_create(*, user, navn: str, udloeber: datetime.datetime | None = None) -> tuple[ApiNoegle, str]:
    """A new key for ``user``; returns the row and the key itself (shown once, never stored)."""
    raw = PREFIX + secrets.token_urlsafe(32)
    if udloeber is not None and udloeber <= timezone.now():
        raise Invalid(_("Udløbsdatoen skal ligge i fremtiden."))
    noegle = ApiNoegle(
        bruger=user, navn=navn.strip(), praefiks=raw[:SHOWN], noegle_hash=hash_key(raw), udloeber=udloeber
    )
    validated_save(noegle, user=user, reason="API-nøgle oprettet")
    logger.info("API key %s created for user id %s", noegle.pk, user.pk)
    return noegle, raw


def key_revoke(*, user, noegle_id: int) -> ApiNoegle:
    """Revoke one of ``user``'s own keys (another's or a missing one: 404)."""
    noegle = ApiNoegle.objects.filter(bruger=user, pk=noegle_id).first()
    if noegle is None:
        raise Http404
    if noegle.tilbagekaldt is None:
        noegle.tilbagekaldt = timezone.now()
        noegle.save(update_fields=["tilbagekaldt"])
        logger.info("API key %s revoked by user id %s", noegle.pk, user.pk)
    return noegle


def authenticate(raw: str) -> ApiNoegle | None:
    """The usable key ``raw`` names (with its user), recording its use; else None."""
    if not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    now = timezone.now()
    noegle = ApiNoegle.objects.usable(now).select_related("bruger").filter(noegle_hash=hash_key(raw)).first()
    if noegle is None:
        return None
    if noegle.sidst_brugt is None or now - noegle.sidst_brugt >= LAST_USED_EVERY:
        ApiNoegle.objects.filter(pk=noegle.pk).update(sidst_brugt=now)
        noegle.sidst_brugt = now
    return noegle


def keys_of(user) -> list[ApiNoegle]:
    return list(ApiNoegle.objects.filter(bruger=user))


def rate_limit() -> tuple[int, int]:
    """Calls allowed per key and window (seconds): settings.API_RATE_LIMIT, e.g. "600/60"."""
    calls, seconds = str(settings.API_RATE_LIMIT).split("/")
    return int(calls), int(seconds)


__all__ = ["NotAllowed", "authenticate", "key_create", "key_revoke", "keys_of", "may_create"]
