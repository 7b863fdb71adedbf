"""``Function``: a Lambda function with its own least-privilege role and log group.

The component only turns a :class:`~nova_compute._plan.FunctionPlan` into resources; every
default and every check lives in ``_plan`` and ``_rules``.

(No ``from __future__ import annotations`` here: Pulumi's component analyzer reads the
annotations of ``Function`` at run time.)
"""

from collections.abc import Mapping, Sequence
from typing import Any

import pulumi
import pulumi_aws as aws

from nova_core import (
    at,
    check_when_known,
    child_name,
    former_child_name,
    is_deep_plain,
    is_plain,
)

from . import packaging
from ._account import account_id, trust_policy_json
from ._plan import FunctionPlan, checker_for, plan_function
from ._policies import (
    dead_letter_policy,
    destination_policy,
    log_policy,
    statements_policy,
    to_json,
    xray_policy,
)
from ._rules import grants
from ._rules import statements as iam
from .args import FunctionArgs

__all__ = ["TYPE_TOKEN", "Function", "FunctionArgs"]

TYPE_TOKEN = "nova-compute:index:Function"

_RESERVED_POLICY_KEYS = frozenset({"logs", "xray", "dlq", "destination", "statements"})


class Function(pulumi.ComponentResource):
    """An AWS Lambda function with its own execution role and log group, secure by default.

    Defaults: python3.13 on arm64, 256 MB, 30 s, JSON logs (INFO/WARN) into a log group the
    component creates first with 14-day retention, X-Ray active tracing, and a role that only
    Lambda (for this account) can assume, with no managed policy: it may write to its own log
    group and send traces, nothing else. ``code_path`` is zipped deterministically (with
    dependencies installed for the Lambda platform when ``requirements`` are given), so
    unchanged code never redeploys.

    What other components read from a ``Function`` (stable): ``function_name`` / ``name``,
    ``function_arn`` / ``arn``, ``invoke_arn``, ``role``, ``role_arn``, ``log_group_name`` and
    the plain ``timeout_seconds`` (also ``timeout``), known before anything registers.
    """

    function: aws.lambda_.Function
    """The Lambda function."""
    function_name: pulumi.Output[str]
    """Physical name of the function (also :attr:`name`)."""
    function_arn: pulumi.Output[str]
    """ARN of the function (also :attr:`arn`)."""
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
    timeout_seconds: int
    """Configured timeout in seconds: a plain ``int``, known before anything registers, so
    APIs, queues and alarms can check their limits against it up front."""
    memory_mb: pulumi.Output[int]
    """Configured memory in MB."""
    async_config: aws.lambda_.FunctionEventInvokeConfig | None
    """Asynchronous invocation settings, when any ``async_*`` or destination argument is set."""

    def __init__(
        self, name: str, args: FunctionArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        plan = plan_function(name, args)
        super().__init__(TYPE_TOKEN, name, None, opts)

        self._name = name
        self._opts = opts
        self._plan = plan
        self._checker = checker_for(name)
        self._grants: set[str] = set()
        self._policy_keys: set[str] = set(_RESERVED_POLICY_KEYS)
        self._inline_chars = plan.inline_policy_chars
        child = pulumi.ResourceOptions(parent=self)

        self.role = aws.iam.Role(
            child_name(name, "role"),
            # One caller-identity lookup and one rendering per program and AWS provider.
            assume_role_policy=trust_policy_json(self, self._resolved),
            name=plan.role_name,
            path=plan.role_path,
            permissions_boundary=plan.permissions_boundary_arn,
            description=f"Execution role of the nova-compute Function '{name}'",
            tags=plan.tags,
            opts=child,
        )
        self.log_group = aws.cloudwatch.LogGroup(
            child_name(name, "log-group"),
            name=plan.log_group_name,
            name_prefix=None if plan.log_group_name is not None else f"/aws/lambda/{name}-",
            retention_in_days=plan.log_retention_days,
            kms_key_id=plan.log_group_kms_key_arn,
            log_group_class=plan.log_group_class,
            tags=plan.tags,
            opts=child,
        )
        policies = self._create_policies(plan)
        self.function = self._create_function(plan, policies)
        self.async_config = self._create_async_config(plan, policies.get("destination"))

        self.function_name = self.function.name
        self.function_arn = self.function.arn
        self.invoke_arn = self.function.invoke_arn
        self.role_arn = self.role.arn
        self.role_name = self.role.name
        self.log_group_name = self.log_group.name
        self.log_group_arn = self.log_group.arn
        self.timeout_seconds = plan.timeout_seconds
        self.memory_mb = pulumi.Output.from_input(plan.memory_mb)
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

    # -- facts other components read -----------------------------------------------------------
    @property
    def name(self) -> pulumi.Output[str]:
        """Physical name of the function (the same as :attr:`function_name`, and as
        ``aws.lambda_.Function.name``, so code written for a raw function works)."""
        return self.function_name

    @property
    def arn(self) -> pulumi.Output[str]:
        """ARN of the function (the same as :attr:`function_arn`)."""
        return self.function_arn

    @property
    def timeout(self) -> int:
        """Timeout in seconds (the same plain ``int`` as :attr:`timeout_seconds`)."""
        return self.timeout_seconds

    @property
    def archive(self) -> packaging.BuiltArchive | None:
        """The zip built from ``code_path`` (``None`` when a prebuilt ``code`` was given)."""
        return self._plan.archive

    # -- public methods ------------------------------------------------------------------------
    def grant_invoke(
        self,
        name: str,
        principal: pulumi.Input[str],
        source_arn: pulumi.Input[str],
        source_account: pulumi.Input[str] | None = None,
    ) -> aws.lambda_.Permission:
        """Allow ``principal`` to invoke the function, only from ``source_arn``.

        Creates ``aws.lambda_.Permission`` named ``<component name>-permission-<name>`` (0.1.0
        named it ``<component name>-<name>``; an alias keeps existing permissions). For AWS
        service principals (``*.amazonaws.com``) ``source_account`` defaults to the current
        account, so a resource with the same ARN in another account cannot call the function.
        Example: ``fn.grant_invoke("api", "apigateway.amazonaws.com", api.execution_arn + "/*/*")``.
        """
        grants.check_grant(self._checker, name, principal, source_arn, source_account, self._grants)
        if source_account is None and grants.is_service_principal(principal):
            source_account = account_id(self)
        self._grants.add(name)
        return aws.lambda_.Permission(
            child_name(self._name, "permission", name),
            action="lambda:InvokeFunction",
            function=self.function.name,
            principal=principal,
            source_arn=source_arn,
            source_account=source_account,
            opts=pulumi.ResourceOptions(
                parent=self,
                # 0.1.0 named it "<function>-<grant name>".
                aliases=[
                    former_child_name(
                        TYPE_TOKEN,
                        self._name,
                        self._opts,
                        "aws:lambda/permission:Permission",
                        f"{self._name}-{name}",
                    )
                ],
            ),
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
        checker = self._checker
        grants.check_policy_key(checker, key, self._policy_keys)
        argument = at("add_policy_statements", key)
        if statements is None:
            checker.fail(
                argument, statements, "needs at least one statement", "pass a list of statements"
            )
        reason = iam.check_wildcard_reason(checker, allow_wildcard_resources_reason)
        plain = iam.check_statements(checker, argument, statements, reason)
        if plain is not None:
            self._inline_chars = iam.check_statement_size(
                checker, argument, plain, self._inline_chars
            )
        self._policy_keys.add(key)
        return self._role_policy(key, self._statements_document(argument, statements, reason))

    # -- building ------------------------------------------------------------------------------
    def _create_function(
        self, plan: FunctionPlan, policies: Mapping[str, aws.iam.RolePolicy]
    ) -> aws.lambda_.Function:
        ephemeral = plan.ephemeral_storage_mb
        dlq = plan.dead_letter_target_arn
        return aws.lambda_.Function(
            child_name(self._name, "function"),
            name=plan.function_name,
            role=self.role.arn,
            package_type="Zip",
            runtime=plan.runtime,
            handler=plan.handler,
            architectures=[plan.architecture],
            memory_size=plan.memory_mb,
            timeout=plan.timeout_seconds,
            code=plan.code,
            source_code_hash=plan.archive.sha256_b64 if plan.archive is not None else None,
            environment=_environment(plan.environment),
            kms_key_arn=plan.environment_kms_key_arn,
            ephemeral_storage=(
                aws.lambda_.FunctionEphemeralStorageArgs(size=ephemeral)
                if ephemeral is not None
                else None
            ),
            reserved_concurrent_executions=plan.reserved_concurrency,
            layers=plan.layers,
            description=plan.description,
            logging_config=aws.lambda_.FunctionLoggingConfigArgs(
                log_format="JSON",
                log_group=self.log_group.name,
                application_log_level=plan.application_log_level,
                system_log_level=plan.system_log_level,
            ),
            tracing_config=aws.lambda_.FunctionTracingConfigArgs(
                mode="Active" if plan.tracing_enabled else "PassThrough"
            ),
            dead_letter_config=(
                aws.lambda_.FunctionDeadLetterConfigArgs(target_arn=dlq)
                if dlq is not None
                else None
            ),
            tags=plan.tags,
            opts=pulumi.ResourceOptions(
                parent=self, depends_on=[self.log_group, *policies.values()]
            ),
        )

    def _create_policies(self, plan: FunctionPlan) -> dict[str, aws.iam.RolePolicy]:
        """The role's policies, one ``RolePolicy`` per concern, keyed by concern."""
        policies = {
            "logs": self._role_policy(
                "logs",
                self.log_group.arn.apply(
                    lambda arn: to_json(log_policy(self._resolved(arn, "log group's ARN")))
                ),
            )
        }
        if plan.tracing_enabled:
            policies["xray"] = self._role_policy("xray", to_json(xray_policy()))
        for key, target, build in (
            ("dlq", plan.dead_letter_target_arn, dead_letter_policy),
            ("destination", plan.on_failure_destination_arn, destination_policy),
        ):
            if target is None:
                continue
            document = (
                to_json(build(target))
                if is_plain(target)
                else pulumi.Output.from_input(target).apply(lambda arn, b=build: to_json(b(arn)))
            )
            policies[key] = self._role_policy(key, document)
        if plan.policy_statements is not None:
            policies["statements"] = self._role_policy(
                "statements",
                self._statements_document(
                    "policy_statements",
                    plan.policy_statements,
                    plan.allow_wildcard_resources_reason,
                ),
            )
        return policies

    def _create_async_config(
        self, plan: FunctionPlan, destination_policy: aws.iam.RolePolicy | None
    ) -> aws.lambda_.FunctionEventInvokeConfig | None:
        if not plan.has_async_config:
            return None
        destination = plan.on_failure_destination_arn
        return aws.lambda_.FunctionEventInvokeConfig(
            child_name(self._name, "async-config"),
            function_name=self.function.name,
            maximum_retry_attempts=plan.async_max_retry_attempts,
            maximum_event_age_in_seconds=plan.async_max_event_age_seconds,
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

    def _resolved(self, value: Any, what: str) -> str:
        """An output AWS assigns (an ARN, the account id); a clear error when it is missing,
        which happens only under test mocks that echo inputs back as outputs."""
        if isinstance(value, str) and value:
            return value
        raise RuntimeError(
            f"nova-compute Function '{self._name}': the {what} resolved to {value!r}. AWS always "
            "assigns it; under Pulumi mocks, new_resource and call must return realistic "
            "outputs (nova_testing.NovaMocks does) instead of echoing the inputs "
            "(`return [name + '_id', inputs]`), because ARNs and account ids are never inputs"
        )

    def _role_policy(self, key: str, document: pulumi.Input[str]) -> aws.iam.RolePolicy:
        return aws.iam.RolePolicy(
            child_name(self._name, "policy", key),
            role=self.role.name,
            policy=document,
            opts=pulumi.ResourceOptions(parent=self),
        )

    def _statements_document(
        self, argument: str, statements: Any, reason: str | None
    ) -> pulumi.Input[str]:
        """The policy JSON: now when the statements are plain (already checked), else once
        they resolve (checked again, with the real ARNs counted against the quota)."""
        if is_deep_plain(statements):
            return to_json(statements_policy(list(statements)))
        checker, used = self._checker, self._plan.component_policy_chars

        def check(resolved: Any) -> None:
            checked = iam.check_statements(checker, argument, resolved, reason) or []
            iam.check_statement_size(checker, argument, checked, used)

        return check_when_known(statements, check).apply(
            lambda resolved: to_json(statements_policy(resolved))
        )


def _environment(env: Any) -> aws.lambda_.FunctionEnvironmentArgs | None:
    if env is None or (is_plain(env) and not env):
        return None
    return aws.lambda_.FunctionEnvironmentArgs(variables=env)
