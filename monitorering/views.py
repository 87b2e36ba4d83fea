"""Monitoring pages: computed statuses, the job table with progress, imports, Områdeprofil.

Thin: authorise through portal.access, call one service or selector, render or redirect.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from helhedsplaner.access import area_for_user, plan_for_request
from helhedsplaner.models import Helhedsplan
from portal import outbox
from portal.access import require_lbf_staff
from portal.web import crumbs, refusals

from . import criteria, selectors, services
from .forms import ImportForm
from .imports import ImportFileError
from .models import ImportBatch, Job


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@require_GET
def plan_status(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    try:
        periode = datetime.date.fromisoformat(request.GET["periode"]) if request.GET.get("periode") else None
    except ValueError:
        periode = None
    context = selectors.plan_monitoring(plan, periode)
    context.update(plan=plan, roles=roles, crumbs=crumbs(plan, (_("Monitorering"), None)))
    return render(request, "monitorering/plan_status.html", context)


@require_POST
def plan_recompute(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    _require(roles.projektleder or roles.lbf)
    services.recompute_request(plan_id=plan.pk)
    if outbox.broker_presumed_down():
        messages.warning(
            request,
            _(
                "Genberegningen er gemt, men køen kan ikke nås lige nu. Den starter automatisk, "
                "når forbindelsen er tilbage."
            ),
        )
    else:
        messages.success(request, _("Genberegningen er sat i kø."))
    return redirect("monitorering:job_list", pk=plan.pk)


@require_GET
def job_list(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    _require(roles.projektleder or roles.lbf)
    context = {
        "plan": plan,
        "roles": roles,
        "jobs": selectors.jobs_for(plan),
        "crumbs": crumbs(
            plan, (_("Monitorering"), reverse("monitorering:plan_status", args=[plan.pk])), (_("Job"), None)
        ),
    }
    return render(request, "monitorering/job_list.html", context)


@require_GET
def job_list_all(request: HttpRequest) -> HttpResponse:
    require_lbf_staff(request.user)
    context = {
        "plan": None,
        "jobs": selectors.jobs_for(None, limit=200),
        "crumbs": [(_("Beregningsjob"), None)],
    }
    return render(request, "monitorering/job_list.html", context)


@require_GET
def job_status(request: HttpRequest, job_id: int) -> JsonResponse:
    """What the job table polls: state, attempts, progress, duration and error."""
    job = get_object_or_404(Job, pk=job_id)
    if job.helhedsplan_id is None:
        require_lbf_staff(request.user)
    else:
        _plan, roles = plan_for_request(request, job.helhedsplan_id)
        _require(roles.projektleder or roles.lbf)
    return JsonResponse(
        {
            "id": job.pk,
            "status": job.status,
            "status_label": job.get_status_display(),
            "aktiv": job.aktiv,
            "forsoeg": job.forsoeg,
            "fremskridt": job.fremskridt,
            "besked": job.besked,
            "varighed": job.varighed,
            "fejl": job.fejl,
        }
    )


# --- Imports -------------------------------------------------------------------------------


def import_start(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    _require(roles.can_edit_practice)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems, file_error = [], None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["fil"]
        try:
            batch, parsed = services.import_preview(
                data=upload.read(),
                filename=upload.name,
                kilde=form.cleaned_data["kilde"],
                user=request.user,
                plan=plan,
            )
        except ImportFileError as exc:
            file_error = str(exc)
        else:
            if parsed.ok:
                return redirect("monitorering:import_detail", pk=plan.pk, batch_id=batch.pk)
            problems = parsed.problems
    context = {
        "plan": plan,
        "form": form,
        "problems": problems[:500],
        "antal_problemer": len(problems),
        "file_error": file_error,
        "batches": selectors.import_batches_for(plan),
        "crumbs": crumbs(plan, (_("Importér målinger"), None)),
    }
    return render(
        request, "monitorering/import_form.html", context, status=400 if (problems or file_error) else 200
    )


def _batch(plan: Helhedsplan, batch_id: int) -> ImportBatch:
    return get_object_or_404(ImportBatch, pk=batch_id, helhedsplan=plan)


@require_GET
def import_detail(request: HttpRequest, pk: int, batch_id: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    _require(roles.can_edit_practice or roles.lbf)
    batch = _batch(plan, batch_id)
    shown = selectors.import_rows(batch)
    context = {
        "plan": plan,
        "roles": roles,
        "batch": batch,
        **shown,
        "crumbs": crumbs(
            plan,
            (_("Importér målinger"), reverse("monitorering:import_start", args=[plan.pk])),
            (batch.filnavn, None),
        ),
    }
    return render(request, "monitorering/import_detail.html", context)


@require_POST
def import_confirm(request: HttpRequest, pk: int, batch_id: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    _require(roles.can_edit_practice)
    batch = _batch(plan, batch_id)
    with refusals(request) as call:
        batch = services.import_confirm(batch_id=batch.pk, user=request.user)
    if not call.refused:
        messages.success(
            request,
            _("Importen er gennemført: %(nye)s oprettet, %(opd)s opdateret. Genberegning er sat i kø.")
            % {"nye": batch.antal_oprettet, "opd": batch.antal_opdateret},
        )
    return redirect("monitorering:import_detail", pk=plan.pk, batch_id=batch.pk)


@require_POST
def import_undo(request: HttpRequest, pk: int, batch_id: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    _require(roles.can_edit_practice)
    batch = _batch(plan, batch_id)
    with refusals(request) as call:
        services.import_undo(batch_id=batch.pk, user=request.user)
    if not call.refused:
        messages.success(request, _("Importen er fortrudt."))
    return redirect("monitorering:import_detail", pk=plan.pk, batch_id=batch.pk)


# --- Områdeprofil ----------------------------------------------------------------------------


@require_GET
def omraade_profil(request: HttpRequest, pk: int) -> HttpResponse:
    omraade, plans = area_for_user(request.user, pk)
    context = {
        "omraade": omraade,
        "plans": plans,
        **selectors.area_profile(omraade.pk),
        "kriterienavne": criteria.CRITERION_LABELS,
        "kategorinavne": criteria.CATEGORY_LABELS,
        "crumbs": [
            *([(plans[0].navn, plans[0].get_absolute_url())] if plans else []),
            (_("Områdeprofil"), None),
        ],
    }
    return render(request, "monitorering/omraade_profil.html", context)
