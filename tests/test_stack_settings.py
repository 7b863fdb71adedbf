"""Stack configuration cannot be silently wrong: every mistake stops the program before any
resource registers, with a message naming the key, the value, the rule and the file to edit."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPOSITORY, STACKS, STACKS_DIR

from nova_core import NovaInputError
from nova_testing import NovaMocks, load_stack_config, run_stack

sys.path.insert(0, str(STACKS_DIR))
import settings as stack_settings

sys.path.remove(str(STACKS_DIR))


class CountingMocks(NovaMocks):
    """Mocks that remember every resource registered, to prove nothing was."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.registered: list[str] = []

    def new_resource(self, args):
        self.registered.append(args.typ)
        return super().new_resource(args)


def stack_copy(tmp_path: Path, env: str, edit) -> Path:
    """A copy of the stacks folder whose ``Pulumi.<env>.yaml`` config went through ``edit``."""
    target = tmp_path / "stacks"
    shutil.copytree(
        STACKS_DIR, target, ignore=shutil.ignore_patterns("venv", "__pycache__", "*.pyc")
    )
    (tmp_path / "functions").symlink_to(REPOSITORY / "functions")
    stack_file = target / env / f"Pulumi.{env}.yaml"
    data = yaml.safe_load(stack_file.read_text())
    edit(data["config"])
    stack_file.write_text(yaml.safe_dump(data))
    return target / env


def run_broken(tmp_path: Path, env: str, edit) -> tuple[NovaInputError, list[str]]:
    project = stack_copy(tmp_path, env, edit)
    mocks = CountingMocks(region="eu-west-1")
    with pytest.raises(NovaInputError) as caught:
        run_stack(project, env, mocks=mocks)
    return caught.value, mocks.registered


def test_fails_when_a_key_has_a_typo_and_prod_data_would_be_unprotected(tmp_path):
    def typo(config):
        config["nova-service:protectdata"] = config.pop("nova-service:protectData")

    error, registered = run_broken(tmp_path, "prod", typo)
    assert registered == []
    assert error.component == "nova-service stack"
    assert error.name == "prod"
    assert error.argument == "nova-service:protectdata"
    assert "is not a setting of this service" in error.rule
    assert "did you mean 'protectData'?" in error.fix
    assert "stacks/prod/Pulumi.prod.yaml" in error.fix


def test_fails_when_an_unknown_key_is_set(tmp_path):
    error, registered = run_broken(
        tmp_path, "dev", lambda c: c.update({"nova-service:logLevl": "DEBUG"})
    )
    assert registered == []
    assert error.argument == "nova-service:logLevl"
    assert "did you mean 'logLevel'?" in error.fix


def test_fails_when_noncurrent_version_days_is_zero_instead_of_becoming_30(tmp_path):
    error, registered = run_broken(
        tmp_path, "staging", lambda c: c.update({"nova-service:noncurrentVersionDays": 0})
    )
    assert registered == []
    assert error.argument == "nova-service:noncurrentVersionDays"
    assert error.value == 0
    assert error.rule == "must be between 1 and 3650"


def test_fails_when_the_region_is_made_up(tmp_path):
    error, registered = run_broken(tmp_path, "dev", lambda c: c.update({"aws:region": "eu-west-9"}))
    assert registered == []
    assert error.argument == "aws:region"
    assert error.rule == "must be a known AWS Region"


def test_fails_when_a_required_key_is_missing_and_names_the_file(tmp_path):
    error, registered = run_broken(tmp_path, "prod", lambda c: c.pop("nova-service:memoryMb"))
    assert registered == []
    assert error.argument == "nova-service:memoryMb"
    assert error.shown == "missing"
    assert "stacks/prod/Pulumi.prod.yaml" in error.fix
    assert "pulumi config set memoryMb" in error.fix


def test_fails_when_the_log_level_is_in_powertools_vocabulary(tmp_path):
    error, registered = run_broken(
        tmp_path, "dev", lambda c: c.update({"nova-service:logLevel": "WARNING"})
    )
    assert registered == []
    assert error.argument == "nova-service:logLevel"
    assert "did you mean 'WARN'?" in error.fix


# -- unit checks of read_settings (no program run) -----------------------------------------------
def base_config(env: str = "dev") -> dict[str, str]:
    return dict(load_stack_config(STACKS_DIR / env, env).values)


def fails(config: dict[str, str], env: str = "dev") -> NovaInputError:
    with pytest.raises(NovaInputError) as caught:
        stack_settings.read_settings(config, env)
    return caught.value


@pytest.mark.parametrize(
    ("key", "raw", "rule"),
    [
        ("memoryMb", '"big"', "must be an integer"),
        ("memoryMb", "true", "must be an integer"),
        ("protectData", '"yes"', "must be a boolean"),
        ("timeoutSeconds", "31", "must be between 1 and 30"),
        ("logRetentionDays", "10", "must be one of"),
        ("corsOrigins", '["http://example.com"]', "each origin must be https://"),
        ("alarmEmails", '["oncall"]', "must be an e-mail address"),
        ("workerBatchSize", "11", "must be between 1 and 10"),
        ("pitrDays", "36", "must be between 1 and 35"),
        ("secretRecoveryWindowDays", "0", "must be between 7 and 30"),
    ],
)
def test_fails_when_a_value_has_the_wrong_type_or_range(key, raw, rule):
    config = base_config()
    config[f"nova-service:{key}"] = raw
    error = fails(config)
    assert error.argument.startswith(f"nova-service:{key}")
    assert rule in error.rule


def test_fails_when_force_destroy_meets_protected_data():
    config = base_config("prod")
    config["nova-service:forceDestroy"] = "true"
    assert "contradicts protectData" in fails(config, "prod").rule


def test_fails_when_a_jwt_issuer_has_no_audience():
    config = base_config()
    config["nova-service:jwtIssuer"] = "https://issuer.example.com"
    error = fails(config)
    assert error.argument == "nova-service:jwtAudiences"


def test_fails_when_the_region_is_missing():
    config = base_config()
    del config["aws:region"]
    assert fails(config).argument == "aws:region"


@pytest.mark.parametrize("env", STACKS)
def test_every_stack_reads_cleanly_with_defaults_filled_in(env):
    settings = stack_settings.read_settings(base_config(env), env)
    assert settings.stack == env
    assert settings["maxReceiveCount"] == {"dev": 3}.get(env, 5)
    assert settings["protectData"] is (env == "prod")
    assert set(settings.values) == set(stack_settings.BY_KEY)


def test_stacks_may_run_in_different_regions():
    regions = {env: base_config(env)["aws:region"] for env in STACKS}
    assert len(set(regions.values())) > 1, regions


@pytest.mark.parametrize("env", STACKS)
def test_pulumi_yaml_declares_every_typed_setting_for_the_cli(env):
    project = yaml.safe_load((STACKS_DIR / env / "Pulumi.yaml").read_text())
    declared = {k: v for k, v in project["config"].items() if ":" not in k}
    assert declared == stack_settings.project_config_declarations()
    for key, entry in declared.items():
        assert entry["type"] in ("string", "integer", "boolean", "array"), key
    # Required settings carry no default, so the CLI refuses a stack that lacks them.
    for key in ("protectData", "memoryMb", "logRetentionDays"):
        assert "default" not in declared[key]


def _envcheck():
    """The handlers' own environment check (items_core.envcheck, standard library only)."""
    import importlib.util

    path = REPOSITORY / "functions" / "shared" / "items_core" / "envcheck.py"
    spec = importlib.util.spec_from_file_location("items_core_envcheck", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("level", stack_settings.LOG_LEVELS)
@pytest.mark.parametrize("function", ["api", "importer", "worker"])
def test_every_log_level_setting_passes_each_handlers_own_config_check(level, function):
    """The dev stack's real environment of each function, with the log level the program derives
    from each allowed setting, is accepted by the check the handler runs at cold start."""
    from conftest import load_contract, stack_run

    contract = load_contract(function)
    fn = stack_run("dev").recording.named(f"items-dev-{function}-function")
    lambda_level, powertools_level = contract.log_levels(level)
    assert lambda_level in ("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")
    environ = {**fn.inputs["environment"]["variables"], contract.ENV_LOG_LEVEL: powertools_level}
    envcheck = _envcheck()
    values = envcheck.read(contract.ENVIRONMENT, environ)
    assert values[contract.ENV_LOG_LEVEL] == powertools_level
    with pytest.raises(envcheck.EnvError):  # Lambda's WARN would fail every cold start
        envcheck.read(contract.ENVIRONMENT, {**environ, contract.ENV_LOG_LEVEL: "WARN"})
