"""Meetings of a plan's bodies: agenda, attendance, papers, minutes, decisions, action
items, the frozen board pack, and questions on success criteria. Thin views."""

from __future__ import annotations

import datetime
import mimetypes
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from helhedsplaner.access import get_plan_for_user, meeting_permissions, plan_for_request
from helhedsplaner.models import Helhedsplan, Succeskriterie
from portal import params
from portal.exports import Table
from portal.exports import response as export_response
from portal.web import crumbs, refusals, safe_next

from . import charts, forms, selectors, services
from .boardpack import boardpack_data, pack_pdf
from .caching import bounded_hit, filter_query
from .dashboard import dashboard_data
from .models import (
    Bilag,
    Boardpack,
    Dagsordenspunkt,
    Handlingspunkt,
    Kommentar,
    Moede,
    Moededeltagelse,
    Organ,
)
from .sections import providers
from .selectors import content_stamp


def _moede(plan: Helhedsplan, moede_pk: int) -> Moede:
    return get_object_or_404(
        Moede.objects.select_related("organ__helhedsplan"), pk=moede_pk, organ__helhedsplan=plan
    )


def _meeting_crumbs(
    plan: Helhedsplan, moede: Moede | None = None, *rest: tuple[str, str | None]
) -> list[tuple[str, str | None]]:
    trail: list[tuple[str, str | None]] = [(_("Møder"), reverse("bestyrelser:moede_list", args=[plan.pk]))]
    if moede is not None:
        trail.append((str(moede), moede.get_absolute_url()))
    return crumbs(plan, *trail, *rest)


def _managed_moede(request: HttpRequest, pk: int, moede_pk: int) -> tuple[Helhedsplan, Moede]:
    """The meeting (404 if the user may not see its plan) and 403 unless the user may
    manage it: checked before any form is read, so a refusal never depends on the input."""
    plan, roles = plan_for_request(request, pk)
    moede = _moede(plan, moede_pk)
    if not meeting_permissions(request.user, moede.organ, roles).manage:
        raise PermissionDenied(
            _("Kun projektlederen og organets formand, næstformand eller sekretær kan forberede møder.")
        )
    return plan, moede


@require_GET
def moede_list(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    organer = list(
        Organ.objects.filter(helhedsplan=plan)
        .prefetch_related(Prefetch("moeder", queryset=Moede.objects.order_by("-tidspunkt")))
        .order_by("type", "navn")
    )
    return render(
        request,
        "bestyrelser/moede_list.html",
        {
            "plan": plan,
            "roles": roles,
            "organer": [(o, meeting_permissions(request.user, o, roles)) for o in organer],
            "crumbs": crumbs(plan, (_("Møder"), None)),
        },
    )


def moede_create(request: HttpRequest, pk: int, organ_pk: int) -> HttpResponse:
    return _moede_form(request, pk, organ_pk=organ_pk)


def moede_update(request: HttpRequest, pk: int, moede_pk: int) -> HttpResponse:
    return _moede_form(request, pk, moede_pk=moede_pk)


def _moede_form(
    request: HttpRequest, pk: int, organ_pk: int | None = None, moede_pk: int | None = None
) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    moede = _moede(plan, moede_pk) if moede_pk else None
    organ = moede.organ if moede else get_object_or_404(Organ, pk=organ_pk, helhedsplan=plan)
    if not meeting_permissions(request.user, organ, roles).manage:
        raise PermissionDenied(
            _("Kun projektlederen og organets formand, næstformand eller sekretær kan forberede møder.")
        )
    form = forms.MoedeForm(request.POST or None, instance=moede or Moede(organ=organ))
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as call:
            saved = services.moede_save(
                user=request.user,
                moede=form.save(commit=False),
                expected_revision=form.cleaned_data.get("revision") if moede else None,
            )
        if not call.refused:
            messages.success(request, _("Mødet er gemt."))
            return redirect(saved.get_absolute_url())
    title = _("Rediger møde") if moede else _("Nyt møde i %(organ)s") % {"organ": organ}
    return render(
        request,
        "bestyrelser/moede_form.html",
        {"plan": plan, "form": form, "title": title, "crumbs": _meeting_crumbs(plan, moede, (title, None))},
    )


@require_GET
def moede_detail(request: HttpRequest, pk: int, moede_pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    moede = _moede(plan, moede_pk)
    punkter = moede.dagsordenspunkter.prefetch_related(
        "bilag",
        "beslutninger",
        "strategiske_maal",
        "delaftaler__indsatsomraade",
        "indikatorer",
        "handlingspunkter__ansvarlig",
        "opfoelgning_paa__ansvarlig",
    ).order_by("nummer")
    members = moede.organ.medlemskaber.select_related("person").order_by("person__navn")
    attendance = {d.person_id: d.status for d in moede.deltagelser.all()}
    return render(
        request,
        "bestyrelser/moede_detail.html",
        {
            "plan": plan,
            "roles": roles,
            "moede": moede,
            "kan": meeting_permissions(request.user, moede.organ, roles),
            "punkter": punkter,
            "deltagere": [(m, attendance.get(m.person_id, "")) for m in members],
            "deltagelse_valg": Moededeltagelse.Status.choices,
            "bilag_form": forms.BilagForm(),
            "beslutning_form": forms.BeslutningForm(),
            "handling_form": forms.HandlingspunktForm(plan=plan),
            "pakke": Boardpack.objects.filter(moede=moede).select_related("frigivet_af").first(),
            "crumbs": _meeting_crumbs(plan, None, (str(moede), None)),
        },
    )


@require_POST
def moede_attendance(request: HttpRequest, pk: int, moede_pk: int) -> HttpResponse:
    plan, _roles = plan_for_request(request, pk)
    moede = _moede(plan, moede_pk)
    statuses = params.ids_with_prefix(request.POST, "deltager_")  # a mangled id: 400
    with refusals(request) as call:
        services.moede_attendance_set(user=request.user, moede=moede, statuses=statuses)
    if not call.refused:
        messages.success(request, _("Deltagelsen er gemt."))
    return redirect(moede.get_absolute_url())


def punkt_create(request: HttpRequest, pk: int, moede_pk: int) -> HttpResponse:
    return _punkt_form(request, pk, moede_pk)


def punkt_update(request: HttpRequest, pk: int, moede_pk: int, punkt_pk: int) -> HttpResponse:
    return _punkt_form(request, pk, moede_pk, punkt_pk)


def _punkt_form(request: HttpRequest, pk: int, moede_pk: int, punkt_pk: int | None = None) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    moede = _moede(plan, moede_pk)
    if not meeting_permissions(request.user, moede.organ, roles).manage:
        raise PermissionDenied(_("Kun mødets ledelse kan ændre dagsordenen."))
    punkt = get_object_or_404(Dagsordenspunkt, pk=punkt_pk, moede=moede) if punkt_pk else None
    form = forms.DagsordenspunktForm(
        request.POST or None, instance=punkt or Dagsordenspunkt(moede=moede), plan=plan
    )
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as call:
            services.dagsordenspunkt_save(
                user=request.user,
                punkt=form.save(commit=False),
                strategiske_maal=form.cleaned_data["strategiske_maal"],
                delaftaler=form.cleaned_data["delaftaler"],
                indikatorer=form.cleaned_data["indikatorer"],
            )
        if not call.refused:
            messages.success(request, _("Punktet er gemt."))
            return redirect(moede.get_absolute_url())
    title = _("Rediger punkt") if punkt else _("Nyt punkt på dagsordenen")
    return render(
        request,
        "bestyrelser/punkt_form.html",
        {
            "plan": plan,
            "moede": moede,
            "form": form,
            "title": title,
            "crumbs": _meeting_crumbs(plan, moede, (title, None)),
        },
    )


def _punkt(moede: Moede, punkt_pk: int) -> Dagsordenspunkt:
    return get_object_or_404(Dagsordenspunkt, pk=punkt_pk, moede=moede)


@require_POST
def bilag_upload(request: HttpRequest, pk: int, moede_pk: int, punkt_pk: int) -> HttpResponse:
    _plan_obj, moede = _managed_moede(request, pk, moede_pk)
    form = forms.BilagForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Vælg en fil at uploade."))
        return redirect(moede.get_absolute_url())
    with refusals(request) as call:
        services.bilag_add(
            user=request.user,
            punkt=_punkt(moede, punkt_pk),
            fil=form.cleaned_data["fil"],
            titel=form.cleaned_data["titel"],
        )
    if not call.refused:
        messages.success(request, _("Bilaget er uploadet."))
    return redirect(moede.get_absolute_url())


@require_GET
def bilag_download(request: HttpRequest, pk: int, bilag_pk: int) -> FileResponse:
    """Papers are served through the portal so that access is checked per plan."""
    plan, _roles = plan_for_request(request, pk)
    bilag = get_object_or_404(Bilag, pk=bilag_pk, dagsordenspunkt__moede__organ__helhedsplan=plan)
    name = Path(bilag.fil.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(bilag.fil.open("rb"), as_attachment=True, filename=name, content_type=content_type)


@require_POST
def beslutning_add(request: HttpRequest, pk: int, moede_pk: int, punkt_pk: int) -> HttpResponse:
    plan, _roles = plan_for_request(request, pk)
    moede = _moede(plan, moede_pk)
    with refusals(request) as call:
        services.beslutning_add(
            user=request.user, punkt=_punkt(moede, punkt_pk), tekst=request.POST.get("tekst", "")
        )
    if not call.refused:
        messages.success(request, _("Beslutningen er gemt."))
    return redirect(moede.get_absolute_url())


@require_POST
def handlingspunkt_add(request: HttpRequest, pk: int, moede_pk: int, punkt_pk: int) -> HttpResponse:
    plan, moede = _managed_moede(request, pk, moede_pk)
    form = forms.HandlingspunktForm(request.POST, plan=plan)
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[name].label}: {' '.join(str(e) for e in errs)}"
            for name, errs in form.errors.items()
        )
        summary = _("Handlingspunktet er ikke gemt: udfyld handling, ansvarlig og frist.")
        messages.error(request, f"{summary} ({problems})")
        return redirect(moede.get_absolute_url())
    with refusals(request) as call:
        services.handlingspunkt_add(user=request.user, punkt=_punkt(moede, punkt_pk), **form.cleaned_data)
    if not call.refused:
        messages.success(request, _("Handlingspunktet er gemt."))
    return redirect(moede.get_absolute_url())


@require_GET
def handlingspunkt_list(request: HttpRequest, pk: int) -> HttpResponse:
    """All open action items of the plan's bodies, overdue first."""
    plan, roles = plan_for_request(request, pk)
    items = selectors.open_action_items(plan)
    return render(
        request,
        "bestyrelser/handlingspunkt_list.html",
        {
            "plan": plan,
            "roles": roles,
            "items": items,
            "today": timezone.localdate(),
            "status_valg": Handlingspunkt.Status.choices,
            "crumbs": crumbs(plan, (_("Handlingspunkter"), None)),
        },
    )


@require_POST
def handlingspunkt_status(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    plan, _roles = plan_for_request(request, pk)
    item = get_object_or_404(
        Handlingspunkt.objects.select_related("ansvarlig", "dagsordenspunkt__moede__organ__helhedsplan"),
        pk=item_pk,
        dagsordenspunkt__moede__organ__helhedsplan=plan,
    )
    with refusals(request) as call:
        services.handlingspunkt_status_set(
            user=request.user, item=item, status=request.POST.get("status", "")
        )
    if not call.refused:
        messages.success(request, _("Handlingspunktet er opdateret."))
    return redirect(safe_next(request, reverse("bestyrelser:handlingspunkt_list", args=[plan.pk])))


def referat_form(request: HttpRequest, pk: int, moede_pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    moede = _moede(plan, moede_pk)
    if not meeting_permissions(request.user, moede.organ, roles).manage:
        raise PermissionDenied(_("Kun mødets ledelse kan skrive referatet."))
    if moede.referat_laast:
        messages.error(request, _("Referatet er godkendt og låst; mødet kan ikke længere ændres."))
        return redirect(moede.get_absolute_url())
    punkter = list(moede.dagsordenspunkter.order_by("nummer"))
    if request.method == "POST":
        with refusals(request) as call:
            services.referat_save(
                user=request.user,
                moede=moede,
                generelt=request.POST.get("referat", ""),
                punkter={p.pk: request.POST.get(f"punkt_{p.pk}", "") for p in punkter},
                expected_revision=_posted_revision(request),
            )
        if not call.refused:
            messages.success(request, _("Referatet er gemt."))
            return redirect(moede.get_absolute_url())
    return render(
        request,
        "bestyrelser/referat_form.html",
        {
            "plan": plan,
            "moede": moede,
            "punkter": punkter,
            "crumbs": _meeting_crumbs(plan, moede, (_("Referat"), None)),
        },
    )


def _posted_revision(request: HttpRequest) -> int:
    """The revision the form was loaded at; a tampered value is a bad request (400)."""
    return params.require_int(request.POST, "revision", minimum=0, maximum=params.ID_MAX)


REFERAT_ACTIONS: dict[str, Callable[..., Moede]] = {
    "udsend": services.referat_circulate,
    "godkend": services.referat_approve,
}


@require_POST
def referat_action(request: HttpRequest, pk: int, moede_pk: int, action: str) -> HttpResponse:
    plan, _roles = plan_for_request(request, pk)
    moede = _moede(plan, moede_pk)
    if action not in REFERAT_ACTIONS:
        raise Http404  # an action that does not exist is a page that does not exist
    with refusals(request) as call:
        REFERAT_ACTIONS[action](user=request.user, moede=moede)
    if not call.refused:
        messages.success(
            request, _("Referatet er udsendt.") if action == "udsend" else _("Referatet er godkendt og låst.")
        )
    return redirect(moede.get_absolute_url())


@require_GET
def boardpack_detail(request: HttpRequest, pk: int, moede_pk: int) -> HttpResponse:
    """The pack as released (frozen data), or a preview of what would be frozen now."""
    plan, roles = plan_for_request(request, pk)
    moede = _moede(plan, moede_pk)
    pack = Boardpack.objects.filter(moede=moede).select_related("frigivet_af").first()
    data = pack.data if pack else boardpack_data(plan, moede)
    return render(
        request,
        "bestyrelser/boardpack.html",
        {
            "plan": plan,
            "moede": moede,
            "pakke": pack,
            "data": data,
            "kan": meeting_permissions(request.user, moede.organ, roles),
            "crumbs": _meeting_crumbs(plan, moede, (_("Mødepakke"), None)),
        },
    )


@require_GET
def boardpack_pdf(request: HttpRequest, pk: int, moede_pk: int) -> HttpResponse:
    """The released pack as a PDF (a preview PDF before release says so in its header)."""
    plan, _roles = plan_for_request(request, pk)
    moede = _moede(plan, moede_pk)
    pack = Boardpack.objects.filter(moede=moede).select_related("frigivet_af").first()
    content = pack_pdf(plan, moede, pack)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="moedepakke-{slugify(str(moede))}.pdf"'
    return response


@require_POST
def boardpack_release(request: HttpRequest, pk: int, moede_pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    moede = _moede(plan, moede_pk)
    if not meeting_permissions(request.user, moede.organ, roles).release_pack:
        raise PermissionDenied(_("Kun formanden eller sekretæren kan frigive mødepakken."))
    with refusals(request) as call:
        services.boardpack_release(user=request.user, moede=moede, data=boardpack_data(plan, moede))
    if not call.refused:
        messages.success(request, _("Mødepakken er frigivet og frosset."))
    return redirect("bestyrelser:boardpack_detail", pk=plan.pk, moede_pk=moede.pk)


@require_POST
def kommentar_add(request: HttpRequest, pk: int, kriterie_pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    if not roles.member:
        raise PermissionDenied(_("Kun planens medlemmer kan kommentere."))
    kriterie = get_object_or_404(
        Succeskriterie.objects.select_related("strategisk_maal__samarbejdsaftale__helhedsplan"),
        pk=kriterie_pk,
        strategisk_maal__samarbejdsaftale__helhedsplan=plan,
    )
    form = forms.KommentarForm(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data.get("svar_paa"):
            parent = get_object_or_404(Kommentar, pk=form.cleaned_data["svar_paa"], succeskriterie=kriterie)
        with refusals(request) as call:
            services.kommentar_add(
                user=request.user, succeskriterie=kriterie, tekst=form.cleaned_data["tekst"], svar_paa=parent
            )
        if not call.refused:
            messages.success(request, _("Kommentaren er gemt."))
    else:
        messages.error(request, _("Skriv en kommentar."))
    target = safe_next(request, reverse("bestyrelser:dashboard", args=[plan.pk]))
    return redirect(f"{target.split('#')[0]}#kriterie-{kriterie.pk}")


# Dashboard --------------------------------------------------------------------------------


def _filters(request: HttpRequest) -> dict[str, Any]:
    """Period range and indsatsområde from the URL (so a filtered view can be shared),
    normalised: anything else in the URL, and values that are no filter, are ignored."""
    return {
        "omraade_id": params.id_param(request.GET, "omraade"),
        "fra": params.date_param(request.GET, "fra"),
        "til": params.date_param(request.GET, "til"),
    }


def _dashboard_parts(plan: Helhedsplan, filters: dict[str, Any]) -> dict[str, Any]:
    data = dashboard_data(plan, **filters)
    return {
        "data": data,
        # Sections other apps provide (bestyrelser.sections), each with its own template.
        "sections": [{"template": p.template, "data": data.get(p.key)} for p in providers()],
        "figures": charts.dashboard_figures(data),
        "diagram": charts.reporting_diagram(data["styringsstreng"]),
        "beregnet": datetime.datetime.fromisoformat(data["beregnet"]) if data["beregnet"] else None,
        "tables": {chart: charts.table_rows(data, chart) for chart in charts.CHARTS},
    }


@require_GET
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """The page's body is cached per plan, normalised filters and language, and is current
    while a one-query stamp of everything it shows (recompute generation, newest change,
    newest survey analysis) is unchanged, so it is assembled once per change rather than
    once per visit. A plan holds a bounded number of cached variants (bestyrelser.caching)."""
    # Not plan_for_request: the page needs no roles, and a warm visit is kept to five queries.
    plan = get_plan_for_user(request.user, pk, Helhedsplan.objects.all())
    filters = _filters(request)
    query = filter_query(**filters)
    stamp, pending = content_stamp(plan)
    path = reverse("bestyrelser:dashboard", args=[plan.pk]) + (f"?{query}" if query else "")

    def body() -> str:
        return render_to_string(
            "bestyrelser/dashboard_body.html",
            {
                "plan": plan,
                "parts": SimpleLazyObject(lambda: _dashboard_parts(plan, filters)),
                "filters": filters,
                "filter_query": query,
                "dashboard_path": path,
            },
        )

    # Today is part of the version: a deadline passing changes the overdue count (and what
    # counts as an active activity) without any row changing.
    version = f"{stamp}:{timezone.localdate().isoformat()}"
    html, hit = bounded_hit(f"overblik:{get_language()}", plan.pk, query, version, body)
    response = render(
        request,
        "bestyrelser/dashboard.html",
        {
            "plan": plan,
            "body": html,
            "afventer": pending,
            "crumbs": crumbs(plan, (_("Bestyrelsens overblik"), None)),
        },
    )
    # Whether the body came from the cache: the access log records it (the load test's hit rate).
    response["X-Portal-Cache"] = "hit" if hit else "miss"
    return response


@require_GET
def dashboard_export(request: HttpRequest, pk: int, chart: str, fmt: str) -> HttpResponse:
    plan, _roles = plan_for_request(request, pk)
    if chart not in charts.CHARTS or fmt not in ("csv", "xlsx"):
        raise Http404
    header, rows = charts.table_rows(dashboard_data(plan, **_filters(request)), chart)
    return export_response(Table(title=f"{plan.navn} {chart}", headers=header, rows=rows), fmt)
