"""Lambda entry point of the importer (S3 ObjectCreated, invoked asynchronously).

Every object of the event is imported at most once per version (see ``records``). Malformed
events and bad files are logged and recorded, never raised; only AWS failures escape, so that
Lambda retries them (and, after its retries, sends the event to the on-failure destination).
"""

import functools
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit

from items_core.telemetry import flush_metrics
from items_importer import contract
from items_importer.config import SETTINGS
from items_importer.events import parse_event
from items_importer.importer import DEFAULT_LEASE_SECONDS, LEASE_MARGIN_SECONDS, Importer, Limits

logger = Logger(service=SETTINGS.service_name, level=SETTINGS.log_level)
metrics = Metrics(namespace=SETTINGS.metrics_namespace, service=SETTINGS.service_name)

_importers: dict[str, Importer] = {}


@functools.cache
def default_clients() -> tuple[Any, Any, Any]:
    """S3, SQS and DynamoDB clients, created on first use (boto3 is imported here)."""
    import boto3  # noqa: PLC0415
    from botocore.config import Config  # noqa: PLC0415

    config = Config(connect_timeout=2, read_timeout=10, retries={"mode": "standard"})
    return (
        boto3.client("s3", config=config),
        boto3.client("sqs", config=config),
        boto3.client("dynamodb", config=config),
    )


def get_importer() -> Importer:
    """The injected importer, else one on the default clients."""
    importer = _importers.get("current")
    if importer is None:
        s3, sqs, dynamodb = default_clients()
        importer = new_importer(s3, sqs, dynamodb)
        _importers["current"] = importer
    return importer


def new_importer(
    s3: Any, sqs: Any, dynamodb: Any, queue_url: str | None = None, table: str | None = None
) -> Importer:
    """An importer on these clients, with the function's limits (``SETTINGS``); the queue and
    the table default to the configured ones."""
    return Importer(
        s3=s3,
        sqs=sqs,
        dynamodb=dynamodb,
        queue_url=queue_url or SETTINGS.queue_url,
        table=table or SETTINGS.table,
        limits=Limits(
            max_import_bytes=SETTINGS.max_import_bytes,
            queue_max_message_bytes=SETTINGS.queue_max_message_bytes,
            record_ttl_days=SETTINGS.record_ttl_days,
            import_prefix=SETTINGS.import_prefix,
        ),
    )


def set_importer(importer: Importer | None) -> None:
    """Inject an importer (tests, benchmarks); ``None`` goes back to the default."""
    if importer is None:
        _importers.pop("current", None)
    else:
        _importers["current"] = importer


def _count(name: str, value: int = 1) -> None:
    if value:
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=value)


def _lease_seconds(context: Any) -> int:
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    try:
        milliseconds = int(remaining()) if callable(remaining) else None
    except Exception:
        milliseconds = None
    if milliseconds is None or milliseconds <= 0:
        return DEFAULT_LEASE_SECONDS
    return milliseconds // 1000 + LEASE_MARGIN_SECONDS


@logger.inject_lambda_context(clear_state=True)
def lambda_handler(event: Any, context: Any) -> dict[str, Any]:
    """The function's handler (``contract.HANDLER``)."""
    try:
        return _handle(event, context)
    finally:
        flush_metrics(metrics, logger)


def _handle(event: Any, context: Any) -> dict[str, Any]:
    parsed = parse_event(event)
    if parsed.problems:
        logger.error("invalid event records skipped", extra={"problems": parsed.problems[:20]})
        _count(contract.METRIC_INVALID_EVENTS, len(parsed.problems))
    summaries = []
    for obj in parsed.objects:
        logger.append_keys(import_id=obj.record_id)
        outcome = get_importer().run(obj, lease_seconds=_lease_seconds(context))
        record = outcome.record
        if outcome.result == "duplicate":
            logger.info("duplicate delivery: this object version was already imported")
            _count(contract.METRIC_DUPLICATE_DELIVERIES)
        elif outcome.result == "superseded":
            logger.warning("the import outlived its lease; another attempt owns the record")
        elif outcome.result == "ignored":
            logger.warning(
                "object outside the import prefix ignored",
                extra={"import_prefix": SETTINGS.import_prefix},
            )
        elif record.get("status") == contract.STATUS_FAILED:
            logger.warning("import failed", extra={"failure": record.get("failure")})
            _count(contract.METRIC_IMPORTS_FAILED)
        else:
            logger.info(
                "import completed",
                extra={name: record.get(name) for name in ("lines", "queued", "rejected")},
            )
            _count(contract.METRIC_IMPORTS_COMPLETED)
            _count(contract.METRIC_ITEMS_QUEUED, int(record.get("queued", 0)))
            _count(contract.METRIC_LINES_REJECTED, int(record.get("rejected", 0)))
        logger.remove_keys(["import_id"])
        summaries.append(outcome.summary())
    return {
        "imports": summaries,
        "invalid_records": len(parsed.problems),
        "skipped_records": parsed.skipped,
    }
