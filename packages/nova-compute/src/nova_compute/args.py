"""``FunctionArgs``: the arguments of :class:`~nova_compute.function.Function`.

(No ``from __future__ import annotations`` here: Pulumi's component analyzer reads these
annotations at run time.)
"""

from typing import Any, TypedDict

import pulumi

__all__ = ["FunctionArgs"]


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
    # The packaging keys below are the fields of ``nova_compute.packaging.PackagingOptions``
    # (a test keeps them in step).
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
    timeout_seconds: int
    """Timeout in seconds, 1-900 (plain: APIs, queues and alarms check their own limits against
    it before anything is created). Default: ``30``."""
    ephemeral_storage_mb: pulumi.Input[int]
    """Size of ``/tmp`` in MB, 512-10240. Default: Lambda's 512."""
    environment: pulumi.Input[dict[str, pulumi.Input[str]]]
    """Environment variables: names ``[a-zA-Z][a-zA-Z0-9_]+``, not reserved by Lambda, 4 KB of
    JSON in total, no AWS access keys. Default: none."""
    environment_kms_key_arn: pulumi.Input[str]
    """Customer managed KMS key (or alias) ARN that encrypts the environment variables at rest.
    Default: Lambda's AWS managed key."""
    reserved_concurrency: pulumi.Input[int]
    """Reserved concurrent executions, 0 to ``account_concurrency`` - 100 (Lambda keeps 100
    unreserved; 0 disables the function). Never set by default: reservations fail in new
    accounts with small concurrency quotas. Default: none."""
    account_concurrency: int
    """The account's concurrent executions quota in this Region (plain); state a raised quota
    here so ``reserved_concurrency`` may use it. Default: ``1000`` (Lambda's default quota)."""
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
