from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from luoshi.security import lockout


class LockoutBackend(ModelBackend):
    """Django's own backend, which checks no password for a locked account or address (the
    back office's log-in and /admin/'s alike)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username and lockout.locked_until(username, lockout.address_of(request)):
            raise PermissionDenied  # authenticate() stops here and reports a failed log-in
        return super().authenticate(request, username=username, password=password, **kwargs)
