"""Property: whatever event arrives, the importer answers; it never raises on bad input.

Events are the recorded ObjectCreated event bent (fields replaced by arbitrary JSON values,
deleted, keys and versions made up) or arbitrary JSON. S3, SQS and DynamoDB are moto's and
healthy, so nothing may escape: a raise would make Lambda retry an event that can never work.
"""

import copy
import json
from typing import Any

import functions_testing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importer_testing import load_event

json_values = functions_testing.json_values(30)
PATHS = [
    ("Records",),
    ("Records", 0),
    ("Records", 0, "eventSource"),
    ("Records", 0, "eventName"),
    ("Records", 0, "s3"),
    ("Records", 0, "s3", "bucket"),
    ("Records", 0, "s3", "bucket", "name"),
    ("Records", 0, "s3", "object"),
    ("Records", 0, "s3", "object", "key"),
    ("Records", 0, "s3", "object", "size"),
    ("Records", 0, "s3", "object", "eTag"),
    ("Records", 0, "s3", "object", "versionId"),
]
keys = st.text(max_size=60).map(lambda text: "imports/" + text) | st.text(max_size=1100)


def _set(event: dict, path: tuple, value: Any) -> None:
    target = event
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def _delete(event: dict, path: tuple) -> None:
    target = event
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]


@st.composite
def events(draw) -> Any:
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(json_values)
    event = copy.deepcopy(load_event("s3_object_created"))
    if choice == 1:
        _set(event, ("Records", 0, "s3", "object", "key"), draw(keys))
        if draw(st.booleans()):
            _set(event, ("Records", 0, "s3", "object", "versionId"), draw(st.text(max_size=40)))
        if draw(st.booleans()):
            _set(event, ("Records", 0, "s3", "object", "eTag"), draw(st.text(max_size=40)))
        return event
    path = draw(st.sampled_from(PATHS))
    if choice == 2:
        _set(event, path, draw(json_values))
    else:
        _delete(event, path)
    return event


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(event=events())
def test_any_event_is_answered_without_raising(aws, invoke, event):
    result = invoke(event)
    json.dumps(result)
    assert set(result) == {"imports", "invalid_records", "skipped_records"}
    for summary in result["imports"]:
        assert summary["result"] in ("imported", "duplicate", "ignored")
        if summary["result"] == "imported":
            assert summary["status"] == "failed"  # no such object in the bucket
            assert summary["failure"] == "unreadable"
