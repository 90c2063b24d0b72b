from django.urls import path

from luoshi.disclosure import views

app_name = "disclosure"

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/download.<str:fmt>", views.report_download, name="report_download"),
]
