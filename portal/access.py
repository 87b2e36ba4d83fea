"""Roles and object access: the one place that answers who may see or change a plan.

Roles come from memberships of a plan's bodies (see DESIGN.md), plus the group
``settings.LBF_GROUP_NAME`` for Landsbyggefonden's staff. Views fetch plans through
:func:`get_plan_for_user`, so a plan the user may not see answers 404, exactly as one
that does not exist.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

if TYPE_CHECKING:
    from helhedsplaner.models import Helhedsplan


def is_lbf_staff(user) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_is_lbf_staff", None)
    if cached is None:
        cached = user.groups.filter(name=settings.LBF_GROUP_NAME).exists()
        user._is_lbf_staff = cached
    return cached


def active_membership_q(prefix: str, user, on: datetime.date | None = None) -> Q:
    """A Q for an active membership held by ``user``, through the relation ``prefix``
    (e.g. ``"organer__medlemskaber__"`` from Helhedsplan, ``""`` on Medlemskab)."""
    on = on or timezone.localdate()
    return (
        Q(**{f"{prefix}person__user": user})
        & Q(**{f"{prefix}fra__lte": on})
        & (Q(**{f"{prefix}til__isnull": True}) | Q(**{f"{prefix}til__gte": on}))
    )


@dataclass(frozen=True)
class PlanRoles:
    """What one user is in one plan, derived from their active memberships."""

    lbf: bool = False
    projektleder: bool = False
    bestyrelsesmedlem: bool = False
    formand: bool = False
    gruppemedlem: bool = False

    @property
    def can_view(self) -> bool:
        return any((self.lbf, self.projektleder, self.bestyrelsesmedlem, self.gruppemedlem))

    @property
    def can_edit_practice(self) -> bool:
        """Activities, registrations, delmål, status reports and imports."""
        return self.projektleder


def plan_roles(user, plan: Helhedsplan) -> PlanRoles:
    from bestyrelser.models import Medlemskab, Organ

    if not user.is_authenticated:
        return PlanRoles()
    memberships = Medlemskab.objects.filter(
        active_membership_q("", user), organ__helhedsplan=plan
    ).values_list("rolle", "organ__type")
    projektleder = bestyrelse = formand = gruppe = False
    for rolle, organ_type in memberships:
        if rolle == Medlemskab.Rolle.PROJEKTLEDER:
            projektleder = True
        elif organ_type == Organ.Type.BESTYRELSE:
            bestyrelse = True
            formand = formand or rolle == Medlemskab.Rolle.FORMAND
        else:
            gruppe = True
    return PlanRoles(
        lbf=user.is_superuser or is_lbf_staff(user),
        projektleder=projektleder,
        bestyrelsesmedlem=bestyrelse,
        formand=formand,
        gruppemedlem=gruppe,
    )


def get_plan_for_user(user, pk: int, queryset=None) -> Helhedsplan:
    """The plan with ``pk`` if ``user`` may see it, else Http404."""
    from helhedsplaner.models import Helhedsplan

    qs = queryset if queryset is not None else Helhedsplan.objects.all()
    return get_object_or_404(qs.visible_to(user), pk=pk)
