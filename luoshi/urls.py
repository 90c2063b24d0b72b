from django.contrib import admin
from django.urls import include, path

from luoshi.work.views.reporter import published_attachment

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("luoshi.accounts.urls")),
    path("work/imports/", include("luoshi.work.imports_urls")),
    path("work/", include("luoshi.work.people_urls")),
    path("work/", include("luoshi.work.urls")),
    path("", include("luoshi.disclosure.urls")),
    path("", include("luoshi.search.urls")),
    path("", include("luoshi.compare.urls")),
    path("api/v1/", include("luoshi.api.urls")),
    path(
        "reports/<int:publication>/files/<int:pk>/",
        published_attachment,
        name="published_attachment",
    ),
]
