"""Account pages: the two-factor code after the password, TOTP enrolment, "Sikkerhed"."""

import base64
from typing import Any

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login
from django_otp import verify_token

from portal import account_sections, auth
from portal.sessions import sessions_end_for_user
from portal.web import safe_next


class TokenForm(forms.Form):
    code = forms.RegexField(
        label=gettext_lazy("Kode"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("Koden er 6 cifre.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _is_verified(request: HttpRequest) -> bool:
    user: Any = request.user  # django-otp's OTPMiddleware adds is_verified()
    return bool(user.is_verified())


def _next_url(request: HttpRequest) -> str:
    return safe_next(request, reverse("home"))


def _verified(request: HttpRequest, device) -> HttpResponse:
    otp_login(request, device)
    request.session[auth.HAS_DEVICE_KEY] = True
    request.session.cycle_key()  # a new session key once the second factor is in
    return redirect(_next_url(request))


def _check_code(request: HttpRequest, form: TokenForm, device) -> bool:
    """Validate the form and the code against the device, with django-otp's throttling."""
    if not form.is_valid():
        return False
    allowed, _info = device.verify_is_allowed()
    if not allowed:
        form.add_error("code", _("For mange forkerte koder. Vent lidt, og prøv igen."))
        return False
    if verify_token(request.user, device.persistent_id, form.cleaned_data["code"].strip()) is None:
        form.add_error("code", _("Koden er forkert eller udløbet. Prøv med den nyeste kode fra appen."))
        return False
    return True


def two_factor_verify(request: HttpRequest) -> HttpResponse:
    device = auth.confirmed_totp_device(request.user)
    if device is None:
        return redirect("two_factor_enrol")
    if _is_verified(request):
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and _check_code(request, form, device):
        return _verified(request, device)
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next_url(request)})


def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    if auth.confirmed_totp_device(request.user) is not None:
        return redirect("security" if _is_verified(request) else "two_factor_verify")
    device = auth.totp_device_for_enrolment(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and _check_code(request, form, device):
        auth.totp_device_confirm(device=device)
        # A session that logged in with the password alone before this must not live on.
        sessions_end_for_user(user_id=device.user_id, keep_session_key=request.session.session_key)
        messages.success(request, _("To-faktor-godkendelse er slået til."))
        return _verified(request, device)
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": _next_url(request),
        "required": auth.two_factor_required(request.user),
        # segno writes the QR code as SVG on the server: no script, nothing fetched. The markup
        # is segno's own, drawn from our otpauth URI (no user text), so it is safe to inline.
        "qr_svg": mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)),  # noqa: S308  # nosec B308 B703
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    return render(request, "registration/two_factor_enrol.html", context)


@require_GET
def security(request: HttpRequest) -> HttpResponse:
    context = {
        "device": auth.confirmed_totp_device(request.user),
        "required": auth.two_factor_required(request.user),
        "sections": account_sections.render_sections(request),
    }
    return render(request, "registration/security.html", context)


@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    auth.totp_devices_remove(user=request.user)
    request.session[auth.HAS_DEVICE_KEY] = False
    messages.success(request, _("To-faktor-godkendelse er slået fra."))
    return redirect("security")


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The invitation's link: Django's password-reset confirmation (one-time token, the
    password validators), then the login page."""

    template_name = "registration/invitation_accept.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        messages.success(
            self.request, _("Din adgangskode er valgt. Log ind med dit brugernavn og den nye adgangskode.")
        )
        return super().form_valid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("security")

    def form_valid(self, form):
        messages.success(self.request, _("Din adgangskode er ændret."))
        return super().form_valid(form)
