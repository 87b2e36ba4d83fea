"""Writes for meetings: agenda, attendance, papers, minutes, decisions, action items,
board packs and questions on success criteria. Roles: ``portal.access.meeting_permissions``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helhedsplaner.access import meeting_permissions, plan_roles
from helhedsplaner.signals import send_on_commit
from portal.errors import Conflict, NotAllowed, ServiceError
from portal.services import validated_save

from . import signals
from .models import (
    Beslutning,
    Bilag,
    Boardpack,
    Dagsordenspunkt,
    Handlingspunkt,
    Kommentar,
    Moede,
    Moededeltagelse,
    Organ,
    Referatstatus,
)

__all__ = ["Conflict", "NotAllowed", "ServiceError"]


def _require_manage(user, organ: Organ) -> None:
    if not meeting_permissions(user, organ).manage:
        raise NotAllowed(
            _("Kun projektlederen og organets formand, næstformand eller sekretær kan forberede møder.")
        )


def _refuse_locked_minutes(moede: Moede) -> None:
    if moede.referat_laast:
        raise ServiceError(_("Referatet er godkendt og låst; mødet kan ikke længere ændres."))


# Meetings and agenda ---------------------------------------------------------------------


def moede_save(*, user, moede: Moede, expected_revision: int | None = None) -> Moede:
    """Create or update a meeting. A new meeting gets an *opfølgning* item that carries
    the body's open action items forward."""
    _require_manage(user, moede.organ)
    creating = moede.pk is None
    before = None if creating else Moede.objects.get(pk=moede.pk)
    if before is not None:
        _refuse_locked_minutes(before)
    with transaction.atomic():
        validated_save(moede, user=user, expected_revision=expected_revision)
        if creating:
            _roll_over_action_items(user=user, moede=moede)
    action = _calendar_change(before, moede)
    if action:
        send_on_commit(signals.moede_changed, moede_id=moede.pk, action=action, user_id=user.pk)
    return moede


def _calendar_change(before: Moede | None, after: Moede) -> str:
    """What a save did to the meeting as the invited see it in their calendars: planlagt,
    flyttet (time or place), aflyst, or "" (nothing they need to hear about)."""
    if after.status == Moede.Status.AFLYST:
        return "aflyst" if before is None or before.status != Moede.Status.AFLYST else ""
    if before is None or before.status == Moede.Status.AFLYST:
        return "planlagt" if after.status == Moede.Status.PLANLAGT else ""
    if (before.tidspunkt, before.sted) != (after.tidspunkt, after.sted):
        return "flyttet"
    return ""


def _roll_over_action_items(*, user, moede: Moede) -> Dagsordenspunkt | None:
    open_items = list(
        Handlingspunkt.objects.filter(
            dagsordenspunkt__moede__organ=moede.organ,
            dagsordenspunkt__moede__tidspunkt__lt=moede.tidspunkt,
            status__in=[Handlingspunkt.Status.AABEN, Handlingspunkt.Status.I_GANG],
        )
    )
    if not open_items:
        return None
    punkt = Dagsordenspunkt(
        moede=moede,
        nummer=1,
        titel=_("Opfølgning på handlingspunkter"),
        type=Dagsordenspunkt.Type.ORIENTERING,
        indstilling=ngettext(
            "Status på %(antal)d åbent handlingspunkt fra tidligere møder.",
            "Status på %(antal)d åbne handlingspunkter fra tidligere møder.",
            len(open_items),
        )
        % {"antal": len(open_items)},
    )
    validated_save(punkt, user=user)
    punkt.opfoelgning_paa.set(open_items)
    return punkt


def dagsordenspunkt_save(
    *,
    user,
    punkt: Dagsordenspunkt,
    strategiske_maal: Iterable = (),
    delaftaler: Iterable = (),
    indikatorer: Iterable = (),
) -> Dagsordenspunkt:
    moede = punkt.moede
    _require_manage(user, moede.organ)
    _refuse_locked_minutes(moede)
    plan_id = moede.organ.helhedsplan_id
    goals, agreements = list(strategiske_maal), list(delaftaler)
    if any(g.samarbejdsaftale.helhedsplan_id != plan_id for g in goals) or any(
        d.helhedsplan_id != plan_id for d in agreements
    ):
        raise ValidationError(_("Punktet kan kun henvise til mål og delaftaler i samme helhedsplan."))
    if punkt.pk is None and not punkt.nummer:
        last = moede.dagsordenspunkter.aggregate(n=models.Max("nummer"))["n"] or 0
        punkt.nummer = last + 1
    with transaction.atomic():
        validated_save(punkt, user=user)
        punkt.strategiske_maal.set(goals)
        punkt.delaftaler.set(agreements)
        punkt.indikatorer.set(list(indikatorer))
    return punkt


def moede_attendance_set(*, user, moede: Moede, statuses: Mapping[int, str]) -> None:
    """Record who attended, sent apologies (afbud) or was absent, by person id."""
    _require_manage(user, moede.organ)
    _refuse_locked_minutes(moede)
    members = set(moede.organ.medlemskaber.values_list("person_id", flat=True))
    valid = {choice for choice, _label in Moededeltagelse.Status.choices}
    with transaction.atomic():
        for person_id, status in statuses.items():
            if person_id not in members:
                raise ValidationError(_("Kun organets medlemmer kan registreres som deltagere."))
            if status not in valid:
                raise ValidationError(_("Ukendt deltagelsesstatus."))
            row, _created = Moededeltagelse.objects.get_or_create(
                moede=moede, person_id=person_id, defaults={"status": status}
            )
            if row.status != status:
                row.status = status
                validated_save(row, user=user)


ALLOWED_UPLOADS = {
    ".pdf": b"%PDF",
    ".docx": b"PK",
    ".xlsx": b"PK",
    ".pptx": b"PK",
    ".png": b"\x89PNG",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".txt": b"",
    ".csv": b"",
}


def bilag_add(*, user, punkt: Dagsordenspunkt, fil: UploadedFile, titel: str = "") -> Bilag:
    """Attach a paper to an agenda item: size and type limited, type checked by content."""
    _require_manage(user, punkt.moede.organ)
    _refuse_locked_minutes(punkt.moede)
    limit = settings.BILAG_MAX_BYTES
    if fil.size is not None and fil.size > limit:
        raise ValidationError(
            {"fil": _("Filen fylder for meget (højst %(mb)d MB).") % {"mb": limit // (1024 * 1024)}}
        )
    suffix = Path(fil.name or "").suffix.lower()
    if suffix not in ALLOWED_UPLOADS:
        raise ValidationError(
            {
                "fil": _("Filtypen er ikke tilladt. Tilladt: %(typer)s.")
                % {"typer": ", ".join(ALLOWED_UPLOADS)}
            }
        )
    magic = ALLOWED_UPLOADS[suffix]
    head = fil.read(8)
    fil.seek(0)
    if magic and not head.startswith(magic):
        raise ValidationError(
            {"fil": _("Filens indhold passer ikke til filtypen %(type)s.") % {"type": suffix}}
        )
    bilag = Bilag(dagsordenspunkt=punkt, titel=titel or Path(fil.name or "bilag").stem, fil=fil)
    with transaction.atomic():
        validated_save(bilag, user=user)
    return bilag


# Minutes ---------------------------------------------------------------------------------


def referat_save(
    *, user, moede: Moede, generelt: str, punkter: Mapping[int, str], expected_revision: int
) -> Moede:
    """Write the minutes: a general part and one text per agenda item."""
    _require_manage(user, moede.organ)
    _refuse_locked_minutes(moede)
    items = {p.pk: p for p in moede.dagsordenspunkter.all()}
    if set(punkter) - set(items):
        raise ValidationError(_("Punktet hører ikke til mødet."))
    with transaction.atomic():
        moede.referat = generelt
        if moede.referat_status == Referatstatus.UDSENDT:
            moede.referat_status = Referatstatus.KLADDE  # changed after circulation: circulate again
        validated_save(moede, user=user, expected_revision=expected_revision)
        for pk, text in punkter.items():
            punkt = items[pk]
            if punkt.referat != text:
                punkt.referat = text
                validated_save(punkt, user=user)
    return moede


def referat_circulate(*, user, moede: Moede) -> Moede:
    _require_manage(user, moede.organ)
    if moede.referat_status != Referatstatus.KLADDE:
        raise ServiceError(_("Referatet er allerede udsendt eller godkendt."))
    if not moede.referat.strip() and not any(p.referat.strip() for p in moede.dagsordenspunkter.all()):
        raise ServiceError(_("Skriv referatet, før det udsendes."))
    with transaction.atomic():
        moede.referat_status = Referatstatus.UDSENDT
        moede.referat_udsendt_tidspunkt = timezone.now()
        validated_save(moede, user=user, reason=_("Referat udsendt"))
    return moede


def referat_approve(*, user, moede: Moede, note: str = "") -> Moede:
    """The formand approves the circulated minutes (or records their approval at the next
    meeting); approved minutes are locked."""
    if not meeting_permissions(user, moede.organ).approve_minutes:
        raise NotAllowed(_("Kun organets formand eller næstformand kan godkende referatet."))
    if moede.referat_status != Referatstatus.UDSENDT:
        raise ServiceError(_("Referatet skal være udsendt, før det kan godkendes."))
    if moede.tidspunkt > timezone.now():
        raise ServiceError(
            _("Mødet er ikke afholdt endnu (%(tidspunkt)s); referatet kan først godkendes efter mødet.")
            % {"tidspunkt": date_format(timezone.localtime(moede.tidspunkt), "j. F Y H:i")}
        )
    with transaction.atomic():
        moede.referat_status = Referatstatus.GODKENDT
        moede.referat_godkendt_af = user
        moede.referat_godkendt_tidspunkt = timezone.now()
        validated_save(moede, user=user, reason=note or _("Referat godkendt og låst"))
    return moede


# Decisions and action items --------------------------------------------------------------


def beslutning_add(*, user, punkt: Dagsordenspunkt, tekst: str) -> Beslutning:
    _require_manage(user, punkt.moede.organ)
    _refuse_locked_minutes(punkt.moede)
    if not tekst.strip():
        raise ValidationError({"tekst": _("Skriv beslutningen.")})
    beslutning = Beslutning(dagsordenspunkt=punkt, tekst=tekst.strip())
    with transaction.atomic():
        validated_save(beslutning, user=user)
    return beslutning


def handlingspunkt_add(
    *, user, punkt: Dagsordenspunkt, tekst: str, ansvarlig, frist: datetime.date, beslutning=None
) -> Handlingspunkt:
    _require_manage(user, punkt.moede.organ)
    _refuse_locked_minutes(punkt.moede)
    plan_people = punkt.moede.organ.helhedsplan.organer.filter(medlemskaber__person=ansvarlig)
    if not plan_people.exists():
        raise ValidationError({"ansvarlig": _("Den ansvarlige skal være medlem af et af planens organer.")})
    item = Handlingspunkt(
        dagsordenspunkt=punkt, beslutning=beslutning, tekst=tekst.strip(), ansvarlig=ansvarlig, frist=frist
    )
    with transaction.atomic():
        validated_save(item, user=user)
    return item


def handlingspunkt_status_set(*, user, item: Handlingspunkt, status: str) -> Handlingspunkt:
    """The owner or a meeting manager updates an action item's status (also after the
    minutes are locked: following up is the point of an action item)."""
    organ = item.dagsordenspunkt.moede.organ
    owner = item.ansvarlig.user_id == getattr(user, "pk", None)
    if not (owner or meeting_permissions(user, organ).manage):
        raise NotAllowed(_("Kun den ansvarlige eller mødets ledelse kan ændre handlingspunktet."))
    if status not in Handlingspunkt.Status.values:
        raise ValidationError({"status": _("Ukendt status.")})
    with transaction.atomic():
        item.status = status
        validated_save(item, user=user)
    return item


# Board pack ------------------------------------------------------------------------------


def boardpack_release(*, user, moede: Moede, data: dict) -> Boardpack:
    """Freeze ``data`` (the dashboard as it is now) as the meeting's pack. Once released
    the pack never changes, whatever happens to the data later."""
    if not meeting_permissions(user, moede.organ).release_pack:
        raise NotAllowed(_("Kun formanden eller sekretæren kan frigive mødepakken."))
    if Boardpack.objects.filter(moede=moede).exists():
        raise ServiceError(_("Mødepakken er allerede frigivet og kan ikke ændres."))
    pack = Boardpack(moede=moede, frigivet_af=user, frigivet_tidspunkt=timezone.now(), data=data)
    with transaction.atomic():
        validated_save(pack, user=user, reason=_("Mødepakke frigivet"))
    send_on_commit(signals.boardpack_released, moede_id=moede.pk, user_id=user.pk)
    return pack


# Questions on success criteria -----------------------------------------------------------


def kommentar_add(*, user, succeskriterie, tekst: str, svar_paa: Kommentar | None = None) -> Kommentar:
    """A plan member asks about a success criterion; the projektleder (or another member)
    answers in the same thread."""
    plan = succeskriterie.strategisk_maal.samarbejdsaftale.helhedsplan
    roles = plan_roles(user, plan)
    if not (roles.projektleder or roles.bestyrelsesmedlem or roles.gruppemedlem):
        raise NotAllowed(_("Kun planens medlemmer kan kommentere."))
    if svar_paa is not None and (svar_paa.succeskriterie_id != succeskriterie.pk or svar_paa.svar_paa_id):
        raise ValidationError(_("Svaret skal høre til et spørgsmål om samme succeskriterie."))
    if not tekst.strip():
        raise ValidationError({"tekst": _("Skriv en kommentar.")})
    kommentar = Kommentar(
        succeskriterie=succeskriterie, forfatter=user, tekst=tekst.strip(), svar_paa=svar_paa
    )
    with transaction.atomic():
        validated_save(kommentar, user=user)
    send_on_commit(signals.kommentar_added, kommentar_id=kommentar.pk, user_id=user.pk)
    return kommentar
