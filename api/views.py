"""The personal API keys on the account's "Sikkerhed" page: list, create (shown once),
revoke. LBF staff create keys only from a session verified with a second factor."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from portal.params import parse_id
from portal.web import refusals

from . import tokens
from .forms import NoegleForm


def _lbf_needs_2fa() -> str:
    return _(
        "Landsbyggefondens medarbejdere kan kun oprette API-nøgler efter login med to-faktor-godkendelse."
    )


def security_section(request: HttpRequest, form: NoegleForm | None = None) -> dict[str, Any]:
    """The section's context on the Sikkerhed page: the user's own keys only."""
    return {
        "noegler": tokens.keys_of(request.user),
        "form": form or NoegleForm(),
        "may_create": tokens.may_create(request),
        "needs_verified": tokens.needs_verified_session(request.user),
    }


@never_cache
@require_http_methods(["GET", "POST"])
def noegle_create(request: HttpRequest) -> HttpResponse:
    """The form (also inline on the Sikkerhed page); a created key is shown once, in this
    response only: never stored, never cached."""
    if not tokens.may_create(request):
        messages.error(request, _lbf_needs_2fa())
        return redirect("security")
    form = NoegleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusals(request, form) as call:
            noegle, raw = tokens.key_create(
                user=request.user, navn=form.cleaned_data["navn"], udloeber=form.expiry()
            )
        if not call.refused:
            return render(request, "api/noegle_oprettet.html", {"noegle": noegle, "raw": raw})
    status = 400 if request.method == "POST" else 200
    return render(request, "api/noegle_form.html", {"form": form}, status=status)


@require_POST
def noegle_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    noegle = tokens.key_revoke(user=request.user, noegle_id=parse_id(str(pk)) or 0)
    messages.success(request, _("API-nøglen “%(navn)s” er tilbagekaldt.") % {"navn": noegle.navn})
    return redirect("security")
