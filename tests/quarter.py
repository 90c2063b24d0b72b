"""Fixtures for the quarterly workflow: the seed imported (2021 Q4, published), accounts
of each role, the seed's plan carried into 2022 and its Q1 opened with a deadline of
2022-03-25."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from luoshi.accounts.models import Membership
from luoshi.plans.models import Government, Task, Unit
from luoshi.progress import workflow

PASSWORD = "correct-horse-battery"
DEADLINE = dt.date(2022, 3, 25)


def make_user(name, government, role, unit_name=None):
    user = get_user_model().objects.create_user(name, password=PASSWORD)
    unit = Unit.objects.get(government=government, name=unit_name) if unit_name else None
    Membership.objects.create(user=user, government=government, role=role, unit=unit)
    return user


def task_led_only_by(plan, unit_name, not_involving=()):
    """A task `unit_name` leads alone, with none of `not_involving` on it."""
    for task in plan.tasks.prefetch_related("task_units__unit").order_by("seq"):
        names = {tu.unit.name for tu in task.task_units.all()}
        if task.lead_unit_names == [unit_name] and not names & set(not_involving):
            return task
    raise LookupError(unit_name)


def plan_of_year(plan, year):
    """`plan` carried into `year` (sections, tasks and their units as they were): what a
    government's import of the new year's plan stores, for tests that need one."""
    from luoshi.plans.models import Plan, TaskUnit

    new = Plan.objects.create(government=plan.government, year=year, title=f"{year}年任务分解")
    sections = {}
    for section in plan.sections.all():
        old_pk = section.pk
        section.pk, section.plan = None, new
        section.save()
        sections[old_pk] = section
    for task in plan.tasks.prefetch_related("task_units"):
        task_units = list(task.task_units.all())
        task.pk, task.plan, task.section = None, new, sections[task.section_id]
        task.save()
        TaskUnit.objects.bulk_create(
            TaskUnit(
                task=task,
                unit_id=tu.unit_id,
                role=tu.role,
                position=tu.position,
                written_as=tu.written_as,
            )
            for tu in task_units
        )
    return new


def row(period, task):
    return period.progress.select_related("task", "period__plan").get(task=task)


@pytest.fixture
def quarter(seed_publication):
    government = seed_publication.government
    plan = plan_of_year(seed_publication.period.plan, 2022)
    q = SimpleNamespace(government=government, plan=plan, seed=seed_publication)
    q.admin = make_user("dcs", government, "admin")
    q.reviewer = make_user("shenhe", government, "reviewer")
    q.reviewer2 = make_user("shenhe2", government, "reviewer")
    q.housing = make_user("zhujian", government, "reporter", "区住建局")
    q.commerce = make_user("shangwu", government, "reporter", "区商务局")
    q.period = workflow.open_period(q.admin, plan, 2022, 1, DEADLINE)
    # Task 45: 新增公共停车泊位630个 (区住建局); a 区商务局 task 区住建局 has nothing to do with.
    q.parking = Task.objects.get(plan=plan, seq=45)
    q.seed_parking = Task.objects.get(plan=seed_publication.period.plan, seq=45)
    q.commerce_task = task_led_only_by(plan, "区商务局", not_involving=["区住建局"])
    return q


@pytest.fixture
def other_government(db):
    """A second government with its own admin: it must never see the first one's drafts."""
    government = Government.objects.create(name="某县人民政府", org_code="11341700003244967K")
    user = get_user_model().objects.create_user("other-admin", password=PASSWORD)
    Membership.objects.create(user=user, government=government, role="admin")
    return SimpleNamespace(government=government, admin=user)
