"""The Markdown tables of a benchmark run (``latest.md``, pasted into ``BENCHMARKS.md``)."""

from __future__ import annotations

from typing import Any

from harness import fmt_ratio, fmt_s


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
    if "compare" in results:
        lines += render_compare(results["compare"])
    if "same_program" in results:
        lines += render_same_program(results["same_program"])
    return "\n".join(lines)


def render_compare(c: dict[str, Any]) -> list[str]:
    """Before (another revision's packages) and after (this tree), from the same run."""
    before = c["trees"][0]
    lines = [
        f"### Before and after: {before} against this tree ({c['eval_runs']} interleaved runs "
        f"of the dev stack, {c['scale_runs']} at {c['scale_functions']} functions)",
        "",
        "| variant | resources | wall time | x floor (wall, per round) | x floor (CPU) "
        "| x its replay without Nova (wall) | x its replay (CPU) | of which GC |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, row in c["eval"].items():
        replay = fmt_ratio(row["ratio_to_replay"]) if "ratio_to_replay" in row else ""
        cpu_replay = fmt_ratio(row["cpu_ratio_to_replay"]) if "cpu_ratio_to_replay" in row else ""
        lines.append(
            f"| {name} | {row['resources']} | {fmt_s(row['wall'])} | "
            f"{fmt_ratio(row['ratio_to_floor'])} | {fmt_ratio(row['cpu_ratio_to_floor'])} | "
            f"{replay} | {cpu_replay} | {row['gc']['median']:.3f} s |"
        )
    same = c.get("same_program")
    if same:
        lines += [
            "",
            f"{same['name']} over the same program on {before}'s packages, per round: "
            f"{fmt_ratio(same['after_over_before'])} wall, "
            f"{fmt_ratio(same['after_over_before_cpu'])} CPU.",
        ]
    counts = c.get("instructions")
    if counts:
        floor = counts["floor"]
        lines += [
            "",
            "Instructions executed (valgrind callgrind, one process each, `PYTHONHASHSEED=0`; "
            "repeats to about 0.1%):",
            "",
            "| variant | instructions | x floor | over the floor |",
            "|---|---|---|---|",
        ]
        for name, count in counts.items():
            if "functions" in name:
                continue
            lines.append(
                f"| {name} | {count / 1e9:.4f} G | {count / floor:.4f}x | "
                f"{(count - floor) / 1e6:,.1f} M |"
            )
        if same:
            after, ref = counts[same["name"]], counts[f"dev, {before}"]
            lines += [
                "",
                f"{same['name']} over the same program on {before}'s packages, in instructions: "
                f"{after / ref:.4f}x ({(after - ref) / 1e6:+,.1f} M).",
            ]
        n = c["scale_functions"]
        raw = counts.get(f"{n} functions, raw")
        if raw:
            lines += ["", f"| {n} functions | instructions | ÷ raw |", "|---|---|---|"]
            for name, count in counts.items():
                if name.startswith(f"{n} functions, "):
                    lines.append(
                        f"| {name.removeprefix(f'{n} functions, ')} | {count / 1e9:.3f} G | "
                        f"{count / raw:.3f}x |"
                    )
    lines += [
        "",
        f"| {c['scale_functions']} functions | resources | wall time | evaluation in process "
        "| of which GC (full collections) | peak RSS MiB | ÷ raw (wall, per round) "
        "| ÷ raw (CPU) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, row in c["scale"].items():
        lines.append(
            f"| {name} | {row['resources']} | {fmt_s(row['wall'])} | {fmt_s(row['evaluate'])} | "
            f"{row['gc']['median']:.2f} s ({row['gc_full_collections']['median']:.0f}) | "
            f"{row['maxrss_mib']['median']:.0f} | {fmt_ratio(row['ratio_to_raw'])} | "
            f"{fmt_ratio(row['cpu_ratio_to_raw'])} |"
        )
    lines += [
        "",
        f"This tree over {before} at {c['scale_functions']} functions (wall, per round): "
        f"{fmt_ratio(c['scale_after_over_before'])}.",
        "",
    ]
    return lines


def render_same_program(c: dict[str, Any]) -> list[str]:
    """One program on two package trees, many interleaved pairs."""
    before, after = c["variants"]
    lines = [
        f"### {c['rev']}'s dev program on {before} and on {after} ({c['pairs']} interleaved pairs)",
        "",
        "| measure | on " + before + " | on " + after + " | per pair, median | 95% interval |",
        "|---|---|---|---|---|",
    ]
    for key, label in (("wall_seconds", "wall"), ("cpu_seconds", "CPU")):
        row = c[key]
        low, high = row["ratio_ci95"]
        lines.append(
            f"| {label} | {fmt_s(row['before'])} | {fmt_s(row['after'])} | "
            f"{row['ratio_median']:.3f}x | {low:.3f}-{high:.3f} |"
        )
    return [*lines, ""]
