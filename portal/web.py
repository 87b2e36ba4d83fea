"""What every view does with a service's refusal, in one place.

A view calls one service inside ``with refusals(request) as call:`` (or
``refusals(request, form=form)``). ``NotAllowed`` becomes 403; any other refusal
(``ServiceError`` or Django's ``ValidationError``) becomes field errors on the form, or one
error message, and ``call.refused`` is true, so the view re-renders or redirects::

    with refusals(request) as call:
        services.report_submit(user=request.user, rapport=rapport)
    if not call.refused:
        messages.success(request, _("Rapporten er indsendt."))
    return redirect(rapport)
"""

from __future__ import annotations

from types import TracebackType

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from portal.errors import NotAllowed, ServiceError

#: The exceptions a service refuses a write with.
REFUSALS = (ServiceError, ValidationError)


def refusal_text(exc: BaseException) -> str:
    """A refusal as one sentence for a message: every validation message, joined."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return getattr(exc, "message", None) or str(exc)


def refusal_on_form(form, exc: BaseException) -> None:
    """Show a refusal on ``form``: field errors where they belong, the rest above the form."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(exc, ValidationError):
        form.add_error(None, exc.messages)
    else:
        form.add_error(None, refusal_text(exc))


class refusals:  # noqa: N801 - used as a statement: ``with refusals(request):``
    """Context manager: turn a service's refusal into 403, form errors or a message."""

    def __init__(self, request: HttpRequest, form=None) -> None:
        self.request = request
        self.form = form
        self.refused = False

    def __enter__(self) -> refusals:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool:
        if exc is None or not isinstance(exc, REFUSALS):
            return False
        if isinstance(exc, NotAllowed):
            raise PermissionDenied(exc.message) from exc
        self.refused = True
        if self.form is not None:
            refusal_on_form(self.form, exc)
        else:
            messages.error(self.request, refusal_text(exc))
        return True


def crumbs(plan, *rest: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    """The breadcrumb trail of a page inside a plan: the plan, then ``rest``."""
    return [(plan.navn, plan.get_absolute_url()), *rest]


def safe_next(request: HttpRequest, default: str) -> str:
    """Where to go after a form: the ``next`` the page sent (POST, else GET) if it is a path on
    this site, else ``default``. Never another host (``https://evil.com``, ``//evil.com``,
    ``/\\evil.com``) and never a scheme such as ``javascript:`` (an open redirect)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and "\x00" not in target
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return default
