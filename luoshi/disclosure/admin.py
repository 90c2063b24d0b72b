from django.contrib import admin

from luoshi.disclosure.models import Publication


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "index_no", "published_on", "clicks"]
    readonly_fields = ["clicks"]
