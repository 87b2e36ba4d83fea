"""A plan's bodies and their members: create and edit a body, add a member. Thin: authorise,
bind, call :mod:`bestyrelser.organisering`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from helhedsplaner.access import plan_for_request
from portal.web import crumbs, refusals

from . import organisering
from .models import Organ
from .organ_forms import MedlemForm, OrganForm


def _builder_plan(request: HttpRequest, pk: int):
    plan, roles = plan_for_request(request, pk)
    if not roles.can_build:
        raise PermissionDenied(_("Kun planens projektleder eller bestyrelse kan ændre planens organisering."))
    return plan


def _back(plan) -> str:
    return f"{plan.get_absolute_url()}#organisering"


def organ_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _organ_form(request, pk, None)


def organ_update(request: HttpRequest, pk: int, organ_pk: int) -> HttpResponse:
    return _organ_form(request, pk, organ_pk)


def _organ_form(request: HttpRequest, pk: int, organ_pk: int | None) -> HttpResponse:
    plan = _builder_plan(request, pk)
    organ = get_object_or_404(Organ, pk=organ_pk, helhedsplan=plan) if organ_pk else None
    form = OrganForm(request.POST or None, instance=organ, plan=plan)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as call:
            saved = organisering.organ_save(
                user=request.user, organ=form.save(commit=False), daekker=list(form.cleaned_data["daekker"])
            )
        if not call.refused:
            messages.success(request, _("Organet »%(navn)s« er gemt.") % {"navn": saved.navn})
            return redirect(_back(plan))
    title = _("Rediger %(navn)s") % {"navn": organ.navn} if organ else _("Nyt organ")
    return render(
        request,
        "helhedsplaner/setup_form.html",
        {
            "plan": plan,
            "form": form,
            "title": title,
            "intro": _(
                "Bestyrelse, styre- og følgegrupper og fora: hvem rapporterer til hvem, "
                "og hvilke delaftaler hver gruppe følger."
            ),
            "submit": _("Gem organ"),
            "crumbs": crumbs(plan, (_("Organisering"), _back(plan)), (title, None)),
        },
        status=400 if form.errors else 200,
    )


def medlem_create(request: HttpRequest, pk: int, organ_pk: int) -> HttpResponse:
    plan = _builder_plan(request, pk)
    organ = get_object_or_404(Organ, pk=organ_pk, helhedsplan=plan)
    form = MedlemForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as call:
            organisering.medlemskab_add(
                user=request.user,
                organ=organ,
                data=form.medlem_data(),
                base_url=request.build_absolute_uri("/"),
            )
        if not call.refused:
            messages.success(
                request,
                _("%(navn)s er tilføjet til %(organ)s.")
                % {"navn": form.cleaned_data["navn"], "organ": organ.navn},
            )
            if "gem_og_ny" in request.POST:
                return redirect("bestyrelser:medlem_create", pk=plan.pk, organ_pk=organ.pk)
            return redirect(_back(plan))
    title = _("Nyt medlem af %(organ)s") % {"organ": organ.navn}
    return render(
        request,
        "helhedsplaner/setup_form.html",
        {
            "plan": plan,
            "form": form,
            "title": title,
            "submit": _("Tilføj medlem"),
            "also": ("gem_og_ny", _("Tilføj og tilføj endnu et")),
            "crumbs": crumbs(plan, (_("Organisering"), _back(plan)), (title, None)),
        },
        status=400 if form.errors else 200,
    )
