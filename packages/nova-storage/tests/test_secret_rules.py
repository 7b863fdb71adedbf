"""Every Secret rule fails before registration: one failing input per rule (B.9, SM-01..SM-05).

Each case names the argument path, a piece of the rule and a piece of the fix, and the run must
leave zero registered resources (not even the component).
"""

import types

import pulumi
import pytest

from nova_core import NovaInputError
from nova_storage import Secret

ROTATE_ARN = "arn:aws:lambda:us-east-1:123456789012:function:rotate"
KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

CASES = [
    # names (B.9 Name)
    (
        "name-charset",
        {"secret_name": "app secret"},
        "secret_name",
        "ASCII letters, digits",
        "replace",
    ),
    ("name-too-long", {"secret_name": "s" * 513}, "secret_name", "at most 512", "shorten"),
    ("name-empty", {"secret_name": ""}, "secret_name", "must not be empty", "longer"),
    (
        "name-ends-like-the-arn-suffix",
        {"secret_name": "app-secret"},
        "secret_name",
        "'-' and six characters",
        "'app/secret'",
    ),
    ("logical-name-cannot-auto-name", {}, "name", "<name>-secret-<7 random", "secret_name"),
    ("description-too-long", {"description": "d" * 2049}, "description", "at most 2048", "shorten"),
    (
        "unknown-argument",
        {"recovery_window": 7},
        "recovery_window",
        "not a known key",
        "did you mean 'recovery_window_days'?",
    ),
    # value (SM-01)
    (
        "value-plain-string",
        {"value": "hunter2"},
        "value",
        "must not be a plain value",
        "pulumi config set --secret",
    ),
    (
        "value-with-length",
        lambda: {"value": pulumi.Output.secret("x"), "length": 40},
        "length",
        "shapes a generated value",
        "drop length",
    ),
    (
        "value-with-special",
        lambda: {"value": pulumi.Output.secret("x"), "special": False},
        "special",
        "shapes a generated value",
        "drop special",
    ),
    ("value-version-zero", {"value_version": 0}, "value_version", "at least 1", "at least 1"),
    ("length-below-16", {"length": 15}, "length", "between 16 and 4096", "between 16 and 4096"),
    ("length-over-4096", {"length": 4097}, "length", "between 16 and 4096", "between 16 and 4096"),
    ("length-bool", {"length": True}, "length", "whole number", "pass an int"),
    ("special-not-bool", {"special": "yes"}, "special", "True or False", "bool"),
    (
        "exclude-letters",
        {"exclude_characters": "l1O0@"},
        "exclude_characters",
        "'01Ol' cannot be excluded",
        "remove the letters",
    ),
    (
        "exclude-every-special",
        {"exclude_characters": "!@#$%&*()-_=+[]{}<>:?"},
        "exclude_characters",
        "every special character",
        "special=False",
    ),
    # key (SM-02)
    (
        "kms-alias-arn",
        {"kms_key_arn": "arn:aws:kms:us-east-1:123456789012:alias/app"},
        "kms_key_arn",
        "ARN of a key",
        "arn:aws:kms",
    ),
    (
        "kms-alias-name",
        {"kms_key_arn": "alias/aws/secretsmanager"},
        "kms_key_arn",
        "must be kms ARN",
        "arn:aws:kms",
    ),
    (
        "kms-unknown-region",
        {"kms_key_arn": "arn:aws:kms:us-east-7:123456789012:key/abc"},
        "kms_key_arn",
        "Region of its partition",
        "use an ARN from a Region",
    ),
    # recovery window (SM-05, B.9)
    (
        "recovery-window-below-7",
        {"recovery_window_days": 6},
        "recovery_window_days",
        "between 7 and 30",
        "between 7 and 30",
    ),
    (
        "recovery-window-over-30",
        {"recovery_window_days": 31},
        "recovery_window_days",
        "between 7 and 30",
        "between 7 and 30",
    ),
    (
        "recovery-window-zero-without-force-delete",
        {"recovery_window_days": 0},
        "recovery_window_days",
        "deletes the secret at once",
        "force_delete=True",
    ),
    (
        "force-delete-with-a-window",
        {"force_delete": True, "recovery_window_days": 7},
        "recovery_window_days",
        "cannot be set as well",
        "drop recovery_window_days",
    ),
    ("force-delete-not-bool", {"force_delete": "yes"}, "force_delete", "True or False", "bool"),
    (
        "recovery-window-output",
        lambda: {"recovery_window_days": pulumi.Output.from_input(7)},
        "recovery_window_days",
        "not an Output",
        "plain value",
    ),
    # rotation (SM-03, B.9 rotation schedule)
    (
        "rotation-days-without-function",
        {"rotation_days": 30},
        "rotation_days",
        "needs a rotation_function",
        "pass rotation_function",
    ),
    (
        "rotation-days-zero",
        {"rotation_function": ROTATE_ARN, "rotation_days": 0},
        "rotation_days",
        "between 1 and 1000",
        "between 1 and 1000",
    ),
    (
        "rotation-days-over-1000",
        {"rotation_function": ROTATE_ARN, "rotation_days": 1001},
        "rotation_days",
        "between 1 and 1000",
        "between 1 and 1000",
    ),
    (
        "rotation-function-not-lambda",
        {"rotation_function": "arn:aws:sqs:us-east-1:123456789012:q"},
        "rotation_function",
        "must be lambda ARN",
        "function:rotate",
    ),
    (
        "rotation-function-without-arn",
        {"rotation_function": types.SimpleNamespace(name="rotate")},
        "rotation_function",
        "Lambda function",
        "function resource",
    ),
    (
        "rotation-function-object-with-a-queue-arn",
        {"rotation_function": types.SimpleNamespace(arn="arn:aws:sqs:us-east-1:123456789012:q")},
        "rotation_function.arn",
        "must be lambda ARN",
        "function:rotate",
    ),
    # tags (SM-08)
    (
        "tag-key-reserved",
        {"tags": {"aws:owner": "x"}},
        'tags["aws:owner"]',
        "reserved for AWS",
        "drop the 'aws:' prefix",
    ),
]


@pytest.mark.parametrize(
    ("given", "argument", "rule", "fix"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_fails_when_an_argument_breaks_a_secret_rule(mock_stack, given, argument, rule, fix):
    logical = "app secret" if argument == "name" else "app"
    with pytest.raises(NovaInputError) as raised:
        # Outputs are built inside the run's runtime, never at import or outside a run.
        mock_stack.run(lambda: Secret(logical, given() if callable(given) else given))
    error = raised.value
    assert error.component == "nova-storage Secret"
    assert error.name == logical
    assert error.argument == argument
    assert rule in error.rule
    assert fix in error.fix
    assert str(error).startswith(f"nova-storage Secret '{logical}': argument '{argument}' is ")
    assert mock_stack.last.resources == []


def test_fails_when_a_plain_value_is_given_without_showing_it(mock_stack):
    with pytest.raises(NovaInputError) as raised:
        mock_stack.run(lambda: Secret("db", {"value": "hunter2"}))
    assert "hunter2" not in str(raised.value)
    assert "a plain str (not shown)" in str(raised.value)
    assert 'require_secret("dbPassword")' in raised.value.fix
    assert mock_stack.last.resources == []


def test_fails_when_the_cmk_is_in_another_region_than_the_provider(mock_stack):
    mock_stack.set_config("aws:region", "eu-west-1")
    with pytest.raises(NovaInputError, match=r"'kms_key_arn' .*must be in eu-west-1"):
        mock_stack.run(lambda: Secret("app", {"kms_key_arn": KMS_KEY}))
    assert mock_stack.last.resources == []
