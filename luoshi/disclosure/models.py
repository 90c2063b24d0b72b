"""The disclosure record of a published report, as a 政府信息公开 page shows it."""

from django.db import models

from luoshi.progress.models import Period


class PublicationQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("period__plan__government")


class Publication(models.Model):
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="publications")
    title = models.CharField("标题", max_length=300)
    index_no = models.CharField("信息索引号", max_length=100, db_index=True)
    disclosure_method = models.CharField("公开方式", max_length=50, blank=True)
    publisher = models.CharField("发布机构", max_length=100, blank=True)
    disclosure_scope = models.CharField("公开范围", max_length=50, blank=True)
    doc_no = models.CharField("备注/文号", max_length=200, blank=True)
    disclosure_term = models.CharField("公开时限", max_length=50, blank=True)
    generated_on = models.DateField("生成日期", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    attachments = models.JSONField("附件", default=list, blank=True)
    category_path = models.JSONField("栏目", default=list, blank=True)
    topic = models.CharField("主题分类", max_length=100, blank=True)
    grouping = models.CharField("组配分类", max_length=100, blank=True)
    source_name = models.CharField("来源文件", max_length=300, blank=True)
    source_format = models.CharField("来源格式", max_length=20, blank=True)
    clicks = models.PositiveIntegerField("点击率", default=0)
    created = models.DateTimeField(auto_now_add=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "公开信息"
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["period", "index_no"], name="publication_unique")
        ]

    def __str__(self):
        return self.title

    @property
    def plan(self):
        return self.period.plan

    @property
    def government(self):
        return self.period.plan.government

    def register_view(self):
        """Count one view. The increment happens in the database (UPDATE … SET clicks =
        clicks + 1), so concurrent views never overwrite each other's count."""
        Publication.objects.filter(pk=self.pk).update(clicks=models.F("clicks") + 1)
        self.refresh_from_db(fields=["clicks"])
