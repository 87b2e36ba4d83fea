"""Writes for a plan's organisation: its bodies (board, styre-/følgegrupper, fora), the
delaftaler each follows, its reporting line, and members with their organisation, level and
role. The projektleder and the board build it (``PlanRoles.can_build``) while the plan's
state allows (``helhedsplaner.lifecycle``: "organer"). A member given access gets an account
and an invitation (``helhedsplaner.invitations``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhedsplaner import invitations, lifecycle
from helhedsplaner.access import plan_roles
from helhedsplaner.models import Boligorganisation, Delaftale, Forvaltning, Helhedsplan
from portal.errors import NotAllowed
from portal.services import validated_save

from .models import Medlemskab, Organ, Person


def _require_builder(user, plan: Helhedsplan) -> None:
    if not plan_roles(user, plan).can_build:
        raise NotAllowed(_("Kun planens projektleder eller bestyrelse kan ændre planens organisering."))
    lifecycle.require(plan, "organer")


def organ_save(*, user, organ: Organ, daekker: list[Delaftale]) -> Organ:
    """Create or update a body and the delaftaler it follows (a board follows all of them
    through its groups, so ``daekker`` is kept empty for a board)."""
    plan = organ.helhedsplan
    _require_builder(user, plan)
    if (
        organ.type == Organ.Type.BESTYRELSE
        and Organ.objects.filter(helhedsplan=plan, type=Organ.Type.BESTYRELSE).exclude(pk=organ.pk).exists()
    ):
        raise ValidationError({"type": _("Planen har allerede en boligsocial bestyrelse.")})
    if Organ.objects.filter(helhedsplan=plan, navn=organ.navn).exclude(pk=organ.pk).exists():
        raise ValidationError({"navn": _("Planen har allerede et organ med det navn.")})
    if any(d.helhedsplan_id != plan.pk for d in daekker):
        raise ValidationError({"daekker": _("Delaftalerne skal høre til planen.")})
    with transaction.atomic():
        validated_save(organ, user=user)
        organ._history_user = user  # type: ignore[attr-defined]
        organ.daekker.set([] if organ.type == Organ.Type.BESTYRELSE else daekker)
    return organ


@dataclass
class MedlemData:
    navn: str
    email: str
    stilling: str
    rolle: str
    repraesenterer: str
    niveau: str
    fra: datetime.date
    forvaltning_navn: str = ""
    forvaltning_omraade: str = ""
    boligorganisation: Boligorganisation | None = None
    organisation: str = ""
    inviter: bool = False


def medlemskab_add(*, user, organ: Organ, data: MedlemData, base_url: str) -> Medlemskab:
    """Add a member to ``organ``: the person (found by e-mail, else new), who they represent
    (a kommune member names their forvaltning, created in the plan's kommune when new), and,
    with ``inviter``, an account and an invitation to set its password."""
    plan = organ.helhedsplan
    _require_builder(user, plan)
    errors: dict[str, list[str]] = {}
    R = Medlemskab.Repraesenterer
    if data.repraesenterer == R.KOMMUNE and not data.forvaltning_navn.strip():
        errors["forvaltning_navn"] = [_("Skriv hvilken forvaltning i kommunen medlemmet kommer fra.")]
    if data.repraesenterer == R.BOLIGORGANISATION and (
        data.boligorganisation is None
        or not plan.boligorganisationer.filter(pk=data.boligorganisation.pk).exists()
    ):
        errors["boligorganisation"] = [_("Vælg en af planens boligorganisationer.")]
    if data.inviter and not data.email:
        errors["email"] = [_("Skriv personens e-mail for at sende en invitation.")]
    if errors:
        raise ValidationError(errors)
    reason = _("Medlem tilføjet")
    with transaction.atomic():
        forvaltning = None
        if data.repraesenterer == R.KOMMUNE:
            navn = data.forvaltning_navn.strip()
            forvaltning = Forvaltning.objects.filter(kommune=plan.kommune, navn=navn).first()
            if forvaltning is None:
                forvaltning = Forvaltning(
                    kommune=plan.kommune,
                    navn=navn,
                    omraade=data.forvaltning_omraade or Forvaltning.Omraade.ANDET,
                )
                validated_save(forvaltning, user=user, reason=reason)
        if data.email:
            if data.inviter:
                person, due = invitations.person_with_account(
                    user=user, navn=data.navn, email=data.email, stilling=data.stilling
                )
            else:
                person = Person.objects.filter(email__iexact=data.email).first() or Person(
                    navn=data.navn, email=data.email, stilling=data.stilling
                )
                due = False
        else:
            person, due = Person(navn=data.navn, stilling=data.stilling), False
        if person.pk is None:
            validated_save(person, user=user, reason=reason)
        if organ.medlemskaber.filter(person=person, til__isnull=True).exists():
            raise ValidationError({"navn": _("Personen er allerede medlem af organet.")})
        medlemskab = Medlemskab(
            person=person,
            organ=organ,
            rolle=data.rolle,
            repraesenterer=data.repraesenterer,
            niveau=data.niveau,
            fra=data.fra,
            forvaltning=forvaltning,
            boligorganisation=data.boligorganisation if data.repraesenterer == R.BOLIGORGANISATION else None,
            organisation=data.organisation
            if data.repraesenterer not in (R.KOMMUNE, R.BOLIGORGANISATION)
            else "",
        )
        validated_save(medlemskab, user=user, reason=reason)
        if due:
            rolle = f"{medlemskab.get_rolle_display().lower()} i {organ.navn}"
            transaction.on_commit(
                lambda: invitations.invitation_send(
                    user=person.user, plan=plan, rolle=rolle, invited_by=user, base_url=base_url
                )
            )
    return medlemskab
