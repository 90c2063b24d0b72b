"""The supervision office's pages for its accounts and units (/work/accounts/, /work/units/).

Only the admin of a government reaches them, and only for that government: every lookup
is scoped to the admin's own government, so another government's ids answer 404."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from luoshi.accounts import people
from luoshi.accounts.models import Membership
from luoshi.plans.models import TaskUnit
from luoshi.progress import permissions as perms
from luoshi.security import lockout, passwords
from luoshi.security.models import Lockout
from luoshi.work.decorators import admin_government, member_required
from luoshi.work.views.common import run


@member_required
def account_list(request):
    government = admin_government(request, perms.can_manage_accounts)
    if request.method == "POST":
        post = request.POST
        if post.get("password", "") != post.get("password2", ""):
            messages.error(request, "两次输入的密码不一致")
        else:
            name = post.get("name", "").strip()
            run(
                request,
                people.add_account,
                government,
                name,
                post.get("role", ""),
                post.get("unit", "").strip() if post.get("role") == Membership.REPORTER else "",
                post.get("password", ""),
                full_name=post.get("full_name", ""),
                phone=post.get("phone", ""),
                email=post.get("email", ""),
                success=f"已新增账号 {name}",
            )
        return redirect("people:accounts")
    members = (
        Membership.objects.filter(government=government)
        .select_related("user", "unit")
        .order_by("role", "unit__name", "user__username")
    )
    locked = {lock.key: lock.until for lock in Lockout.objects.current().filter(scope="account")}
    for m in members:
        m.locked_until = locked.get(m.user.username)
    context = {
        "members": members,
        "roles": Membership.ROLES,
        "units": government.units.order_by("name"),
        "min_password": people.MIN_PASSWORD,
    }
    return render(request, "work/accounts.html", context)


def _account(request, pk) -> Membership:
    """An account of the signed-in admin's own government (another's answers 404)."""
    government = admin_government(request, perms.can_manage_accounts)
    return get_object_or_404(
        Membership.objects.select_related("user", "government"), pk=pk, government=government
    )


@member_required
@require_POST
def account_active(request, pk):
    membership = _account(request, pk)
    active = request.POST.get("active") == "1"
    done = run(request, people.set_active, membership, active)
    if done:
        verb = "启用" if active else "停用"
        messages.success(request, f"已{verb}账号 {membership.user.username}")
    return redirect("people:accounts")


@member_required
@require_POST
def account_contact(request, pk):
    membership = _account(request, pk)
    post = request.POST
    run(
        request,
        people.set_contact,
        membership,
        full_name=post.get("full_name", ""),
        phone=post.get("phone", ""),
        email=post.get("email", ""),
        success=f"已保存 {membership.user.username} 的联系方式",
    )
    return redirect("people:accounts")


@member_required
def unit_list(request):
    government = admin_government(request, perms.can_manage_accounts)
    if request.method == "POST":
        name = request.POST.get("name", "")
        run(request, people.add_unit, government, name, success="已新增单位")
        return redirect("people:units")
    lead, cooperating = TaskUnit.LEAD, TaskUnit.COOPERATING
    units = (
        government.units.prefetch_related("aliases")
        .annotate(
            leads=Count("task_units", filter=Q(task_units__role=lead), distinct=True),
            cooperates=Count("task_units", filter=Q(task_units__role=cooperating), distinct=True),
            reporter_count=Count("reporters", distinct=True),
        )
        .order_by("name")
    )
    return render(request, "work/units.html", {"units": units})


@member_required
@require_POST
def unit_alias(request, pk):
    government = admin_government(request, perms.can_manage_accounts)
    unit = get_object_or_404(government.units, pk=pk)
    name = request.POST.get("alias", "")
    run(request, people.add_alias, unit, name, success=f"已为 {unit.name} 新增别名")
    return redirect("people:units")


@member_required
@require_POST
def account_unlock(request, pk):
    """End the lockout of one of the government's accounts (luoshi.security.lockout)."""
    government = admin_government(request, perms.can_manage_accounts)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, government=government
    )
    name = membership.user.username
    if lockout.unlock(request.user, username=name):
        messages.success(request, f"已解除账号 {name} 的登录锁定")
    else:
        messages.info(request, f"账号 {name} 没有被锁定")
    return redirect("people:accounts")


@member_required
@require_POST
def account_password(request, pk):
    """Set a new password for one of the government's accounts; its owner must change it at
    the next log-in (luoshi.security.passwords)."""
    government = admin_government(request, perms.can_manage_accounts)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, government=government
    )
    user = membership.user
    if request.POST.get("password", "") != request.POST.get("password2", ""):
        messages.error(request, "两次输入的密码不一致")
    elif objections := passwords.reset(request.user, user, request.POST.get("password", "")):
        messages.error(request, f"{user.username}: " + " ".join(objections))
    else:
        messages.success(request, f"已重设 {user.username} 的密码, 下次登录时须修改")
    return redirect("people:accounts")
