"""Views for setting a plan up without the admin: LBF registers a plan, the projektleder
and the board add delaftaler and delmål, and the plan moves through its lifecycle. Thin:
authorise, bind, call :mod:`helhedsplaner.registration` or :mod:`helhedsplaner.lifecycle`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import require_lbf_staff
from portal.web import crumbs, refusals

from . import lifecycle, registration, setup_forms
from .access import plan_for_request
from .models import Delaftale


def plan_register(request: HttpRequest) -> HttpResponse:
    """LBF registers a new plan; the projektleder and the board chair are invited."""
    require_lbf_staff(request.user)
    form = setup_forms.PlanRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as call:
            plan = registration.plan_register(
                user=request.user, data=form.plan_data(), base_url=request.build_absolute_uri("/")
            )
        if not call.refused:
            messages.success(
                request,
                _(
                    "Planen er registreret som kladde. "
                    "Projektlederen og bestyrelsesformanden har fået en invitation."
                ),
            )
            return redirect(plan)
    return render(
        request,
        "helhedsplaner/plan_register.html",
        {"form": form, "crumbs": [(_("Registrér helhedsplan"), None)]},
        status=400 if form.errors else 200,
    )


def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """LBF corrects a registered plan's master data (the registration's form and rules)."""
    require_lbf_staff(request.user)
    plan, _roles = plan_for_request(request, pk)
    if not lifecycle.allows(plan, "stamdata"):
        messages.error(request, _("Planen er afsluttet; dens stamdata kan ikke længere ændres."))
        return redirect(plan)
    form = setup_forms.PlanEditForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as call:
            registration.plan_update(user=request.user, plan=plan, data=form.plan_data())
        if not call.refused:
            messages.success(request, _("Planens stamdata er gemt."))
            return redirect(f"{plan.get_absolute_url()}#parter")
    return render(
        request,
        "helhedsplaner/plan_register.html",
        {
            "form": form,
            "plan": plan,
            "edit": True,
            "crumbs": crumbs(plan, (_("Ret stamdata"), None)),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def plan_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Move the plan one step in its lifecycle (send, approve, return, start, close)."""
    plan, _roles = plan_for_request(request, pk)
    if action not in lifecycle.TRANSITIONS:
        raise Http404  # an action that does not exist is a page that does not exist
    form = setup_forms.TransitionForm(request.POST)
    kommentar = form.cleaned_data["kommentar"] if form.is_valid() else ""
    with refusals(request) as call:
        lifecycle.plan_transition(user=request.user, plan=plan, action=action, kommentar=kommentar)
    if not call.refused:
        messages.success(request, _("Planen er nu »%(s)s«.") % {"s": plan.get_status_display()})
    return redirect(plan)


def delaftale_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    if not roles.can_build:
        raise PermissionDenied(_("Kun planens projektleder eller bestyrelse kan opbygge planens struktur."))
    form = setup_forms.DelaftaleCreateForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as call:
            delaftale = registration.delaftale_create(user=request.user, plan=plan, **form.cleaned_data)
        if not call.refused:
            messages.success(request, _("Delaftalen er oprettet. Tilføj dens delmål."))
            return redirect(f"{plan.get_absolute_url()}#delaftale-{delaftale.pk}")
    return render(
        request,
        "helhedsplaner/setup_form.html",
        {
            "plan": plan,
            "form": form,
            "title": _("Ny delaftale"),
            "submit": _("Opret delaftale"),
            "crumbs": crumbs(plan, (_("Ny delaftale"), None)),
        },
        status=400 if form.errors else 200,
    )


def delmaal_create(request: HttpRequest, pk: int, delaftale_pk: int) -> HttpResponse:
    """A new delmål from its delaftale (the button on the delaftale's card)."""
    plan, roles = plan_for_request(request, pk)
    delaftale = get_object_or_404(
        Delaftale.objects.select_related("indsatsomraade"), pk=delaftale_pk, helhedsplan=plan
    )
    if not roles.can_edit_practice:
        raise PermissionDenied(_("Kun planens projektleder kan ændre den praktiske del af planen."))
    form = setup_forms.DelmaalCreateForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as call:
            delmaal = registration.delmaal_create(
                user=request.user,
                delaftale=delaftale,
                titel=form.cleaned_data["titel"],
                beskrivelse=form.cleaned_data["beskrivelse"],
                strategiske_maal=list(form.cleaned_data["strategiske_maal"]),
            )
        if not call.refused:
            messages.success(request, _("Delmålet er oprettet."))
            if "gem_og_aktivitet" in request.POST:
                return redirect(
                    reverse("helhedsplaner:aktivitet_create", args=[plan.pk]) + f"?delmaal={delmaal.pk}"
                )
            return redirect(f"{plan.get_absolute_url()}#delmaal-{delmaal.pk}")
    title = _("Nyt delmål under %(omraade)s") % {"omraade": delaftale.indsatsomraade}
    return render(
        request,
        "helhedsplaner/setup_form.html",
        {
            "plan": plan,
            "form": form,
            "title": title,
            "submit": _("Opret delmål"),
            "also": ("gem_og_aktivitet", _("Opret og tilføj en aktivitet")),
            "crumbs": crumbs(
                plan,
                (str(delaftale), f"{plan.get_absolute_url()}#delaftale-{delaftale.pk}"),
                (_("Nyt delmål"), None),
            ),
        },
        status=400 if form.errors else 200,
    )
