from django.urls import path

from luoshi.api import views

app_name = "api"

urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi, name="openapi"),
    path("reports", views.report_list, name="reports"),
    path("reports/<int:pk>", views.report_detail, name="report"),
    path("tasks", views.task_list, name="tasks"),
    path("tasks/<int:pk>", views.task_detail, name="task"),
]
