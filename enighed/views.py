"""Pages of the agreement survey. Thin: authorise through portal.access, call one service
or selector, render or redirect. The personal-link pages are the only ones without login,
and they show the survey's questions and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from helhedsplaner.access import PlanRoles, plan_for_request
from helhedsplaner.models import Helhedsplan
from portal import errors, exports
from portal.access import require_lbf_staff
from portal.web import crumbs, refusal_text, refusals

from . import charts, forms, selectors, services
from .models import MIN_RESPONDENTER, Enighedsmaaling, Invitation, Niveau


def _maaling(request: HttpRequest, maaling_pk: int) -> tuple[Enighedsmaaling, Helhedsplan, PlanRoles]:
    """The survey if the user may see its plan (else 404, like a survey that does not exist)."""
    maaling = get_object_or_404(Enighedsmaaling, pk=maaling_pk)
    plan, roles = plan_for_request(request, maaling.helhedsplan_id)
    maaling.helhedsplan = plan
    return maaling, plan, roles


def _require(allowed: bool, message: str = "") -> None:
    if not allowed:
        raise PermissionDenied(message or _("Du har ikke adgang til denne handling."))


def _crumbs(plan: Helhedsplan, *rest: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return crumbs(plan, (_("Enighedsmåling"), reverse("enighed:plan_list", args=[plan.pk])), *rest)


# The plan's surveys --------------------------------------------------------------------------


@require_GET
def plan_list(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    rounds = selectors.trend_for_plan(plan)
    maalinger = selectors.maalinger_for_plan(plan)
    own = {
        i.maaling_id: i
        for i in Invitation.objects.filter(
            maaling__in=[m.pk for m in maalinger], person__user_id=request.user.pk or 0
        )
    }
    context = {
        "plan": plan,
        "roles": roles,
        "kan_styre": services.can_manage(roles),
        "maalinger": [(m, own.get(m.pk)) for m in maalinger],
        "runder": rounds,
        "trend_fig": charts.trend(rounds) if len(rounds) > 1 else None,
        "form": forms.MaalingForm(),
        "min_respondenter": MIN_RESPONDENTER,
        "crumbs": crumbs(plan, (_("Enighedsmåling"), None)),
    }
    return render(request, "enighed/plan_list.html", context)


@require_POST
def maaling_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    _require(services.can_manage(roles), _("Kun projektlederen, formanden eller LBF kan oprette en måling."))
    form = forms.MaalingForm(request.POST)
    if form.is_valid():
        with refusals(request) as call:
            maaling = services.enighedsmaaling_create(user=request.user, plan=plan, **form.cleaned_data)
        if not call.refused:
            messages.success(request, _("Målingen er oprettet. Gennemse spørgsmålene, før den sendes ud."))
            return redirect("enighed:spoergsmaal_edit", maaling_pk=maaling.pk)
    else:
        messages.error(
            request, _("Målingen blev ikke oprettet: ") + refusal_text(ValidationError(form.errors))
        )
    return redirect("enighed:plan_list", pk=plan.pk)


# One survey ---------------------------------------------------------------------------------


@require_GET
def maaling_detail(request: HttpRequest, maaling_pk: int) -> HttpResponse:
    maaling, plan, roles = _maaling(request, maaling_pk)
    kan_styre = services.can_manage(roles)
    per_level = []
    if kan_styre:
        for niveau in Niveau:
            invitations = [i for i in maaling.invitationer.all() if i.niveau == niveau]
            if invitations:
                per_level.append(
                    {
                        "label": niveau.label,
                        "inviterede": len(invitations),
                        "besvaret": sum(i.besvaret for i in invitations),
                        "uden_email": sum(1 for i in invitations if not i.person.email),
                    }
                )
    context = {
        "plan": plan,
        "maaling": maaling,
        "roles": roles,
        "kan_styre": kan_styre,
        "niveauer": per_level,
        "egen_invitation": services.invitation_for_user(user=request.user, maaling=maaling),
        "spoergsmaal": list(maaling.spoergsmaal.select_related("indsatsomraade")),
        "har_resultater": hasattr(maaling, "analyse"),
        "crumbs": _crumbs(plan, (maaling.titel, None)),
    }
    return render(request, "enighed/maaling_detail.html", context)


def spoergsmaal_edit(request: HttpRequest, maaling_pk: int) -> HttpResponse:
    maaling, plan, roles = _maaling(request, maaling_pk)
    _require(
        services.can_manage(roles), _("Kun projektlederen, formanden eller LBF kan redigere spørgsmålene.")
    )
    if maaling.status != Enighedsmaaling.Status.KLADDE:
        messages.error(request, _("Spørgsmålene kan kun ændres, før målingen sendes ud."))
        return redirect(maaling)
    questions = list(maaling.spoergsmaal.select_related("indsatsomraade"))
    initial = [{"pk": q.pk, "tekst": q.tekst, "medtag": True} for q in questions]
    formset = forms.SpoergsmaalFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        with refusals(request) as call:
            services.spoergsmaal_update(user=request.user, maaling=maaling, edits=[f.edit() for f in formset])
        if not call.refused:
            messages.success(request, _("Spørgsmålene er gemt."))
            return redirect(maaling)
    context = {
        "plan": plan,
        "maaling": maaling,
        "rows": list(zip(questions, formset.forms, strict=False)),
        "formset": formset,
        "crumbs": _crumbs(plan, (maaling.titel, maaling.get_absolute_url()), (_("Spørgsmål"), None)),
    }
    return render(request, "enighed/spoergsmaal_form.html", context)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


ACTIONS = {
    "aabn": (
        lambda request, m: services.enighedsmaaling_open(
            user=request.user, maaling=m, base_url=_base_url(request)
        ),
        _("Målingen er sendt ud; invitationerne er sat i kø."),
    ),
    "paamind": (
        lambda request, m: services.enighedsmaaling_remind(
            user=request.user, maaling=m, base_url=_base_url(request)
        ),
        _("Påmindelser er sat i kø til dem, der ikke har svaret."),
    ),
    "luk": (
        lambda request, m: services.enighedsmaaling_close(user=request.user, maaling=m),
        _("Målingen er lukket; resultaterne beregnes."),
    ),
    "beregn": (
        lambda request, m: services.analysis_request(user=request.user, maaling=m),
        _("Resultaterne beregnes."),
    ),
}


@require_POST
def maaling_action(request: HttpRequest, maaling_pk: int, action: str) -> HttpResponse:
    maaling, _plan_obj, roles = _maaling(request, maaling_pk)
    if action not in ACTIONS:
        raise Http404  # an action that does not exist is a page that does not exist
    _require(services.can_manage(roles), _("Kun projektlederen, formanden eller LBF kan styre målingen."))
    run, done = ACTIONS[action]
    with refusals(request) as call:
        run(request, maaling)
    if not call.refused:
        messages.success(request, str(done))
    return redirect(maaling)


# Results -------------------------------------------------------------------------------------


@require_GET
def resultater(request: HttpRequest, maaling_pk: int) -> HttpResponse:
    maaling, plan, roles = _maaling(request, maaling_pk)
    context = selectors.results_for(maaling, with_free_text=roles.member)
    context.update(
        plan=plan,
        maaling=maaling,
        roles=roles,
        kan_styre=services.can_manage(roles),
        min_respondenter=MIN_RESPONDENTER,
        headline_fig=charts.headline(context["headline"]) if context["analyse"] else None,
        divergens_fig=charts.divergence(context["divergent"]) if context["divergent"] else None,
        crumbs=_crumbs(plan, (maaling.titel, maaling.get_absolute_url()), (_("Resultater"), None)),
    )
    return render(request, "enighed/resultater.html", context)


@require_GET
def resultater_csv(request: HttpRequest, maaling_pk: int) -> HttpResponse:
    """The stored results as CSV, built by ``selectors.results_table`` and written by
    portal.exports (semicolons, decimal comma, UTF-8 with BOM, formula-safe text)."""
    maaling, _plan_obj, _roles = _maaling(request, maaling_pk)
    return exports.response(selectors.results_table(maaling), "csv")


# Answering -------------------------------------------------------------------------------------


def _no_store(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Every response of an answer page, its refusals and error pages (403, 404) included,
    is marked ``no-store``: the page is reached through a personal link, often on a shared
    computer, and neither a browser nor a proxy may keep it. Exceptions are turned into their
    error page inside the view so that the header reaches those too."""

    @wraps(view)
    def answer_page(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - answered as Django answers it, plus the header
            return response_for_exception(request, exc)

    return never_cache(answer_page)


def _answer(request: HttpRequest, invitation: Invitation, template_context: dict) -> HttpResponse:
    questions = list(invitation.maaling.spoergsmaal.select_related("indsatsomraade"))
    form = forms.BesvarelseForm(request.POST or None, spoergsmaal=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.besvarelse_submit(
                invitation=invitation, vaerdier=form.vaerdier(), tekster=form.tekster()
            )
        except services.AlreadyAnswered as exc:
            return _refused(request, exc, status=409)
        except services.SurveyClosed as exc:
            return _refused(request, exc, status=410)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return redirect("enighed:tak")
    context = {"maaling": invitation.maaling, "form": form, **template_context}
    return render(request, "enighed/besvar.html", context, status=400 if form.errors else 200)


def _refused(request: HttpRequest, exc: errors.ServiceError, *, status: int) -> HttpResponse:
    return render(request, "enighed/svar_afvist.html", {"besked": exc.message}, status=status)


@login_not_required
@_no_store
def svar_token(request: HttpRequest, token: str) -> HttpResponse:
    """Answer through the personal link, without login. A logged-in user may not use
    someone else's link."""
    try:
        invitation = services.invitation_for_token(token)
    except services.TokenUnknown as exc:
        return _refused(request, exc, status=404)
    except services.AlreadyAnswered as exc:
        return _refused(request, exc, status=409)
    except services.SurveyClosed as exc:
        return _refused(request, exc, status=410)
    if request.user.is_authenticated and invitation.person.user_id != request.user.pk:
        raise PermissionDenied(_("Linket er personligt og hører til en anden person."))
    return _answer(request, invitation, {"crumbs": None})


@_no_store
def besvar(request: HttpRequest, maaling_pk: int) -> HttpResponse:
    """Answer after login: only with the user's own invitation."""
    maaling, plan, _roles = _maaling(request, maaling_pk)
    invitation = services.invitation_for_user(user=request.user, maaling=maaling)
    if invitation is None:
        raise PermissionDenied(_("Du er ikke inviteret til at besvare denne måling."))
    try:
        services.invitation_check_answerable(invitation)
    except services.AlreadyAnswered as exc:
        return _refused(request, exc, status=409)
    except services.SurveyClosed as exc:
        return _refused(request, exc, status=410)
    return _answer(request, invitation, {"crumbs": _crumbs(plan, (maaling.titel, None), (_("Besvar"), None))})


@login_not_required
@require_GET
def tak(request: HttpRequest) -> HttpResponse:
    return render(request, "enighed/tak.html")


# LBF -------------------------------------------------------------------------------------------


@require_GET
def lbf_oversigt(request: HttpRequest) -> HttpResponse:
    require_lbf_staff(request.user)
    context = selectors.lbf_overview()
    context.update(
        fig=charts.distribution(context["celler"]) if context["antal_planer"] else None,
        crumbs=[(_("Enighed på tværs af planer"), None)],
    )
    return render(request, "enighed/lbf_oversigt.html", context)
