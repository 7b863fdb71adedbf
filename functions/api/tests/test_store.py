"""ItemStore against moto's in-process S3, called directly."""

import json
from datetime import datetime

import pytest
from botocore.exceptions import ClientError
from botocore.stub import Stubber
from moto import mock_aws

from items_api.store import (
    ItemStore,
    MalformedCursorError,
    NoSuchItemError,
    default_s3_client,
)


def test_put_creates_then_replaces_and_get_returns_the_document(store, s3):
    assert store.put("order-1", {"n": 1, "note": "Grüße"}) is True
    assert store.put("order-1", {"n": 2}) is False
    assert store.get("order-1") == {"n": 2}

    stored = s3.get_object(Bucket=store.bucket, Key="items/order-1.json")
    assert stored["ContentType"] == "application/json"
    assert json.loads(stored["Body"].read()) == {"n": 2}


def test_documents_are_stored_as_compact_utf8_json(store, s3):
    store.put("doc", {"note": "Grüße", "list": [1, 2]})
    raw = s3.get_object(Bucket=store.bucket, Key="items/doc.json")["Body"].read()
    assert raw == '{"note":"Grüße","list":[1,2]}'.encode()


def test_fails_when_item_is_missing(store):
    with pytest.raises(NoSuchItemError):
        store.get("missing")


def test_delete_is_idempotent(store):
    store.put("gone", {})
    store.delete("gone")
    store.delete("gone")
    with pytest.raises(NoSuchItemError):
        store.get("gone")


def test_fails_when_id_would_escape_the_prefix(store):
    for bad in ("../secret", "a/b", "", "a.json"):
        with pytest.raises(ValueError, match="invalid item id"):
            store.key_for(bad)


def test_list_pages_through_every_item_in_key_order(store):
    ids = [f"item-{n:02d}" for n in range(7)]
    for item_id in reversed(ids):
        store.put(item_id, {"id": item_id})

    seen, cursor, pages = [], None, 0
    while True:
        page = store.list(limit=3, cursor=cursor)
        pages += 1
        assert len(page.items) <= 3
        seen.extend(item.id for item in page.items)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == ids
    assert pages == 3


def test_list_reports_size_and_last_modified(store):
    store.put("sized", {"a": "bc"})
    (item,) = store.list(limit=10).items
    assert item.id == "sized"
    assert item.size == len(b'{"a":"bc"}')
    assert isinstance(item.last_modified, datetime)
    assert item.to_dict() == {
        "id": "sized",
        "size": item.size,
        "last_modified": item.last_modified.isoformat(),
    }


def test_list_skips_objects_that_are_not_items(store, s3):
    store.put("real", {})
    for key in ("items/nested/x.json", "items/readme.txt", "items/bad id.json", "other/y.json"):
        s3.put_object(Bucket=store.bucket, Key=key, Body=b"{}")
    assert [item.id for item in store.list(limit=100).items] == ["real"]


def test_list_of_an_empty_store_is_one_empty_page(store):
    page = store.list(limit=5)
    assert page.items == []
    assert page.next_cursor is None


def test_cursor_round_trips_any_token(store):
    for token in ("1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=", "a", "token with spaces"):
        cursor = store.encode_cursor(token)
        assert "=" not in cursor
        assert "/" not in cursor
        assert "+" not in cursor
        assert store.decode_cursor(cursor) == token


@pytest.mark.parametrize("cursor", ["", "a", "not base64!", "%%%", "_w", "AA", "x" * 5000, "a.b.c"])
def test_fails_when_cursor_is_malformed(store, cursor):
    with pytest.raises(MalformedCursorError):
        store.decode_cursor(cursor)


def test_fails_when_s3_rejects_the_continuation_token(store, s3):
    with Stubber(s3) as stub:
        stub.add_client_error(
            "list_objects_v2",
            service_error_code="InvalidArgument",
            service_message="The continuation token provided is incorrect",
            http_status_code=400,
        )
        with pytest.raises(MalformedCursorError, match="not accepted"):
            store.list(limit=5, cursor=store.encode_cursor("expired-token"))


def test_fails_when_listing_pages_without_a_cursor_key(s3):
    keyless = ItemStore(s3, "nova-items-test", "items/")
    for n in range(3):
        keyless.put(f"k{n}", {})
    assert len(keyless.list(limit=5).items) == 3  # one page: no cursor needed
    with pytest.raises(RuntimeError, match="no cursor key"):
        keyless.list(limit=1)


def test_other_s3_errors_propagate(store, s3):
    with Stubber(s3) as stub:
        stub.add_client_error("get_object", service_error_code="AccessDenied", http_status_code=403)
        stub.add_client_error(
            "put_object", service_error_code="ServiceUnavailable", http_status_code=503
        )
        stub.add_client_error(
            "list_objects_v2", service_error_code="InvalidArgument", http_status_code=400
        )
        with pytest.raises(ClientError, match="AccessDenied"):
            store.get("x")
        with pytest.raises(ClientError, match="ServiceUnavailable"):
            store.put("x", {})
        # Without a cursor an InvalidArgument is not the client's fault.
        with pytest.raises(ClientError, match="InvalidArgument"):
            store.list(limit=5)


def test_concurrent_first_write_reports_created_once(store, s3):
    """The conditional write: a put that loses the race is told it replaced the item."""
    with Stubber(s3) as stub:
        stub.add_client_error(
            "put_object", service_error_code="PreconditionFailed", http_status_code=412
        )
        stub.add_response("put_object", {"ETag": '"abc"'})
        assert store.put("raced", {"v": 2}) is False
        stub.assert_no_pending_responses()


def test_default_client_is_created_lazily_and_cached(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    default_s3_client.cache_clear()
    try:
        with mock_aws():
            client = default_s3_client()
            assert default_s3_client() is client
            assert client.meta.region_name == "eu-west-1"
            assert client.meta.config.read_timeout == 5
            client.create_bucket(
                Bucket="lazy", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
            )
            lazy_store = ItemStore(client, "lazy", "p/")
            lazy_store.put("a", {"ok": True})
            assert lazy_store.get("a") == {"ok": True}
    finally:
        default_s3_client.cache_clear()
