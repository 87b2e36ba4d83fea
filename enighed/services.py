"""Writes of the agreement survey: create (questions from the plan), edit questions, open and
invite, remind, answer (by token or after login), close, and compute the results snapshot.

Views, tasks and the admin call these. Every function checks the acting user's role through
``portal.access``, validates with ``full_clean()`` and queues e-mails and the analysis on
commit (``delay_on_commit``), so nothing is sent or computed for a rolled-back change.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bestyrelser.models import Medlemskab, Organ
from helhedsplaner.access import PlanRoles, plan_roles
from helhedsplaner.models import Delaftale, Delmaal, Helhedsplan, StrategiskMaal
from monitorering.selectors import current_agreement_ids
from portal import outbox
from portal.errors import NotAllowed, ServiceError
from portal.services import validated_save

from . import analysis
from .models import (
    BLOK_FOR_TYPE,
    Analyse,
    Besvarelse,
    Enighedsmaaling,
    Enighedsresultat,
    Invitation,
    Niveau,
    Niveauforskel,
    Spoergsmaal,
    Svar,
)

__all__ = ["NotAllowed", "ServiceError"]

S = Enighedsmaaling.Status
T = Spoergsmaal.Type

STRATEGIC_TYPES = {Organ.Type.BESTYRELSE}
PRACTICAL_TYPES = set(Organ.GROUP_TYPES)
FORUM_TYPES = {Organ.Type.POLITISK_FORUM, Organ.Type.BEBOERFORUM, Organ.Type.SAMARBEJDSRAAD}
LEVEL_ORDER = {Niveau.STRATEGISK: 0, Niveau.PRAKTISK: 1, Niveau.FORUM: 2}


class TokenUnknown(ServiceError):
    """No invitation has this token (answered with 404)."""


class AlreadyAnswered(ServiceError):
    """The invitation has been used (a second answer is refused)."""


class SurveyClosed(ServiceError):
    """The survey is not open, or its closing date has passed."""


def can_manage(roles: PlanRoles) -> bool:
    """Create, edit, open, remind, close and recompute: projektleder, formand or LBF."""
    return roles.projektleder or roles.formand or roles.lbf


def _require_manager(user, plan: Helhedsplan) -> None:
    if not can_manage(plan_roles(user, plan)):
        raise NotAllowed(
            _("Kun planens projektleder, bestyrelsens formand eller Landsbyggefonden kan gøre dette.")
        )


# Questions generated from the plan ---------------------------------------------------------

PROBLEM_TEXT = "Hvor vigtigt er dette problem i området?"
ADRESSERER_TEXT = "Hvor godt adresserer dette delmål problemet?"
OPBAKNING_TEXT = "Hvor meget bakker du op om de valgte aktiviteter?"
FRITEKST_TEXT = "Har du kommentarer til indsatsområdet?"


def question_drafts(plan: Helhedsplan) -> list[dict[str, Any]]:
    """The questions a new survey starts with: the problem of each strategic goal in the
    agreement in force; two questions per delmål, grouped by indsatsområde; one optional
    free-text question per indsatsområde."""
    drafts: list[dict[str, Any]] = []
    agreement_id = current_agreement_ids([plan.pk]).get(plan.pk)
    goals = (
        StrategiskMaal.objects.filter(samarbejdsaftale_id=agreement_id).order_by("nummer")
        if agreement_id
        else []
    )
    for goal in goals:
        drafts.append(
            {
                "type": T.VIGTIGHED,
                "emne": (goal.problem or goal.titel)[:300],
                "tekst": _(PROBLEM_TEXT),
                "strategisk_maal": goal,
                "indsatsomraade_id": goal.indsatsomraade_id,
            }
        )
    delaftaler = (
        Delaftale.objects.filter(helhedsplan=plan)
        .select_related("indsatsomraade")
        .order_by("indsatsomraade__navn")
    )
    delmaal_by_aftale: dict[int, list[Delmaal]] = {}
    for d in Delmaal.objects.filter(delaftale__helhedsplan=plan).order_by("nummer"):
        delmaal_by_aftale.setdefault(d.delaftale_id, []).append(d)
    for aftale in delaftaler:
        for d in delmaal_by_aftale.get(aftale.pk, []):
            emne = f"{aftale.indsatsomraade}: {d.nummer}. {d.titel}"[:300]
            for type_, text in ((T.ADRESSERER, ADRESSERER_TEXT), (T.OPBAKNING, OPBAKNING_TEXT)):
                drafts.append(
                    {
                        "type": type_,
                        "emne": emne,
                        "tekst": _(text),
                        "delmaal": d,
                        "indsatsomraade_id": aftale.indsatsomraade_id,
                    }
                )
        drafts.append(
            {
                "type": T.FRITEKST,
                "emne": str(aftale.indsatsomraade)[:300],
                "tekst": _(FRITEKST_TEXT),
                "indsatsomraade_id": aftale.indsatsomraade_id,
            }
        )
    return drafts


def enighedsmaaling_create(
    *,
    user,
    plan: Helhedsplan,
    runde: int,
    lukkedato: datetime.date,
    titel: str = "",
    inkluder_fora: bool = False,
) -> Enighedsmaaling:
    """A draft survey for ``plan`` with questions generated from the plan."""
    _require_manager(user, plan)
    if lukkedato < timezone.localdate():
        raise ValidationError({"lukkedato": _("Lukkedatoen kan ikke ligge i fortiden.")})
    if Enighedsmaaling.objects.filter(helhedsplan=plan, runde=runde).exists():
        raise ValidationError(
            {"runde": _("Planen har allerede en enighedsmåling for %(runde)s.") % {"runde": runde}}
        )
    drafts = question_drafts(plan)
    if not any(d["type"] != T.FRITEKST for d in drafts):
        raise ServiceError(
            _("Planen har hverken strategiske mål eller delmål at spørge til. Registrér dem først.")
        )
    maaling = Enighedsmaaling(
        helhedsplan=plan,
        runde=runde,
        lukkedato=lukkedato,
        titel=titel or _("Enighedsmåling %(runde)s") % {"runde": runde},
        inkluder_fora=inkluder_fora,
        oprettet_af=user,
    )
    with transaction.atomic():
        validated_save(maaling, user=user)
        for nummer, draft in enumerate(drafts, start=1):
            validated_save(Spoergsmaal(maaling=maaling, nummer=nummer, **draft), user=user)
    return maaling


@dataclass(frozen=True)
class QuestionEdit:
    pk: int
    tekst: str
    medtag: bool = True


def spoergsmaal_update(*, user, maaling: Enighedsmaaling, edits: Iterable[QuestionEdit]) -> Enighedsmaaling:
    """Edit question texts and drop questions, while the survey is a draft."""
    _require_manager(user, maaling.helhedsplan)
    if maaling.status != S.KLADDE:
        raise ServiceError(_("Spørgsmålene kan kun ændres, før målingen sendes ud."))
    questions = {q.pk: q for q in maaling.spoergsmaal.all()}
    edits = list(edits)
    if not any(e.medtag and e.pk in questions and questions[e.pk].er_skala for e in edits):
        raise ValidationError(_("Målingen skal have mindst ét spørgsmål med svarskala."))
    with transaction.atomic():
        for edit in edits:
            question = questions.get(edit.pk)
            if question is None:
                continue
            if not edit.medtag:
                question._history_user = user  # type: ignore[attr-defined]
                question.delete()
            elif question.tekst != edit.tekst.strip():
                question.tekst = edit.tekst.strip()
                validated_save(question, user=user)
    return maaling


# Respondents and invitations -----------------------------------------------------------------


@dataclass(frozen=True)
class Respondent:
    person_id: int
    niveau: str
    organisationstype: str


def respondents_for(maaling: Enighedsmaaling, *, on: datetime.date | None = None) -> list[Respondent]:
    """Who is asked, one entry per person: the board (strategic level); the styre-, følge- and
    arbejdsgrupper, the projektleder(s) and the secretariat (practical level); with
    ``inkluder_fora`` the political and resident fora. A person in several bodies answers
    once, at the highest level (strategic before practical before fora)."""
    on = on or timezone.localdate()
    memberships = (
        Medlemskab.objects.filter(
            Q(til__isnull=True) | Q(til__gte=on), fra__lte=on, organ__helhedsplan=maaling.helhedsplan
        )
        .values_list("person_id", "rolle", "repraesenterer", "organ__type")
        .order_by("person_id", "pk")
    )
    chosen: dict[int, Respondent] = {}
    for person_id, rolle, repraesenterer, organ_type in memberships:
        if rolle in (Medlemskab.Rolle.PROJEKTLEDER, Medlemskab.Rolle.SEKRETAER) or (
            repraesenterer == Medlemskab.Repraesenterer.SEKRETARIAT
        ):
            niveau = Niveau.PRAKTISK
        elif organ_type in STRATEGIC_TYPES:
            niveau = Niveau.STRATEGISK
        elif organ_type in PRACTICAL_TYPES:
            niveau = Niveau.PRAKTISK
        elif organ_type in FORUM_TYPES and maaling.inkluder_fora:
            niveau = Niveau.FORUM
        else:
            continue
        current = chosen.get(person_id)
        if current is None or LEVEL_ORDER[niveau] < LEVEL_ORDER[Niveau(current.niveau)]:
            chosen[person_id] = Respondent(person_id, niveau, repraesenterer)
    return list(chosen.values())


def token_for(invitation: Invitation) -> str:
    """The personal link's token: an HMAC of the invitation's random key with the server's
    secret. The database holds the key and the token's hash, never the token itself."""
    return salted_hmac("enighed.invitation", invitation.noegle, algorithm="sha256").hexdigest()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_invitation(maaling: Enighedsmaaling, respondent: Respondent) -> Invitation:
    invitation = Invitation(
        maaling=maaling,
        person_id=respondent.person_id,
        niveau=respondent.niveau,
        organisationstype=respondent.organisationstype,
        noegle=secrets.token_hex(32),
    )
    invitation.token_hash = _hash(token_for(invitation))
    return invitation


def enighedsmaaling_open(*, user, maaling: Enighedsmaaling, base_url: str) -> Enighedsmaaling:
    """Open the survey: invite every respondent and queue the invitation e-mails."""
    _require_manager(user, maaling.helhedsplan)
    if maaling.status != S.KLADDE:
        raise ServiceError(_("Målingen er allerede sendt ud."))
    if maaling.lukkedato < timezone.localdate():
        raise ValidationError(
            {"lukkedato": _("Lukkedatoen er passeret; vælg en ny, før målingen sendes ud.")}
        )
    if not maaling.spoergsmaal.exclude(type=T.FRITEKST).exists():
        raise ServiceError(_("Målingen har ingen spørgsmål med svarskala."))
    respondents = respondents_for(maaling)
    if not respondents:
        raise ServiceError(_("Planens organer har ingen aktive medlemmer at invitere."))
    with transaction.atomic():
        for respondent in respondents:
            validated_save(_new_invitation(maaling, respondent), user=user)
        maaling.status = S.AABEN
        maaling.aabnet = timezone.now()
        validated_save(maaling, user=user)
        outbox.send("enighed.send_invitations", args=[maaling.pk, base_url])
    return maaling


def _answer_url(base_url: str, invitation: Invitation) -> str:
    return base_url.rstrip("/") + reverse("enighed:svar_token", kwargs={"token": token_for(invitation)})


def _mail(invitation: Invitation, base_url: str, *, reminder: bool) -> None:
    maaling = invitation.maaling
    intro = (
        _("Påmindelse: Vi mangler stadig dit svar på enighedsmålingen for %(plan)s.")
        if reminder
        else _("Du er inviteret til at svare på enighedsmålingen for %(plan)s.")
    ) % {"plan": maaling.helhedsplan}
    body = "\n\n".join(
        [
            _("Kære %(navn)s") % {"navn": invitation.person.navn},
            intro,
            _(
                "Målingen spørger, hvor vigtige områdets problemer er, og hvor godt delmål og "
                "aktiviteter løser dem. Det tager omkring 10 minutter. Dit svar er anonymt: det "
                "gemmes kun med dit niveau og din organisationstype, aldrig med dit navn."
            ),
            _("Dit personlige link (kan bruges én gang):"),
            _answer_url(base_url, invitation),
            _("Målingen lukker %(dato)s.") % {"dato": date_format(maaling.lukkedato)},
        ]
    )
    subject = (_("Påmindelse: %(titel)s") if reminder else "%(titel)s") % {"titel": maaling.titel}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.person.email])


def invitations_send(*, maaling_id: int, base_url: str) -> int:
    """E-mail each invitation that has not been sent (and whose person has an e-mail
    address). Idempotent: a sent invitation is never sent again here."""
    pending = (
        Invitation.objects.filter(maaling_id=maaling_id, maaling__status=S.AABEN, sendt__isnull=True)
        .exclude(person__email="")
        .select_related("person", "maaling__helhedsplan")
    )
    sent = 0
    for invitation in pending:
        with transaction.atomic():
            claimed = Invitation.objects.filter(pk=invitation.pk, sendt__isnull=True).update(
                sendt=timezone.now()
            )
            if claimed:
                _mail(invitation, base_url, reminder=False)
                sent += 1
    return sent


def enighedsmaaling_remind(*, user, maaling: Enighedsmaaling, base_url: str) -> None:
    """Queue a reminder to everyone who has not answered yet."""
    _require_manager(user, maaling.helhedsplan)
    if maaling.status != S.AABEN or maaling.lukkedato < timezone.localdate():
        raise ServiceError(_("Der kan kun sendes påmindelser, mens målingen er åben."))
    outbox.send("enighed.send_reminders", args=[maaling.pk, timezone.now().isoformat(), base_url])


def reminders_send(*, maaling_id: int, requested_at: str, base_url: str) -> int:
    """Send the reminder requested at ``requested_at`` (ISO) to each unanswered invitation
    not reminded since. Idempotent: running it twice reminds nobody twice."""
    since = datetime.datetime.fromisoformat(requested_at)
    pending = (
        Invitation.objects.filter(maaling_id=maaling_id, maaling__status=S.AABEN, besvaret=False)
        .filter(Q(sidst_paamindet__isnull=True) | Q(sidst_paamindet__lt=since))
        .exclude(person__email="")
        .select_related("person", "maaling__helhedsplan")
    )
    sent = 0
    for invitation in pending:
        with transaction.atomic():
            claimed = (
                Invitation.objects.filter(pk=invitation.pk, besvaret=False)
                .filter(Q(sidst_paamindet__isnull=True) | Q(sidst_paamindet__lt=since))
                .update(sidst_paamindet=timezone.now(), paamindelser=invitation.paamindelser + 1)
            )
            if claimed:
                _mail(invitation, base_url, reminder=True)
                sent += 1
    return sent


# Answering -----------------------------------------------------------------------------------


def invitation_for_token(token: str) -> Invitation:
    """The invitation behind a personal link, or a refusal: unknown, used or closed."""
    invitation = (
        Invitation.objects.select_related("maaling__helhedsplan", "person")
        .filter(token_hash=_hash(token or ""))
        .first()
    )
    if invitation is None:
        raise TokenUnknown(_("Linket er ikke gyldigt. Kontrollér, at hele linket fra e-mailen er med."))
    invitation_check_answerable(invitation)
    return invitation


def invitation_check_answerable(invitation: Invitation) -> None:
    maaling = invitation.maaling
    if invitation.besvaret:
        raise AlreadyAnswered(_("Der er allerede svaret med denne invitation. Tak for dit svar."))
    if maaling.status != S.AABEN or maaling.lukkedato < timezone.localdate():
        raise SurveyClosed(_("Målingen er lukket; der kan ikke længere svares."))


def invitation_for_user(*, user, maaling: Enighedsmaaling) -> Invitation | None:
    """The logged-in user's own invitation to ``maaling`` (never anyone else's)."""
    if not user.is_authenticated:
        return None
    return (
        Invitation.objects.select_related("maaling__helhedsplan")
        .filter(maaling=maaling, person__user=user)
        .first()
    )


def besvarelse_submit(
    *, invitation: Invitation, vaerdier: Mapping[int, int | None], tekster: Mapping[int, str] | None = None
) -> None:
    """Store one anonymous response for ``invitation``: level and organisation type, the
    ratings (``vaerdier``: question id → 1-5 or None for no answer) and the free texts.

    The invitation is marked as used with a conditional UPDATE in the same transaction,
    so two simultaneous submissions cannot both succeed. Nothing written links the
    response to the invitation or its person.
    """
    tekster = tekster or {}
    invitation_check_answerable(invitation)
    questions = {q.pk: q for q in invitation.maaling.spoergsmaal.all()}
    rows: list[tuple[Spoergsmaal, int | None, str]] = []
    for pk, value in vaerdier.items():
        question = questions.get(pk)
        if question is None or not question.er_skala:
            raise ValidationError(_("Svaret hører ikke til et spørgsmål med svarskala i denne måling."))
        if value is not None:
            rows.append((question, int(value), ""))
    for pk, text in tekster.items():
        question = questions.get(pk)
        if question is None or question.er_skala:
            raise ValidationError(_("Teksten hører ikke til et fritekstspørgsmål i denne måling."))
        if text and text.strip():
            rows.append((question, None, text.strip()))
    if not rows:
        raise ValidationError(_("Besvar mindst ét spørgsmål, før du sender."))
    with transaction.atomic():
        claimed = Invitation.objects.filter(pk=invitation.pk, besvaret=False).update(besvaret=True)
        if not claimed:
            raise AlreadyAnswered(_("Der er allerede svaret med denne invitation. Tak for dit svar."))
        besvarelse = Besvarelse(
            maaling=invitation.maaling,
            niveau=invitation.niveau,
            organisationstype=invitation.organisationstype,
        )
        besvarelse.full_clean()
        besvarelse.save()
        svar = [Svar(besvarelse=besvarelse, spoergsmaal=q, vaerdi=v, tekst=t) for q, v, t in rows]
        for row in svar:
            row.full_clean(exclude=["besvarelse"])
        Svar.objects.bulk_create(svar)
    invitation.besvaret = True


# Closing and analysis --------------------------------------------------------------------------


def enighedsmaaling_close(*, user, maaling: Enighedsmaaling) -> Enighedsmaaling:
    """Close the survey (no more answers) and queue its analysis."""
    _require_manager(user, maaling.helhedsplan)
    return _close(maaling, user=user)


def _close(maaling: Enighedsmaaling, *, user=None) -> Enighedsmaaling:
    if maaling.status != S.AABEN:
        raise ServiceError(_("Kun en åben måling kan lukkes."))
    with transaction.atomic():
        maaling.status = S.LUKKET
        maaling.lukket = timezone.now()
        validated_save(maaling, user=user)
        outbox.send("enighed.analyse_survey", args=[maaling.pk], key=f"enighed:analyse:{maaling.pk}")
    return maaling


def enighedsmaaling_close_due(*, today: datetime.date | None = None) -> int:
    """Close every open survey whose closing date has passed (the nightly job)."""
    today = today or timezone.localdate()
    closed = 0
    for maaling in Enighedsmaaling.objects.filter(status=S.AABEN, lukkedato__lt=today):
        _close(maaling)
        closed += 1
    return closed


def analysis_request(*, user, maaling: Enighedsmaaling) -> None:
    """Queue a recomputation of the survey's results (e.g. interim results while open)."""
    _require_manager(user, maaling.helhedsplan)
    if maaling.status == S.KLADDE:
        raise ServiceError(_("Målingen er ikke sendt ud endnu; der er intet at beregne."))
    outbox.send("enighed.analyse_survey", args=[maaling.pk], key=f"enighed:analyse:{maaling.pk}")


def analysis_run(*, maaling_id: int) -> Analyse:
    """Compute the survey's results and replace its snapshot (idempotent)."""
    maaling = Enighedsmaaling.objects.get(pk=maaling_id)
    answers = Svar.objects.filter(besvarelse__maaling_id=maaling_id, vaerdi__isnull=False).values(
        "besvarelse_id",
        "besvarelse__niveau",
        "spoergsmaal_id",
        "spoergsmaal__type",
        "spoergsmaal__indsatsomraade_id",
        "vaerdi",
    )
    frame = analysis.answers_frame(
        {
            "besvarelse": str(a["besvarelse_id"]),
            "niveau": a["besvarelse__niveau"],
            "spoergsmaal": a["spoergsmaal_id"],
            "blok": str(BLOK_FOR_TYPE[a["spoergsmaal__type"]]),
            "indsatsomraade": a["spoergsmaal__indsatsomraade_id"],
            "vaerdi": a["vaerdi"],
        }
        for a in answers
    )
    counts = dict.fromkeys(Niveau.values, 0)
    for niveau in Besvarelse.objects.filter(maaling_id=maaling_id).values_list("niveau", flat=True):
        counts[niveau] += 1
    result = analysis.analyse(frame, counts)
    with transaction.atomic():
        Enighedsmaaling.objects.select_for_update().filter(pk=maaling_id).first()
        Enighedsresultat.objects.filter(maaling_id=maaling_id).delete()
        Niveauforskel.objects.filter(maaling_id=maaling_id).delete()
        rows = [Enighedsresultat(maaling_id=maaling_id, **r) for r in result["resultater"]]
        diffs = [Niveauforskel(maaling_id=maaling_id, **r) for r in result["forskelle"]]
        for row in (*rows, *diffs):
            row.full_clean(exclude=["maaling", "spoergsmaal", "indsatsomraade"])
        Enighedsresultat.objects.bulk_create(rows)
        Niveauforskel.objects.bulk_create(diffs)
        snapshot, _created = Analyse.objects.update_or_create(
            maaling=maaling,
            defaults={
                "beregnet": timezone.now(),
                "antal_inviterede": maaling.invitationer.count(),
                "antal_besvarelser": sum(counts.values()),
                "antal_pr_niveau": counts,
            },
        )
    return snapshot
