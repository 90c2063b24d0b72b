"""Importing a report in the back office, mounted at /work/imports/."""

from django.urls import path

from luoshi.work.views import imports as views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<str:token>/", views.preview, name="preview"),
    path("<str:token>/columns/", views.columns, name="columns"),
    path("<str:token>/commit/", views.commit, name="commit"),
    path("<str:token>/discard/", views.discard, name="discard"),
]
