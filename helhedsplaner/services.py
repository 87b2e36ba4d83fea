"""Writes to the practical level of a plan: activities, registrations, delmål and the
status report workflow. Views, forms, the admin, commands and tasks all come here.

Every function checks the acting user's role (``portal.access``), validates with
``full_clean()``, records who did it in history, refuses to overwrite a newer version
(optimistic locking on ``revision``) and queues a recompute of the plan's monitoring
after the transaction commits.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from monitorering.models import Indikator, Maaling
from monitorering.services import recompute_request
from portal import outbox
from portal.errors import Locked, NotAllowed, ServiceError
from portal.services import validated_save

from .access import plan_roles, report_permissions
from .models import (
    Aktivitet,
    Aktivitetsregistrering,
    Delaftale,
    Delmaal,
    Delmaalstatus,
    Deltagertal,
    Helhedsplan,
    Maalgruppe,
    Milepael,
    Samarbejdspartner,
    Statusrapport,
    StrategiskMaal,
    Succeskriterie,
)
from .selectors import implausible, report_criteria
from .signals import send_on_commit, statusrapport_changed
from .states import require as _require_state  # what the plan's lifecycle state allows

S = Statusrapport.Status


#: LBF's audit of one plan (run by tilsyn, the layer above, which registers the task). It
#: stores the plan's overdue-report count for LBF's overview, so a report entering or leaving
#: draft asks for it by name through the outbox; this app never imports tilsyn.
PLAN_AUDIT_TASK = "tilsyn.audit_plan"


def plan_audit_request(*, plan_id: int) -> None:
    """Queue the plan's audit after the commit, one pending audit per plan (the outbox key)."""
    outbox.send(PLAN_AUDIT_TASK, args=[plan_id], key=f"tilsyn:audit:{plan_id}")


def _require_projektleder(user, plan: Helhedsplan) -> None:
    if not plan_roles(user, plan).can_edit_practice:
        raise NotAllowed(_("Kun planens projektleder kan ændre aktiviteter, delmål og statusrapporter."))


def _plan_of_delmaal(delmaal: Delmaal) -> Helhedsplan:
    return delmaal.delaftale.helhedsplan


def _check_in_plan_period(plan: Helhedsplan, day: datetime.date | None, field: str) -> None:
    if day is not None and not plan.startdato <= day <= plan.slutdato:
        raise ValidationError(
            {
                field: _("Datoen skal ligge i planperioden %(fra)s–%(til)s.")
                % {"fra": date_format(plan.startdato), "til": date_format(plan.slutdato)}
            }
        )


# Activities -----------------------------------------------------------------------------


def aktivitet_save(
    *,
    user,
    aktivitet: Aktivitet,
    maalgrupper: Iterable[Maalgruppe],
    samarbejdspartnere: Iterable[Samarbejdspartner],
    nye_samarbejdspartnere: Iterable[str] = (),
    expected_revision: int | None = None,
) -> Aktivitet:
    """Create or update an activity (fields already set on ``aktivitet``), with partners
    from the plan's catalogue and the names typed in as new ones (added to the catalogue
    of this plan only, unless the plan already has them)."""
    plan = _plan_of_delmaal(aktivitet.delmaal)
    _require_projektleder(user, plan)
    _require_state(plan, "aktiviteter")
    _check_in_plan_period(plan, aktivitet.startdato, "startdato")
    _check_in_plan_period(plan, aktivitet.slutdato, "slutdato")
    partners = list(samarbejdspartnere)
    if any(p.helhedsplan_id != plan.pk for p in partners):
        raise ValidationError(
            {"samarbejdspartnere": _("Samarbejdspartnerne skal høre til samme helhedsplan.")}
        )
    with transaction.atomic():
        validated_save(aktivitet, user=user, expected_revision=expected_revision)
        aktivitet.maalgrupper.set(maalgrupper)
        partners += [samarbejdspartner_for_plan(user=user, plan=plan, navn=n) for n in nye_samarbejdspartnere]
        aktivitet.samarbejdspartnere.set(partners)
    recompute_request(plan_id=plan.pk)
    return aktivitet


def samarbejdspartner_for_plan(*, user, plan: Helhedsplan, navn: str) -> Samarbejdspartner:
    """The plan's partner called ``navn`` (case aside), added to the plan's catalogue if
    missing. Callers check the user's role."""
    navn = " ".join(navn.split())[: Samarbejdspartner._meta.get_field("navn").max_length]
    existing = Samarbejdspartner.objects.filter(helhedsplan=plan, navn__iexact=navn).first()
    if existing is not None:
        return existing
    partner = Samarbejdspartner(helhedsplan=plan, navn=navn)
    validated_save(partner, user=user, reason=_("Tilføjet fra aktivitetsformularen"))
    return partner


def aktivitet_close(
    *, user, aktivitet: Aktivitet, status: str, slutdato: datetime.date, expected_revision: int
) -> Aktivitet:
    """Close an activity as afsluttet or aflyst on ``slutdato``."""
    if status not in (Aktivitet.Status.AFSLUTTET, Aktivitet.Status.AFLYST):
        raise ValidationError({"status": _("En aktivitet afsluttes som afsluttet eller aflyst.")})
    plan = _plan_of_delmaal(aktivitet.delmaal)
    _require_projektleder(user, plan)
    _require_state(plan, "aktiviteter")
    _check_in_plan_period(plan, slutdato, "slutdato")
    if slutdato < aktivitet.startdato:
        raise ValidationError({"slutdato": _("Slutdatoen kan ikke ligge før aktivitetens start.")})
    with transaction.atomic():
        aktivitet.status = status
        aktivitet.slutdato = slutdato
        validated_save(
            aktivitet, user=user, expected_revision=expected_revision, reason=_("Aktivitet afsluttet")
        )
    recompute_request(plan_id=plan.pk)
    return aktivitet


@dataclass(frozen=True)
class Registrering:
    """One session to register: date, hours, note and participants per target group id."""

    dato: datetime.date
    timer: Decimal
    note: str
    deltagere: Mapping[int, int]


def _check_registration(aktivitet: Aktivitet, plan: Helhedsplan, reg: Registrering) -> None:
    _check_in_plan_period(plan, reg.dato, "dato")
    if reg.dato < aktivitet.startdato or (aktivitet.slutdato and reg.dato > aktivitet.slutdato):
        raise ValidationError(
            {
                "dato": _("Datoen skal ligge i aktivitetens periode %(fra)s–%(til)s.")
                % {
                    "fra": date_format(aktivitet.startdato),
                    "til": date_format(aktivitet.slutdato) if aktivitet.slutdato else "…",
                }
            }
        )
    if reg.timer < 0:
        raise ValidationError({"timer": _("Timer kan ikke være negative.")})
    if any(antal < 0 for antal in reg.deltagere.values()):
        raise ValidationError({"deltagere": _("Antal deltagere kan ikke være negativt.")})


def aktivitetsregistreringer_create(
    *, user, aktivitet: Aktivitet, registreringer: list[Registrering]
) -> list[Aktivitetsregistrering]:
    """Register one or many sessions of ``aktivitet`` in one transaction: all or none."""
    plan = _plan_of_delmaal(aktivitet.delmaal)
    _require_projektleder(user, plan)
    _require_state(plan, "drift")
    if aktivitet.status == Aktivitet.Status.AFLYST:
        raise ServiceError(_("Aktiviteten er aflyst; der kan ikke registreres gange på den."))
    for reg in registreringer:
        _check_registration(aktivitet, plan, reg)
    created = []
    with transaction.atomic():
        for reg in registreringer:
            row = Aktivitetsregistrering(
                aktivitet=aktivitet, dato=reg.dato, timer=reg.timer, note=reg.note, registreret_af=user
            )
            validated_save(row, user=user)
            for maalgruppe_id, antal in reg.deltagere.items():
                if antal:
                    tal = Deltagertal(registrering=row, maalgruppe_id=maalgruppe_id, antal=antal)
                    validated_save(tal, user=user)
            created.append(row)
    recompute_request(plan_id=plan.pk)
    return created


def aktivitetsregistrering_delete(*, user, registrering: Aktivitetsregistrering) -> None:
    plan = _plan_of_delmaal(registrering.aktivitet.delmaal)
    _require_projektleder(user, plan)
    _require_state(plan, "drift")
    with transaction.atomic():
        registrering._history_user = user  # type: ignore[attr-defined]
        registrering.delete()
    recompute_request(plan_id=plan.pk)


# Delmål ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MilepaelData:
    dato: datetime.date
    beskrivelse: str
    naaet: bool
    pk: int | None = None
    slet: bool = False


def delmaal_update(
    *,
    user,
    delmaal: Delmaal,
    strategiske_maal: Iterable[StrategiskMaal],
    milepaele: Iterable[MilepaelData],
    expected_revision: int,
) -> Delmaal:
    """Save a delmål's text and status, its links to strategic goals (at least one, of
    the same plan) and its milestones."""
    plan = _plan_of_delmaal(delmaal)
    _require_projektleder(user, plan)
    goals = list(strategiske_maal)
    if not goals:
        raise ValidationError({"strategiske_maal": _("Et delmål skal bidrage til mindst ét strategisk mål.")})
    if any(goal.samarbejdsaftale.helhedsplan_id != plan.pk for goal in goals):
        raise ValidationError({"strategiske_maal": _("Målene skal høre til samme helhedsplan.")})
    with transaction.atomic():
        validated_save(delmaal, user=user, expected_revision=expected_revision)
        delmaal.strategiske_maal.set(goals)
        existing = {m.pk: m for m in delmaal.milepaele.all()}
        for data in milepaele:
            if data.pk is not None and data.pk not in existing:
                raise ValidationError(_("Milepælen hører ikke til dette delmål."))
            milepael = existing[data.pk] if data.pk else Milepael(delmaal=delmaal)
            if data.slet:
                if milepael.pk:
                    milepael._history_user = user  # type: ignore[attr-defined]
                    milepael.delete()
                continue
            milepael.dato, milepael.beskrivelse, milepael.naaet = data.dato, data.beskrivelse, data.naaet
            validated_save(milepael, user=user)
    recompute_request(plan_id=plan.pk)
    return delmaal


# Status reports -------------------------------------------------------------------------


def _refuse_locked(rapport: Statusrapport) -> None:
    if rapport.er_laast:
        raise Locked(_("Statusrapporten er godkendt og låst; den kan ikke ændres."))


def statusrapport_create(
    *, user, delaftale: Delaftale, periode_start: datetime.date, periode_slut: datetime.date
) -> Statusrapport:
    plan = delaftale.helhedsplan
    _require_projektleder(user, plan)
    _require_state(plan, "drift")
    if Statusrapport.objects.filter(delaftale=delaftale, periode_start=periode_start).exists():
        raise ServiceError(_("Der findes allerede en statusrapport for denne delaftale og periode."))
    rapport = Statusrapport(delaftale=delaftale, periode_start=periode_start, periode_slut=periode_slut)
    with transaction.atomic():
        validated_save(rapport, user=user, reason=_("Statusrapport oprettet"))
    return rapport


@dataclass(frozen=True)
class KriterieVaerdi:
    """A reported value for one success criterion, with the comment an implausible
    value requires."""

    kriterie: Succeskriterie
    vaerdi: Decimal | None
    taeller: Decimal | None = None
    naevner: Decimal | None = None
    kommentar: str = ""


def statusrapport_save_draft(
    *,
    user,
    rapport: Statusrapport,
    fortaelling: str,
    delmaal_status: Mapping[int, tuple[str, str]],
    vaerdier: Iterable[KriterieVaerdi],
    expected_revision: int,
) -> Statusrapport:
    """Save the draft: narrative, each delmål's status with its explanation, and the
    values of the success criteria the report supplies."""
    plan = rapport.delaftale.helhedsplan
    _require_projektleder(user, plan)
    _require_state(plan, "drift")
    _refuse_locked(rapport)
    if rapport.status != S.KLADDE:
        raise ServiceError(_("Kun en kladde kan redigeres. Bed om at få rapporten returneret."))
    own_delmaal = {d.pk: d for d in rapport.delaftale.delmaal.all()}
    errors: dict[str, list[str]] = {}
    for delmaal_id, (status, forklaring) in delmaal_status.items():
        if delmaal_id not in own_delmaal:
            raise ValidationError(_("Delmålet hører ikke til delaftalen."))
        if status != Delmaalstatus.Status.PAA_SPORET and not forklaring.strip():
            errors.setdefault(f"delmaal_{delmaal_id}", []).append(
                _("Forklar, hvorfor delmålet ikke er på sporet.")
            )
    allowed = {k.pk for k in report_criteria(rapport)}
    values: list[tuple[KriterieVaerdi, Indikator]] = []
    for v in vaerdier:
        indikator = v.kriterie.indikator
        if v.kriterie.pk not in allowed or indikator is None:  # every reported criterion has one
            raise ValidationError(_("Succeskriteriet indberettes ikke i denne statusrapport."))
        values.append((v, indikator))
        if implausible(indikator, v.vaerdi) and not v.kommentar.strip():
            errors.setdefault(f"kriterie_{v.kriterie.pk}", []).append(
                _("Værdien ligger uden for det forventede interval; skriv en kommentar for at gemme den.")
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rapport.fortaelling = fortaelling
        validated_save(rapport, user=user, expected_revision=expected_revision)
        existing = {s.delmaal_id: s for s in rapport.delmaalstatus.all()}
        for delmaal_id, (status, forklaring) in delmaal_status.items():
            row = existing.get(delmaal_id) or Delmaalstatus(statusrapport=rapport, delmaal_id=delmaal_id)
            if (row.status, row.forklaring) != (status, forklaring) or row.pk is None:
                row.status, row.forklaring = status, forklaring
                validated_save(row, user=user)
        for v, indikator in values:
            lookup = {
                "indikator": indikator,
                "helhedsplan": plan,
                "periode_start": rapport.periode_start,
                "periode_slut": rapport.periode_slut,
            }
            maaling = Maaling.objects.filter(**lookup).first()
            if v.vaerdi is None:
                if maaling is not None and maaling.statusrapport_id == rapport.pk:
                    maaling._history_user = user  # type: ignore[attr-defined]
                    maaling.delete()
                continue
            if maaling is not None and maaling.statusrapport_id not in (None, rapport.pk):
                raise ServiceError(_("Værdien for perioden er allerede indberettet i en anden rapport."))
            maaling = maaling or Maaling(**lookup)
            maaling.kilde = Maaling.Kilde.STATUSRAPPORT
            maaling.statusrapport = rapport
            maaling.vaerdi, maaling.taeller, maaling.naevner = v.vaerdi, v.taeller, v.naevner
            maaling.andel = indikator.art == Indikator.Art.PROCENT
            maaling.kommentar = v.kommentar
            validated_save(maaling, user=user)
    return rapport


def _transition(
    rapport: Statusrapport, *, user, to: str, reason: str, expected_revision: int | None, **fields: Any
) -> Statusrapport:
    with transaction.atomic():
        rapport.status = to
        for name, value in fields.items():
            setattr(rapport, name, value)
        validated_save(rapport, user=user, reason=reason, expected_revision=expected_revision)
    if to in (S.INDSENDT, S.KLADDE):
        # Submitting, returning and unlocking change whether the report counts as overdue.
        plan_audit_request(plan_id=rapport.delaftale.helhedsplan_id)
    return rapport


def _announce(rapport: Statusrapport, action: str, user) -> None:
    """Tell the apps above (notifications) after the commit: ids only."""
    send_on_commit(statusrapport_changed, rapport_id=rapport.pk, action=action, user_id=user.pk)


def statusrapport_submit(
    *, user, rapport: Statusrapport, expected_revision: int | None = None
) -> Statusrapport:
    if not report_permissions(user, rapport).submit:
        raise NotAllowed(_("Kun projektlederen kan indsende en kladde."))
    _require_state(rapport.delaftale.helhedsplan, "drift")
    missing = [d.titel for d in rapport.delaftale.delmaal.exclude(rapporteret_status__statusrapport=rapport)]
    if missing:
        raise ServiceError(
            _("Angiv status for alle delmål før indsendelse. Mangler: %(delmaal)s")
            % {"delmaal": ", ".join(missing)}
        )
    if not rapport.fortaelling.strip():
        raise ServiceError(_("Skriv en status for delaftalen før indsendelse."))
    rapport = _transition(
        rapport,
        user=user,
        to=S.INDSENDT,
        reason=_("Indsendt"),
        expected_revision=expected_revision,
        indsendt_af=user,
        indsendt_tidspunkt=timezone.now(),
        returkommentar="",
    )
    _announce(rapport, "indsendt", user)
    return rapport


def statusrapport_accept(
    *, user, rapport: Statusrapport, expected_revision: int | None = None
) -> Statusrapport:
    if not report_permissions(user, rapport).accept:
        raise NotAllowed(_("Kun et medlem af den gruppe, der følger delaftalen, kan acceptere rapporten."))
    rapport = _transition(
        rapport,
        user=user,
        to=S.ACCEPTERET,
        reason=_("Accepteret af følgegruppen"),
        expected_revision=expected_revision,
        accepteret_af=user,
        accepteret_tidspunkt=timezone.now(),
    )
    _announce(rapport, "accepteret", user)
    return rapport


def statusrapport_approve(
    *, user, rapport: Statusrapport, expected_revision: int | None = None
) -> Statusrapport:
    """The board approves: the report is recorded as godkendt and then locked."""
    if not report_permissions(user, rapport).approve:
        raise NotAllowed(_("Kun bestyrelsen kan godkende rapporten, når den er klar til godkendelse."))
    with transaction.atomic():
        _transition(
            rapport,
            user=user,
            to=S.GODKENDT,
            reason=_("Godkendt af bestyrelsen"),
            expected_revision=expected_revision,
            godkendt_af=user,
            godkendt_tidspunkt=timezone.now(),
        )
        _transition(
            rapport, user=user, to=S.LAAST, reason=_("Låst efter godkendelse"), expected_revision=None
        )
    recompute_request(plan_id=rapport.delaftale.helhedsplan_id)
    _announce(rapport, "godkendt", user)
    return rapport


def statusrapport_return(
    *, user, rapport: Statusrapport, kommentar: str, expected_revision: int | None = None
) -> Statusrapport:
    if not report_permissions(user, rapport).return_:
        raise NotAllowed(_("Du kan ikke returnere rapporten i dens nuværende tilstand."))
    if not kommentar.strip():
        raise ValidationError({"kommentar": _("Skriv, hvad projektlederen skal rette.")})
    rapport = _transition(
        rapport,
        user=user,
        to=S.KLADDE,
        reason=_("Returneret: %(k)s") % {"k": kommentar.strip()},
        expected_revision=expected_revision,
        returkommentar=kommentar.strip(),
        accepteret_af=None,
        accepteret_tidspunkt=None,
    )
    _announce(rapport, "returneret", user)
    return rapport


def statusrapport_unlock(
    *, user, rapport: Statusrapport, begrundelse: str, expected_revision: int | None = None
) -> Statusrapport:
    """Unlock an approved report for correction: back to kladde, with the reason in
    history and shown to the projektleder. Only the board's formand or LBF."""
    if not report_permissions(user, rapport).unlock:
        raise NotAllowed(_("Kun bestyrelsens formand eller Landsbyggefonden kan låse en rapport op."))
    if not begrundelse.strip():
        raise ValidationError({"begrundelse": _("Skriv en begrundelse for at låse rapporten op.")})
    reason = _("Låst op: %(b)s") % {"b": begrundelse.strip()}
    _transition(
        rapport,
        user=user,
        to=S.KLADDE,
        reason=reason,
        expected_revision=expected_revision,
        returkommentar=reason,
        godkendt_af=None,
        godkendt_tidspunkt=None,
        accepteret_af=None,
        accepteret_tidspunkt=None,
    )
    recompute_request(plan_id=rapport.delaftale.helhedsplan_id)
    return rapport
