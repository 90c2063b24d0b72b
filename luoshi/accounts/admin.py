from django.contrib import admin

from luoshi.accounts.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "government", "role", "unit"]
    list_filter = ["government", "role"]
