"""The environment variables the items functions share, with their specs, and spec helpers.

A contract's ``ENVIRONMENT`` maps each variable it reads to a spec (see ``envcheck``); the
variables two or more functions read are declared here once, and each contract composes its
``ENVIRONMENT`` from these blocks and its own variables. Every spec names the ``setting``: the
attribute of the function's ``Settings`` that receives the checked value (see ``settings``).
"""

from collections.abc import Mapping

from items_core.levels import DEFAULT_LOG_LEVEL, POWERTOOLS_LOG_LEVELS

# What a contract re-exports with ``from items_core.environment import *``: the variables every
# function reads (``runtime``). The others are named by the contracts that read them.
__all__ = ["ENV_ENVIRONMENT", "ENV_LOG_LEVEL", "ENV_METRICS_NAMESPACE", "ENV_SERVICE_NAME"]

Spec = dict[str, object]
"""One variable's spec: ``required``, ``setting``, and ``choices``/``pattern``/``minimum``/
``maximum``/``default``/``examples`` as ``envcheck`` reads them."""

ENV_BUCKET = "ITEMS_BUCKET"
"""Name of the S3 bucket that holds the items."""
ENV_PREFIX = "ITEMS_PREFIX"
"""Key prefix of the items inside the bucket, used as is: keys are "<prefix><id>.json".
End it with "/" (e.g. "items/") to give the items a folder of their own."""
ENV_TABLE = "ITEMS_TABLE"
"""Name of the items table (see ``items_core.table``)."""
ENV_ENVIRONMENT = "APP_ENVIRONMENT"
"""Deployment environment name (dev, staging, prod)."""
ENV_SERVICE_NAME = "POWERTOOLS_SERVICE_NAME"
"""Powertools service name: the "service" key of every log line and the metrics dimension."""
ENV_METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE"
"""CloudWatch namespace of the function's EMF metrics."""
ENV_LOG_LEVEL = "POWERTOOLS_LOG_LEVEL"
"""Optional log level (DEBUG, INFO, WARNING, ERROR, CRITICAL). Default: INFO.
Derive it from the one stack setting with ``log_levels`` (never pass Lambda's WARN or FATAL)."""

KEY_PREFIX_PATTERN = r"[A-Za-z0-9!_.*'()/-]{1,256}"
"""An S3 key prefix made of characters that need no escaping anywhere."""


def items_bucket() -> dict[str, Spec]:
    """``ITEMS_BUCKET`` and ``ITEMS_PREFIX``: where the items are stored (both required)."""
    return {
        ENV_BUCKET: {
            "required": True,
            "setting": "bucket",
            "pattern": r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
            "examples": ("items-prod-data-4f1c2a7",),
        },
        ENV_PREFIX: {
            "required": True,
            "setting": "prefix",
            "pattern": KEY_PREFIX_PATTERN,
            "examples": ("items/", "tenant-a/items/"),
        },
    }


def items_table() -> dict[str, Spec]:
    """``ITEMS_TABLE``: the items table (required)."""
    return {
        ENV_TABLE: {
            "required": True,
            "setting": "table",
            "pattern": r"[A-Za-z0-9_.-]{3,255}",
            "examples": ("items-prod-table-4f1c2a7",),
        }
    }


def runtime(service_example: str) -> dict[str, Spec]:
    """What every function reads: its environment name, Powertools service, namespace, level."""
    return {
        ENV_ENVIRONMENT: {
            "required": True,
            "setting": "environment",
            "pattern": r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}",
            "examples": ("dev", "staging", "prod"),
        },
        ENV_SERVICE_NAME: {
            "required": True,
            "setting": "service_name",
            "pattern": r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}",
            "examples": (service_example,),
        },
        ENV_METRICS_NAMESPACE: {
            "required": True,
            "setting": "metrics_namespace",
            "pattern": r"(?!AWS/)[A-Za-z0-9 ._/#:-]{1,255}",
            "examples": ("Nova/Items",),
        },
        ENV_LOG_LEVEL: {
            "required": False,
            "setting": "log_level",
            "choices": POWERTOOLS_LOG_LEVELS,
            "default": DEFAULT_LOG_LEVEL,
        },
    }


def required(specs: Mapping[str, Mapping[str, object]]) -> tuple[str, ...]:
    """The required variables of ``specs``, in declaration order."""
    return tuple(name for name, spec in specs.items() if spec["required"])


def optional(specs: Mapping[str, Mapping[str, object]]) -> tuple[str, ...]:
    """The optional variables of ``specs`` (each has a default), in declaration order."""
    return tuple(name for name, spec in specs.items() if not spec["required"])
