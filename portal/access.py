"""Access rules that know no domain app: who is LBF staff, and what "an active
membership" means. Roles in a plan (projektleder, board, groups) and per-object permissions
build on these in :mod:`helhedsplaner.access`, the one place that answers who may see or
change a plan."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.utils import timezone


def is_lbf_staff(user) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_is_lbf_staff", None)
    if cached is None:
        cached = user.groups.filter(name=settings.LBF_GROUP_NAME).exists()
        user._is_lbf_staff = cached
    return cached


def require_lbf_staff(user) -> None:
    """Pages across plans are LBF's (and superusers'); to anyone else they do not exist
    (404, like a plan one may not see), so one rule covers every page: what you may not
    see is 404, what you see but may not do is 403."""
    if not (user.is_authenticated and (user.is_superuser or is_lbf_staff(user))):
        raise Http404


def active_membership_q(prefix: str, user, on: datetime.date | None = None) -> Q:
    """A Q for an active membership held by ``user``, through the relation ``prefix``
    (e.g. ``"organer__medlemskaber__"`` from Helhedsplan, ``""`` on Medlemskab)."""
    on = on or timezone.localdate()
    return (
        Q(**{f"{prefix}person__user": user})
        & Q(**{f"{prefix}fra__lte": on})
        & (Q(**{f"{prefix}til__isnull": True}) | Q(**{f"{prefix}til__gte": on}))
    )
