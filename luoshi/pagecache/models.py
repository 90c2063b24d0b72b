from django.db import models


class PageStamp(models.Model):
    """The version of one government's published pages: bumped on every change to what
    they show, so a cached page keyed by it is never stale."""

    government = models.OneToOneField(
        "plans.Government", on_delete=models.CASCADE, related_name="page_stamp"
    )
    value = models.PositiveBigIntegerField(default=1)
    changed = models.DateTimeField()

    class Meta:
        db_table = "pagecache_stamp"
        verbose_name = verbose_name_plural = "页面版本"

    def __str__(self):
        return f"{self.government_id}: {self.value}"


def stamp_of(government_id: int) -> tuple[int, object]:
    """The government's stamp as (value, changed); (0, None) before its first change."""
    found = PageStamp.objects.filter(government_id=government_id).values_list("value", "changed")
    return found.first() or (0, None)
