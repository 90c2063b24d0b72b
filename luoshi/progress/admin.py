from django.contrib import admin

from luoshi.progress.models import Period, Progress


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "plan", "year", "quarter", "start_month", "end_month"]


@admin.register(Progress)
class ProgressAdmin(admin.ModelAdmin):
    list_display = ["task", "period", "status"]
    list_filter = ["period", "status"]
    search_fields = ["text", "task__content"]
    readonly_fields = ["targets", "actuals", "evidence", "assessed_hash"]
