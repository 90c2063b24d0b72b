from django.urls import path

from luoshi.disclosure.views import counter, portal
from luoshi.disclosure.views import reports as views

app_name = "disclosure"

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/click", counter.report_click, name="report_click"),
    path("reports/<int:pk>/download.<str:fmt>", views.report_download, name="report_download"),
    path("reports/<int:pk>/charts/", portal.report_charts, name="report_charts"),
    path("reports/<int:pk>/charts.json", portal.report_charts_json, name="report_charts_json"),
    path("tasks/<int:pk>/", portal.task_detail, name="task_detail"),
    path("display/", portal.display_prefs, name="display_prefs"),
    path("api/", portal.api_guide, name="api_guide"),
]
