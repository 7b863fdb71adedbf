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

from nova_api import HttpApi, HttpApiArgs
from nova_compute import Function, FunctionArgs
from nova_observability import AlarmTopicArgs, ServiceMonitor, ServiceMonitorArgs
from nova_storage import Bucket, BucketArgs

REPOSITORY = Path(__file__).resolve().parent.parent
FUNCTION_DIR = REPOSITORY / "functions" / "api"
SERVICE = "items"


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
    config = pulumi.Config()
    environment = pulumi.get_stack()
    name = f"{SERVICE}-{environment}"  # names carry the environment: alarms, dashboards and
    # buckets of several stacks can share one account without colliding.
    contract = load_contract()
    protect_data = config.get_bool("protectData") or False

    # Data: versioned, encrypted, private; prod protects and retains it (Pulumi.prod.yaml).
    data = Bucket(
        f"{name}-data",
        BucketArgs(
            force_destroy=config.get_bool("forceDestroy") or False,
            noncurrent_version_expiration_days=config.get_int("noncurrentVersionDays") or 30,
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
            memory_mb=config.require_int("memoryMb"),
            timeout_seconds=config.require_int("timeoutSeconds"),
            log_retention_days=config.require_int("logRetentionDays"),
            application_log_level=config.get("logLevel") or "INFO",
            description=f"Items API ({environment})",
            environment={
                contract.ENV_BUCKET: data.bucket_name,
                contract.ENV_PREFIX: "items/",
                contract.ENV_ENVIRONMENT: environment,
                contract.ENV_SERVICE_NAME: "items-api",
                contract.ENV_METRICS_NAMESPACE: "Nova/Items",
                contract.ENV_LOG_LEVEL: config.get("logLevel") or "INFO",
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
    jwt_issuer = config.get("jwtIssuer")
    cors_origins = config.get_object("corsOrigins") or []
    api_args = HttpApiArgs(
        targets={"items": function},
        routes={route: {"public": route in contract.PUBLIC_ROUTES} for route in contract.ROUTES},
        throttling_burst_limit=config.require_int("throttleBurst"),
        throttling_rate_limit=config.require_int("throttleRate"),
        access_log_retention_days=config.require_int("logRetentionDays"),
    )
    if cors_origins:
        api_args["cors"] = {"allow_origins": list(cors_origins), "max_age_seconds": 600}
    if jwt_issuer:
        api_args["jwt_authorizer"] = {
            "issuer": jwt_issuer,
            "audiences": list(config.require_object("jwtAudiences")),
        }
    api = HttpApi(f"{name}-http", api_args)

    # Alarms, alarm topic and dashboard over all three.
    emails = config.get_object("alarmEmails") or []
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
            thresholds=config.get_object("alarmThresholds") or {},
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
