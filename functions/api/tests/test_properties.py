"""Property: whatever arrives, the answer is a well-formed HTTP response, never a stack trace.

Events are built from the recorded ones and then bent: methods, paths, headers, query strings,
bodies and flags replaced with arbitrary values (including wrong types), fields deleted, or the
whole event replaced by arbitrary JSON. S3 is moto's, so a route that accepts the request
really runs; with a healthy S3 no input may cause a 5xx.
"""

import base64
import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import functions_testing
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import event as record_event
from hypothesis import strategies as st
from moto import mock_aws

from items_api import contract, handler
from items_api.store import ItemStore

PROPERTY_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the checkout; failures print their example
    suppress_health_check=[HealthCheck.too_slow],
)

EVENT_NAMES = [
    "health",
    "list_items",
    "get_item",
    "put_item",
    "put_item_base64",
    "delete_item",
    "get_item_named_stage",
]

json_values = functions_testing.json_values(20)
methods = st.sampled_from(["GET", "PUT", "DELETE", "POST", "PATCH", "HEAD", "OPTIONS", "get"]) | (
    st.text(min_size=1, max_size=10)
)
ids = st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True) | st.text(max_size=140)
paths = (
    st.builds(lambda item_id: f"/items/{item_id}", ids)
    | st.sampled_from(["/", "/health", "/items", "/items/", "/items/a/b", "/v1/items/x"])
    | st.text(max_size=40).map(lambda text: "/" + text)
    | st.text(max_size=20)
)
text_bodies = (
    json_values.map(json.dumps)
    | st.dictionaries(st.text(max_size=8), json_values, max_size=5).map(json.dumps)
    | st.text(max_size=200)
    | st.sampled_from(["", "{", "null", '{"a": NaN}', '{"a": "\\ud800"}', "[" * 5000])
)
bodies = (
    text_bodies
    | st.binary(max_size=200).map(lambda data: base64.b64encode(data).decode())
    | st.just("x" * (contract.MAX_BODY_BYTES + 1))
)
content_types = st.sampled_from(
    [
        "application/json",
        "application/json; charset=utf-8",
        "application/json; charset=latin-1",
        "text/plain",
        "",
        ";;;",
        "application/json;charset",
    ]
) | st.text(max_size=30)
str_maps = st.dictionaries(st.text(max_size=12), st.text(max_size=30), max_size=5)
anything = json_values | st.lists(st.integers(), max_size=3)


@st.composite
def mutated_events(draw: st.DrawFn) -> Any:
    event = json.loads(json.dumps(draw(st.sampled_from(RECORDED))))
    if draw(st.booleans()):
        event["requestContext"]["http"]["method"] = draw(methods)
    if draw(st.booleans()):
        event["rawPath"] = draw(paths)
    if draw(st.booleans()):
        event["body"] = draw(bodies)
        event["isBase64Encoded"] = draw(st.booleans())
    if draw(st.booleans()):
        event["headers"]["content-type"] = draw(content_types)
    if draw(st.booleans()):
        event["queryStringParameters"] = draw(
            st.fixed_dictionaries(
                {},
                optional={"limit": st.text(max_size=6), "cursor": st.text(max_size=30)},
            )
            | str_maps
        )
    if draw(st.booleans()):
        event["headers"].update(draw(str_maps))
    # Now and then break the structure itself.
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        containers = {"top": event}
        request_context = event.get("requestContext")
        if isinstance(request_context, dict):
            containers["requestContext"] = request_context
            if isinstance(request_context.get("http"), dict):
                containers["http"] = request_context["http"]
        container = containers[draw(st.sampled_from(sorted(containers)))]
        if not container:
            continue
        key = draw(st.sampled_from(sorted(container)))
        if draw(st.booleans()):
            del container[key]
        else:
            container[key] = draw(anything)
    return event


def _load_recorded() -> list[dict[str, Any]]:
    events_dir = Path(__file__).resolve().parent / "events"
    return [
        json.loads((events_dir / f"{name}.json").read_text(encoding="utf-8"))
        for name in EVENT_NAMES
    ]


RECORDED = _load_recorded()

events = mutated_events() | anything


class _Context:
    function_name = "nova-items-api"
    memory_limit_in_mb = 256
    invoked_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:nova-items-api"
    aws_request_id = "0c9f0f7e-3f7a-4a3c-8d0e-6d2b3c4d5e6f"


@pytest.fixture(scope="module")
def moto_store(s3_client: Any) -> Iterator[ItemStore]:
    # Module scope: hypothesis runs many examples per test, all against the same bucket.
    with mock_aws():
        client = s3_client
        client.create_bucket(
            Bucket="prop-items", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        store = ItemStore(client, "prop-items", "items/", cursor_key=lambda: b"p" * 32)
        store.put("order-1001", {"seed": True})
        handler.set_store(store)
        yield store
        handler.set_store(None)


def assert_well_formed(response: Any) -> None:
    assert isinstance(response, dict)
    status = response["statusCode"]
    assert type(status) is int
    assert 100 <= status <= 599
    headers = response["headers"]
    assert isinstance(headers, dict)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in headers.items())
    body = response["body"]
    assert isinstance(body, str)
    assert response.get("isBase64Encoded", False) is False
    for trace_marker in ("Traceback", 'File "', "site-packages", "items_api/"):
        assert trace_marker not in body
    if body:
        assert headers.get("Content-Type") == "application/json"
        parsed = json.loads(body)
        if status >= 400:
            error = parsed["error"]
            assert set(error) == {"code", "message", "request_id"}
            assert all(isinstance(value, str) and value for value in error.values())
    else:
        assert status == 204
    if status == 405:
        assert headers["Allow"]
    # Serializable exactly as the Lambda runtime will do it.
    json.dumps(response)


@PROPERTY_SETTINGS
@given(incoming=events)
def test_every_event_gets_a_well_formed_response(moto_store, incoming):
    snapshot = copy.deepcopy(incoming)
    response = handler.lambda_handler(incoming, _Context())
    assert_well_formed(response)
    record_event(f"status {response['statusCode']}")  # see --hypothesis-show-statistics
    # Healthy S3 underneath: bad input is the client's problem, never a server error.
    assert response["statusCode"] < 500, (snapshot, response)


@PROPERTY_SETTINGS
@given(
    item_id=ids,
    document=st.dictionaries(st.text(max_size=8), json_values, max_size=5) | json_values,
    raw_body=st.none() | bodies,
    content_type=st.sampled_from(["application/json", "application/json; charset=utf-8"])
    | content_types,
    is_base64=st.booleans(),
)
def test_every_put_is_answered_and_accepted_documents_read_back(
    moto_store, item_id, document, raw_body, content_type, is_base64
):
    if raw_body is None:  # a document, sent the way a client would (maybe base64-encoded)
        text = json.dumps(document)
        body = base64.b64encode(text.encode()).decode() if is_base64 else text
    else:  # arbitrary text, sent with an arbitrary encoding flag
        body = raw_body
    event = json.loads(json.dumps(RECORDED[EVENT_NAMES.index("put_item")]))
    event["rawPath"] = f"/items/{item_id}"
    event["body"] = body
    event["isBase64Encoded"] = is_base64
    event["headers"]["content-type"] = content_type
    response = handler.lambda_handler(event, _Context())
    assert_well_formed(response)
    record_event(f"status {response['statusCode']}")
    assert response["statusCode"] in (200, 201, 400, 404, 413, 415)
    if response["statusCode"] in (200, 201):
        stored = json.loads(response["body"])["item"]
        assert isinstance(stored, dict)
        assert moto_store.get(item_id) == stored
        if raw_body is None:
            assert stored == document
