"""The back-office pages count a period's rows by workflow state in one way."""

import pytest

from luoshi.progress.models import Progress, count_states

pytestmark = pytest.mark.django_db


def test_count_states_names_every_state_in_order_with_zeros():
    assert count_states(["approved", "draft", "approved"]) == {
        "draft": 1,
        "submitted": 0,
        "returned": 0,
        "approved": 2,
    }


def test_a_periods_state_counts_add_up_to_its_rows(quarter):
    row = quarter.period.progress.first()
    row.state = Progress.State.SUBMITTED
    row.save(update_fields=["state"])
    counts = quarter.period.progress.state_counts()
    assert counts["submitted"] == 1
    assert sum(counts.values()) == quarter.period.progress.count()
