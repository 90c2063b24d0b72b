"""The disclosure record of a published report, as a 政府信息公开 page shows it."""

from django.db import models

from luoshi.disclosure import edge
from luoshi.plans.models import TaskUnit
from luoshi.progress.models import Period, comparisons
from luoshi.textparse import CLASS_LABELS


class PublicationQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("period__plan__government")

    def current(self):
        """The latest version of each report: a corrected one is replaced by its correction."""
        return self.filter(corrected_by__isnull=True)

    def with_successor(self):
        """Each version with `successor_id`, the version that corrected it (None for the
        current one): one subquery instead of a query per row for is_current."""
        newer = Publication.objects.filter(previous=models.OuterRef("pk")).values("pk")[:1]
        return self.annotate(successor_id=models.Subquery(newer))


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
    # The rarer labels of other governments' metadata blocks, kept as the page gave them and
    # shown only where given (luoshi.ingest.metadata.LABELS reads them).
    written_on = models.DateField("成文日期", null=True, blank=True)
    issued_on = models.DateField("发文日期", null=True, blank=True)
    disclosed_on = models.DateField("公开日期", null=True, blank=True)
    disclosure_form = models.CharField("公开形式", max_length=50, blank=True)
    disclosure_dept = models.CharField("公开责任部门", max_length=100, blank=True)
    file_name = models.CharField("文件名称", max_length=300, blank=True)
    validity = models.CharField("有效性", max_length=50, blank=True)
    source_name = models.CharField("来源文件", max_length=300, blank=True)
    source_format = models.CharField("来源格式", max_length=20, blank=True)
    clicks = models.PositiveIntegerField("点击率", default=0)
    created = models.DateTimeField(auto_now_add=True)
    # A published report is frozen; a correction is a new version that keeps the index
    # number (fixed at publication, never changed) and says what changed.
    version = models.PositiveSmallIntegerField("版本", default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by"
    )
    correction_note = models.TextField("更正说明", blank=True)

    # Shown in the metadata block below the seed's rows, each only where the page gave it.
    EXTRA_META = (
        "written_on",
        "issued_on",
        "disclosed_on",
        "disclosure_form",
        "disclosure_dept",
        "file_name",
        "validity",
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "公开信息"
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "index_no", "version"], name="publication_unique_version"
            )
        ]

    def __str__(self):
        return self.title

    def extra_meta(self) -> list[tuple[str, object]]:
        """(label, value) of each rarer metadata field the report has."""
        fields = (self._meta.get_field(name) for name in self.EXTRA_META)
        return [(f.verbose_name, getattr(self, f.name)) for f in fields if getattr(self, f.name)]

    @property
    def plan(self):
        return self.period.plan

    @property
    def government(self):
        return self.period.plan.government

    @property
    def superseded_by_id(self):
        """The id of the version that corrected this one, None while it is current."""
        if "successor_id" in self.__dict__:  # annotated by with_successor()
            return self.__dict__["successor_id"]
        return Publication.objects.filter(previous=self).values_list("pk", flat=True).first()

    @property
    def is_current(self):
        return self.superseded_by_id is None

    def versions(self):
        """Every version of this report, oldest first (a short chain: walk it)."""
        chain = [self]
        while chain[0].previous_id:
            chain.insert(0, chain[0].previous)
        newer = self
        while (newer := Publication.objects.filter(previous=newer).first()) is not None:
            chain.append(newer)
        return chain

    def latest_version(self):
        return self.versions()[-1]

    def rows(self):
        """The report's frozen rows, shaped like Progress for the page, filters and exports.
        Every publication has them: publishing, correcting and importing copy the rows, and
        migration 0002 copied those of reports published before. Never the period's working
        rows, which go on changing (a correction in progress) and are not public."""
        return self.snapshot.all()

    def add_view(self):
        """Count one view and take the count including it. Counted as the page cache
        counts (luoshi.pagecache.clicks): atomically, so concurrent views never overwrite
        each other's count, and on SQLite through its click journal."""
        counted = edge.add_view(self.pk)
        if counted is not None:
            self.clicks = counted


class PublishedProgressQuerySet(models.QuerySet):
    def narrowed(self, section_id=None, lead_unit="", klass=""):
        """The rows of one section (by id), of one lead unit (by name) and of one class:
        the report filter, as the report page and the API apply it. An empty argument
        narrows nothing."""
        rows = self
        if section_id is not None:
            rows = rows.filter(task__section_id=section_id)
        if lead_unit:
            rows = rows.filter(
                task__task_units__role=TaskUnit.Role.LEAD, task__task_units__unit__name=lead_unit
            ).distinct()
        if klass:
            rows = rows.filter(status=klass)
        return rows


class PublishedProgress(models.Model):
    """One task's row as published in one version of a report: a copy, so nothing done
    to the working rows later (a correction in progress, a reassessment) changes what was
    published. Field names follow Progress so the page and the exports read either."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="snapshot")
    progress = models.ForeignKey(
        "progress.Progress", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="+")
    text = models.TextField("完成情况", blank=True)
    status = models.CharField("评估类别", max_length=16, blank=True)
    engine_status = models.CharField("系统评估", max_length=16, blank=True)
    override_reason = models.TextField("改判理由", blank=True)
    targets = models.JSONField(default=list, blank=True)
    actuals = models.JSONField(default=list, blank=True)
    data_pending = models.BooleanField(default=False)
    evidence = models.JSONField(default=list, blank=True)
    # A task the office chose to publish although its unit had not reported (未报送).
    unreported = models.BooleanField("未报送", default=False)
    # The 佐证材料 published with the row (ids of progress.Attachment): files added later
    # reach the public only with a later version.
    attachment_ids = models.JSONField("佐证材料", default=list, blank=True)

    objects = PublishedProgressQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "已发布任务行"
        ordering = ["publication", "task__seq"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "task"], name="snapshot_unique_task")
        ]

    def __str__(self):
        return f"{self.publication} · {self.task_id}"

    @property
    def period(self):
        return self.publication.period

    @property
    def period_id(self):
        return self.publication.period_id

    @property
    def status_label(self):
        return CLASS_LABELS.get(self.status, "")

    def comparisons(self):
        return comparisons(self.targets, self.actuals)


class IndexSerial(models.Model):
    """The last serial number a government used in a year, for index numbers."""

    government = models.ForeignKey(
        "plans.Government", on_delete=models.CASCADE, related_name="index_serials"
    )
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "索引号流水"
        constraints = [
            models.UniqueConstraint(fields=["government", "year"], name="serial_unique_year")
        ]

    def __str__(self):
        return f"{self.government} {self.year}: {self.last}"
