"""Keep assessments current when a task's content changes: the content holds the targets."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from luoshi.plans.models import Task


@receiver(post_save, sender=Task)
def reassess_progress_of_changed_task(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    for progress in instance.progress.select_related("period"):
        progress.task = instance
        if progress.assess():
            progress.save(update_fields=_ASSESSMENT_FIELDS)


_ASSESSMENT_FIELDS = ["status", "targets", "actuals", "data_pending", "evidence", "assessed_hash"]
