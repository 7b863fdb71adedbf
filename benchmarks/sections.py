"""The measured sections of ``run.py``: evaluation against the floor, scale, packaging, handler,
test suite. Each returns plain data for ``latest.json``; ``report.py`` renders it."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from harness import (
    HANDLER_ENV,
    PYTHON,
    REPOSITORY,
    RUNNER,
    STACKS,
    WORK,
    Sample,
    child_env,
    field,
    interleaved,
    paired_ratios,
    stats,
)


# -- 1. evaluation of each stack against the floor -------------------------------------------
def bench_eval(runs: int) -> dict[str, Any]:
    print("eval: warming the packaging cache and finding the pulumi_aws modules used", flush=True)
    dump = WORK / "dev-resources.json"
    probes = {name: RUNNER.run(["stack", f"stacks/{name}", name]) for name in STACKS}
    RUNNER.run(["stack", "stacks/dev", "dev", str(dump)])
    used: dict[str, str] = {}
    for probe in probes.values():
        for module, cls in probe["modules_used"].items():
            used.setdefault(module, cls)
    loaded = sorted({m for probe in probes.values() for m in probe["modules_loaded"]})
    floor_args = ["floor", *(f"{module}={cls}" for module, cls in sorted(used.items()))]
    floor_probe = RUNNER.run(floor_args)

    imports_args = ["floor+imports", *floor_args[1:]]
    variants: dict[str, Callable[[], Sample]] = {
        "floor": lambda: RUNNER.run(floor_args),
        "floor + Nova imports": lambda: RUNNER.run(imports_args),
    }
    for name in STACKS:
        variants[name] = lambda name=name: RUNNER.run(["stack", f"stacks/{name}", name])
    variants["dev replayed without Nova"] = lambda: RUNNER.run(["replay", str(dump)])
    variants["dev, Nova sources without byte code"] = lambda: RUNNER.run(
        ["stack", "stacks/dev", "dev"], env=child_env(pycache=False)
    )
    samples = interleaved(variants, runs, warmup=1, label="eval")
    floor = samples["floor"]
    result: dict[str, Any] = {
        "runs": runs,
        "floor_modules": used,
        "floor_modules_loaded": floor_probe["modules_loaded"],
        "stack_modules_loaded": loaded,
        "unused_modules_loaded": sorted(set(loaded) - set(used)),
        "resources": {name: probes[name]["resources"] for name in STACKS},
        "replayed_resources": sum(1 for _ in json.loads(dump.read_text())),
        "variants": {},
    }
    for name, group in samples.items():
        result["variants"][name] = {
            "wall": field(group, "wall_seconds"),
            "cpu": field(group, "cpu_seconds"),
            "gc": field(group, "gc_seconds"),
            "gc_full_collections": stats([sample["gc_collections"][2] for sample in group]),
            "outside": field(group, "outside_seconds"),
            "maxrss_mib": field(group, "maxrss_mib"),
            "ratio_to_floor": paired_ratios(group, floor),
            "evaluate_seconds": field(group, "evaluate_seconds")
            if "evaluate_seconds" in group[0]
            else None,
        }
    return result


# -- 2. scale ---------------------------------------------------------------------------------
def bench_scale(
    sizes: Sequence[int], runs: int, big_runs: int, limits: Sequence[str]
) -> dict[str, Any]:
    result: dict[str, Any] = {"sizes": list(sizes), "runs": runs, "big_runs": big_runs}
    groups: dict[str, dict[str, list[Sample]]] = {}
    for n in sizes:
        count = big_runs if n >= 100 else runs
        variants = {
            "nova": lambda n=n: RUNNER.run(["scale", str(n)]),
            "raw": lambda n=n: RUNNER.run(["scale", str(n), "raw"]),
            "nova-nogc": lambda n=n: RUNNER.run(["scale", str(n), "nogc"]),
            "raw-nogc": lambda n=n: RUNNER.run(["scale", str(n), "raw", "nogc"]),
        }
        groups[str(n)] = interleaved(variants, count, warmup=1, label=f"scale {n}")
    table: dict[str, Any] = {}
    for n, samples in groups.items():
        row: dict[str, Any] = {}
        for name, group in samples.items():
            row[name] = {
                "wall": field(group, "wall_seconds"),
                "evaluate": field(group, "evaluate_seconds"),
                "gc": field(group, "gc_seconds"),
                "outside": field(group, "outside_seconds"),
                "maxrss_mib": field(group, "maxrss_mib"),
                "resources": group[0]["resources"],
                "details": {k: v for k, v in group[0].items() if not k.endswith("seconds")},
            }
        row["ratio_nova_to_raw"] = paired_ratios(samples["nova"], samples["raw"])
        table[n] = row
    result["table"] = table
    # Per-function increments between consecutive sizes (medians).
    increments = []
    ordered = [str(n) for n in sizes]
    for small, big in itertools.pairwise(ordered):
        for name in ("nova", "raw", "nova-nogc", "raw-nogc"):
            d_wall = table[big][name]["wall"]["median"] - table[small][name]["wall"]["median"]
            d_eval = (
                table[big][name]["evaluate"]["median"] - table[small][name]["evaluate"]["median"]
            )
            rss_big = table[big][name]["maxrss_mib"]["median"]
            d_mem = rss_big - table[small][name]["maxrss_mib"]["median"]
            functions = int(big) - int(small)
            increments.append(
                {
                    "variant": name,
                    "from": int(small),
                    "to": int(big),
                    "ms_per_function_wall": d_wall / functions * 1000,
                    "ms_per_function_evaluate": d_eval / functions * 1000,
                    "mib_per_function": d_mem / functions,
                }
            )
    result["increments"] = increments
    probes = {
        "150 functions x 2 routes": ["scale", "150"],
        "151 functions x 2 routes": ["scale", "151"],
        "301 functions x 1 route": ["scale", "301", "routes=1"],
    }
    result["limits"] = {}
    for label in limits:
        print(f"  scale: limit probe, {label}", file=sys.stderr, flush=True)
        result["limits"][label] = RUNNER.run(probes[label])
    return result


# -- 3. packaging -----------------------------------------------------------------------------
def bench_packaging(first_runs: int, cached_runs: int) -> dict[str, Any]:
    first: list[Sample] = []
    cached: list[Sample] = []
    for index in range(first_runs):
        with tempfile.TemporaryDirectory(prefix="nova-bench-") as tmp:
            cache = Path(tmp) / "cache"
            env = child_env(extra={"PIP_CACHE_DIR": str(Path(tmp) / "pip-cache")})
            env.pop("PIP_FIND_LINKS", None)  # PyPI only: no machine-local wheel folder
            print(f"  packaging: first build {index + 1}/{first_runs} (pip, PyPI)", flush=True)
            sample = RUNNER.run(["package", str(cache)], env=env)
            if sample["reused"]:
                raise RuntimeError("a first build into an empty cache reused a zip")
            first.append(sample)
            for _ in range(cached_runs if index == first_runs - 1 else 0):
                cached.append(RUNNER.run(["package", str(cache)], env=env))
    if not all(sample["reused"] for sample in cached):
        raise RuntimeError("a cached build did not reuse the zip")
    return {
        "first_runs": first_runs,
        "cached_runs": cached_runs,
        "first": {
            "build": field(first, "build_seconds"),
            "wall": field(first, "wall_seconds"),
            "maxrss_mib": field(first, "maxrss_mib"),
        },
        "cached": {
            "build": field(cached, "build_seconds"),
            "wall": field(cached, "wall_seconds"),
            "maxrss_mib": field(cached, "maxrss_mib"),
        },
        "zip_bytes": first[0]["zip_bytes"],
        "unzipped_bytes": first[0]["unzipped_bytes"],
        "files": first[0]["files"],
        "deterministic": len({s["sha256"] for s in first + cached}) == 1,
    }


# -- 4. handler -------------------------------------------------------------------------------
def _lambda_root(zip_path: str) -> Path:
    """The api function's zip unpacked, as Lambda sees /var/task (no byte code in it)."""
    import zipfile  # noqa: PLC0415 - only this section needs it

    root = WORK / "lambda-task"
    shutil.rmtree(root, ignore_errors=True)
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(root)
    return root


def bench_handler(import_runs: int, rounds: int, calls: int) -> dict[str, Any]:
    env = child_env(extra=HANDLER_ENV)
    variants: dict[str, Callable[[], Sample]] = {
        "powertools": lambda: RUNNER.run(["import", "items_api.handler"], env=env),
        "bare": lambda: RUNNER.run(["import", "bare_handler"], env=env),
    }
    # As deployed: the zip's content on sys.path only, isolated from the workspace, and no byte
    # code for it (the zip carries none and /var/task is read-only on Lambda).
    built = RUNNER.run(["package", str(WORK / "cache")])
    root = _lambda_root(built["path"])
    as_shipped = dict(env, PYTHONPATH=str(root))
    zip_variants = {
        "powertools-zip-no-bytecode": lambda: RUNNER.run(
            ["import", "items_api.handler", "as-shipped"],
            env=dict(as_shipped, PYTHONDONTWRITEBYTECODE="1"),
            python_flags=("-S", "-B"),
        ),
    }
    samples = interleaved({**variants, **zip_variants}, import_runs, warmup=1, label="import")
    result: dict[str, Any] = {
        "import_runs": import_runs,
        "import": {
            name: {
                "import": field(group, "import_seconds"),
                "wall": field(group, "wall_seconds"),
                "maxrss_mib": field(group, "maxrss_mib"),
            }
            for name, group in samples.items()
        },
    }
    print("  handler: per-request cost", flush=True)
    requests = RUNNER.run(["requests", str(rounds), str(calls)], env=env)
    per = requests["microseconds_per_request"]
    result["requests"] = {
        "rounds": rounds,
        "calls_per_batch": calls,
        "events": {
            event: {name: stats(values) for name, values in variants_of_event.items()}
            for event, variants_of_event in per.items()
        },
    }
    return result


# -- 5. the test suite ------------------------------------------------------------------------
def bench_tests() -> dict[str, Any]:
    coverage = Path(PYTHON).with_name("coverage")
    command = [str(coverage), "run", "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    command += ["--durations=10", "-rf"]
    print(f"  tests: {' '.join(command)}", flush=True)
    env = dict(os.environ)
    started = time.perf_counter()
    process = subprocess.run(
        command, cwd=REPOSITORY, env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    tail = process.stdout.splitlines()
    summary = next((line for line in reversed(tail) if " passed" in line), "")
    durations = []
    for line in tail:
        match = re.match(r"\s*([\d.]+)s (setup|call|teardown)\s+(\S+)", line)
        if match:
            durations.append(
                {"seconds": float(match.group(1)), "phase": match.group(2), "test": match.group(3)}
            )
    by_file: dict[str, float] = {}
    for item in durations:
        name = item["test"].split("::")[0]
        by_file[name] = by_file.get(name, 0.0) + item["seconds"]
    failed = [line.split(" ", 1)[1] for line in tail if line.startswith("FAILED ")]
    return {
        "failed": failed,
        "command": " ".join([os.path.relpath(coverage, REPOSITORY), *command[1:]]),
        "wall_seconds": wall,
        "returncode": process.returncode,
        "summary": summary.strip("= "),
        "slowest": durations,
        "slowest_by_file": dict(sorted(by_file.items(), key=lambda kv: -kv[1])),
    }
