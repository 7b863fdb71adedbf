"""Nova's benchmarks: offline evaluation against its floor, scale, packaging, handler, test suite.

    hatch run python benchmarks/run.py            # everything (about 10 minutes here)
    hatch run python benchmarks/run.py --quick    # fewer samples, no test-suite run (about 3 min)
    hatch run python benchmarks/run.py --only eval handler
    hatch run python benchmarks/run.py --only eval scale --compare-tree   # before/after ba359bb

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
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from compare import DEFAULT_REV, bench_compare, bench_same_program
from harness import BENCHMARKS, WORK, machine
from report import render
from sections import bench_eval, bench_handler, bench_packaging, bench_scale, bench_tests


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples, skip the test suite")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=("eval", "scale", "packaging", "handler", "tests", "compare", "same-program"),
        help="run only these sections (compare: see --compare-tree; same-program: 0.1.0's dev "
        "program on both package trees in 41 interleaved pairs)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=BENCHMARKS / "results" / "latest.json",
        help="where to write the raw results (a .md with the tables is written next to it)",
    )
    parser.add_argument(
        "--compare-tree",
        nargs="?",
        const=DEFAULT_REV,
        metavar="REV",
        help="also run REV's packages (default %(const)s, the 0.1.0 packages) interleaved with "
        "this tree's: the dev stack and the scale program at 100 functions, before and after",
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
    if options.compare_tree or "compare" in sections:
        results["compare"] = bench_compare(
            options.compare_tree or DEFAULT_REV,
            eval_runs=5 if quick else 11,
            scale_runs=3 if quick else 7,
        )
    if "same-program" in sections:
        results["same_program"] = bench_same_program(
            options.compare_tree or DEFAULT_REV, pairs=15 if quick else 41
        )
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
