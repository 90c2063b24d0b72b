from django.contrib import admin

from luoshi.plans.models import Government, Plan, Section, Task, TaskUnit, Unit, UnitAlias


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 0


class TaskUnitInline(admin.TabularInline):
    model = TaskUnit
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Government)
class GovernmentAdmin(admin.ModelAdmin):
    list_display = ["name", "org_code", "index_no_pattern"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "government"]
    list_filter = ["government"]
    search_fields = ["name", "aliases__name"]
    inlines = [UnitAliasInline]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "government", "year"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["heading", "plan", "position"]
    list_filter = ["plan"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["seq", "section", "content"]
    list_filter = ["plan", "section"]
    search_fields = ["content"]
    inlines = [TaskUnitInline]
