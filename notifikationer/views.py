"""The recipient's pages (notices, preferences, calendar feed, unsubscribe) and LBF's queue."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bestyrelser.models import Moede
from portal.access import require_lbf_staff
from portal.params import page_param
from portal.web import safe_next

from . import calendar, content, services
from .forms import PraeferenceForm
from .kinds import KINDS
from .models import Modtagerprofil, Notifikation
from .recipients import profile_for_user


@login_required
@require_GET
def notifikation_list(request: HttpRequest) -> HttpResponse:
    qs = Notifikation.objects.for_user(request.user).order_by("-oprettet", "-id")
    page = Paginator(qs, 25).get_page(page_param(request.GET))
    return render(
        request,
        "notifikationer/liste.html",
        {"page": page, "crumbs": [(_("Notifikationer"), None)], "ulaeste": qs.unread().count()},
    )


@login_required
@require_GET
def unread_count(request: HttpRequest) -> HttpResponse:
    """The bell's count (fetched by static/notifikationer/klokke.js)."""
    n = Notifikation.objects.for_user(request.user).unread().count()
    tekst = ngettext("Notifikationer: %(n)d ulæst", "Notifikationer: %(n)d ulæste", n) % {"n": n}
    response = JsonResponse({"ulaeste": n, "tekst": tekst})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notifikation = Notifikation.objects.for_user(request.user).filter(pk=pk).first()
    if notifikation is None:
        raise Http404
    services.notifikation_mark_read(user=request.user, notifikation_id=pk)
    target = request.POST.get("aabn")
    if target and notifikation.sti.startswith("/"):
        return redirect(notifikation.sti)
    return redirect(safe_next(request, "/notifikationer/"))


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    n = services.notifikationer_mark_all_read(user=request.user)
    if n:
        messages.success(request, _("Alle notifikationer er markeret som læst."))
    return redirect("notifikationer:liste")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    profil = profile_for_user(request.user)
    form = PraeferenceForm(request.POST or None, profil=profil)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(profil=profil, sprog=form.cleaned_data["sprog"], choices=form.choices())
        messages.success(request, _("Dine indstillinger er gemt."))
        return redirect("notifikationer:indstillinger")
    feed = request.build_absolute_uri(f"/notifikationer/kalender/{profil.kalender_token}.ics")
    return render(
        request,
        "notifikationer/indstillinger.html",
        {
            "form": form,
            "profil": profil,
            "feed": feed,
            "crumbs": [(_("Notifikationer"), "/notifikationer/"), (_("Indstillinger"), None)],
        },
    )


@login_required
@require_POST
def calendar_renew(request: HttpRequest) -> HttpResponse:
    services.calendar_token_renew(profil=profile_for_user(request.user))
    messages.success(request, _("Kalenderlinket er fornyet. Det gamle link virker ikke længere."))
    return redirect("notifikationer:indstillinger")


def _profile_by_token(field: str, token: str) -> Modtagerprofil:
    profil = (
        Modtagerprofil.objects.filter(**{field: token}).select_related("person", "user").first()
        if token
        else None
    )
    if profil is None:
        raise Http404
    return profil


@login_not_required
@csrf_exempt  # RFC 8058: the mail client POSTs without a session or a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what the link does and a button; POST (the mail client's one-click, or the
    button) turns that kind of mail off. The secret token is the authority; no login."""
    profil = _profile_by_token("afmeld_token", token)
    kind = request.GET.get("art") or request.POST.get("art") or ""
    kind = kind if kind in KINDS else ""
    done = None
    if request.method == "POST":
        done = services.unsubscribe(profil=profil, kind=kind or None)
    response = render(
        request,
        "notifikationer/afmeld.html",
        {
            "kind": KINDS.get(kind),
            "done": done,
            "token": token,
            "art": kind,
            "mandatory": bool(kind) and KINDS[kind].mandatory,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_not_required
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The meetings the recipient is invited to, as an iCalendar feed behind a secret URL."""
    profil = _profile_by_token("kalender_token", token)
    today = timezone.localdate()
    who = Q(organ__medlemskaber__person=profil.person) if profil.person_id else Q(pk__in=[])
    active = Q(organ__medlemskaber__til__isnull=True) | Q(organ__medlemskaber__til__gte=today)
    moeder = (
        Moede.objects.filter(who & active, tidspunkt__gte=timezone.now() - datetime.timedelta(days=365))
        .select_related("organ", "organ__helhedsplan")
        .distinct()
        .order_by("tidspunkt")
    )
    response = HttpResponse(calendar.feed(moeder), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def lbf_queue(request: HttpRequest) -> HttpResponse:
    require_lbf_staff(request.user)
    now = timezone.now()
    rows = []
    for model, obj, since in content.lbf_queue():
        _o, plan, label, path = content._version(model, obj.pk)
        rows.append(
            {
                "label": label,
                "plan": plan,
                "since": since,
                "days": (now - since).days if since else None,
                "url": path,
            }
        )
    return render(
        request, "notifikationer/lbf_koe.html", {"rows": rows, "crumbs": [(_("Venter på LBF"), None)]}
    )
