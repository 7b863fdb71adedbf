"""Running benchmark children and summarising their samples (shared by every section).

Every sample is a fresh process (``benchmarks/child.py``) timed from start to exit; peak memory is
the child's ``ru_maxrss``. Variants compared with each other are interleaved (A B A B ..., the
order alternating every round) and reported as median, min-max and interquartile range; ratios
are taken inside one run only.
"""

from __future__ import annotations

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).resolve().parent
REPOSITORY = BENCHMARKS.parent
WORK = BENCHMARKS / ".work"
CHILD = BENCHMARKS / "child.py"
PYTHON = sys.executable
STACKS = ("dev", "staging", "prod")

HANDLER_ENV = {
    "ITEMS_BUCKET": "nova-items-bench",
    "ITEMS_PREFIX": "items/",
    "ITEMS_TABLE": "nova-items-bench",
    "APP_ENVIRONMENT": "bench",
    "POWERTOOLS_SERVICE_NAME": "items-api",
    "POWERTOOLS_METRICS_NAMESPACE": "Nova/ItemsBench",
    "CURSOR_KEY_SECRET_ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bench-AbCdEf",
}

Sample = dict[str, Any]


# -- running children -------------------------------------------------------------------------
def child_env(*, pycache: bool = True, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("COVERAGE_PROCESS_START", None)
    env["PYTHONPYCACHEPREFIX"] = str(WORK / "pycache")
    env["NOVA_CACHE_DIR"] = str(WORK / "cache")
    env["PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION"] = "true"
    if not pycache:
        # Byte code only where pip wrote it (stdlib, site-packages); none for the editable Nova
        # sources, which are compiled on every run (PYTHONDONTWRITEBYTECODE=1, as .ci/run sets).
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        del env["PYTHONPYCACHEPREFIX"]
    env.update(extra or {})
    return env


class Runner:
    """Starts children with ``os.posix_spawn`` + ``os.wait4`` to read each child's own rusage."""

    def __init__(self) -> None:
        self.samples = 0

    def run(
        self,
        args: Sequence[str],
        *,
        env: dict[str, str] | None = None,
        python_flags: Sequence[str] = (),
        python: str = PYTHON,
    ) -> Sample:
        command = [python, *python_flags, str(CHILD), *args]
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            started = time.perf_counter()
            process = subprocess.Popen(
                command,
                cwd=REPOSITORY,
                env=env if env is not None else child_env(),
                stdout=out,
                stderr=err,
            )
            _, status, rusage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - started
            process.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            stdout = out.read().decode("utf-8", "replace")
            stderr = err.read().decode("utf-8", "replace")
        self.samples += 1
        if process.returncode != 0:
            raise RuntimeError(
                f"benchmark child failed ({process.returncode}): {' '.join(command)}\n"
                f"{stderr[-3000:]}"
            )
        lines = [line for line in stdout.splitlines() if line.startswith("{")]
        result: Sample = json.loads(lines[-1])
        result["wall_seconds"] = wall
        result["maxrss_mib"] = rusage.ru_maxrss / 1024  # KiB on Linux
        result["cpu_seconds"] = rusage.ru_utime + rusage.ru_stime
        result["outside_seconds"] = wall - result.get("child_seconds", wall)
        return result


RUNNER = Runner()


def interleaved(
    variants: dict[str, Callable[[], Sample]], runs: int, warmup: int = 1, label: str = ""
) -> dict[str, list[Sample]]:
    """Run every variant ``runs`` times, A B C A B C ..., reversing the order every other round.

    ``warmup`` extra rounds come first and are discarded.
    """
    names = list(variants)
    samples: dict[str, list[Sample]] = {name: [] for name in names}
    for round_index in range(warmup + runs):
        order = names if round_index % 2 == 0 else list(reversed(names))
        for name in order:
            sample = variants[name]()
            if round_index >= warmup:
                samples[name].append(sample)
        if label:
            state = "warm-up" if round_index < warmup else f"{round_index - warmup + 1}/{runs}"
            print(f"  {label}: round {state}", file=sys.stderr, flush=True)
    return samples


# -- statistics -------------------------------------------------------------------------------
def stats(values: Sequence[float]) -> dict[str, float]:
    ordered = sorted(values)
    if len(ordered) >= 2:
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    else:
        q1 = q3 = ordered[0]
    return {
        "n": len(ordered),
        "median": statistics.median(ordered),
        "min": ordered[0],
        "max": ordered[-1],
        "q1": q1,
        "q3": q3,
    }


def field(samples: Sequence[Sample], key: str) -> dict[str, float]:
    return stats([sample[key] for sample in samples])


def paired_ratios(
    numerators: Sequence[Sample], denominators: Sequence[Sample], key: str = "wall_seconds"
) -> dict[str, float]:
    """Ratio per round (each round's sample over the same round's floor)."""
    return stats([a[key] / b[key] for a, b in zip(numerators, denominators, strict=True)])


def fmt_s(s: dict[str, float], unit: str = "s", scale: float = 1.0, digits: int = 3) -> str:
    med, lo, hi = s["median"] * scale, s["min"] * scale, s["max"] * scale
    q1, q3 = s["q1"] * scale, s["q3"] * scale
    unit = f" {unit}" if unit else ""
    return (
        f"{med:.{digits}f}{unit} ({lo:.{digits}f}-{hi:.{digits}f}; "
        f"IQR {q1:.{digits}f}-{q3:.{digits}f})"
    )


def fmt_ratio(s: dict[str, float]) -> str:
    return f"{s['median']:.2f}x ({s['min']:.2f}-{s['max']:.2f})"


# -- machine ----------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_kib = 0
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        match = re.search(r"MemTotal:\s+(\d+) kB", meminfo.read_text())
        memory_kib = int(match.group(1)) if match else 0

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "pulumi": version("pulumi"),
        "pulumi_aws": version("pulumi-aws"),
        "aws_lambda_powertools": version("aws-lambda-powertools"),
        "pip": version("pip"),
    }
