"""/admin/ shows the domain's rows and changes none of them.

Every change to plans, progress, publications, accounts' roles and the log goes through
the services the back office uses (luoshi.progress.workflow, luoshi.accounts.people, ...),
which audit it in the same transaction and change a published row only through a
correction (a new version). An edit in /admin/ did neither: a published title changed on
the public page at once, with no trace. Django's own users and groups stay editable there
for the superuser (passwords, switching an account off)."""

from django.contrib import admin

DOMAIN_APPS = {
    "plans",
    "progress",
    "disclosure",
    "accounts",
    "audit",
    "search",
    "pagecache",
    "security",
    "api",
    "compare",
}


def _no(*args, **kwargs) -> bool:
    return False


def make_domain_read_only(site=admin.site) -> None:
    for model, model_admin in site._registry.items():
        if model._meta.app_label not in DOMAIN_APPS:
            continue
        model_admin.has_add_permission = _no
        model_admin.has_change_permission = _no
        model_admin.has_delete_permission = _no
        for inline in model_admin.inlines:
            inline.has_add_permission = _no
            inline.has_change_permission = _no
            inline.has_delete_permission = _no
