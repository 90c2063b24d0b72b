"""Statuses, states and roles are named choices; the values stored are as they always were."""

from luoshi.accounts.models import Membership
from luoshi.plans.models import TaskUnit
from luoshi.progress.models import Period, Progress


def test_period_statuses_store_their_old_values():
    assert Period.Status.values == ["open", "reporting", "review", "published", "closed"]
    assert Period.PUBLISHED == Period.Status.PUBLISHED == "published"


def test_progress_states_store_their_old_values():
    assert Progress.State.values == ["draft", "submitted", "returned", "approved"]
    assert Progress.State.APPROVED.label == "已审核通过"


def test_membership_roles_store_their_old_values():
    assert Membership.Role.values == ["admin", "reviewer", "reporter"]
    assert dict(Membership.ROLES)["reporter"] == "单位填报人"


def test_task_unit_roles_store_their_old_values():
    assert TaskUnit.Role.values == ["lead", "cooperating"]
    assert TaskUnit.LEAD == "lead"
