"""The README's table of scanner findings on the prod plan describes the prod plan as it is.

Each row of "What a scanner still reports on the prod plan, and why" states a choice (no VPC, no
code signing, ...). These tests read the Checkov IDs from that table and check each choice, and
the protections the section claims, against the resources prod really registers: a change that
adds a VPC, a DLQ or a second public route makes the README wrong and fails here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from conftest import REPOSITORY, load_contract, stack_run

from nova_testing import Recording

SECTION = "### What a scanner still reports on the prod plan, and why"
FUNCTION = "aws:lambda/function:Function"


def _readme_rows() -> dict[str, str]:
    """Checkov ID -> the row of the README table that names it."""
    text = (REPOSITORY / "README.md").read_text()
    assert SECTION in text, "README.md lost its section on the prod plan's scanner findings"
    section = text.split(SECTION, 1)[1].split("\n#", 1)[0]
    rows = {}
    for line in section.splitlines():
        if line.startswith("| CKV"):
            for check_id in re.findall(r"CKV_AWS_\d+", line.split("|")[1]):
                rows[check_id] = line
    return rows


def _prod() -> Recording:
    return stack_run("prod").recording


def _functions(rec: Recording) -> dict[str, dict]:
    return {r.name: r.inputs for r in rec.by_type(FUNCTION)}


def _no_vpc(rec: Recording) -> None:
    assert all("vpcConfig" not in inputs for inputs in _functions(rec).values())


def _no_code_signing(rec: Recording) -> None:
    assert all("codeSigningConfigArn" not in i for i in _functions(rec).values())


def _no_replication(rec: Recording) -> None:
    assert rec.by_type("aws:s3/bucketReplicationConfig:BucketReplicationConfig") == []
    versioned = rec.by_type("aws:s3/bucketVersioning:BucketVersioning")
    assert len(versioned) == len(rec.by_type("aws:s3/bucket:Bucket"))
    assert all(v.inputs["versioningConfiguration"]["status"] == "Enabled" for v in versioned)
    (table,) = rec.by_type("aws:dynamodb/table:Table")
    assert table.inputs["pointInTimeRecovery"]["enabled"] is True


def _log_groups_without_cmk(rec: Recording) -> None:
    groups = rec.by_type("aws:cloudwatch/logGroup:LogGroup")
    assert groups
    assert all(g.inputs.get("kmsKeyId") is None for g in groups)


def _dlq_only_where_invocations_can_be_lost(rec: Recording) -> None:
    functions = _functions(rec)
    assert all("deadLetterConfig" not in inputs for inputs in functions.values())
    async_configs = rec.by_type("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig")
    (importer_config,) = async_configs
    assert importer_config.inputs["functionName"].startswith("items-prod-importer-function")
    assert importer_config.inputs["destinationConfig"]["onFailure"]["destination"].startswith(
        "arn:aws:sqs:"
    )
    (mapping,) = rec.by_type("aws:lambda/eventSourceMapping:EventSourceMapping")
    assert ":function:items-prod-worker-function" in mapping.inputs["functionName"]
    queues = {q.name: q.inputs for q in rec.by_type("aws:sqs/queue:Queue")}
    assert "redrivePolicy" in queues["items-prod-imports-queue"]


def _only_health_is_public(rec: Recording) -> None:
    open_routes = {
        r.inputs["routeKey"]
        for r in rec.by_type("aws:apigatewayv2/route:Route")
        if r.inputs.get("authorizationType", "NONE") == "NONE"
    }
    assert open_routes == {"GET /health"} == set(load_contract().PUBLIC_ROUTES)


def _no_reserved_concurrency(rec: Recording) -> None:
    functions = _functions(rec)
    assert all("reservedConcurrentExecutions" not in i for i in functions.values())
    (mapping,) = rec.by_type("aws:lambda/eventSourceMapping:EventSourceMapping")
    assert mapping.inputs["scalingConfig"]["maximumConcurrency"] >= 2


def _environment_without_cmk(rec: Recording) -> None:
    assert all("kmsKeyArn" not in i for i in _functions(rec).values())


def _stores_on_aws_owned_keys(rec: Recording) -> None:
    (table,) = rec.by_type("aws:dynamodb/table:Table")
    assert table.inputs["serverSideEncryption"] == {"enabled": False}
    rules = [
        r.inputs["rules"]
        for r in rec.by_type(
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
        )
    ]
    assert rules
    assert all(
        rule[0]["applyServerSideEncryptionByDefault"] == {"sseAlgorithm": "AES256"}
        for rule in rules
    )


CHOICES: dict[str, Callable[[Recording], None]] = {
    "CKV_AWS_117": _no_vpc,
    "CKV_AWS_272": _no_code_signing,
    "CKV_AWS_144": _no_replication,
    "CKV_AWS_158": _log_groups_without_cmk,
    "CKV_AWS_116": _dlq_only_where_invocations_can_be_lost,
    "CKV_AWS_309": _only_health_is_public,
    "CKV_AWS_115": _no_reserved_concurrency,
    "CKV_AWS_173": _environment_without_cmk,
    "CKV_AWS_119": _stores_on_aws_owned_keys,
    "CKV_AWS_145": _stores_on_aws_owned_keys,
}


def test_every_row_of_the_readme_table_is_checked_here():
    assert set(_readme_rows()) == set(CHOICES)


@pytest.mark.parametrize("check_id", sorted(CHOICES))
def test_the_readme_choice_holds_on_the_prod_plan(check_id):
    assert check_id in _readme_rows()
    CHOICES[check_id](_prod())


def test_the_protections_the_section_claims_are_in_the_prod_plan():
    rec = _prod()
    logged = {r.name for r in rec.by_type("aws:s3/bucketLogging:BucketLogging")}
    assert logged == {"items-prod-data-logging", "items-prod-uploads-logging"}  # CKV_AWS_18
    (topic,) = rec.by_type("aws:sns/topic:Topic")
    assert topic.inputs["kmsMasterKeyId"].startswith("arn:aws:kms:")  # CKV_AWS_26
    groups = rec.by_type("aws:cloudwatch/logGroup:LogGroup")
    assert {g.inputs["retentionInDays"] for g in groups} == {365}  # CKV_AWS_338
    (table,) = rec.by_type("aws:dynamodb/table:Table")
    assert table.inputs["deletionProtectionEnabled"] is True
    assert table.inputs["pointInTimeRecovery"]["recoveryPeriodInDays"] == 35
    (secret,) = rec.by_type("aws:secretsmanager/secret:Secret")
    assert secret.inputs["recoveryWindowInDays"] == 30
    stateful = [*rec.by_type("aws:s3/bucket:Bucket"), table]
    assert all(r.protect and r.retain_on_delete for r in stateful)
