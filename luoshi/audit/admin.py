from django.contrib import admin

from luoshi.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "action", "object_type", "object_id", "government"]
    list_filter = ["action", "government"]
    search_fields = ["actor_name", "action", "note", "object_id"]

    # The log is evidence: nobody edits or deletes it, not even through the back door.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
