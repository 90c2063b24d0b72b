"""Requests of an account that must change its password go to the change form first."""

from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse

from luoshi.security.passwords import SESSION_FLAG


class PasswordChangeRequired:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie there is no one signed in; and the session is not
        # touched, which would add Vary: Cookie and keep public pages out of the cache.
        session = getattr(request, "session", None)
        signed = settings.SESSION_COOKIE_NAME in request.COOKIES
        if signed and session is not None and session.get(SESSION_FLAG):
            change = reverse("accounts:password_change")
            allowed = (change, reverse("accounts:logout"), "/static/")
            if not request.path.startswith(allowed):
                return HttpResponseRedirect(f"{change}?next={quote(request.get_full_path())}")
        return self.get_response(request)


# The portal's own scripts and styles are files under /static/ (no inline script or style
# attribute in any template; ECharts draws on a canvas and sets styles through the DOM,
# which CSP allows); images may be data: URLs (ECharts' saved picture).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# What a shared browser or proxy must not keep: the back office and the log-in.
PRIVATE_PREFIXES = ("/work/", "/accounts/", "/admin/")


class SecurityHeaders:
    """CSP on every response; `Cache-Control: no-store` on the back office's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if request.path.startswith(PRIVATE_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
        return response
