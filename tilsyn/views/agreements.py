"""The agreement's and the delaftaler's versions: the list, a version, drafting and editing
a version, the decisions (submit, approve, reject) and the differences between versions.

The services live in :mod:`helhedsplaner.versioning`, imported here and nowhere else in the views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from helhedsplaner import versioning as versions
from helhedsplaner.access import PlanRoles, plan_for_request
from helhedsplaner.models import (
    Aftalestatus,
    Delaftale,
    Delaftaleversion,
    Helhedsplan,
    Samarbejdsaftale,
    agreement_in_force,
)
from portal.web import crumbs, refusals

from ..forms import AgreementDraftForm, DecisionForm, DelaftaleDraftForm, NewGoalForm

#: A decision on a version: the service to call and the message when it is done.
Action = tuple[Callable[..., Any], Promise]


def _aftale(plan: Helhedsplan, aftale_pk: int) -> Samarbejdsaftale:
    return get_object_or_404(Samarbejdsaftale, pk=aftale_pk, helhedsplan=plan)


def _version(plan: Helhedsplan, version_pk: int) -> Delaftaleversion:
    return get_object_or_404(
        Delaftaleversion.objects.select_related("delaftale__indsatsomraade", "godkendt_af", "oprettet_af"),
        pk=version_pk,
        delaftale__helhedsplan=plan,
    )


def _can_draft(roles: PlanRoles) -> bool:
    return roles.projektleder or roles.bestyrelsesmedlem


def _version_crumbs(plan: Helhedsplan, title: str) -> list[tuple[str, str | None]]:
    return crumbs(
        plan, (_("Aftaleversioner"), reverse("tilsyn:versions_page", args=[plan.pk])), (title, None)
    )


# --- The agreement -------------------------------------------------------------------------


@require_GET
def versions_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    aftaler = list(plan.samarbejdsaftaler.select_related("godkendt_af").order_by("-version"))
    delaftaler = list(
        Delaftale.objects.filter(helhedsplan=plan)
        .select_related("indsatsomraade")
        .prefetch_related("versioner__godkendt_af")
        .order_by("indsatsomraade__navn")
    )
    context = {
        "plan": plan,
        "roles": roles,
        "can_draft": _can_draft(roles),
        "aftaler": aftaler,
        "i_kraft": agreement_in_force(aftaler, timezone.localdate()),
        "aaben": any(a.status in (Aftalestatus.KLADDE, Aftalestatus.INDSENDT) for a in aftaler),
        "delaftaler": delaftaler,
        "crumbs": crumbs(plan, (_("Aftaleversioner"), None)),
    }
    return render(request, "tilsyn/versioner.html", context)


@require_POST
def agreement_draft(request: HttpRequest, pk: int) -> HttpResponse:
    plan, _roles = plan_for_request(request, pk)
    with refusals(request) as call:
        aftale = versions.samarbejdsaftale_draft(user=request.user, plan=plan)
    if call.refused:
        return redirect("tilsyn:versions_page", pk=plan.pk)
    messages.success(request, _("Version %(v)s er oprettet som kladde.") % {"v": aftale.version})
    return redirect("tilsyn:agreement_edit", pk=plan.pk, aftale_pk=aftale.pk)


@require_GET
def agreement_detail(request: HttpRequest, pk: int, aftale_pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    aftale = _aftale(plan, aftale_pk)
    goals = aftale.strategiske_maal.select_related("indsatsomraade").prefetch_related(
        "succeskriterier__indikator", "succeskriterier__maalaendringer"
    )
    previous = (
        plan.samarbejdsaftaler.filter(version__lt=aftale.version, status=Aftalestatus.GODKENDT)
        .order_by("-version")
        .first()
    )
    context = {
        "plan": plan,
        "roles": roles,
        "aftale": aftale,
        "goals": goals.order_by("nummer"),
        "previous": previous,
        "diff": versions.agreement_diff(previous, aftale) if previous else None,
        "can_draft": _can_draft(roles),
        "decision_form": DecisionForm(),
        "crumbs": _version_crumbs(plan, _("Version %(v)s") % {"v": aftale.version}),
    }
    return render(request, "tilsyn/aftale_detail.html", context)


def _draft_data(form: AgreementDraftForm) -> tuple[list[versions.MaalData], list[versions.KriterieData]]:
    d = form.cleaned_data
    sent = form.data
    maal = [
        versions.MaalData(
            g,
            d[f"maal_{g.pk}_titel"],
            d[f"maal_{g.pk}_beskrivelse"],
            # a field the request did not send is left as it is (a partial post, an old page)
            indsatsomraade=d[f"maal_{g.pk}_indsatsomraade"]
            if f"maal_{g.pk}_indsatsomraade" in sent
            else versions.KEEP,
            maalgruppe=d[f"maal_{g.pk}_maalgruppe"]
            if f"maal_{g.pk}_maalgruppe" in form.data
            else versions.KEEP,
        )
        for g in form.goals
    ]
    kriterier = []
    for g in form.goals:
        for k in g.kriterier:
            p = f"kriterie_{k.pk}_"
            kriterier.append(
                versions.KriterieData(
                    kriterie=k,
                    beskrivelse=d[p + "beskrivelse"],
                    baseline_vaerdi=d[p + "baseline_vaerdi"],
                    baseline_dato=d[p + "baseline_dato"],
                    maal_vaerdi=d[p + "maal_vaerdi"],
                    maal_dato=d[p + "maal_dato"],
                    begrundelse=d[p + "begrundelse"],
                    indikator=d[p + "indikator"],
                    tolerance_pct=d[p + "tolerance_pct"]
                    if d[p + "tolerance_pct"] is not None
                    else versions.KEEP,
                )
            )
    return maal, kriterier


def agreement_edit(request: HttpRequest, pk: int, aftale_pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    aftale = _aftale(plan, aftale_pk)
    if not _can_draft(roles):
        raise PermissionDenied(_("Kun planens projektleder eller bestyrelse kan redigere en kladde."))
    if aftale.status != Aftalestatus.KLADDE:
        messages.error(request, _("Kun en kladde kan redigeres."))
        return redirect("tilsyn:agreement_detail", pk=plan.pk, aftale_pk=aftale.pk)
    form = AgreementDraftForm(request.POST or None, aftale=aftale)
    if request.method == "POST" and form.is_valid():
        maal, kriterier = _draft_data(form)
        with refusals(request, form=form) as call:
            versions.samarbejdsaftale_update(
                user=request.user,
                aftale=aftale,
                problemkompleks=form.cleaned_data["problemkompleks"],
                gyldig_fra=form.cleaned_data["gyldig_fra"],
                gyldig_til=form.cleaned_data["gyldig_til"],
                maal=maal,
                kriterier=kriterier,
                nye_kriterier=[versions.NytKriterie(**n) for n in form.new_criteria()],
            )
        if not call.refused:
            messages.success(request, _("Kladden er gemt."))
            return redirect("tilsyn:agreement_detail", pk=plan.pk, aftale_pk=aftale.pk)
    context = {
        "plan": plan,
        "aftale": aftale,
        "form": form,
        "goal_form": NewGoalForm(aftale=aftale),
        "started": versions.reporting_started(plan),
        "crumbs": _version_crumbs(plan, _("Rediger version %(v)s") % {"v": aftale.version}),
    }
    return render(request, "tilsyn/aftale_form.html", context, status=400 if form.errors else 200)


@require_POST
def agreement_add_goal(request: HttpRequest, pk: int, aftale_pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    aftale = _aftale(plan, aftale_pk)
    if not _can_draft(roles):
        raise PermissionDenied(_("Kun planens projektleder eller bestyrelse kan redigere en kladde."))
    form = NewGoalForm(request.POST, aftale=aftale)
    if not form.is_valid():
        messages.error(request, _("Skriv en titel og det problem, målet besvarer."))
    else:
        with refusals(request):
            versions.strategiskmaal_add(user=request.user, aftale=aftale, **form.cleaned_data)
    return redirect("tilsyn:agreement_edit", pk=plan.pk, aftale_pk=aftale.pk)


def _decide(request: HttpRequest, actions: dict[str, Action], action: str, **target: Any) -> None:
    """Submit, approve or reject a version: one service call, with LBF's comment when deciding."""
    if action not in actions:
        raise Http404
    service, done = actions[action]
    kommentar = {} if action == "indsend" else {"kommentar": request.POST.get("kommentar", "")}
    with refusals(request) as call:
        service(user=request.user, **target, **kommentar)
    if not call.refused:
        messages.success(request, str(done))


AGREEMENT_ACTIONS: dict[str, Action] = {
    "indsend": (versions.samarbejdsaftale_submit, gettext_lazy("Versionen er sendt til LBF.")),
    "godkend": (versions.samarbejdsaftale_approve, gettext_lazy("Versionen er godkendt og træder i kraft.")),
    "afvis": (versions.samarbejdsaftale_reject, gettext_lazy("Versionen er afvist.")),
}


@require_POST
def agreement_action(request: HttpRequest, pk: int, aftale_pk: int, action: str) -> HttpResponse:
    plan, _roles = plan_for_request(request, pk)
    aftale = _aftale(plan, aftale_pk)
    _decide(request, AGREEMENT_ACTIONS, action, aftale=aftale)
    return redirect("tilsyn:agreement_detail", pk=plan.pk, aftale_pk=aftale.pk)


@require_GET
def agreement_diff(request: HttpRequest, pk: int) -> HttpResponse:
    plan, _roles = plan_for_request(request, pk)
    all_versions = list(plan.samarbejdsaftaler.order_by("version"))
    by_id = {str(a.pk): a for a in all_versions}
    new = by_id.get(request.GET.get("til", "")) or (all_versions[-1] if all_versions else None)
    old = by_id.get(request.GET.get("fra", ""))
    if old is None and new is not None:
        old = next((a for a in reversed(all_versions) if a.version < new.version), None)
    context = {
        "plan": plan,
        "versions": all_versions,
        "old": old,
        "new": new,
        "diff": versions.agreement_diff(old, new) if old and new else [],
        "crumbs": _version_crumbs(plan, _("Forskelle")),
    }
    return render(request, "tilsyn/diff.html", context)


# --- The delaftaler ------------------------------------------------------------------------


def delaftale_draft(request: HttpRequest, pk: int, delaftale_pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    delaftale = get_object_or_404(
        Delaftale.objects.select_related("indsatsomraade"), pk=delaftale_pk, helhedsplan=plan
    )
    if not _can_draft(roles):
        raise PermissionDenied(_("Kun planens projektleder eller bestyrelse kan udarbejde en ny version."))
    initial = {
        "formaal": delaftale.formaal,
        "gyldig_fra": delaftale.gyldig_fra,
        "gyldig_til": delaftale.gyldig_til,
    }
    form = DelaftaleDraftForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as call:
            version = versions.delaftaleversion_draft(
                user=request.user, delaftale=delaftale, **form.cleaned_data
            )
        if not call.refused:
            messages.success(request, _("Version %(v)s er oprettet som kladde.") % {"v": version.version})
            return redirect("tilsyn:delaftale_version", pk=plan.pk, version_pk=version.pk)
    context = {
        "plan": plan,
        "delaftale": delaftale,
        "form": form,
        "crumbs": _version_crumbs(plan, _("Ny version af delaftale")),
    }
    return render(request, "tilsyn/delaftale_form.html", context, status=400 if form.errors else 200)


@require_GET
def delaftale_version(request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    version = _version(plan, version_pk)
    previous = (
        version.delaftale.versioner.filter(version__lt=version.version, status=Aftalestatus.GODKENDT)
        .order_by("-version")
        .first()
    )
    context = {
        "plan": plan,
        "roles": roles,
        "version": version,
        "previous": previous,
        "diff": versions.delaftale_diff(previous, version) if previous else None,
        "can_draft": _can_draft(roles),
        "decision_form": DecisionForm(),
        "crumbs": _version_crumbs(plan, str(version)),
    }
    return render(request, "tilsyn/delaftaleversion.html", context)


DELAFTALE_ACTIONS: dict[str, Action] = {
    "indsend": (versions.delaftaleversion_submit, gettext_lazy("Versionen er sendt til LBF.")),
    "godkend": (versions.delaftaleversion_approve, gettext_lazy("Versionen er godkendt og træder i kraft.")),
    "afvis": (versions.delaftaleversion_reject, gettext_lazy("Versionen er afvist.")),
}


@require_POST
def delaftale_action(request: HttpRequest, pk: int, version_pk: int, action: str) -> HttpResponse:
    plan, _roles = plan_for_request(request, pk)
    version = _version(plan, version_pk)
    _decide(request, DELAFTALE_ACTIONS, action, version=version)
    return redirect("tilsyn:delaftale_version", pk=plan.pk, version_pk=version.pk)


@require_GET
def delaftale_diff(request: HttpRequest, pk: int, delaftale_pk: int) -> HttpResponse:
    plan, _roles = plan_for_request(request, pk)
    delaftale = get_object_or_404(Delaftale, pk=delaftale_pk, helhedsplan=plan)
    all_versions = list(delaftale.versioner.order_by("version"))
    by_id = {str(v.pk): v for v in all_versions}
    new = by_id.get(request.GET.get("til", "")) or (all_versions[-1] if all_versions else None)
    old = by_id.get(request.GET.get("fra", ""))
    if old is None and new is not None:
        old = next((v for v in reversed(all_versions) if v.version < new.version), None)
    context = {
        "plan": plan,
        "versions": all_versions,
        "old": old,
        "new": new,
        "delaftale": delaftale,
        "diff": versions.delaftale_diff(old, new) if old and new else [],
        "crumbs": _version_crumbs(plan, _("Forskelle")),
    }
    return render(request, "tilsyn/diff.html", context)
