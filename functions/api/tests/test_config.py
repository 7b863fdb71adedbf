"""Configuration: read once at import; a bad environment fails at cold start, clearly."""

import os
from pathlib import Path

import pytest

from items_api import contract
from items_api.config import SETTINGS, ConfigError, load_settings

FUNCTION_ROOT = Path(__file__).resolve().parents[1]

GOOD_ENV = {
    "ITEMS_BUCKET": "bucket-a",
    "ITEMS_PREFIX": "items/",
    "ITEMS_TABLE": "items-table-a",
    "APP_ENVIRONMENT": "dev",
    "POWERTOOLS_SERVICE_NAME": "items-api",
    "POWERTOOLS_METRICS_NAMESPACE": "Nova/Items",
    "CURSOR_KEY_SECRET_ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:c-AbCdEf",
}


def test_settings_come_from_the_environment():
    settings = load_settings({**GOOD_ENV, "POWERTOOLS_LOG_LEVEL": "debug"})
    assert settings.bucket == "bucket-a"
    assert settings.prefix == "items/"
    assert settings.table == "items-table-a"
    assert settings.environment == "dev"
    assert settings.service_name == "items-api"
    assert settings.metrics_namespace == "Nova/Items"
    assert settings.log_level == "DEBUG"
    assert settings.cursor_secret_arn.endswith(":secret:c-AbCdEf")
    assert settings.cursor_key_max_age == 300


def test_module_settings_were_read_at_import():
    assert SETTINGS.bucket == os.environ["ITEMS_BUCKET"]
    assert SETTINGS.environment == os.environ["APP_ENVIRONMENT"]


def test_fails_when_variables_are_missing_or_empty():
    env = {**GOOD_ENV, "APP_ENVIRONMENT": "  "}
    del env["ITEMS_BUCKET"]
    with pytest.raises(ConfigError, match="ITEMS_BUCKET, APP_ENVIRONMENT") as caught:
        load_settings(env)
    assert caught.value.missing == ("ITEMS_BUCKET", "APP_ENVIRONMENT")
    assert isinstance(caught.value, RuntimeError)


def test_prefix_is_used_as_given():
    assert (
        load_settings({**GOOD_ENV, "ITEMS_PREFIX": "tenant-a/items/"}).prefix == "tenant-a/items/"
    )
    assert load_settings({**GOOD_ENV, "ITEMS_PREFIX": "x"}).prefix == "x"


def test_fails_when_log_level_is_unknown():
    with pytest.raises(ConfigError, match="invalid POWERTOOLS_LOG_LEVEL: 'loud' is not one of"):
        load_settings({**GOOD_ENV, "POWERTOOLS_LOG_LEVEL": "loud"})


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("POWERTOOLS_LOG_LEVEL", "WARN"),
        ("POWERTOOLS_LOG_LEVEL", "FATAL"),
        ("POWERTOOLS_LOG_LEVEL", "TRACE"),
        ("CURSOR_KEY_MAX_AGE_SECONDS", "0"),
        ("CURSOR_KEY_MAX_AGE_SECONDS", "3601"),
        ("CURSOR_KEY_MAX_AGE_SECONDS", "5m"),
        ("CURSOR_KEY_SECRET_ARN", "arn:aws:ssm:eu-west-1:123456789012:parameter/x"),
        ("ITEMS_BUCKET", "Not_A_Bucket"),
        ("POWERTOOLS_METRICS_NAMESPACE", "AWS/Lambda"),
    ],
)
def test_fails_when_a_value_is_outside_the_contract(name, value):
    with pytest.raises(ConfigError, match=f"invalid {name}"):
        load_settings({**GOOD_ENV, name: value})


def test_warn_translates_to_warning_for_powertools():
    assert contract.log_levels("WARN") == ("WARN", "WARNING")
    assert contract.log_levels("warning") == ("WARN", "WARNING")
    assert contract.log_levels("FATAL") == ("FATAL", "CRITICAL")
    assert contract.log_levels("TRACE") == ("TRACE", "DEBUG")


def test_fails_when_the_log_level_setting_is_in_neither_vocabulary():
    with pytest.raises(ValueError, match="'LOUD' is not one of CRITICAL, DEBUG"):
        contract.log_levels("LOUD")
