"""Security headers the portal sets beside SecurityMiddleware and django-csp.

The Content Security Policy itself is django-csp's (``CONTENT_SECURITY_POLICY`` in
``portal/settings/base.py``): scripts only from the portal (no inline scripts, no eval);
figures travel as JSON in ``json_script`` blocks and static files draw them. Django's
SecurityMiddleware sends the Referrer-Policy (``SECURE_REFERRER_POLICY``); this middleware
keeps pages with personal data out of caches.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            # Pages with plan data are personal: never cached by browsers or proxies.
            response.headers.setdefault("Cache-Control", "no-store")
        return response
