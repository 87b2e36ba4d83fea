"""One plan's audit: its findings, audit trail and exports; and the background export jobs
(status and download), which belong to whoever ordered them."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from helhedsplaner.access import plan_for_request
from portal.exports import response as download
from portal.params import page_param
from portal.web import crumbs

from .. import audit, exports, selectors, services
from ..forms import AuditFilterForm
from ..models import Eksport
from ..rules import RULES


def background_export(
    request: HttpRequest, *, art: str, fmt: str, plan_id: int | None, rows: int
) -> HttpResponse | None:
    """An export too large to make at once (or asked for with ``?baggrund=1``) runs as a job.

    Starting a job is a POST (from the button on the page a GET shows), which redirects to
    the job; a GET never starts one. Returns None when the file is to be made at once."""
    if request.method == "POST":
        params = {k: v for k, v in request.GET.items() if k != "baggrund"}
        job = services.eksport_request(
            user=request.user, art=art, format=fmt, parametre=params, plan_id=plan_id
        )
        messages.info(request, _("Eksporten laves i baggrunden. Du kan hente filen her, når den er klar."))
        return redirect(job)
    if rows <= settings.TILSYN_EKSPORT_MAX_DIREKTE_RAEKKER and not request.GET.get("baggrund"):
        return None
    query = request.GET.copy()
    query.pop("baggrund", None)
    large = rows > settings.TILSYN_EKSPORT_MAX_DIREKTE_RAEKKER
    context = {
        "rows": rows,
        "fmt": fmt,
        "action": request.get_full_path(),
        # A small export can still be fetched at once, by the same link without ``baggrund``.
        "direct": None if large else f"{request.path}?{query.urlencode()}" if query else request.path,
        "crumbs": [(_("Eksport"), None)],
    }
    return render(request, "tilsyn/eksport_start.html", context)


#: Entries per page of the audit trail.
AUDIT_PAGE_SIZE = 50


def audit_context(request: HttpRequest, form: AuditFilterForm, plan_id: int | None) -> dict:
    """One page of the audit trail (the whole portal's, or one plan's) under ``form``. A page
    beyond the last shows the last (reading a page means reading every entry before it)."""
    flt = form.to_filter(plan_id)
    side = page_param(request.GET)
    if side > 1:
        side = min(side, max(1, -(-audit.count_all(flt) // AUDIT_PAGE_SIZE)))
    limit = AUDIT_PAGE_SIZE
    entries, more = audit.audit_page(flt, offset=(side - 1) * limit, limit=limit)
    query = request.GET.copy()
    query.pop("side", None)
    return {"form": form, "entries": entries, "side": side, "more": more, "query": query.urlencode()}


# --- Findings ------------------------------------------------------------------------------


@require_GET
def plan_findings(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    findings = selectors.plan_findings(plan)
    by_rule = {code: [f for f in findings if f.regel == code] for code in RULES}
    context = {
        "plan": plan,
        "roles": roles,
        "rules": [(r, by_rule[r.code]) for r in RULES.values()],
        "oversigt": getattr(plan, "tilsynsoversigt", None),
        "antal": len(findings),
        "crumbs": crumbs(plan, (_("Tilsyn"), None)),
    }
    return render(request, "tilsyn/plan.html", context)


@require_POST
def plan_audit_start(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    if not (roles.lbf or roles.projektleder):
        raise PermissionDenied(_("Kun LBF og planens projektleder kan starte tilsynet."))
    services.plan_audit(plan_id=plan.pk)
    messages.success(request, _("Reglerne er kørt på planen."))
    return redirect("tilsyn:plan_findings", pk=plan.pk)


# --- Audit trail ---------------------------------------------------------------------------


@require_GET
def plan_audit_trail(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    form = AuditFilterForm(request.GET or None, plan_fixed=True, hidden=audit.hidden_models(roles))
    context = audit_context(request, form, plan.pk)
    context.update(plan=plan, crumbs=crumbs(plan, (_("Revisionsspor"), None)))
    return render(request, "tilsyn/revisionsspor.html", context)


@require_http_methods(["GET", "POST"])
def plan_audit_trail_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    form = AuditFilterForm(request.GET or None, plan_fixed=True, hidden=audit.hidden_models(roles))
    flt = form.to_filter(plan.pk)
    rows = audit.count_all(flt)
    job = background_export(request, art=Eksport.Art.HISTORIK, fmt=fmt, plan_id=plan.pk, rows=rows)
    title = _("Revisionsspor %(plan)s") % {"plan": plan.navn}
    return job or download(exports.audit_table(audit.audit_all(flt), title), fmt)


# --- Exports -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan_export(request: HttpRequest, pk: int, art: str, fmt: str) -> HttpResponse:
    plan, _roles = plan_for_request(request, pk)
    if art == Eksport.Art.RESULTATER:
        rows = selectors.results_table(plan)
        job = background_export(request, art=art, fmt=fmt, plan_id=plan.pk, rows=len(rows))
        return job or download(exports.results_table(plan, rows), fmt)
    if art == Eksport.Art.AKTIVITETER:
        acts = selectors.activities_with_registrations(plan)
        n = sum(max(1, len(a.registreringer.all())) for a in acts)
        job = background_export(request, art=art, fmt=fmt, plan_id=plan.pk, rows=n)
        return job or download(exports.activities_table(plan, acts), fmt)
    raise Http404


def _eksport(request: HttpRequest, pk: int) -> Eksport:
    """The export job if the user ordered it (or is a superuser), else 404."""
    job = get_object_or_404(Eksport, pk=pk)
    if job.bestilt_af_id != request.user.pk and not request.user.is_superuser:
        raise Http404
    return job


@require_GET
def eksport_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _eksport(request, pk)
    return render(request, "tilsyn/eksport.html", {"job": job, "crumbs": [(_("Eksport"), None)]})


@require_GET
def eksport_status(request: HttpRequest, pk: int) -> JsonResponse:
    job = _eksport(request, pk)
    done = job.status == Eksport.Status.FAERDIG
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "fremskridt": job.fremskridt,
            "aktiv": job.aktiv,
            "url": reverse("tilsyn:eksport_download", args=[job.pk]) if done else "",
            "fejl": job.fejl,
        }
    )


@require_GET
def eksport_download(request: HttpRequest, pk: int) -> FileResponse:
    job = _eksport(request, pk)
    if job.status != Eksport.Status.FAERDIG or not job.fil:
        raise Http404
    return FileResponse(job.fil.open("rb"), as_attachment=True, filename=job.fil.name.rsplit("/", 1)[-1])
