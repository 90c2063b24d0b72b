"""Bump a government's page stamp whenever something its public pages show changes.

The bump runs once per government per transaction, after it commits (so a page rendered
from the new data is never cached under the old stamp for long, and a rolled-back import
bumps nothing)."""

from __future__ import annotations

import contextlib
import contextvars

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils import timezone

from luoshi.disclosure.models import Publication, PublishedProgress
from luoshi.plans.models import Government, Plan, Section, Task, TaskUnit, Unit, UnitAlias
from luoshi.progress.models import Period, Progress

# Immutable links, memoised per process: a period never moves to another plan, etc.
_plan_gov: dict[int, int] = {}
_period_gov: dict[int, int] = {}
_publication_gov: dict[int, int] = {}


def _gov_of_plan(plan_id):
    if plan_id not in _plan_gov:
        _plan_gov[plan_id] = (
            Plan.objects.filter(pk=plan_id).values_list("government_id", flat=True).first()
        )
    return _plan_gov[plan_id]


def _gov_of_period(period_id):
    if period_id not in _period_gov:
        plan_id = Period.objects.filter(pk=period_id).values_list("plan_id", flat=True).first()
        _period_gov[period_id] = _gov_of_plan(plan_id) if plan_id else None
    return _period_gov[period_id]


def gov_of_publication(publication_id):
    if publication_id not in _publication_gov:
        period_id = (
            Publication.objects.filter(pk=publication_id)
            .values_list("period_id", flat=True)
            .first()
        )
        gov = _gov_of_period(period_id) if period_id else None
        if gov is None:
            return None
        _publication_gov[publication_id] = gov
    return _publication_gov[publication_id]


# While an import stores one plan: its tasks' plan, so that replacing the units of many
# tasks does not ask for each row's task (not kept longer: tasks are deleted with plans).
_import_plan: contextvars.ContextVar = contextvars.ContextVar("pagecache_import_plan")


@contextlib.contextmanager
def remembering_tasks(plan):
    """Within the block, a task row's government is looked up from `plan`'s tasks (one
    query), not once per row."""
    memo: dict[int, int] = {}

    def plan_of(task_id):
        if task_id not in memo:
            if not memo:
                memo.update(Task.objects.filter(plan=plan).values_list("id", "plan_id"))
            if task_id not in memo:
                memo[task_id] = (
                    Task.objects.filter(pk=task_id).values_list("plan_id", flat=True).first()
                )
        return memo[task_id]

    token = _import_plan.set(plan_of)
    try:
        yield
    finally:
        _import_plan.reset(token)


def _gov_of_task(task_id):
    remembered = _import_plan.get(None)
    if remembered is not None:
        plan_id = remembered(task_id)
    else:
        plan_id = Task.objects.filter(pk=task_id).values_list("plan_id", flat=True).first()
    return _gov_of_plan(plan_id) if plan_id else None


def _gov_of_alias(unit_id):
    return Unit.objects.filter(pk=unit_id).values_list("government_id", flat=True).first()


# Every model a public page shows, and how to find the government of one of its rows: a
# change to any of them bumps that government's stamp. A model not here bumps nothing.
GOVERNMENT_OF = {
    Government: lambda row: row.pk,
    Plan: lambda row: row.government_id,
    Unit: lambda row: row.government_id,
    Section: lambda row: _gov_of_plan(row.plan_id),
    Task: lambda row: _gov_of_plan(row.plan_id),
    Period: lambda row: _gov_of_plan(row.plan_id),
    Progress: lambda row: _gov_of_period(row.period_id),
    Publication: lambda row: _gov_of_period(row.period_id),
    PublishedProgress: lambda row: gov_of_publication(row.publication_id),
    TaskUnit: lambda row: _gov_of_task(row.task_id),
    UnitAlias: lambda row: _gov_of_alias(row.unit_id),
}


def _government_id(instance):
    found = GOVERNMENT_OF.get(type(instance))
    return None if found is None else found(instance)


class _Bump:
    """The on-commit callback for one government (found again to run it only once)."""

    def __init__(self, government_id):
        self.government_id = government_id

    def __call__(self):
        bump(self.government_id)


def bump(government_id) -> None:
    from luoshi.pagecache.models import PageStamp

    stamps, governments = PageStamp._meta.db_table, Government._meta.db_table
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    # INSERT … SELECT: nothing happens for a government deleted meanwhile.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {stamps} (government_id, value, changed) "
            f"SELECT id, 1, %s FROM {governments} WHERE id = %s "
            f"ON CONFLICT (government_id) DO UPDATE SET value = {stamps}.value + 1, changed = %s "
            "RETURNING value, changed",
            [now, government_id, now],
        )
        stamped = cursor.fetchone()
    if stamped is not None and settings.LUOSHI_REDIS_URL:
        from luoshi.pagecache.clicks import stamp_changed

        stamp_changed(government_id, *stamped)


def _changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    try:
        government_id = _government_id(instance)
    except Exception:  # a row deleted in a cascade may have no parent left to ask
        government_id = None
    if government_id is not None:
        stamp_on_commit(government_id)


def stamp_on_commit(government_id) -> None:
    """Bump the government's stamp when the transaction commits (once, however many rows
    of it changed): for changes made without post_save, such as bulk inserts."""
    pending = getattr(connection, "run_on_commit", [])
    if any(
        isinstance(func, _Bump) and func.government_id == government_id for _, func, *_ in pending
    ):
        return
    transaction.on_commit(_Bump(government_id))


def forget(**kwargs) -> None:
    """After `flush` or `migrate` (both send post_migrate) ids may be handed out again:
    the memos of which government a row belongs to no longer hold."""
    _plan_gov.clear()
    _period_gov.clear()
    _publication_gov.clear()


def connect() -> None:
    for model in GOVERNMENT_OF:
        uid = f"pagecache-{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + "-delete")
    post_migrate.connect(forget, dispatch_uid="pagecache-forget")
