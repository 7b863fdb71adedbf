"""Packaging basics shared by the zip builder and the dependency installer: errors, the one
dataclass of packaging options, Lambda platform tags and the build cache folder.

Pure Python (standard library only): ``nova_compute.packaging`` and build scripts import it
without Pulumi.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .runtimes import DEFAULT_RUNTIME, runtime_info

__all__ = [
    "ARCHITECTURES",
    "DEFAULT_EXCLUDES",
    "DEPENDENCY_FIELDS",
    "PIP_OWNED_OPTIONS",
    "DependencyResolutionError",
    "PackagingError",
    "PackagingOptions",
    "cache_root",
    "default_cache_dir",
    "options_from",
    "pip_platforms",
    "python_runtime",
]

ARCHITECTURES: dict[str, str] = {"arm64": "aarch64", "x86_64": "x86_64"}
"""Lambda architecture -> the CPU name used in manylinux platform tags."""

DEFAULT_EXCLUDES: tuple[str, ...] = (
    "__pycache__",
    "*.pyc",
    "*.pyo",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    "tests/",
    "test_*.py",
    "*_test.py",
    "conftest.py",
    ".venv",
    ".git",
    "*.egg-info",
    ".DS_Store",
    "pyproject.toml",
    "requirements*.txt",
    "README*",
)
"""Patterns left out of every code archive unless ``use_default_excludes=False``.

Pattern forms (also for user ``exclude`` patterns): a pattern without ``/`` matches a file or
directory *name* at any depth (``*.pyc``, ``.venv``); a pattern ending in ``/`` matches directory
names only (``tests/``); any other pattern with a ``/`` matches the path relative to the code
folder (``scripts/*.sh``, ``data/big.bin``). Matching is case-sensitive ``fnmatch``.
"""

PIP_OWNED_OPTIONS = (
    "--target",
    "-t",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--only-binary",
    "--no-binary",
    "--prefix",
    "--root",
    "--user",
)
"""pip options the packager sets from ``runtime`` and ``architecture``; callers may not."""


class PackagingError(ValueError):
    """A code folder or its dependencies cannot be packaged; the message says how to fix it."""

    def __init__(self, problem: str, fix: str, *, argument: str = "code_path") -> None:
        self.problem = problem
        self.fix = fix
        self.argument = argument
        """The ``FunctionArgs`` key (and :class:`PackagingOptions` field) the problem is about."""
        super().__init__(f"{problem}. Fix: {fix}")


class DependencyResolutionError(PackagingError):
    """pip found no wheel of a requirement for the function's platform."""

    def __init__(self, requirement: str, platforms: Sequence[str], python_version: str) -> None:
        self.requirement = requirement
        self.platforms = tuple(platforms)
        self.python_version = python_version
        project = re.split(r"[\s<>=!~;\[(@]", requirement, maxsplit=1)[0]
        super().__init__(
            f"no wheel of {requirement!r} is compatible with the Lambda platform "
            f"{platforms[0]} (CPython {python_version}, binary wheels only; pip also tried "
            f"{len(platforms) - 1} other manylinux tags up to {platforms[-1]})",
            f"pin a version of {project!r} that publishes a manylinux wheel for this CPU and "
            f"Python (see https://pypi.org/project/{project}/#files), build the wheel yourself "
            "and pass its folder in 'find_links', switch 'architecture', or ship the dependency "
            "in a Lambda layer",
            argument="requirements",
        )


def _strings(name: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise PackagingError(
            f"{name!r} must be a list of strings, not {value!r}",
            f"pass a list, e.g. [{value!r}]",
            argument=name,
        )
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise PackagingError(
                f"every entry of {name!r} must be a non-empty string, not {item!r}",
                "remove or fix the entry",
                argument=name,
            )
    return tuple(value)


def _path(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | os.PathLike):
        raise PackagingError(
            f"{name!r} must be a file or folder path, not {value!r}", "pass a str", argument=name
        )
    return os.fspath(value)


def _flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise PackagingError(f"{name!r} must be True or False, not {value!r}", "pass a bool",
                             argument=name)  # fmt: skip
    return value


@dataclass(frozen=True)
class PackagingOptions:
    """Every option that decides how a code folder is packaged: the one list of them.

    ``FunctionArgs`` has a key of the same name for each field, the component checks them by
    building this object, the dependency cache key hashes the fields marked ``deps`` and the pip
    command is made from them. Lists may be given as lists; they are kept as tuples.
    Construction checks the options and raises :class:`PackagingError` naming the field.
    """

    runtime: str = field(default=DEFAULT_RUNTIME, metadata={"deps": True})
    """Lambda runtime the dependencies are installed for."""
    architecture: str = field(default="arm64", metadata={"deps": True})
    """``arm64`` or ``x86_64``: the CPU the dependencies are installed for."""
    exclude: tuple[str, ...] = ()
    """Extra patterns left out of the zip (see ``DEFAULT_EXCLUDES`` for the forms)."""
    use_default_excludes: bool = True
    """Leave out caches, tests, virtual environments and project metadata."""
    requirements: tuple[str, ...] | None = None
    """Requirement specifiers installed into the zip (alternative to ``requirements_file``)."""
    requirements_file: str | None = None
    """A pip requirements file installed into the zip (its content is hashed, not its path)."""
    cache_dir: str | None = None
    """Build cache folder; ``None`` means :func:`default_cache_dir`."""
    pip_extra_args: tuple[str, ...] = field(default=(), metadata={"deps": True})
    """Extra pip options (not the platform options the packager sets)."""
    find_links: tuple[str, ...] = field(default=(), metadata={"deps": True})
    """Folders or URLs of wheels (``--find-links``)."""
    index_url: str | None = field(default=None, metadata={"deps": True})
    """Package index (``--index-url``)."""
    no_index: bool = field(default=False, metadata={"deps": True})
    """Use no package index; needs ``find_links``."""

    def __post_init__(self) -> None:
        def put(name: str, value: Any) -> None:
            object.__setattr__(self, name, value)

        put("exclude", _strings("exclude", self.exclude))
        put("pip_extra_args", _strings("pip_extra_args", self.pip_extra_args))
        put("find_links", _strings("find_links", self.find_links))
        if self.requirements is not None:
            put("requirements", _strings("requirements", self.requirements))
        put("requirements_file", _path("requirements_file", self.requirements_file))
        put("cache_dir", _path("cache_dir", self.cache_dir))
        _flag("use_default_excludes", self.use_default_excludes)
        _flag("no_index", self.no_index)
        self._check()

    def _check(self) -> None:
        if self.requirements is not None and self.requirements_file is not None:
            raise PackagingError(
                "both 'requirements' and 'requirements_file' are given; they are alternatives",
                "pass one of them",
                argument="requirements",
            )
        for line in self.requirements or ():
            if line.strip().startswith("-") or "\n" in line:
                raise PackagingError(
                    f"requirement {line!r} is not one requirement specifier (pip options go "
                    "elsewhere)",
                    "put index options in 'index_url', 'find_links' or 'pip_extra_args'",
                    argument="requirements",
                )
        for arg in self.pip_extra_args:
            if arg.split("=", 1)[0] in PIP_OWNED_OPTIONS:
                raise PackagingError(
                    f"pip option {arg!r} in 'pip_extra_args' conflicts with the options that "
                    "target the Lambda platform",
                    "remove it: the target folder, platform, Python version, implementation and "
                    "binary-only mode are set from 'runtime' and 'architecture'",
                    argument="pip_extra_args",
                )
        if self.index_url is not None and (
            not isinstance(self.index_url, str)
            or not self.index_url.startswith(("https://", "http://", "file://"))
        ):
            raise PackagingError(
                f"index URL {self.index_url!r} is not an http(s):// or file:// URL",
                "use e.g. 'https://pypi.org/simple'",
                argument="index_url",
            )
        if self.no_index and not self.find_links:
            raise PackagingError(
                "with no index pip has nowhere to find wheels",
                "add 'find_links' with a folder of wheels, or drop 'no_index'",
                argument="no_index",
            )
        if self.architecture not in ARCHITECTURES:
            raise PackagingError(
                f"architecture {self.architecture!r} is not a Lambda architecture",
                f"use one of {', '.join(ARCHITECTURES)}",
                argument="architecture",
            )
        if self.wants_dependencies:
            try:
                python_runtime(self.runtime)
            except PackagingError as exc:
                argument = "requirements" if self.requirements is not None else "requirements_file"
                raise PackagingError(exc.problem, exc.fix, argument=argument) from None

    @property
    def wants_dependencies(self) -> bool:
        """``True`` when requirements are to be installed into the zip."""
        return self.requirements is not None or self.requirements_file is not None

    @property
    def patterns(self) -> tuple[str, ...]:
        """Exclude patterns in force (the defaults first, when used)."""
        return (*DEFAULT_EXCLUDES, *self.exclude) if self.use_default_excludes else self.exclude

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """Names of every option (each is also a ``FunctionArgs`` key)."""
        return tuple(f.name for f in fields(cls))

    @classmethod
    def field_kinds(cls) -> dict[str, str]:
        """Field name -> ``"list"`` (of strings), ``"flag"`` (bool) or ``"text"`` (str)."""
        kinds = {}
        for f in fields(cls):
            kind = str(f.type)
            kinds[f.name] = (
                "list" if kind.startswith("tuple") else "flag" if kind == "bool" else "text"
            )
        return kinds

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> PackagingOptions:
        """Options from the keys of ``values`` named like fields (``None`` means the default)."""
        names = cls.field_names()
        return cls(**{k: v for k, v in values.items() if k in names and v is not None})


DEPENDENCY_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(PackagingOptions) if f.metadata.get("deps")
)
"""Options that decide a dependency install (hashed into its cache key)."""


def python_runtime(runtime: str) -> tuple[str, int]:
    """(Python version, glibc minor version) of a Python Lambda runtime."""
    info = runtime_info(runtime)
    if info is None or info.python_version is None or info.glibc is None:
        raise PackagingError(
            f"runtime {runtime!r} is not a Python runtime pip can target on Lambda (dependencies "
            "are installed only for python runtimes)",
            "use a python3.x runtime (python3.12 or later recommended), or package the code "
            "yourself and pass 'code'",
            argument="runtime",
        )
    return info.python_version, int(info.glibc.split(".")[1])


def pip_platforms(runtime: str = DEFAULT_RUNTIME, architecture: str = "arm64") -> list[str]:
    """pip ``--platform`` tags whose wheels run on ``runtime`` / ``architecture``.

    ``manylinux2014`` (glibc 2.17) plus every ``manylinux_2_N`` up to the glibc of the runtime's
    Amazon Linux: 2.34 on AL2023 (python3.12 and later), 2.26 on AL2 (python3.11 and earlier).
    """
    cpu = ARCHITECTURES.get(architecture)
    if cpu is None:
        raise PackagingError(
            f"architecture {architecture!r} is not a Lambda architecture",
            f"use one of {', '.join(ARCHITECTURES)}",
            argument="architecture",
        )
    _, glibc_minor = python_runtime(runtime)
    return [f"manylinux2014_{cpu}"] + [
        f"manylinux_2_{minor}_{cpu}" for minor in range(17, glibc_minor + 1)
    ]


def default_cache_dir() -> Path:
    """Where builds are cached: ``$NOVA_CACHE_DIR`` when set (used as is), else
    ``$XDG_CACHE_HOME/nova/lambda``, else ``~/.cache/nova/lambda``."""
    explicit = os.environ.get("NOVA_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "nova" / "lambda"


def cache_root(cache_dir: str | os.PathLike[str] | None) -> Path:
    """The cache folder, created when missing."""
    root = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PackagingError(
            f"cannot create the build cache folder {str(root)!r} ({exc.strerror})",
            "pass a writable 'cache_dir' or set NOVA_CACHE_DIR",
            argument="cache_dir",
        ) from exc
    return root


def options_from(
    options: PackagingOptions | None, overrides: Mapping[str, Any]
) -> PackagingOptions:
    """``options`` (or the defaults) with ``overrides`` (field name -> value) applied."""
    unknown = sorted(set(overrides) - set(PackagingOptions.field_names()))
    if unknown:
        raise TypeError(
            f"unknown packaging option {unknown[0]!r}; options are "
            f"{', '.join(PackagingOptions.field_names())}"
        )
    base = options or PackagingOptions()
    return replace(base, **overrides) if overrides else base
