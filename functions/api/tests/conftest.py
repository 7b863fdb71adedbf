"""Shared setup for the items API tests.

The function is not an installed package: its folder is what ships in the zip, so the tests put
that folder on ``sys.path``. The environment is set before ``items_api`` is first imported,
because the function reads its configuration once, at import.
"""

import copy
import io
import json
import os
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

FUNCTION_ROOT = Path(__file__).resolve().parents[1]
EVENTS_DIR = Path(__file__).resolve().parent / "events"
if str(FUNCTION_ROOT) not in sys.path:
    sys.path.insert(0, str(FUNCTION_ROOT))

BUCKET = "nova-items-test"
PREFIX = "items/"
TEST_ENV = {
    "ITEMS_BUCKET": BUCKET,
    "ITEMS_PREFIX": PREFIX,
    "APP_ENVIRONMENT": "test",
    "POWERTOOLS_SERVICE_NAME": "items-api",
    "POWERTOOLS_METRICS_NAMESPACE": "Nova/ItemsApiTest",
    "POWERTOOLS_LOG_LEVEL": "INFO",
    "POWERTOOLS_METRICS_DISABLED": "false",
    "CURSOR_KEY_SECRET_ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:items-cursor-AbCdEf",
}
CURSOR_KEY = b"k3y-for-tests-only-0123456789abcdef"


def cursor_key() -> bytes:
    """The static cursor key of the test stores (the Secrets Manager path has its own tests)."""
    return CURSOR_KEY


os.environ.update(TEST_ENV)

# Imported only now: it needs the path and the environment set just above.
from items_api import handler  # noqa: E402


@dataclass
class FakeLambdaContext:
    """The attributes of the Lambda context object that the function and Powertools read."""

    function_name: str = "nova-items-api"
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 256
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    invoked_function_arn: str = "arn:aws:lambda:eu-west-1:123456789012:function:nova-items-api"
    log_group_name: str = "/aws/lambda/nova-items-api"
    log_stream_name: str = "2025/11/21/[$LATEST]0123456789abcdef0123456789abcdef"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


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


def load_event(name: str) -> dict[str, Any]:
    return json.loads((EVENTS_DIR / f"{name}.json").read_text(encoding="utf-8"))


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
        event = copy.deepcopy(load_event(name))
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
    """One S3 client for the whole run: creating clients is the slow part of a moto test.

    Fake static credentials, so a request made outside ``mock_aws`` fails instead of using
    whatever credentials the machine has.
    """
    return boto3.client(
        "s3",
        region_name="eu-west-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


@pytest.fixture
def s3(s3_client: Any) -> Iterator[Any]:
    """The S3 client on a fresh moto S3 (per test), with the items bucket created."""
    with mock_aws():
        s3_client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        yield s3_client


@pytest.fixture
def store(s3: Any) -> Iterator[Any]:
    """An ItemStore on the moto bucket, injected into the handler for the test's duration."""
    item_store = handler.ItemStore(s3, BUCKET, PREFIX, cursor_key=cursor_key)
    handler.set_store(item_store)
    yield item_store
    handler.set_store(None)


@pytest.fixture
def log_lines() -> Iterator[Callable[[], list[dict[str, Any]]]]:
    """The JSON log lines the function writes during the test, parsed."""
    log_handler = handler.logger.registered_handler
    assert hasattr(log_handler, "setStream")
    buffer = io.StringIO()
    previous = log_handler.setStream(buffer)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines() if line]
    log_handler.setStream(previous)


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
