"""Before and after in one run: another revision's packages against this tree's, interleaved.

``run.py --compare-tree [REV]`` (default ``ba359bb``, the tree of the 0.1.0 packages) extracts
REV's ``packages``, ``stacks`` and ``functions`` with ``git archive`` into
``benchmarks/.work/tree-<commit>`` and runs the same children (``child.py``) with REV's package
sources first on ``PYTHONPATH`` (they shadow the editable installs of this tree; every sample
reports where ``nova_compute`` came from, and the run stops if it was not REV's). The floor, the
raw scale program and the harness are this tree's; only Nova differs.

Measured, interleaved within each group:

- the dev stack of REV and of this tree, each with its replay without Nova (the same resources
  straight from pulumi_aws), and the floor. The dev stack has grown since 0.1.0 (the import
  pipeline), so two like-for-like figures: REV's own dev program run on this tree's packages
  (no argument of 0.1 was renamed, so it runs unchanged and registers the same resources), over
  the same program on REV's packages; and each tree's stack over its own replay (what Nova adds
  to the resources that stack registers).
- the scale program at ``SCALE_FUNCTIONS`` functions with REV's and this tree's packages, and the
  same resources straight from pulumi_aws (raw): nova ÷ raw for each.
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import statistics
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from harness import (
    CHILD,
    PYTHON,
    REPOSITORY,
    RUNNER,
    WORK,
    Sample,
    child_env,
    field,
    interleaved,
    paired_ratios,
)

DEFAULT_REV = "ba359bb"
SCALE_FUNCTIONS = int(os.environ.get("NOVA_BENCH_COMPARE_FUNCTIONS", "100"))
"""Functions in the compared scale program (the environment variable is for a quick try-out)."""
THIS = "this tree"


def extract_tree(rev: str) -> tuple[Path, str]:
    """REV's packages, stacks and functions under ``benchmarks/.work/tree-<commit>`` (reused)."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short=12", f"{rev}^{{commit}}"],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    root = WORK / f"tree-{commit}"
    marker = root / ".extracted"
    if not marker.is_file():
        archive = subprocess.run(
            ["git", "archive", "--format=tar", commit, "packages", "stacks", "functions"],
            cwd=REPOSITORY,
            capture_output=True,
            check=True,
        ).stdout
        root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(root, filter="data")
        marker.write_text(commit + "\n")
    return root, commit


def tree_env(root: Path) -> dict[str, str]:
    # REV's component packages only: the harness (nova-testing's mocks and MockStack) stays this
    # tree's for every variant, so a faster or slower harness cannot pass for a change in Nova.
    sources = sorted(
        str(path)
        for path in (root / "packages").glob("*/src")
        if path.parent.name != "nova-testing"
    )
    return child_env(extra={"PYTHONPATH": ":".join(sources)})


def _checked(sample: Sample, root: Path | None) -> Sample:
    """Fail the run when a sample did not use the package sources it was meant to."""
    where = sample.get("nova_compute_file") or ""
    expected = str(root) if root is not None else str(REPOSITORY / "packages")
    if where and not where.startswith(expected):
        raise RuntimeError(f"nova_compute came from {where}, expected under {expected}")
    harness = sample.get("nova_testing_file") or ""
    if harness and not harness.startswith(str(REPOSITORY / "packages")):
        raise RuntimeError(f"nova_testing came from {harness}, expected this tree's harness")
    return sample


def count_instructions(args: Sequence[str], env: dict[str, str] | None) -> int:
    """Instructions one child process executes, counted by valgrind's callgrind.

    Times on a shared two-core machine move by 5-30% from one run to the next; the instruction
    count of the same process with a fixed hash seed repeats to about 0.1%, so it decides "no
    slower" where per-round time ratios cannot (under valgrind a dev-stack process takes about
    45 s, one at 100 functions about 6 minutes).
    """
    valgrind = shutil.which("valgrind")
    assert valgrind is not None
    child_environment = dict(env if env is not None else child_env())
    child_environment["PYTHONHASHSEED"] = "0"
    with tempfile.TemporaryDirectory() as tmp:
        command = [
            valgrind,
            "--tool=callgrind",
            f"--callgrind-out-file={tmp}/callgrind.out",
            PYTHON,
            str(CHILD),
            *args,
        ]
        run = subprocess.run(
            command,
            cwd=REPOSITORY,
            env=child_environment,
            capture_output=True,
            text=True,
            check=False,
        )
    found = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode != 0 or found is None:
        raise RuntimeError(f"callgrind run failed ({run.returncode}): {run.stderr[-2000:]}")
    return int(found.group(1))


def instruction_counts(variants: dict[str, tuple[list[str], dict[str, str] | None]]) -> Any:
    """Each variant's instruction count (two at a time: counts do not depend on contention), or
    None where valgrind is not installed (Debian package ``valgrind``)."""
    if shutil.which("valgrind") is None:
        print("compare: valgrind not found, instruction counts skipped", flush=True)
        return None
    print(f"compare: counting instructions of {len(variants)} processes", flush=True)
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            name: pool.submit(count_instructions, args, env)
            for name, (args, env) in variants.items()
        }
        return {name: future.result() for name, future in futures.items()}


def bench_compare(rev: str, eval_runs: int, scale_runs: int) -> dict[str, Any]:
    root, commit = extract_tree(rev)
    env = tree_env(root)
    before = f"{rev} ({commit})"
    print(f"compare: {before} against {THIS}; probes", flush=True)
    dumps = {before: WORK / f"dev-resources-{commit}.json", THIS: WORK / "dev-resources.json"}
    projects = {before: root / "stacks" / "dev", THIS: REPOSITORY / "stacks" / "dev"}
    envs: dict[str, dict[str, str] | None] = {before: env, THIS: None}
    roots = {before: root, THIS: None}

    def stack(tree: str, *extra: str) -> Sample:
        sample = RUNNER.run(["stack", str(projects[tree]), "dev", *extra], env=envs[tree])
        return _checked(sample, roots[tree])

    probes = {tree: stack(tree, str(dumps[tree])) for tree in (before, THIS)}
    used: dict[str, str] = {}
    for probe in probes.values():
        for module, cls in probe["modules_used"].items():
            used.setdefault(module, cls)
    floor_args = ["floor", *(f"{module}={cls}" for module, cls in sorted(used.items()))]

    def replay(tree: str) -> Callable[[], Sample]:
        return lambda: RUNNER.run(["replay", str(dumps[tree])])

    eval_variants: dict[str, Callable[[], Sample]] = {"floor": lambda: RUNNER.run(floor_args)}
    for tree in (before, THIS):
        eval_variants[f"dev, {tree}"] = lambda tree=tree: stack(tree)
        eval_variants[f"dev, {tree}, replayed without Nova"] = replay(tree)
    # Like for like: REV's own dev program (same 37 resources, same inputs) on this tree's packages.
    same_program = f"dev program of {rev}, {THIS}'s packages"
    eval_variants[same_program] = lambda: _checked(
        RUNNER.run(["stack", str(projects[before]), "dev"]), None
    )
    eval_samples = interleaved(eval_variants, eval_runs, warmup=1, label="compare eval")

    n = str(SCALE_FUNCTIONS)
    scale_variants: dict[str, Callable[[], Sample]] = {
        f"nova, {before}": lambda: _checked(RUNNER.run(["scale", n], env=env), root),
        f"nova, {THIS}": lambda: _checked(RUNNER.run(["scale", n]), None),
        "raw": lambda: RUNNER.run(["scale", n, "raw"]),
    }
    scale_samples = interleaved(scale_variants, scale_runs, warmup=1, label="compare scale")

    floor = eval_samples["floor"]
    result: dict[str, Any] = {
        "rev": rev,
        "commit": commit,
        "trees": [before, THIS],
        "eval_runs": eval_runs,
        "scale_runs": scale_runs,
        "scale_functions": SCALE_FUNCTIONS,
        "floor_modules": used,
        "resources": {tree: probe["resources"] for tree, probe in probes.items()},
        "eval": {},
        "scale": {},
    }
    for name, group in eval_samples.items():
        row: dict[str, Any] = {
            "wall": field(group, "wall_seconds"),
            "cpu": field(group, "cpu_seconds"),
            "gc": field(group, "gc_seconds"),
            "ratio_to_floor": paired_ratios(group, floor),
            "cpu_ratio_to_floor": paired_ratios(group, floor, "cpu_seconds"),
            "resources": group[0].get("resources", 0),
        }
        tree = name.removeprefix("dev, ")
        if name.startswith("dev, ") and "replayed" not in name:
            replayed = eval_samples[f"{name}, replayed without Nova"]
            row["ratio_to_replay"] = paired_ratios(group, replayed)
            row["cpu_ratio_to_replay"] = paired_ratios(group, replayed, "cpu_seconds")
            row["tree"] = tree
        result["eval"][name] = row
    # The same programs once more, counted in instructions (deterministic; see count_instructions).
    before_project, this_project = str(projects[before]), str(projects[THIS])
    result["instructions"] = instruction_counts(
        {
            "floor": (floor_args, None),
            f"dev, {before}": (["stack", before_project, "dev"], env),
            same_program: (["stack", before_project, "dev"], None),
            f"dev, {THIS}": (["stack", this_project, "dev"], None),
            f"{n} functions, nova, {before}": (["scale", n], env),
            f"{n} functions, nova, {THIS}": (["scale", n], None),
            f"{n} functions, raw": (["scale", n, "raw"], None),
        }
    )
    result["same_program"] = {
        "name": same_program,
        "after_over_before": paired_ratios(
            eval_samples[same_program], eval_samples[f"dev, {before}"]
        ),
        "after_over_before_cpu": paired_ratios(
            eval_samples[same_program], eval_samples[f"dev, {before}"], "cpu_seconds"
        ),
    }
    raw = scale_samples["raw"]
    for name, group in scale_samples.items():
        result["scale"][name] = {
            "wall": field(group, "wall_seconds"),
            "cpu": field(group, "cpu_seconds"),
            "evaluate": field(group, "evaluate_seconds"),
            "gc": field(group, "gc_seconds"),
            "gc_full_collections": field([{"n": s["gc_collections"][2]} for s in group], "n"),
            "maxrss_mib": field(group, "maxrss_mib"),
            "resources": group[0]["resources"],
            "ratio_to_raw": paired_ratios(group, raw),
            "cpu_ratio_to_raw": paired_ratios(group, raw, "cpu_seconds"),
        }
    result["scale_after_over_before"] = paired_ratios(
        scale_samples[f"nova, {THIS}"], scale_samples[f"nova, {before}"]
    )
    return result


def bench_same_program(rev: str, pairs: int) -> dict[str, Any]:
    """REV's dev program on REV's packages and on this tree's, in ``pairs`` interleaved pairs
    (A B, B A, ...), with the per-pair ratio's median and a bootstrap 95% interval: the
    like-for-like figure of ``bench_compare`` with enough samples to say how close to 1.00 it is
    on this machine."""
    root, commit = extract_tree(rev)
    env = tree_env(root)
    project = str(root / "stacks" / "dev")
    variants: dict[str, tuple[dict[str, str] | None, Path | None]] = {
        f"{rev}'s packages": (env, root),
        f"{THIS}'s packages": (None, None),
    }
    print(f"same program: dev of {rev} ({commit}), {pairs} pairs", flush=True)
    for variant_env, where in variants.values():  # byte code written, packaging cache warm
        _checked(RUNNER.run(["stack", project, "dev"], env=variant_env), where)
    samples: dict[str, list[Sample]] = {name: [] for name in variants}
    names = list(variants)
    for index in range(pairs):
        for name in names if index % 2 == 0 else reversed(names):
            variant_env, where = variants[name]
            samples[name].append(
                _checked(RUNNER.run(["stack", project, "dev"], env=variant_env), where)
            )
    before, after = (samples[name] for name in names)
    rng = random.Random(12)
    result: dict[str, Any] = {"rev": rev, "commit": commit, "pairs": pairs, "variants": names}
    for key in ("wall_seconds", "cpu_seconds"):
        ratios = [a[key] / b[key] for a, b in zip(after, before, strict=True)]
        boots = sorted(statistics.median(rng.choices(ratios, k=len(ratios))) for _ in range(2000))
        result[key] = {
            "before": field(before, key),
            "after": field(after, key),
            "ratio_median": statistics.median(ratios),
            "ratio_ci95": [boots[50], boots[1949]],
        }
    return result
