"""Shared fixtures: an isolated build cache, a fixed evaluation date, small code folders, a local
folder of hand-made wheels (so dependency tests never touch the network) and a program building
one Function from such a folder.

The Function tests import their resource types and helpers from compute_support/, put on sys.path
here. Only that folder goes on it: this one holds a conftest.py, which must not shadow the
repository tests' own ``conftest`` module when both suites run in one session. Its module names
start with ``compute_``, so they do not collide with the support modules of the other packages'
tests.
"""

import base64
import datetime
import hashlib
import os
import sys
import zipfile
from pathlib import Path

import pytest

import nova_compute.runtimes
from nova_compute import Function, FunctionArgs
from nova_compute import _packaging_pip as pip_module

sys.path.insert(0, str(Path(__file__).resolve().parent / "compute_support"))

from compute_pip_runs import PipRuns  # found through the path set above

TODAY = datetime.date(2026, 11, 21)
WHEEL_TIME = (2026, 11, 21, 0, 0, 0)


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path, monkeypatch):
    """Every test builds into its own cache, never into ~/.cache."""
    cache = tmp_path / "nova-cache"
    monkeypatch.setenv("NOVA_CACHE_DIR", str(cache))
    return cache


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "real_pip: every pip run of the test is pip itself, never a replayed result"
    )


@pytest.fixture(scope="session")
def pip_store(tmp_path_factory):
    """Where pip results are kept for replay: one folder per session, shared by its workers."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the session's folder; each worker has its own under it
    store = base / "pip-runs"
    store.mkdir(exist_ok=True)
    return store


@pytest.fixture(autouse=True)
def pip_runs(request, pip_store, monkeypatch):
    """pip runs for real once per distinct install in a session and is replayed after that (see
    compute_support/compute_pip_runs.py), and never with coverage starting inside it: coverage
    measures Nova's packages only and pip imports none of them, so measuring pip found nothing
    and doubled the time of every install (``patch = ["subprocess"]`` passes
    ``COVERAGE_PROCESS_CONFIG`` on)."""
    real_run = pip_module._run

    def unmeasured(command, cwd):
        with pytest.MonkeyPatch.context() as patch:
            patch.delenv("COVERAGE_PROCESS_CONFIG", raising=False)
            return real_run(command, cwd)

    replay = request.node.get_closest_marker("real_pip") is None
    runs = PipRuns(pip_store, unmeasured, replay=replay)
    monkeypatch.setattr(pip_module, "_run", runs)
    return runs


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Runtime lifecycle checks run against a fixed day, so results do not drift with time."""
    monkeypatch.setattr(nova_compute.runtimes, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def app_dir(tmp_path):
    """A small function folder with code, a test, caches and project files."""
    root = tmp_path / "app"
    (root / "lib").mkdir(parents=True)
    (root / "app.py").write_text("def handler(event, context):\n    return {'ok': True}\n")
    (root / "lib" / "__init__.py").write_text("")
    (root / "lib" / "util.py").write_text("VALUE = 1\n")
    (root / "tests").mkdir()
    (root / "tests" / "test_app.py").write_text("def test_x():\n    pass\n")
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "app.cpython-313.pyc").write_bytes(b"\x00\x01")
    (root / "pyproject.toml").write_text("[project]\nname='app'\n")
    (root / "requirements.txt").write_text("requests\n")
    (root / "README.md").write_text("# app\n")
    return root


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def make_wheel(
    folder: Path,
    project: str,
    version: str = "1.0.0",
    tag: str = "py3-none-any",
    files: dict[str, str] | None = None,
    requires: tuple[str, ...] = (),
) -> Path:
    """Write a minimal, valid wheel by hand (no build backend, no network); the same arguments
    give the same bytes."""
    module = project.replace("-", "_")
    files = files or {f"{module}/__init__.py": f"NAME = {project!r}\nVERSION = {version!r}\n"}
    dist_info = f"{module}-{version}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {project}\nVersion: {version}\n" + "".join(
        f"Requires-Dist: {r}\n" for r in requires
    )
    wheel_meta = f"Wheel-Version: 1.0\nGenerator: nova-tests\nRoot-Is-Purelib: true\nTag: {tag}\n"
    contents = {**files, f"{dist_info}/METADATA": metadata, f"{dist_info}/WHEEL": wheel_meta}
    record = [_record_line(n, d.encode()) for n, d in contents.items()]
    record.append(f"{dist_info}/RECORD,,")
    contents[f"{dist_info}/RECORD"] = "\n".join(record) + "\n"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{module}-{version}-{tag}.whl"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in contents.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=WHEEL_TIME), data)
    return path


@pytest.fixture
def wheelhouse(tmp_path):
    """A local wheel folder: a pure-Python package, one depending on it, and an x86-only one."""
    folder = tmp_path / "wheels"
    make_wheel(folder, "nova-tiny", files={"nova_tiny/__init__.py": "GREETING = 'hi'\n"})
    make_wheel(folder, "nova-top", requires=("nova-tiny",))
    make_wheel(
        folder,
        "nova-native",
        tag="cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64",
        files={"nova_native/__init__.py": "NATIVE = True\n"},
    )
    return folder


@pytest.fixture
def wheel_maker():
    """``make_wheel`` for tests that need one more wheel."""
    return make_wheel


@pytest.fixture
def build(app_dir):
    """``build(**args)`` -> a program creating Function('fn') from the app folder."""

    def program(name="fn", opts=None, **args):
        args.setdefault("code_path", str(app_dir))
        return lambda: Function(name, FunctionArgs(**args), opts)

    return program
