"""The plan's lifecycle: kladde → sendt til LBF → godkendt → i gang → afsluttet.

THE one place that says who may move a plan from one state to the next; what each state
allows is said in :mod:`helhedsplaner.states` (re-exported here). Pages ask :func:`allows`
before offering a form, services ask :func:`require` before writing, and
:func:`plan_transition` is the only code that changes ``Helhedsplan.status``.

- **kladde**: LBF has registered the plan. The projektleder and the board build the
  structure (the agreement's first version, goals and criteria, delaftaler, delmål,
  activities, bodies). Sending the plan to LBF submits the agreement's draft with it.
- **sendt til LBF**: LBF approves (the agreement version takes effect) or returns the plan
  with a comment (the version is rejected; the projektleder drafts a new one and sends again).
  The structure is frozen while LBF reads it; bodies and their members may still change.
- **godkendt**: the projektleder or LBF starts the plan. The practical level may be built on.
- **i gang**: the plan runs: registrations, status reports, meetings. Changes to the
  agreement and the delaftaler go through versions approved by LBF (``versioning``).
- **afsluttet**: LBF closes the plan; nothing changes any more.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.errors import NotAllowed, ServiceError
from portal.services import validated_save

from . import versioning
from .access import PlanRoles, plan_roles
from .models import Aftalestatus, Helhedsplan
from .states import ALLOWS, allows, require  # noqa: F401 - re-exported: callers ask the lifecycle

S = Helhedsplan.Status


@dataclass(frozen=True)
class Transition:
    action: str
    source: str
    target: str
    label: str | Promise
    who: str  # "projektleder", "lbf" or "projektleder_lbf"
    needs_comment: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("send", S.KLADDE, S.SENDT, gettext_lazy("Send planen til LBF"), "projektleder"),
        Transition("godkend", S.SENDT, S.GODKENDT, gettext_lazy("Godkend planen"), "lbf"),
        Transition(
            "returner", S.SENDT, S.KLADDE, gettext_lazy("Send planen retur"), "lbf", needs_comment=True
        ),
        Transition("start", S.GODKENDT, S.I_GANG, gettext_lazy("Sæt planen i gang"), "projektleder_lbf"),
        Transition("afslut", S.I_GANG, S.AFSLUTTET, gettext_lazy("Afslut planen"), "lbf"),
    )
}


def _may(transition: Transition, roles: PlanRoles) -> bool:
    if transition.who == "lbf":
        return roles.lbf
    if transition.who == "projektleder":
        return roles.projektleder
    return roles.projektleder or roles.lbf


def available(plan: Helhedsplan, roles: PlanRoles) -> list[Transition]:
    """The moves ``roles`` may make from the plan's state now (the buttons a page shows)."""
    return [t for t in TRANSITIONS.values() if t.source == plan.status and _may(t, roles)]


def missing_for_sending(plan: Helhedsplan) -> list[str]:
    """What the plan lacks before LBF can read it (empty: it may be sent)."""
    missing = []
    draft = plan.samarbejdsaftaler.filter(status=Aftalestatus.KLADDE).order_by("-version").first()
    if draft is None:
        missing.append(_("Der er ingen kladde til samarbejdsaftalen. Udarbejd en ny version."))
    else:
        if not draft.problemkompleks.strip():
            missing.append(_("Samarbejdsaftalen mangler en beskrivelse af problemkomplekset."))
        goals = list(draft.strategiske_maal.prefetch_related("succeskriterier"))
        if not goals:
            missing.append(_("Samarbejdsaftalen har ingen strategiske mål."))
        for goal in goals:
            criteria = list(goal.succeskriterier.all())
            if not criteria:
                missing.append(_("Mål %(nr)s har ingen succeskriterier.") % {"nr": goal.nummer})
            for k in criteria:
                if k.indikator_id is None or k.baseline_vaerdi is None or k.maal_vaerdi is None:
                    missing.append(
                        _("Succeskriteriet »%(k)s« mangler indikator, baseline eller måltal.")
                        % {"k": k.beskrivelse}
                    )
    if not plan.delaftaler.exists():
        missing.append(_("Planen har ingen delaftaler."))
    if not plan.organer.filter(type="bestyrelse").exists():
        missing.append(_("Planen har ingen boligsocial bestyrelse."))
    return missing


def plan_transition(*, user, plan: Helhedsplan, action: str, kommentar: str = "") -> Helhedsplan:
    """Move ``plan`` by ``action`` (a key of :data:`TRANSITIONS`), with the agreement version
    that goes with it: sending submits the draft, approving approves it, returning rejects it."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ServiceError(_("Ukendt handling."))
    roles = plan_roles(user, plan)
    if not _may(transition, roles):
        raise NotAllowed(_("Du kan ikke flytte planen til »%(s)s«.") % {"s": S(transition.target).label})
    with transaction.atomic():
        locked = Helhedsplan.objects.select_for_update().get(pk=plan.pk)
        if locked.status != transition.source:
            raise ServiceError(
                _("Planen er »%(s)s«; den kan ikke flyttes sådan nu.") % {"s": locked.get_status_display()}
            )
        if transition.needs_comment and not kommentar.strip():
            raise ValidationError({"kommentar": _("Skriv, hvad projektlederen skal rette.")})
        if action == "send":
            missing = missing_for_sending(plan)
            if missing:
                raise ValidationError(missing)
            draft = plan.samarbejdsaftaler.filter(status=Aftalestatus.KLADDE).order_by("-version").first()
            if draft is None:  # missing_for_sending says so; kept for the type checker
                raise ServiceError(_("Der er ingen kladde til samarbejdsaftalen."))
            versioning.samarbejdsaftale_submit(user=user, aftale=draft)
        elif action in ("godkend", "returner"):
            submitted = (
                plan.samarbejdsaftaler.filter(status=Aftalestatus.INDSENDT).order_by("-version").first()
            )
            if submitted is not None and action == "godkend":
                versioning.samarbejdsaftale_approve(user=user, aftale=submitted, kommentar=kommentar)
            elif submitted is not None:
                versioning.samarbejdsaftale_reject(user=user, aftale=submitted, kommentar=kommentar)
        locked.status = transition.target
        validated_save(
            locked,
            user=user,
            reason=str(transition.label) + (f": {kommentar.strip()}" if kommentar.strip() else ""),
        )
    plan.status = locked.status
    return plan


def panel(plan: Helhedsplan, roles: PlanRoles) -> dict:
    """What the plan page shows of the lifecycle: the states with the current one marked,
    the moves this user may make, and (while a draft) what is missing before sending."""
    order = [S.KLADDE, S.SENDT, S.GODKENDT, S.I_GANG, S.AFSLUTTET]
    current = order.index(S(plan.status))
    drafting = plan.status == S.KLADDE  # later drafts are made on the versions page
    return {
        "steps": [(s.label, i < current, i == current) for i, s in enumerate(order)],
        "transitions": available(plan, roles),
        "missing": missing_for_sending(plan) if drafting else [],
        "draft": (
            plan.samarbejdsaftaler.filter(status=Aftalestatus.KLADDE).order_by("-version").first()
            if drafting
            else None
        ),
        "can_build": roles.can_build and allows(plan, "struktur"),
        "can_organise": roles.can_build and allows(plan, "organer"),
        "can_add_delmaal": roles.can_edit_practice and allows(plan, "struktur"),
        "can_edit_master": roles.lbf and allows(plan, "stamdata"),
    }
