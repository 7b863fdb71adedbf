"""The packaging tests' pip replay (compute_support/compute_pip_runs.py) gives what pip gives,
and runs pip for real whenever an install depends on more than its key holds."""

import subprocess
import sys
from pathlib import Path

from compute_pip_runs import PipRuns, install_key

from nova_compute import _packaging_pip as pip_module
from nova_compute.packaging import install_dependencies, pip_install_command


def _command(tmp_path, wheelhouse, target="site", requirements="nova-top\n", **options):
    req = tmp_path / f"req-{target}.txt"
    req.write_text(requirements)
    return pip_install_command(
        tmp_path / target, req, find_links=[str(wheelhouse)], no_index=True, **options
    )


def test_a_replayed_install_keeps_the_same_files_as_the_real_one(
    wheelhouse, tmp_path, pip_runs, monkeypatch
):
    runs = PipRuns(tmp_path / "store", pip_runs.real_run)
    monkeypatch.setattr(pip_module, "_run", runs)
    kwargs = {"requirements": ["nova-top"], "find_links": [str(wheelhouse)], "no_index": True}
    real = install_dependencies(cache_dir=tmp_path / "a", **kwargs)
    replayed = install_dependencies(cache_dir=tmp_path / "b", **kwargs)
    assert (runs.real_runs, runs.replayed) == (1, 1)
    assert "nova_tiny/__init__.py" in real.files
    assert replayed.files == real.files
    assert not replayed.reused


def _fake_pip(returncode, stdout="", stderr=""):
    """A stand-in for pip that writes one file into --target and counts its runs."""
    calls = []

    def run(command, cwd):
        calls.append(command)
        target = command[command.index("--target") + 1]
        Path(target).mkdir(parents=True, exist_ok=True)
        (Path(target) / "left.txt").write_text(f"run {len(calls)}\n")
        return subprocess.CompletedProcess(command, returncode, stdout, stderr)

    return run, calls


def test_a_failed_install_is_replayed_with_its_exit_code_output_and_files(wheelhouse, tmp_path):
    fake, calls = _fake_pip(1, "out", "ERROR: No matching distribution found for nova-native")
    runs = PipRuns(tmp_path / "store", fake)
    first = runs(_command(tmp_path, wheelhouse, "one", "nova-native\n"), tmp_path)
    second = runs(_command(tmp_path, wheelhouse, "two", "nova-native\n"), tmp_path)
    assert len(calls) == 1
    assert (runs.real_runs, runs.replayed) == (1, 1)
    assert (second.returncode, second.stdout, second.stderr) == (
        first.returncode,
        first.stdout,
        first.stderr,
    )
    assert second.args[second.args.index("--target") + 1] == str(tmp_path / "two")
    assert (tmp_path / "two" / "left.txt").read_text() == "run 1\n"


def test_the_key_leaves_out_the_target_and_holds_everything_pip_reads(
    wheelhouse, tmp_path, wheel_maker, monkeypatch
):
    monkeypatch.delenv("PIP_INDEX_URL", raising=False)
    base = install_key(_command(tmp_path, wheelhouse), {})
    assert base is not None
    assert install_key(_command(tmp_path, wheelhouse, target="elsewhere"), {}) == base
    assert install_key(_command(tmp_path, wheelhouse, requirements="nova-tiny\n"), {}) != base
    assert install_key(_command(tmp_path, wheelhouse, architecture="x86_64"), {}) != base
    assert install_key(_command(tmp_path, wheelhouse), {"PIP_PRE": "1"}) != base
    assert install_key(_command(tmp_path, wheelhouse), {"HOME": "/x"}) == base
    wheel_maker(wheelhouse, "nova-tiny", files={"nova_tiny/__init__.py": "GREETING = 'yo'\n"})
    assert install_key(_command(tmp_path, wheelhouse), {}) != base


def test_installs_the_key_cannot_hold_always_run_pip(wheelhouse, tmp_path):
    for requirements in ("-r other.txt\n", "./local-package\n", "nova-top @ file:///x.whl\n"):
        assert install_key(_command(tmp_path, wheelhouse, requirements=requirements), {}) is None
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("nova-tiny==1.0.0\n")
    command = _command(tmp_path, wheelhouse, pip_extra_args=["-c", str(constraints)])
    assert install_key(command, {}) is None
    assert install_key([sys.executable, "-m", "pip", "install", "nova-top"], {}) is None


def test_a_real_pip_test_never_replays(wheelhouse, tmp_path):
    fake, calls = _fake_pip(0)
    runs = PipRuns(tmp_path / "store", fake, replay=False)
    for target in ("one", "two"):
        assert runs(_command(tmp_path, wheelhouse, target), tmp_path).returncode == 0
    assert len(calls) == 2
    assert (runs.real_runs, runs.replayed) == (2, 0)
    assert (tmp_path / "two" / "left.txt").read_text() == "run 2\n"
    assert not (tmp_path / "store").exists()
