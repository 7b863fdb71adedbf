"""Deterministic, Docker-free zip builds of Lambda code and its Python dependencies.

This module is pure Python (standard library only, no Pulumi: importing it does not import the
component), so it also serves build scripts and tests. The archive depends only on the *content*
of what it packs:

* entries are sorted, stamped 1980-01-01 00:00:00, owned by "Unix", with permissions normalised
  to ``0644`` for files, ``0755`` for directories and for files that have any execute bit;
* caches, tests, virtual environments and project metadata are left out (:data:`DEFAULT_EXCLUDES`);
* dependencies are installed with pip for the function's platform (manylinux wheels for the
  runtime's glibc and CPU, ``--only-binary=:all:``, no Docker), without byte code, and pip's
  machine-specific records (``RECORD``, ``direct_url.json``, console scripts) are dropped.

So the same inputs give the same bytes and the same SHA-256, and ``pulumi up`` does not redeploy
unchanged code. (Deflate output is stable for a given zlib implementation; machines that use
zlib-ng instead of zlib may produce different, equally valid, bytes.)

Every option is a field of :class:`PackagingOptions` (the same names as the packaging keys of
``FunctionArgs``); the functions below take an options object, keyword overrides of its fields,
or both: ``build_archive("src", requirements=["orjson"], architecture="x86_64")``.

Everything is cached under :func:`default_cache_dir`:

* ``deps/<key>/`` holds one dependency install per hash of (requirements, platform, runtime,
  pip options); a second build with the same key runs no pip at all (also during
  ``pulumi preview``), and the first one says on stderr (or through ``progress``) what it
  installs for which platform;
* ``archives/<tree-hash>.zip`` holds one zip per hash of the packed content; when the zip exists
  it is reused as is, so an unchanged tree costs one pass of hashing and no zipping.
"""

from __future__ import annotations

import base64
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import _packaging_files as files
from ._packaging_base import (
    ARCHITECTURES,
    DEFAULT_EXCLUDES,
    DependencyResolutionError,
    PackagingError,
    PackagingOptions,
    cache_root,
    default_cache_dir,
    options_from,
    pip_platforms,
)
from ._packaging_files import ZIP_DATE_TIME
from ._packaging_pip import (
    InstalledDependencies,
    Progress,
    dependency_cache_key,
    install_dependencies,
    pip_install_command,
)

__all__ = [
    "ARCHITECTURES",
    "DEFAULT_EXCLUDES",
    "MAX_UNZIPPED_BYTES",
    "MAX_ZIPPED_BYTES",
    "ZIP_DATE_TIME",
    "BuiltArchive",
    "DependencyResolutionError",
    "InstalledDependencies",
    "PackagingError",
    "PackagingOptions",
    "Progress",
    "build_archive",
    "default_cache_dir",
    "dependency_cache_key",
    "install_dependencies",
    "pip_install_command",
    "pip_platforms",
    "source_files",
]

MAX_ZIPPED_BYTES = 50 * 1024 * 1024
"""Lambda's limit for a zip uploaded directly with the function (50 MB)."""

MAX_UNZIPPED_BYTES = 250 * 1024 * 1024
"""Lambda's limit for the unzipped function code plus all its layers (250 MB)."""


@dataclass(frozen=True)
class BuiltArchive:
    """A zip ready for ``pulumi.FileArchive``."""

    path: Path
    """Location of the zip in the cache (its name is the hash of the packed content)."""
    sha256_b64: str
    """Base64 SHA-256 of the zip bytes: Lambda's ``CodeSha256`` and the provider's
    ``source_code_hash``."""
    sha256_hex: str
    """Hex SHA-256 of the zip bytes."""
    size: int
    """Zip size in bytes."""
    files: tuple[str, ...]
    """Archive names of the packed files (dependencies and code), sorted."""
    unzipped_size: int = 0
    """Sum of the packed files' sizes in bytes."""
    reused: bool = False
    """``True`` when the zip was already in the cache and was not written again."""


def source_files(
    code_path: str | os.PathLike[str],
    exclude: Sequence[str] = (),
    *,
    use_default_excludes: bool = True,
) -> list[str]:
    """Archive names (posix, sorted) of the files of ``code_path`` that go into the zip."""
    root = files.code_root(code_path)
    options = PackagingOptions(exclude=tuple(exclude), use_default_excludes=use_default_excludes)
    return [name for name, _ in files.walk(root, options.patterns)]


def build_archive(
    code_path: str | os.PathLike[str],
    options: PackagingOptions | None = None,
    *,
    progress: Progress | None = None,
    **overrides: Any,
) -> BuiltArchive:
    """Zip ``code_path`` (plus its dependencies, when given) deterministically into the cache.

    Dependencies go to the root of the zip, then the code on top (a code file wins over a
    dependency file with the same name). The zip is written only when no zip of the same
    content exists in the cache; pip runs only when the dependency install is not cached.
    """
    opts = options_from(options, overrides)
    root = files.code_root(code_path)
    entries: files.Entries = {}
    if opts.wants_dependencies:
        deps = install_dependencies(opts, progress=progress)
        for name, (content, executable, size) in deps.files.items():
            entries[name] = (deps.site_dir / name, content, executable, size)
    code = files.walk(root, opts.patterns)
    if not code:
        raise PackagingError(
            f"code folder {str(code_path)!r} has no files left after the exclude patterns",
            "check 'code_path' and 'exclude' (the defaults leave out tests, caches and "
            "project metadata)",
        )
    for name, path in code:
        content, executable, size = files.digest(path)
        entries[name] = (path, content, executable, size)

    archives = cache_root(opts.cache_dir) / "archives"
    archives.mkdir(parents=True, exist_ok=True)
    target = archives / f"{files.tree_hash(entries)}.zip"
    reused = target.is_file()
    if not reused:
        handle, tmp_name = tempfile.mkstemp(prefix=".build-", suffix=".zip", dir=archives)
        os.close(handle)
        tmp = Path(tmp_name)
        try:
            files.write_zip(entries, tmp)
            tmp.chmod(0o644)  # mkstemp creates 0600; the cache holds ordinary build outputs
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
    hex_digest = files.sha256_file(target)
    return BuiltArchive(
        path=target,
        sha256_b64=base64.b64encode(bytes.fromhex(hex_digest)).decode(),
        sha256_hex=hex_digest,
        size=target.stat().st_size,
        files=tuple(sorted(entries)),
        unzipped_size=sum(size for _, _, _, size in entries.values()),
        reused=reused,
    )
