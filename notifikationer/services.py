"""Queueing and delivering notices: the one path every notice takes.

1. A *notice* (``Notice``: kind, object, occasion, plan, how to word it, to whom) is
   ``plan``-ned: one ``Planned`` per recipient who may see the plan and has no row yet in the
   sent-log for the same key (kind, object, recipient, occasion).
2. ``record`` writes the sent-log row (``Afsendelse``; the unique key makes a second writer
   lose), the in-app notice for a recipient with a login, and, when the recipient gets mail
   at once, an outbox row for ``notifikationer.deliver``, all in one transaction.
3. ``deliver`` (a Celery task, never a request) builds the mail in the recipient's language,
   checks access again, sends it through Django's mail backend and records the outcome:
   transient SMTP errors are retried with backoff by the task, permanent ones are recorded
   (and a refused address is marked as bounced on the recipient).
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal import outbox

from . import mail
from .kinds import KINDS
from .models import Afsendelse, Modtagerprofil, Notifikation, Praeference, new_token
from .recipients import may_see

logger = logging.getLogger(__name__)

DELIVER_TASK = "notifikationer.deliver"


@dataclass
class Content:
    subject: str
    text: str
    path: str = ""
    ics: str = ""


@dataclass
class Notice:
    kind: str
    object: str  # "<model>:<id>"
    occasion: str
    plan_id: int | None
    render: Callable[[Modtagerprofil], Content]  # called in the recipient's language
    recipients: list[Modtagerprofil] = field(default_factory=list)


@dataclass
class Planned:
    notice: Notice
    profil: Modtagerprofil
    content: Content
    status: str
    address: str

    def as_json(self) -> dict:
        account = self.profil.account
        to = self.address if self.status in (Afsendelse.Status.I_KOE, Afsendelse.Status.SAMLES) else ""
        return {
            "kind": self.notice.kind,
            "to": to or (str(account.pk) if account is not None else ""),
            "subject": self.content.subject,
            "object": self.notice.object,
        }


def preference(profil: Modtagerprofil, kind: str) -> tuple[bool, str]:
    """(mail wanted, delivery) for one kind; mandatory kinds are always mailed."""
    row = next((p for p in profil.praeferencer.all() if p.art == kind), None)
    email = True if row is None else row.email
    levering = Praeference.Levering.STRAKS if row is None else row.levering
    if KINDS[kind].mandatory:
        email = True
    return email, levering


def _status(profil: Modtagerprofil, kind: str) -> tuple[str, str]:
    address = profil.address
    email, levering = preference(profil, kind)
    if not address or profil.bounced or not email:
        return Afsendelse.Status.KUN_I_PORTALEN, ""
    if levering == Praeference.Levering.DAGLIG and kind != "daglig_oversigt":
        return Afsendelse.Status.SAMLES, address
    return Afsendelse.Status.I_KOE, address


def render_for(profil: Modtagerprofil, render: Callable[[Modtagerprofil], Content]) -> Content:
    with translation.override(profil.sprog or "da"):
        return render(profil)


def plan(notices: Iterable[Notice], *, on: datetime.date) -> list[Planned]:
    """What ``record`` would write: one row per recipient who may see the plan, has a login
    or an address, and has not had this notice (same key) before. Writes nothing."""
    planned: list[Planned] = []
    seen: set[tuple] = set()
    for notice in notices:
        for profil in notice.recipients:
            key = (notice.kind, notice.object, profil.pk, notice.occasion)
            if key in seen:
                continue
            seen.add(key)
            if profil.account is None and not profil.address:
                continue  # nobody to tell: no login and no address
            if not may_see(profil, notice.plan_id, on):
                continue
            if Afsendelse.objects.filter(
                art=notice.kind, objekt=notice.object, profil=profil, anledning=notice.occasion
            ).exists():
                continue
            status, address = _status(profil, notice.kind)
            if status == Afsendelse.Status.KUN_I_PORTALEN and profil.account is None:
                continue
            planned.append(Planned(notice, profil, render_for(profil, notice.render), status, address))
    return planned


def record(planned: Iterable[Planned]) -> list[Planned]:
    """Write each planned notice (sent-log, in-app notice, outbox row for the mail). A key
    already written by another run is skipped. Returns what was written."""
    written = []
    for p in planned:
        try:
            with transaction.atomic():
                row = Afsendelse.objects.create(
                    art=p.notice.kind,
                    objekt=p.notice.object,
                    profil=p.profil,
                    anledning=p.notice.occasion,
                    helhedsplan_id=p.notice.plan_id,
                    adresse=p.address,
                    emne=p.content.subject[:255],
                    tekst=p.content.text,
                    sti=p.content.path,
                    vedhaeftning=p.content.ics,
                    status=p.status,
                )
                account = p.profil.account
                if account is not None and p.notice.kind != "daglig_oversigt":
                    Notifikation.objects.create(
                        modtager=account,
                        afsendelse=row,
                        art=row.art,
                        titel=row.emne,
                        tekst=row.tekst,
                        sti=row.sti,
                    )
                if p.status == Afsendelse.Status.I_KOE:
                    outbox.send(DELIVER_TASK, args=[row.pk], key=f"notifikationer:mail:{row.pk}")
        except IntegrityError:
            continue  # the same key was written meanwhile: it is not sent twice
        written.append(p)
    return written


def notify(notices: Iterable[Notice], *, on: datetime.date | None = None) -> list[Planned]:
    return record(plan(notices, on=on or timezone.localdate()))


# --- Delivery ---------------------------------------------------------------------------------


class TransientMailError(Exception):
    """The mail server could not take the message now; the task retries with backoff."""


PERMANENT_BOUNCE_CODES = {550, 551, 553}


def deliver(*, afsendelse_id: int, final: bool = False) -> str:
    """Send one queued mail. Returns the row's status afterwards. Raises TransientMailError
    for a retry unless ``final``, when the failure is recorded as permanent."""
    transient = ""
    with transaction.atomic():
        row = (
            Afsendelse.objects.select_for_update(of=("self",))
            .select_related("profil", "profil__person", "profil__user", "profil__person__user")
            .filter(pk=afsendelse_id)
            .first()
        )
        if row is None or row.status != Afsendelse.Status.I_KOE:
            return row.status if row is not None else ""
        profil = row.profil
        if not may_see(profil, row.helhedsplan_id, timezone.localdate()):
            row.status, row.fejl = Afsendelse.Status.BORTFALDET, _("Modtageren har ikke længere adgang.")
            row.save(update_fields=["status", "fejl"])
            return row.status
        address = profil.address
        if not address or profil.bounced:
            row.status = Afsendelse.Status.KUN_I_PORTALEN
            row.save(update_fields=["status"])
            return row.status
        row.forsoeg += 1
        message = mail.build(row, address)
        try:
            message.send()
        except smtplib.SMTPRecipientsRefused as exc:
            codes = {code for code, _msg in exc.recipients.values()}
            _fail(row, f"{type(exc).__name__}: {exc.recipients}")
            if codes & PERMANENT_BOUNCE_CODES or any(c >= 500 for c in codes):
                _mark_bounced(profil, address, str(exc.recipients))
            return row.status
        except smtplib.SMTPResponseException as exc:
            if exc.smtp_code >= 500 or final:
                _fail(row, f"{exc.smtp_code} {exc.smtp_error!r}")
                return row.status
            row.fejl = transient = f"{exc.smtp_code} {exc.smtp_error!r}"
            row.save(update_fields=["forsoeg", "fejl"])
        except (OSError, smtplib.SMTPException) as exc:
            if final:
                _fail(row, f"{type(exc).__name__}: {exc}")
                return row.status
            row.fejl = transient = f"{type(exc).__name__}: {exc}"[:2000]
            row.save(update_fields=["forsoeg", "fejl"])
        else:
            row.status, row.sendt, row.fejl = Afsendelse.Status.SENDT, timezone.now(), ""
            row.save(update_fields=["status", "sendt", "fejl", "forsoeg"])
            row.indhold.update(status=Afsendelse.Status.SENDT, sendt=row.sendt)
            return row.status
    # Raised after the commit, so the attempt and its error stay recorded.
    raise TransientMailError(transient)


def _fail(row: Afsendelse, error: str) -> None:
    row.status, row.fejl = Afsendelse.Status.FEJLET, error[:2000]
    row.save(update_fields=["status", "fejl", "forsoeg"])
    logger.warning("Notification %s failed permanently: %s", row.pk, row.fejl)


def _mark_bounced(profil: Modtagerprofil, address: str, reason: str) -> None:
    profil.afvist_adresse, profil.afvist_tidspunkt, profil.afvist_aarsag = (
        address,
        timezone.now(),
        reason[:500],
    )
    profil.save(update_fields=["afvist_adresse", "afvist_tidspunkt", "afvist_aarsag"])


def record_failure(*, afsendelse_id: int, error: str) -> None:
    """The task gave up after its last retry: record the failure as permanent."""
    row = Afsendelse.objects.filter(pk=afsendelse_id, status=Afsendelse.Status.I_KOE).first()
    if row is not None:
        _fail(row, error)


# --- The user's side: read, preferences, secrets -----------------------------------------------


def notifikation_mark_read(*, user, notifikation_id: int) -> int:
    return (
        Notifikation.objects.for_user(user).unread().filter(pk=notifikation_id).update(laest=timezone.now())
    )


def notifikationer_mark_all_read(*, user) -> int:
    return Notifikation.objects.for_user(user).unread().update(laest=timezone.now())


#: What a kind without a Praeference row means: mail, sent at once (the model's defaults).
DEFAULT_CHOICE = (True, Praeference.Levering.STRAKS)


def preferences_save(*, profil: Modtagerprofil, sprog: str, choices: dict[str, tuple[bool, str]]) -> None:
    """Save the recipient's choices per kind; a mandatory kind stays on (only its delivery
    may change)."""
    with transaction.atomic():
        if profil.sprog != sprog:
            profil.sprog = sprog
            profil.full_clean()
            profil.save(update_fields=["sprog"])
        for kind, (email, levering) in choices.items():
            if kind not in KINDS:
                continue
            if KINDS[kind].mandatory:
                email = True
            row = Praeference.objects.filter(profil=profil, art=kind).first()
            if row is None:
                if (email, levering) == DEFAULT_CHOICE:
                    continue  # no row means the default: saving the page unchanged writes nothing
                row = Praeference(profil=profil, art=kind, email=email, levering=levering)
                row.full_clean()
                row.save()
            elif (row.email, row.levering) != (email, levering):
                row.email, row.levering = email, levering
                row.full_clean()
                row.save(update_fields=["email", "levering"])


def unsubscribe(*, profil: Modtagerprofil, kind: str | None) -> list[str]:
    """One-click unsubscribe (RFC 8058): turn off mail of ``kind`` (every optional kind when
    none or unknown). Mandatory kinds stay on. Returns the kinds turned off."""
    kinds = [kind] if kind in KINDS else list(KINDS)
    off = [k for k in kinds if not KINDS[k].mandatory]
    with transaction.atomic():
        for k in off:
            row, _created = Praeference.objects.get_or_create(profil=profil, art=k)
            if row.email:
                row.email = False
                row.save(update_fields=["email"])
    return off


def calendar_token_renew(*, profil: Modtagerprofil) -> Modtagerprofil:
    """Revoke the calendar feed's secret URL and give a new one."""
    profil.kalender_token = new_token()
    profil.save(update_fields=["kalender_token"])
    return profil
