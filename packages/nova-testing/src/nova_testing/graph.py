"""The plan as a picture: components and how requests and data flow between them.

By default each component is one node and an edge means "uses": an API uses its function, a
function the bucket, table or queue it writes to, a queue the worker it feeds, an alarm the topic
it notifies. Arrows read in the direction of the flow because they follow the program's own
dependencies (the user of an output points at its producer). Grants are drawn apart as dotted
"may access" edges from the role's owner to the resource, and monitoring as dashed "watches"
edges, so the request flow stays readable; a legend says which is which. ``detail=True`` draws
every resource inside its component instead.

Two formats: Graphviz DOT (``.dot``; ``.svg``/``.png`` through Graphviz's ``dot``) and Mermaid
(``.mmd``, or ``.md`` wrapped in a fence), which needs nothing installed and renders in code
hosting previews.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .recording import RecordedResource, Recording

__all__ = ["Edge", "Graph", "build_graph", "render_dot", "render_mermaid"]

GRANT_TYPES = frozenset(
    (
        "aws:iam/rolePolicy:RolePolicy",
        "aws:iam/policy:Policy",
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    )
)
EDGE_STYLES = {
    "uses": ("solid", "uses (request and data flow)"),
    "grant": ("dotted", "may access (IAM grant)"),
    "watches": ("dashed", "watches (alarms, dashboard)"),
}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str
    """``uses``, ``grant`` or ``watches``."""


@dataclass(frozen=True)
class Graph:
    title: str
    nodes: dict[str, RecordedResource]
    """URN -> the resource drawn as a node."""
    groups: dict[str, list[str]]
    """Component URN -> URNs drawn inside it (detail mode only)."""
    edges: list[Edge]


def _is_monitor(resource: RecordedResource) -> bool:
    return resource.type.startswith("nova-observability:")


def _owners(recording: Recording, detail: bool) -> dict[str, str]:
    """Every resource URN -> the URN of the node that stands for it."""
    by_urn = {r.urn: r for r in recording.resources}
    owners: dict[str, str] = {}
    for resource in recording.resources:
        chain = [resource]
        while chain[-1].parent_urn in by_urn:
            chain.append(by_urn[chain[-1].parent_urn])
        top = chain[-1]
        if detail:
            owners[resource.urn] = resource.urn
        elif not top.custom:
            # The top-level component, or its direct child component (a monitor's topic).
            child_components = [r for r in chain[:-1] if not r.custom]
            owners[resource.urn] = (
                child_components[-1].urn if child_components and _is_monitor(top) else top.urn
            )
        else:
            owners[resource.urn] = top.urn
    return owners


def build_graph(recording: Recording, title: str, *, detail: bool = False) -> Graph:
    """Nodes and typed edges of the plan (components by default, resources with ``detail``)."""
    by_urn = {r.urn: r for r in recording.resources}
    owners = _owners(recording, detail)
    nodes = {urn: by_urn[urn] for urn in sorted(set(owners.values()))}
    if detail:
        nodes = {r.urn: r for r in recording.resources if r.custom}
    groups: dict[str, list[str]] = {}
    if detail:
        for resource in recording.resources:
            if resource.custom and resource.parent_urn in by_urn:
                groups.setdefault(resource.parent_urn, []).append(resource.urn)
    edges: set[Edge] = set()
    for resource in recording.resources:
        source = owners[resource.urn]
        for dependency in resource.dependencies:
            if dependency not in owners:
                continue
            target = owners[dependency]
            if target == source or source not in nodes or target not in nodes:
                continue
            source_watcher = _is_monitor(by_urn[source])
            if source_watcher and _is_monitor(by_urn[target]):
                # Inside monitoring only "alarms notify the topic" is flow worth drawing.
                if by_urn[target].type.endswith(":AlarmTopic"):
                    edges.add(Edge(source, target, "uses"))
                continue
            if resource.type in GRANT_TYPES:
                # A grant's policy depends on the role it is attached to: draw "role owner may
                # access this resource", in the direction of the flow.
                edges.add(Edge(target, source, "grant"))
            elif source_watcher or any(
                _is_monitor(by_urn[u]) for u in _ancestors(resource, by_urn)
            ):
                edges.add(Edge(source, target, "watches"))
            else:
                edges.add(Edge(source, target, "uses"))
    # A "uses" edge already says more than a grant between the same two nodes.
    uses = {(e.source, e.target) for e in edges if e.kind == "uses"}
    kept = [e for e in edges if e.kind == "uses" or (e.source, e.target) not in uses]
    return Graph(title, nodes, groups, sorted(kept, key=lambda e: (e.kind, e.source, e.target)))


def _ancestors(resource: RecordedResource, by_urn: dict[str, RecordedResource]) -> Iterable[str]:
    urn = resource.parent_urn
    while urn in by_urn:
        yield urn
        urn = by_urn[urn].parent_urn


def _label(resource: RecordedResource) -> str:
    kind = resource.type.rsplit(":", 1)[-1]
    package = resource.type.split(":", 1)[0]
    return f"{kind} ({package})\n{resource.name}"


def render_dot(graph: Graph) -> str:
    """Graphviz DOT, left to right in the direction of the flow, with a legend."""
    lines = [
        "digraph nova {",
        f"  label={json.dumps(graph.title)}; labelloc=t; rankdir=LR; fontname=Helvetica;",
        "  node [shape=box, style=rounded, fontname=Helvetica, fontsize=10];",
        "  edge [fontname=Helvetica, fontsize=9];",
    ]
    inside = {urn for members in graph.groups.values() for urn in members}
    for urn, resource in graph.nodes.items():
        if urn not in inside:
            lines.append(f"  {json.dumps(urn)} [label={json.dumps(_label(resource))}];")
    for index, (group, members) in enumerate(sorted(graph.groups.items())):
        lines.append(f"  subgraph cluster_{index} {{")
        lines.append(
            f"    label={json.dumps(group.rsplit('::', 1)[-1])}; style=rounded; color=gray50;"
        )
        for urn in sorted(members):
            lines.append(f"    {json.dumps(urn)} [label={json.dumps(_label(graph.nodes[urn]))}];")
        lines.append("  }")
    for edge in graph.edges:
        style = EDGE_STYLES[edge.kind][0]
        lines.append(f"  {json.dumps(edge.source)} -> {json.dumps(edge.target)} [style={style}];")
    lines.append("  subgraph cluster_legend {")
    lines.append('    label="Legend"; style=rounded; color=gray70; fontsize=9;')
    for kind, (style, meaning) in EDGE_STYLES.items():
        lines.append(f'    "legend_{kind}_a" [label="", shape=point, width=0.05];')
        lines.append(f'    "legend_{kind}_b" [label={json.dumps(meaning)}, shape=plaintext];')
        lines.append(f'    "legend_{kind}_a" -> "legend_{kind}_b" [style={style}];')
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_id(index: int) -> str:
    return f"n{index}"


def _mermaid_text(text: str) -> str:
    return re.sub(r'["<>]', "", text).replace("\n", "<br/>")


def render_mermaid(graph: Graph) -> str:
    """A Mermaid flowchart (left to right) with the same nodes, edges and legend."""
    ids = {urn: _mermaid_id(i) for i, urn in enumerate(graph.nodes)}
    arrows = {"uses": "-->", "grant": "-.->", "watches": "==>"}
    lines = ["flowchart LR", f"  %% {graph.title}"]
    inside = {urn for members in graph.groups.values() for urn in members}
    for urn, resource in graph.nodes.items():
        if urn not in inside:
            lines.append(f'  {ids[urn]}["{_mermaid_text(_label(resource))}"]')
    for index, (group, members) in enumerate(sorted(graph.groups.items())):
        lines.append(f'  subgraph g{index}["{_mermaid_text(group.rsplit("::", 1)[-1])}"]')
        for urn in sorted(members):
            lines.append(f'    {ids[urn]}["{_mermaid_text(_label(graph.nodes[urn]))}"]')
        lines.append("  end")
    for edge in graph.edges:
        lines.append(f"  {ids[edge.source]} {arrows[edge.kind]} {ids[edge.target]}")
    lines.append('  subgraph legend["Legend"]')
    lines.append("    direction LR")
    for kind, (_, meaning) in EDGE_STYLES.items():
        lines.append(f'    l_{kind}_a[" "] {arrows[kind]} l_{kind}_b["{meaning}"]')
    lines.append("  end")
    return "\n".join(lines) + "\n"
