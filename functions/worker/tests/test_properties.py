"""Property: whatever batch arrives, the worker answers with a partial batch response.

Records are the recorded ones with bodies, ids and fields replaced by arbitrary values, or the
whole event is arbitrary JSON. The answer is always ``{"batchItemFailures": [...]}`` naming only
message ids of the event; a record whose body is a valid item message is never reported.
"""

import copy
import json
from typing import Any

import functions_testing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from worker_testing import load_event

json_scalars = functions_testing.json_scalars(30)
json_values = functions_testing.json_values(30)
valid_bodies = st.builds(
    lambda item_id, item: json.dumps({"id": item_id, "item": item}),
    st.from_regex(r"[A-Za-z0-9_-]{1,20}", fullmatch=True),
    st.dictionaries(
        st.text(max_size=8),
        json_scalars.filter(
            lambda v: not isinstance(v, float) or (v == float(v) and abs(v) != float("inf"))
        ),
        max_size=4,
    ),
)
bodies = valid_bodies | json_values.map(json.dumps) | st.text(max_size=60) | json_values


@st.composite
def records(draw) -> Any:
    record = copy.deepcopy(load_event("sqs_batch")["Records"][0])
    record["messageId"] = draw(st.uuids().map(str) | json_values)
    record["body"] = draw(bodies)
    if draw(st.booleans()):
        record[draw(st.sampled_from(sorted(record)))] = draw(json_values)
    return record


events = st.lists(records(), max_size=5).map(lambda rs: {"Records": rs}) | json_values


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(event=events)
def test_any_batch_gets_a_partial_batch_response(aws, invoke, event):
    result = invoke(copy.deepcopy(event))
    assert set(result) == {"batchItemFailures"}
    failed = [entry["itemIdentifier"] for entry in result["batchItemFailures"]]
    if not (isinstance(event, dict) and isinstance(event.get("Records"), list)):
        assert failed == []
        return
    ids = [r.get("messageId") for r in event["Records"] if isinstance(r, dict)]
    assert set(failed) <= {i for i in ids if isinstance(i, str)}
    written: dict[str, list[Any]] = {}
    for record in event["Records"]:
        body = record.get("body")
        message_id = record.get("messageId")
        if not (isinstance(message_id, str) and message_id and isinstance(body, str)):
            continue
        try:
            message = json.loads(body)
        except ValueError:
            continue
        if not (isinstance(message, dict) and set(message) == {"id", "item"}):
            continue
        written.setdefault(str(message["id"]), []).append((message_id, message["item"]))
    for item_id, writes in written.items():
        (message_id, item), *others = writes
        if not others and isinstance(item, dict) and message_id not in failed:
            assert aws.stored(item_id) == item
