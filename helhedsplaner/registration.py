"""Setting a plan up without the admin: LBF registers it (area, afdelinger, parties,
round, period, budget, case number, projektleder and board chair with their invitations),
then the projektleder and the board build its structure (delaftaler, delmål). The agreement's
goals and criteria are drafted in :mod:`helhedsplaner.versioning`, the bodies in
:mod:`bestyrelser.services`; the plan's state in :mod:`helhedsplaner.lifecycle`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from bestyrelser.models import Medlemskab, Organ, Person
from portal.access import is_lbf_staff
from portal.errors import NotAllowed
from portal.services import validated_save

from . import invitations, lifecycle
from .access import plan_roles
from .models import (
    Afdeling,
    Aftalestatus,
    Bevillingsperiode,
    Boligomraade,
    Boligorganisation,
    Budgetpost,
    Delaftale,
    Delmaal,
    Helhedsplan,
    Indsatsomraade,
    Kommune,
    Samarbejdsaftale,
    StrategiskMaal,
)


@dataclass
class PersonData:
    navn: str
    email: str
    stilling: str = ""


@dataclass
class AfdelingData:
    nummer: str
    navn: str
    boligorganisation: str  # the name of one of the plan's boligorganisationer
    antal_boliger: int | None = None


@dataclass
class PlanData:
    navn: str
    kommune: Kommune
    boligomraade: str
    antal_beboere: int | None
    boligorganisationer: list[Boligorganisation]
    nye_boligorganisationer: list[str]
    afdelinger: list[AfdelingData]
    bevillingsperiode: Bevillingsperiode
    startdato: datetime.date
    slutdato: datetime.date
    lbf_sagsnummer: str
    budget: dict[str, Decimal] = field(default_factory=dict)  # kilde -> amount for the period
    projektleder: PersonData | None = None
    formand: PersonData | None = None
    formand_boligorganisation: str = ""


LOCAL_SOURCES = (
    Budgetpost.Kilde.KOMMUNE,
    Budgetpost.Kilde.BOLIGORGANISATION,
)


def co_financing_pct(budget: dict[str, Decimal]) -> Decimal | None:
    """The local co-financing's share of the budget (kommune and boligorganisation/afdelinger
    over the total), in percent; None for an empty budget."""
    total = sum(budget.values(), Decimal(0))
    if not total:
        return None
    local = sum((budget.get(k, Decimal(0)) for k in LOCAL_SOURCES), Decimal(0))
    return (local * 100 / total).quantize(Decimal("0.01"))


def spread_over_years(amount: Decimal, years: list[int]) -> dict[int, Decimal]:
    """A period's amount as equal yearly lines (whole kroner; the remainder in the last year),
    so the lines add up to exactly ``amount``."""
    share = (amount / len(years)).quantize(Decimal(1), rounding=ROUND_DOWN)
    out = dict.fromkeys(years, share)
    out[years[-1]] = amount - share * (len(years) - 1)
    return out


def _require_lbf(user) -> None:
    if not (user.is_superuser or is_lbf_staff(user)):
        raise NotAllowed(_("Kun Landsbyggefonden kan registrere en helhedsplan."))


def _validate(data: PlanData, plan: Helhedsplan | None = None) -> None:
    """The rules of a plan's master data, for a new plan and for an edited one (``plan``)."""
    errors: dict[str, list[str]] = {}
    if data.slutdato <= data.startdato:
        errors.setdefault("slutdato", []).append(_("Slutdatoen skal ligge efter startdatoen."))
    if not data.boligorganisationer and not data.nye_boligorganisationer:
        errors.setdefault("boligorganisationer", []).append(
            _("Vælg eller skriv mindst én boligorganisation.")
        )
    names = {b.navn for b in data.boligorganisationer} | set(data.nye_boligorganisationer)
    for afd in data.afdelinger:
        if afd.boligorganisation not in names:
            errors.setdefault("afdelinger", []).append(
                _("Afdeling %(nr)s: »%(org)s« er ikke en af planens boligorganisationer.")
                % {"nr": afd.nummer, "org": afd.boligorganisation}
            )
    if data.formand_boligorganisation and data.formand_boligorganisation not in names:
        errors.setdefault("formand_boligorganisation", []).append(
            _("Formanden skal repræsentere en af planens boligorganisationer.")
        )
    pct = co_financing_pct(data.budget)
    minimum = data.bevillingsperiode.min_medfinansiering_pct
    if pct is None:
        errors.setdefault("budget_lbf", []).append(_("Angiv planens budget."))
    elif pct < minimum:
        errors.setdefault("budget_kommune", []).append(
            _("Den lokale medfinansiering er %(pct)s %%; %(runde)s kræver mindst %(min)s %%.")
            % {
                "pct": f"{pct:.1f}".replace(".", ","),
                "runde": data.bevillingsperiode.navn,
                "min": f"{Decimal(minimum).normalize():f}".replace(".", ","),
            }
        )
    same_case = Helhedsplan.objects.filter(lbf_sagsnummer=data.lbf_sagsnummer)
    if plan is not None:
        same_case = same_case.exclude(pk=plan.pk)
    if same_case.exists():
        errors.setdefault("lbf_sagsnummer", []).append(
            _("Der findes allerede en plan med det LBF-sagsnummer.")
        )
    if errors:
        raise ValidationError(errors)


def _area(*, user, data: PlanData, reason: str) -> Boligomraade:
    """The plan's boligområde: the kommune's area of that name, or a new one."""
    omraade = Boligomraade.objects.filter(kommune=data.kommune, navn=data.boligomraade).first()
    if omraade is None:
        omraade = Boligomraade(kommune=data.kommune, navn=data.boligomraade)
    if data.antal_beboere is not None and omraade.antal_beboere != data.antal_beboere:
        omraade.antal_beboere = data.antal_beboere
        validated_save(omraade, user=user, reason=reason)
    elif omraade.pk is None:
        validated_save(omraade, user=user, reason=reason)
    return omraade


def _organisations(*, user, data: PlanData, reason: str) -> dict[str, Boligorganisation]:
    """The plan's boligorganisationer by name: those chosen and those typed (created if new)."""
    orgs = {b.navn: b for b in data.boligorganisationer}
    for navn in data.nye_boligorganisationer:
        org = Boligorganisation.objects.filter(navn=navn).first() or Boligorganisation(navn=navn)
        if org.pk is None:
            validated_save(org, user=user, reason=reason)
        orgs[navn] = org
    return orgs


def _parties(
    *, user, plan: Helhedsplan, data: PlanData, omraade: Boligomraade, orgs: dict, reason: str
) -> None:
    """Link the plan to its boligorganisationer and afdelinger (an afdeling is found by its
    organisation and number, created if new; only what changed is saved)."""
    afdelinger = []
    for afd in data.afdelinger:
        org = orgs[afd.boligorganisation]
        row = Afdeling.objects.filter(boligorganisation=org, nummer=afd.nummer).first() or Afdeling(
            boligorganisation=org, nummer=afd.nummer
        )
        before = (row.navn, row.boligomraade_id, row.antal_boliger)
        row.navn, row.boligomraade = afd.navn, omraade
        if afd.antal_boliger is not None:
            row.antal_boliger = afd.antal_boliger
        if row.pk is None or before != (row.navn, row.boligomraade_id, row.antal_boliger):
            validated_save(row, user=user, reason=reason)
        afdelinger.append(row)
    plan._history_user = user  # type: ignore[attr-defined]
    plan.boligorganisationer.set(orgs.values())
    plan.afdelinger.set(afdelinger)


def budget_totals(plan: Helhedsplan) -> dict[str, Decimal]:
    """The plan's budget for the whole period by source (what the registration typed)."""
    totals: dict[str, Decimal] = {}
    for post in plan.budgetposter.all():
        totals[post.kilde] = totals.get(post.kilde, Decimal(0)) + post.beloeb
    return totals


def _budget(*, user, plan: Helhedsplan, data: PlanData, reason: str) -> None:
    """The budget as yearly lines over the period: each source's amount spread over the
    years. A source whose amount and years are unchanged keeps its lines as they are (LBF
    may have adjusted single years); a changed source is spread anew; an emptied one goes."""
    years = list(range(data.startdato.year, data.slutdato.year + 1))
    existing: dict[str, list[Budgetpost]] = {}
    for post in plan.budgetposter.all():
        existing.setdefault(post.kilde, []).append(post)
    for kilde in set(existing) | set(data.budget):
        amount = data.budget.get(kilde) or Decimal(0)
        posts = existing.get(kilde, [])
        if sum((p.beloeb for p in posts), Decimal(0)) == amount and [p.aar for p in posts] == years:
            continue
        wanted = spread_over_years(amount, years) if amount else {}
        for post in posts:
            if post.aar not in wanted:
                post._history_user = user  # type: ignore[attr-defined]
                post._change_reason = reason  # type: ignore[attr-defined]
                post.delete()
        by_year = {p.aar: p for p in posts}
        for aar, beloeb in wanted.items():
            post = by_year.get(aar) or Budgetpost(helhedsplan=plan, aar=aar, kilde=kilde)
            if post.pk is None or post.beloeb != beloeb:
                post.beloeb = beloeb
                validated_save(post, user=user, reason=reason)


def plan_register(*, user, data: PlanData, base_url: str) -> Helhedsplan:
    """LBF registers a plan in state kladde: its area, parties, afdelinger, budget (spread
    over the period's years), the agreement's first draft, the board, and the projektleder
    and board chair, who are invited (after the commit) to set their password."""
    _require_lbf(user)
    _validate(data)
    reason = _("Registreret af LBF")
    invite: list[tuple[Person, str]] = []
    with transaction.atomic():
        omraade = _area(user=user, data=data, reason=reason)
        orgs = _organisations(user=user, data=data, reason=reason)
        plan = Helhedsplan(
            navn=data.navn,
            boligomraade=omraade,
            kommune=data.kommune,
            bevillingsperiode=data.bevillingsperiode,
            startdato=data.startdato,
            slutdato=data.slutdato,
            lbf_sagsnummer=data.lbf_sagsnummer,
            status=Helhedsplan.Status.KLADDE,
        )
        validated_save(plan, user=user, reason=reason)
        _parties(user=user, plan=plan, data=data, omraade=omraade, orgs=orgs, reason=reason)
        _budget(user=user, plan=plan, data=data, reason=reason)
        validated_save(
            Samarbejdsaftale(
                helhedsplan=plan,
                version=1,
                status=Aftalestatus.KLADDE,
                gyldig_fra=data.startdato,
                gyldig_til=data.slutdato,
            ),
            user=user,
            reason=reason,
        )
        board = Organ(
            helhedsplan=plan,
            navn=_("Boligsocial bestyrelse for %(navn)s") % {"navn": omraade.navn},
            type=Organ.Type.BESTYRELSE,
        )
        validated_save(board, user=user, reason=reason)
        fra = min(data.startdato, timezone.localdate())
        for who, rolle, extra in (
            (
                data.projektleder,
                Medlemskab.Rolle.PROJEKTLEDER,
                {"repraesenterer": Medlemskab.Repraesenterer.SEKRETARIAT, "niveau": Medlemskab.Niveau.LEDER},
            ),
            (
                data.formand,
                Medlemskab.Rolle.FORMAND,
                {
                    "repraesenterer": Medlemskab.Repraesenterer.BOLIGORGANISATION,
                    "boligorganisation": orgs.get(data.formand_boligorganisation)
                    or next(iter(orgs.values())),
                    "niveau": Medlemskab.Niveau.DIREKTOER,
                },
            ),
        ):
            if who is None:
                continue
            person, needs_invite = invitations.person_with_account(
                user=user, navn=who.navn, email=who.email, stilling=who.stilling
            )
            validated_save(
                Medlemskab(person=person, organ=board, rolle=rolle, fra=fra, **extra),
                user=user,
                reason=reason,
            )
            if needs_invite:
                invite.append((person, Medlemskab.Rolle(rolle).label.lower()))

        def send() -> None:
            for person, rolle in invite:
                invitations.invitation_send(
                    user=person.user, plan=plan, rolle=rolle, invited_by=user, base_url=base_url
                )

        transaction.on_commit(send)
    return plan


def plan_update(*, user, plan: Helhedsplan, data: PlanData) -> Helhedsplan:
    """LBF corrects a registered plan's master data (name, case number, round, period,
    kommune and area, boligorganisationer, afdelinger, budget) by the registration's rules;
    every change is recorded. The projektleder and the board are not touched here (the
    bodies' pages), and a finished plan no longer changes."""
    if not (user.is_superuser or is_lbf_staff(user)):
        raise NotAllowed(_("Kun Landsbyggefonden kan rette planens stamdata."))
    lifecycle.require(plan, "stamdata")
    _validate(data, plan=plan)
    reason = _("Stamdata rettet af LBF")
    with transaction.atomic():
        locked = Helhedsplan.objects.select_for_update().get(pk=plan.pk)
        lifecycle.require(locked, "stamdata")
        omraade = _area(user=user, data=data, reason=reason)
        orgs = _organisations(user=user, data=data, reason=reason)
        fields = {
            "navn": data.navn,
            "boligomraade_id": omraade.pk,
            "kommune_id": data.kommune.pk,
            "bevillingsperiode_id": data.bevillingsperiode.pk,
            "startdato": data.startdato,
            "slutdato": data.slutdato,
            "lbf_sagsnummer": data.lbf_sagsnummer,
        }
        if any(getattr(locked, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(locked, k, v)
            validated_save(locked, user=user, reason=reason)
        _parties(user=user, plan=locked, data=data, omraade=omraade, orgs=orgs, reason=reason)
        _budget(user=user, plan=locked, data=data, reason=reason)
    return locked


# --- The structure ------------------------------------------------------------------------


def _require_builder(user, plan: Helhedsplan) -> None:
    if not plan_roles(user, plan).can_build:
        raise NotAllowed(_("Kun planens projektleder eller bestyrelse kan opbygge planens struktur."))


def delaftale_create(*, user, plan: Helhedsplan, indsatsomraade: Indsatsomraade, formaal: str) -> Delaftale:
    """A new delaftale (draft) for one of the round's indsatsområder, valid for the plan's period."""
    _require_builder(user, plan)
    lifecycle.require(plan, "struktur")
    if not plan.bevillingsperiode.indsatsomraader.filter(pk=indsatsomraade.pk).exists():
        raise ValidationError(
            {"indsatsomraade": _("Indsatsområdet hører ikke til planens bevillingsperiode.")}
        )
    if plan.delaftaler.filter(indsatsomraade=indsatsomraade).exists():
        raise ValidationError(
            {"indsatsomraade": _("Planen har allerede en delaftale for det indsatsområde.")}
        )
    with transaction.atomic():
        delaftale = Delaftale(
            helhedsplan=plan,
            indsatsomraade=indsatsomraade,
            formaal=formaal,
            status=Aftalestatus.KLADDE,
            gyldig_fra=plan.startdato,
            gyldig_til=plan.slutdato,
        )
        validated_save(delaftale, user=user, reason=_("Delaftale oprettet"))
    return delaftale


def delmaal_create(
    *, user, delaftale: Delaftale, titel: str, beskrivelse: str, strategiske_maal: list[StrategiskMaal]
) -> Delmaal:
    """A new delmål under ``delaftale`` (next number), linked to the plan's strategic goals."""
    plan = delaftale.helhedsplan
    if not plan_roles(user, plan).can_edit_practice:
        raise NotAllowed(_("Kun planens projektleder kan ændre den praktiske del af planen."))
    lifecycle.require(plan, "struktur")
    if any(g.samarbejdsaftale.helhedsplan_id != plan.pk for g in strategiske_maal):
        raise ValidationError({"strategiske_maal": _("Målene skal høre til planens samarbejdsaftale.")})
    with transaction.atomic():
        Delaftale.objects.select_for_update().filter(pk=delaftale.pk).first()
        number = (delaftale.delmaal.aggregate(m=Max("nummer"))["m"] or 0) + 1
        delmaal = Delmaal(delaftale=delaftale, nummer=number, titel=titel, beskrivelse=beskrivelse)
        validated_save(delmaal, user=user, reason=_("Delmål oprettet"))
        delmaal._history_user = user  # type: ignore[attr-defined]
        delmaal.strategiske_maal.set(strategiske_maal)
    return delmaal
