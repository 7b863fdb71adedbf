"""The stack settings: one typed description, read and checked before any resource registers.

Every ``nova-service:*`` key a stack may set is declared here with its type, range, default and
meaning. :func:`read_settings` reads the stack's config through Pulumi, refuses unknown keys (with
a "did you mean"), missing required keys (naming the file to edit), wrong types and out-of-range
values, and checks ``aws:region`` against the partition's known Regions. Each ``Pulumi.yaml``
declares the same keys with the types the Pulumi CLI understands (``PULUMI_TYPES``), so the CLI
checks them too; a test keeps the two in step.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pulumi
from pulumi.runtime import config as runtime_config

from nova_core import LOG_RETENTION_DAYS, Checker, NovaInputError, did_you_mean

PROJECT = "nova-service"
COMPONENT = "nova-service stack"

LOG_LEVELS = ("DEBUG", "INFO", "WARN", "ERROR")
"""The one log level setting, in Lambda's vocabulary (application_log_level). The program
translates it for Powertools (``WARN`` -> ``WARNING``) through each function's contract."""

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_ORIGIN = re.compile(r"https://[A-Za-z0-9.-]+(:\d+)?|http://localhost(:\d+)?")
_HTTPS_URL = re.compile(r"https://[^\s]+")


@dataclass(frozen=True)
class Setting:
    """One stack setting: its config key (without the project namespace) and its rules."""

    key: str
    kind: str
    """``string``, ``integer``, ``boolean``, ``array`` (the Pulumi CLI types) or ``object``."""
    doc: str
    required: bool = False
    default: Any = None
    minimum: int | None = None
    maximum: int | None = None
    allowed: tuple[Any, ...] | None = None
    item_pattern: re.Pattern[str] | None = None
    item_rule: str = ""

    @property
    def pulumi_type(self) -> str | None:
        """The type declared in ``Pulumi.yaml`` (objects cannot be typed there)."""
        return None if self.kind == "object" else self.kind


def _int(key: str, doc: str, low: int, high: int, **kw: Any) -> Setting:
    return Setting(key, "integer", doc, minimum=low, maximum=high, **kw)


SETTINGS: tuple[Setting, ...] = (
    # -- data safety ------------------------------------------------------------------------
    Setting("protectData", "boolean", "protect and retain the stateful resources", required=True),
    Setting("forceDestroy", "boolean", "let `pulumi destroy` empty the buckets", default=False),
    Setting(
        "deletionProtection",
        "boolean",
        "DynamoDB deletion protection on the table",
        default=True,
    ),
    _int("noncurrentVersionDays", "days noncurrent object versions are kept", 1, 3650, default=30),
    _int("pitrDays", "point-in-time recovery period of the table", 1, 35, default=35),
    _int("secretRecoveryWindowDays", "recovery window of the app secret", 7, 30, default=30),
    Setting("accessLogs", "boolean", "server access logs for the buckets", default=False),
    Setting("alarmTopicCmk", "boolean", "encrypt the alarm topic with a CMK", default=False),
    # -- the API function --------------------------------------------------------------------
    _int("memoryMb", "memory of the API function", 128, 10_240, required=True),
    _int("timeoutSeconds", "timeout of the API function", 1, 30, required=True),
    Setting(
        "logRetentionDays",
        "integer",
        "retention of every log group",
        required=True,
        allowed=LOG_RETENTION_DAYS,
    ),
    Setting(
        "logLevel", "string", "log level of every function", default="INFO", allowed=LOG_LEVELS
    ),
    # -- the import pipeline -----------------------------------------------------------------
    _int("importerMemoryMb", "memory of the importer", 128, 10_240, default=512),
    _int("importerTimeoutSeconds", "timeout of the importer", 1, 900, default=120),
    _int("importMaxBytes", "largest import file accepted", 1, 5 * 1024**3, default=50 * 1024**2),
    _int("workerMemoryMb", "memory of the worker", 128, 10_240, default=256),
    _int("workerTimeoutSeconds", "timeout of the worker", 1, 900, default=30),
    _int(
        "workerBatchSize", "messages per worker invocation (the worker takes 10)", 1, 10, default=10
    ),
    _int("workerBatchingWindowSeconds", "seconds the mapping gathers a batch", 0, 300, default=0),
    _int("workerMaxConcurrency", "most concurrent worker invocations", 2, 1000, default=None),
    _int("maxReceiveCount", "receives before a message goes to the DLQ", 1, 1000, default=5),
    # -- the HTTP API ------------------------------------------------------------------------
    _int("throttleBurst", "stage burst limit", 0, 5000, required=True),
    _int("throttleRate", "stage rate limit (requests per second)", 0, 10_000, required=True),
    Setting(
        "corsOrigins",
        "array",
        "browser origins allowed by CORS",
        default=(),
        item_pattern=_ORIGIN,
        item_rule="each origin must be https://host[:port] (or http://localhost[:port])",
    ),
    Setting(
        "jwtIssuer",
        "string",
        "JWT issuer URL (https)",
        item_pattern=_HTTPS_URL,
        item_rule="must be an https:// URL",
    ),
    Setting("jwtAudiences", "array", "JWT audiences (required with jwtIssuer)", default=()),
    # -- monitoring --------------------------------------------------------------------------
    Setting(
        "alarmEmails",
        "array",
        "e-mail addresses subscribed to the alarm topic",
        default=(),
        item_pattern=_EMAIL,
        item_rule="each entry must be an e-mail address",
    ),
    Setting("alarmThresholds", "object", "per-alarm threshold overrides", default={}),
)
"""Every setting a stack may use. A key not listed here is an error."""

BY_KEY: Mapping[str, Setting] = {s.key: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """The checked settings of one stack: ``settings["memoryMb"]`` or ``settings.get(...)``."""

    stack: str
    region: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


def _stack_file(stack: str) -> str:
    return f"stacks/{stack}/Pulumi.{stack}.yaml"


def _parse(setting: Setting, raw: str) -> Any:
    """The value the CLI would hand the program: JSON for everything but plain strings."""
    if setting.kind == "string":
        return raw
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw  # the type check below reports it


def _check(check: Checker, setting: Setting, value: Any, fix_file: str) -> Any:
    argument = f"{PROJECT}:{setting.key}"
    expected: dict[str, Callable[[Any], bool]] = {
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "array": lambda v: isinstance(v, list),
        "object": lambda v: isinstance(v, dict),
    }
    if not expected[setting.kind](value):
        check.fail(
            argument,
            value,
            f"must be {'an' if setting.kind[0] in 'aeiou' else 'a'} {setting.kind} ({setting.doc})",
            f"write a {setting.kind} value in {fix_file}",
        )
    if setting.kind == "integer":
        check.integer(argument, value, minimum=setting.minimum, maximum=setting.maximum)
    if setting.allowed is not None:
        check.one_of(argument, value, setting.allowed)
    if setting.item_pattern is not None:
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            path = f"{argument}[{index}]" if isinstance(value, list) else argument
            check.string(
                path,
                item,
                pattern=setting.item_pattern,
                rule=setting.item_rule or f"must match {setting.item_pattern.pattern}",
                fix=f"correct it in {fix_file}",
            )
    if isinstance(value, list):
        return tuple(value)
    return value


def read_settings(config: Mapping[str, str] | None = None, stack: str | None = None) -> Settings:
    """Read and check every ``nova-service:*`` setting and ``aws:region``.

    ``config`` defaults to the running program's whole config (full keys to strings, as the
    Pulumi CLI hands them over). Raises :class:`NovaInputError` before anything registers.
    """
    stack = stack or pulumi.get_stack()
    raw = dict(runtime_config.CONFIG.get() if config is None else config)
    check = Checker(COMPONENT, stack)
    fix_file = _stack_file(stack)
    prefix = f"{PROJECT}:"
    for key in sorted(raw):
        if key.startswith(prefix) and key[len(prefix) :] not in BY_KEY:
            short = key[len(prefix) :]
            hint = did_you_mean(short, BY_KEY)
            raise NovaInputError(
                COMPONENT,
                stack,
                key,
                raw[key],
                f"{short!r} is not a setting of this service (a typo here would be ignored "
                "silently by Pulumi)",
                f"{hint + ' ' if hint else ''}rename or remove it in {fix_file}; the settings "
                "are listed in stacks/settings.py",
            )
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        key = prefix + setting.key
        if key not in raw:
            if setting.required:
                check.fail(
                    key,
                    None,
                    f"is required ({setting.doc})",
                    f"set it in {fix_file}: `pulumi config set {setting.key} <value>` "
                    f"--stack {stack}",
                    shown="missing",
                )
            values[setting.key] = setting.default
            continue
        values[setting.key] = _check(check, setting, _parse(setting, raw[key]), fix_file)
    if values["jwtIssuer"] and not values["jwtAudiences"]:
        check.fail(
            f"{PROJECT}:jwtAudiences",
            [],
            "is required when jwtIssuer is set (API Gateway JWT authorizers need an audience)",
            f"list the client ids in {fix_file}",
        )
    if values["forceDestroy"] and values["protectData"]:
        check.fail(
            f"{PROJECT}:forceDestroy",
            True,
            "contradicts protectData: a protected stack must never empty its buckets on destroy",
            f"set forceDestroy to false in {fix_file}",
        )
    region = raw.get("aws:region")
    if region is None:
        check.fail(
            "aws:region",
            None,
            "is required: nothing may assume a default Region",
            f"set it in {fix_file}: `pulumi config set aws:region <region> --stack {stack}`",
            shown="missing",
        )
    check.region("aws:region", region)
    return Settings(stack=stack, region=region, values=values)


def project_config_declarations() -> dict[str, dict[str, Any]]:
    """The ``config:`` section every ``Pulumi.yaml`` declares, so the Pulumi CLI type-checks the
    settings it can type (string, integer, boolean, array). Optional settings without a default
    and objects are left to :func:`read_settings`."""
    declared: dict[str, dict[str, Any]] = {}
    for setting in SETTINGS:
        if setting.pulumi_type is None or (not setting.required and setting.default is None):
            continue
        entry: dict[str, Any] = {"type": setting.pulumi_type, "description": setting.doc}
        if setting.kind == "array":
            entry["items"] = {"type": "string"}
        if not setting.required:
            entry["default"] = (
                list(setting.default) if isinstance(setting.default, tuple) else setting.default
            )
        declared[setting.key] = entry
    return declared
