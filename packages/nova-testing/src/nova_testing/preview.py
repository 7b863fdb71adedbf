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

from .recording import RecordedResource, Recording
from .runner import ProjectError, StackRun, list_stacks, run_stack

__all__ = ["main", "plan_json", "render_dot", "render_tree"]

# Inputs worth showing per type; other types show their first scalar inputs.
KEY_INPUTS: dict[str, tuple[str, ...]] = {
    "aws:s3/bucket:Bucket": ("bucket", "bucketPrefix", "forceDestroy"),
    "aws:s3/bucketVersioning:BucketVersioning": ("versioningConfiguration",),
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": (
        "blockPublicAcls",
        "blockPublicPolicy",
        "ignorePublicAcls",
        "restrictPublicBuckets",
    ),
    "aws:lambda/function:Function": (
        "runtime",
        "architectures",
        "handler",
        "memorySize",
        "timeout",
        "tracingConfig",
    ),
    "aws:cloudwatch/logGroup:LogGroup": ("name", "retentionInDays"),
    "aws:iam/role:Role": ("name", "permissionsBoundary"),
    "aws:apigatewayv2/api:Api": ("name", "protocolType", "disableExecuteApiEndpoint"),
    "aws:apigatewayv2/route:Route": ("routeKey", "authorizationType"),
    "aws:apigatewayv2/integration:Integration": (
        "integrationType",
        "payloadFormatVersion",
        "timeoutMilliseconds",
    ),
    "aws:apigatewayv2/stage:Stage": ("name", "autoDeploy", "defaultRouteSettings"),
    "aws:lambda/permission:Permission": ("principal", "sourceArn", "sourceAccount"),
    "aws:cloudwatch/metricAlarm:MetricAlarm": (
        "namespace",
        "metricName",
        "threshold",
        "comparisonOperator",
        "evaluationPeriods",
    ),
    "aws:cloudwatch/dashboard:Dashboard": ("dashboardName",),
    "aws:sns/topic:Topic": ("name", "kmsMasterKeyId"),
}

_LONG = 80


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
    text = " ".join(text.split())
    return text if len(text) <= _LONG else text[: _LONG - 3] + "..."


def _key_inputs(resource: RecordedResource) -> list[tuple[str, Any]]:
    keys = KEY_INPUTS.get(resource.type)
    if keys is not None:
        return [(k, resource.inputs[k]) for k in keys if k in resource.inputs]
    scalars = [
        (k, v)
        for k, v in sorted(resource.inputs.items())
        if isinstance(v, (str, int, float, bool)) and k not in ("tags", "tagsAll")
    ]
    return scalars[:4]


def _ordered(resources: Sequence[RecordedResource]) -> list[RecordedResource]:
    return sorted(resources, key=lambda r: (r.custom, r.type, r.name))


def render_tree(run: StackRun, out: TextIO) -> None:
    """Write the plan as an indented tree: component > children, with key inputs and flags."""
    recording = run.recording
    children: dict[str | None, list[RecordedResource]] = {}
    for resource in recording.resources:
        children.setdefault(resource.parent_urn, []).append(resource)
    out.write(
        f"Plan for {run.config.project}/{run.config.stack} (offline, mocks): "
        f"{len(recording.resources)} resources\n"
    )

    def walk(parent: str | None, depth: int) -> None:
        for resource in _ordered(children.get(parent, [])):
            flags = [
                flag
                for flag, on in (
                    ("protected", resource.protect),
                    ("retain-on-delete", resource.retain_on_delete),
                )
                if on
            ]
            flag_text = f"  [{', '.join(flags)}]" if flags else ""
            out.write(f"{'  ' * depth}+ {resource.type}  {resource.name}{flag_text}\n")
            for key, value in _key_inputs(resource):
                out.write(f"{'  ' * (depth + 2)}{key}: {_short(value)}\n")
            walk(resource.urn, depth + 1)

    walk(None, 1)
    if recording.outputs:
        out.write("Outputs:\n")
        for key in sorted(recording.outputs):
            out.write(f"    {key}: {_short(recording.outputs[key])}\n")
    out.write("Resources by type:\n")
    for type_, count in recording.types().items():
        out.write(f"    {count:4d}  {type_}\n")


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


def _dot_id(urn: str) -> str:
    return json.dumps(urn)


def render_dot(recording: Recording, title: str) -> str:
    """Graphviz DOT: components as clusters, resources as nodes, dependencies as dashed edges."""
    lines = [
        "digraph nova {",
        f"  label={json.dumps(title)}; labelloc=t; rankdir=LR; fontname=Helvetica;",
        "  node [shape=box, style=rounded, fontname=Helvetica, fontsize=10];",
    ]
    by_parent: dict[str | None, list[RecordedResource]] = {}
    for resource in recording.resources:
        by_parent.setdefault(resource.parent_urn, []).append(resource)

    def emit(parent: str | None, indent: str) -> None:
        for resource in _ordered(by_parent.get(parent, [])):
            label = json.dumps(f"{resource.name}\n{resource.type}")
            if not resource.custom:
                lines.append(f"{indent}subgraph {json.dumps('cluster_' + resource.urn)} {{")
                lines.append(f"{indent}  label={label}; style=rounded; color=gray40;")
                lines.append(f"{indent}  {_dot_id(resource.urn)} [label={label}, shape=folder];")
                emit(resource.urn, indent + "  ")
                lines.append(f"{indent}}}")
            else:
                lines.append(f"{indent}{_dot_id(resource.urn)} [label={label}];")

    emit(None, "  ")
    known = {r.urn for r in recording.resources}
    for resource in sorted(recording.resources, key=lambda r: r.urn):
        for dependency in sorted(set(resource.dependencies)):
            if dependency in known:
                lines.append(f"  {_dot_id(resource.urn)} -> {_dot_id(dependency)} [style=dashed];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _write_graph(recording: Recording, title: str, target: Path, out: TextIO) -> None:
    dot = render_dot(recording, title)
    suffix = target.suffix.lower()
    if suffix in (".svg", ".png"):
        dot_file = target.with_suffix(".dot")
        dot_file.write_text(dot)
        graphviz = shutil.which("dot")
        if graphviz is None:
            out.write(
                f"Graph written as DOT to {dot_file}; install Graphviz (`dot`) to get {target}.\n"
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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``nova-preview`` console script."""
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
    parser.add_argument("--graph", metavar="FILE", help="write the resource graph (.dot/.svg/.png)")
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
    args = parser.parse_args(argv)
    out, err = sys.stdout, sys.stderr

    project = Path(args.project)
    if not project.exists():
        err.write(
            f"nova-preview: no stacks yet: {project} does not exist. Stacks live in stacks/<env>/ "
            "(Pulumi.yaml, Pulumi.<env>.yaml, __main__.py); see CONTRIBUTING.md.\n"
        )
        return 2
    stack = args.stack
    if stack is None:
        stacks = list_stacks(project)
        if len(stacks) != 1:
            err.write(
                f"nova-preview: {project} has stacks {stacks or 'none'}; choose one with --stack.\n"
            )
            return 2
        stack = stacks[0]
    try:
        run = run_stack(project, stack)
    except ProjectError as error:
        err.write(f"nova-preview: {error}\n")
        return 2
    except Exception as error:
        err.write(f"nova-preview: the program of {project} (stack {stack}) failed:\n")
        err.write(_program_traceback(error, project.resolve()))
        return 1

    if args.check:
        from ._policy import check_run  # noqa: PLC0415 - nova-policy is optional

        return check_run(run.recording, project, args.policy_config, out, err)
    if args.json:
        json.dump(plan_json(run), out, indent=2, sort_keys=True, default=_json_default)
        out.write("\n")
    else:
        render_tree(run, out)
    if args.graph:
        _write_graph(run.recording, f"{run.config.project}/{stack}", Path(args.graph), err)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
