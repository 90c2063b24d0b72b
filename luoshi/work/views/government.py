"""The government's own settings (/work/government/): its organisation code and how it
writes index numbers. Settable only in /admin/ before, which is read-only now; each change
is audited."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render

from luoshi.accounts.people import PeopleError
from luoshi.audit.log import record
from luoshi.disclosure.indexno import IndexNoError, check_pattern
from luoshi.progress import permissions as perms
from luoshi.work.decorators import admin_government, member_required
from luoshi.work.views.common import run

FIELDS = ("org_code", "index_no_pattern")


def update_government(actor, government, org_code: str, index_no_pattern: str) -> bool:
    """Change the settings; False when nothing changed. PeopleError for a refusal."""

    org_code, pattern = (org_code or "").strip(), (index_no_pattern or "").strip()
    if len(org_code) > 40 or "/" in org_code:
        raise PeopleError("组织机构代码最多 40 个字符, 不能含 /")
    try:
        check_pattern(pattern)
    except (IndexNoError, ValueError) as exc:
        raise PeopleError(str(exc)) from None
    before = {f: getattr(government, f) for f in FIELDS}
    after = {"org_code": org_code, "index_no_pattern": pattern}
    if before == after:
        return False
    with transaction.atomic():
        for field, value in after.items():
            setattr(government, field, value)
        government.save(update_fields=list(FIELDS))
        record(actor, "government.updated", government, government=government,
               before=before, after=after)  # fmt: skip
    return True


@member_required
def settings_page(request):
    government = admin_government(request, perms.can_manage_accounts)
    if request.method == "POST":
        done = run(
            request,
            update_government,
            government,
            request.POST.get("org_code", ""),
            request.POST.get("index_no_pattern", ""),
        )
        if done:
            messages.success(request, "已保存政府设置")
        return redirect("people:government")
    return render(request, "work/government.html", {"government": government})
