"""``nova-preview``: print a Pulumi stack's plan offline, as a tree, as JSON, or as a graph.

    nova-preview stacks/dev                 # tree of components, children, key inputs, outputs
    nova-preview stacks/prod --json         # machine-readable plan, stable order, for diffs
    nova-preview stacks/dev --graph dev.svg # Graphviz DOT (SVG/PNG too when `dot` is installed)
    nova-preview stacks/dev --check         # nova-policy rules; exit 1 on a mandatory violation

The program runs under Nova's recording mocks with the stack's real config: nothing is deployed
and no Pulumi CLI or cloud account is needed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from . import plan_text
from .graph import build_graph
from .graph import render_dot as _render_graph_dot
from .graph import render_mermaid as _render_graph_mermaid
from .plan_diff import diff_plans, render_diff
from .recording import Recording
from .runner import ProjectError, StackRun, list_stacks, run_stack

__all__ = ["main", "plan_json", "render_dot", "render_mermaid", "render_tree"]


def render_tree(run: StackRun, out: TextIO, *, full: bool = False) -> None:
    """Write the plan as an indented tree with every security-relevant value."""
    plan_text.render_tree(run.recording, f"{run.config.project}/{run.config.stack}", out, full=full)


def plan_json(run: StackRun) -> dict[str, Any]:
    """The plan as a JSON-ready dict with a stable order (for diffs between branches)."""
    return {
        "project": run.config.project,
        "stack": run.config.stack,
        "resources": [r.to_dict() for r in sorted(run.recording.resources, key=lambda r: r.urn)],
        "outputs": dict(sorted(run.recording.outputs.items())),
    }


def _json_default(value: Any) -> Any:
    """Assets and archives as stable JSON: the file name (content-addressed when built by Nova),
    never a memory address or a machine-specific path."""
    import pulumi  # noqa: PLC0415 - only needed for plans that contain assets

    if isinstance(value, (pulumi.FileArchive, pulumi.FileAsset)):
        return {type(value).__name__: Path(value.path).name}
    if isinstance(value, pulumi.RemoteArchive | pulumi.RemoteAsset):
        return {type(value).__name__: value.uri}
    if isinstance(value, pulumi.AssetArchive):
        return {"AssetArchive": {k: _json_default(v) for k, v in sorted(value.assets.items())}}
    if isinstance(value, pulumi.StringAsset):
        return {"StringAsset": hashlib.sha256(value.text.encode()).hexdigest()}
    return str(value)


def render_dot(recording: Recording, title: str, *, detail: bool = False) -> str:
    """Graphviz DOT of the plan: components (or every resource with ``detail``) and a legend."""
    return _render_graph_dot(build_graph(recording, title, detail=detail))


def render_mermaid(recording: Recording, title: str, *, detail: bool = False) -> str:
    """A Mermaid flowchart of the plan; needs no Graphviz and renders in code hosting previews."""
    return _render_graph_mermaid(build_graph(recording, title, detail=detail))


def _write_graph(
    recording: Recording, title: str, target: Path, out: TextIO, *, detail: bool
) -> None:
    suffix = target.suffix.lower()
    if suffix in (".mmd", ".mermaid", ".md"):
        text = render_mermaid(recording, title, detail=detail)
        if suffix == ".md":
            text = f"```mermaid\n{text}```\n"
        target.write_text(text)
        out.write(f"Graph written as Mermaid to {target}.\n")
        return
    dot = render_dot(recording, title, detail=detail)
    if suffix in (".svg", ".png"):
        dot_file = target.with_suffix(".dot")
        dot_file.write_text(dot)
        graphviz = shutil.which("dot")
        if graphviz is None:
            out.write(
                f"Graph written as DOT to {dot_file}; {target} needs Graphviz's `dot` "
                "(apt-get install graphviz / brew install graphviz), or write a Mermaid "
                "file instead (--graph plan.mmd), which needs nothing installed.\n"
            )
            return
        subprocess.run([graphviz, f"-T{suffix[1:]}", str(dot_file), "-o", str(target)], check=True)
        out.write(f"Graph written to {target} (and {dot_file}).\n")
        return
    target.write_text(dot)
    out.write(f"Graph written as DOT to {target}.\n")


def _program_traceback(error: BaseException, project: Path) -> str:
    """The error's traceback from the first frame inside the project (the user's own code)."""
    frames = traceback.extract_tb(error.__traceback__)
    start = next(
        (i for i, frame in enumerate(frames) if Path(frame.filename).is_relative_to(project)),
        0,
    )
    lines = ["Traceback (most recent call last):\n"]
    lines.extend(traceback.format_list(frames[start:]))
    lines.extend(traceback.format_exception_only(type(error), error))
    return "".join(lines)


def _find_resource(recording: Recording, wanted: str) -> list[Any]:
    return [r for r in recording.resources if wanted in (r.name, r.urn) or r.urn.endswith(wanted)]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nova-preview",
        description="Print a Pulumi stack's plan offline (mocks, real config; nothing deployed).",
    )
    parser.add_argument(
        "project",
        nargs="?",
        default="stacks/dev",
        help="Pulumi project folder (default: stacks/dev)",
    )
    parser.add_argument("--stack", "-s", help="stack name (default: the project's only stack)")
    parser.add_argument("--json", action="store_true", help="print the plan as JSON")
    parser.add_argument("--full", action="store_true", help="every input of every resource")
    parser.add_argument("--resource", metavar="NAME", help="one resource (name or URN), in full")
    parser.add_argument(
        "--graph",
        metavar="FILE",
        help="write the picture: .mmd/.md (Mermaid, nothing to install) or .dot/.svg/.png "
        "(Graphviz; svg/png need `dot`)",
    )
    parser.add_argument(
        "--detail", action="store_true", help="graph every resource, not only components"
    )
    parser.add_argument(
        "--diff",
        metavar="OLD_JSON",
        help="compare with an earlier `--json` plan; exit 3 when a stateful resource would be "
        "replaced or deleted",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="check the nova-policy rules instead of printing the plan; exit 1 on a violation",
    )
    parser.add_argument(
        "--policy-config",
        metavar="FILE",
        help="nova-policy config for --check (default: <project>/nova-policy.json if present)",
    )
    return parser


def _choose_stack(project: Path, stack: str | None, err: TextIO) -> str | None:
    if stack is not None:
        return stack
    stacks = list_stacks(project)
    if not stacks:
        err.write(
            f"nova-preview: {project} has no stack file. Create one named "
            f"Pulumi.<stack>.yaml next to Pulumi.yaml (e.g. {project / 'Pulumi.dev.yaml'} "
            "with a `config:` section, or `pulumi stack init dev` and `pulumi config set`), "
            "then run nova-preview again.\n"
        )
        return None
    if len(stacks) != 1:
        err.write(
            f"nova-preview: {project} has stacks {', '.join(stacks)}; choose one with --stack.\n"
        )
        return None
    return stacks[0]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``nova-preview`` console script."""
    args = _parser().parse_args(argv)
    out, err = sys.stdout, sys.stderr

    project = Path(args.project)
    if not project.exists():
        err.write(
            f"nova-preview: no stacks yet: {project} does not exist. Stacks live in stacks/<env>/ "
            "(Pulumi.yaml, Pulumi.<env>.yaml, __main__.py); see CONTRIBUTING.md.\n"
        )
        return 2
    stack = _choose_stack(project, args.stack, err)
    if stack is None:
        return 2
    try:
        run = run_stack(project, stack)
    except ProjectError as error:
        err.write(f"nova-preview: {error}\n")
        return 2
    except Exception as error:
        err.write(f"nova-preview: the program of {project} (stack {stack}) failed:\n")
        err.write(_program_traceback(error, project.resolve()))
        return 1

    title = f"{run.config.project}/{stack}"
    status = 0
    if args.check:
        from ._policy import check_run  # noqa: PLC0415 - nova-policy is optional

        return check_run(run.recording, project, args.policy_config, out, err)
    if args.diff:
        try:
            old = json.loads(Path(args.diff).read_text())
        except (OSError, json.JSONDecodeError) as error:
            err.write(f"nova-preview: cannot read the earlier plan {args.diff}: {error}\n")
            return 2
        current = json.loads(json.dumps(plan_json(run), sort_keys=True, default=_json_default))
        diff = diff_plans(old, current)
        render_diff(diff, title, out)
        status = 3 if diff.data_loss else 0
    elif args.resource:
        found = _find_resource(run.recording, args.resource)
        if not found:
            names = ", ".join(sorted(r.name for r in run.recording.resources))
            err.write(f"nova-preview: no resource {args.resource!r} in {title}; names: {names}\n")
            return 2
        for resource in found:
            plan_text.render_resource(resource, out)
    elif args.json:
        json.dump(plan_json(run), out, indent=2, sort_keys=True, default=_json_default)
        out.write("\n")
    else:
        render_tree(run, out, full=args.full)
    if args.graph:
        _write_graph(run.recording, title, Path(args.graph), err, detail=args.detail)
    return status


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
