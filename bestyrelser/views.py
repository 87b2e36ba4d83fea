"""Meetings of a plan's bodies: agenda, attendance, papers, minutes, decisions, action
items, the frozen board pack, and questions on success criteria. Thin views."""

from __future__ import annotations

import datetime
import mimetypes
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from helhedsplaner.access import get_plan_for_user, meeting_permissions
from helhedsplaner.access import plan_for_request as _plan
from helhedsplaner.models import Helhedsplan, Succeskriterie
from portal import errors
from portal.exports import Table
from portal.exports import response as export_response
from portal.web import crumbs as _crumbs
from portal.web import refusal_on_form as _apply

from . import charts, forms, services
from .dashboard import content_stamp, dashboard_data
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


def _moede(plan: Helhedsplan, moede_pk: int) -> Moede:
    return get_object_or_404(
        Moede.objects.select_related("organ__helhedsplan"), pk=moede_pk, organ__helhedsplan=plan
    )


def _meeting_crumbs(plan, moede=None, *rest):
    crumbs = [(_("Møder"), reverse("bestyrelser:moede_list", args=[plan.pk]))]
    if moede is not None:
        crumbs.append((str(moede), moede.get_absolute_url()))
    return _crumbs(plan, *crumbs, *rest)


def _managed_moede(request: HttpRequest, pk: int, moede_pk: int):
    """The meeting (404 if the user may not see its plan) and 403 unless the user may
    manage it: checked before any form is read, so a refusal never depends on the input."""
    plan, roles = _plan(request, pk)
    moede = _moede(plan, moede_pk)
    if not meeting_permissions(request.user, moede.organ, roles).manage:
        raise PermissionDenied(
            _("Kun projektlederen og organets formand, næstformand eller sekretær kan forberede møder.")
        )
    return plan, moede


def _fail(request: HttpRequest, exc: Exception) -> None:
    if isinstance(exc, errors.NotAllowed):
        raise PermissionDenied(exc.message) from exc
    text = " ".join(getattr(exc, "messages", None) or [getattr(exc, "message", str(exc))])
    messages.error(request, text)


@require_GET
def moede_list(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = _plan(request, pk)
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
            "crumbs": _crumbs(plan, (_("Møder"), None)),
        },
    )


def moede_form(
    request: HttpRequest, pk: int, organ_pk: int | None = None, moede_pk: int | None = None
) -> HttpResponse:
    plan, roles = _plan(request, pk)
    moede = _moede(plan, moede_pk) if moede_pk else None
    organ = moede.organ if moede else get_object_or_404(Organ, pk=organ_pk, helhedsplan=plan)
    if not meeting_permissions(request.user, organ, roles).manage:
        raise PermissionDenied(
            _("Kun projektlederen og organets formand, næstformand eller sekretær kan forberede møder.")
        )
    form = forms.MoedeForm(request.POST or None, instance=moede or Moede(organ=organ))
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.moede_save(
                user=request.user,
                moede=form.save(commit=False),
                expected_revision=form.cleaned_data.get("revision") if moede else None,
            )
        except (errors.ServiceError, ValidationError) as exc:
            _apply(form, exc)
        else:
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
    plan, roles = _plan(request, pk)
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
    plan, _roles = _plan(request, pk)
    moede = _moede(plan, moede_pk)
    statuses = {
        int(key.removeprefix("deltager_")): value
        for key, value in request.POST.items()
        if key.startswith("deltager_") and key.removeprefix("deltager_").isdigit() and value
    }
    try:
        services.moede_attendance_set(user=request.user, moede=moede, statuses=statuses)
    except (errors.ServiceError, ValidationError) as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Deltagelsen er gemt."))
    return redirect(moede.get_absolute_url())


def punkt_form(request: HttpRequest, pk: int, moede_pk: int, punkt_pk: int | None = None) -> HttpResponse:
    plan, roles = _plan(request, pk)
    moede = _moede(plan, moede_pk)
    if not meeting_permissions(request.user, moede.organ, roles).manage:
        raise PermissionDenied(_("Kun mødets ledelse kan ændre dagsordenen."))
    punkt = get_object_or_404(Dagsordenspunkt, pk=punkt_pk, moede=moede) if punkt_pk else None
    form = forms.DagsordenspunktForm(
        request.POST or None, instance=punkt or Dagsordenspunkt(moede=moede), plan=plan
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.dagsordenspunkt_save(
                user=request.user,
                punkt=form.save(commit=False),
                strategiske_maal=form.cleaned_data["strategiske_maal"],
                delaftaler=form.cleaned_data["delaftaler"],
                indikatorer=form.cleaned_data["indikatorer"],
            )
        except (errors.ServiceError, ValidationError) as exc:
            _apply(form, exc)
        else:
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
    try:
        services.bilag_add(
            user=request.user,
            punkt=_punkt(moede, punkt_pk),
            fil=form.cleaned_data["fil"],
            titel=form.cleaned_data["titel"],
        )
    except (errors.ServiceError, ValidationError) as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Bilaget er uploadet."))
    return redirect(moede.get_absolute_url())


@require_GET
def bilag_download(request: HttpRequest, pk: int, bilag_pk: int) -> HttpResponse:
    """Papers are served through the portal so that access is checked per plan."""
    plan, _roles = _plan(request, pk)
    bilag = get_object_or_404(Bilag, pk=bilag_pk, dagsordenspunkt__moede__organ__helhedsplan=plan)
    name = Path(bilag.fil.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(bilag.fil.open("rb"), as_attachment=True, filename=name, content_type=content_type)


@require_POST
def beslutning_add(request: HttpRequest, pk: int, moede_pk: int, punkt_pk: int) -> HttpResponse:
    plan, _roles = _plan(request, pk)
    moede = _moede(plan, moede_pk)
    try:
        services.beslutning_add(
            user=request.user, punkt=_punkt(moede, punkt_pk), tekst=request.POST.get("tekst", "")
        )
    except (errors.ServiceError, ValidationError) as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Beslutningen er gemt."))
    return redirect(moede.get_absolute_url())


@require_POST
def handlingspunkt_add(request: HttpRequest, pk: int, moede_pk: int, punkt_pk: int) -> HttpResponse:
    plan, moede = _managed_moede(request, pk, moede_pk)
    form = forms.HandlingspunktForm(request.POST, plan=plan)
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()
        )
        summary = _("Handlingspunktet er ikke gemt: udfyld handling, ansvarlig og frist.")
        messages.error(request, f"{summary} ({problems})")
        return redirect(moede.get_absolute_url())
    try:
        services.handlingspunkt_add(user=request.user, punkt=_punkt(moede, punkt_pk), **form.cleaned_data)
    except (errors.ServiceError, ValidationError) as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Handlingspunktet er gemt."))
    return redirect(moede.get_absolute_url())


@require_GET
def handlingspunkt_list(request: HttpRequest, pk: int) -> HttpResponse:
    """All open action items of the plan's bodies, overdue first."""
    plan, roles = _plan(request, pk)
    items = list(
        Handlingspunkt.objects.filter(
            dagsordenspunkt__moede__organ__helhedsplan=plan,
            status__in=[Handlingspunkt.Status.AABEN, Handlingspunkt.Status.I_GANG],
        )
        .select_related("ansvarlig", "dagsordenspunkt__moede__organ")
        .order_by("frist")
    )
    return render(
        request,
        "bestyrelser/handlingspunkt_list.html",
        {
            "plan": plan,
            "roles": roles,
            "items": items,
            "today": timezone.localdate(),
            "status_valg": Handlingspunkt.Status.choices,
            "crumbs": _crumbs(plan, (_("Handlingspunkter"), None)),
        },
    )


@require_POST
def handlingspunkt_status(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    plan, _roles = _plan(request, pk)
    item = get_object_or_404(
        Handlingspunkt.objects.select_related("ansvarlig", "dagsordenspunkt__moede__organ__helhedsplan"),
        pk=item_pk,
        dagsordenspunkt__moede__organ__helhedsplan=plan,
    )
    try:
        services.handlingspunkt_set_status(
            user=request.user, item=item, status=request.POST.get("status", "")
        )
    except (errors.ServiceError, ValidationError) as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Handlingspunktet er opdateret."))
    return redirect(request.POST.get("next") or reverse("bestyrelser:handlingspunkt_list", args=[plan.pk]))


def referat_form(request: HttpRequest, pk: int, moede_pk: int) -> HttpResponse:
    plan, roles = _plan(request, pk)
    moede = _moede(plan, moede_pk)
    if not meeting_permissions(request.user, moede.organ, roles).manage:
        raise PermissionDenied(_("Kun mødets ledelse kan skrive referatet."))
    if moede.referat_laast:
        messages.error(request, _("Referatet er godkendt og låst; mødet kan ikke længere ændres."))
        return redirect(moede.get_absolute_url())
    punkter = list(moede.dagsordenspunkter.order_by("nummer"))
    if request.method == "POST":
        try:
            revision = int(request.POST.get("revision", "0"))
            services.referat_save(
                user=request.user,
                moede=moede,
                generelt=request.POST.get("referat", ""),
                punkter={p.pk: request.POST.get(f"punkt_{p.pk}", "") for p in punkter},
                expected_revision=revision,
            )
        except (errors.ServiceError, ValidationError, ValueError) as exc:
            _fail(request, exc)
        else:
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


REFERAT_ACTIONS = {"udsend": services.referat_circulate, "godkend": services.referat_approve}


@require_POST
def referat_action(request: HttpRequest, pk: int, moede_pk: int, action: str) -> HttpResponse:
    plan, _roles = _plan(request, pk)
    moede = _moede(plan, moede_pk)
    if action not in REFERAT_ACTIONS:
        raise Http404  # an action that does not exist is a page that does not exist
    try:
        REFERAT_ACTIONS[action](user=request.user, moede=moede)
    except (errors.ServiceError, ValidationError) as exc:
        _fail(request, exc)
    else:
        messages.success(
            request, _("Referatet er udsendt.") if action == "udsend" else _("Referatet er godkendt og låst.")
        )
    return redirect(moede.get_absolute_url())


@require_GET
def boardpack_detail(request: HttpRequest, pk: int, moede_pk: int) -> HttpResponse:
    """The pack as released (frozen data), or a preview of what would be frozen now."""
    plan, roles = _plan(request, pk)
    moede = _moede(plan, moede_pk)
    pack = Boardpack.objects.filter(moede=moede).select_related("frigivet_af").first()
    data = pack.data if pack else dashboard_data(plan, moede=moede)
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
    from django.utils.formats import date_format

    from .pdf import boardpack_pdf as render_pdf

    plan, _roles = _plan(request, pk)
    moede = _moede(plan, moede_pk)
    pack = Boardpack.objects.filter(moede=moede).select_related("frigivet_af").first()
    if pack:
        released = _("Frigivet %(dato)s af %(hvem)s. Indholdet er frosset.") % {
            "dato": date_format(timezone.localtime(pack.frigivet_tidspunkt), "DATETIME_FORMAT"),
            "hvem": pack.frigivet_af.get_full_name() or pack.frigivet_af.get_username(),
        }
    else:
        released = _("Forhåndsvisning: pakken er ikke frigivet. Tallene er de aktuelle.")
    data = pack.data if pack else dashboard_data(plan, moede=moede)
    content = render_pdf(title=f"{_('Mødepakke')}: {moede}", released=released, data=data)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="moedepakke-{slugify(str(moede))}.pdf"'
    return response


@require_POST
def boardpack_release(request: HttpRequest, pk: int, moede_pk: int) -> HttpResponse:
    plan, roles = _plan(request, pk)
    moede = _moede(plan, moede_pk)
    if not meeting_permissions(request.user, moede.organ, roles).release_pack:
        raise PermissionDenied(_("Kun formanden eller sekretæren kan frigive mødepakken."))
    try:
        services.boardpack_release(user=request.user, moede=moede, data=dashboard_data(plan, moede=moede))
    except (errors.ServiceError, ValidationError) as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Mødepakken er frigivet og frosset."))
    return redirect("bestyrelser:boardpack_detail", pk=plan.pk, moede_pk=moede.pk)


@require_POST
def kommentar_add(request: HttpRequest, pk: int, kriterie_pk: int) -> HttpResponse:
    plan, roles = _plan(request, pk)
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
        try:
            services.kommentar_add(
                user=request.user, succeskriterie=kriterie, tekst=form.cleaned_data["tekst"], svar_paa=parent
            )
        except (errors.ServiceError, ValidationError) as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("Kommentaren er gemt."))
    else:
        messages.error(request, _("Skriv en kommentar."))
    target = request.POST.get("next", "")
    if not target.startswith("/") or target.startswith("//"):
        target = reverse("bestyrelser:dashboard", args=[plan.pk])
    return redirect(f"{target}#kriterie-{kriterie.pk}")


# Dashboard --------------------------------------------------------------------------------


def _filters(request: HttpRequest) -> dict:
    """Period range and indsatsområde from the URL (so a filtered view can be shared)."""

    def day(name: str):
        try:
            return datetime.date.fromisoformat(request.GET.get(name, ""))
        except ValueError:
            return None

    omraade = request.GET.get("omraade", "")
    return {
        "omraade_id": int(omraade) if omraade.isdigit() else None,
        "fra": day("fra"),
        "til": day("til"),
    }


def _dashboard_parts(plan: Helhedsplan, filters: dict) -> dict:
    data = dashboard_data(plan, **filters)
    return {
        "data": data,
        "figures": charts.dashboard_figures(data),
        "diagram": charts.reporting_diagram(data["styringsstreng"]),
        "beregnet": datetime.datetime.fromisoformat(data["beregnet"]) if data["beregnet"] else None,
        "tables": {chart: charts.table_rows(data, chart) for chart in charts.CHARTS},
        "omraader": list(plan.delaftaler.select_related("indsatsomraade").order_by("indsatsomraade__navn")),
    }


@require_GET
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """The page is cached per plan, filters and language, keyed on a one-query stamp of
    everything it shows (recompute generation, newest change, newest survey analysis), so
    it is assembled once per change rather than once per visit."""
    plan = get_plan_for_user(request.user, pk, Helhedsplan.objects.all())
    filters = _filters(request)
    stamp, pending = content_stamp(plan)
    return render(
        request,
        "bestyrelser/dashboard.html",
        {
            "plan": plan,
            "parts": SimpleLazyObject(lambda: _dashboard_parts(plan, filters)),
            # Today is part of the key: a deadline passing changes the overdue count
            # (and what counts as an active activity) without any row changing.
            "cache_key": f"{plan.pk}:{stamp}:{timezone.localdate().isoformat()}:{request.GET.urlencode()}",
            "afventer": pending,
            "filters": filters,
            "crumbs": _crumbs(plan, (_("Bestyrelsens overblik"), None)),
        },
    )


@require_GET
def dashboard_export(request: HttpRequest, pk: int, chart: str, fmt: str) -> HttpResponse:
    plan, _roles = _plan(request, pk)
    if chart not in charts.CHARTS or fmt not in ("csv", "xlsx"):
        raise Http404
    header, rows = charts.table_rows(dashboard_data(plan, **_filters(request)), chart)
    return export_response(Table(title=f"{plan.navn} {chart}", headers=header, rows=rows), fmt)
