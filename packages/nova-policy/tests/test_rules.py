"""Each rule passes one program and fails another (rule_cases.py), and its data is complete."""

from __future__ import annotations

import pytest
from rule_cases import CASES

from nova_policy import RULES, RULES_BY_ID, Level, Scope, Stack, check

CASE_IDS = [c.rule for c in CASES]


def _messages(rule_id, resources):
    rule = RULES_BY_ID[rule_id]
    stack = Stack(resources)
    subjects = stack.by_type(*rule.types)
    assert subjects, f"{rule_id}: the case has nothing the rule checks"
    return [m for r in subjects for m in rule.violations(r, stack)]


def test_every_rule_has_a_case():
    assert sorted(CASE_IDS) == sorted(r.id for r in RULES)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_rule_passes(case):
    assert _messages(case.rule, case.passing()) == []


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_fails_when_the_rule_is_broken(case):
    messages = _messages(case.rule, case.failing())
    assert any(case.expected in m for m in messages), messages


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_data_is_complete(rule):
    assert rule.title
    assert rule.rationale
    assert rule.fix.endswith(".")
    assert rule.types
    assert all(t.count(":") == 2 for t in rule.types)
    assert rule.scanners.all(), f"{rule.id} names no scanner or source ID"
    assert rule.level in (Level.MANDATORY, Level.ADVISORY)


def test_resource_rules_read_only_their_resource():
    """A resource-scope rule gives the same answer alone as within its case's program (the pack
    runs it on one resource at a time)."""
    for case in CASES:
        rule = RULES_BY_ID[case.rule]
        if rule.scope is not Scope.RESOURCE:
            continue
        for resource in Stack(case.failing()).by_type(*rule.types):
            assert rule.violations(resource, Stack([resource])) == rule.violations(
                resource, Stack(case.failing())
            )


def test_rules_of_other_types_ignore_a_resource():
    report = check(CASES[0].passing())
    assert set(report.checked) <= {"S3-01", "S3-02", "S3-03", "S3-04", "S3-06", "S3-07", "S3-14"}


def test_provisioned_tables_pass_ddb04_with_read_and_write_scaling():
    from policy_builders import res

    table = res(
        "aws:dynamodb/table:Table", "t", {"billingMode": "PROVISIONED"}, state={"name": "t-1"}
    )

    def target(unit):
        return res(
            "aws:appautoscaling/target:Target",
            f"scale-{unit}",
            {
                "serviceNamespace": "dynamodb",
                "resourceId": "table/t-1",
                "scalableDimension": f"dynamodb:table:{unit}CapacityUnits",
            },
        )

    rule = RULES_BY_ID["DDB-04"]
    read_only = Stack([table, target("Read")])
    assert rule.violations(table, read_only) == [
        "billing mode 'PROVISIONED' without auto scaling of WriteCapacityUnits"
    ]
    assert rule.violations(table, Stack([table, target("Read"), target("Write")])) == []


@pytest.mark.parametrize(
    ("action", "allowed"),
    [("dynamodb:ListStreams", True), ("xray:PutTelemetryRecords", True), ("dynamodb:Scan", False)],
)
def test_i03_allows_resource_star_only_for_actions_without_resource_level_permissions(
    action, allowed
):
    from rule_cases import _role_policy

    resources = _role_policy({"Effect": "Allow", "Action": action, "Resource": "*"})
    messages = _messages("I-03", resources)
    assert (messages == []) is allowed, messages
