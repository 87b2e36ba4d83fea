"""The home page: the user's plans and their worklist (``helhedsplaner.selectors``)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from portal.access import is_lbf_staff

from .selectors import members_without_address, plans_for_home, worklist


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    user = request.user
    # LBF and superusers hold no memberships: their home page skips the query.
    lbf = user.is_superuser or is_lbf_staff(user)
    return render(
        request,
        "portal/home.html",
        {
            "plans": plans_for_home(user),
            "worklist": worklist(user, today=today),
            "uden_adresse": [] if lbf else members_without_address(user, today=today),
        },
    )
