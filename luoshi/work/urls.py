"""The working pages, mounted at /work/."""

from django.urls import path

from luoshi.work.views import audit, common, periods, reporter, reviewing

app_name = "work"

urlpatterns = [
    path("", common.home, name="home"),
    path("tasks/", reporter.my_tasks, name="my_tasks"),
    path("tasks/<int:pk>/", reporter.task_form, name="task_form"),
    path("tasks/<int:pk>/preview/", reporter.preview, name="preview"),
    path("tasks/<int:pk>/attachments/", reporter.attachment_upload, name="attachment_upload"),
    path("attachments/<int:pk>/", reporter.attachment_download, name="attachment"),
    path("attachments/<int:pk>/remove/", reporter.attachment_remove, name="attachment_remove"),
    path("review/", reviewing.review_index, name="review_index"),
    path("review/<int:period_id>/", reviewing.review_queue, name="review_queue"),
    path("review/<int:period_id>/bulk-approve/", reviewing.bulk_approve, name="bulk_approve"),
    path("review/item/<int:pk>/", reviewing.review_item, name="review_item"),
    path("periods/", periods.period_list, name="periods"),
    path("periods/<int:pk>/", periods.period_detail, name="period_detail"),
    path("periods/<int:pk>/action/", periods.period_action, name="period_action"),
    path("periods/<int:pk>/overdue/", periods.period_overdue, name="overdue"),
    path("periods/<int:pk>/extend/", periods.period_extend, name="period_extend"),
    path("periods/<int:pk>/remind/", periods.period_remind, name="period_remind"),
    path("periods/<int:pk>/duban/", periods.duban_sheets, name="duban"),
    path("periods/webhook/", periods.webhook, name="webhook"),
    path("periods/<int:pk>/review-sheet.xlsx", periods.review_sheet, name="review_sheet"),
    path("periods/<int:pk>/publish/", periods.publish, name="publish"),
    path("publications/<int:pk>/correct/", periods.correct, name="correct"),
    path("audit/", audit.audit_list, name="audit"),
    path("audit/export.csv", audit.audit_csv, name="audit_csv"),
]
