"""The pack's policies, called directly with the arguments pulumi-policy constructs."""

from __future__ import annotations

import pytest
from policy_builders import PACK_DIR
from pulumi_policy import (
    EnforcementLevel,
    PolicyCustomTimeouts,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, unknown_checking_proxy

from nova_policy import RULES, RULES_BY_ID, Scope
from nova_policy.pack import config_schema, policies, policy_for

FN = "aws:lambda/function:Function"
QUEUE = "aws:sqs/queue:Queue"
OPTS = PolicyResourceOptions(False, [], None, [], PolicyCustomTimeouts(0, 0, 0), [])


def _resource_args(type_, name, props, config=None):
    urn = f"urn:pulumi:dev::proj::{type_}::{name}"
    return ResourceValidationArgs(
        type_, unknown_checking_proxy(props), urn, name, OPTS, None, config
    )


def _validate(rule_id, args):
    reported = []
    policy_for(RULES_BY_ID[rule_id]).validate(args, lambda m, u=None: reported.append((m, u)))
    return reported


def _policy_resource(type_, name, props, deps=(), property_deps=None):
    return PolicyResource(
        type_,
        unknown_checking_proxy(props),
        f"urn:pulumi:dev::proj::{type_}::{name}",
        name,
        OPTS,
        None,
        None,
        list(deps),
        dict(property_deps or {}),
    )


def test_one_policy_per_rule_named_by_its_id():
    made = policies()
    assert [p.name for p in made] == [r.id for r in RULES]
    for policy, rule in zip(made, RULES, strict=True):
        expected = (
            ResourceValidationPolicy if rule.scope is Scope.RESOURCE else StackValidationPolicy
        )
        assert isinstance(policy, expected)
        assert policy.enforcement_level.value == rule.level.value
        assert policy.remediation_steps == rule.fix


def test_levels_default_to_the_rule_level():
    assert policy_for(RULES_BY_ID["DDB-02"]).enforcement_level is EnforcementLevel.ADVISORY
    assert policy_for(RULES_BY_ID["L-03"]).enforcement_level is EnforcementLevel.MANDATORY


def test_config_schema_declares_suppressions_and_options():
    schema = config_schema(RULES_BY_ID["A-02"])
    assert schema.properties["public_routes"] == {"type": "array"}
    assert schema.properties["suppress"]["items"]["required"] == ["resource"]
    assert set(config_schema(RULES_BY_ID["L-03"]).properties) == {"suppress"}


def test_resource_policy_reports_a_violation():
    reported = _validate("L-03", _resource_args(FN, "fn", {"runtime": "python3.13"}))
    assert reported == [
        (
            "L-03: X-Ray tracing is not Active. Fix: Set tracing_config={'mode': 'Active'} and "
            "allow xray:PutTraceSegments/PutTelemetryRecords in the role.",
            None,
        )
    ]


def test_resource_policy_passes_a_compliant_resource():
    args = _resource_args(FN, "fn", {"tracingConfig": {"mode": "Active"}})
    assert _validate("L-03", args) == []


def test_resource_policy_ignores_other_types():
    assert _validate("L-03", _resource_args(QUEUE, "q", {})) == []


def test_resource_policy_is_silent_on_values_unknown_in_preview():
    args = _resource_args(FN, "fn", {"tracingConfig": {"mode": UNKNOWN_STRING_VALUE}})
    assert _validate("L-03", args) == []


def test_resource_policy_applies_suppressions_and_options(capsys):
    suppressed = {"suppress": [{"resource": "legacy-*", "reason": "vendored"}]}
    assert _validate("L-03", _resource_args(FN, "legacy-fn", {}, suppressed)) == []
    assert "suppressed L-03 [mandatory]" in capsys.readouterr().err
    route = "aws:apigatewayv2/route:Route"
    public = {"public_routes": ["GET /health"]}
    assert _validate("A-02", _resource_args(route, "r", {"routeKey": "GET /health"}, public)) == []
    assert _validate("A-02", _resource_args(route, "r", {"routeKey": "GET /x"}, public))


def test_fails_when_a_pack_suppression_has_no_reason():
    config = {"suppress": [{"resource": "legacy-fn"}]}
    messages = [m for m, _ in _validate("L-03", _resource_args(FN, "legacy-fn", {}, config))]
    assert messages[0].startswith("L-03: X-Ray tracing is not Active")
    assert messages[1].startswith(
        "NP-01: suppression of L-03 for 'legacy-fn' has no reason, so it suppresses nothing"
    )


def _mapping_stack(*, report_failures):
    queue = _policy_resource(QUEUE, "jobs", {"arn": "arn:aws:sqs:us-east-1:1:jobs"})
    mapping = _policy_resource(
        "aws:lambda/eventSourceMapping:EventSourceMapping",
        "jobs-mapping",
        {
            "eventSourceArn": "arn:aws:sqs:us-east-1:1:jobs",
            "functionResponseTypes": ["ReportBatchItemFailures"] if report_failures else [],
        },
        deps=[queue],
        property_deps={"eventSourceArn": [queue]},
    )
    return [queue, mapping]


def test_stack_policy_reports_against_the_resource_urn():
    reported = []
    args = StackValidationArgs(_mapping_stack(report_failures=False))
    policy_for(RULES_BY_ID["Q-08"]).validate(args, lambda m, u=None: reported.append((m, u)))
    assert [(m.split(".")[0], u) for m, u in reported] == [
        (
            "Q-08: function_response_types lacks ReportBatchItemFailures",
            "urn:pulumi:dev::proj::aws:lambda/eventSourceMapping:EventSourceMapping::jobs-mapping",
        )
    ]


def test_stack_policy_passes_a_compliant_stack():
    reported = []
    args = StackValidationArgs(_mapping_stack(report_failures=True))
    policy_for(RULES_BY_ID["Q-08"]).validate(args, lambda m, u=None: reported.append(m))
    assert reported == []


@pytest.mark.parametrize("rule", [r for r in RULES if r.scope is Scope.STACK], ids=lambda r: r.id)
def test_stack_policies_accept_an_empty_stack(rule):
    reported = []
    policy_for(rule).validate(StackValidationArgs([]), lambda m, u=None: reported.append(m))
    assert reported == []


def test_pack_files_install_this_version_from_the_wheelhouse():
    import yaml

    from nova_policy import __version__

    requirements = (PACK_DIR / "requirements.txt").read_text().splitlines()
    assert "--find-links ../dist" in requirements
    assert f"nova-policy[pack]=={__version__}" in requirements
    metadata = yaml.safe_load((PACK_DIR / "PulumiPolicy.yaml").read_text())
    assert metadata["version"] == __version__
    assert metadata["runtime"]["name"] == "python"
    assert "PolicyPack(" in (PACK_DIR / "__main__.py").read_text()
