"""The home page: the user's plans and their worklist (``helhedsplaner.selectors``)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .selectors import plans_for_home, worklist


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {
            "plans": plans_for_home(request.user),
            "worklist": worklist(request.user, today=timezone.localdate()),
        },
    )
