"""What every function's contract promises, checked once for the three of them.

Each function's ``contract.py`` is what the stacks import: its handler path, the environment
variables with the values each may hold, the resources with their IAM actions. It must agree
with the function's own config check, load by path with only ``items_core`` beside it (as the
stacks load it), and stay standard-library only.
"""

import importlib
import json
import subprocess
import sys
import tomllib
from types import ModuleType

import pytest
from functions_testing import FUNCTIONS, PACKAGES

from items_core import environment, levels, table

FUNCTION_NAMES = sorted(PACKAGES)
SHARED = FUNCTIONS / "shared"


def _module(function: str, name: str) -> ModuleType:
    return importlib.import_module(f"{PACKAGES[function]}.{name}")


def _contract(function: str) -> ModuleType:
    return _module(function, "contract")


def _load_settings(function: str, environ: dict[str, str]):
    return _module(function, "config").load_settings(environ)


def _good_env(function: str) -> dict[str, str]:
    specs = _contract(function).ENVIRONMENT
    return {name: spec["examples"][0] for name, spec in specs.items() if spec["required"]}


def _allowed(spec) -> list[str]:
    values = [*spec.get("choices", ()), *spec.get("examples", ())]
    if "minimum" in spec:
        values += [str(spec["minimum"]), str(spec["maximum"]), spec["default"]]
    return values


def _python(function: str, code: str, env: dict[str, str], *, check: bool = True):
    """``code`` in a fresh interpreter with only ``functions/<function>`` (the zip's root) added
    to ``sys.path``, and only ``env`` (and PATH) in its environment."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, sys.argv[1]); {code}",
            str(FUNCTIONS / function),
        ],
        capture_output=True,
        text=True,
        check=check,
        env={"PATH": "/usr/bin:/bin", **env},
    )


ALL_VARIABLES = [
    (function, name)
    for function in FUNCTION_NAMES
    for name in sorted(_contract(function).ENVIRONMENT)
]


@pytest.mark.parametrize("function", FUNCTION_NAMES)
def test_handler_path_points_at_the_lambda_handler(function):
    module_name, _, attribute = _contract(function).HANDLER.rpartition(".")
    handler = _module(function, "handler")
    assert module_name == handler.__name__
    assert callable(getattr(handler, attribute))


@pytest.mark.parametrize("function", FUNCTION_NAMES)
def test_every_variable_has_a_spec_and_required_ones_have_no_default(function):
    contract = _contract(function)
    assert set(contract.ENVIRONMENT) == {*contract.REQUIRED_ENV, *contract.OPTIONAL_ENV}
    assert not set(contract.REQUIRED_ENV) & set(contract.OPTIONAL_ENV)
    settings = _module(function, "config").Settings.__dataclass_fields__
    for name, spec in contract.ENVIRONMENT.items():
        assert spec["required"] is (name in contract.REQUIRED_ENV), name
        assert ("default" in spec) is (name in contract.OPTIONAL_ENV), name
        assert spec["setting"] in settings, name
    assert {spec["setting"] for spec in contract.ENVIRONMENT.values()} == set(settings)


@pytest.mark.parametrize(("function", "name"), ALL_VARIABLES)
def test_every_value_the_contract_allows_passes_the_config_check(function, name):
    spec = _contract(function).ENVIRONMENT[name]
    values = _allowed(spec)
    assert values, f"{name} declares no allowed value"
    for value in values:
        settings = _load_settings(function, {**_good_env(function), name: value})
        expected = int(value) if "minimum" in spec else value
        assert getattr(settings, spec["setting"]) == expected, (name, value)


@pytest.mark.parametrize("function", FUNCTION_NAMES)
def test_defaults_apply_when_optional_variables_are_absent(function):
    contract = _contract(function)
    settings = _load_settings(function, _good_env(function))
    assert settings.log_level == "INFO"
    for name in contract.OPTIONAL_ENV:
        spec = contract.ENVIRONMENT[name]
        default = int(spec["default"]) if "minimum" in spec else spec["default"]
        assert getattr(settings, spec["setting"]) == default, name


@pytest.mark.parametrize("function", FUNCTION_NAMES)
def test_fails_when_variables_are_missing_and_names_every_one(function):
    config = _module(function, "config")
    with pytest.raises(config.ConfigError) as caught:
        config.load_settings({})
    assert caught.value.missing == _contract(function).REQUIRED_ENV
    assert isinstance(caught.value, RuntimeError)
    assert caught.value.function == {"api": "items API"}.get(function, f"items {function}")


@pytest.mark.parametrize("level", ["WARN", "FATAL", "TRACE", "loud"])
@pytest.mark.parametrize("function", FUNCTION_NAMES)
def test_fails_when_the_log_level_is_not_a_powertools_level(function, level):
    config = _module(function, "config")
    with pytest.raises(config.ConfigError, match="invalid POWERTOOLS_LOG_LEVEL"):
        config.load_settings({**_good_env(function), "POWERTOOLS_LOG_LEVEL": level})


@pytest.mark.parametrize("setting", [*levels.LAMBDA_LOG_LEVELS, *levels.POWERTOOLS_LOG_LEVELS])
@pytest.mark.parametrize("function", FUNCTION_NAMES)
def test_one_log_level_setting_gives_values_both_vocabularies_accept(function, setting):
    contract = _contract(function)
    lambda_level, powertools_level = contract.log_levels(setting.lower())
    assert lambda_level in contract.LAMBDA_LOG_LEVELS
    environ = {**_good_env(function), contract.ENV_LOG_LEVEL: powertools_level}
    assert _load_settings(function, environ).log_level == powertools_level


def test_one_log_level_table_and_one_table_layout_serve_every_contract():
    contracts = [_contract(function) for function in FUNCTION_NAMES]
    for contract in contracts:
        assert contract.log_levels is levels.log_levels
        assert contract.POWERTOOLS_LOG_LEVEL_FOR_LAMBDA is levels.POWERTOOLS_LOG_LEVEL_FOR_LAMBDA
        assert contract.ENVIRONMENT[contract.ENV_LOG_LEVEL]["choices"] == (
            "DEBUG",
            "INFO",
            "WARNING",
            "ERROR",
            "CRITICAL",
        )
    for function in ("importer", "worker"):
        for name in table.__all__:
            assert getattr(_contract(function), name) is getattr(table, name), (function, name)
    assert table.TABLE_GSI_NAME == "timestamp-index"
    assert table.TABLE_ATTRIBUTES == {"id": "S", "kind": "S", "updated_at": "S"}


@pytest.mark.parametrize("function", FUNCTION_NAMES)
def test_shared_variables_have_one_spec_in_every_contract(function):
    shared = {
        **environment.items_bucket(),
        **environment.items_table(),
        **environment.runtime("example"),
    }
    for name, spec in _contract(function).ENVIRONMENT.items():
        if name in shared:
            assert {**spec, "examples": ()} == {**shared[name], "examples": ()}, name


@pytest.mark.parametrize("function", FUNCTION_NAMES)
def test_every_action_is_a_service_action(function):
    resources = _contract(function).RESOURCES
    assert resources
    for resource in resources.values():
        assert resource["actions"]
        assert resource["scope"]
        for action in resource["actions"]:
            service, _, name = action.partition(":")
            assert service in ("s3", "sqs", "dynamodb", "secretsmanager"), action
            assert name[:1].isupper(), action
            assert "*" not in name, action


@pytest.mark.parametrize("function", FUNCTION_NAMES)
def test_contract_imports_nothing_outside_the_standard_library(function):
    package = PACKAGES[function]
    code = (
        "import json; before = set(sys.modules);"
        f"import {package}.contract;"
        "print(json.dumps(sorted(set(sys.modules) - before)))"
    )
    loaded = json.loads(_python(function, code, {}).stdout)
    assert {package, f"{package}.contract"} <= set(loaded)
    ours = {name for name in loaded if name.split(".")[0] in (package, "items_core")}
    assert ours - {package, f"{package}.contract"} <= {
        "items_core",
        "items_core.aws",
        "items_core.dynamo",
        "items_core.environment",
        "items_core.layout",
        "items_core.levels",
        "items_core.rules",
        "items_core.table",
    }
    others = {name.split(".")[0].lstrip("_") for name in set(loaded) - ours}
    stdlib = {name.lstrip("_") for name in sys.stdlib_module_names}
    assert others <= stdlib, others - stdlib


@pytest.mark.parametrize("function", FUNCTION_NAMES)
def test_contract_loads_by_path_with_only_items_core_beside_it(function):
    """As ``stacks/contracts.py`` loads it: by file, ``functions/shared`` on ``sys.path``."""
    path = FUNCTIONS / function / PACKAGES[function] / "contract.py"
    code = (
        "import importlib.util, json, sys; sys.path.append(sys.argv[1]);"
        "spec = importlib.util.spec_from_file_location('loaded_contract', sys.argv[2]);"
        "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module);"
        "print(json.dumps([module.HANDLER, list(module.REQUIRED_ENV)]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(SHARED), str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    contract = _contract(function)
    assert json.loads(result.stdout) == [contract.HANDLER, list(contract.REQUIRED_ENV)]


@pytest.mark.parametrize("function", FUNCTION_NAMES)
def test_fails_at_import_with_one_json_line_naming_the_variable(function):
    package = PACKAGES[function]
    contract = _contract(function)
    env = _good_env(function)
    missing = contract.REQUIRED_ENV[0]
    del env[missing]
    result = _python(function, f"import {package}.handler", env, check=False)
    assert result.returncode != 0
    logged = json.loads(result.stderr.splitlines()[0])
    assert logged["level"] == "ERROR"
    assert logged["missing_env"] == [missing]
    assert missing in logged["message"]
    # The import itself raised ConfigError naming the function (not a KeyError at the first
    # request).
    name = {"api": "items API"}.get(function, f"items {function}")
    assert f"ConfigError: {name} configuration error" in result.stderr
    assert "KeyError" not in result.stderr


@pytest.mark.parametrize("function", FUNCTION_NAMES)
def test_cold_import_of_the_handler_does_not_load_boto3(function):
    # Powertools imports the bare ``botocore`` package (well under a millisecond) to read its
    # version; the client machinery and boto3 must wait for the first AWS call.
    code = (
        f"import {PACKAGES[function]}.handler; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore')))"
    )
    result = _python(function, code, _good_env(function))
    assert result.stdout.strip() in ("[]", "['botocore']")


@pytest.mark.parametrize("function", FUNCTION_NAMES)
def test_module_settings_were_read_at_import(function):
    settings = _module(function, "config").SETTINGS
    assert settings.service_name == _module(function, "handler").logger.service
    assert settings.service_name == f"items-{function}"


@pytest.mark.parametrize("function", FUNCTION_NAMES)
def test_pyproject_version_matches_the_package_version(function):
    path = FUNCTIONS / function / "pyproject.toml"
    metadata = tomllib.loads(path.read_text(encoding="utf-8"))
    assert metadata["project"]["name"] == f"nova-fn-{function}"
    assert metadata["project"]["version"] == importlib.import_module(PACKAGES[function]).__version__
    assert metadata["project"]["requires-python"] == ">=3.11"
