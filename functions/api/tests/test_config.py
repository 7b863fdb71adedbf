"""Configuration: read once at import; a bad environment fails at cold start, clearly."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from items_api import contract
from items_api.config import SETTINGS, ConfigError, load_settings

FUNCTION_ROOT = Path(__file__).resolve().parents[1]

GOOD_ENV = {
    "ITEMS_BUCKET": "bucket-a",
    "ITEMS_PREFIX": "items/",
    "APP_ENVIRONMENT": "dev",
    "POWERTOOLS_SERVICE_NAME": "items-api",
    "POWERTOOLS_METRICS_NAMESPACE": "Nova/Items",
}


def test_settings_come_from_the_environment():
    settings = load_settings({**GOOD_ENV, "POWERTOOLS_LOG_LEVEL": "debug"})
    assert settings.bucket == "bucket-a"
    assert settings.prefix == "items/"
    assert settings.environment == "dev"
    assert settings.service_name == "items-api"
    assert settings.metrics_namespace == "Nova/Items"
    assert settings.log_level == "DEBUG"


def test_log_level_defaults_to_info():
    assert load_settings(GOOD_ENV).log_level == "INFO"


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


def test_fails_when_nothing_is_set_and_names_every_variable():
    with pytest.raises(ConfigError) as caught:
        load_settings({})
    assert caught.value.missing == contract.REQUIRED_ENV


def test_prefix_is_used_as_given():
    assert (
        load_settings({**GOOD_ENV, "ITEMS_PREFIX": "tenant-a/items/"}).prefix == "tenant-a/items/"
    )
    assert load_settings({**GOOD_ENV, "ITEMS_PREFIX": "x"}).prefix == "x"


def test_fails_when_log_level_is_unknown():
    with pytest.raises(ConfigError, match="invalid POWERTOOLS_LOG_LEVEL: 'LOUD'"):
        load_settings({**GOOD_ENV, "POWERTOOLS_LOG_LEVEL": "loud"})


def test_fails_at_import_with_one_json_line_naming_the_variable():
    env = {key: value for key, value in os.environ.items() if key not in contract.REQUIRED_ENV}
    env.update({key: value for key, value in GOOD_ENV.items() if key != "ITEMS_BUCKET"})
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); import items_api.handler",
            str(FUNCTION_ROOT),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode != 0
    first_line = result.stderr.splitlines()[0]
    logged = json.loads(first_line)
    assert logged["level"] == "ERROR"
    assert logged["missing_env"] == ["ITEMS_BUCKET"]
    assert "ITEMS_BUCKET" in logged["message"]
    # The import itself raised the RuntimeError subclass (not a KeyError at the first request).
    assert "items_api.config.ConfigError: items API configuration error" in result.stderr
    assert "KeyError" not in result.stderr
