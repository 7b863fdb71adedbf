"""Helpers shared by the tests of the three functions.

``functions/conftest.py`` loads this module by path (as ``functions_testing``) before any test of
``functions/`` is collected, then each function's ``<function>_testing`` helpers, which call
``use_function``: the function's folder goes on ``sys.path`` (it is what ships in the zip) and
its environment is set before its handler is first imported, because each function reads its
configuration once, at import. (Modules of their own, loaded by path, not conftest.py files:
pytest's importlib mode does not make those importable, and a tests folder on ``sys.path`` would
shadow the repository's ``tests/conftest.py``.)
"""

import contextlib
import functools
import importlib
import importlib.util
import io
import json
import os
import sys
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

FUNCTIONS = Path(__file__).resolve().parents[1]
PACKAGES = {"api": "items_api", "importer": "items_importer", "worker": "items_worker"}
"""Function folder -> its package (the one that holds ``contract.py``, ``config.py``, ``handler.py``)."""
REGION = "eu-west-1"
TABLE = "nova-items-table-test"
"""The items table of the function tests (the API, the importer and the worker share it)."""
BUCKET = "nova-items-test"
PREFIX = "items/"
"""The items bucket and prefix of the function tests (the API and the worker share them)."""


def load_module(path: Path) -> ModuleType:
    """Import a helper module of the tests by path, once, under its own name."""
    name = path.stem
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def use_function(function: str, environ: Mapping[str, str]) -> ModuleType:
    """Put ``functions/<function>`` on ``sys.path``, set ``environ`` (and the variables every
    function reads, ``runtime_env``), import the function's handler and return it."""
    root = str(FUNCTIONS / function)
    if root not in sys.path:
        sys.path.insert(0, root)
    os.environ.update({**runtime_env(function), **environ})
    os.environ.setdefault("AWS_DEFAULT_REGION", REGION)
    return importlib.import_module(f"{PACKAGES[function]}.handler")


def load_event(function: str, name: str) -> dict[str, Any]:
    """A recorded event of ``functions/<function>/tests/events``."""
    path = FUNCTIONS / function / "tests" / "events" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class FakeLambdaContext:
    """The attributes of the Lambda context object that the functions and Powertools read."""

    function_name: str = "nova-items-function"
    memory_limit_in_mb: int = 256
    remaining_ms: int = 30_000
    function_version: str = "$LATEST"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    log_stream_name: str = "2026/11/30/[$LATEST]0123456789abcdef0123456789abcdef"

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:{REGION}:123456789012:function:{self.function_name}"

    @property
    def log_group_name(self) -> str:
        return f"/aws/lambda/{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


@functools.cache
def _session() -> Any:
    """One boto3 session for every test's clients, so botocore parses its endpoint and service
    model files once per worker: ``mock_aws`` drops boto3's default session each time it starts,
    which made every test's first client parse them again (~0.15 s a test)."""
    import boto3
    import moto.core.models  # noqa: F401  (its request hook must exist before the session does)

    return boto3.session.Session(
        region_name=REGION, aws_access_key_id="testing", aws_secret_access_key="testing"
    )


@functools.cache
def client(service: str) -> Any:
    """The worker's boto3 client for ``service``, with fake static credentials: a request made
    outside ``mock_aws`` fails instead of using whatever credentials the machine has. One client
    per service serves every test (creating one took about 7 ms, three per moto test); moto keeps
    its state per ``mock_aws`` block, not per client, and tests that patch a client method or
    stub a client do it through ``monkeypatch`` or ``Stubber``, which undo it."""
    return _session().client(service)


def create_table(dynamodb: Any, name: str = TABLE) -> None:
    """The items table exactly as ``items_core.table`` describes it (the stack declares the same)."""
    from items_core import table

    dynamodb.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": table.TABLE_PARTITION_KEY, "KeyType": "HASH"}],
        AttributeDefinitions=[
            {"AttributeName": attribute, "AttributeType": kind}
            for attribute, kind in table.TABLE_ATTRIBUTES.items()
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": table.TABLE_GSI_NAME,
                "KeySchema": [
                    {"AttributeName": table.TABLE_GSI_PARTITION_KEY, "KeyType": "HASH"},
                    {"AttributeName": table.TABLE_GSI_SORT_KEY, "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": table.TABLE_GSI_PROJECTION},
            }
        ],
    )
    dynamodb.update_time_to_live(
        TableName=name,
        TimeToLiveSpecification={"Enabled": True, "AttributeName": table.TABLE_TTL_ATTRIBUTE},
    )


def index_record(dynamodb: Any, item_id: str, name: str = TABLE) -> dict[str, Any] | None:
    """The item's index record in the table, as plain values, or None."""
    from items_core.dynamo import from_item
    from items_core.table import index_key

    item = dynamodb.get_item(TableName=name, Key=index_key(item_id)).get("Item")
    return from_item(item) if item else None


@contextlib.contextmanager
def captured_logs(logger: Any) -> Iterator[Callable[[], list[dict[str, Any]]]]:
    """The JSON log lines ``logger`` (Powertools) writes inside the block, parsed on demand."""
    log_handler = logger.registered_handler
    assert hasattr(log_handler, "setStream")
    buffer = io.StringIO()
    previous = log_handler.setStream(buffer)
    try:
        yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines() if line]
    finally:
        log_handler.setStream(previous)


def create_bucket(s3: Any, name: str, *, versioned: bool = False) -> None:
    """A bucket in the client's Region (moto), optionally versioned."""
    s3.create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": s3.meta.region_name}
    )
    if versioned:
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})


def create_queue_with_dlq(sqs: Any, name: str, max_receive_count: int = 3) -> tuple[str, str, str]:
    """A queue whose redrive policy moves a message received ``max_receive_count`` times to its
    dead-letter queue ``<name>-dlq``: ``(queue URL, queue ARN, DLQ URL)``."""
    dlq_url = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
    redrive = {
        "deadLetterTargetArn": _queue_arn(sqs, dlq_url),
        "maxReceiveCount": max_receive_count,
    }
    queue_url = sqs.create_queue(QueueName=name, Attributes={"RedrivePolicy": json.dumps(redrive)})[
        "QueueUrl"
    ]
    return queue_url, _queue_arn(sqs, queue_url), dlq_url


def _queue_arn(sqs: Any, url: str) -> str:
    return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]


def runtime_env(function: str) -> dict[str, str]:
    """The variables every function reads (``items_core.environment.runtime``), for tests."""
    return {
        "APP_ENVIRONMENT": "test",
        "POWERTOOLS_SERVICE_NAME": f"items-{function}",
        "POWERTOOLS_METRICS_NAMESPACE": f"Nova/Items{function.capitalize()}Test",
        "POWERTOOLS_LOG_LEVEL": "INFO",
    }


def json_scalars(max_text: int = 30) -> Any:
    """Hypothesis: any JSON scalar (and floats JSON cannot hold: NaN, infinities)."""
    from hypothesis import strategies as st

    return st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=max_text)


def json_values(max_text: int = 30) -> Any:
    """Hypothesis: any JSON value, nested a little (scalars, lists, objects)."""
    from hypothesis import strategies as st

    return st.recursive(
        json_scalars(max_text),
        lambda inner: st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=10,
    )
