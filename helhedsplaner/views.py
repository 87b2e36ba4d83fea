"""Views of the plan and its practical level. Thin: authorise, bind, call a service."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from portal import params
from portal.web import crumbs, refusals

from . import forms, lifecycle, services
from .access import PlanRoles, plan_for_request, report_permissions
from .history import history_for
from .models import (
    Aktivitet,
    Aktivitetsregistrering,
    Delaftale,
    Delmaal,
    Helhedsplan,
    Maalgruppe,
    Statusrapport,
)
from .periods import reporting_periods
from .selectors import plan_overview, report_completeness, report_detail


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _editable_plan(request: HttpRequest, pk: int) -> tuple[Helhedsplan, PlanRoles]:
    plan, roles = plan_for_request(request, pk)
    _require(roles.can_edit_practice, _("Kun planens projektleder kan ændre den praktiske del af planen."))
    return plan, roles


@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Read-only overview of the whole chain of one plan."""
    plan, roles = plan_for_request(request, pk)
    context = plan_overview(plan)
    context.update(roles=roles, livscyklus=lifecycle.panel(plan, roles), crumbs=[(plan.navn, None)])
    return render(request, "helhedsplaner/helhedsplan_detail.html", context)


# Activities -----------------------------------------------------------------------------


def _aktivitet(plan: Helhedsplan, aktivitet_pk: int) -> Aktivitet:
    return get_object_or_404(
        Aktivitet.objects.select_related("delmaal__delaftale__indsatsomraade", "ansvarlig"),
        pk=aktivitet_pk,
        delmaal__delaftale__helhedsplan=plan,
    )


def aktivitet_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan, _roles = _editable_plan(request, pk)
    return _aktivitet_form(request, plan, None)


def aktivitet_update(request: HttpRequest, pk: int, aktivitet_pk: int) -> HttpResponse:
    plan, _roles = _editable_plan(request, pk)
    return _aktivitet_form(request, plan, _aktivitet(plan, aktivitet_pk))


def _aktivitet_form(request: HttpRequest, plan: Helhedsplan, aktivitet: Aktivitet | None) -> HttpResponse:
    """The activity form: a new one (``aktivitet`` None) or an existing one."""
    initial = {"delmaal": params.id_param(request.GET, "delmaal")} if aktivitet is None else {}
    form = forms.AktivitetForm(request.POST or None, instance=aktivitet, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as call, transaction.atomic():
            saved = services.aktivitet_save(
                user=request.user,
                aktivitet=form.save(commit=False),
                maalgrupper=form.cleaned_data["maalgrupper"],
                samarbejdspartnere=form.cleaned_data["samarbejdspartnere"],
                nye_samarbejdspartnere=form.new_partner_names(),
                expected_revision=form.cleaned_data.get("revision") if aktivitet else None,
            )
        if not call.refused:
            messages.success(request, _("Aktiviteten er gemt."))
            return redirect("helhedsplaner:aktivitet_detail", pk=plan.pk, aktivitet_pk=saved.pk)
    title = _("Rediger aktivitet") if aktivitet else _("Ny aktivitet")
    trail = crumbs(plan, *([(aktivitet.navn, None)] if aktivitet else []), (title, None))
    return render(
        request,
        "helhedsplaner/aktivitet_form.html",
        {"plan": plan, "form": form, "aktivitet": aktivitet, "title": title, "crumbs": trail},
    )


@require_GET
def aktivitet_detail(request: HttpRequest, pk: int, aktivitet_pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    aktivitet = _aktivitet(plan, aktivitet_pk)
    registreringer = (
        aktivitet.registreringer.select_related("registreret_af")
        .prefetch_related("deltagertal__maalgruppe")
        .annotate(total_deltagere=Sum("deltagertal__antal"))
        .order_by("-dato")
    )
    close_form = forms.AktivitetCloseForm(
        initial={"revision": aktivitet.revision, "slutdato": min(timezone.localdate(), plan.slutdato)}
    )
    return render(
        request,
        "helhedsplaner/aktivitet_detail.html",
        {
            "plan": plan,
            "roles": roles,
            "aktivitet": aktivitet,
            "registreringer": registreringer,
            "close_form": close_form,
            "crumbs": crumbs(plan, (aktivitet.navn, None)),
        },
    )


@require_POST
def aktivitet_close(request: HttpRequest, pk: int, aktivitet_pk: int) -> HttpResponse:
    plan, _roles = _editable_plan(request, pk)
    aktivitet = _aktivitet(plan, aktivitet_pk)
    form = forms.AktivitetCloseForm(request.POST)
    if form.is_valid():
        with refusals(request, form=form) as call:
            services.aktivitet_close(
                user=request.user,
                aktivitet=aktivitet,
                status=form.cleaned_data["status"],
                slutdato=form.cleaned_data["slutdato"],
                expected_revision=form.cleaned_data["revision"],
            )
        if not call.refused:
            messages.success(request, _("Aktiviteten er afsluttet."))
            return redirect("helhedsplaner:aktivitet_detail", pk=plan.pk, aktivitet_pk=aktivitet.pk)
    for field_errors in form.errors.values():
        messages.error(request, " ".join(str(message) for message in field_errors))
    return redirect("helhedsplaner:aktivitet_detail", pk=plan.pk, aktivitet_pk=aktivitet.pk)


def _maalgrupper(aktivitet: Aktivitet) -> list[Maalgruppe]:
    return list(aktivitet.maalgrupper.all()) or list(Maalgruppe.objects.all())


def registrering_create(request: HttpRequest, pk: int, aktivitet_pk: int) -> HttpResponse:
    plan, _roles = _editable_plan(request, pk)
    aktivitet = _aktivitet(plan, aktivitet_pk)
    form = forms.RegistreringForm(
        request.POST or None,
        maalgrupper=_maalgrupper(aktivitet),
        initial={"dato": min(timezone.localdate(), aktivitet.slutdato or plan.slutdato, plan.slutdato)},
    )
    if request.method == "POST" and form.is_valid():
        with refusals(request, form=form) as call:
            services.aktivitetsregistreringer_create(
                user=request.user, aktivitet=aktivitet, registreringer=[form.registrering()]
            )
        if not call.refused:
            messages.success(request, _("Registreringen er gemt."))
            if "gem_og_ny" in request.POST:
                return redirect("helhedsplaner:registrering_create", pk=plan.pk, aktivitet_pk=aktivitet.pk)
            return redirect("helhedsplaner:aktivitet_detail", pk=plan.pk, aktivitet_pk=aktivitet.pk)
    return render(
        request,
        "helhedsplaner/registrering_form.html",
        {
            "plan": plan,
            "aktivitet": aktivitet,
            "form": form,
            "crumbs": crumbs(
                plan,
                (aktivitet.navn, reverse("helhedsplaner:aktivitet_detail", args=[plan.pk, aktivitet.pk])),
                (_("Registrér gang"), None),
            ),
        },
    )


def registrering_bulk(request: HttpRequest, pk: int, aktivitet_pk: int) -> HttpResponse:
    """A month's sessions at once: pick month and weekdays, adjust the rows, save all."""
    plan, _roles = _editable_plan(request, pk)
    aktivitet = _aktivitet(plan, aktivitet_pk)
    grupper = _maalgrupper(aktivitet)
    month_form = forms.MaanedForm(request.GET or None, aktivitet=aktivitet, plan=plan)
    formset = None
    if request.method == "POST":
        formset = forms.RegistreringFormSet(request.POST, maalgrupper=grupper)
        if formset.is_valid():
            rows = formset.registreringer()
            if not rows:
                messages.error(request, _("Der er ingen gange at gemme."))
            else:
                with refusals(request) as call:
                    services.aktivitetsregistreringer_create(
                        user=request.user, aktivitet=aktivitet, registreringer=rows
                    )
                if not call.refused:
                    messages.success(request, _("%(antal)d gange er registreret.") % {"antal": len(rows)})
                    return redirect("helhedsplaner:aktivitet_detail", pk=plan.pk, aktivitet_pk=aktivitet.pk)
    elif month_form.is_valid():
        days = month_form.days(aktivitet)
        formset = forms.RegistreringFormSet(
            maalgrupper=grupper, initial=[{"dato": d, "timer": 2} for d in days]
        )
        if not days:
            messages.warning(
                request, _("Ingen af de valgte ugedage ligger i aktivitetens periode den måned.")
            )
    return render(
        request,
        "helhedsplaner/registrering_bulk.html",
        {
            "plan": plan,
            "aktivitet": aktivitet,
            "month_form": month_form,
            "formset": formset,
            "crumbs": crumbs(
                plan,
                (aktivitet.navn, reverse("helhedsplaner:aktivitet_detail", args=[plan.pk, aktivitet.pk])),
                (_("Registrér en måned"), None),
            ),
        },
    )


@require_POST
def registrering_delete(request: HttpRequest, pk: int, registrering_pk: int) -> HttpResponse:
    plan, _roles = _editable_plan(request, pk)
    registrering = get_object_or_404(
        Aktivitetsregistrering, pk=registrering_pk, aktivitet__delmaal__delaftale__helhedsplan=plan
    )
    aktivitet_pk = registrering.aktivitet_id
    with refusals(request) as call:
        services.aktivitetsregistrering_delete(user=request.user, registrering=registrering)
    if not call.refused:
        messages.success(request, _("Registreringen er slettet."))
    return redirect("helhedsplaner:aktivitet_detail", pk=plan.pk, aktivitet_pk=aktivitet_pk)


# Delmål ---------------------------------------------------------------------------------


def delmaal_update(request: HttpRequest, pk: int, delmaal_pk: int) -> HttpResponse:
    plan, _roles = _editable_plan(request, pk)
    delmaal = get_object_or_404(
        Delmaal.objects.select_related("delaftale__indsatsomraade"),
        pk=delmaal_pk,
        delaftale__helhedsplan=plan,
    )
    form = forms.DelmaalForm(request.POST or None, instance=delmaal, plan=plan)
    milestones = forms.MilepaelFormSet(
        request.POST or None,
        prefix="milepael",
        initial=[
            {"pk": m.pk, "dato": m.dato, "beskrivelse": m.beskrivelse, "naaet": m.naaet}
            for m in delmaal.milepaele.all()
        ]
        if request.method != "POST"
        else None,
    )
    if request.method == "POST" and form.is_valid() and milestones.is_valid():
        with refusals(request, form=form) as call:
            services.delmaal_update(
                user=request.user,
                delmaal=form.save(commit=False),
                strategiske_maal=form.cleaned_data["strategiske_maal"],
                milepaele=[f.data_object() for f in milestones.forms if f.has_changed() and f.cleaned_data],
                expected_revision=form.cleaned_data["revision"],
            )
        if not call.refused:
            messages.success(request, _("Delmålet er gemt."))
            return redirect(f"{plan.get_absolute_url()}#delmaal-{delmaal.pk}")
    return render(
        request,
        "helhedsplaner/delmaal_form.html",
        {
            "plan": plan,
            "delmaal": delmaal,
            "form": form,
            "milestones": milestones,
            "crumbs": crumbs(plan, (_("Rediger delmål"), None)),
        },
    )


# Status reports -------------------------------------------------------------------------


@require_GET
def statusrapport_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Completeness: which delaftaler have reported for which periods, on time or late."""
    plan, roles = plan_for_request(request, pk)
    context = report_completeness(plan, today=timezone.localdate())
    context.update(plan=plan, roles=roles, crumbs=crumbs(plan, (_("Statusrapporter"), None)))
    return render(request, "helhedsplaner/statusrapport_list.html", context)


@require_POST
def statusrapport_create(request: HttpRequest, pk: int, delaftale_pk: int) -> HttpResponse:
    plan, _roles = _editable_plan(request, pk)
    delaftale = get_object_or_404(Delaftale, pk=delaftale_pk, helhedsplan=plan)
    form = forms.NyRapportForm(request.POST, perioder=reporting_periods(plan))
    if not form.is_valid():
        messages.error(request, _("Vælg en gyldig periode."))
        return redirect("helhedsplaner:statusrapport_list", pk=plan.pk)
    periode = form.valgt()
    with refusals(request) as call:
        rapport = services.statusrapport_create(
            user=request.user, delaftale=delaftale, periode_start=periode.start, periode_slut=periode.slut
        )
    if call.refused:
        return redirect("helhedsplaner:statusrapport_list", pk=plan.pk)
    return redirect("helhedsplaner:statusrapport_update", pk=plan.pk, rapport_pk=rapport.pk)


def _rapport(plan: Helhedsplan, rapport_pk: int) -> Statusrapport:
    return get_object_or_404(
        Statusrapport.objects.select_related(
            "delaftale__indsatsomraade",
            "delaftale__helhedsplan",
            "indsendt_af",
            "accepteret_af",
            "godkendt_af",
        ),
        pk=rapport_pk,
        delaftale__helhedsplan=plan,
    )


@require_GET
def statusrapport_detail(request: HttpRequest, pk: int, rapport_pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    rapport = _rapport(plan, rapport_pk)
    context = report_detail(rapport)
    context.update(
        plan=plan,
        roles=roles,
        rapport=rapport,
        kan=report_permissions(request.user, rapport, roles),
        kommentar_form=forms.KommentarForm(),
        begrundelse_form=forms.BegrundelseForm(),
        crumbs=crumbs(
            plan,
            (_("Statusrapporter"), reverse("helhedsplaner:statusrapport_list", args=[plan.pk])),
            (f"{rapport.delaftale.indsatsomraade} · {context['periode_label']}", None),
        ),
    )
    return render(request, "helhedsplaner/statusrapport_detail.html", context)


def statusrapport_update(request: HttpRequest, pk: int, rapport_pk: int) -> HttpResponse:
    plan, roles = _editable_plan(request, pk)
    rapport = _rapport(plan, rapport_pk)
    kan = report_permissions(request.user, rapport, roles)
    if rapport.er_laast:
        messages.error(request, _("Statusrapporten er godkendt og låst; den kan ikke ændres."))
        return redirect("helhedsplaner:statusrapport_detail", pk=plan.pk, rapport_pk=rapport.pk)
    _require(kan.edit, _("Kun projektlederen kan redigere en kladde."))
    context = report_detail(rapport)
    form = forms.StatusrapportForm(
        request.POST or None,
        rapport=rapport,
        delmaal=context["delmaal"],
        kriterier=context["kriterier"],
        forrige=context["forrige"],
    )
    if request.method == "POST" and form.is_valid():
        # One transaction: a refused submission keeps nothing of the draft either.
        with refusals(request, form=form) as call, transaction.atomic():
            services.statusrapport_save_draft(
                user=request.user,
                rapport=rapport,
                fortaelling=form.cleaned_data["fortaelling"],
                delmaal_status=form.delmaal_status(),
                vaerdier=form.vaerdier(),
                expected_revision=form.cleaned_data["revision"],
            )
            if "indsend" in request.POST:
                services.statusrapport_submit(user=request.user, rapport=rapport)
        if not call.refused:
            sent = "indsend" in request.POST
            messages.success(request, _("Statusrapporten er indsendt.") if sent else _("Kladden er gemt."))
            return redirect("helhedsplaner:statusrapport_detail", pk=plan.pk, rapport_pk=rapport.pk)
    context.update(
        plan=plan,
        rapport=rapport,
        form=form,
        crumbs=crumbs(
            plan,
            (_("Statusrapporter"), reverse("helhedsplaner:statusrapport_list", args=[plan.pk])),
            (f"{rapport.delaftale.indsatsomraade} · {context['periode_label']}", rapport.get_absolute_url()),
            (_("Rediger"), None),
        ),
    )
    return render(request, "helhedsplaner/statusrapport_form.html", context)


#: A report's transitions by URL action: the service, the form field it takes as text (if
#: any) and the message on success.
TRANSITIONS: dict[str, tuple[Callable[..., Statusrapport], str | None, str | Promise]] = {
    "indsend": (services.statusrapport_submit, None, gettext_lazy("Statusrapporten er indsendt.")),
    "accepter": (services.statusrapport_accept, None, gettext_lazy("Statusrapporten er accepteret.")),
    "godkend": (services.statusrapport_approve, None, gettext_lazy("Statusrapporten er godkendt og låst.")),
    "returner": (services.statusrapport_return, "kommentar", gettext_lazy("Statusrapporten er sendt retur.")),
    "laas-op": (services.statusrapport_unlock, "begrundelse", gettext_lazy("Statusrapporten er låst op.")),
}


@require_POST
def statusrapport_transition(request: HttpRequest, pk: int, rapport_pk: int, action: str) -> HttpResponse:
    plan, _roles = plan_for_request(request, pk)
    rapport = _rapport(plan, rapport_pk)
    if action not in TRANSITIONS:
        raise Http404  # an action that does not exist is a page that does not exist
    service, text_field, done = TRANSITIONS[action]
    kwargs = {}
    if text_field:
        kwargs[text_field] = request.POST.get(text_field, "")
    # Our pages always send the revision they showed; one that is not a revision is a bad
    # request (400), never a 500 and never a transition without the check.
    revision = (
        params.require_int(request.POST, "revision", minimum=1, maximum=params.ID_MAX)
        if "revision" in request.POST
        else None
    )
    with refusals(request) as call:  # NotAllowed answers 403
        service(
            user=request.user,
            rapport=rapport,
            expected_revision=revision,
            **kwargs,
        )
    if not call.refused:
        messages.success(request, str(done))
    return redirect("helhedsplaner:statusrapport_detail", pk=plan.pk, rapport_pk=rapport.pk)


# History --------------------------------------------------------------------------------


@require_GET
def history(request: HttpRequest, pk: int, model: str, object_pk: int) -> HttpResponse:
    plan, roles = plan_for_request(request, pk)
    context = history_for(plan, model, object_pk)
    context.update(plan=plan, roles=roles, crumbs=crumbs(plan, (_("Historik"), None)))
    return render(request, "helhedsplaner/history.html", context)
