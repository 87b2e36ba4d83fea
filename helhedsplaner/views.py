from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.access import get_plan_for_user, plan_roles

from .models import Helhedsplan
from .selectors import plan_overview


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Read-only overview of the whole chain of one plan."""
    plan = get_plan_for_user(
        request.user, pk, Helhedsplan.objects.select_related("boligomraade", "kommune", "bevillingsperiode")
    )
    context = plan_overview(plan)
    context["roles"] = plan_roles(request.user, plan)
    context["crumbs"] = [(plan.navn, None)]
    return render(request, "helhedsplaner/helhedsplan_detail.html", context)
