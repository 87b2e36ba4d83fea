from __future__ import annotations

from django.http import HttpRequest

from .models import Notifikation


def unread(request: HttpRequest) -> dict:
    """The bell's count in the top bar: one query per page for a logged-in user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifikationer_ulaeste": Notifikation.objects.for_user(user).unread().count()}
