"""The pure request checks, called directly."""

import base64
import json

import pytest

from items_api import contract, validation
from items_api.errors import (
    BadRequestError,
    InvalidEventError,
    InvalidItemIdError,
    InvalidJsonError,
    InvalidLimitError,
    PayloadTooLargeError,
    UnsupportedMediaTypeError,
)


@pytest.mark.parametrize("item_id", ["a", "order-1001", "A_b-9", "x" * 128])
def test_valid_ids(item_id):
    assert validation.parse_item_id(item_id) == item_id


@pytest.mark.parametrize(
    "item_id", ["", "x" * 129, "a b", "a.json", "..", "é", "a%2Fb", "abc\n", "a/b", "a'b"]
)
def test_fails_when_id_is_invalid(item_id):
    with pytest.raises(InvalidItemIdError, match="invalid item id"):
        validation.parse_item_id(item_id)


def test_long_invalid_id_is_shortened_in_the_message():
    with pytest.raises(InvalidItemIdError) as caught:
        validation.parse_item_id("!" * 500)
    assert len(caught.value.message) < 200


@pytest.mark.parametrize(("raw", "limit"), [(None, 50), ("1", 1), ("100", 100), ("007", 7)])
def test_limits(raw, limit):
    assert validation.parse_limit(raw) == limit


@pytest.mark.parametrize("raw", ["0", "101", "-1", "", "ten", "1.5", "1e2", "9" * 30, "1,2", "٣"])
def test_fails_when_limit_is_invalid(raw):
    with pytest.raises(InvalidLimitError, match="use an integer from 1 to 100"):
        validation.parse_limit(raw)


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json",
        "Application/JSON",
        "application/json; charset=utf-8",
        'application/json;charset="UTF-8"',
        "application/json; charset=utf8",
    ],
)
def test_json_content_types_are_accepted(content_type):
    assert validation.check_json_content_type(content_type) is None


@pytest.mark.parametrize(
    "content_type",
    [None, "", "text/plain", "application/jsonx", "application/json; charset=latin-1", "*/*"],
)
def test_fails_when_content_type_is_not_json(content_type):
    with pytest.raises(UnsupportedMediaTypeError, match="application/json"):
        validation.check_json_content_type(content_type)


def test_plain_and_base64_bodies_decode_to_the_same_bytes():
    text = '{"note": "Grüße"}'
    assert validation.read_body(text, is_base64_encoded=False) == text.encode()
    encoded = base64.b64encode(text.encode()).decode()
    assert validation.read_body(encoded, is_base64_encoded=True) == text.encode()


def test_body_of_exactly_the_limit_is_accepted():
    body = "x" * contract.MAX_BODY_BYTES
    assert len(validation.read_body(body, is_base64_encoded=False)) == contract.MAX_BODY_BYTES


@pytest.mark.parametrize(
    "body",
    [
        "x" * (contract.MAX_BODY_BYTES + 1),
        # short in characters, long in UTF-8 bytes
        "é" * (contract.MAX_BODY_BYTES // 2 + 1),
    ],
)
def test_fails_when_plain_body_is_too_large(body):
    with pytest.raises(PayloadTooLargeError, match=str(contract.MAX_BODY_BYTES)):
        validation.read_body(body, is_base64_encoded=False)


@pytest.mark.parametrize("size", [contract.MAX_BODY_BYTES + 1, 3 * contract.MAX_BODY_BYTES])
def test_fails_when_base64_body_is_too_large(size):
    encoded = base64.b64encode(b"x" * size).decode()
    with pytest.raises(PayloadTooLargeError):
        validation.read_body(encoded, is_base64_encoded=True)


@pytest.mark.parametrize(
    ("body", "is_base64"),
    [(None, False), ("", False), ("", True), ("not base64!", True), ("\ud800", False)],
)
def test_fails_when_body_is_missing_or_undecodable(body, is_base64):
    with pytest.raises(BadRequestError):
        validation.read_body(body, is_base64_encoded=is_base64)


def test_json_object_is_parsed():
    assert validation.parse_json_object(b'{"a": [1, {"b": null}]}') == {"a": [1, {"b": None}]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{", "not valid JSON"),
        (b"\xff\xfe", "not valid UTF-8"),
        (b'{"a": NaN}', "not valid JSON"),
        (b'{"a": Infinity}', "not valid JSON"),
        (b"[1, 2]", "not an array"),
        (b'"text"', "not a string"),
        (b"12", "not a number"),
        (b"true", "not a boolean"),
        (b"null", "not null"),
        (b'{"a": "\\ud800"}', "surrogate"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
        (b'{"a":' * 40 + b"1" + b"}" * 40, "nests deeper than 32"),
    ],
)
def test_fails_when_body_is_not_a_storable_json_object(data, message):
    with pytest.raises(InvalidJsonError, match=message):
        validation.parse_json_object(data)


def test_nesting_up_to_the_limit_is_accepted():
    data = '{"a":' * (contract.MAX_JSON_DEPTH - 1) + "[]" + "}" * (contract.MAX_JSON_DEPTH - 1)
    assert validation.parse_json_object(data.encode())


@pytest.mark.parametrize(
    ("path", "methods"),
    [
        ("/health", ("GET",)),
        ("/items", ("GET",)),
        ("/items/abc", ("DELETE", "GET", "PUT")),
        ("/items/a'b", ("DELETE", "GET", "PUT")),
        ("/items/", ()),
        ("/items/a/b", ()),
        ("/nope", ()),
        ("/", ()),
    ],
)
def test_allowed_methods_follow_the_contract_routes(path, methods):
    assert validation.allowed_methods(path) == methods


def _event() -> dict:
    return {
        "version": "2.0",
        "rawPath": "/health",
        "requestContext": {"http": {"method": "GET"}, "stage": "$default"},
    }


def test_minimal_v2_event_is_accepted():
    assert validation.event_problem(_event()) is None
    validation.check_event(_event())


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda e: e.pop("version"), "payload format 2.0"),
        (lambda e: e.update(version="1.0"), "payload format 2.0"),
        (lambda e: e.pop("requestContext"), "http.method"),
        (lambda e: e["requestContext"].update(http="GET"), "http.method"),
        (lambda e: e["requestContext"]["http"].update(method=""), "http.method"),
        (lambda e: e["requestContext"].pop("stage"), "stage"),
        (lambda e: e.update(rawPath="health"), "rawPath"),
        (lambda e: e.update(rawPath="/items/a\nb"), "rawPath"),
        (lambda e: e.update(headers={"a": 1}), "headers"),
        (lambda e: e.update(headers=["a"]), "headers"),
        (lambda e: e.update(queryStringParameters={"limit": 5}), "queryStringParameters"),
        (lambda e: e.update(cookies="a=b"), "cookies"),
        (lambda e: e.update(body={"a": 1}), "body"),
        (lambda e: e.update(isBase64Encoded="false"), "isBase64Encoded"),
    ],
)
def test_fails_when_event_is_malformed(change, problem):
    event = _event()
    change(event)
    assert problem in validation.event_problem(event)
    with pytest.raises(InvalidEventError, match=problem):
        validation.check_event(event)


@pytest.mark.parametrize("event", [None, [], "GET /health", 3, json.dumps(_event())])
def test_fails_when_event_is_not_an_object(event):
    assert validation.event_problem(event) == "the event is not a JSON object"
