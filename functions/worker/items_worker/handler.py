"""Lambda entry point of the worker (SQS event source mapping, partial batch responses).

Each record is processed on its own with Powertools' ``BatchProcessor``: a record that fails
(invalid message, S3 or DynamoDB error) is reported in ``batchItemFailures`` and only it returns
to the queue; after the queue's maxReceiveCount it moves to the DLQ. A malformed event (which an
event source mapping never sends) is logged; records without a message id cannot be reported.
"""

import functools
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from items_core.telemetry import flush_metrics
from items_worker import contract
from items_worker.config import SETTINGS
from items_worker.worker import InvalidMessageError, Worker, message_id_of

logger = Logger(service=SETTINGS.service_name, level=SETTINGS.log_level)
metrics = Metrics(namespace=SETTINGS.metrics_namespace, service=SETTINGS.service_name)
# The whole batch failing is reported record by record too (SQS then retries each one), instead
# of raising: the answer stays a partial batch response in every case.
processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)

_workers: dict[str, Worker] = {}


@functools.cache
def default_clients() -> tuple[Any, Any]:
    """S3 and DynamoDB clients, created on first use (boto3 is imported here)."""
    import boto3  # noqa: PLC0415
    from botocore.config import Config  # noqa: PLC0415

    config = Config(connect_timeout=2, read_timeout=5, retries={"mode": "standard"})
    return boto3.client("s3", config=config), boto3.client("dynamodb", config=config)


def get_worker() -> Worker:
    """The injected worker, else one on the default clients."""
    worker = _workers.get("current")
    if worker is None:
        s3, dynamodb = default_clients()
        worker = Worker(
            s3=s3,
            dynamodb=dynamodb,
            bucket=SETTINGS.bucket,
            prefix=SETTINGS.prefix,
            table=SETTINGS.table,
        )
        _workers["current"] = worker
    return worker


def set_worker(worker: Worker | None) -> None:
    """Inject a worker (tests, benchmarks); ``None`` goes back to the default."""
    if worker is None:
        _workers.pop("current", None)
    else:
        _workers["current"] = worker


def record_handler(record: SQSRecord) -> str:
    """Write one message's item; any exception marks this record as failed."""
    message_id = record.raw_event.get("messageId")
    try:
        stored = get_worker().write(record.raw_event.get("body"))
    except InvalidMessageError as exc:
        logger.warning("invalid message", extra={"message_id": message_id, "reason": str(exc)})
        raise
    except Exception:
        logger.exception("could not write the item", extra={"message_id": message_id})
        raise
    return str(stored[contract.TABLE_PARTITION_KEY])


def _count(name: str, value: int) -> None:
    if value:
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=value)


def _usable_records(event: object) -> tuple[list[dict[str, Any]], int]:
    """The records that have a message id (reportable), and how many had none."""
    if not isinstance(event, dict) or not isinstance(event.get("Records"), list):
        return [], -1
    usable = [record for record in event["Records"] if message_id_of(record) is not None]
    return usable, len(event["Records"]) - len(usable)


@logger.inject_lambda_context(clear_state=True)
def lambda_handler(event: Any, context: Any) -> dict[str, Any]:
    """The function's handler (``contract.HANDLER``)."""
    try:
        records, unusable = _usable_records(event)
        if unusable:
            logger.error(
                "invalid event: records without a message id were skipped"
                if unusable > 0
                else "invalid event: not an SQS event",
                extra={"skipped_records": max(unusable, 0)},
            )
            _count(contract.METRIC_INVALID_EVENTS, 1)
        if not records:
            return {"batchItemFailures": []}
        response = process_partial_response(
            event={"Records": records},
            record_handler=record_handler,
            processor=processor,
            context=context,
        )
        failed = len(response.get("batchItemFailures", ()))
        _count(contract.METRIC_ITEMS_WRITTEN, len(records) - failed)
        _count(contract.METRIC_RECORDS_FAILED, failed)
        if failed:
            logger.warning("records failed", extra={"failed": failed, "received": len(records)})
        return dict(response)
    finally:
        flush_metrics(metrics, logger)
