"""Nova's benchmarks: offline evaluation against its floor, scale, packaging, handler, test suite.

    hatch run python benchmarks/run.py            # everything (about 10 minutes here)
    hatch run python benchmarks/run.py --quick    # fewer samples, no test-suite run (about 3 min)
    hatch run python benchmarks/run.py --only eval handler

Every sample is a fresh process (``benchmarks/child.py``) timed from start to exit; peak memory is
the child's ``ru_maxrss``. Variants compared with each other are interleaved (A B A B ..., the
order alternating every round) and reported as median, min-max and interquartile range; ratios
are taken inside one run only. Raw results go to ``benchmarks/results/latest.json`` and the
tables to ``benchmarks/results/latest.md`` (pasted into ``BENCHMARKS.md``).

Byte-code caches are warm for every Python variant (one discarded warm-up round writes them under
``benchmarks/.work/pycache``, the environment's PYTHONDONTWRITEBYTECODE is lifted for the
children) unless a variant says otherwise. The function's packaging cache
(``benchmarks/.work/cache``) is warmed before the evaluation benchmark, so stacks evaluate with
the api function's zip already built, as on any machine after its first ``pulumi preview``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import re
import shutil
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


# -- report -----------------------------------------------------------------------------------
def render(results: dict[str, Any]) -> str:
    lines: list[str] = []
    m = results["machine"]
    lines += [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['os']}; "
        f"Python {m['python']}, pulumi {m['pulumi']}, pulumi-aws {m['pulumi_aws']}, "
        f"aws-lambda-powertools {m['aws_lambda_powertools']}. Mode: {results['mode']}.",
        "",
    ]
    if "eval" in results:
        e = results["eval"]
        floor_modules = ", ".join(e["floor_modules"])
        lines += [
            f"### Offline evaluation of each stack ({e['runs']} interleaved runs each)",
            "",
            f"Floor: an empty program under nova-testing's mocks plus the first use of "
            f"{floor_modules} (one class each). Ratio: per round, stack over floor.",
            "",
            "| variant | resources | wall time, median (min-max; IQR) | x floor, per round "
            "(min-max) | of which GC (full collections) | start-up + teardown | peak RSS MiB |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, row in e["variants"].items():
            resources = e["resources"].get(name.split(",")[0], 0)
            if "replayed" in name:
                resources = e["replayed_resources"]
            lines.append(
                f"| {name} | {resources} | {fmt_s(row['wall'])} | "
                f"{fmt_ratio(row['ratio_to_floor'])} | {row['gc']['median']:.3f} s "
                f"({row['gc_full_collections']['median']:.0f}) | "
                f"{row['outside']['median']:.3f} s | {row['maxrss_mib']['median']:.0f} |"
            )
        lines += [
            "",
            f"pulumi_aws sub-modules loaded by the stacks: {', '.join(e['stack_modules_loaded'])}; "
            f"loaded but unused: {', '.join(e['unused_modules_loaded']) or 'none'}.",
            "",
        ]
    if "scale" in results:
        s = results["scale"]
        lines += [
            f"### Scale ({s['runs']} interleaved runs per size, {s['big_runs']} at 100 and more)",
            "",
            "| functions | variant | resources | wall time | evaluation in process "
            "| of which GC | teardown etc. | peak RSS MiB | nova ÷ raw (wall) |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for n, row in s["table"].items():
            for name in ("nova", "raw", "nova-nogc", "raw-nogc"):
                if name not in row:
                    continue
                cell = row[name]
                ratio = fmt_ratio(row["ratio_nova_to_raw"]) if name == "nova" else ""
                lines.append(
                    f"| {n} | {name} | {cell['resources']} | {fmt_s(cell['wall'])} | "
                    f"{fmt_s(cell['evaluate'])} | {cell['gc']['median']:.2f} s | "
                    f"{cell['outside']['median']:.2f} s | {cell['maxrss_mib']['median']:.0f} | "
                    f"{ratio} |"
                )
        lines += [
            "",
            "| variant | from → to | ms per function (wall) | ms per function "
            "(evaluation) | MiB per function |",
            "|---|---|---|---|---|",
        ]
        for inc in s["increments"]:
            lines.append(
                f"| {inc['variant']} | {inc['from']} → {inc['to']} | "
                f"{inc['ms_per_function_wall']:.1f} | {inc['ms_per_function_evaluate']:.1f} | "
                f"{inc['mib_per_function']:.2f} |"
            )
        lines.append("")
        for label, probe in (s.get("limits") or {}).items():
            if "error" in probe:
                lines.append(
                    f"- {label}: refused after {probe['wall_seconds']:.1f} s, "
                    f"`{probe['error_type']}: {probe['error']}`"
                )
            else:
                lines.append(
                    f"- {label}: {probe['resources']} resources, {probe['routes']} routes, "
                    f"{probe['integrations']} integrations, {probe['alarms']} alarms, "
                    f"{probe['dashboards']} dashboard(s) (largest: "
                    f"{probe['dashboard_widgets_max']} widgets, {probe['dashboard_metrics_max']} "
                    f"metrics, {probe['dashboard_body_bytes_max']} bytes), largest role policy "
                    f"{probe['role_policy_chars_max']} characters; evaluated in "
                    f"{probe['wall_seconds']:.2f} s"
                )
        lines.append("")
    if "packaging" in results:
        p = results["packaging"]
        lines += [
            "### Packaging of the api function (code + requirements.txt)",
            "",
            "| build | runs | build_archive time | process wall time | peak RSS MiB |",
            "|---|---|---|---|---|",
            f"| first (empty cache, pip from PyPI) | {p['first_runs']} | "
            f"{fmt_s(p['first']['build'])} | {fmt_s(p['first']['wall'])} | "
            f"{p['first']['maxrss_mib']['median']:.0f} |",
            f"| cached | {p['cached_runs']} | {fmt_s(p['cached']['build'], 'ms', 1000, 1)} | "
            f"{fmt_s(p['cached']['wall'])} | {p['cached']['maxrss_mib']['median']:.0f} |",
            "",
            f"Zip: {p['zip_bytes']} bytes ({p['unzipped_bytes']} unzipped, {p['files']} files); "
            f"same SHA-256 every build: {p['deterministic']}.",
            "",
        ]
    if "handler" in results:
        h = results["handler"]
        lines += [
            f"### Handler: cold import in a fresh process ({h['import_runs']} interleaved runs)",
            "",
            "| variant | import time | process wall time | peak RSS MiB |",
            "|---|---|---|---|",
        ]
        for name, row in h["import"].items():
            lines.append(
                f"| {name} | {fmt_s(row['import'], 'ms', 1000, 1)} | {fmt_s(row['wall'])} | "
                f"{row['maxrss_mib']['median']:.0f} |"
            )
        r = h["requests"]
        lines += [
            "",
            f"### Handler: per request, in process ({r['rounds']} interleaved rounds of "
            f"{r['calls_per_batch']} calls)",
            "",
            "| event | Powertools handler µs | bare handler µs | in-memory store alone µs |",
            "|---|---|---|---|",
        ]
        for event, row in r["events"].items():
            lines.append(
                f"| {event} | {fmt_s(row['powertools'], '', 1, 1)} | "
                f"{fmt_s(row['bare'], '', 1, 1)} | {fmt_s(row['store'], '', 1, 1)} |"
            )
        lines.append("")
    if "tests" in results:
        t = results["tests"]
        lines += [
            "### Test suite (1 run)",
            "",
            f"`{t['command']}`: {t['wall_seconds']:.1f} s wall ({t['summary']}).",
            "",
            "| slowest (pytest --durations) | phase | s |",
            "|---|---|---|",
        ]
        for item in t["slowest"]:
            lines.append(f"| `{item['test']}` | {item['phase']} | {item['seconds']:.2f} |")
        lines += ["", *(f"- failed: `{line}`" for line in t.get("failed", []))]
        lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples, skip the test suite")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=("eval", "scale", "packaging", "handler", "tests"),
        help="run only these sections",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=BENCHMARKS / "results" / "latest.json",
        help="where to write the raw results (a .md with the tables is written next to it)",
    )
    options = parser.parse_args(argv)
    sections = options.only or (
        ["eval", "scale", "packaging", "handler"] + ([] if options.quick else ["tests"])
    )
    quick = options.quick
    WORK.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "mode": "quick" if quick else "full",
        "command": " ".join(["python", "benchmarks/run.py", *(argv or sys.argv[1:])]),
        "machine": machine(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    started = time.perf_counter()
    if "eval" in sections:
        results["eval"] = bench_eval(runs=7 if quick else 11)
    if "scale" in sections:
        results["scale"] = bench_scale(
            (1, 10, 100),
            runs=3 if quick else 9,
            big_runs=2 if quick else 7,
            limits=(
                ["151 functions x 2 routes"]
                if quick
                else [
                    "150 functions x 2 routes",
                    "151 functions x 2 routes",
                    "301 functions x 1 route",
                ]
            ),
        )
    if "packaging" in sections:
        results["packaging"] = bench_packaging(
            first_runs=1 if quick else 3, cached_runs=5 if quick else 9
        )
    if "handler" in sections:
        results["handler"] = bench_handler(
            import_runs=9 if quick else 15, rounds=7 if quick else 15, calls=200 if quick else 500
        )
    if "tests" in sections:
        results["tests"] = bench_tests()
    results["total_seconds"] = time.perf_counter() - started
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    markdown = render(results)
    options.output.with_suffix(".md").write_text(markdown + "\n")
    print(markdown)
    print(f"results: {options.output} ({results['total_seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
