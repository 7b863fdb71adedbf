"""The plan: every plain value is checked before anything registers, ints are never bools,
reserved concurrency is bounded by the account, and the facts other components read are plain."""

import logging

import pulumi
import pytest

from nova_compute import Function, FunctionArgs
from nova_compute._plan import ARG_KEYS, DEFAULTS, plan_function
from nova_compute.packaging import PackagingOptions
from nova_core import (
    LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY,
    LAMBDA_MIN_UNRESERVED_CONCURRENCY,
    NovaInputError,
)

FUNCTION = "aws:lambda/function:Function"
INT_KEYS = (
    "memory_mb",
    "timeout_seconds",
    "ephemeral_storage_mb",
    "reserved_concurrency",
    "account_concurrency",
    "log_retention_days",
    "async_max_retry_attempts",
    "async_max_event_age_seconds",
)
HIGHEST_RESERVATION = LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY - LAMBDA_MIN_UNRESERVED_CONCURRENCY


def _raises(mock_stack, app_dir, **args) -> NovaInputError:
    with pytest.raises(NovaInputError) as info:
        mock_stack.run(lambda: Function("fn", FunctionArgs(code_path=str(app_dir), **args)))
    assert not [r for r in mock_stack.last if r.type.startswith("aws:")]
    assert mock_stack.last.resources == []  # not even the component registered
    return info.value


def test_fails_when_log_retention_days_is_a_bool(mock_stack, app_dir):
    error = _raises(mock_stack, app_dir, log_retention_days=True)
    assert error.component == "nova-compute Function"
    assert error.argument == "log_retention_days"
    assert str(error).startswith(
        "nova-compute Function 'fn': argument 'log_retention_days' is True: must be a whole "
        "number (int; True/False and floats are not numbers here)"
    )


@pytest.mark.parametrize("key", INT_KEYS)
@pytest.mark.parametrize("flag", [True, False])
def test_fails_when_an_int_argument_is_a_bool(mock_stack, app_dir, key, flag):
    error = _raises(mock_stack, app_dir, **{key: flag})
    assert error.argument == key
    assert "must be a whole number" in error.rule
    assert error.fix.startswith("pass an int")


def test_every_int_argument_is_covered():
    annotations = FunctionArgs.__annotations__
    ints = {k for k, v in annotations.items() if "int" in str(v) and "list" not in str(v)}
    assert ints == set(INT_KEYS)


@pytest.mark.parametrize("reserved", [HIGHEST_RESERVATION + 1, 10**9])
def test_fails_when_reserved_concurrency_leaves_less_than_100_unreserved(
    mock_stack, app_dir, reserved
):
    error = _raises(mock_stack, app_dir, reserved_concurrency=reserved)
    assert str(error) == (
        f"nova-compute Function 'fn': argument 'reserved_concurrency' is {reserved}: Lambda keeps "
        "100 of the account's 1000 concurrent executions unreserved, so a function may reserve "
        "at most 900 (Lambda PutFunctionConcurrency). Fix: reserve at most 900, or, when your "
        "account's quota was raised, set 'account_concurrency' to it (Service Quotas: Lambda "
        "concurrent executions)."
    )


def test_fails_when_reserved_concurrency_is_a_float(mock_stack, app_dir):
    error = _raises(mock_stack, app_dir, reserved_concurrency=1e9)
    assert error.argument == "reserved_concurrency"
    assert "must be a whole number" in error.rule


def test_a_raised_account_quota_allows_larger_reservations(mock_stack, app_dir):
    rec = mock_stack.run(
        lambda: Function(
            "fn",
            FunctionArgs(
                code_path=str(app_dir), reserved_concurrency=4900, account_concurrency=5000
            ),
        )
    )
    assert rec.get(FUNCTION).inputs["reservedConcurrentExecutions"] == 4900
    error = _raises(mock_stack, app_dir, reserved_concurrency=4901, account_concurrency=5000)
    assert "at most 4900" in error.rule


def test_the_highest_default_reservation_is_accepted(mock_stack, app_dir):
    rec = mock_stack.run(
        lambda: Function(
            "fn", FunctionArgs(code_path=str(app_dir), reserved_concurrency=HIGHEST_RESERVATION)
        )
    )
    assert rec.get(FUNCTION).inputs["reservedConcurrentExecutions"] == 900


def test_fails_when_an_output_reservation_resolves_too_high(mock_stack, app_dir):
    with pytest.raises(ValueError, match=r"'reserved_concurrency' is 901 \(checked when the "):
        mock_stack.run(
            lambda: Function(
                "fn",
                FunctionArgs(
                    code_path=str(app_dir),
                    reserved_concurrency=pulumi.Output.from_input(901),
                ),
            )
        )


def test_fails_when_an_output_int_resolves_to_a_bool(mock_stack, app_dir, caplog):
    with caplog.at_level(logging.ERROR), pytest.raises(ValueError, match="log_retention_days"):
        mock_stack.run(
            lambda: Function(
                "fn",
                FunctionArgs(
                    code_path=str(app_dir), log_retention_days=pulumi.Output.from_input(True)
                ),
            )
        )
    # The Nova message is logged before Pulumi wraps it in "While processing input".
    assert (
        "nova-compute Function 'fn': argument 'log_retention_days' is True (checked when the "
        "Output resolved): must be a whole number" in caplog.text
    )


def test_fails_when_an_unknown_key_is_close_to_a_known_one(mock_stack, app_dir):
    error = _raises(mock_stack, app_dir, timeout=30)
    assert str(error) == (
        "nova-compute Function 'fn': argument 'timeout' is 30: 'timeout' is not a known key. "
        "Fix: did you mean 'timeout_seconds'? see the Args docstrings for every key."
    )
    assert "memory_mb" not in str(error)  # no 41-key list


def test_fails_when_timeout_is_an_output(mock_stack, app_dir):
    error = _raises(mock_stack, app_dir, timeout_seconds=pulumi.Output.from_input(30))
    assert error.argument == "timeout_seconds"
    assert "must be known when the program runs" in error.rule


# -- facts other components read ---------------------------------------------------------------
def test_facts_other_components_read_are_stable(mock_stack, app_dir):
    rec = mock_stack.run(
        lambda: Function("fn", FunctionArgs(code_path=str(app_dir), timeout_seconds=25))
    )
    fn, function = rec.result, rec.get(FUNCTION)
    assert fn.timeout_seconds == 25
    assert type(fn.timeout_seconds) is int
    assert fn.timeout == 25
    assert rec.value(fn.name) == function.outputs["name"]
    assert rec.value(fn.function_name) == function.outputs["name"]
    assert rec.value(fn.arn) == function.outputs["arn"]
    assert rec.value(fn.invoke_arn) == function.outputs["invokeArn"]
    assert rec.value(fn.role.arn) == rec.get("aws:iam/role:Role").outputs["arn"]
    assert (
        rec.value(fn.log_group_name) == rec.get("aws:cloudwatch/logGroup:LogGroup").outputs["name"]
    )


# -- the plan itself -------------------------------------------------------------------------
def test_plan_holds_every_default(app_dir):
    plan = plan_function("fn", FunctionArgs(code_path=str(app_dir)))
    assert plan.handler == DEFAULTS["handler"] == "app.handler"
    assert plan.runtime == "python3.13"
    assert plan.architecture == "arm64"
    assert plan.memory_mb == 256
    assert plan.timeout_seconds == 30
    assert plan.log_retention_days == 14
    assert plan.application_log_level == "INFO"
    assert plan.system_log_level == "WARN"
    assert plan.tracing_enabled is True
    assert plan.account_concurrency == 1000
    assert plan.reserved_concurrency is None
    assert plan.packaging == PackagingOptions()
    assert plan.archive is not None
    assert plan.archive.files == ("app.py", "lib/__init__.py", "lib/util.py")
    assert not plan.has_async_config


def test_plan_is_frozen(app_dir):
    plan = plan_function("fn", FunctionArgs(code_path=str(app_dir)))
    with pytest.raises(AttributeError):
        plan.memory_mb = 512  # type: ignore[misc]


def test_packaging_keys_are_the_packaging_options_fields():
    fields = set(PackagingOptions.field_names())
    assert fields <= set(ARG_KEYS)
    assert fields <= set(FunctionArgs.__annotations__)
