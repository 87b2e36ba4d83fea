"""portal.web: the one way views turn a refusal into 403, form errors or a message, and the
one safe ``next`` redirect."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from portal.errors import Conflict, Locked, NotAllowed
from portal.web import refusals, safe_next


def _request(method="get", **data):
    request = getattr(RequestFactory(), method)("/", data)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


class _Form(forms.Form):
    titel = forms.CharField()


def test_not_allowed_becomes_403():
    with pytest.raises(PermissionDenied), refusals(_request()):
        raise NotAllowed("Kun projektlederen.")


@pytest.mark.parametrize(
    "exc", [Locked("Låst."), Conflict("Ændret af en anden."), ValidationError("Ugyldig.")]
)
def test_other_refusals_become_one_message(exc):
    request = _request()
    with refusals(request) as call:
        raise exc
    assert call.refused
    assert [str(m) for m in get_messages(request)] == [exc.message if hasattr(exc, "message") else "Ugyldig."]


def test_field_errors_land_on_their_fields_and_the_rest_above_the_form():
    form = _Form({"titel": "x"})
    assert form.is_valid()
    with refusals(_request(), form=form) as call:
        raise ValidationError({"titel": "For kort.", "ukendt": "Andet."})
    assert call.refused
    assert form.errors["titel"] == ["For kort."]
    assert form.non_field_errors() == ["Andet."]


def test_no_refusal_and_other_exceptions_pass_through():
    with refusals(_request()) as call:
        pass
    assert not call.refused
    with pytest.raises(KeyError), refusals(_request()):
        raise KeyError("a bug is not a refusal")


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.com/",
        "//evil.com",
        "/\\evil.com",
        "\\\\evil.com",
        "javascript:alert(1)",
        "http:/evil.com",
        "",
        "relative/path",
        "/ok\x00",
    ],
)
def test_safe_next_refuses_other_hosts_and_schemes(target):
    assert safe_next(_request("post", next=target), "/standard/") == "/standard/"


def test_safe_next_keeps_a_path_on_this_site():
    assert safe_next(_request("post", next="/planer/1/?side=2#x"), "/") == "/planer/1/?side=2#x"
    assert safe_next(_request("get", next="/planer/1/"), "/") == "/planer/1/"
