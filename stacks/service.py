"""The items service, wired from Nova components: the one program behind every stack.

Each stack's ``__main__.py`` calls :func:`build`; what differs between environments lives in
``Pulumi.<env>.yaml`` (sizes, retention, thresholds, CORS origins, data protection). This module
is wiring only: no raw AWS resources. Routes, public routes, the handler path and the environment
variable names come from the handler's own contract (``functions/api/items_api/contract.py``), so
the gateway and the handler cannot drift apart.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pulumi
from settings import read_settings

from nova_api import HttpApi, HttpApiArgs
from nova_compute import Function, FunctionArgs
from nova_observability import AlarmTopicArgs, ServiceMonitor, ServiceMonitorArgs
from nova_storage import Bucket, BucketArgs

REPOSITORY = Path(__file__).resolve().parent.parent
FUNCTION_DIR = REPOSITORY / "functions" / "api"
SERVICE = "items"
POWERTOOLS_LOG_LEVELS = {"DEBUG": "DEBUG", "INFO": "INFO", "WARN": "WARNING", "ERROR": "ERROR"}
"""The one ``logLevel`` setting (Lambda's vocabulary) in Powertools' vocabulary."""


def load_contract() -> ModuleType:
    """The handler's dependency-free contract module, loaded by path (no Powertools needed)."""
    path = FUNCTION_DIR / "items_api" / "contract.py"
    spec = importlib.util.spec_from_file_location("items_api_contract", path)
    if spec is None or spec.loader is None:  # pragma: no cover - the file is in the repository
        raise RuntimeError(f"cannot load the handler contract from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _subscription_key(address: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", address.lower()).strip("-")


def build() -> dict[str, Any]:
    """Create the service for the current stack and export its outputs."""
    # Every setting is read and checked here, before any resource registers: a typo, a missing
    # key or an out-of-range value in Pulumi.<env>.yaml stops the program with a clear message.
    settings = read_settings()
    environment = settings.stack
    name = f"{SERVICE}-{environment}"  # names carry the environment: alarms, dashboards and
    # buckets of several stacks can share one account without colliding.
    contract = load_contract()
    protect_data = settings["protectData"]

    # Data: versioned, encrypted, private; prod protects and retains it (Pulumi.prod.yaml).
    data = Bucket(
        f"{name}-data",
        BucketArgs(
            force_destroy=settings["forceDestroy"],
            noncurrent_version_expiration_days=settings["noncurrentVersionDays"],
            tags={"DataClassification": "internal"},
        ),
        opts=pulumi.ResourceOptions(protect=protect_data, retain_on_delete=protect_data),
    )

    # The API function: code and pinned dependencies packaged for arm64 by nova-compute.
    function = Function(
        f"{name}-api",
        FunctionArgs(
            code_path=str(FUNCTION_DIR),
            handler=contract.HANDLER,
            requirements_file=str(FUNCTION_DIR / "requirements.txt"),
            memory_mb=settings["memoryMb"],
            timeout_seconds=settings["timeoutSeconds"],
            log_retention_days=settings["logRetentionDays"],
            application_log_level=settings["logLevel"],
            description=f"Items API ({environment})",
            environment={
                contract.ENV_BUCKET: data.bucket_name,
                contract.ENV_PREFIX: "items/",
                contract.ENV_ENVIRONMENT: environment,
                contract.ENV_SERVICE_NAME: "items-api",
                contract.ENV_METRICS_NAMESPACE: "Nova/Items",
                contract.ENV_LOG_LEVEL: POWERTOOLS_LOG_LEVELS[settings["logLevel"]],
            },
        ),
    )
    # Least privilege: read, write and delete objects of this bucket; nothing else. The grant is
    # not narrowed to the "items/" prefix on purpose: a prefix grant conditions s3:ListBucket on
    # s3:prefix, and without an unconditioned ListBucket S3 answers a read of a missing key with
    # 403 instead of 404, which the API would have to report as a server error.
    data.grant_read_write(function.role, grant_id="api")
    data.grant_delete(function.role, grant_id="api")

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

    # Alarms, alarm topic and dashboard over all three.
    emails = settings["alarmEmails"]
    monitor = ServiceMonitor(
        f"{name}-monitor",
        ServiceMonitorArgs(
            name_prefix=f"{pulumi.get_project()}-{environment}",
            functions={"api": function},
            apis={"http": api},
            buckets={"data": data},
            topic=AlarmTopicArgs(
                subscriptions={
                    _subscription_key(address): {"protocol": "email", "endpoint": address}
                    for address in emails
                }
            ),
            thresholds=settings["alarmThresholds"],
            service_name=SERVICE,
            environment=environment,
        ),
    )

    outputs: dict[str, Any] = {
        "api_url": api.invoke_url,
        "bucket_name": data.bucket_name,
        "function_name": function.function_name,
        "alarm_topic_arn": monitor.topic_arn,
        "dashboard_name": monitor.dashboard_name,
    }
    for key, value in outputs.items():
        pulumi.export(key, value)
    return outputs
