"""Fixtures for the quarterly workflow: the seed imported (2021 Q4, published), accounts
of each role, and 2022 Q1 opened for the seed's plan with a deadline of 2022-03-25."""

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


def row(period, task):
    return period.progress.select_related("task", "period__plan").get(task=task)


@pytest.fixture
def quarter(seed_publication):
    government = seed_publication.government
    plan = seed_publication.period.plan
    q = SimpleNamespace(government=government, plan=plan, seed=seed_publication)
    q.admin = make_user("dcs", government, "admin")
    q.reviewer = make_user("shenhe", government, "reviewer")
    q.reviewer2 = make_user("shenhe2", government, "reviewer")
    q.housing = make_user("zhujian", government, "reporter", "区住建局")
    q.commerce = make_user("shangwu", government, "reporter", "区商务局")
    q.period = workflow.open_period(q.admin, plan, 2022, 1, DEADLINE)
    # Task 45: 新增公共停车泊位630个 (区住建局); a 区商务局 task 区住建局 has nothing to do with.
    q.parking = Task.objects.get(plan=plan, seq=45)
    q.commerce_task = task_led_only_by(plan, "区商务局", not_involving=["区住建局"])
    return q


@pytest.fixture
def other_government(db):
    """A second government with its own admin: it must never see the first one's drafts."""
    government = Government.objects.create(name="某县人民政府", org_code="11341700003244967K")
    user = get_user_model().objects.create_user("other-admin", password=PASSWORD)
    Membership.objects.create(user=user, government=government, role="admin")
    return SimpleNamespace(government=government, admin=user)
