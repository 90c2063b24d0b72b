"""Requests of an account that must change its password go to the change form first."""

from urllib.parse import quote

from django.http import HttpResponseRedirect
from django.urls import reverse

from luoshi.security.passwords import SESSION_FLAG


class PasswordChangeRequired:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_FLAG) and request.user.is_authenticated:
            change = reverse("accounts:password_change")
            allowed = (change, reverse("accounts:logout"), "/static/")
            if not request.path.startswith(allowed):
                return HttpResponseRedirect(f"{change}?next={quote(request.get_full_path())}")
        return self.get_response(request)
