"""Security headers the portal sets beside SecurityMiddleware and django-csp.

The Content Security Policy itself is django-csp's (``CONTENT_SECURITY_POLICY`` in
``portal/settings/base.py``): scripts only from the portal (no inline scripts, no eval);
figures travel as JSON in ``json_script`` blocks and static files draw them. This
middleware adds the Referrer-Policy and keeps pages with personal data out of caches.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# The policy CONTENT_SECURITY_POLICY describes, as one header value (django-csp may send the
# directives in another order; compare them as a set).
DEFAULT_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            # Pages with plan data are personal: never cached by browsers or proxies.
            response.headers.setdefault("Cache-Control", "no-store")
        return response
