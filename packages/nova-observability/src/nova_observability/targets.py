"""What can be monitored: duck-typed protocols for functions, HTTP APIs, buckets, queues and
tables.

nova-observability does not depend on the other nova packages. It accepts, for every monitored
resource, one of:

* an object with the attributes of a protocol below (a nova-compute ``Function``, a nova-api
  ``HttpApi``, a nova-storage ``Bucket`` or ``Table``, a nova-messaging ``Queue``, or any object
  of your own with those attribute names);
* a plain dict with the same keys, e.g. ``{"function_name": "orders", "timeout_seconds": 10}``;
* a plain name or id (``str`` or ``Output[str]``): the function name, the HTTP API id, the bucket,
  queue or table name.

The normalised forms (:class:`FunctionTarget`, :class:`ApiTarget`, :class:`BucketTarget`,
:class:`QueueTarget`, :class:`TableTarget`) are what the components work with internally.
"""

from typing import Any, Protocol, runtime_checkable

import pulumi

from nova_core.records import Record

__all__ = [
    "ApiLike",
    "ApiTarget",
    "BucketLike",
    "BucketTarget",
    "FunctionLike",
    "FunctionTarget",
    "QueueLike",
    "QueueTarget",
    "TableLike",
    "TableTarget",
    "BUCKET_REQUEST_METRICS_FILTER_ID",
]

BUCKET_REQUEST_METRICS_FILTER_ID = "EntireBucket"
"""Name (and CloudWatch ``FilterId`` dimension) of the request-metrics configuration covering a
whole bucket."""


@runtime_checkable
class FunctionLike(Protocol):
    """A Lambda function: ``function_name`` is required; ``timeout_seconds`` (for the duration
    alarm) and ``log_group_name`` (default ``/aws/lambda/<function_name>``) are read when
    present."""

    @property
    def function_name(self) -> pulumi.Input[str]: ...


@runtime_checkable
class ApiLike(Protocol):
    """An API Gateway HTTP API: ``api_id`` is required; ``stage_name`` adds the ``Stage``
    dimension when present."""

    @property
    def api_id(self) -> pulumi.Input[str]: ...


@runtime_checkable
class BucketLike(Protocol):
    """An S3 bucket: ``bucket_name`` is required; an optional ``bucket`` resource orders the
    request-metrics configuration after the bucket."""

    @property
    def bucket_name(self) -> pulumi.Input[str]: ...


@runtime_checkable
class QueueLike(Protocol):
    """An SQS queue with its dead-letter queue (e.g. a nova-messaging ``Queue``): ``name`` is
    required; ``dlq_name`` and ``dlq_arn`` (dead-letter queue alarm and redrive hint),
    ``retention_seconds`` (plain int: the age alarm's threshold) and ``consumer_function`` (the
    subscribed function, an object with ``function_name``) are read when present."""

    @property
    def name(self) -> pulumi.Input[str]: ...


@runtime_checkable
class TableLike(Protocol):
    """A DynamoDB table (e.g. a nova-storage ``Table``): ``name`` is required;
    ``granted_operations`` (plain list of DynamoDB operations) is read when present."""

    @property
    def name(self) -> pulumi.Input[str]: ...


class FunctionTarget(Record):
    """A monitored Lambda function, normalised."""

    key: str
    function_name: pulumi.Input[str]
    log_group_name: pulumi.Input[str]
    timeout_seconds: pulumi.Input[int] | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "function_name": self.function_name,
            "log_group_name": self.log_group_name,
        }
        if self.timeout_seconds is not None:
            out["timeout_seconds"] = self.timeout_seconds
        return out


class ApiTarget(Record):
    """A monitored HTTP API, normalised."""

    key: str
    api_id: pulumi.Input[str]
    stage_name: pulumi.Input[str] | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"api_id": self.api_id}
        if self.stage_name is not None:
            out["stage_name"] = self.stage_name
        return out


class BucketTarget(Record):
    """A monitored S3 bucket, normalised."""

    key: str
    bucket_name: pulumi.Input[str]
    bucket: pulumi.Resource | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"bucket_name": self.bucket_name}
        if self.bucket is not None:
            out["bucket"] = self.bucket
        return out


class QueueTarget(Record):
    """A monitored SQS queue and its dead-letter queue, normalised."""

    key: str
    queue_name: pulumi.Input[str]
    dlq_name: pulumi.Input[str] | None = None
    dlq_arn: pulumi.Input[str] | None = None
    retention_seconds: int | None = None
    consumer_function_name: pulumi.Input[str] | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.queue_name}
        for key in ("dlq_name", "dlq_arn", "retention_seconds"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.consumer_function_name is not None:
            out["consumer_function"] = self.consumer_function_name
        return out

    def describe(self) -> dict[str, Any]:
        """Values for alarm descriptions."""
        return {
            "queue_name": self.queue_name,
            "dlq_name": self.dlq_name if self.dlq_name is not None else "(none)",
            "dlq_arn": self.dlq_arn if self.dlq_arn is not None else "<dead-letter queue ARN>",
            "retention_seconds": self.retention_seconds
            if self.retention_seconds is not None
            else "?",
            "consumer": self.consumer_function_name
            if self.consumer_function_name is not None
            else "(not given)",
        }


class TableTarget(Record):
    """A monitored DynamoDB table, normalised."""

    key: str
    table_name: pulumi.Input[str]
    operations: tuple[str, ...] = ()
    """Operations the table is used for (latency alarm, dashboard); empty when not given."""

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.table_name}
        if self.operations:
            out["operations"] = list(self.operations)
        return out

    def describe(self) -> dict[str, Any]:
        """Values for alarm descriptions (``operations`` filled in by the alarm's plan)."""
        return {"table_name": self.table_name}
