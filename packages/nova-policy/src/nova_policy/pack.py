"""The rules as Pulumi policies (pulumi-policy, the ``nova-policy[pack]`` extra).

Rules that read only their resource become ``ResourceValidationPolicy`` objects (they run on the
inputs of each resource); rules that follow references to other resources become
``StackValidationPolicy`` objects (they run once on the planned state of the whole stack). Each
policy is named by its rule ID, so ``--policy-pack-config`` sets levels, options and
suppressions per rule ID (see :mod:`nova_policy.config`).

The pack's entry point (``pack/__main__.py``) is a few lines::

    from pulumi_policy import PolicyPack
    from nova_policy.pack import policies

    PolicyPack("nova-policy", policies())
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    Policy,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
)

from nova_policy.config import ConfigError, PolicyConfig, parse_suppressions
from nova_policy.engine import Finding, apply_suppressions
from nova_policy.model import Resource, Stack, UndecidableError
from nova_policy.rule import Level, Rule, Scope
from nova_policy.rules import RULES

__all__ = ["PACK_NAME", "config_schema", "policies", "policy_for", "resource_from_policy"]

PACK_NAME = "nova-policy"
_LEVELS = {Level.ADVISORY: EnforcementLevel.ADVISORY, Level.MANDATORY: EnforcementLevel.MANDATORY}
_LEVELS[Level.DISABLED] = EnforcementLevel.DISABLED
_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array"}
_SUPPRESS_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"resource": {"type": "string"}, "reason": {"type": "string"}},
        "required": ["resource"],
    },
}


def config_schema(rule: Rule) -> PolicyConfigSchema:
    """The rule's pack config: ``suppress`` plus its options, typed from their defaults."""
    properties: dict[str, dict[str, Any]] = {"suppress": dict(_SUPPRESS_SCHEMA)}
    for key, default in rule.options.items():
        properties[key] = {"type": _JSON_TYPES.get(type(default), "string")}
    return PolicyConfigSchema(properties)


def _rule_config(rule: Rule, config: Mapping[str, Any]) -> PolicyConfig:
    options = {k: v for k, v in config.items() if k != "suppress"}
    try:
        suppressions = tuple(parse_suppressions(rule.id, list(config.get("suppress") or [])))
    except ConfigError:
        suppressions = ()  # the CLI validates the shape against config_schema first
    return PolicyConfig(options={rule.id: options}, suppressions=suppressions)


def _report(
    findings: Iterable[Finding], report_violation: ReportViolation, urn: str | None
) -> None:
    """Unsuppressed findings as violations; suppressed ones on the pack's log (stderr), since a
    violation at any level would count against the stack."""
    for finding in findings:
        if finding.suppressed:
            print(f"nova-policy: suppressed {finding.describe()}", file=sys.stderr)
            continue
        report_violation(f"{finding.rule.id}: {finding.message}. Fix: {finding.rule.fix}", urn)


def resource_from_policy(resource: Any) -> Resource:
    """A :class:`Resource` from a pulumi-policy ``PolicyResource`` (planned state as inputs)."""
    return Resource.create(
        resource.resource_type,
        resource.name,
        resource.props,
        urn=resource.urn,
        state=resource.props,
        parent=resource.parent.urn if resource.parent is not None else None,
        dependencies=[d.urn for d in resource.dependencies],
        property_dependencies={
            key: [d.urn for d in deps] for key, deps in resource.property_dependencies.items()
        },
    )


def _resource_validation(rule: Rule) -> Any:
    def validate(args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
        if args.resource_type not in rule.types:
            return
        resource = Resource.create(args.resource_type, args.name, args.props, urn=args.urn)
        config = _rule_config(rule, args.get_config())
        try:
            messages = rule.violations(resource, Stack([resource]), config.options_for(rule))
        except UndecidableError:
            return  # unknown until deployment: the policy runs again on `pulumi up`
        findings = apply_suppressions(rule, resource, messages, Level.MANDATORY, config)
        _report(findings, report_violation, None)

    return validate


def _stack_validation(rule: Rule) -> Any:
    def validate(args: StackValidationArgs, report_violation: ReportViolation) -> None:
        stack = Stack(resource_from_policy(r) for r in args.resources)
        config = _rule_config(rule, args.get_config())
        for resource in stack.by_type(*rule.types):
            try:
                messages = rule.violations(resource, stack, config.options_for(rule))
            except UndecidableError:
                continue
            findings = apply_suppressions(rule, resource, messages, Level.MANDATORY, config)
            _report(findings, report_violation, resource.urn)

    return validate


def policy_for(rule: Rule) -> Policy:
    """One rule as a pulumi-policy policy named by the rule ID, at the rule's default level."""
    common: dict[str, Any] = {
        "name": rule.id,
        "description": rule.title,
        "enforcement_level": _LEVELS[rule.level],
        "config_schema": config_schema(rule),
        "severity": Severity(rule.severity.value),
        "remediation_steps": rule.fix,
        "tags": list(rule.scanners.all()),
    }
    if rule.scope is Scope.RESOURCE:
        return ResourceValidationPolicy(validate=_resource_validation(rule), **common)
    return StackValidationPolicy(validate=_stack_validation(rule), **common)


def policies(rules: Iterable[Rule] = RULES) -> list[Policy]:
    """Every rule as a policy, for ``PolicyPack(name, policies())``."""
    return [policy_for(rule) for rule in rules]
