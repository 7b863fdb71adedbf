"""Docker-free installs of Python dependencies for the Lambda platform, cached by content."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._packaging_base import (
    DependencyResolutionError,
    PackagingError,
    PackagingOptions,
    cache_root,
    options_from,
    pip_platforms,
    python_runtime,
)
from ._packaging_files import digest

DEPS_FORMAT = "nova-lambda-deps/1"
_NO_MATCH = re.compile(r"No matching distribution found for (\S+)")
_NO_VERSION = re.compile(r"Could not find a version that satisfies the requirement (\S+)")

Progress = Callable[[str], None]
"""Receives one line before slow work starts (pip); the default writes it to stderr."""


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


def to_stderr(message: str) -> None:
    """The default :data:`Progress`: one line on stderr."""
    print(message, file=sys.stderr, flush=True)


def _absolute_links(find_links: Sequence[str]) -> list[str]:
    return [
        link if "://" in link else str(Path(link).expanduser().resolve()) for link in find_links
    ]


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


def requirements_text(options: PackagingOptions) -> str:
    """The requirements to install, as the text of a requirements file."""
    if options.requirements_file is not None:
        path = Path(options.requirements_file).expanduser()
        if not path.is_file():
            raise PackagingError(
                f"requirements file {options.requirements_file!r} does not exist",
                "point 'requirements_file' at a pip requirements file, or pass 'requirements' "
                "as a list",
                argument="requirements_file",
            )
        return path.read_text("utf-8")
    return "".join(f"{line.strip()}\n" for line in options.requirements or ())


def dependency_cache_key(
    requirements_text: str, options: PackagingOptions | None = None, **overrides: Any
) -> str:
    """Hex hash of everything that decides a dependency install: the requirements' text and
    the options marked ``deps`` in :class:`PackagingOptions`."""
    opts = options_from(options, overrides)
    payload = {
        "format": DEPS_FORMAT,
        "requirements": requirements_text,
        "runtime": opts.runtime,
        "platforms": pip_platforms(opts.runtime, opts.architecture),
        "pip_extra_args": list(opts.pip_extra_args),
        "find_links": _links_fingerprint(_absolute_links(opts.find_links)),
        "index_url": opts.index_url,
        "no_index": opts.no_index,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def pip_install_command(
    target: str | os.PathLike[str],
    requirements_file: str | os.PathLike[str],
    options: PackagingOptions | None = None,
    **overrides: Any,
) -> list[str]:
    """The pip command that installs ``requirements_file`` into ``target`` for Lambda."""
    opts = options_from(options, overrides)
    python_version, _ = python_runtime(opts.runtime)
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
    for platform in pip_platforms(opts.runtime, opts.architecture):
        command += ["--platform", platform]
    if opts.index_url:
        command += ["--index-url", opts.index_url]
    if opts.no_index:
        command.append("--no-index")
    for link in _absolute_links(opts.find_links):
        command += ["--find-links", link]
    command += list(opts.pip_extra_args)
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


def prune_dependencies(site: Path) -> dict[str, tuple[str, bool, int]]:
    """Drop machine-specific files pip wrote; return the kept files' digests."""
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
                files[prefix + filename] = digest(path)
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


def describe(options: PackagingOptions, platforms: Sequence[str], python_version: str) -> str:
    """What a first dependency install does, in one line."""
    if options.requirements_file is not None:
        what = f"the requirements in {options.requirements_file}"
    else:
        listed = ", ".join(options.requirements or ())
        what = f"{len(options.requirements or ())} requirement(s) ({listed})"
    return (
        f"installing {what} with pip for {platforms[-1]} (CPython {python_version}, "
        f"{options.architecture}, {options.runtime}); first build of these dependencies, later "
        "builds reuse the cache"
    )


def install_dependencies(
    options: PackagingOptions | None = None,
    *,
    progress: Progress | None = None,
    **overrides: Any,
) -> InstalledDependencies:
    """Install requirements for Lambda into the cache, or reuse the install with the same key.

    pip runs only when no install with the same key is cached; ``progress`` (default: stderr)
    gets one line saying what is installed for which platform before it does."""
    opts = options_from(options, overrides)
    text = requirements_text(opts)
    key = dependency_cache_key(text, opts)
    deps_root = cache_root(opts.cache_dir) / "deps"
    final = deps_root / key
    manifest = final / "manifest.json"
    if manifest.is_file():
        data = json.loads(manifest.read_text("utf-8"))
        files = {name: (row[0], bool(row[1]), int(row[2])) for name, row in data["files"].items()}
        return InstalledDependencies(final / "site", key, files, reused=True)

    python_version, _ = python_runtime(opts.runtime)
    platforms = pip_platforms(opts.runtime, opts.architecture)
    (progress or to_stderr)(describe(opts, platforms, python_version))
    deps_root.mkdir(parents=True, exist_ok=True)
    work = deps_root / f".{key}.{uuid.uuid4().hex}.tmp"
    site = work / "site"
    site.mkdir(parents=True)
    try:
        if opts.requirements_file is not None:
            req_path = Path(opts.requirements_file).expanduser().resolve()
        else:
            req_path = work / "requirements.txt"
            req_path.write_text(text, "utf-8")
        result = _run(pip_install_command(site, req_path, opts), req_path.parent)
        if result.returncode != 0:
            raise _pip_failure(result, platforms, python_version)
        files = prune_dependencies(site)
        (work / "manifest.json").write_text(
            json.dumps(
                {"format": DEPS_FORMAT, "files": {k: list(v) for k, v in files.items()}},
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
