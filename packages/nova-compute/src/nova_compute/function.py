"""``Function``: a Lambda function with its own least-privilege role and log group.

(No ``from __future__ import annotations`` here: Pulumi's component analyzer reads the
annotations of ``Function`` and ``FunctionArgs`` at run time.)
"""

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypedDict

import pulumi
import pulumi_aws as aws

from . import packaging
from ._policies import (
    dead_letter_policy,
    destination_policy,
    log_policy,
    statements_policy,
    to_json,
    trust_policy,
    xray_policy,
)
from ._validation import (
    Check,
    check_archive_size,
    check_async,
    check_environment,
    check_handler_module,
    check_statement_size,
    check_statements,
    component_policy_chars,
    is_service_principal,
    known,
    validate_function_args,
    validate_grant,
    validate_policy_key,
)

__all__ = ["TYPE_TOKEN", "Function", "FunctionArgs"]

TYPE_TOKEN = "nova-compute:index:Function"

_RESERVED_POLICY_KEYS = frozenset({"logs", "xray", "dlq", "destination", "statements"})


class FunctionArgs(TypedDict, total=False):
    """Arguments of :class:`Function`. Every key is optional except that one of ``code_path`` and
    ``code`` is needed. Keys that decide what gets built or which resources exist must be plain
    values (they say so)."""

    # -- code ------------------------------------------------------------------------------------
    code_path: str
    """Folder whose content becomes the root of the function's zip (plain). nova-compute builds
    a deterministic zip of it, plus the ``requirements``, into the build cache.
    Default: none; one of ``code_path`` and ``code`` is required."""
    code: pulumi.Input[pulumi.Archive]
    """A prebuilt archive used as is, e.g. ``pulumi.FileArchive("dist/fn.zip")``; packaging
    options are then not allowed. Default: none."""
    handler: pulumi.Input[str]
    """Entry point, ``<module>.<function>`` (``pkg/mod.fn`` or ``pkg.mod.fn`` when nested); the
    module must be in the archive. Default: ``"app.handler"``."""
    runtime: pulumi.Input[str]
    """Lambda runtime, checked against the runtime lifecycle table (error once deprecated).
    Default: ``"python3.13"``."""
    architecture: pulumi.Input[str]
    """``"arm64"`` or ``"x86_64"``; dependencies are installed for it. Default: ``"arm64"``."""
    exclude: list[str]
    """Extra patterns left out of the zip (plain): a name (``*.csv``), a directory name ending
    in ``/`` (``fixtures/``) or a relative path (``scripts/*.sh``).
    Default: none (the built-in excludes still apply)."""
    use_default_excludes: bool
    """Leave out caches, tests, virtual environments and project metadata
    (``nova_compute.packaging.DEFAULT_EXCLUDES``). Default: ``True``."""
    requirements: list[str]
    """Requirement specifiers installed into the zip with pip for the function's platform
    (plain). Default: none."""
    requirements_file: str
    """A pip requirements file installed into the zip (plain; alternative to
    ``requirements``). Default: none."""
    cache_dir: str
    """Folder for dependency installs and built zips (plain).
    Default: ``$NOVA_CACHE_DIR``, else ``$XDG_CACHE_HOME/nova/lambda``, else
    ``~/.cache/nova/lambda``."""
    pip_extra_args: list[str]
    """Extra pip options, e.g. ``["--pre"]`` (plain; platform options are set for you).
    Default: none."""
    find_links: list[str]
    """Folders or URLs of wheels for pip (``--find-links``) (plain). Default: none."""
    index_url: str
    """Package index for pip (``--index-url``) (plain). Default: pip's configuration."""
    no_index: bool
    """Do not use any package index; needs ``find_links`` (plain). Default: ``False``."""

    # -- sizing and behaviour ----------------------------------------------------------------
    memory_mb: pulumi.Input[int]
    """Memory in MB, 128-10240 (new accounts may be capped at 3008). Default: ``256``."""
    timeout_seconds: pulumi.Input[int]
    """Timeout in seconds, 1-900. Default: ``30``."""
    ephemeral_storage_mb: pulumi.Input[int]
    """Size of ``/tmp`` in MB, 512-10240. Default: Lambda's 512."""
    environment: pulumi.Input[dict[str, pulumi.Input[str]]]
    """Environment variables: names ``[a-zA-Z][a-zA-Z0-9_]+``, not reserved by Lambda, 4 KB of
    JSON in total, no AWS access keys. Default: none."""
    environment_kms_key_arn: pulumi.Input[str]
    """Customer managed KMS key (or alias) ARN that encrypts the environment variables at rest.
    Default: Lambda's AWS managed key."""
    reserved_concurrency: pulumi.Input[int]
    """Reserved concurrent executions, >= 0 (0 disables the function). Never set by default:
    reservations fail in new accounts with small concurrency quotas. Default: none."""
    layers: pulumi.Input[list[pulumi.Input[str]]]
    """Up to 5 layer version ARNs. Default: none."""
    description: pulumi.Input[str]
    """Function description, at most 256 characters. Default: none."""
    tags: pulumi.Input[dict[str, pulumi.Input[str]]]
    """Tags for the function, role and log group (at most 50). Default: none."""
    function_name: pulumi.Input[str]
    """Physical function name, 1-64 of ``[A-Za-z0-9_-]``. Default: Pulumi auto-name
    ``<name>-function-<7 hex>``."""

    # -- execution role --------------------------------------------------------------------------
    role_name: pulumi.Input[str]
    """Physical role name, 1-64 of ``[\\w+=,.@-]``. Default: Pulumi auto-name
    ``<name>-role-<7 hex>``."""
    role_path: pulumi.Input[str]
    """IAM path of the role, e.g. ``/service-roles/``. Default: ``/``."""
    permissions_boundary_arn: pulumi.Input[str]
    """Managed policy ARN set as the role's permissions boundary. Default: none."""
    policy_statements: pulumi.Input[list[pulumi.Input[dict[str, Any]]]]
    """Extra IAM statements for the role (``Action``, ``Resource``, optional ``Effect``,
    ``Sid``, ``Condition``). Allow statements may not use ``*`` or ``<service>:*`` actions, nor
    ``Resource: "*"`` without ``allow_wildcard_resources_reason``. Default: none."""
    allow_wildcard_resources_reason: str
    """Why some statement needs ``Resource: "*"`` (e.g. the actions have no resource-level
    permissions); without it such statements are rejected. Default: none."""

    # -- logs and tracing ------------------------------------------------------------------------
    log_group_name: pulumi.Input[str]
    """Name of the log group the component creates. Default: ``/aws/lambda/<function_name>``
    when ``function_name`` is set, else ``/aws/lambda/<name>-<unique suffix>``."""
    log_retention_days: pulumi.Input[int]
    """Log retention, one of CloudWatch's values (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180,
    365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653). Default: ``14``."""
    log_group_kms_key_arn: pulumi.Input[str]
    """KMS key ARN encrypting the log group (its key policy must allow
    ``logs.<region>.amazonaws.com``). Default: CloudWatch Logs' own encryption."""
    log_group_class: pulumi.Input[str]
    """``"STANDARD"`` or ``"INFREQUENT_ACCESS"``. Default: ``"STANDARD"`` (AWS default)."""
    application_log_level: pulumi.Input[str]
    """JSON log filter for function logs: TRACE, DEBUG, INFO, WARN, ERROR or FATAL.
    Default: ``"INFO"``."""
    system_log_level: pulumi.Input[str]
    """JSON log filter for Lambda platform logs: DEBUG, INFO or WARN. Default: ``"WARN"``."""
    tracing_enabled: bool
    """X-Ray active tracing (plain; adds the X-Ray write statement to the role).
    Default: ``True``."""

    # -- asynchronous invocation -------------------------------------------------------------
    dead_letter_target_arn: pulumi.Input[str]
    """Standard SQS queue or SNS topic for events that fail every async attempt; the role may
    send to that ARN only. Default: none."""
    on_failure_destination_arn: pulumi.Input[str]
    """SQS, SNS, Lambda, EventBridge bus or S3 bucket ARN receiving records of failed async
    invocations; the role may send to that ARN only. Default: none."""
    async_max_retry_attempts: pulumi.Input[int]
    """Retries of a failed async invocation, 0-2. Default: Lambda's 2."""
    async_max_event_age_seconds: pulumi.Input[int]
    """How long an async event may wait, 60-21600 seconds. Default: Lambda's 21600."""


class Function(pulumi.ComponentResource):
    """An AWS Lambda function with its own execution role and log group, secure by default.

    Defaults: python3.13 on arm64, 256 MB, 30 s, JSON logs (INFO/WARN) into a log group the
    component creates first with 14-day retention, X-Ray active tracing, and a role that only
    Lambda (for this account) can assume, with no managed policy: it may write to its own log
    group and send traces, nothing else. ``code_path`` is zipped deterministically (with
    dependencies installed for the Lambda platform when ``requirements`` are given), so
    unchanged code never redeploys.
    """

    function: aws.lambda_.Function
    """The Lambda function."""
    function_name: pulumi.Output[str]
    """Physical name of the function."""
    function_arn: pulumi.Output[str]
    """ARN of the function."""
    invoke_arn: pulumi.Output[str]
    """ARN API Gateway uses to invoke the function."""
    role: aws.iam.Role
    """The execution role (attach more ``aws.iam.RolePolicy`` resources to it)."""
    role_arn: pulumi.Output[str]
    """ARN of the execution role."""
    role_name: pulumi.Output[str]
    """Name of the execution role."""
    log_group: aws.cloudwatch.LogGroup
    """The function's log group."""
    log_group_name: pulumi.Output[str]
    """Name of the function's log group."""
    log_group_arn: pulumi.Output[str]
    """ARN of the function's log group (without ``:*``)."""
    timeout_seconds: pulumi.Output[int]
    """Configured timeout in seconds."""
    memory_mb: pulumi.Output[int]
    """Configured memory in MB."""
    async_config: aws.lambda_.FunctionEventInvokeConfig | None
    """Asynchronous invocation settings, when any ``async_*`` or destination argument is set."""

    def __init__(
        self, name: str, args: FunctionArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        settings = validate_function_args(name, args)
        check = Check("Function", name)
        code, built = _code(check, settings)
        super().__init__(TYPE_TOKEN, name, None, opts)

        self._name = name
        self._check = check
        self._built = built
        self._grants: set[str] = set()
        self._policy_keys: set[str] = set(_RESERVED_POLICY_KEYS)
        self._component_chars = component_policy_chars(settings)
        self._inline_chars = self._component_chars
        child = pulumi.ResourceOptions(parent=self)
        tags = settings.get("tags")
        tracing = settings["tracing_enabled"]

        account_id = aws.get_caller_identity_output(
            opts=pulumi.InvokeOutputOptions(parent=self)
        ).account_id
        self.role = aws.iam.Role(
            f"{name}-role",
            assume_role_policy=account_id.apply(lambda account: to_json(trust_policy(account))),
            name=settings.get("role_name"),
            path=settings.get("role_path"),
            permissions_boundary=settings.get("permissions_boundary_arn"),
            description=f"Execution role of the nova-compute Function '{name}'",
            tags=tags,
            opts=child,
        )

        function_name = settings.get("function_name")
        log_group_name = settings.get("log_group_name")
        if log_group_name is None and function_name is not None:
            log_group_name = pulumi.Output.concat("/aws/lambda/", function_name)
        self.log_group = aws.cloudwatch.LogGroup(
            f"{name}-log-group",
            name=log_group_name,
            name_prefix=None if log_group_name is not None else f"/aws/lambda/{name}-",
            retention_in_days=settings["log_retention_days"],
            kms_key_id=settings.get("log_group_kms_key_arn"),
            log_group_class=settings.get("log_group_class"),
            tags=tags,
            opts=child,
        )

        policies = self._create_policies(settings)

        ephemeral = settings.get("ephemeral_storage_mb")
        dlq = settings.get("dead_letter_target_arn")
        self.function = aws.lambda_.Function(
            f"{name}-function",
            name=function_name,
            role=self.role.arn,
            package_type="Zip",
            runtime=settings["runtime"],
            handler=settings["handler"],
            architectures=[settings["architecture"]],
            memory_size=settings["memory_mb"],
            timeout=settings["timeout_seconds"],
            code=code,
            source_code_hash=built.sha256_b64 if built is not None else None,
            environment=self._environment(settings.get("environment")),
            kms_key_arn=settings.get("environment_kms_key_arn"),
            ephemeral_storage=(
                aws.lambda_.FunctionEphemeralStorageArgs(size=ephemeral)
                if ephemeral is not None
                else None
            ),
            reserved_concurrent_executions=settings.get("reserved_concurrency"),
            layers=settings.get("layers"),
            description=settings.get("description"),
            logging_config=aws.lambda_.FunctionLoggingConfigArgs(
                log_format="JSON",
                log_group=self.log_group.name,
                application_log_level=settings["application_log_level"],
                system_log_level=settings["system_log_level"],
            ),
            tracing_config=aws.lambda_.FunctionTracingConfigArgs(
                mode="Active" if tracing else "PassThrough"
            ),
            dead_letter_config=(
                aws.lambda_.FunctionDeadLetterConfigArgs(target_arn=dlq)
                if dlq is not None
                else None
            ),
            tags=tags,
            opts=pulumi.ResourceOptions(
                parent=self, depends_on=[self.log_group, *policies.values()]
            ),
        )

        self.async_config = self._create_async_config(settings, policies.get("destination"))

        self.function_name = self.function.name
        self.function_arn = self.function.arn
        self.invoke_arn = self.function.invoke_arn
        self.role_arn = self.role.arn
        self.role_name = self.role.name
        self.log_group_name = self.log_group.name
        self.log_group_arn = self.log_group.arn
        self.timeout_seconds = pulumi.Output.from_input(settings["timeout_seconds"])
        self.memory_mb = pulumi.Output.from_input(settings["memory_mb"])
        self.register_outputs(
            {
                "function_name": self.function_name,
                "function_arn": self.function_arn,
                "invoke_arn": self.invoke_arn,
                "role_arn": self.role_arn,
                "role_name": self.role_name,
                "log_group_name": self.log_group_name,
                "log_group_arn": self.log_group_arn,
                "timeout_seconds": self.timeout_seconds,
                "memory_mb": self.memory_mb,
            }
        )

    # -- public methods ------------------------------------------------------------------------
    @property
    def archive(self) -> packaging.BuiltArchive | None:
        """The zip built from ``code_path`` (``None`` when a prebuilt ``code`` was given)."""
        return self._built

    def grant_invoke(
        self,
        name: str,
        principal: pulumi.Input[str],
        source_arn: pulumi.Input[str],
        source_account: pulumi.Input[str] | None = None,
    ) -> aws.lambda_.Permission:
        """Allow ``principal`` to invoke the function, only from ``source_arn``.

        Creates ``aws.lambda_.Permission`` named ``<component name>-<name>``. For AWS service
        principals (``*.amazonaws.com``) ``source_account`` defaults to the current account, so
        a resource with the same ARN in another account cannot call the function.
        Example: ``fn.grant_invoke("api", "apigateway.amazonaws.com", api.execution_arn + "/*/*")``.
        """
        validate_grant(self._check, name, principal, source_arn, source_account, self._grants)
        if source_account is None and is_service_principal(principal):
            source_account = aws.get_caller_identity_output(
                opts=pulumi.InvokeOutputOptions(parent=self)
            ).account_id
        self._grants.add(name)
        return aws.lambda_.Permission(
            f"{self._name}-{name}",
            action="lambda:InvokeFunction",
            function=self.function.name,
            principal=principal,
            source_arn=source_arn,
            source_account=source_account,
            opts=pulumi.ResourceOptions(parent=self),
        )

    def add_policy_statements(
        self,
        key: str,
        statements: pulumi.Input[Sequence[pulumi.Input[Mapping[str, Any]]]],
        *,
        allow_wildcard_resources_reason: str | None = None,
    ) -> aws.iam.RolePolicy:
        """Attach more IAM statements to the role as its own ``RolePolicy``
        (``<component name>-policy-<key>``), validated like ``policy_statements``."""
        validate_policy_key(self._check, key, self._policy_keys)
        arg = f"add_policy_statements[{key}]"
        if statements is None:
            self._check.fail(
                arg, statements, "needs at least one statement", "pass a list of statements"
            )
        plain = check_statements(self._check, arg, statements, allow_wildcard_resources_reason)
        if plain is not None:
            self._inline_chars = check_statement_size(self._check, arg, plain, self._inline_chars)
        self._policy_keys.add(key)
        return self._role_policy(
            key,
            pulumi.Output.from_input(statements).apply(
                lambda resolved: self._statements_json(
                    arg, resolved, allow_wildcard_resources_reason
                )
            ),
        )

    # -- helpers -------------------------------------------------------------------------------
    def _create_policies(self, settings: Mapping[str, Any]) -> dict[str, aws.iam.RolePolicy]:
        """The role's policies, one ``RolePolicy`` per concern, keyed by concern."""
        policies = {
            "logs": self._role_policy(
                "logs", self.log_group.arn.apply(lambda arn: to_json(log_policy(arn)))
            )
        }
        if settings["tracing_enabled"]:
            policies["xray"] = self._role_policy("xray", to_json(xray_policy()))
        for key, arg in (
            ("dlq", "dead_letter_target_arn"),
            ("destination", "on_failure_destination_arn"),
        ):
            target = settings.get(arg)
            if target is not None:
                policies[key] = self._role_policy(
                    key,
                    pulumi.Output.from_input(target).apply(
                        lambda arn, arg=arg: self._checked_async(arg, arn)
                    ),
                )
        statements = settings.get("policy_statements")
        if statements is not None:
            reason = settings.get("allow_wildcard_resources_reason")
            self._inline_chars = check_statement_size(
                self._check, "policy_statements", _plain_list(statements), self._inline_chars
            )
            policies["statements"] = self._role_policy(
                "statements",
                pulumi.Output.from_input(statements).apply(
                    lambda resolved: self._statements_json("policy_statements", resolved, reason)
                ),
            )
        return policies

    def _create_async_config(
        self, settings: Mapping[str, Any], destination_policy: aws.iam.RolePolicy | None
    ) -> aws.lambda_.FunctionEventInvokeConfig | None:
        keys = (
            "on_failure_destination_arn",
            "async_max_retry_attempts",
            "async_max_event_age_seconds",
        )
        if all(settings.get(key) is None for key in keys):
            return None
        destination = settings.get("on_failure_destination_arn")
        return aws.lambda_.FunctionEventInvokeConfig(
            f"{self._name}-async-config",
            function_name=self.function.name,
            maximum_retry_attempts=settings.get("async_max_retry_attempts"),
            maximum_event_age_in_seconds=settings.get("async_max_event_age_seconds"),
            destination_config=(
                aws.lambda_.FunctionEventInvokeConfigDestinationConfigArgs(
                    on_failure=aws.lambda_.FunctionEventInvokeConfigDestinationConfigOnFailureArgs(
                        destination=destination
                    )
                )
                if destination is not None
                else None
            ),
            opts=pulumi.ResourceOptions(
                parent=self, depends_on=[destination_policy] if destination_policy else []
            ),
        )

    def _role_policy(self, key: str, document: pulumi.Input[str]) -> aws.iam.RolePolicy:
        return aws.iam.RolePolicy(
            f"{self._name}-policy-{key}",
            role=self.role.name,
            policy=document,
            opts=pulumi.ResourceOptions(parent=self),
        )

    def _checked_async(self, arg: str, arn: str) -> str:
        check_async(self._check, {arg: arn})
        if arg == "dead_letter_target_arn":
            return to_json(dead_letter_policy(arn))
        return to_json(destination_policy(arn))

    def _statements_json(self, arg: str, statements: Any, reason: str | None) -> str:
        resolved = check_statements(self._check, arg, statements, reason) or []
        # Outputs are resolved now: check the size again with the real ARNs.
        check_statement_size(self._check, arg, resolved, self._component_chars)
        return to_json(statements_policy(resolved))

    def _environment(self, env: Any) -> aws.lambda_.FunctionEnvironmentArgs | None:
        if env is None:
            return None
        if known(env) and all(known(value) for value in env.values()):
            return aws.lambda_.FunctionEnvironmentArgs(variables=env) if env else None

        def checked(variables: dict[str, str]) -> dict[str, str]:
            check_environment(self._check, variables, warn=False)
            return variables

        return aws.lambda_.FunctionEnvironmentArgs(
            variables=pulumi.Output.from_input(env).apply(checked)
        )


def _plain_list(value: Any) -> list[Any]:
    return list(value) if known(value) and isinstance(value, (list, tuple)) else []


def _code(check: Check, settings: Mapping[str, Any]) -> tuple[Any, packaging.BuiltArchive | None]:
    """The archive for the function: the caller's ``code``, or a zip built from ``code_path``."""
    if settings.get("code") is not None:
        return settings["code"], None
    try:
        built = packaging.build_archive(
            settings["code_path"],
            exclude=settings.get("exclude") or (),
            use_default_excludes=settings["use_default_excludes"],
            requirements=settings.get("requirements"),
            requirements_file=settings.get("requirements_file"),
            runtime=settings["runtime"] if known(settings["runtime"]) else "python3.13",
            architecture=settings["architecture"] if known(settings["architecture"]) else "arm64",
            cache_dir=settings.get("cache_dir"),
            pip_extra_args=settings.get("pip_extra_args") or (),
            find_links=settings.get("find_links") or (),
            index_url=settings.get("index_url"),
            no_index=settings["no_index"],
        )
    except packaging.PackagingError as exc:
        arg = exc.argument
        if arg == "requirements" and settings.get("requirements") is None:
            arg = "requirements_file"
        check.fail(arg, settings.get(arg), exc.problem, exc.fix)
    check_archive_size(check, "code_path", built)
    check_handler_module(
        check, settings["handler"], settings["runtime"], built.files, Path(settings["code_path"])
    )
    return pulumi.FileArchive(str(built.path)), built
