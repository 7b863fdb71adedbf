"""File selection, content hashing and deterministic zip writing (pure Python)."""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase
from pathlib import Path

from ._packaging_base import PackagingError

ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
"""Timestamp of every zip entry (the earliest a zip can hold)."""

FORMAT = "nova-lambda-zip/1 deflate-9"
CHUNK = 1024 * 1024
_FILE_MODE = 0o100644
_EXEC_MODE = 0o100755
_DIR_MODE = 0o040755
_UNIX = 3

Entries = dict[str, tuple[Path, str, bool, int]]
"""Archive name -> (path, sha256 hex, executable, size)."""


def matches(rel: str, name: str, is_dir: bool, patterns: Iterable[str]) -> bool:
    """``True`` when ``rel`` (named ``name``) is excluded by one of ``patterns``."""
    for pattern in patterns:
        if pattern.endswith("/"):
            body = pattern.rstrip("/")
            if is_dir and (
                fnmatchcase(rel, body.lstrip("/")) if "/" in body else fnmatchcase(name, body)
            ):
                return True
        elif "/" in pattern:
            if fnmatchcase(rel, pattern.lstrip("/")):
                return True
        elif fnmatchcase(name, pattern):
            return True
    return False


def walk(root: Path, patterns: Sequence[str]) -> list[tuple[str, Path]]:
    """(archive name, path) of every file under ``root`` not excluded, sorted by name."""
    found: list[tuple[str, Path]] = []
    seen_dirs: set[str] = set()
    for current, dirnames, filenames in os.walk(root, followlinks=True):
        here = Path(current)
        real = os.path.realpath(here)
        if real in seen_dirs:  # a symlink loop: do not descend twice
            dirnames[:] = []
            continue
        seen_dirs.add(real)
        rel_dir = here.relative_to(root).as_posix()
        prefix = "" if rel_dir == "." else rel_dir + "/"
        dirnames[:] = sorted(d for d in dirnames if not matches(prefix + d, d, True, patterns))
        for filename in sorted(filenames):
            rel = prefix + filename
            path = here / filename
            if matches(rel, filename, False, patterns) or not path.is_file():
                continue
            found.append((rel, path))
    found.sort()
    return found


def code_root(code_path: str | os.PathLike[str]) -> Path:
    """The code folder, which must exist."""
    root = Path(code_path).expanduser()
    if not root.is_dir():
        raise PackagingError(
            f"code folder {str(code_path)!r} does not exist or is not a folder",
            "point 'code_path' at the folder holding the handler module (its content becomes "
            "the root of the zip)",
        )
    return root


def digest(path: Path) -> tuple[str, bool, int]:
    """(sha256 hex, executable, size) of a file."""
    sha = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
    executable = bool(path.stat().st_mode & 0o111)
    return sha.hexdigest(), executable, size


def tree_hash(entries: Entries) -> str:
    """Hash of what a zip of ``entries`` holds (names, modes and content)."""
    sha = hashlib.sha256(f"{FORMAT}\n".encode())
    for name in sorted(entries):
        _, content, executable, _ = entries[name]
        sha.update(f"{name}\0{'x' if executable else '-'}\0{content}\n".encode())
    return sha.hexdigest()


def write_zip(entries: Entries, target: Path) -> None:
    """Write ``entries`` as a deterministic zip (sorted, fixed dates and modes)."""
    directories = {
        "/".join(name.split("/")[:depth]) + "/"
        for name in entries
        for depth in range(1, name.count("/") + 1)
    }
    names = sorted([*entries, *directories])
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            info.create_system = _UNIX
            if name in directories:
                info.external_attr = (_DIR_MODE << 16) | 0x10
                info.compress_type = zipfile.ZIP_STORED
                zf.writestr(info, b"")
                continue
            path, _, executable, size = entries[name]
            info.external_attr = (_EXEC_MODE if executable else _FILE_MODE) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.file_size = size
            with path.open("rb") as src, zf.open(info, "w", force_zip64=size > 2**31) as dst:
                shutil.copyfileobj(src, dst, CHUNK)


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file."""
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
    return sha.hexdigest()
