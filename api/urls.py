"""``/api/v1/``: the ninja API's URL patterns, each wrapped so that the portal's login
requirement does not redirect (the API answers 401 in JSON itself) and a successful GET
gets an ETag (``If-None-Match`` answers 304)."""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.urls import URLPattern
from django.views.decorators.http import require_GET

from .core import with_etag
from .routes import api


@require_GET
def _root(request, **kwargs):
    """``/api/v1/``: the documentation page."""
    return redirect("api:openapi-view")


def _wrap(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        return with_etag(request, view(request, *args, **kwargs))

    return login_not_required(wrapped)


_patterns, _app, _namespace = api.urls
app_name = "api"


def _view(p: URLPattern):
    """The root redirects to the docs; the schema and the docs page answer GET only."""
    if p.name == "api-root":
        return _root
    if p.name in ("openapi-json", "openapi-view"):
        return require_GET(p.callback)
    return p.callback


urlpatterns = [
    URLPattern(p.pattern, _wrap(_view(p)), p.default_args, p.name)
    for p in _patterns
    if isinstance(p, URLPattern)
]
