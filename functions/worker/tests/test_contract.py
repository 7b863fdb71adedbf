"""The contract the stacks import: consistent, complete and standard-library only."""

import importlib.util
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from items_worker import __version__, config, contract, handler
from items_worker.config import ConfigError, load_settings

FUNCTION_ROOT = Path(__file__).resolve().parents[1]
FUNCTIONS = FUNCTION_ROOT.parent


def _good_env() -> dict[str, str]:
    return {
        name: spec["examples"][0] for name, spec in contract.ENVIRONMENT.items() if spec["required"]
    }


def test_handler_path_points_at_the_lambda_handler():
    module_name, _, attribute = contract.HANDLER.rpartition(".")
    assert module_name == handler.__name__
    assert callable(getattr(handler, attribute))


def test_every_variable_has_a_spec_and_required_ones_have_no_default():
    assert set(contract.ENVIRONMENT) == {*contract.REQUIRED_ENV, *contract.OPTIONAL_ENV}
    assert not set(contract.REQUIRED_ENV) & set(contract.OPTIONAL_ENV)
    for name, spec in contract.ENVIRONMENT.items():
        assert spec["required"] is (name in contract.REQUIRED_ENV), name
        assert ("default" in spec) is (name in contract.OPTIONAL_ENV), name


def _allowed(spec) -> list[str]:
    values = [*spec.get("choices", ()), *spec.get("examples", ())]
    if "minimum" in spec:
        values += [str(spec["minimum"]), str(spec["maximum"]), spec["default"]]
    return values


@pytest.mark.parametrize("name", sorted(contract.ENVIRONMENT))
def test_every_value_the_contract_allows_passes_the_config_check(name):
    values = _allowed(contract.ENVIRONMENT[name])
    assert values
    for value in values:
        load_settings({**_good_env(), name: value})


def test_defaults_apply_when_optional_variables_are_absent():
    settings = load_settings(_good_env())
    assert settings.log_level == "INFO"


def test_fails_when_variables_are_missing_and_names_every_one():
    with pytest.raises(ConfigError) as caught:
        load_settings({})
    assert caught.value.missing == contract.REQUIRED_ENV


@pytest.mark.parametrize("level", ["WARN", "FATAL", "TRACE", "loud"])
def test_fails_when_the_log_level_is_not_a_powertools_level(level):
    with pytest.raises(ConfigError, match="invalid POWERTOOLS_LOG_LEVEL"):
        load_settings({**_good_env(), "POWERTOOLS_LOG_LEVEL": level})


@pytest.mark.parametrize("setting", [*contract.LAMBDA_LOG_LEVELS, *contract.POWERTOOLS_LOG_LEVELS])
def test_one_log_level_setting_gives_values_both_vocabularies_accept(setting):
    lambda_level, powertools_level = contract.log_levels(setting)
    assert lambda_level in contract.LAMBDA_LOG_LEVELS
    assert load_settings({**_good_env(), "POWERTOOLS_LOG_LEVEL": powertools_level}).log_level == (
        powertools_level
    )


def _load_by_path(path: Path):
    spec = importlib.util.spec_from_file_location(f"contract_{path.parent.parent.name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_log_level_tables_and_table_layout_agree_across_contracts():
    api = _load_by_path(FUNCTIONS / "api" / "items_api" / "contract.py")
    others = [_load_by_path(path) for path in sorted(FUNCTIONS.glob("*/items_*/contract.py"))]
    assert len(others) == 3
    for other in others:
        assert other.POWERTOOLS_LOG_LEVEL_FOR_LAMBDA == api.POWERTOOLS_LOG_LEVEL_FOR_LAMBDA
        assert other.LAMBDA_LOG_LEVEL_FOR_POWERTOOLS == api.LAMBDA_LOG_LEVEL_FOR_POWERTOOLS
        assert other.ENVIRONMENT["POWERTOOLS_LOG_LEVEL"] == api.ENVIRONMENT["POWERTOOLS_LOG_LEVEL"]
    with_table = [other for other in others if hasattr(other, "TABLE_GSI_NAME")]
    assert len(with_table) == 2
    for name in (
        "TABLE_PARTITION_KEY",
        "TABLE_GSI_NAME",
        "TABLE_GSI_PARTITION_KEY",
        "TABLE_GSI_SORT_KEY",
        "TABLE_GSI_PROJECTION",
        "TABLE_ATTRIBUTES",
        "TABLE_TTL_ATTRIBUTE",
        "KIND_ITEM",
        "KIND_IMPORT",
    ):
        assert getattr(with_table[0], name) == getattr(with_table[1], name), name
    assert contract.TABLE_GSI_NAME == "timestamp-index"
    assert contract.TABLE_ATTRIBUTES == {"id": "S", "kind": "S", "updated_at": "S"}


def test_every_action_is_a_service_action():
    for resource in contract.RESOURCES.values():
        assert resource["actions"]
        for action in resource["actions"]:
            service, _, name = action.partition(":")
            assert service in ("s3", "sqs", "dynamodb"), action
            assert name[:1].isupper(), action


def test_contract_imports_nothing_outside_the_standard_library():
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); before = set(sys.modules);"
        "import items_worker.contract;"
        "print(json.dumps(sorted(set(sys.modules) - before)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(FUNCTION_ROOT)],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert set(json.loads(result.stdout)) == {"items_worker", "items_worker.contract"}


def test_fails_at_import_with_one_json_line_naming_the_variable():
    env = {"PATH": "/usr/bin:/bin", **_good_env()}
    missing = contract.REQUIRED_ENV[0]
    del env[missing]
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); import items_worker.handler",
            str(FUNCTION_ROOT),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode != 0
    logged = json.loads(result.stderr.splitlines()[0])
    assert logged["missing_env"] == [missing]
    assert "items_worker.config.ConfigError" in result.stderr


def test_cold_import_of_the_handler_does_not_load_boto3():
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import items_worker.handler; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(FUNCTION_ROOT)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **_good_env()},
        check=True,
    )
    assert result.stdout.strip() in ("[]", "['botocore']")


def test_module_settings_were_read_at_import():
    assert config.SETTINGS.service_name == handler.logger.service


def test_pyproject_version_matches_the_package_version():
    metadata = tomllib.loads((FUNCTION_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert metadata["project"]["name"] == "nova-fn-worker"
    assert metadata["project"]["version"] == __version__
