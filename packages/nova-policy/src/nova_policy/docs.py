"""RULES.md, generated from the rule data (``python scripts/render_rules.py`` writes it)."""

from __future__ import annotations

from nova_policy.engine import NP_01
from nova_policy.rule import Rule
from nova_policy.rules import SERVICES, rules_of
from nova_policy.rules.lambda_ import SUPPORTED_RUNTIMES

__all__ = ["render_rule_table", "render_rules_markdown"]

HEADER = """\
# nova-policy rules

<!-- Generated from the rule data by scripts/render_rules.py; do not edit by hand. -->

Every rule has a Nova ID (cited in messages, READMEs and suppressions), a severity, a default
level (`mandatory` fails `nova-preview --check`, `Recording.check_rules()` and blocks
`pulumi up` with the pack; `advisory` only reports), and the IDs other tools use for the same
requirement: Security Hub controls (`SH`), cdk-nag rules (`AwsSolutions-*`, `Serverless-*`,
`NIST.800.53.R5-*`), Checkov (`CKV*`) and Trivy (`AWS-0xxx`). None of those tools reads a Pulumi
program; the IDs are anchors for reviews and audits.

*Scope* `resource`: the rule reads the resource's own inputs (a `ResourceValidationPolicy` in the
pack). `stack`: it follows references to other resources, such as a bucket's policy or a
mapping's queue (a `StackValidationPolicy`). Values unknown before deployment leave a rule
undecided for that resource; it runs again with known values on `pulumi up`.
"""


def _code(items: tuple[str, ...]) -> str:
    return ", ".join(f"`{i}`" for i in items) or "-"


def _short_type(type_: str) -> str:
    return type_.split(":")[-1] if type_.count(":") == 2 else type_


def _row(rule: Rule) -> str:
    types = ", ".join(f"`{_short_type(t)}`" for t in rule.types) or "config file"
    return (
        f"| [{rule.id}](#{rule.id.lower()}) | {rule.title} | {rule.severity.value} | "
        f"{rule.level.value} | {types} | {', '.join(rule.scanners.all())} |"
    )


def _section(rule: Rule) -> list[str]:
    lines = [
        f"### {rule.id}",
        "",
        f"**{rule.title}.** Severity {rule.severity.value}, default level {rule.level.value}, "
        f"scope {rule.scope.value if rule.types else 'config'}.",
        "",
        f"Checks: {_code(rule.types)}.",
        "",
        f"Why: {rule.rationale}",
        "",
        f"Fix: {rule.fix}",
        "",
    ]
    if rule.options:
        options = ", ".join(f"`{k}` (default `{v!r}`)" for k, v in rule.options.items())
        lines += [f"Options: {options}.", ""]
    return lines


def render_rules_markdown() -> str:
    lines = [*HEADER.splitlines(), ""]
    sections: list[str] = []
    table = [
        "| ID | Rule | Severity | Default | Checks | Stands for |",
        "|---|---|---|---|---|---|",
    ]
    for service, module in SERVICES.items():
        rules = rules_of(module)
        table.append(f"| **{service}** | | | | | |")
        table.extend(_row(r) for r in rules)
        sections += [f"## {service}", ""]
        for rule in rules:
            sections += _section(rule)
    table.append("| **nova-policy** | | | | | |")
    table.append(_row(NP_01))
    sections += ["## nova-policy", "", *_section(NP_01)]
    lines += ["## Summary", "", *table, "", *sections]
    lines += [
        "## Supported Lambda runtimes (L-01)",
        "",
        "| Runtime | Deprecation |",
        "|---|---|",
        *(f"| `{name}` | {day.isoformat()} |" for name, day in SUPPORTED_RUNTIMES.items()),
        "",
    ]
    return "\n".join(lines)


def render_rule_table() -> str:
    """The README's compact table: every rule ID with its title, severity and default level."""
    lines = ["| ID | Rule | Severity | Default |", "|---|---|---|---|"]
    for module in SERVICES.values():
        lines.extend(
            f"| {r.id} | {r.title} | {r.severity.value} | {r.level.value} |"
            for r in rules_of(module)
        )
    lines.append(f"| {NP_01.id} | {NP_01.title} | {NP_01.severity.value} | {NP_01.level.value} |")
    return "\n".join(lines)
