"""pip for the packaging tests: run for real once per distinct install, replayed after that.

Most dependency tests assert what Nova does around pip (the cache and its keys, the zip, the
progress line, the errors it reports from pip's output), each in its own cache, and about twenty
of them installed the same wheels with the same command, a second of pip each. Here the first
run of an install (per test session) is pip itself, and its result (exit code, output, the files
it left in ``--target``) is kept in a folder shared by the session's workers; a later run of the
same install gets a copy of it. Nova's own code runs unchanged in every test: it still calls
``_run``, builds, prunes and zips what pip left.

An install is "the same" when everything pip reads is: the command with its ``--target`` left
out, the text of the requirements file, the bytes of every file in the ``--find-links`` folders,
and the ``PIP_*`` environment. Anything else that could change what pip does (a requirements
line other than a plain specifier, another argument naming a file) runs pip for real. Tests
whose point is what a real pip writes (two installs compared) mark themselves ``real_pip``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: two workers may then both run a new install
    fcntl = None  # type: ignore[assignment]

Run = Callable[[Sequence[str], Path], subprocess.CompletedProcess[str]]

_PLAIN_REQUIREMENT = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:(?:==|~=|!=|>=|<=|<|>)\s*[\w.*+!-]+)?"
)
_VALUED = ("--target", "--find-links", "-r")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _links_print(link: str) -> object:
    path = Path(link)
    if "://" in link:
        return link
    if path.is_dir():
        return sorted([p.name, _sha256(p)] for p in path.iterdir() if p.is_file())
    if path.is_file():
        return _sha256(path)
    return ["missing", link]


def install_key(command: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """What decides the result of this pip command, hashed; ``None`` when more than that could."""
    parts: list[object] = []
    args = list(command)
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in _VALUED and index + 1 < len(args):
            value = args[index + 1]
            if arg == "--find-links":
                parts.append([arg, _links_print(value)])
            elif arg == "-r":
                text = Path(value).read_text("utf-8")
                lines = [line.strip() for line in text.splitlines() if line.strip()]
                if not all(_PLAIN_REQUIREMENT.fullmatch(line) for line in lines):
                    return None
                parts.append([arg, text])
            else:
                parts.append([arg])
            index += 2
            continue
        if index > 0 and os.sep in arg and Path(arg).exists():
            return None  # a file pip reads that the key does not fingerprint
        parts.append(arg)
        index += 1
    if "--target" not in args:
        return None
    parts.append(sorted([k, v] for k, v in environ.items() if k.startswith("PIP_")))
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _target(command: Sequence[str]) -> Path:
    args = list(command)
    return Path(args[args.index("--target") + 1])


_WARMED: list[bool] = []


def _warm_pip_byte_code() -> None:
    """Cache pip's own byte code, once per process: Nova runs pip with PYTHONDONTWRITEBYTECODE=1,
    so under a PYTHONPYCACHEPREFIX nothing would ever write it and every run compiled pip again."""
    if _WARMED or os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return
    _WARMED.append(True)
    env = {k: v for k, v in os.environ.items() if k != "COVERAGE_PROCESS_CONFIG"}
    subprocess.run(
        [sys.executable, "-c", "import pip._internal.cli.main, pip._internal.commands.install"],
        env=env,
        capture_output=True,
        check=False,
    )


@contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """Hold ``lock`` against the session's other workers (where the platform has ``fcntl``)."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


class PipRuns:
    """Replaces ``_packaging_pip._run``: real pip once per install, a copy of its result after."""

    def __init__(self, store: Path, real_run: Run, *, replay: bool = True) -> None:
        self.store = store
        self.real_run = real_run
        self.replay = replay
        self.real_runs = 0
        self.replayed = 0

    def __call__(self, command: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
        key = install_key(command, os.environ) if self.replay else None
        if key is None:
            return self._run(command, cwd)
        kept = self.store / key
        with _exclusive(self.store / f".{key}.lock"):  # the other worker may be installing it
            if (kept / "result.json").is_file():
                self.replayed += 1
                result = json.loads((kept / "result.json").read_text("utf-8"))
                shutil.copytree(kept / "site", _target(command), symlinks=True, dirs_exist_ok=True)
                return subprocess.CompletedProcess(
                    list(command), result["returncode"], result["stdout"], result["stderr"]
                )
            completed = self._run(command, cwd)
            self._keep(kept, command, completed)
            return completed

    def _run(self, command: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
        _warm_pip_byte_code()
        self.real_runs += 1
        return self.real_run(command, cwd)

    def _keep(
        self, kept: Path, command: Sequence[str], completed: subprocess.CompletedProcess[str]
    ) -> None:
        """Publish the result whole or not at all (another worker may publish the same key)."""
        work = self.store / f".{kept.name}.{uuid.uuid4().hex}.tmp"
        target = _target(command)
        if target.is_dir():
            shutil.copytree(target, work / "site", symlinks=True)
        else:
            (work / "site").mkdir(parents=True)
        result = {k: getattr(completed, k) for k in ("returncode", "stdout", "stderr")}
        (work / "result.json").write_text(json.dumps(result), "utf-8")
        try:
            os.replace(work, kept)
        except OSError:  # kept by another worker meanwhile: same inputs, same result
            shutil.rmtree(work, ignore_errors=True)
