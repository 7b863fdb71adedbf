"""Lifecycle transitions and dates as pure checks (the component-level cases are in
test_rules_lifecycle.py)."""

import datetime as dt

import pulumi
import pytest

from nova_core import Checker, NovaInputError
from nova_storage._rules.lifecycle_transitions import (
    Point,
    check_noncurrent_transitions,
    check_transitions,
    check_waterfall,
    normalize_lifecycle_date,
)


def _check():
    return Checker("nova-storage Bucket", "data")


def test_transitions_give_their_points_and_the_kind_of_time_they_use():
    points, uses_days, uses_dates = check_transitions(
        _check(),
        "rules[0].transitions",
        [{"storage_class": "STANDARD_IA", "days": 30}, {"storage_class": "GLACIER", "days": 90}],
    )
    assert points == [
        Point(30, "STANDARD_IA", "rules[0].transitions[0]"),
        Point(90, "GLACIER", "rules[0].transitions[1]"),
    ]
    assert (uses_days, uses_dates) == (True, False)
    points, uses_days, uses_dates = check_transitions(
        _check(), "t", [{"storage_class": "GLACIER", "date": "2030-01-01T00:00:00Z"}]
    )
    assert points == [Point(dt.date(2030, 1, 1), "GLACIER", "t[0]")]
    assert (uses_days, uses_dates) == (False, True)


def test_output_parts_of_a_transition_are_left_out_of_the_points():
    out = pulumi.Output.from_input
    points, _, _ = check_transitions(
        _check(),
        "t",
        [
            {"storage_class": out("GLACIER"), "days": 10},
            {"storage_class": "GLACIER", "days": out(1)},
        ],
    )
    assert points == []
    assert (
        check_noncurrent_transitions(
            _check(), "n", [{"storage_class": "GLACIER", "noncurrent_days": out(5)}]
        )
        == []
    )


def test_fails_when_transitions_go_up_the_waterfall():
    points = [Point(60, "STANDARD_IA", "t[1]"), Point(30, "GLACIER", "t[0]")]
    with pytest.raises(NovaInputError, match=r"'t\[1\]\.storage_class' is 'STANDARD_IA'") as err:
        check_waterfall(_check(), points, noncurrent=False)
    assert err.value.source == "S3 lifecycle: supported transitions"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2030-01-01", "2030-01-01"),
        ("2030-01-01T00:00:00Z", "2030-01-01"),
        ("2030-01-01T00:00:00+00:00", "2030-01-01"),
        ("2030-01-01T00:00:00.000Z", "2030-01-01"),
        ("2030-01-01T01:00:00Z", None),
        ("2030-13-01", None),
        ("tomorrow", None),
    ],
)
def test_normalize_lifecycle_date(value, expected):
    assert normalize_lifecycle_date(value) == expected
