"""Secret under the kit's mocks: every default (SM-01, SM-02, SM-05), supplied values, generated
value options, rotation (SM-03), retention and the analyzer."""

import inspect
import re
import types
import typing
from pathlib import Path

import pulumi
import pytest
from pulumi.provider.experimental.analyzer import Analyzer

from nova_storage import (
    DEFAULT_KMS_KEY_ID,
    DEFAULT_PASSWORD_LENGTH,
    DEFAULT_RECOVERY_WINDOW_DAYS,
    DEFAULT_ROTATION_DAYS,
    SECRET_TYPE_TOKEN,
    Secret,
    SecretArgs,
)
from nova_storage._plan.secret import SECRET_ARGS_KEYS

SECRET = "aws:secretsmanager/secret:Secret"
VERSION = "aws:secretsmanager/secretVersion:SecretVersion"
PASSWORD = "random:index/randomPassword:RandomPassword"
ROTATION = "aws:secretsmanager/secretRotation:SecretRotation"
PERMISSION = "aws:lambda/permission:Permission"
KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ROTATE_ARN = "arn:aws:lambda:us-east-1:123456789012:function:rotate"
SECRET_SIG = "4dabf18193072939515e22adb298388d"  # Pulumi's marker of a secret value on the wire


def secret_value(recorded):
    """The value inside a recorded secret input; fails when the input is not marked secret."""
    assert isinstance(recorded, dict), f"not marked secret: {recorded!r}"
    assert SECRET_SIG in recorded
    return recorded["value"]


def test_defaults_generate_a_stable_value_and_state_the_key(mock_stack):
    rec = mock_stack.run(lambda: Secret("app"))
    assert rec.types() == {SECRET_TYPE_TOKEN: 1, SECRET: 1, PASSWORD: 1, VERSION: 1}
    secret = rec.named("app-secret")
    assert secret.parent_urn == rec.named("app").urn
    assert secret.inputs == {
        "kmsKeyId": "alias/aws/secretsmanager",
        "recoveryWindowInDays": 30,
    }
    password = rec.named("app-value")
    assert password.parent_urn == rec.named("app").urn
    assert password.inputs == {"length": 32, "special": True, "keepers": {"value_version": "1"}}
    version = rec.named("app-version")
    assert version.inputs["secretId"] == secret.outputs["arn"]
    assert secret_value(version.inputs["secretString"]) == password.outputs["result"]
    assert "secretStringWo" not in version.inputs
    assert (DEFAULT_KMS_KEY_ID, DEFAULT_RECOVERY_WINDOW_DAYS) == ("alias/aws/secretsmanager", 30)
    assert (DEFAULT_PASSWORD_LENGTH, DEFAULT_ROTATION_DAYS) == (32, 30)


def test_outputs_arn_with_its_suffix_name_and_version(mock_stack):
    rec = mock_stack.run(lambda: Secret("app"))
    component = rec.result
    name = rec.named("app-secret").outputs["name"]
    assert name.startswith("app-secret-")
    assert rec.value(component.name) == name
    assert re.fullmatch(
        rf"arn:aws:secretsmanager:us-east-1:123456789012:secret:{name}-[0-9a-f]{{6}}",
        rec.value(component.arn),
    )
    assert rec.value(component.version) == rec.named("app-version").outputs["versionId"]
    assert component.kms_key_arn is None


def test_a_supplied_secret_value_is_written_write_only(mock_stack):
    mock_stack.set_config("nova-test:dbPassword", "from-config", secret=True)

    def program():
        return Secret("db", {"value": pulumi.Config().require_secret("dbPassword")})

    rec = mock_stack.run(program)
    assert rec.types() == {SECRET_TYPE_TOKEN: 1, SECRET: 1, VERSION: 1}
    version = rec.named("db-version")
    assert secret_value(version.inputs["secretStringWo"]) == "from-config"
    assert version.inputs["secretStringWoVersion"] == 1
    assert "secretString" not in version.inputs


def test_an_output_value_not_marked_secret_is_marked_secret(mock_stack):
    rec = mock_stack.run(
        lambda: Secret("db", {"value": pulumi.Output.from_input("x"), "value_version": 3})
    )
    version = rec.named("db-version")
    assert secret_value(version.inputs["secretStringWo"]) == "x"
    assert version.inputs["secretStringWoVersion"] == 3


def test_generated_value_options_reach_random_password(mock_stack):
    args = SecretArgs(length=64, exclude_characters='@:/"', value_version=2)
    rec = mock_stack.run(lambda: Secret("app", args))
    assert rec.named("app-value").inputs == {
        "length": 64,
        "special": True,
        "overrideSpecial": "!#$%&*()-_=+[]{}<>?",
        "keepers": {"value_version": "2"},
    }
    assert len(secret_value(rec.named("app-version").inputs["secretString"])) == 64


def test_special_characters_can_be_turned_off(mock_stack):
    rec = mock_stack.run(lambda: Secret("app", {"special": False}))
    assert rec.named("app-value").inputs == {
        "length": 32,
        "special": False,
        "keepers": {"value_version": "1"},
    }


def test_options_reach_the_secret(mock_stack):
    args = SecretArgs(
        secret_name="app/db/password",
        description="Database password of the app",
        kms_key_arn=KMS_KEY,
        recovery_window_days=7,
        tags={"team": "app"},
    )
    rec = mock_stack.run(lambda: Secret("app", args))
    assert rec.named("app-secret").inputs == {
        "name": "app/db/password",
        "description": "Database password of the app",
        "kmsKeyId": KMS_KEY,
        "recoveryWindowInDays": 7,
        "tags": {"team": "app"},
    }
    assert rec.value(rec.result.kms_key_arn) == KMS_KEY


def test_force_delete_sets_a_zero_recovery_window(mock_stack):
    rec = mock_stack.run(lambda: Secret("scratch", {"force_delete": True}))
    assert rec.named("scratch-secret").inputs["recoveryWindowInDays"] == 0


@pytest.mark.parametrize(
    "function",
    [lambda: ROTATE_ARN, lambda: types.SimpleNamespace(arn=pulumi.Output.from_input(ROTATE_ARN))],
    ids=["arn", "object-with-arn"],
)
def test_rotation_adds_a_schedule_after_a_scoped_invoke_permission(mock_stack, function):
    rec = mock_stack.run(lambda: Secret("db", {"rotation_function": function()}))
    secret_arn = rec.named("db-secret").outputs["arn"]
    permission = rec.named("db-rotation-invoke")
    assert permission.type == PERMISSION
    assert permission.inputs == {
        "action": "lambda:InvokeFunction",
        "function": ROTATE_ARN,
        "principal": "secretsmanager.amazonaws.com",
        "sourceArn": secret_arn,
    }
    rotation = rec.named("db-rotation")
    assert rotation.type == ROTATION
    assert rotation.inputs == {
        "secretId": secret_arn,
        "rotationLambdaArn": ROTATE_ARN,
        "rotationRules": {"automaticallyAfterDays": 30},
    }
    assert permission.urn in rotation.explicit_dependencies
    assert rec.named("db-version").urn in rotation.explicit_dependencies


def test_rotation_slower_than_90_days_logs_a_warning(mock_stack, monkeypatch):
    warnings = []
    monkeypatch.setattr(pulumi.log, "warn", lambda message, *a, **k: warnings.append(message))
    rec = mock_stack.run(
        lambda: Secret("db", {"rotation_function": ROTATE_ARN, "rotation_days": 120})
    )
    assert rec.named("db-rotation").inputs["rotationRules"] == {"automaticallyAfterDays": 120}
    assert warnings == [
        "nova-storage Secret 'db': rotation_days is 120: secrets should rotate at least every "
        "90 days (SM-03: Security Hub SecretsManager.4, CKV_AWS_304)"
    ]


def test_rotation_within_90_days_logs_nothing(mock_stack, monkeypatch):
    warnings = []
    monkeypatch.setattr(pulumi.log, "warn", lambda message, *a, **k: warnings.append(message))
    mock_stack.run(lambda: Secret("db", {"rotation_function": ROTATE_ARN, "rotation_days": 90}))
    assert warnings == []


@pytest.mark.parametrize("retain", [False, True])
def test_retain_on_delete_reaches_the_secret_its_version_and_value(mock_stack, retain):
    rec = mock_stack.run(
        lambda: Secret("app", opts=pulumi.ResourceOptions(retain_on_delete=retain))
    )
    for name in ("app-secret", "app-version", "app-value"):
        assert rec.named(name).retain_on_delete is retain


def test_fails_when_an_output_secret_name_resolves_to_the_suffix_trap(mock_stack):
    def program():
        Secret("app", {"secret_name": pulumi.Output.from_input("app-secret")})

    with pytest.raises(Exception, match=r"'secret_name' is 'app-secret' \(checked when the Output"):
        mock_stack.run(program)


def test_args_keys_match_the_plan():
    assert tuple(SecretArgs.__annotations__) == SECRET_ARGS_KEYS
    assert SecretArgs.__required_keys__ == frozenset()
    assert typing.get_type_hints(Secret.__init__)["args"] is SecretArgs
    assert inspect.signature(Secret.__init__).parameters["args"].default == {}


def _key_docstrings(typed_dict: type) -> dict[str, str]:
    """See test_table.py: read without ``ast`` (gh-106905)."""
    text = Path(inspect.getsourcefile(typed_dict)).read_text()
    body = text.split(f"\nclass {typed_dict.__name__}(", 1)[1]
    lines = re.split(r"\n(?=\S)", body, maxsplit=1)[0].splitlines()
    docs: dict[str, str] = {}
    for i, line in enumerate(lines[:-1]):
        key = re.match(r"    (\w+): ", line)
        following = lines[i + 1].strip()
        if key and following.startswith('"""'):
            text = following[3:]
            j = i + 1
            while '"""' not in text:
                j += 1
                text += " " + lines[j].strip()
            docs[key.group(1)] = text.split('"""')[0]
    return docs


def test_every_args_key_documents_its_default():
    docs = _key_docstrings(SecretArgs)
    for key in SecretArgs.__annotations__:
        assert "Default: " in docs.get(key, ""), key


def test_component_analyzer_accepts_the_component():
    result = Analyzer("nova-storage").analyze([Secret])
    (component,) = result["component_definitions"].values()
    assert component.name == "Secret"
    assert set(component.inputs) == {
        "secretName",
        "description",
        "value",
        "valueVersion",
        "length",
        "special",
        "excludeCharacters",
        "kmsKeyArn",
        "recoveryWindowDays",
        "forceDelete",
        "rotationFunction",
        "rotationDays",
        "tags",
    }
    assert set(component.outputs) == {"secret", "arn", "name", "version", "kmsKeyArn"}
    assert component.outputs["kmsKeyArn"].optional is True


def test_identity_of_the_stateful_children_is_pinned(mock_stack):
    """Renaming the secret replaces it (and its name stays reserved for the recovery window);
    renaming the password regenerates the value: these URNs are part of the public contract."""
    rec = mock_stack.run(lambda: Secret("app"))
    prefix = "urn:pulumi:test::nova-test::nova-storage:index:Secret$"
    assert {r.name: r.urn for r in rec.resources if r.custom} == {
        "app-secret": f"{prefix}aws:secretsmanager/secret:Secret::app-secret",
        "app-value": f"{prefix}random:index/randomPassword:RandomPassword::app-value",
        "app-version": f"{prefix}aws:secretsmanager/secretVersion:SecretVersion::app-version",
    }
