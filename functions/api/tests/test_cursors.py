"""Signed list cursors: forged or altered cursors never reach S3; the key comes from the secret."""

import base64
import json

import boto3
import pytest
from botocore.stub import Stubber
from hypothesis import given, settings
from hypothesis import strategies as st
from moto import mock_aws

from items_api import contract, cursors, handler
from items_api.cursors import MalformedCursorError, secret_key_provider

KEY = b"0123456789abcdef0123456789abcdef"
SCOPE = "bucket\nitems/"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def test_a_signed_cursor_verifies_to_its_token():
    cursor = cursors.sign("1ueGcxLPRx1Tr/XYExHnhb", KEY, SCOPE)
    assert cursors.verify(cursor, KEY, SCOPE) == "1ueGcxLPRx1Tr/XYExHnhb"


def test_fails_when_the_token_is_replaced_but_the_signature_kept():
    cursor = cursors.sign("token-a", KEY, SCOPE)
    forged = _b64(b"token-b") + "." + cursor.split(".")[1]
    with pytest.raises(MalformedCursorError, match="signature"):
        cursors.verify(forged, KEY, SCOPE)


def test_fails_when_the_cursor_was_signed_with_another_key_or_for_another_listing():
    cursor = cursors.sign("token", KEY, SCOPE)
    with pytest.raises(MalformedCursorError, match="signature"):
        cursors.verify(cursor, b"another key of thirty-two bytes!", SCOPE)
    with pytest.raises(MalformedCursorError, match="signature"):
        cursors.verify(cursor, KEY, "bucket\nother-prefix/")


def test_fails_when_an_unsigned_cursor_of_the_old_format_arrives():
    with pytest.raises(MalformedCursorError):
        cursors.verify(_b64(b"forged-continuation-token"), KEY, SCOPE)


@settings(max_examples=200, deadline=None, database=None)
@given(
    token=st.text(min_size=1, max_size=60), position=st.integers(min_value=0), bit=st.integers(0, 5)
)
def test_any_single_character_change_is_refused(token, position, bit):
    cursor = cursors.sign(token, KEY, SCOPE)
    index = position % len(cursor)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
    replacement = alphabet[(alphabet.find(cursor[index]) + 1 + bit) % len(alphabet)]
    altered = cursor[:index] + replacement + cursor[index + 1 :]
    if altered == cursor:
        return
    try:
        verified = cursors.verify(altered, KEY, SCOPE)
    except MalformedCursorError:
        return
    # Base64 padding bits: a different last character can decode to the same bytes.
    assert verified == token


def test_the_handler_answers_a_forged_cursor_with_400_without_listing(
    make_event, invoke, store, s3
):
    forged = _b64(b"forged") + "." + _b64(b"\0" * 32)
    with Stubber(s3) as stub:  # no response queued: any S3 call would raise
        reply = invoke(make_event("list_items", query={"cursor": forged}))
        stub.assert_no_pending_responses()
    assert reply.status == 400
    assert reply.error["code"] == "invalid_cursor"


def test_the_handler_accepts_the_cursors_it_issued(make_event, invoke, store):
    for n in range(3):
        store.put(f"c{n}", {"n": n})
    first = invoke(make_event("list_items", query={"limit": "2"})).json()
    assert first["next_cursor"].count(".") == 1
    second = invoke(make_event("list_items", query={"limit": "2", "cursor": first["next_cursor"]}))
    assert second.status == 200
    assert [item["id"] for item in second.json()["items"]] == ["c2"]


# --- the key, from Secrets Manager through Powertools parameters ----------------------------


@pytest.fixture
def secrets(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    from aws_lambda_powertools.utilities import parameters

    parameters.clear_caches()
    with mock_aws():
        yield boto3.client("secretsmanager", region_name="eu-west-1")
    parameters.clear_caches()


def test_the_key_is_the_secret_string_and_is_cached(secrets):
    arn = secrets.create_secret(Name="items-cursor", SecretString="s" * 40)["ARN"]
    provide = secret_key_provider(arn, max_age=300, min_length=contract.CURSOR_KEY_MIN_LENGTH)
    assert provide() == b"s" * 40
    secrets.put_secret_value(SecretId=arn, SecretString="t" * 40)
    assert provide() == b"s" * 40  # cached for max_age seconds
    fresh = secret_key_provider(arn, max_age=1, min_length=32)
    from aws_lambda_powertools.utilities import parameters

    parameters.clear_caches()
    assert fresh() == b"t" * 40


def test_fails_when_the_secret_is_shorter_than_the_minimum(secrets):
    arn = secrets.create_secret(Name="short", SecretString="too-short")["ARN"]
    with pytest.raises(RuntimeError, match="at least 32"):
        secret_key_provider(arn, max_age=300, min_length=32)()


def test_the_default_store_signs_with_the_secret_named_by_the_environment(
    secrets, make_event, invoke, s3, monkeypatch
):
    arn = secrets.create_secret(Name="items-cursor-default", SecretString="k" * 48)["ARN"]
    monkeypatch.setattr(
        handler,
        "SETTINGS",
        handler.SETTINGS.__class__(**{**handler.SETTINGS.__dict__, "cursor_secret_arn": arn}),
    )
    handler.set_store(None)
    handler.default_s3_client.cache_clear()
    try:
        for n in range(3):
            assert invoke(make_event("put_item", path=f"/items/d{n}")).status == 201
        first = invoke(make_event("list_items", query={"limit": "2"})).json()
        token = base64.urlsafe_b64decode(first["next_cursor"].split(".")[0] + "==").decode()
        expected = cursors.sign(
            token, b"k" * 48, f"{handler.SETTINGS.bucket}\n{handler.SETTINGS.prefix}"
        )
        assert first["next_cursor"] == expected
        second = invoke(
            make_event("list_items", query={"limit": "2", "cursor": first["next_cursor"]})
        )
        assert [item["id"] for item in second.json()["items"]] == ["d2"]
    finally:
        handler.set_store(None)
        handler.default_s3_client.cache_clear()


def test_a_missing_secret_is_a_500_not_a_listing(
    secrets, make_event, invoke, s3, monkeypatch, log_lines
):
    missing = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gone-AbCdEf"
    monkeypatch.setattr(
        handler,
        "SETTINGS",
        handler.SETTINGS.__class__(**{**handler.SETTINGS.__dict__, "cursor_secret_arn": missing}),
    )
    handler.set_store(None)
    handler.default_s3_client.cache_clear()
    try:
        reply = invoke(make_event("list_items", query={"cursor": cursors.sign("t", KEY, SCOPE)}))
    finally:
        handler.set_store(None)
        handler.default_s3_client.cache_clear()
    assert reply.status == 500
    assert json.dumps(reply.json()).find("gone") == -1
    assert any(line["level"] == "ERROR" for line in log_lines())
