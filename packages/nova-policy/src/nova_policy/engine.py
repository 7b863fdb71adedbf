"""Run the rules over a program's resources; findings, suppressions and a readable report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .config import PolicyConfig, Suppression
from .model import Resource, Stack, UndecidableError
from .rule import Level, Rule, Scanners, Severity

__all__ = ["NP_01", "Finding", "Report", "Undecided", "check"]

NP_01 = Rule(
    id="NP-01",
    title="Every suppression states a reason",
    severity=Severity.MEDIUM,
    types=(),
    check=lambda resource, ctx: (),
    scanners=Scanners(other=("cdk-nag NagPackSuppression reason",)),
    rationale="A suppression is a decision someone must be able to review later; without a "
    "reason it is indistinguishable from silencing a finding to get green.",
    fix="Add a 'reason' to the suppression (what makes the finding acceptable here).",
)
"""Nova-policy's own rule, checked on the config file rather than on resources."""


@dataclass(frozen=True)
class Finding:
    rule: Rule
    resource: Resource
    message: str
    level: Level
    suppressed_by: Suppression | None = None

    @property
    def suppressed(self) -> bool:
        return self.suppressed_by is not None

    def describe(self) -> str:
        text = f"{self.rule.id} [{self.level.value}] {self.resource.label}: {self.message}"
        if self.suppressed_by is not None:
            text += f" (suppressed: {self.suppressed_by.reason})"
        return text


@dataclass(frozen=True)
class Undecided:
    """A rule that could not decide for a resource: a value it needs is unknown until deploy."""

    rule: Rule
    resource: Resource
    path: str


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    undecided: list[Undecided] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    """How many resources each rule checked (rules that found nothing to check are absent)."""

    @property
    def violations(self) -> list[Finding]:
        """Findings that are not suppressed (advisory and mandatory)."""
        return [f for f in self.findings if not f.suppressed]

    @property
    def suppressed(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed]

    @property
    def failed(self) -> bool:
        """Whether any unsuppressed finding is mandatory."""
        return any(f.level is Level.MANDATORY for f in self.violations)

    def by_rule(self, *, include_suppressed: bool = False) -> dict[str, list[Finding]]:
        """Findings per rule ID, with an empty list for each rule that checked something."""
        out: dict[str, list[Finding]] = {rule_id: [] for rule_id in self.checked}
        for finding in self.findings if include_suppressed else self.violations:
            out.setdefault(finding.rule.id, []).append(finding)
        return out

    def format(self) -> str:
        """The report as text: violations, suppressed findings, undecided checks, a summary."""
        lines: list[str] = []
        for title, items in (("Violations", self.violations), ("Suppressed", self.suppressed)):
            if items:
                lines.append(f"{title}:")
                lines.extend(f"  {f.describe()}" for f in items)
        if self.violations:
            lines.append("Fixes (rule IDs are documented in nova-policy's RULES.md):")
            lines.extend(
                f"  {rule.id}: {rule.fix}" for rule in _distinct(f.rule for f in self.violations)
            )
        if self.undecided:
            lines.append("Not decidable before deployment:")
            lines.extend(
                f"  {u.rule.id} {u.resource.label}: {u.path} is unknown" for u in self.undecided
            )
        mandatory = sum(f.level is Level.MANDATORY for f in self.violations)
        lines.append(
            f"{len(self.violations)} violation(s) ({mandatory} mandatory), "
            f"{len(self.suppressed)} suppressed, {len(self.checked)} rule(s) applied."
        )
        return "\n".join(lines)


def _distinct(rules: Iterable[Rule]) -> list[Rule]:
    seen: dict[str, Rule] = {}
    for rule in rules:
        seen.setdefault(rule.id, rule)
    return list(seen.values())


def apply_suppressions(
    rule: Rule, resource: Resource, messages: Sequence[str], level: Level, config: PolicyConfig
) -> list[Finding]:
    """Findings for one rule and resource with the config's suppressions applied (shared by the
    recording, the preview and the policy pack, so all three treat suppressions alike)."""
    matching = [s for s in config.suppressions_for(rule.id) if s.matches(resource)]
    valid = next((s for s in matching if s.reason), None)
    findings = [Finding(rule, resource, m, level, valid) for m in messages]
    if messages and valid is None:
        findings.extend(
            Finding(
                NP_01,
                resource,
                f"suppression of {s.describe()} has no reason, so it suppresses nothing",
                Level.MANDATORY,
            )
            for s in matching
        )
    return findings


def check(
    resources: Iterable[Resource] | Stack,
    config: PolicyConfig | None = None,
    rules: Iterable[Rule] | None = None,
) -> Report:
    """Every rule over every resource of its types."""
    if rules is None:
        from nova_policy.rules import RULES  # noqa: PLC0415 - avoids an import cycle

        rules = RULES
    config = config or PolicyConfig()
    stack = resources if isinstance(resources, Stack) else Stack(resources)
    report = Report()
    for rule in rules:
        level = config.level(rule)
        subjects = stack.by_type(*rule.types)
        if level is Level.DISABLED or not subjects:
            continue
        report.checked[rule.id] = len(subjects)
        options = config.options_for(rule)
        for resource in subjects:
            try:
                messages = rule.violations(resource, stack, options)
            except UndecidableError as unknown:
                report.undecided.append(Undecided(rule, resource, unknown.path))
                continue
            report.findings.extend(apply_suppressions(rule, resource, messages, level, config))
    return report
