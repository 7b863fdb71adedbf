"""Plain values, Outputs, apply-time checks, ARNs, Regions, child names and the shared tables."""

from __future__ import annotations

import subprocess
import sys

import pulumi
import pytest

from nova_core import (
    APIGW_ACCOUNT_THROTTLING,
    LOG_RETENTION_DAYS,
    PARTITION_REGIONS,
    Checker,
    NovaInputError,
    check_now_or_when_known,
    check_when_known,
    child_name,
    is_deep_plain,
    is_plain,
    known_region,
    parse_arn,
    partition_of_region,
)


async def _coroutine() -> int:
    return 1


def test_plain_values_and_outputs_are_told_apart():
    output = pulumi.Output.from_input(1)
    assert is_plain(1)
    assert is_plain({"a": 1})
    assert not is_plain(output)
    coroutine = _coroutine()
    assert not is_plain(coroutine)
    coroutine.close()
    assert is_deep_plain({"a": [1, (2, {"b": "c"})]})
    assert not is_deep_plain({"a": [1, {"b": output}]})


def test_check_when_known_passes_the_value_on(mock_stack):
    seen: list[int] = []
    rec = mock_stack.run(lambda: check_when_known(pulumi.Output.from_input(5), seen.append))
    assert rec.value(rec.result) == 5
    assert seen == [5]


def test_check_now_or_when_known_checks_a_plain_value_now():
    def refuse(value: int) -> None:
        Checker("nova-test Thing", "t").integer("n", value, maximum=3)

    assert check_now_or_when_known(3, refuse) == 3
    with pytest.raises(NovaInputError) as caught:
        check_now_or_when_known(5, refuse)
    assert not caught.value.deferred
    assert caught.value.argument == "n"


def test_check_now_or_when_known_defers_an_output(mock_stack):
    seen: list[int] = []
    checked: list[object] = []

    def program() -> object:
        result = check_now_or_when_known(pulumi.Output.from_input(5), seen.append)
        checked.append(result)
        return result

    rec = mock_stack.run(program)
    assert isinstance(checked[0], pulumi.Output)
    assert rec.value(rec.result) == 5
    assert seen == [5]


def test_check_when_known_marks_the_error_deferred_and_logs_it_first(mock_stack, monkeypatch):
    logged: list[str] = []
    monkeypatch.setattr(pulumi.log, "error", lambda message, *a, **k: logged.append(message))

    def refuse(value: int) -> None:
        Checker("nova-test Thing", "t").integer("n", value, maximum=3)

    def program() -> None:
        pulumi.export("n", check_when_known(pulumi.Output.from_input(5), refuse))

    with pytest.raises(NovaInputError) as caught:
        mock_stack.run(program)
    assert caught.value.deferred
    assert "(checked when the Output resolved)" in str(caught.value)
    assert logged == [str(caught.value)]


def test_parse_arn_splits_every_part():
    arn = parse_arn("arn:aws:lambda:eu-west-1:123456789012:function:fn")
    assert arn is not None
    assert (arn.partition, arn.service, arn.region, arn.account) == (
        "aws",
        "lambda",
        "eu-west-1",
        "123456789012",
    )
    assert (arn.resource_type, arn.resource_name) == ("function", "fn")
    assert str(arn) == "arn:aws:lambda:eu-west-1:123456789012:function:fn"
    bucket = parse_arn("arn:aws-us-gov:s3:::my-bucket")
    assert (bucket.partition, bucket.region, bucket.account, bucket.resource_type) == (
        "aws-us-gov",
        "",
        "",
        "",
    )
    assert parse_arn("not-an-arn") is None
    assert parse_arn(3) is None  # type: ignore[arg-type]


def test_regions_belong_to_one_partition():
    assert partition_of_region("eu-west-1") == "aws"
    assert partition_of_region("cn-northwest-1") == "aws-cn"
    assert partition_of_region("us-gov-west-1") == "aws-us-gov"
    assert partition_of_region("mars-north-1") is None
    assert known_region("us-east-1", "aws")
    assert not known_region("us-east-1", "aws-cn")
    every = [r for regions in PARTITION_REGIONS.values() for r in regions]
    assert len(every) == len(set(every)), "a Region is listed in two partitions"


def test_tables_hold_the_aws_values():
    assert LOG_RETENTION_DAYS[0] == 1
    assert LOG_RETENTION_DAYS[-1] == 3653
    assert list(LOG_RETENTION_DAYS) == sorted(LOG_RETENTION_DAYS)
    assert APIGW_ACCOUNT_THROTTLING["af-south-1"] == (1250, 2500.0)
    assert all(region in PARTITION_REGIONS["aws"] for region in APIGW_ACCOUNT_THROTTLING)


def test_child_names_follow_one_pattern():
    assert child_name("api", "stage") == "api-stage"
    assert child_name("api", "permission", "items") == "api-permission-items"


def test_error_module_imports_without_pulumi():
    # Tools that only format or parse errors (the policy checker, build scripts) stay light.
    # Importing the package imports pulumi (values needs it); the submodules alone must not.
    # Load the submodules without running nova_core/__init__ by stubbing the package.
    code = (
        "import sys, types, importlib.util, pathlib\n"
        "spec = importlib.util.find_spec('nova_core')\n"
        "package = types.ModuleType('nova_core'); package.__path__ = list(spec.submodule_search_locations)\n"
        "sys.modules['nova_core'] = package\n"
        "import nova_core.errors, nova_core.arns, nova_core.tables\n"
        "assert 'pulumi' not in sys.modules, 'pulumi was imported'\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
