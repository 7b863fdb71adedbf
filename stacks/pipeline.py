"""The import pipeline, wired from Nova components.

A client uploads a JSON-lines file under ``imports/`` in the uploads bucket; S3 invokes the
importer asynchronously (ObjectCreated, prefix filter), which validates each line, sends the valid
items to the import queue and writes an import record to the table. The worker consumes the queue
(partial batch responses) and writes each item to the items bucket and its index record to the
table. Poison messages end in the queue's dead-letter queue; an S3 event the importer fails on
after Lambda's two retries goes to the importer's on-failure destination queue, never lost
silently. Every name and limit the functions depend on comes from their contracts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi
from contracts import source
from settings import Settings

from nova_compute import Function, FunctionArgs
from nova_messaging import Queue, QueueArgs
from nova_storage import Bucket, BucketArgs, Table, TableArgs, object_created

IMPORT_MESSAGE_BYTES = 256 * 1024
"""Largest import message. 10 messages (the worker's batch) must fit Lambda's 6 MB synchronous
payload, so the queue's 1 MiB default is lowered; the importer is told the same limit."""


@dataclass(frozen=True)
class Pipeline:
    table: Table
    uploads: Bucket
    queue: Queue
    failures: Queue
    importer: Function
    worker: Function


def items_table(name: str, settings: Settings, stateful: pulumi.ResourceOptions) -> Table:
    """The table of index records and import records, exactly as the contracts describe it."""
    layout = source("worker").contract
    attribute_types = source("importer").contract.TABLE_ATTRIBUTES
    return Table(
        f"{name}-records",
        TableArgs(
            partition_key={
                "name": layout.TABLE_PARTITION_KEY,
                "type": attribute_types[layout.TABLE_PARTITION_KEY],
            },
            global_indexes={
                layout.TABLE_GSI_NAME: {
                    "partition_key": {
                        "name": layout.TABLE_GSI_PARTITION_KEY,
                        "type": attribute_types[layout.TABLE_GSI_PARTITION_KEY],
                    },
                    "sort_key": {
                        "name": layout.TABLE_GSI_SORT_KEY,
                        "type": attribute_types[layout.TABLE_GSI_SORT_KEY],
                    },
                    "projection": layout.TABLE_GSI_PROJECTION,
                }
            },
            ttl_attribute=layout.TABLE_TTL_ATTRIBUTE,
            recovery_period_days=settings["pitrDays"],
            deletion_protection=settings["deletionProtection"],
            tags={"DataClassification": "internal"},
        ),
        opts=stateful,
    )


def _function(
    name: str,
    role: str,
    settings: Settings,
    environment: dict[str, Any],
    **extra: Any,
) -> Function:
    code = source(role)
    lambda_level, powertools_level = code.contract.log_levels(settings["logLevel"])
    return Function(
        f"{name}-{role}",
        FunctionArgs(
            code_path=str(code.folder),
            handler=code.contract.HANDLER,
            requirements_file=code.requirements_file,
            memory_mb=settings[f"{role}MemoryMb"],
            timeout_seconds=settings[f"{role}TimeoutSeconds"],
            log_retention_days=settings["logRetentionDays"],
            application_log_level=lambda_level,
            description=f"Items {role} ({settings.stack})",
            environment={
                **environment,
                code.contract.ENV_ENVIRONMENT: settings.stack,
                code.contract.ENV_SERVICE_NAME: f"items-{role}",
                code.contract.ENV_METRICS_NAMESPACE: "Nova/Items",
                code.contract.ENV_LOG_LEVEL: powertools_level,
            },
            **extra,
        ),
    )


def build_pipeline(
    name: str,
    settings: Settings,
    data: Bucket,
    table: Table,
    stateful: pulumi.ResourceOptions,
    access_logs: dict[str, Any] | None,
) -> Pipeline:
    """Queues, importer, worker and the uploads bucket that triggers the importer; the table
    (``items_table``) is the service's, shared with the API."""
    importer_contract = source("importer").contract
    worker_contract = source("worker").contract

    worker = _function(
        name,
        "worker",
        settings,
        {
            worker_contract.ENV_BUCKET: data.bucket_name,
            worker_contract.ENV_PREFIX: "items/",
            worker_contract.ENV_TABLE: table.name,
        },
    )
    consumer: dict[str, Any] = {
        "function": worker,
        "batch_size": settings["workerBatchSize"],
        "batching_window_seconds": settings["workerBatchingWindowSeconds"],
    }
    if settings["workerMaxConcurrency"] is not None:
        consumer["max_concurrency"] = settings["workerMaxConcurrency"]
    # The visibility timeout is derived from the worker: 6 x (its timeout + the batching window).
    queue = Queue(
        f"{name}-imports",
        QueueArgs(
            max_receive_count=settings["maxReceiveCount"],
            max_message_size_bytes=IMPORT_MESSAGE_BYTES,
            consumer=consumer,
        ),
        opts=stateful,
    )
    # S3 invokes the importer asynchronously: after Lambda's two retries a failed event goes here.
    failures = Queue(
        f"{name}-import-failures",
        QueueArgs(retention_seconds=14 * 24 * 3600 - 3600),
        opts=stateful,
    )
    importer = _function(
        name,
        "importer",
        settings,
        {
            importer_contract.ENV_QUEUE_URL: queue.url,
            importer_contract.ENV_TABLE: table.name,
            importer_contract.ENV_IMPORT_PREFIX: importer_contract.DEFAULT_IMPORT_PREFIX,
            importer_contract.ENV_MAX_IMPORT_BYTES: str(settings["importMaxBytes"]),
            importer_contract.ENV_QUEUE_MAX_MESSAGE_BYTES: str(IMPORT_MESSAGE_BYTES),
        },
        on_failure_destination_arn=failures.arn,
    )
    uploads_args = BucketArgs(
        force_destroy=settings["forceDestroy"],
        noncurrent_version_expiration_days=settings["noncurrentVersionDays"],
        notifications=object_created(
            importer, prefix=importer_contract.DEFAULT_IMPORT_PREFIX, key="imports"
        ),
        tags={"DataClassification": "internal"},
    )
    if access_logs is not None:
        uploads_args["access_logs"] = {**access_logs, "target_prefix": "uploads/"}
    uploads = Bucket(f"{name}-uploads", uploads_args, opts=stateful)

    # Least privilege, from each contract's RESOURCES: the importer reads uploads under imports/,
    # sends to the queue and keeps its import records; the worker writes items and index records.
    uploads.grant_read(importer.role, importer_contract.DEFAULT_IMPORT_PREFIX, grant_id="importer")
    queue.grant_send(importer.role, grant_id="importer")
    table.grant(importer.role, importer_contract.TABLE_ACTIONS, indexes=False, grant_id="importer")
    data.grant_put(worker.role, "items/", grant_id="worker")
    table.grant(worker.role, worker_contract.TABLE_ACTIONS, indexes=False, grant_id="worker")
    return Pipeline(table, uploads, queue, failures, importer, worker)
