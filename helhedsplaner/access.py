"""Roles and object access: the one place that answers who may see or change a plan.

Roles come from memberships of a plan's bodies (see DESIGN.md), plus the group
``settings.LBF_GROUP_NAME`` for Landsbyggefonden's staff (:mod:`portal.access`). Views fetch
plans through :func:`plan_for_request` / :func:`get_plan_for_user`, so a plan the user may
not see answers 404, exactly as one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from bestyrelser.models import Medlemskab, Organ
from portal.access import active_membership_q, is_lbf_staff

from .models import Boligomraade, Helhedsplan, Statusrapport


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
    def member(self) -> bool:
        """Holds an active membership in the plan (LBF sees every plan but is no member)."""
        return any((self.projektleder, self.bestyrelsesmedlem, self.gruppemedlem))

    @property
    def can_build(self) -> bool:
        """The plan's structure: the agreement's drafts, delaftaler, bodies and members."""
        return self.projektleder or self.bestyrelsesmedlem

    @property
    def can_edit_practice(self) -> bool:
        """Activities, registrations, delmål, status reports and imports."""
        return self.projektleder


def plan_roles(user, plan: Helhedsplan) -> PlanRoles:
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
    qs = queryset if queryset is not None else Helhedsplan.objects.all()
    return get_object_or_404(qs.visible_to(user), pk=pk)


def area_for_user(user, pk: int) -> tuple[Boligomraade, list[Helhedsplan]]:
    """The boligområde ``pk`` with the user's visible plans in it, if the user may see its
    profile (a plan in the area, or LBF staff and superusers), else Http404."""
    omraade = get_object_or_404(Boligomraade.objects.select_related("kommune"), pk=pk)
    plans = list(Helhedsplan.objects.visible_to(user).filter(boligomraade=omraade).order_by("navn"))
    if not plans and not (user.is_superuser or is_lbf_staff(user)):
        raise Http404
    return omraade, plans


def plan_for_request(request: HttpRequest, pk: int) -> tuple[Helhedsplan, PlanRoles]:
    """The plan a page is about, if the user may see it (else 404), with the user's roles
    in it: the first line of every per-plan view."""
    plan = get_plan_for_user(
        request.user, pk, Helhedsplan.objects.select_related("boligomraade", "kommune", "bevillingsperiode")
    )
    return plan, plan_roles(request.user, plan)


@dataclass(frozen=True)
class ReportPermissions:
    """What one user may do with one status report right now (state and role)."""

    edit: bool = False
    submit: bool = False
    accept: bool = False
    approve: bool = False
    return_: bool = False
    unlock: bool = False

    @property
    def any_action(self) -> bool:
        return any((self.edit, self.submit, self.accept, self.approve, self.return_, self.unlock))


def reviewing_organ_ids(delaftale) -> list[int]:
    """Bodies below the board that follow ``delaftale`` and so accept its reports."""
    return [organ.pk for organ in delaftale.organer.all() if organ.type in Organ.GROUP_TYPES]


def report_permissions(user, rapport, roles: PlanRoles | None = None) -> ReportPermissions:
    """The role table of DESIGN.md applied to one report in its current state.

    The projektleder writes and submits; a member of a body that follows the delaftale
    accepts (skipped when no body follows it); a board member approves; the board's
    formand or LBF unlocks an approved report. Reviewers may return with a comment.
    """
    plan = rapport.delaftale.helhedsplan
    roles = roles or plan_roles(user, plan)
    status = rapport.status
    S = Statusrapport.Status
    organ_ids = reviewing_organ_ids(rapport.delaftale)
    group_member = (
        bool(organ_ids)
        and Medlemskab.objects.filter(active_membership_q("", user), organ_id__in=organ_ids)
        .exclude(rolle=Medlemskab.Rolle.PROJEKTLEDER)
        .exists()
    )
    awaiting_group = status == S.INDSENDT and bool(organ_ids)
    awaiting_board = status == S.ACCEPTERET or (status == S.INDSENDT and not organ_ids)
    board = roles.bestyrelsesmedlem
    return ReportPermissions(
        edit=roles.projektleder and status == S.KLADDE,
        submit=roles.projektleder and status == S.KLADDE,
        accept=group_member and awaiting_group,
        approve=board and awaiting_board,
        return_=(group_member and awaiting_group) or (board and awaiting_board),
        unlock=(roles.formand or roles.lbf) and status in Statusrapport.APPROVED_STATES,
    )


@dataclass(frozen=True)
class MeetingPermissions:
    """What one user may do with the meetings of one body."""

    view: bool = False
    manage: bool = False  # agenda, attendance, papers, minutes, decisions, action items
    approve_minutes: bool = False
    release_pack: bool = False


MEETING_MANAGERS = ("formand", "naestformand", "sekretaer")


def meeting_permissions(user, organ, roles: PlanRoles | None = None) -> MeetingPermissions:
    """The projektleder prepares every body's meetings; the body's formand, næstformand
    and sekretær manage its meetings; the formand (or næstformand) approves the minutes;
    the formand or sekretær releases the board pack."""
    roles = roles or plan_roles(user, organ.helhedsplan)
    own_roles = set(
        Medlemskab.objects.filter(active_membership_q("", user), organ=organ).values_list("rolle", flat=True)
    )
    manager = roles.projektleder or bool(own_roles & set(MEETING_MANAGERS))
    return MeetingPermissions(
        view=roles.can_view,
        manage=manager,
        approve_minutes=bool(own_roles & {"formand", "naestformand"}),
        release_pack=bool(own_roles & {"formand", "naestformand", "sekretaer"}) or roles.projektleder,
    )
