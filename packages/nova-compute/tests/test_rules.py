"""Every Lambda / IAM rule in _rules rejects bad input before anything is registered (B.2/B.3)."""

import pulumi
import pytest

import nova_compute._plan as plan
from nova_compute import Function, FunctionArgs
from nova_compute import packaging as packaging_module

ACCOUNT = "123456789012"
LAYER = f"arn:aws:lambda:us-east-1:{ACCOUNT}:layer:tools:1"


class Out:
    """Marks a value to be wrapped in an Output inside the program."""

    def __init__(self, value):
        self.value = value


def _materialise(value):
    if isinstance(value, Out):
        return pulumi.Output.from_input(value.value)
    if isinstance(value, dict):
        return {k: _materialise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_materialise(v) for v in value]
    return value


def _statement(**overrides):
    statement = {"Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::bucket/*"]}
    statement.update(overrides)
    return {k: v for k, v in statement.items() if v is not None}


CASES = {
    # unknown keys and names
    "unknown_key": ({"memory": 256}, r"argument 'memory' is 256: 'memory' is not a known key\. Fix: did you mean 'memory_mb'\?"),
    "function_name_charset": ({"function_name": "my function"}, r"'function_name' is 'my function': Lambda function names are 1-64"),
    "function_name_length": ({"function_name": "f" * 65}, r"'function_name' .*1-64 letters"),
    "role_name_charset": ({"role_name": "role/x"}, r"'role_name' is 'role/x': IAM role names"),
    "role_name_length": ({"role_name": "r" * 65}, r"'role_name' .*1-64 characters"),
    "role_path_format": ({"role_path": "service"}, r"'role_path' is 'service': an IAM path"),
    "log_group_name_charset": ({"log_group_name": "bad name!"}, r"'log_group_name' .*log group names are 1-512"),
    "description_length": ({"description": "d" * 257}, r"'description' .*at most 256 characters"),
    # runtime and handler
    "runtime_unknown": ({"runtime": "python4.0"}, r"'runtime' is 'python4.0': 'python4.0' is not a Lambda runtime"),
    "runtime_deprecated": ({"runtime": "python3.10"}, r"python3\.10 is deprecated since 2026-10-31.*use python3\.13"),
    "runtime_long_deprecated": ({"runtime": "python3.8"}, r"deprecated since 2024-10-14"),
    "runtime_other_family": ({"runtime": "nodejs20.x"}, r"deprecated since 2026-04-30.*use nodejs24\.x"),
    "runtime_type": ({"runtime": 313}, r"'runtime' is 313: must be a string"),
    "handler_whitespace": ({"handler": "app. handler"}, r"'handler' is 'app\. handler': a handler is at most 128 characters with no whitespace"),
    "handler_length": ({"handler": "app." + "h" * 125}, r"at most 128 characters"),
    "handler_python_format": ({"handler": "app"}, r"'handler' is 'app': a Python handler is '<module>\.<function>'"),
    "handler_python_chars": ({"handler": "app.handle-it"}, r"a Python handler"),
    "handler_module_missing": ({"handler": "missing.handler"}, r"module 'missing' is not in the code archive.*Runtime\.ImportModuleError"),
    "handler_module_syntax": ({"handler": "broken.handler"}, r"broken\.py does not parse as Python"),
    "handler_type": ({"handler": 5}, r"'handler' is 5: must be a string"),
    "architecture": ({"architecture": "aarch64"}, r"'architecture' is 'aarch64': must be one of 'arm64', 'x86_64' \(Lambda Architectures\)\. Fix: did you mean 'arm64'\?"),
    # sizing
    "memory_low": ({"memory_mb": 127}, r"'memory_mb' is 127: must be between 128 and 10240"),
    "memory_high": ({"memory_mb": 10241}, r"'memory_mb' is 10241: must be between 128 and 10240"),
    "memory_string": ({"memory_mb": "256"}, r"'memory_mb' is '256': must be a whole number"),
    "memory_bool": ({"memory_mb": True}, r"'memory_mb' is True: must be a whole number"),
    "memory_float": ({"memory_mb": 256.5}, r"must be a whole number"),
    "timeout_low": ({"timeout_seconds": 0}, r"'timeout_seconds' is 0: must be between 1 and 900"),
    "timeout_high": ({"timeout_seconds": 901}, r"'timeout_seconds' is 901: must be between 1 and 900"),
    "ephemeral_low": ({"ephemeral_storage_mb": 511}, r"'ephemeral_storage_mb' is 511: must be between 512 and 10240"),
    "ephemeral_high": ({"ephemeral_storage_mb": 10241}, r"must be between 512 and 10240"),
    "reserved_negative": ({"reserved_concurrency": -1}, r"'reserved_concurrency' is -1: must be at least 0"),
    "reserved_float": ({"reserved_concurrency": 1.5}, r"'reserved_concurrency' is 1\.5: must be a whole number"),
    # environment
    "env_not_mapping": ({"environment": ["A=1"]}, r"'environment' is \[\"A=1\"\]: must be a dict"),
    "env_key_digit": ({"environment": {"1ABC": "x"}}, r"'environment\[\"1ABC\"\] \(name\)' is '1ABC': environment variable names start with a letter"),
    "env_key_short": ({"environment": {"A": "x"}}, r"'environment\[\"A\"\] \(name\)' is 'A': environment variable names"),
    "env_key_dash": ({"environment": {"MY-VAR": "x"}}, r"'MY-VAR'.*\[a-zA-Z\]\[a-zA-Z0-9_\]\+"),
    "env_reserved_region": ({"environment": {"AWS_REGION": "x"}}, r"'environment\[\"AWS_REGION\"\] \(name\)' is 'AWS_REGION': Lambda reserves this variable"),
    "env_reserved_handler": ({"environment": {"_HANDLER": "x"}}, r"environment variable names start with a letter"),
    "env_reserved_task_root": ({"environment": {"LAMBDA_TASK_ROOT": "x"}}, r"Lambda reserves this variable"),
    "env_reserved_secret_key": ({"environment": {"AWS_SECRET_ACCESS_KEY": "x"}}, r"Lambda reserves this variable"),
    "env_value_type": ({"environment": {"PORT": 8080}}, r"'environment\[\"PORT\"\]' is 8080: Lambda environment values are strings"),
    "env_access_key": ({"environment": {"KEY_ID": "AKIAIOSFODNN7EXAMPLE"}}, r"'environment\[\"KEY_ID\"\]' is 'AKIA\*+LE': the value contains an AWS access key id"),
    "env_session_key": ({"environment": {"CREDS": "id=ASIAIOSFODNN7EXAMPLE;x"}}, r"contains an AWS access key id"),
    "env_too_large": ({"environment": {"BIG": "x" * 4090}}, r"'environment' is 1 variables: .*serialise to 4100 bytes.*4096"),
    "env_kms_format": ({"environment": {"A1": "x"}, "environment_kms_key_arn": "alias/lambda"}, r"'environment_kms_key_arn' is 'alias/lambda': must be kms ARN"),
    # layers, boundary, tags
    "layers_too_many": ({"layers": [f"{LAYER[:-1]}{i}" for i in range(6)]}, r"at most 5 layers"),
    "layers_format": ({"layers": [f"arn:aws:lambda:us-east-1:{ACCOUNT}:layer:tools"]}, r"a layer is a layer version ARN"),
    "layers_duplicate": ({"layers": [LAYER, LAYER]}, r"a layer may be listed only once"),
    "layers_not_list": ({"layers": LAYER}, r"'layers' .*must be a list"),
    "boundary_format": ({"permissions_boundary_arn": "boundary"}, r"'permissions_boundary_arn' is 'boundary': must be iam ARN.*a managed policy"),
    "tags_too_many": ({"tags": {f"k{i}": "v" for i in range(51)}}, r"at most 50 tags"),
    "tags_reserved_prefix": ({"tags": {"aws:owner": "me"}}, r"'tags\[\"aws:owner\"\]' is 'aws:owner': tag keys starting with 'aws:' are reserved"),
    "tags_value_length": ({"tags": {"team": "t" * 257}}, r"'tags\[\"team\"\]' .*must be at most 256 characters"),
    "tags_not_mapping": ({"tags": ["team"]}, r"'tags' is \[\"team\"\]: must be a dict"),
    # logs and tracing
    "retention_not_allowed": ({"log_retention_days": 10}, r"'log_retention_days' is 10: must be a retention CloudWatch Logs accepts: 1, 3, 5, 7, 14.*Fix: use 7 or 14"),
    "retention_zero": ({"log_retention_days": 0}, r"'log_retention_days' is 0"),
    "log_kms_alias": ({"log_group_kms_key_arn": f"arn:aws:kms:us-east-1:{ACCOUNT}:alias/logs"}, r"'log_group_kms_key_arn' .*must be the ARN of a key.*not an alias"),
    "log_class_delivery": ({"log_group_class": "DELIVERY"}, r"'log_group_class' is 'DELIVERY': DELIVERY log groups only receive vended logs"),
    "log_class_unknown": ({"log_group_class": "COLD"}, r"'log_group_class' is 'COLD': must be one of 'STANDARD', 'INFREQUENT_ACCESS'"),
    "app_log_level_case": ({"application_log_level": "info"}, r"'application_log_level' is 'info': must be one of 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'.*did you mean 'INFO'\?"),
    "app_log_level_unknown": ({"application_log_level": "VERBOSE"}, r"'application_log_level' is 'VERBOSE'"),
    "system_log_level": ({"system_log_level": "ERROR"}, r"'system_log_level' is 'ERROR': must be one of 'DEBUG', 'INFO', 'WARN'"),
    "tracing_not_bool": ({"tracing_enabled": "yes"}, r"'tracing_enabled' is 'yes': must be True or False"),
    "tracing_output": ({"tracing_enabled": Out(True)}, r"'tracing_enabled' is <output>: must be known when the program runs"),
    # policy statements
    "statements_not_list": ({"policy_statements": _statement()}, r"'policy_statements' .*must be a list of IAM statements"),
    "statement_not_dict": ({"policy_statements": ["s3:GetObject"]}, r"'policy_statements\[0\]' is 's3:GetObject': must be a dict: one IAM policy statement"),
    "statement_action_star": ({"policy_statements": [_statement(Action="*")]}, r"'policy_statements\[0\]\.Action' is '\*': wildcard actions"),
    "statement_service_star": ({"policy_statements": [_statement(Action=["s3:*"])]}, r"'policy_statements\[0\]\.Action' is 's3:\*': wildcard actions"),
    "statement_action_format": ({"policy_statements": [_statement(Action="GetObject")]}, r"an action is '<service>:<Action>'"),
    "statement_missing_action": ({"policy_statements": [_statement(Action=None)]}, r"every statement needs a non-empty Action"),
    "statement_empty_action": ({"policy_statements": [_statement(Action=[])]}, r"every statement needs a non-empty Action"),
    "statement_missing_resource": ({"policy_statements": [_statement(Resource=None)]}, r"every statement needs a non-empty Resource"),
    "statement_resource_star": ({"policy_statements": [_statement(Resource="*")]}, r"'policy_statements\[0\]\.Resource' is '\*': Resource '\*' applies the actions to every resource.*allow_wildcard_resources_reason"),
    "statement_resource_type": ({"policy_statements": [_statement(Resource=[5])]}, r"a resource is an ARN string"),
    "statement_not_action": ({"policy_statements": [{"NotAction": "iam:*", "Resource": "*"}]}, r"'policy_statements\[0\]\.NotAction' is 'iam:\*': NotAction grants everything except"),
    "statement_not_resource": ({"policy_statements": [_statement(NotResource="arn:aws:s3:::x")]}, r"NotResource grants everything except"),
    "statement_principal": ({"policy_statements": [_statement(Principal="*")]}, r"take no Principal"),
    "statement_unknown_key": ({"policy_statements": [{"actions": ["s3:GetObject"], "Resource": "*"}]}, r"'policy_statements\[0\]\.actions' .*'actions' is not a known key of policy_statements\[0\]\. Fix: did you mean 'Action'\?"),
    "statement_effect": ({"policy_statements": [_statement(Effect="allow")]}, r"'policy_statements\[0\]\.Effect' is 'allow': must be one of 'Allow', 'Deny'"),
    "statement_sid": ({"policy_statements": [_statement(Sid="read-bucket")]}, r"a Sid holds only letters and digits"),
    "statement_sid_twice": ({"policy_statements": [_statement(Sid="Read"), _statement(Sid="Read")]}, r"'policy_statements\[1\]\.Sid' is 'Read': Sids must be unique in the role's policy statements"),
    "statement_condition": ({"policy_statements": [_statement(Condition="aws:SecureTransport")]}, r"a Condition is a dict"),
    "statements_too_large": (
        {"policy_statements": [_statement(Sid=f"S{i}", Resource=[f"arn:aws:s3:::bucket-{i:03d}-with-a-long-name/*" for _ in range(4)]) for i in range(50)]},
        r"'policy_statements' is 50 statements: the role's inline policies would hold about \d+ characters; IAM allows 10240",
    ),
    "wildcard_reason_empty": ({"allow_wildcard_resources_reason": "  "}, r"'allow_wildcard_resources_reason' is '  ': must be a non-empty explanation"),
    # asynchronous invocation
    "dlq_service": ({"dead_letter_target_arn": "arn:aws:s3:::bucket"}, r"'dead_letter_target_arn' is 'arn:aws:s3:::bucket': must be sqs or sns ARN.*an SQS queue or SNS topic"),
    "dlq_fifo": ({"dead_letter_target_arn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:q.fifo"}, r"only to standard \(non-FIFO\)"),
    "destination_service": ({"on_failure_destination_arn": f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/t"}, r"'on_failure_destination_arn' .*must be sqs or sns or lambda or events or s3 ARN"),
    "destination_fifo": ({"on_failure_destination_arn": f"arn:aws:sns:us-east-1:{ACCOUNT}:t.fifo"}, r"only to standard \(non-FIFO\)"),
    "retries_high": ({"async_max_retry_attempts": 3}, r"'async_max_retry_attempts' is 3: must be between 0 and 2"),
    "retries_negative": ({"async_max_retry_attempts": -1}, r"must be between 0 and 2"),
    "event_age_low": ({"async_max_event_age_seconds": 59}, r"'async_max_event_age_seconds' is 59: must be between 60 and 21600"),
    "event_age_high": ({"async_max_event_age_seconds": 21601}, r"must be between 60 and 21600"),
    # code and packaging
    "code_missing": ({"code_path": None}, r"'code_path' is None: a function needs code"),
    "code_both": ({"code": pulumi.FileArchive("fn.zip")}, r"'code' .*'code' and 'code_path' are alternatives"),
    "code_not_archive": ({"code_path": None, "code": "fn.zip"}, r"'code' is 'fn\.zip': must be a pulumi\.Archive"),
    "code_with_requirements": ({"code_path": None, "code": pulumi.FileArchive("fn.zip"), "requirements": ["x"]}, r"'requirements' .*packaging options apply only to 'code_path'"),
    "code_path_missing_folder": ({"code_path": "/nonexistent/nova/app"}, r"'code_path' is '/nonexistent/nova/app': code folder .* does not exist"),
    "code_path_output": ({"code_path": Out("/tmp")}, r"'code_path' .*must be a plain folder path"),
    "requirements_both": ({"requirements": ["a"], "requirements_file": "r.txt"}, r"'requirements' .*'requirements' and 'requirements_file' are given; they are alternatives"),
    "requirements_option_line": ({"requirements": ["-e ."]}, r"'requirements' .*requirement '-e \.' is not one requirement specifier"),
    "requirements_not_list": ({"requirements": "requests"}, r"'requirements' is 'requests': must be a list"),
    "requirements_empty_entry": ({"requirements": [""]}, r"'requirements\[0\]' is '': must not be empty"),
    "requirements_file_missing": ({"requirements_file": "/nonexistent/requirements.txt"}, r"'requirements_file' is '/nonexistent/requirements\.txt': requirements file .* does not exist"),
    "requirements_file_type": ({"requirements_file": 5}, r"'requirements_file' is 5: must be a string"),
    "requirements_non_python": ({"runtime": "nodejs22.x", "handler": "index.handler", "requirements": ["a"]}, r"'requirements' .*runtime 'nodejs22\.x' is not a Python runtime pip can target"),
    "requirements_runtime_output": ({"runtime": Out("python3.13"), "requirements": ["a"]}, r"'runtime' .*must be known when the program runs"),
    "no_index_without_links": ({"requirements": ["a"], "no_index": True}, r"'no_index' is True: with no index pip has nowhere to find wheels"),
    "no_index_type": ({"no_index": "yes"}, r"'no_index' is 'yes': must be True or False"),
    "index_url_format": ({"requirements": ["a"], "index_url": "pypi.org/simple"}, r"'index_url' is 'pypi\.org/simple': index URL .* is not an http\(s\):// or file:// URL"),
    "pip_args_conflict": ({"requirements": ["a"], "pip_extra_args": ["--platform=any"]}, r"'pip_extra_args' .*conflicts with the options"),
    "pip_args_output": ({"pip_extra_args": Out(["--pre"])}, r"'pip_extra_args' .*must be known when the program runs"),
    "exclude_output_item": ({"exclude": ["*.csv", Out("*.bin")]}, r"'exclude\[1\]' is <output>: must be known when the program runs"),
    "function_name_empty": ({"function_name": ""}, r"'function_name' is '': must not be empty"),
    "exclude_not_list": ({"exclude": "*.csv"}, r"'exclude' is '\*\.csv': must be a list"),
    "default_excludes_type": ({"use_default_excludes": "no"}, r"'use_default_excludes' is 'no': must be True or False"),
    "cache_dir_type": ({"cache_dir": 5}, r"'cache_dir' is 5: must be a string"),
    "nothing_left_to_zip": ({"exclude": ["*.py"]}, r"has no files left after the exclude patterns"),
}  # fmt: skip


@pytest.fixture
def code_dir(app_dir):
    (app_dir / "broken.py").write_text("def handler(:\n")
    return app_dir


@pytest.mark.parametrize(("args", "match"), list(CASES.values()), ids=list(CASES))
def test_fails_when_input_breaks_a_rule(mock_stack, code_dir, args, match):
    args = {"code_path": str(code_dir), **args}

    with pytest.raises(ValueError, match=match) as info:
        mock_stack.run(lambda: Function("fn", FunctionArgs(**_materialise(args))))
    message = str(info.value)
    assert message.startswith("nova-compute Function 'fn': argument '")
    assert ". Fix: " in message
    assert mock_stack.last.resources == []


@pytest.mark.parametrize(
    ("name", "extra", "match"),
    [
        ("f" * 48, {}, r"argument 'name' .*the name at most 47"),
        ("my fn", {}, r"argument 'name' is 'my fn': the component name is the base"),
        ("fn.v2", {}, r"argument 'name' is 'fn\.v2': without 'function_name'"),
        ("r" * 52, {"function_name": "ok"}, r"without 'role_name' .*at most 51"),
        ("n" * 81, {"function_name": "ok", "role_name": "ok"}, r"IAM policy names allow only"),
    ],
)
def test_fails_when_component_name_cannot_name_its_children(
    mock_stack, app_dir, name, extra, match
):
    with pytest.raises(ValueError, match=match):
        mock_stack.run(lambda: Function(name, FunctionArgs(code_path=str(app_dir), **extra)))
    assert mock_stack.last.resources == []


def test_long_names_are_fine_when_physical_names_are_explicit(mock_stack, app_dir):
    rec = mock_stack.run(
        lambda: Function(
            "n" * 70, FunctionArgs(code_path=str(app_dir), function_name="ok", role_name="ok")
        )
    )
    assert rec.get("aws:lambda/function:Function").inputs["name"] == "ok"


def test_fails_when_args_is_not_a_mapping(mock_stack):
    with pytest.raises(ValueError, match=r"argument 'args' is 'x': must be a FunctionArgs mapping"):
        mock_stack.run(lambda: Function("fn", "x"))  # type: ignore[arg-type]


def test_fails_when_no_wheel_matches_through_the_component(mock_stack, app_dir, wheelhouse):
    args = FunctionArgs(
        code_path=str(app_dir),
        requirements=["nova-native"],
        find_links=[str(wheelhouse)],
        no_index=True,
    )
    with pytest.raises(
        ValueError,
        match=r"argument 'requirements' is \[\"nova-native\"\]: no wheel of 'nova-native' is compatible "
        r"with the Lambda platform manylinux2014_aarch64",
    ):
        mock_stack.run(lambda: Function("fn", args))
    assert mock_stack.last.resources == []


def test_fails_when_pip_fails_for_a_requirements_file(mock_stack, app_dir, tmp_path, monkeypatch):
    import subprocess

    from nova_compute import _packaging_pip as pip_module

    req = tmp_path / "requirements.txt"
    req.write_text("orjson==99\n")
    monkeypatch.setattr(
        pip_module,
        "_run",
        lambda c, cwd: subprocess.CompletedProcess(
            c, 1, "", "ERROR: No matching distribution found for orjson==99"
        ),
    )
    with pytest.raises(
        ValueError,
        match=r"argument 'requirements_file' is '.*requirements\.txt': no wheel of 'orjson==99'",
    ):
        mock_stack.run(
            lambda: Function("fn", FunctionArgs(code_path=str(app_dir), requirements_file=str(req)))
        )


@pytest.mark.parametrize(
    ("limit", "match"),
    [
        (
            "MAX_ZIPPED_BYTES",
            r"the zip is .* MiB; Lambda accepts at most 0 MiB uploaded directly.*layer",
        ),
        (
            "MAX_UNZIPPED_BYTES",
            r"the code unzips to .* MiB; Lambda allows 0 MiB for the function and all its layers",
        ),
    ],
)
def test_fails_when_the_archive_is_too_large(mock_stack, app_dir, monkeypatch, limit, match):
    monkeypatch.setattr(packaging_module, limit, 10)
    with pytest.raises(ValueError, match=match):
        mock_stack.run(lambda: Function("fn", FunctionArgs(code_path=str(app_dir))))
    assert mock_stack.last.resources == []


def test_every_failure_case_targets_a_known_argument():
    for args, _ in CASES.values():
        assert set(args) - set(plan.ARG_KEYS) <= {"memory"}
