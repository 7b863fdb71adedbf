"""``QueueArgs`` -> a frozen :class:`QueuePlan`: every default of the package, every plain check.

The component only turns a plan into resources. Everything plain values can decide is decided
here, before the component registers anything: names, ranges, the DLQ's retention against the
source's, encryption, policy statements, tags, and the consumer with its cross checks against the
visibility timeout. ``subscribe()`` plans its consumer through :func:`plan_consumer` as well.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi

from nova_core import Checker, field, is_plain
from nova_core.records import Record

from ._rules import attributes, consumer, encryption, names, policy, redrive, retention
from ._rules.visibility import check_visibility_for_consumer, derived_visibility

__all__ = [
    "COMPONENT",
    "CONSUMER_KEYS",
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_BATCHING_WINDOW_SECONDS",
    "DEFAULT_DELAY_SECONDS",
    "DEFAULT_DLQ_RETENTION_SECONDS",
    "DEFAULT_MAX_RECEIVE_COUNT",
    "DEFAULT_RECEIVE_WAIT_TIME_SECONDS",
    "DEFAULT_REPORT_BATCH_ITEM_FAILURES",
    "DEFAULT_RETENTION_SECONDS",
    "DEFAULT_VISIBILITY_TIMEOUT_SECONDS",
    "QUEUE_KEYS",
    "ConsumerPlan",
    "QueuePlan",
    "plan_consumer",
    "plan_queue",
]

COMPONENT = "nova-messaging Queue"

DEFAULT_RETENTION_SECONDS = 345_600
"""4 days, SQS's own default (Q-06: shorter than the DLQ's)."""
DEFAULT_DLQ_RETENTION_SECONDS = 1_209_600
"""14 days, the SQS maximum: the longest a failed message can wait for someone to look (Q-06)."""
DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30
"""SQS's default, used only for a queue created without consumer (then ``subscribe`` is refused)."""
DEFAULT_RECEIVE_WAIT_TIME_SECONDS = 20
"""Long polling: fewer empty receives, lower cost."""
DEFAULT_DELAY_SECONDS = 0
DEFAULT_MAX_RECEIVE_COUNT = 5
"""Receives before a message moves to the DLQ (Q-04); 5 rides out Lambda throttling."""
DEFAULT_BATCH_SIZE = 10
DEFAULT_BATCHING_WINDOW_SECONDS = 0
DEFAULT_REPORT_BATCH_ITEM_FAILURES = True
"""Q-08: one bad message does not send its whole batch back to the queue."""

QUEUE_KEYS: tuple[str, ...] = (
    "queue_name",
    "dlq_name",
    "fifo",
    "content_based_deduplication",
    "retention_seconds",
    "dlq_retention_seconds",
    "visibility_timeout_seconds",
    "receive_wait_time_seconds",
    "delay_seconds",
    "max_message_size_bytes",
    "max_receive_count",
    "kms_key_arn",
    "kms_data_key_reuse_period_seconds",
    "policy_statements",
    "consumer",
    "tags",
)
CONSUMER_KEYS: tuple[str, ...] = (
    "function",
    "batch_size",
    "batching_window_seconds",
    "max_concurrency",
    "report_batch_item_failures",
    "allow_short_visibility_reason",
)


class ConsumerPlan(Record):
    """The Lambda consumer of a queue and its event source mapping settings."""

    function: Any
    arn: pulumi.Input[str]
    role_name: pulumi.Input[str]
    timeout_seconds: int | None
    """Plain timeout of the function; ``None`` when it is an ``Output`` (``timeout_output``)."""
    timeout_output: pulumi.Output[int] | None
    batch_size: int
    batching_window_seconds: int
    max_concurrency: int | None
    report_batch_item_failures: bool
    allow_short_visibility_reason: str | None
    path: str
    """Where the consumer was given: ``consumer`` or ``subscribe``."""


class QueuePlan(Record):
    """Everything the component builds, with every default resolved."""

    name: str
    fifo: bool
    queue_name: pulumi.Input[str] | None
    """Exact name of the queue; ``None`` lets Pulumi generate one from ``<name>-queue``."""
    dlq_name: pulumi.Input[str] | None
    """Exact name of the DLQ; ``None`` lets Pulumi generate one from ``<name>-dlq``."""
    content_based_deduplication: bool
    retention_seconds: int
    dlq_retention_seconds: int
    visibility_timeout_seconds: int
    visibility_explicit: bool
    receive_wait_time_seconds: int
    delay_seconds: int
    max_message_size_bytes: int | None
    """``None`` leaves the attribute to AWS (1 MiB)."""
    max_receive_count: int
    kms_key_arn: pulumi.Input[str] | None
    kms_data_key_reuse_period_seconds: int | None
    policy_statements: tuple[Any, ...]
    tags: Mapping[str, pulumi.Input[str]] | None
    consumer: ConsumerPlan | None


def _flag(checker: Checker, argument: str, value: Any, default: bool) -> bool:
    result = checker.boolean(argument, value, plain=True)
    return default if result is None else result


def plan_consumer(
    checker: Checker,
    path: str,
    spec: Mapping[str, Any],
    *,
    fifo: bool,
    visibility: int | None,
) -> ConsumerPlan:
    """Check a consumer and, when ``visibility`` is known, cross-check it against the queue.

    ``visibility`` is ``None`` while the queue's visibility is still to be derived from this
    consumer (the caller then derives it and calls :func:`check_consumer_visibility`)."""
    facts = consumer.read_function(checker, field(path, "function"), spec.get("function"))
    batch, window = consumer.check_batching(
        checker,
        path,
        spec.get("batch_size", DEFAULT_BATCH_SIZE),
        spec.get("batching_window_seconds", DEFAULT_BATCHING_WINDOW_SECONDS),
        fifo=fifo,
    )
    plan = ConsumerPlan(
        function=facts.function,
        arn=facts.arn,
        role_name=facts.role_name,
        timeout_seconds=facts.timeout_seconds,
        timeout_output=facts.timeout_output,
        batch_size=batch,
        batching_window_seconds=window,
        max_concurrency=consumer.check_max_concurrency(
            checker, field(path, "max_concurrency"), spec.get("max_concurrency")
        ),
        report_batch_item_failures=_flag(
            checker,
            field(path, "report_batch_item_failures"),
            spec.get("report_batch_item_failures"),
            DEFAULT_REPORT_BATCH_ITEM_FAILURES,
        ),
        allow_short_visibility_reason=consumer.check_reason(
            checker,
            field(path, "allow_short_visibility_reason"),
            spec.get("allow_short_visibility_reason"),
        ),
        path=path,
    )
    if visibility is not None:
        check_consumer_visibility(checker, plan, visibility)
    return plan


def check_consumer_visibility(checker: Checker, plan: ConsumerPlan, visibility: int) -> None:
    """The cross checks of Q-10, when the consumer's timeout is plain."""
    if plan.timeout_seconds is None:
        return
    check_visibility_for_consumer(
        checker,
        visibility,
        plan.timeout_seconds,
        plan.batching_window_seconds,
        reason=plan.allow_short_visibility_reason,
        reason_argument=field(plan.path, "allow_short_visibility_reason"),
    )


def _plan_names(
    checker: Checker, name: str, args: Mapping[str, Any], fifo: bool
) -> tuple[Any, Any]:
    queue_name = args.get("queue_name")
    dlq_name = args.get("dlq_name")
    names.check_queue_name(checker, "queue_name", queue_name, fifo=fifo)
    names.check_queue_name(checker, "dlq_name", dlq_name, fifo=fifo)
    if queue_name is None:
        names.check_auto_name(checker, name, "queue", fifo=fifo)
    if dlq_name is None and queue_name is None:
        names.check_auto_name(checker, name, "dlq", fifo=fifo)
    if dlq_name is None and isinstance(queue_name, str):
        dlq_name = names.dlq_name_for(queue_name, fifo=fifo)
        if len(dlq_name) > names.MAX_NAME:
            checker.fail(
                "queue_name",
                queue_name,
                f"the DLQ name derived from it, {dlq_name!r}, would have {len(dlq_name)} "
                f"characters, more than the {names.MAX_NAME} SQS allows",
                "pass dlq_name, or shorten queue_name",
                source=names.SOURCE,
            )
    if isinstance(queue_name, str) and queue_name == dlq_name:
        checker.fail(
            "dlq_name",
            dlq_name,
            "the DLQ must be another queue than the source",
            "choose another dlq_name, or leave it out",
        )
    return queue_name, dlq_name


def _plan_consumer_and_visibility(
    checker: Checker, args: Mapping[str, Any], fifo: bool
) -> tuple[ConsumerPlan | None, int, bool]:
    explicit = attributes.check_visibility(
        checker, "visibility_timeout_seconds", args.get("visibility_timeout_seconds")
    )
    spec = checker.mapping("consumer", args.get("consumer"))
    if spec is None:
        visibility = DEFAULT_VISIBILITY_TIMEOUT_SECONDS if explicit is None else explicit
        return None, visibility, explicit is not None
    checker.keys("consumer", spec, CONSUMER_KEYS)
    plan = plan_consumer(checker, "consumer", spec, fifo=fifo, visibility=explicit)
    if explicit is not None:
        return plan, explicit, True
    if plan.timeout_seconds is None:
        checker.fail(
            "consumer.function.timeout_seconds",
            plan.timeout_output,
            "the visibility timeout is derived from the consumer's timeout, which is an "
            "Output here, so it cannot be derived before the queue registers",
            "set visibility_timeout_seconds to at least 6 x the function's timeout (plus the "
            "batching window), or pass a function whose timeout_seconds is a plain int",
        )
    visibility = derived_visibility(plan.timeout_seconds, plan.batching_window_seconds)
    check_consumer_visibility(checker, plan, visibility)
    return plan, visibility, False


def plan_queue(name: str, args: Mapping[str, Any] | None) -> QueuePlan:
    """Check ``args`` and resolve every default. Raises ``NovaInputError`` before anything
    registers."""
    checker = Checker(COMPONENT, name)
    given = checker.mapping("args", args) or {}
    checker.keys("", given, QUEUE_KEYS)

    fifo = _flag(checker, "fifo", given.get("fifo"), False)
    dedup = checker.boolean(
        "content_based_deduplication", given.get("content_based_deduplication"), plain=True
    )
    if dedup and not fifo:
        checker.fail(
            "content_based_deduplication",
            dedup,
            "content-based deduplication exists only for FIFO queues",
            "set fifo=True, or remove content_based_deduplication",
            source="SQS CreateQueue ContentBasedDeduplication",
        )
    queue_name, dlq_name = _plan_names(checker, name, given, fifo)

    source_retention = retention.check_retention(
        checker, "retention_seconds", given.get("retention_seconds")
    )
    dlq_retention = retention.check_retention(
        checker, "dlq_retention_seconds", given.get("dlq_retention_seconds")
    )
    retention_seconds = DEFAULT_RETENTION_SECONDS if source_retention is None else source_retention
    dlq_retention_seconds = (
        DEFAULT_DLQ_RETENTION_SECONDS if dlq_retention is None else dlq_retention
    )
    retention.check_dlq_outlives_source(
        checker,
        retention_seconds,
        dlq_retention_seconds,
        fifo=fifo,
        dlq_given=dlq_retention is not None,
    )

    receive_wait = attributes.check_receive_wait(
        checker, "receive_wait_time_seconds", given.get("receive_wait_time_seconds")
    )
    delay = attributes.check_delay(checker, "delay_seconds", given.get("delay_seconds"))
    max_size = attributes.check_max_message_size(
        checker, "max_message_size_bytes", given.get("max_message_size_bytes")
    )
    max_receive = redrive.check_max_receive_count(
        checker, "max_receive_count", given.get("max_receive_count")
    )

    kms_key_arn = given.get("kms_key_arn")
    if is_plain(kms_key_arn):
        encryption.check_kms_key_arn(checker, "kms_key_arn", kms_key_arn)
    reuse = encryption.check_data_key_reuse(
        checker,
        "kms_data_key_reuse_period_seconds",
        given.get("kms_data_key_reuse_period_seconds"),
        has_key=kms_key_arn is not None,
    )

    statements = policy.check_statements(
        checker, "policy_statements", given.get("policy_statements")
    )
    tags = checker.tags("tags", given.get("tags"))

    consumer_plan, visibility, explicit = _plan_consumer_and_visibility(checker, given, fifo)

    return QueuePlan(
        name=name,
        fifo=fifo,
        queue_name=queue_name,
        dlq_name=dlq_name,
        content_based_deduplication=bool(dedup),
        retention_seconds=retention_seconds,
        dlq_retention_seconds=dlq_retention_seconds,
        visibility_timeout_seconds=visibility,
        visibility_explicit=explicit,
        receive_wait_time_seconds=(
            DEFAULT_RECEIVE_WAIT_TIME_SECONDS if receive_wait is None else receive_wait
        ),
        delay_seconds=DEFAULT_DELAY_SECONDS if delay is None else delay,
        max_message_size_bytes=max_size,
        max_receive_count=DEFAULT_MAX_RECEIVE_COUNT if max_receive is None else max_receive,
        kms_key_arn=kms_key_arn,
        kms_data_key_reuse_period_seconds=reuse,
        policy_statements=tuple(statements or ()),
        tags=tags,
        consumer=consumer_plan,
    )
