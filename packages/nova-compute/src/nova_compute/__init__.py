"""nova-compute: a production-ready AWS Lambda function component for Pulumi, and deterministic,
Docker-free packaging of Python code and dependencies (``nova_compute.packaging``)."""

from .__about__ import __version__
from .function import TYPE_TOKEN, Function, FunctionArgs
from .packaging import (
    DEFAULT_EXCLUDES,
    BuiltArchive,
    DependencyResolutionError,
    PackagingError,
    build_archive,
    default_cache_dir,
    source_files,
)
from .runtimes import DEFAULT_RUNTIME, check_runtime, supported_runtimes

__all__ = [
    "Function",
    "FunctionArgs",
    "TYPE_TOKEN",
    "BuiltArchive",
    "DEFAULT_EXCLUDES",
    "DependencyResolutionError",
    "PackagingError",
    "build_archive",
    "default_cache_dir",
    "source_files",
    "DEFAULT_RUNTIME",
    "check_runtime",
    "supported_runtimes",
    "__version__",
]
