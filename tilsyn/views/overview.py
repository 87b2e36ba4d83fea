"""LBF's cross-plan pages: the overview of every plan, the rules, the national charts,
the audit of every plan, the whole portal's audit trail, and their exports. Each answers
404 to everyone but LBF staff and superusers."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from helhedsplaner.models import Bevillingsperiode
from monitorering.models import Indikator
from portal import outbox
from portal.access import require_lbf_staff
from portal.exports import Table
from portal.exports import response as download
from portal.params import id_param, page_param

from .. import analysis, audit, charts, exports, selectors
from ..forms import AuditFilterForm, OverviewFilterForm
from ..models import Eksport
from ..rules import RULES, threshold_rows
from .plans import audit_context, background_export


def _tilsyn_crumbs(title: str) -> list[tuple[str, str | None]]:
    return [(_("Tilsyn"), reverse("tilsyn:overview")), (title, None)]


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    require_lbf_staff(request.user)
    form = OverviewFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    page = selectors.overview_page(data, page_param(request.GET))
    query = request.GET.copy()
    query.pop("side", None)
    sort_query = query.copy()
    sort_query.pop("sort", None)
    context = {
        "form": form,
        "page": page,
        "sort": data.get("sort") or "plan",
        "query": query.urlencode(),
        "sort_query": sort_query.urlencode(),
        "crumbs": [(_("Tilsyn"), None)],
    }
    return render(request, "tilsyn/oversigt.html", context)


@require_http_methods(["GET", "POST"])
def overview_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_lbf_staff(request.user)
    form = OverviewFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.filter_overview(selectors.overview_queryset(), data)
    job = background_export(request, art=Eksport.Art.OVERSIGT, fmt=fmt, plan_id=None, rows=qs.count())
    return job or download(exports.overview_table(qs), fmt)


@require_POST
def audit_all_start(request: HttpRequest) -> HttpResponse:
    require_lbf_staff(request.user)
    # No transaction to wait for here: record and publish at once (a dead broker leaves the
    # row for the dispatcher; the request does not wait for it).
    outbox.add("tilsyn.audit_all", key="tilsyn:audit_all")
    outbox.dispatch_after_commit("tilsyn:audit_all")
    messages.success(request, _("Tilsynet af alle planer er sat i gang."))
    return redirect("tilsyn:overview")


@require_GET
def rules_page(request: HttpRequest) -> HttpResponse:
    require_lbf_staff(request.user)
    context = {
        "rules": list(RULES.values()),
        "thresholds": threshold_rows(),
        "runder": Bevillingsperiode.objects.order_by("-start_aar"),
        "crumbs": _tilsyn_crumbs(_("Regler")),
    }
    return render(request, "tilsyn/regler.html", context)


def _national_frames(request: HttpRequest) -> tuple[dict, list, Indikator | None]:
    """The frames behind the national charts, the indicators to choose from and the one
    chosen (``?indikator=``, else the first)."""
    indikatorer = list(Indikator.objects.filter(succeskriterier__isnull=False).distinct().order_by("navn"))
    wanted = id_param(request.GET, "indikator")
    chosen = next((i for i in indikatorer if i.pk == wanted), None)
    chosen = chosen or (indikatorer[0] if indikatorer else None)
    frames = {
        "status": analysis.status_per_area(),
        "kategorier": analysis.area_categories_over_years(),
    }
    if chosen is not None:
        frames["indikator"] = analysis.indicator_across_plans(chosen.pk)
    return frames, indikatorer, chosen


@require_GET
def national_charts(request: HttpRequest) -> HttpResponse:
    require_lbf_staff(request.user)
    frames, indikatorer, chosen = _national_frames(request)
    figures = {
        "status": charts.status_per_area_figure(frames["status"]),
        "kategorier": charts.area_categories_figure(frames["kategorier"]),
    }
    if chosen is not None:
        figures["indikator"] = charts.indicator_figure(frames["indikator"], chosen.navn)
    context = {
        "figures": figures,
        "tables": {name: charts.table(name, df) for name, df in frames.items()},
        "indikatorer": indikatorer,
        "valgt": chosen,
        "valgt_pk": str(chosen.pk) if chosen else "",
        "crumbs": _tilsyn_crumbs(_("Nationale tal")),
    }
    return render(request, "tilsyn/nationalt.html", context)


@require_GET
def national_export(request: HttpRequest, chart: str, fmt: str) -> HttpResponse:
    """The data behind one national chart as CSV or Excel (the same table as on the page)."""
    require_lbf_staff(request.user)
    frames, _indikatorer, chosen = _national_frames(request)
    if chart not in frames:
        raise Http404
    header, rows = charts.table(chart, frames[chart])
    title = chosen.navn if chart == "indikator" and chosen else _("Nationale tal")
    return download(Table(title=f"{title} {chart}", headers=header, rows=rows), fmt)


@require_GET
def audit_trail(request: HttpRequest) -> HttpResponse:
    require_lbf_staff(request.user)
    form = AuditFilterForm(request.GET or None)
    context = audit_context(request, form, None)
    context["crumbs"] = _tilsyn_crumbs(_("Revisionsspor"))
    return render(request, "tilsyn/revisionsspor.html", context)


@require_http_methods(["GET", "POST"])
def audit_trail_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_lbf_staff(request.user)
    flt = AuditFilterForm(request.GET or None).to_filter(None)
    job = background_export(
        request, art=Eksport.Art.HISTORIK, fmt=fmt, plan_id=None, rows=audit.count_all(flt)
    )
    return job or download(exports.audit_table(audit.audit_all(flt), _("Revisionsspor")), fmt)
