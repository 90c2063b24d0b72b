"""Who may open a back-office page: every check the views make before they run, in one
place (the rules themselves are luoshi.progress.permissions)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from luoshi.progress import permissions as perms


def member_required(view):
    """Logged in and a member of a government; anyone else is sent to log in or refused."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if perms.membership(request.user) is None:
            raise PermissionDenied("此账号未分配角色")
        return view(request, *args, **kwargs)

    return wrapped


def admin_government(request, allowed, message="只有督查室管理员可以操作"):
    """The signed-in admin's own government, after `allowed(user, government)` agrees."""
    government = perms.government_of(request.user)
    perms.require(government is not None and allowed(request.user, government), message)
    return government


def admin_required(view):
    """The government's admin (督查室管理员) only: anonymous visitors are sent to log in,
    every other account is refused. The view is called with the admin's government."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        government = admin_government(request, perms.is_admin, "只有督查室管理员可以导入报告")
        return view(request, government, *args, **kwargs)

    return wrapped
