"""Deterministic, Docker-free zip builds of Lambda code and its Python dependencies.

This module is pure Python (standard library only, no Pulumi), so it also serves build scripts and
tests. The archive depends only on the *content* of what it packs:

* entries are sorted, stamped 1980-01-01 00:00:00, owned by "Unix", with permissions normalised
  to ``0644`` for files, ``0755`` for directories and for files that have any execute bit;
* caches, tests, virtual environments and project metadata are left out (:data:`DEFAULT_EXCLUDES`);
* dependencies are installed with pip for the function's platform (manylinux wheels for the
  runtime's glibc and CPU, ``--only-binary=:all:``, no Docker), without byte code, and pip's
  machine-specific records (``RECORD``, ``direct_url.json``, console scripts) are dropped.

So the same inputs give the same bytes and the same SHA-256, and ``pulumi up`` does not redeploy
unchanged code. (Deflate output is stable for a given zlib implementation; machines that use
zlib-ng instead of zlib may produce different, equally valid, bytes.)

Everything is cached under :func:`default_cache_dir`:

* ``deps/<key>/`` holds one dependency install per hash of (requirements, platform, runtime,
  pip options); a second build with the same key runs no pip at all;
* ``archives/<tree-hash>.zip`` holds one zip per hash of the packed content; when the zip exists
  it is reused as is, so an unchanged tree costs one pass of hashing and no zipping.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from .runtimes import DEFAULT_RUNTIME, runtime_info

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
    "build_archive",
    "default_cache_dir",
    "dependency_cache_key",
    "install_dependencies",
    "pip_install_command",
    "pip_platforms",
    "source_files",
]

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

ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
"""Timestamp of every zip entry (the earliest a zip can hold)."""

MAX_ZIPPED_BYTES = 50 * 1024 * 1024
"""Lambda's limit for a zip uploaded directly with the function (50 MB)."""

MAX_UNZIPPED_BYTES = 250 * 1024 * 1024
"""Lambda's limit for the unzipped function code plus all its layers (250 MB)."""

ARCHITECTURES: dict[str, str] = {"arm64": "aarch64", "x86_64": "x86_64"}
"""Lambda architecture -> the CPU name used in manylinux platform tags."""

_FORMAT = "nova-lambda-zip/1 deflate-9"
_DEPS_FORMAT = "nova-lambda-deps/1"
_FILE_MODE = 0o100644
_EXEC_MODE = 0o100755
_DIR_MODE = 0o040755
_UNIX = 3
_CHUNK = 1024 * 1024

_NO_MATCH = re.compile(r"No matching distribution found for (\S+)")
_NO_VERSION = re.compile(r"Could not find a version that satisfies the requirement (\S+)")
_PIP_OWNED_OPTIONS = (
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


class PackagingError(ValueError):
    """A code folder or its dependencies cannot be packaged; the message says how to fix it."""

    def __init__(self, problem: str, fix: str, *, argument: str = "code_path") -> None:
        self.problem = problem
        self.fix = fix
        self.argument = argument
        """The ``FunctionArgs`` key the problem is about."""
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


@dataclass(frozen=True)
class InstalledDependencies:
    """A dependency install in the cache."""

    site_dir: Path
    """Folder holding the installed packages (what goes to the root of the zip)."""
    key: str
    """Hash of the inputs that produced it (cache key)."""
    files: dict[str, tuple[str, bool, int]] = field(repr=False)
    """Archive name -> (sha256 hex, executable, size) of every file kept."""
    reused: bool = False
    """``True`` when the install came from the cache (pip did not run)."""


# -- cache ------------------------------------------------------------------------------------
def default_cache_dir() -> Path:
    """Where builds are cached: ``$NOVA_CACHE_DIR`` when set (used as is), else
    ``$XDG_CACHE_HOME/nova/lambda``, else ``~/.cache/nova/lambda``."""
    explicit = os.environ.get("NOVA_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "nova" / "lambda"


def _cache(cache_dir: str | os.PathLike[str] | None) -> Path:
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


# -- file selection ---------------------------------------------------------------------------
def _matches(rel: str, name: str, is_dir: bool, patterns: Iterable[str]) -> bool:
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


def _walk(root: Path, patterns: Sequence[str]) -> list[tuple[str, Path]]:
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
        dirnames[:] = sorted(d for d in dirnames if not _matches(prefix + d, d, True, patterns))
        for filename in sorted(filenames):
            rel = prefix + filename
            path = here / filename
            if _matches(rel, filename, False, patterns) or not path.is_file():
                continue
            found.append((rel, path))
    found.sort()
    return found


def _check_code_path(code_path: str | os.PathLike[str]) -> Path:
    root = Path(code_path).expanduser()
    if not root.is_dir():
        raise PackagingError(
            f"code folder {str(code_path)!r} does not exist or is not a folder",
            "point 'code_path' at the folder holding the handler module (its content becomes "
            "the root of the zip)",
        )
    return root


def source_files(
    code_path: str | os.PathLike[str],
    exclude: Sequence[str] = (),
    *,
    use_default_excludes: bool = True,
) -> list[str]:
    """Archive names (posix, sorted) of the files of ``code_path`` that go into the zip."""
    root = _check_code_path(code_path)
    patterns = (*DEFAULT_EXCLUDES, *exclude) if use_default_excludes else tuple(exclude)
    return [name for name, _ in _walk(root, patterns)]


def _digest(path: Path) -> tuple[str, bool, int]:
    sha = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            sha.update(chunk)
            size += len(chunk)
    executable = bool(path.stat().st_mode & 0o111)
    return sha.hexdigest(), executable, size


# -- dependencies -----------------------------------------------------------------------------
def _python_runtime(runtime: str) -> tuple[str, int]:
    """(Python version, glibc minor version) of a Python Lambda runtime."""
    info = runtime_info(runtime)
    if info is None or info.python_version is None or info.glibc is None:
        raise PackagingError(
            f"runtime {runtime!r} is not a Python runtime pip can target on Lambda",
            "install Python dependencies only for python3.x runtimes (python3.12 or later "
            "recommended); package other runtimes yourself and pass 'code'",
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
    _, glibc_minor = _python_runtime(runtime)
    return [f"manylinux2014_{cpu}"] + [
        f"manylinux_2_{minor}_{cpu}" for minor in range(17, glibc_minor + 1)
    ]


def _absolute_links(find_links: Sequence[str]) -> list[str]:
    out = []
    for link in find_links:
        out.append(link if "://" in link else str(Path(link).expanduser().resolve()))
    return out


def _links_fingerprint(find_links: Sequence[str]) -> list[list[object]]:
    """What the local wheel folders hold (names and sizes), so a new wheel changes the key."""
    prints: list[list[object]] = []
    for link in find_links:
        path = Path(link)
        if "://" not in link and path.is_dir():
            prints.append(
                [link, sorted([p.name, p.stat().st_size] for p in path.iterdir() if p.is_file())]
            )
        elif "://" not in link and path.is_file():
            prints.append([link, path.stat().st_size])
        else:
            prints.append([link])
    return prints


def _requirements_text(
    requirements: Sequence[str] | None, requirements_file: str | os.PathLike[str] | None
) -> str:
    if requirements_file is not None:
        path = Path(requirements_file).expanduser()
        if not path.is_file():
            raise PackagingError(
                f"requirements file {str(requirements_file)!r} does not exist",
                "point 'requirements_file' at a pip requirements file, or pass 'requirements' "
                "as a list",
                argument="requirements_file",
            )
        return path.read_text("utf-8")
    return "".join(f"{line.strip()}\n" for line in requirements or ())


def dependency_cache_key(
    requirements_text: str,
    *,
    runtime: str = DEFAULT_RUNTIME,
    architecture: str = "arm64",
    pip_extra_args: Sequence[str] = (),
    find_links: Sequence[str] = (),
    index_url: str | None = None,
    no_index: bool = False,
) -> str:
    """Hex hash of everything that decides a dependency install."""
    payload = {
        "format": _DEPS_FORMAT,
        "requirements": requirements_text,
        "runtime": runtime,
        "platforms": pip_platforms(runtime, architecture),
        "pip_extra_args": list(pip_extra_args),
        "find_links": _links_fingerprint(_absolute_links(find_links)),
        "index_url": index_url,
        "no_index": no_index,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def pip_install_command(
    target: str | os.PathLike[str],
    requirements_file: str | os.PathLike[str],
    *,
    runtime: str = DEFAULT_RUNTIME,
    architecture: str = "arm64",
    pip_extra_args: Sequence[str] = (),
    find_links: Sequence[str] = (),
    index_url: str | None = None,
    no_index: bool = False,
) -> list[str]:
    """The pip command that installs ``requirements_file`` into ``target`` for Lambda."""
    python_version, _ = _python_runtime(runtime)
    platforms = pip_platforms(runtime, architecture)
    for arg in pip_extra_args:
        option = arg.split("=", 1)[0]
        if option in _PIP_OWNED_OPTIONS:
            raise PackagingError(
                f"pip option {arg!r} in 'pip_extra_args' conflicts with the options that target "
                "the Lambda platform",
                "remove it: the target folder, platform, Python version, implementation and "
                "binary-only mode are set from 'runtime' and 'architecture'",
                argument="pip_extra_args",
            )
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--target",
        str(target),
        "--implementation",
        "cp",
        "--python-version",
        python_version,
        "--only-binary=:all:",
        "--no-compile",
        "--no-input",
        "--disable-pip-version-check",
    ]
    for platform in platforms:
        command += ["--platform", platform]
    if index_url:
        command += ["--index-url", index_url]
    if no_index:
        command.append("--no-index")
    for link in _absolute_links(find_links):
        command += ["--find-links", link]
    command += list(pip_extra_args)
    command += ["-r", str(requirements_file)]
    return command


def _run(command: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command and capture its output (tests replace this to observe pip calls)."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        list(command), cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def _dependency_excluded(rel: str, name: str, is_dir: bool) -> bool:
    """Files pip leaves behind that are machine-specific or useless on Lambda."""
    if is_dir:
        return name == "__pycache__" or rel == "bin"
    if name.endswith((".pyc", ".pyo")):
        return True
    parent = rel.rsplit("/", 1)[0] if "/" in rel else ""
    return parent.endswith(".dist-info") and name in ("RECORD", "direct_url.json")


def _prune_dependencies(site: Path) -> dict[str, tuple[str, bool, int]]:
    files: dict[str, tuple[str, bool, int]] = {}
    for current, dirnames, filenames in os.walk(site):
        here = Path(current)
        rel_dir = here.relative_to(site).as_posix()
        prefix = "" if rel_dir == "." else rel_dir + "/"
        for d in list(dirnames):
            if _dependency_excluded(prefix + d, d, True):
                shutil.rmtree(here / d)
                dirnames.remove(d)
        for filename in filenames:
            path = here / filename
            if _dependency_excluded(prefix + filename, filename, False):
                path.unlink()
            elif path.is_file():
                files[prefix + filename] = _digest(path)
    return dict(sorted(files.items()))


def _pip_failure(
    result: subprocess.CompletedProcess[str], platforms: Sequence[str], python_version: str
) -> PackagingError:
    output = f"{result.stderr}\n{result.stdout}"
    for pattern in (_NO_MATCH, _NO_VERSION):
        found = pattern.search(output)
        if found:
            return DependencyResolutionError(found.group(1), platforms, python_version)
    if "No module named pip" in output:
        return PackagingError(
            f"pip is not installed for {sys.executable}",
            "install pip into the environment that runs Pulumi (python -m ensurepip)",
            argument="requirements",
        )
    tail = "\n".join(output.strip().splitlines()[-12:])
    return PackagingError(
        f"pip failed with exit code {result.returncode} while installing the function's "
        f"dependencies; pip's last lines:\n{tail}\n(end of pip output)",
        "fix the requirement pip names above (run the same pip command by hand to see more)",
        argument="requirements",
    )


def install_dependencies(
    *,
    requirements: Sequence[str] | None = None,
    requirements_file: str | os.PathLike[str] | None = None,
    runtime: str = DEFAULT_RUNTIME,
    architecture: str = "arm64",
    cache_dir: str | os.PathLike[str] | None = None,
    pip_extra_args: Sequence[str] = (),
    find_links: Sequence[str] = (),
    index_url: str | None = None,
    no_index: bool = False,
) -> InstalledDependencies:
    """Install requirements for Lambda into the cache, or reuse the install with the same key."""
    text = _requirements_text(requirements, requirements_file)
    key = dependency_cache_key(
        text,
        runtime=runtime,
        architecture=architecture,
        pip_extra_args=pip_extra_args,
        find_links=find_links,
        index_url=index_url,
        no_index=no_index,
    )
    deps_root = _cache(cache_dir) / "deps"
    final = deps_root / key
    manifest = final / "manifest.json"
    if manifest.is_file():
        data = json.loads(manifest.read_text("utf-8"))
        files = {name: (row[0], bool(row[1]), int(row[2])) for name, row in data["files"].items()}
        return InstalledDependencies(final / "site", key, files, reused=True)

    python_version, _ = _python_runtime(runtime)
    platforms = pip_platforms(runtime, architecture)
    deps_root.mkdir(parents=True, exist_ok=True)
    work = deps_root / f".{key}.{uuid.uuid4().hex}.tmp"
    site = work / "site"
    site.mkdir(parents=True)
    try:
        if requirements_file is not None:
            req_path = Path(requirements_file).expanduser().resolve()
        else:
            req_path = work / "requirements.txt"
            req_path.write_text(text, "utf-8")
        command = pip_install_command(
            site,
            req_path,
            runtime=runtime,
            architecture=architecture,
            pip_extra_args=pip_extra_args,
            find_links=find_links,
            index_url=index_url,
            no_index=no_index,
        )
        result = _run(command, req_path.parent)
        if result.returncode != 0:
            raise _pip_failure(result, platforms, python_version)
        files = _prune_dependencies(site)
        (work / "manifest.json").write_text(
            json.dumps(
                {"format": _DEPS_FORMAT, "files": {k: list(v) for k, v in files.items()}},
                indent=0,
                sort_keys=True,
            ),
            "utf-8",
        )
        if req_path.parent == work:
            req_path.unlink()
        try:
            os.replace(work, final)
        except OSError:
            if not manifest.is_file():  # a broken leftover, not a concurrent build: replace it
                shutil.rmtree(final, ignore_errors=True)
                os.replace(work, final)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return InstalledDependencies(final / "site", key, files, reused=False)


# -- archive ----------------------------------------------------------------------------------
def _tree_hash(entries: dict[str, tuple[Path, str, bool, int]]) -> str:
    sha = hashlib.sha256(f"{_FORMAT}\n".encode())
    for name in sorted(entries):
        _, digest, executable, _ = entries[name]
        sha.update(f"{name}\0{'x' if executable else '-'}\0{digest}\n".encode())
    return sha.hexdigest()


def _write_zip(entries: dict[str, tuple[Path, str, bool, int]], target: Path) -> None:
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
                shutil.copyfileobj(src, dst, _CHUNK)


def _sha256_file(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            sha.update(chunk)
    return sha.hexdigest()


def build_archive(
    code_path: str | os.PathLike[str],
    *,
    exclude: Sequence[str] = (),
    use_default_excludes: bool = True,
    requirements: Sequence[str] | None = None,
    requirements_file: str | os.PathLike[str] | None = None,
    runtime: str = DEFAULT_RUNTIME,
    architecture: str = "arm64",
    cache_dir: str | os.PathLike[str] | None = None,
    pip_extra_args: Sequence[str] = (),
    find_links: Sequence[str] = (),
    index_url: str | None = None,
    no_index: bool = False,
) -> BuiltArchive:
    """Zip ``code_path`` (plus its dependencies, when given) deterministically into the cache.

    Dependencies go to the root of the zip, then the code on top (a code file wins over a
    dependency file with the same name). The zip is written only when no zip of the same
    content exists in the cache.
    """
    if requirements is not None and requirements_file is not None:
        raise PackagingError(
            "both 'requirements' and 'requirements_file' are given",
            "pass one of them",
            argument="requirements",
        )
    root = _check_code_path(code_path)
    patterns = (*DEFAULT_EXCLUDES, *exclude) if use_default_excludes else tuple(exclude)
    entries: dict[str, tuple[Path, str, bool, int]] = {}
    if requirements is not None or requirements_file is not None:
        deps = install_dependencies(
            requirements=requirements,
            requirements_file=requirements_file,
            runtime=runtime,
            architecture=architecture,
            cache_dir=cache_dir,
            pip_extra_args=pip_extra_args,
            find_links=find_links,
            index_url=index_url,
            no_index=no_index,
        )
        for name, (digest, executable, size) in deps.files.items():
            entries[name] = (deps.site_dir / name, digest, executable, size)
    code = _walk(root, patterns)
    if not code:
        raise PackagingError(
            f"code folder {str(code_path)!r} has no files left after the exclude patterns",
            "check 'code_path' and 'exclude' (the defaults leave out tests, caches and "
            "project metadata)",
        )
    for name, path in code:
        digest, executable, size = _digest(path)
        entries[name] = (path, digest, executable, size)

    archives = _cache(cache_dir) / "archives"
    archives.mkdir(parents=True, exist_ok=True)
    target = archives / f"{_tree_hash(entries)}.zip"
    reused = target.is_file()
    if not reused:
        handle, tmp_name = tempfile.mkstemp(prefix=".build-", suffix=".zip", dir=archives)
        os.close(handle)
        tmp = Path(tmp_name)
        try:
            _write_zip(entries, tmp)
            tmp.chmod(0o644)  # mkstemp creates 0600; the cache holds ordinary build outputs
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
    hex_digest = _sha256_file(target)
    return BuiltArchive(
        path=target,
        sha256_b64=base64.b64encode(bytes.fromhex(hex_digest)).decode(),
        sha256_hex=hex_digest,
        size=target.stat().st_size,
        files=tuple(sorted(entries)),
        unzipped_size=sum(size for _, _, _, size in entries.values()),
        reused=reused,
    )
