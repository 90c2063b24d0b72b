"""A government's yearly plan: its sections, tasks and the units that answer for them."""

from django.db import models


class Government(models.Model):
    name = models.CharField("政府名称", max_length=100, unique=True)
    # The publisher's organisation code, the front half of every index number it issues
    # (K1493206-6 in K1493206-6/2022-22822).
    org_code = models.CharField("组织机构代码", max_length=40, blank=True, db_index=True)
    # How this government writes index numbers: {code}, {year}, {month}, {serial}.
    index_no_pattern = models.CharField(
        "索引号格式", max_length=100, default="{code}/{year}-{serial:05d}"
    )

    class Meta:
        verbose_name = verbose_name_plural = "政府"

    def __str__(self):
        return self.name


class UnitQuerySet(models.QuerySet):
    def named(self, government, name):
        """The unit called `name` in `government`, by its name or by an alias."""
        return self.filter(government=government).filter(
            models.Q(name=name) | models.Q(aliases__name=name)
        )


class Unit(models.Model):
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="units")
    name = models.CharField("单位名称", max_length=100)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "单位"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["government", "name"], name="unit_unique_name")
        ]

    def __str__(self):
        return self.name


def unit_book(units) -> dict[str, Unit]:
    """{name: unit} of the units by their names and their aliases (prefetch "aliases"), a
    unit's own name before any alias: how an import and its preview match a document's
    unit names to a government's units."""
    book: dict[str, Unit] = {}
    for unit in units:
        book[unit.name] = unit
        for alias in unit.aliases.all():
            book.setdefault(alias.name, unit)
    return book


class UnitAlias(models.Model):
    """Another name a unit goes by, such as 区支援合作局 for 区发改经信局."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField("别名", max_length=100)

    class Meta:
        verbose_name = verbose_name_plural = "单位别名"
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="alias_unique")]

    def __str__(self):
        return self.name


class Plan(models.Model):
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="plans")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("标题", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度计划"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["government", "year"], name="plan_unique_year")
        ]

    def __str__(self):
        return self.title or f"{self.government} {self.year}年政府工作报告任务"


class Section(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField("序号", max_length=20, blank=True)  # as written: (一)
    title = models.CharField("项目名称", max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "板块"
        ordering = ["plan", "position"]

    def __str__(self):
        return self.heading

    @property
    def heading(self):
        return f"{self.number}{self.title}"


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="tasks")
    seq = models.PositiveIntegerField("序号")
    # The number as the document writes it ("3", "(三)"), where a numbering that restarts
    # in a later part was numbered on in document order for seq.
    number = models.CharField("原编号", max_length=20, blank=True)
    content = models.TextField("主要工作内容")
    lead_officials = models.CharField("牵头领导", max_length=200, blank=True)
    deadline = models.CharField("完成时限", max_length=100, blank=True)
    milestones = models.JSONField("季度形象进度", default=dict, blank=True)
    units = models.ManyToManyField(Unit, through="TaskUnit", related_name="tasks")

    class Meta:
        verbose_name = verbose_name_plural = "任务"
        ordering = ["plan", "seq"]
        constraints = [models.UniqueConstraint(fields=["plan", "seq"], name="task_unique_seq")]

    def __str__(self):
        return f"{self.seq}. {self.content[:30]}"

    def _units(self, role):
        # Uses the prefetched rows when a view prefetched them, so listing 100 tasks
        # costs one query, not 100.
        rows = [tu for tu in self.task_units.all() if tu.role == role]
        return sorted(rows, key=lambda tu: tu.position)

    @property
    def lead_task_units(self):
        return self._units(TaskUnit.LEAD)

    @property
    def lead_unit_names(self):
        return [tu.unit.name for tu in self.lead_task_units]

    @property
    def cooperating_unit_names(self):
        return [tu.unit.name for tu in self._units(TaskUnit.COOPERATING)]


class TaskUnit(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "牵头单位"
        COOPERATING = "cooperating", "配合单位"

    # Shorthands the code has always used (TaskUnit.LEAD).
    LEAD, COOPERATING = Role.LEAD, Role.COOPERATING
    ROLES = Role.choices

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="task_units")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="task_units")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.LEAD)
    position = models.PositiveSmallIntegerField(default=0)
    # The other name the document wrote beside the unit for this task, e.g. 区支援合作局.
    written_as = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["task", "role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit", "role"], name="taskunit_unique")
        ]

    def __str__(self):
        return f"{self.task.seq} {self.get_role_display()} {self.unit.name}"


class ColumnHead(models.Model):
    """A column head the admin mapped by hand in an import preview ("责任处室" -> lead
    units), remembered so the government's next document with that head is read the same
    way without asking again."""

    government = models.ForeignKey(
        Government, on_delete=models.CASCADE, related_name="column_heads"
    )
    head = models.CharField("表头", max_length=200)
    field = models.CharField("对应字段", max_length=40)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "表头对应"
        constraints = [
            models.UniqueConstraint(fields=["government", "head"], name="columnhead_unique")
        ]

    def __str__(self):
        return f"{self.head} -> {self.field}"
