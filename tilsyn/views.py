"""LBF's audit pages. Thin: authorise, bind a form, call a service or selector, render.

Cross-plan pages answer 404 to everyone but LBF staff and superusers; per-plan pages
fetch the plan through ``get_plan_for_user`` (a foreign plan is 404) and forbidden
actions answer 403."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from helhedsplaner.access import PlanRoles, get_plan_for_user, plan_roles
from helhedsplaner.models import Aftalestatus, Delaftale, Helhedsplan, Samarbejdsaftale, agreement_in_force
from monitorering.models import Indikator
from portal.access import require_lbf_staff
from portal.errors import NotAllowed, ServiceError

from . import analysis, audit, charts, exports, selectors, services, versions
from .forms import (
    AgreementDraftForm,
    AuditFilterForm,
    DecisionForm,
    DelaftaleDraftForm,
    NewGoalForm,
    OverviewFilterForm,
)
from .models import Delaftaleversion, Eksport
from .rules import RULES


def _require_lbf(request: HttpRequest) -> None:
    require_lbf_staff(request.user)


def _plan(request: HttpRequest, pk: int) -> tuple[Helhedsplan, PlanRoles]:
    plan = get_plan_for_user(
        request.user, pk, Helhedsplan.objects.select_related("boligomraade", "kommune", "bevillingsperiode")
    )
    return plan, plan_roles(request.user, plan)


def _crumbs(plan: Helhedsplan, *rest) -> list:
    return [(plan.navn, plan.get_absolute_url()), *rest]


def _refusal(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return getattr(exc, "message", str(exc))


def _download(table: exports.Table, fmt: str) -> HttpResponse:
    data, content_type, filename = exports.render(table, fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _background(request, *, art: str, fmt: str, plan_id: int | None, rows: int) -> HttpResponse | None:
    """Large exports (or ``?baggrund=1``) run as a job; returns the redirect, else None."""
    if rows <= settings.TILSYN_EKSPORT_MAX_DIREKTE_RAEKKER and not request.GET.get("baggrund"):
        return None
    params = {k: v for k, v in request.GET.items() if k != "baggrund"}
    job = services.eksport_request(user=request.user, art=art, format=fmt, parametre=params, plan_id=plan_id)
    messages.info(
        request, _("Eksporten er stor og laves i baggrunden. Du kan hente filen her, når den er klar.")
    )
    return redirect(job)


# --- Overview (LBF) ------------------------------------------------------------------------


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    _require_lbf(request)
    form = OverviewFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.filter_overview(selectors.overview_queryset(), data)
    page = Paginator(qs, 25).get_page(request.GET.get("side"))
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


@require_GET
def overview_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _require_lbf(request)
    form = OverviewFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.filter_overview(selectors.overview_queryset(), data)
    job = _background(request, art=Eksport.Art.OVERSIGT, fmt=fmt, plan_id=None, rows=qs.count())
    return job or _download(exports.overview_table(qs), fmt)


@require_POST
def audit_all_start(request: HttpRequest) -> HttpResponse:
    _require_lbf(request)
    from portal import outbox

    # No transaction to wait for here: record and publish at once (a dead broker leaves the
    # row for the dispatcher; the request does not wait for it).
    outbox.add("tilsyn.audit_all", key="tilsyn:audit_all")
    outbox.dispatch_after_commit("tilsyn:audit_all")
    messages.success(request, _("Tilsynet af alle planer er sat i gang."))
    return redirect("tilsyn:oversigt")


@require_GET
def rules_page(request: HttpRequest) -> HttpResponse:
    _require_lbf(request)
    thresholds = [
        ("COMPLIANCE_DELAFTALE_MAX_ALDER_DAGE", settings.COMPLIANCE_DELAFTALE_MAX_ALDER_DAGE),
        ("COMPLIANCE_MIN_BESTYRELSESMOEDER_PR_AAR", settings.COMPLIANCE_MIN_BESTYRELSESMOEDER_PR_AAR),
        ("COMPLIANCE_LEDELSESNIVEAUER", ", ".join(settings.COMPLIANCE_LEDELSESNIVEAUER)),
        ("COMPLIANCE_PLANPERIODE_AAR", settings.COMPLIANCE_PLANPERIODE_AAR),
        ("COMPLIANCE_PLANPERIODE_TOLERANCE_DAGE", settings.COMPLIANCE_PLANPERIODE_TOLERANCE_DAGE),
        ("COMPLIANCE_START_EFTER_RUNDE_AAR", settings.COMPLIANCE_START_EFTER_RUNDE_AAR),
    ]
    from helhedsplaner.models import Bevillingsperiode

    context = {
        "rules": list(RULES.values()),
        "thresholds": thresholds,
        "runder": Bevillingsperiode.objects.order_by("-start_aar"),
        "crumbs": [(_("Tilsyn"), reverse("tilsyn:oversigt")), (_("Regler"), None)],
    }
    return render(request, "tilsyn/regler.html", context)


@require_GET
def national_charts(request: HttpRequest) -> HttpResponse:
    _require_lbf(request)
    indikatorer = list(Indikator.objects.filter(succeskriterier__isnull=False).distinct().order_by("navn"))
    chosen = next((i for i in indikatorer if str(i.pk) == request.GET.get("indikator")), None)
    chosen = chosen or (indikatorer[0] if indikatorer else None)
    figures = {
        "status": charts.status_per_area_figure(analysis.status_per_area()),
        "kategorier": charts.area_categories_figure(analysis.area_categories_over_years()),
    }
    if chosen is not None:
        figures["indikator"] = charts.indicator_figure(
            analysis.indicator_across_plans(chosen.pk), chosen.navn
        )
    context = {
        "figures": figures,
        "indikatorer": indikatorer,
        "valgt": chosen,
        "crumbs": [(_("Tilsyn"), reverse("tilsyn:oversigt")), (_("Nationale tal"), None)],
    }
    return render(request, "tilsyn/nationalt.html", context)


# --- Audit trail ---------------------------------------------------------------------------


def _audit_context(request, form: AuditFilterForm, plan_id: int | None) -> dict:
    try:
        side = max(1, int(request.GET.get("side", 1)))
    except ValueError:
        side = 1
    limit = 50
    entries, more = audit.audit_page(form.to_filter(plan_id), offset=(side - 1) * limit, limit=limit)
    query = request.GET.copy()
    query.pop("side", None)
    return {"form": form, "entries": entries, "side": side, "more": more, "query": query.urlencode()}


@require_GET
def audit_trail(request: HttpRequest) -> HttpResponse:
    _require_lbf(request)
    form = AuditFilterForm(request.GET or None)
    context = _audit_context(request, form, None)
    context["crumbs"] = [(_("Tilsyn"), reverse("tilsyn:oversigt")), (_("Revisionsspor"), None)]
    return render(request, "tilsyn/revisionsspor.html", context)


@require_GET
def audit_trail_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _require_lbf(request)
    form = AuditFilterForm(request.GET or None)
    flt = form.to_filter(None)
    job = _background(request, art=Eksport.Art.HISTORIK, fmt=fmt, plan_id=None, rows=audit.count_all(flt))
    return job or _download(exports.audit_table(audit.audit_all(flt), _("Revisionsspor")), fmt)


@require_GET
def plan_audit_trail(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = _plan(request, pk)
    form = AuditFilterForm(request.GET or None, plan_fixed=True)
    context = _audit_context(request, form, plan.pk)
    context.update(plan=plan, crumbs=_crumbs(plan, (_("Revisionsspor"), None)))
    return render(request, "tilsyn/revisionsspor.html", context)


@require_GET
def plan_audit_trail_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan, _roles = _plan(request, pk)
    flt = AuditFilterForm(request.GET or None, plan_fixed=True).to_filter(plan.pk)
    job = _background(request, art=Eksport.Art.HISTORIK, fmt=fmt, plan_id=plan.pk, rows=audit.count_all(flt))
    title = _("Revisionsspor %(plan)s") % {"plan": plan.navn}
    return job or _download(exports.audit_table(audit.audit_all(flt), title), fmt)


# --- One plan: findings and exports --------------------------------------------------------


@require_GET
def plan_findings(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = _plan(request, pk)
    findings = selectors.plan_findings(plan)
    by_rule = {code: [f for f in findings if f.regel == code] for code in RULES}
    context = {
        "plan": plan,
        "roles": roles,
        "rules": [(r, by_rule[r.code]) for r in RULES.values()],
        "oversigt": getattr(plan, "tilsynsoversigt", None),
        "antal": len(findings),
        "crumbs": _crumbs(plan, (_("Tilsyn"), None)),
    }
    return render(request, "tilsyn/plan.html", context)


@require_POST
def plan_audit_start(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = _plan(request, pk)
    if not (roles.lbf or roles.projektleder):
        raise PermissionDenied(_("Kun LBF og planens projektleder kan starte tilsynet."))
    services.plan_audit(plan_id=plan.pk)
    messages.success(request, _("Reglerne er kørt på planen."))
    return redirect("tilsyn:plan", pk=plan.pk)


@require_GET
def plan_export(request: HttpRequest, pk: int, art: str, fmt: str) -> HttpResponse:
    plan, _roles = _plan(request, pk)
    if art == Eksport.Art.RESULTATER:
        rows = selectors.results_table(plan)
        job = _background(request, art=art, fmt=fmt, plan_id=plan.pk, rows=len(rows))
        return job or _download(exports.results_table(plan, rows), fmt)
    if art == Eksport.Art.AKTIVITETER:
        acts = selectors.activities_with_registrations(plan)
        n = sum(max(1, len(a.registreringer.all())) for a in acts)
        job = _background(request, art=art, fmt=fmt, plan_id=plan.pk, rows=n)
        return job or _download(exports.activities_table(plan, acts), fmt)
    raise Http404


# --- Background exports --------------------------------------------------------------------


def _eksport(request: HttpRequest, pk: int) -> Eksport:
    job = get_object_or_404(Eksport, pk=pk)
    if job.bestilt_af_id != request.user.pk and not request.user.is_superuser:
        raise Http404
    return job


@require_GET
def eksport_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _eksport(request, pk)
    crumbs = [(_("Eksport"), None)]
    return render(request, "tilsyn/eksport.html", {"job": job, "crumbs": crumbs})


@require_GET
def eksport_status(request: HttpRequest, pk: int) -> JsonResponse:
    job = _eksport(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "fremskridt": job.fremskridt,
            "aktiv": job.aktiv,
            "url": reverse("tilsyn:eksport_hent", args=[job.pk])
            if job.status == Eksport.Status.FAERDIG
            else "",
            "fejl": job.fejl,
        }
    )


@require_GET
def eksport_download(request: HttpRequest, pk: int) -> FileResponse:
    job = _eksport(request, pk)
    if job.status != Eksport.Status.FAERDIG or not job.fil:
        raise Http404
    return FileResponse(job.fil.open("rb"), as_attachment=True, filename=job.fil.name.rsplit("/", 1)[-1])


# --- Agreement versions --------------------------------------------------------------------


def _aftale(plan: Helhedsplan, aftale_pk: int) -> Samarbejdsaftale:
    return get_object_or_404(Samarbejdsaftale, pk=aftale_pk, helhedsplan=plan)


def _can_draft(roles: PlanRoles) -> bool:
    return roles.projektleder or roles.bestyrelsesmedlem


@require_GET
def versions_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan, roles = _plan(request, pk)
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
        "crumbs": _crumbs(plan, (_("Aftaleversioner"), None)),
    }
    return render(request, "tilsyn/versioner.html", context)


@require_POST
def agreement_draft(request: HttpRequest, pk: int) -> HttpResponse:
    plan, _roles = _plan(request, pk)
    try:
        aftale = versions.samarbejdsaftale_draft(user=request.user, plan=plan)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("tilsyn:versioner", pk=plan.pk)
    messages.success(request, _("Version %(v)s er oprettet som kladde.") % {"v": aftale.version})
    return redirect("tilsyn:aftale_rediger", pk=plan.pk, aftale_pk=aftale.pk)


@require_GET
def agreement_detail(request: HttpRequest, pk: int, aftale_pk: int) -> HttpResponse:
    plan, roles = _plan(request, pk)
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
        "crumbs": _crumbs(
            plan,
            (_("Aftaleversioner"), reverse("tilsyn:versioner", args=[plan.pk])),
            (_("Version %(v)s") % {"v": aftale.version}, None),
        ),
    }
    return render(request, "tilsyn/aftale_detail.html", context)


def _draft_data(form: AgreementDraftForm) -> tuple[list, list]:
    d = form.cleaned_data
    maal = [versions.MaalData(g, d[f"maal_{g.pk}_titel"], d[f"maal_{g.pk}_beskrivelse"]) for g in form.goals]
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
                )
            )
    return maal, kriterier


def agreement_edit(request: HttpRequest, pk: int, aftale_pk: int) -> HttpResponse:
    plan, roles = _plan(request, pk)
    aftale = _aftale(plan, aftale_pk)
    if not _can_draft(roles):
        raise PermissionDenied(_("Kun planens projektleder eller bestyrelse kan redigere en kladde."))
    if aftale.status != Aftalestatus.KLADDE:
        messages.error(request, _("Kun en kladde kan redigeres."))
        return redirect("tilsyn:aftale", pk=plan.pk, aftale_pk=aftale.pk)
    form = AgreementDraftForm(request.POST or None, aftale=aftale)
    if request.method == "POST" and form.is_valid():
        maal, kriterier = _draft_data(form)
        try:
            versions.samarbejdsaftale_update(
                user=request.user,
                aftale=aftale,
                problemkompleks=form.cleaned_data["problemkompleks"],
                gyldig_fra=form.cleaned_data["gyldig_fra"],
                gyldig_til=form.cleaned_data["gyldig_til"],
                maal=maal,
                kriterier=kriterier,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Kladden er gemt."))
            return redirect("tilsyn:aftale", pk=plan.pk, aftale_pk=aftale.pk)
    context = {
        "plan": plan,
        "aftale": aftale,
        "form": form,
        "goal_form": NewGoalForm(),
        "started": versions.reporting_started(plan),
        "crumbs": _crumbs(
            plan,
            (_("Aftaleversioner"), reverse("tilsyn:versioner", args=[plan.pk])),
            (_("Rediger version %(v)s") % {"v": aftale.version}, None),
        ),
    }
    return render(request, "tilsyn/aftale_form.html", context, status=400 if form.errors else 200)


@require_POST
def agreement_add_goal(request: HttpRequest, pk: int, aftale_pk: int) -> HttpResponse:
    plan, roles = _plan(request, pk)
    aftale = _aftale(plan, aftale_pk)
    if not _can_draft(roles):
        raise PermissionDenied(_("Kun planens projektleder eller bestyrelse kan redigere en kladde."))
    form = NewGoalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Skriv en titel og det problem, målet besvarer."))
    else:
        try:
            versions.strategiskmaal_add(user=request.user, aftale=aftale, **form.cleaned_data)
        except NotAllowed as exc:
            raise PermissionDenied(exc.message) from exc
        except ServiceError as exc:
            messages.error(request, exc.message)
    return redirect("tilsyn:aftale_rediger", pk=plan.pk, aftale_pk=aftale.pk)


AGREEMENT_ACTIONS = {
    "indsend": (versions.samarbejdsaftale_submit, _("Versionen er sendt til LBF.")),
    "godkend": (versions.samarbejdsaftale_approve, _("Versionen er godkendt og træder i kraft.")),
    "afvis": (versions.samarbejdsaftale_reject, _("Versionen er afvist.")),
}


def _act(request, func, **kwargs) -> bool:
    try:
        func(user=request.user, **kwargs)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except (ServiceError, ValidationError) as exc:
        messages.error(request, _refusal(exc))
        return False
    return True


@require_POST
def agreement_action(request: HttpRequest, pk: int, aftale_pk: int, action: str) -> HttpResponse:
    plan, _roles = _plan(request, pk)
    aftale = _aftale(plan, aftale_pk)
    if action not in AGREEMENT_ACTIONS:
        raise Http404
    func, done = AGREEMENT_ACTIONS[action]
    kwargs = {"aftale": aftale}
    if action != "indsend":
        kwargs["kommentar"] = request.POST.get("kommentar", "")
    if _act(request, func, **kwargs):
        messages.success(request, str(done))
    return redirect("tilsyn:aftale", pk=plan.pk, aftale_pk=aftale.pk)


@require_GET
def agreement_diff(request: HttpRequest, pk: int) -> HttpResponse:
    plan, _roles = _plan(request, pk)
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
        "crumbs": _crumbs(
            plan, (_("Aftaleversioner"), reverse("tilsyn:versioner", args=[plan.pk])), (_("Forskelle"), None)
        ),
    }
    return render(request, "tilsyn/diff.html", context)


def delaftale_draft(request: HttpRequest, pk: int, delaftale_pk: int) -> HttpResponse:
    plan, roles = _plan(request, pk)
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
        try:
            version = versions.delaftaleversion_draft(
                user=request.user, delaftale=delaftale, **form.cleaned_data
            )
        except (ServiceError, ValidationError) as exc:
            form.add_error(None, _refusal(exc))
        else:
            messages.success(request, _("Version %(v)s er oprettet som kladde.") % {"v": version.version})
            return redirect("tilsyn:delaftaleversion", pk=plan.pk, version_pk=version.pk)
    context = {
        "plan": plan,
        "delaftale": delaftale,
        "form": form,
        "crumbs": _crumbs(
            plan,
            (_("Aftaleversioner"), reverse("tilsyn:versioner", args=[plan.pk])),
            (_("Ny version af delaftale"), None),
        ),
    }
    return render(request, "tilsyn/delaftale_form.html", context, status=400 if form.errors else 200)


def _version(plan: Helhedsplan, version_pk: int) -> Delaftaleversion:
    return get_object_or_404(
        Delaftaleversion.objects.select_related("delaftale__indsatsomraade", "godkendt_af", "oprettet_af"),
        pk=version_pk,
        delaftale__helhedsplan=plan,
    )


@require_GET
def delaftale_version(request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
    plan, roles = _plan(request, pk)
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
        "crumbs": _crumbs(
            plan,
            (_("Aftaleversioner"), reverse("tilsyn:versioner", args=[plan.pk])),
            (str(version), None),
        ),
    }
    return render(request, "tilsyn/delaftaleversion.html", context)


DELAFTALE_ACTIONS = {
    "indsend": (versions.delaftaleversion_submit, _("Versionen er sendt til LBF.")),
    "godkend": (versions.delaftaleversion_approve, _("Versionen er godkendt og træder i kraft.")),
    "afvis": (versions.delaftaleversion_reject, _("Versionen er afvist.")),
}


@require_POST
def delaftale_action(request: HttpRequest, pk: int, version_pk: int, action: str) -> HttpResponse:
    plan, _roles = _plan(request, pk)
    version = _version(plan, version_pk)
    if action not in DELAFTALE_ACTIONS:
        raise Http404
    func, done = DELAFTALE_ACTIONS[action]
    kwargs = {"version": version}
    if action != "indsend":
        kwargs["kommentar"] = request.POST.get("kommentar", "")
    if _act(request, func, **kwargs):
        messages.success(request, str(done))
    return redirect("tilsyn:delaftaleversion", pk=plan.pk, version_pk=version.pk)


@require_GET
def delaftale_diff(request: HttpRequest, pk: int, delaftale_pk: int) -> HttpResponse:
    plan, _roles = _plan(request, pk)
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
        "crumbs": _crumbs(
            plan, (_("Aftaleversioner"), reverse("tilsyn:versioner", args=[plan.pk])), (_("Forskelle"), None)
        ),
    }
    return render(request, "tilsyn/diff.html", context)
