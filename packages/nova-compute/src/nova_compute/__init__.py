"""nova-compute: a production-ready AWS Lambda function component for Pulumi, and deterministic,
Docker-free packaging of Python code and dependencies (``nova_compute.packaging``).

The component (``Function``, ``FunctionArgs``, ``TYPE_TOKEN``) is imported on first use, so
``import nova_compute.packaging`` in a build script loads neither Pulumi nor pulumi_aws.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .__about__ import __version__
from .packaging import (
    DEFAULT_EXCLUDES,
    BuiltArchive,
    DependencyResolutionError,
    PackagingError,
    PackagingOptions,
    build_archive,
    default_cache_dir,
    source_files,
)
from .runtimes import DEFAULT_RUNTIME, check_runtime, supported_runtimes

if TYPE_CHECKING:
    from .function import TYPE_TOKEN, Function, FunctionArgs

__all__ = [
    "Function",
    "FunctionArgs",
    "TYPE_TOKEN",
    "BuiltArchive",
    "DEFAULT_EXCLUDES",
    "DependencyResolutionError",
    "PackagingError",
    "PackagingOptions",
    "build_archive",
    "default_cache_dir",
    "source_files",
    "DEFAULT_RUNTIME",
    "check_runtime",
    "supported_runtimes",
    "__version__",
]

_COMPONENT = ("Function", "FunctionArgs", "TYPE_TOKEN")


def __getattr__(name: str) -> Any:
    if name in _COMPONENT:
        from . import function  # noqa: PLC0415 - the component loads Pulumi: only when used

        return getattr(function, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
