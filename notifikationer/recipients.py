"""Who receives a notice, and whether they may still see what it is about.

Recipients come from *active* memberships on the day in question, so someone who has left a
body gets nothing; ``may_see`` repeats the plan's access rule per recipient when a notice is
queued and again when its mail is built.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q

from bestyrelser.models import Medlemskab, Organ, Person

from .models import Modtagerprofil

R = Medlemskab.Rolle


def _active(on: datetime.date) -> Q:
    return Q(fra__lte=on) & (Q(til__isnull=True) | Q(til__gte=on))


def profile_for_person(person: Person) -> Modtagerprofil:
    return Modtagerprofil.objects.get_or_create(person=person)[0]


def profile_for_user(user) -> Modtagerprofil:
    person = Person.objects.filter(user=user).first()
    if person is not None:
        return profile_for_person(person)
    return Modtagerprofil.objects.get_or_create(user=user)[0]


def _profiles(persons: Iterable[Person]) -> list[Modtagerprofil]:
    seen: dict[int, Modtagerprofil] = {}
    for person in persons:
        if person.pk not in seen:
            seen[person.pk] = profile_for_person(person)
    return list(seen.values())


def _persons(memberships) -> list[Person]:
    return [m.person for m in memberships.select_related("person", "person__user").order_by("person__navn")]


def members(organ: Organ, on: datetime.date) -> list[Modtagerprofil]:
    """A body's invited members: everyone with an active membership on ``on``."""
    return _profiles(_persons(Medlemskab.objects.filter(_active(on), organ=organ)))


def projektledere(plan_id: int, on: datetime.date) -> list[Modtagerprofil]:
    qs = Medlemskab.objects.filter(_active(on), organ__helhedsplan_id=plan_id, rolle=R.PROJEKTLEDER)
    return _profiles(_persons(qs))


def board_formand(plan_id: int, on: datetime.date) -> list[Modtagerprofil]:
    qs = Medlemskab.objects.filter(
        _active(on), organ__helhedsplan_id=plan_id, organ__type=Organ.Type.BESTYRELSE, rolle=R.FORMAND
    )
    return _profiles(_persons(qs))


def board_approvers(plan_id: int, on: datetime.date) -> list[Modtagerprofil]:
    """The board members who approve status reports (not the projektleder's seat)."""
    qs = Medlemskab.objects.filter(
        _active(on), organ__helhedsplan_id=plan_id, organ__type=Organ.Type.BESTYRELSE
    ).exclude(rolle=R.PROJEKTLEDER)
    return _profiles(_persons(qs))


def report_receivers(delaftale, on: datetime.date) -> list[Modtagerprofil]:
    """Who receives a delaftale's reports: the chair of the group that follows it (all its
    members when it has no formand); with no such group, the board, which approves."""
    groups = delaftale.organer.filter(type__in=Organ.GROUP_TYPES)
    if groups.exists():
        qs = Medlemskab.objects.filter(_active(on), organ__in=groups).exclude(rolle=R.PROJEKTLEDER)
        chairs = qs.filter(rolle=R.FORMAND)
        return _profiles(_persons(chairs if chairs.exists() else qs))
    return board_approvers(delaftale.helhedsplan_id, on)


def receiving_chair(delaftale, on: datetime.date) -> list[Modtagerprofil]:
    """The følgegruppe chair who receives the delaftale's reports, else the board's formand."""
    groups = delaftale.organer.filter(type__in=Organ.GROUP_TYPES)
    chairs = Medlemskab.objects.filter(_active(on), organ__in=groups, rolle=R.FORMAND)
    if chairs.exists():
        return _profiles(_persons(chairs))
    return board_formand(delaftale.helhedsplan_id, on)


def lbf_staff() -> list[Modtagerprofil]:
    users = (
        get_user_model().objects.filter(is_active=True, groups__name=settings.LBF_GROUP_NAME).order_by("pk")
    )
    return [profile_for_user(u) for u in users]


def may_see(profil: Modtagerprofil, plan_id: int | None, on: datetime.date) -> bool:
    """The plan's access rule for this recipient on ``on``: LBF staff and superusers see every
    plan; anyone else needs an active membership of one of the plan's bodies."""
    if plan_id is None:
        return True
    account = profil.account
    if account is not None:
        if not account.is_active:
            return False
        if account.is_superuser or account.groups.filter(name=settings.LBF_GROUP_NAME).exists():
            return True
        who = Q(person__user=account)
    else:
        who = Q(person=profil.person)
    return Medlemskab.objects.filter(who, _active(on), organ__helhedsplan_id=plan_id).exists()
