"""The items service, wired from Nova components: the one program behind every stack.

Each stack's ``__main__.py`` calls :func:`build`; what differs between environments lives in
``Pulumi.<env>.yaml`` (sizes, retention, thresholds, CORS origins, data protection), read and
checked by ``settings.py`` before anything registers. This module is wiring only: no raw AWS
resources. The service:

- the items API: an HTTP API in front of the api function, which keeps items in the data bucket,
  indexes each in the records table (as the worker does) and signs its list cursors with a key
  held in a Secret;
- the import pipeline (``pipeline.py``): uploads bucket -> importer -> import queue -> worker ->
  data bucket and the records table;
- monitoring: alarms, an alarm topic and a dashboard over all of it.

Routes, public routes, handler paths, environment variable names and the table layout come from
the functions' own contracts (``contracts.py``), so infrastructure and handlers cannot drift apart.
"""

from __future__ import annotations

import re
from typing import Any

import pulumi
import pulumi_aws as aws
from contracts import load_contract, source
from pipeline import build_pipeline, items_table
from settings import Settings, read_settings

from nova_api import HttpApi, HttpApiArgs
from nova_compute import Function, FunctionArgs
from nova_observability import AlarmTopicArgs, ServiceMonitor, ServiceMonitorArgs
from nova_storage import (
    Bucket,
    BucketArgs,
    Secret,
    SecretArgs,
    Table,
    access_log_delivery_statement,
)

SERVICE = "items"

__all__ = ["build", "load_contract"]


def _subscription_key(address: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", address.lower()).strip("-")


def _access_log_bucket(name: str, settings: Settings, stateful: pulumi.ResourceOptions) -> Bucket:
    """Receives the server access logs of the data and uploads buckets (S3.9, CKV_AWS_18). It
    does not log itself: logging a log bucket would log its own deliveries forever."""
    account_id = aws.get_caller_identity_output().account_id
    return Bucket(
        f"{name}-access-logs",
        BucketArgs(
            policy_statements=[access_log_delivery_statement(account_id)],
            lifecycle_rules=[
                {"id": "expire-access-logs", "expiration_days": settings["logRetentionDays"]}
            ],
            force_destroy=settings["forceDestroy"],
            tags={"DataClassification": "logs"},
        ),
        opts=stateful,
    )


def _api_function(
    name: str, settings: Settings, data: Bucket, table: Table, cursor_key: Secret
) -> Function:
    code = source("api")
    contract = code.contract
    lambda_level, powertools_level = contract.log_levels(settings["logLevel"])
    return Function(
        f"{name}-api",
        FunctionArgs(
            code_path=str(code.folder),
            handler=contract.HANDLER,
            requirements_file=code.requirements_file,
            memory_mb=settings["memoryMb"],
            timeout_seconds=settings["timeoutSeconds"],
            log_retention_days=settings["logRetentionDays"],
            application_log_level=lambda_level,
            description=f"Items API ({settings.stack})",
            environment={
                contract.ENV_BUCKET: data.bucket_name,
                contract.ENV_PREFIX: "items/",
                contract.ENV_TABLE: table.name,
                contract.ENV_ENVIRONMENT: settings.stack,
                contract.ENV_SERVICE_NAME: "items-api",
                contract.ENV_METRICS_NAMESPACE: "Nova/Items",
                contract.ENV_LOG_LEVEL: powertools_level,
                contract.ENV_CURSOR_SECRET_ARN: cursor_key.arn,
            },
        ),
    )


def build() -> dict[str, Any]:
    """Create the service for the current stack and export its outputs."""
    # Every setting is read and checked here, before any resource registers: a typo, a missing
    # key or an out-of-range value in Pulumi.<env>.yaml stops the program with a clear message.
    settings = read_settings()
    environment = settings.stack
    name = f"{SERVICE}-{environment}"  # names carry the environment: alarms, dashboards and
    # buckets of several stacks can share one account without colliding.
    contract = load_contract("api")
    protect_data = settings["protectData"]
    # Stateful resources (buckets, table, queues, secret): prod protects and retains them.
    stateful = pulumi.ResourceOptions(protect=protect_data, retain_on_delete=protect_data)

    access_logs = None
    if settings["accessLogs"]:
        logs = _access_log_bucket(name, settings, stateful)
        access_logs = {"target_bucket": logs.bucket_name}

    # Data: versioned, encrypted, private.
    data_args = BucketArgs(
        force_destroy=settings["forceDestroy"],
        noncurrent_version_expiration_days=settings["noncurrentVersionDays"],
        tags={"DataClassification": "internal"},
    )
    if access_logs is not None:
        data_args["access_logs"] = {**access_logs, "target_prefix": "data/"}
    data = Bucket(f"{name}-data", data_args, opts=stateful)

    # The key the API signs its list cursors with: generated once, kept in Secrets Manager.
    cursor_key = Secret(
        f"{name}-cursor-key",
        SecretArgs(
            description=f"HMAC key of the items API's list cursors ({environment})",
            length=64,
            recovery_window_days=settings["secretRecoveryWindowDays"],
        ),
        opts=stateful,
    )

    # The table of index records and import records: the API and the worker index items there.
    table = items_table(name, settings, stateful)

    # The API function: code and pinned dependencies packaged for arm64 by nova-compute.
    function = _api_function(name, settings, data, table, cursor_key)
    cursor_key.grant_read(function.role, grant_id="api")
    # Least privilege: read, write and delete objects of this bucket; nothing else. The grant is
    # not narrowed to the "items/" prefix on purpose: a prefix grant conditions s3:ListBucket on
    # s3:prefix, and without an unconditioned ListBucket S3 answers a read of a missing key with
    # 403 instead of 404, which the API would have to report as a server error.
    data.grant_read_write(function.role, grant_id="api")
    data.grant_delete(function.role, grant_id="api")
    # The index: PUT writes an item's record, DELETE deletes it; exactly the contract's actions
    # (PutItem, DeleteItem) on the table, none on its indexes.
    table.grant(function.role, contract.TABLE_ACTIONS, indexes=False, grant_id="api")

    # The HTTP API: routes from the handler's contract; health is public, the rest require
    # JWT (when an issuer is configured) or SigV4.
    jwt_issuer = settings["jwtIssuer"]
    cors_origins = settings["corsOrigins"]
    api_args = HttpApiArgs(
        targets={"items": function},
        routes={route: {"public": route in contract.PUBLIC_ROUTES} for route in contract.ROUTES},
        throttling_burst_limit=settings["throttleBurst"],
        throttling_rate_limit=settings["throttleRate"],
        access_log_retention_days=settings["logRetentionDays"],
    )
    if cors_origins:
        api_args["cors"] = {"allow_origins": list(cors_origins), "max_age_seconds": 600}
    if jwt_issuer:
        api_args["jwt_authorizer"] = {
            "issuer": jwt_issuer,
            "audiences": list(settings["jwtAudiences"]),
        }
    api = HttpApi(f"{name}-http", api_args)

    pipeline = build_pipeline(name, settings, data, table, stateful, access_logs)

    # Alarms, alarm topic and dashboard over all of it.
    emails = settings["alarmEmails"]
    monitor = ServiceMonitor(
        f"{name}-monitor",
        ServiceMonitorArgs(
            name_prefix=f"{pulumi.get_project()}-{environment}",
            functions={"api": function, "importer": pipeline.importer, "worker": pipeline.worker},
            apis={"http": api},
            buckets={"data": data, "uploads": pipeline.uploads},
            queues={"imports": pipeline.queue, "import-failures": pipeline.failures},
            # System errors are watched for the operations the functions were granted.
            tables={"records": pipeline.table},
            topic=AlarmTopicArgs(
                create_kms_key=settings["alarmTopicCmk"],
                subscriptions={
                    _subscription_key(address): {"protocol": "email", "endpoint": address}
                    for address in emails
                },
            ),
            thresholds=settings["alarmThresholds"],
            # Nothing consumes the importer's on-failure destination: one message there is an
            # S3 event that failed every retry.
            overrides={
                "import-failures": {
                    "waiting": {"enabled": True},
                    "consumer_stopped": {"enabled": False},
                }
            },
            service_name=SERVICE,
            environment=environment,
        ),
    )

    outputs: dict[str, Any] = {
        "api_url": api.invoke_url,
        "bucket_name": data.bucket_name,
        "function_name": function.function_name,
        "uploads_bucket_name": pipeline.uploads.bucket_name,
        "table_name": pipeline.table.name,
        "import_queue_url": pipeline.queue.url,
        "import_dlq_url": pipeline.queue.dlq_url,
        "alarm_topic_arn": monitor.topic_arn,
        "dashboard_name": monitor.dashboard_name,
    }
    for key, value in outputs.items():
        pulumi.export(key, value)
    return outputs
