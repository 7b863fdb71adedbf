"""Fixtures of the items API tests: recorded events, the handler, a moto S3 store.

The function is not an installed package: its folder is what ships in the zip, so the tests put
that folder on ``sys.path`` (``api_testing``, loaded by ``functions/conftest.py``).
"""

import copy
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from api_testing import BUCKET, PREFIX, TABLE, FakeLambdaContext, cursor_key, handler
from functions_testing import client, create_bucket, create_table, load_event
from moto import mock_aws


@dataclass
class Reply:
    """A handler response, with the body parsed when it is JSON."""

    raw: dict[str, Any]

    @property
    def status(self) -> int:
        return self.raw["statusCode"]

    @property
    def headers(self) -> dict[str, str]:
        return self.raw["headers"]

    @property
    def body(self) -> str:
        return self.raw["body"]

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def error(self) -> dict[str, Any]:
        return self.json()["error"]


@pytest.fixture
def make_event() -> Callable[..., dict[str, Any]]:
    """A recorded event, optionally changed: method, path, body, headers, query, base64."""

    def make(
        name: str,
        *,
        method: str | None = None,
        path: str | None = None,
        body: str | None = None,
        content_type: str | None = None,
        query: dict[str, str] | None = None,
        base64_encoded: bool | None = None,
    ) -> dict[str, Any]:
        event = copy.deepcopy(load_event("api", name))
        if method is not None:
            event["requestContext"]["http"]["method"] = method
        if path is not None:
            event["rawPath"] = path
            event["requestContext"]["http"]["path"] = path
        if body is not None:
            event["body"] = body
        if content_type is not None:
            event["headers"]["content-type"] = content_type
        if query is not None:
            event["queryStringParameters"] = query
            event["rawQueryString"] = "&".join(f"{k}={v}" for k, v in query.items())
        if base64_encoded is not None:
            event["isBase64Encoded"] = base64_encoded
        return event

    return make


@pytest.fixture
def invoke() -> Callable[[Any], Reply]:
    """Call the Lambda handler the way the runtime does, with a fresh context per call."""

    def call(event: Any, context: Any = None) -> Reply:
        return Reply(handler.lambda_handler(event, context or FakeLambdaContext()))

    return call


@pytest.fixture(scope="session")
def s3_client() -> Any:
    """The worker's S3 client (``client`` keeps one per service)."""
    return client("s3")


@pytest.fixture(scope="session")
def dynamodb_client() -> Any:
    return client("dynamodb")


@pytest.fixture
def s3(s3_client: Any, dynamodb_client: Any) -> Iterator[Any]:
    """The S3 client on a fresh moto account (per test), with the items bucket and the items
    table created."""
    with mock_aws():
        create_bucket(s3_client, BUCKET)
        create_table(dynamodb_client, TABLE)
        yield s3_client


@pytest.fixture
def dynamodb(s3: Any, dynamodb_client: Any) -> Any:
    """The DynamoDB client on the test's moto account (the one ``s3`` opened)."""
    return dynamodb_client


@pytest.fixture
def store(s3: Any, dynamodb: Any) -> Iterator[Any]:
    """An ItemStore on the moto bucket, indexing in the moto table, injected into the handler
    for the test's duration."""
    item_store = handler.ItemStore(
        s3, BUCKET, PREFIX, cursor_key=cursor_key, index=handler.ItemIndex(dynamodb, TABLE)
    )
    handler.set_store(item_store)
    yield item_store
    handler.set_store(None)


@pytest.fixture
def emitted_metrics(capsys: pytest.CaptureFixture[str]) -> Callable[[], list[str]]:
    """Names of the EMF metrics printed to stdout so far in the test."""

    def names() -> list[str]:
        found = []
        for line in capsys.readouterr().out.splitlines():
            if line.startswith("{") and '"_aws"' in line:
                document = json.loads(line)
                for directive in document["_aws"]["CloudWatchMetrics"]:
                    found.extend(metric["Name"] for metric in directive["Metrics"])
        return found

    return names
