"""Pure checks of ``BucketArgs`` against the S3 rules of security-rules.md table B.1 and S3-09.

``validate_bucket_args`` runs before the component registers anything, so bad input creates no
resource at all. Values that are still ``Output`` (or other awaitables) are skipped here; the
component re-checks the cheap ones (bucket name, policy statements, log target) inside ``apply``.
Every failure is a ``ValueError`` whose message names the component, the argument, the value,
the rule and the fix.
"""

from __future__ import annotations

import datetime as dt
import difflib
import fnmatch
import inspect
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pulumi

from ._naming import bucket_name_problem
from ._policies import (
    BUCKET_ARN_PLACEHOLDER,
    DANGEROUS_CROSS_ACCOUNT_ACTIONS,
    TLS_STATEMENT_SIDS,
    bucket_policy_document,
)

__all__ = [
    "ABORT_RULE_ID",
    "BUCKET_ARGS_KEYS",
    "NONCURRENT_RULE_ID",
    "bucket_error",
    "check_access_log_target",
    "check_bucket_name",
    "check_grant_key",
    "check_key_prefix",
    "check_policy_statements",
    "is_deep_known",
    "is_known",
    "normalize_lifecycle_date",
    "validate_bucket_args",
]

COMPONENT = "nova-storage Bucket"

BUCKET_ARGS_KEYS: tuple[str, ...] = (
    "bucket_name",
    "allow_dots_in_name",
    "kms_key_arn",
    "allow_sse_c_uploads",
    "versioning_enabled",
    "abort_incomplete_multipart_upload_days",
    "noncurrent_version_expiration_days",
    "lifecycle_rules",
    "policy_statements",
    "cors_rules",
    "access_logs",
    "eventbridge_enabled",
    "notifications",
    "force_destroy",
    "tags",
)
LIFECYCLE_RULE_KEYS: tuple[str, ...] = (
    "id",
    "enabled",
    "prefix",
    "tags",
    "object_size_greater_than_bytes",
    "object_size_less_than_bytes",
    "expiration_days",
    "expiration_date",
    "expired_object_delete_marker",
    "transitions",
    "noncurrent_version_transitions",
    "noncurrent_version_expiration_days",
    "newer_noncurrent_versions",
    "abort_incomplete_multipart_upload_days",
)
TRANSITION_KEYS: tuple[str, ...] = ("storage_class", "days", "date")
NONCURRENT_TRANSITION_KEYS: tuple[str, ...] = (
    "storage_class",
    "noncurrent_days",
    "newer_noncurrent_versions",
)
CORS_RULE_KEYS: tuple[str, ...] = (
    "allowed_methods",
    "allowed_origins",
    "allowed_headers",
    "expose_headers",
    "max_age_seconds",
    "id",
)
ACCESS_LOGS_KEYS: tuple[str, ...] = ("target_bucket", "target_prefix")
NOTIFICATION_KEYS: tuple[str, ...] = (
    "function_arn",
    "queue_arn",
    "topic_arn",
    "events",
    "filter_prefix",
    "filter_suffix",
)

ABORT_RULE_ID = "nova-abort-incomplete-multipart-uploads"
NONCURRENT_RULE_ID = "nova-expire-noncurrent-versions"
DEFAULT_RULE_IDS = (ABORT_RULE_ID, NONCURRENT_RULE_ID)

MAX_LIFECYCLE_RULES = 1000
MAX_CORS_RULES = 100
MAX_BUCKET_TAGS = 50
MAX_BUCKET_POLICY_BYTES = 20 * 1024
MAX_KEY_LENGTH = 1024
IA_CLASSES = ("STANDARD_IA", "ONEZONE_IA")
ARCHIVE_CLASSES = ("GLACIER", "DEEP_ARCHIVE")
# The lifecycle "waterfall": objects can only move to a later class in this order.
STORAGE_CLASS_ORDER: tuple[str, ...] = (
    "STANDARD_IA",
    "INTELLIGENT_TIERING",
    "ONEZONE_IA",
    "GLACIER_IR",
    "GLACIER",
    "DEEP_ARCHIVE",
)
UNSUPPORTED_TRANSITIONS = {("ONEZONE_IA", "GLACIER_IR")}
CORS_METHODS = ("GET", "PUT", "POST", "DELETE", "HEAD")
NOTIFICATION_EVENTS: tuple[str, ...] = (
    "s3:ObjectCreated:*",
    "s3:ObjectCreated:Put",
    "s3:ObjectCreated:Post",
    "s3:ObjectCreated:Copy",
    "s3:ObjectCreated:CompleteMultipartUpload",
    "s3:ObjectRemoved:*",
    "s3:ObjectRemoved:Delete",
    "s3:ObjectRemoved:DeleteMarkerCreated",
    "s3:ObjectRestore:*",
    "s3:ObjectRestore:Post",
    "s3:ObjectRestore:Completed",
    "s3:ObjectRestore:Delete",
    "s3:ReducedRedundancyLostObject",
    "s3:Replication:*",
    "s3:Replication:OperationFailedReplication",
    "s3:Replication:OperationNotTracked",
    "s3:Replication:OperationMissedThreshold",
    "s3:Replication:OperationReplicatedAfterThreshold",
    "s3:LifecycleTransition",
    "s3:IntelligentTiering",
    "s3:ObjectAcl:Put",
    "s3:LifecycleExpiration:*",
    "s3:LifecycleExpiration:Delete",
    "s3:LifecycleExpiration:DeleteMarkerCreated",
    "s3:ObjectTagging:*",
    "s3:ObjectTagging:Put",
    "s3:ObjectTagging:Delete",
)
"""The ``Event`` enum of the S3 API model (botocore 1.44), without preview-only events."""

# Condition keys that make an Allow to Principal "*" non-public when given fixed values
# (S3 "The meaning of public"; Security Hub S3.6 / S3.2 / S3.3).
RESTRICTING_CONDITION_KEYS = frozenset(
    k.lower()
    for k in (
        "aws:SourceAccount",
        "aws:SourceArn",
        "aws:SourceOwner",
        "aws:SourceVpc",
        "aws:SourceVpce",
        "aws:SourceOrgID",
        "aws:SourceIp",
        "aws:PrincipalOrgID",
        "aws:PrincipalAccount",
        "aws:PrincipalArn",
        "aws:userid",
        "s3:DataAccessPointArn",
        "s3:DataAccessPointAccount",
        "s3:x-amz-server-side-encryption-aws-kms-key-id",
    )
)
RESTRICTING_OPERATORS = frozenset(
    ("stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress")
)
STATEMENT_KEYS = (
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
)

_ARN_PARTITION = r"arn:aws(?:-[a-z]+)*"
KMS_KEY_ARN = re.compile(rf"^{_ARN_PARTITION}:kms:[a-z0-9-]+:\d{{12}}:key/[A-Za-z0-9-]+$")
LAMBDA_ARN = re.compile(
    rf"^{_ARN_PARTITION}:lambda:[a-z0-9-]+:\d{{12}}:function:[A-Za-z0-9_-]{{1,64}}"
    r"(?::(?:\$LATEST|[A-Za-z0-9_-]{1,128}))?$"
)
SQS_ARN = re.compile(rf"^{_ARN_PARTITION}:sqs:[a-z0-9-]+:\d{{12}}:[A-Za-z0-9_-]{{1,80}}(\.fifo)?$")
SNS_ARN = re.compile(rf"^{_ARN_PARTITION}:sns:[a-z0-9-]+:\d{{12}}:[A-Za-z0-9_-]{{1,256}}(\.fifo)?$")
STABLE_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")
GRANT_KEY = re.compile(r"^[\w+=,.@-]{1,64}$")
SID = re.compile(r"^[A-Za-z0-9]+$")
TAG_CHARS = re.compile(r"^[\w\s+\-=.:/@]*$")
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T00:00:00(?:\.0+)?(?:Z|[+-]00:00))?$")

Error = Callable[[str, Any, str, str], ValueError]


# -- helpers -------------------------------------------------------------------------------------
def _show(value: Any) -> str:
    if not is_known(value):
        return "<output>"
    if isinstance(value, Mapping | list | tuple):
        text = json.dumps(value, default=lambda _: "<output>")
    else:
        text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def bucket_error(name: str, argument: str, value: Any, rule: str, fix: str) -> ValueError:
    """The package's error: component, argument, value, rule and fix in one sentence each."""
    return ValueError(
        f"{COMPONENT} '{name}': argument '{argument}' is {_show(value)}: "
        f"{rule.rstrip('.')}. Fix: {fix.rstrip('.')}."
    )


def is_known(value: Any) -> bool:
    """``True`` for plain values, ``False`` for ``Output``s and other awaitables."""
    return not isinstance(value, pulumi.Output) and not inspect.isawaitable(value)


def is_deep_known(value: Any) -> bool:
    """``True`` when ``value`` holds no ``Output`` at any depth."""
    if not is_known(value):
        return False
    if isinstance(value, Mapping):
        return all(is_deep_known(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(is_deep_known(v) for v in value)
    return True


def _unknown_keys(err: Error, path: str, given: Mapping[str, Any], valid: Sequence[str]) -> None:
    for key in given:
        if key not in valid:
            close = difflib.get_close_matches(str(key), valid, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise err(
                f"{path}{key}" if path else str(key),
                given[key],
                f"{key!r} is not a known key{' of ' + path.rstrip('.') if path else ''}",
                f"{hint}valid keys are: {', '.join(valid)}",
            )


def _mapping(err: Error, path: str, value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise err(
            path,
            value,
            f"{what} must be a plain dict (it decides what is created, so it cannot be an Output)",
            "pass a dict literal; Output values are fine inside it",
        )
    return value


def _sequence(err: Error, path: str, value: Any, what: str) -> Sequence[Any]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise err(
            path,
            value,
            f"{what} must be a plain list (it decides what is created, so it cannot be an Output)",
            "pass a list literal; Output values are fine inside it",
        )
    return value


def _bool(err: Error, path: str, value: Any) -> None:
    if is_known(value) and not isinstance(value, bool):
        raise err(path, value, "must be True or False", "pass a bool")


def _int(err: Error, path: str, value: Any, minimum: int, maximum: int | None = None) -> bool:
    """Check a plain int range; return ``True`` when the value is a plain int."""
    if not is_known(value):
        return False
    if isinstance(value, bool) or not isinstance(value, int):
        raise err(path, value, "must be a whole number", f"pass an int >= {minimum}")
    if value < minimum or (maximum is not None and value > maximum):
        bounds = f"between {minimum} and {maximum}" if maximum is not None else f">= {minimum}"
        raise err(path, value, f"must be {bounds}", f"use a value {bounds}")
    return True


def _str(err: Error, path: str, value: Any, max_length: int | None = None) -> bool:
    if not is_known(value):
        return False
    if not isinstance(value, str):
        raise err(path, value, "must be a string", "pass a str")
    if max_length is not None and len(value) > max_length:
        raise err(
            path,
            value,
            f"must be at most {max_length} characters, this one has {len(value)}",
            "shorten it",
        )
    return True


def normalize_lifecycle_date(value: str) -> str | None:
    """``YYYY-MM-DD`` for an ISO 8601 date at midnight UTC, else ``None``."""
    match = _DATE.match(value)
    if not match:
        return None
    try:
        dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None
    return match.group(1)


# -- entry point ---------------------------------------------------------------------------------
def validate_bucket_args(name: str, args: Any) -> None:
    """Check every plain value of ``args``; raise ``ValueError`` on the first broken rule."""

    def err(argument: str, value: Any, rule: str, fix: str) -> ValueError:
        return bucket_error(name, argument, value, rule, fix)

    if args is None:
        return
    if not isinstance(args, Mapping):
        raise err("args", args, "must be a BucketArgs dict", "pass BucketArgs(...)")
    _unknown_keys(err, "", args, BUCKET_ARGS_KEYS)

    for key in (
        "allow_dots_in_name",
        "allow_sse_c_uploads",
        "versioning_enabled",
        "eventbridge_enabled",
        "force_destroy",
    ):
        if key in args:
            _bool(err, key, args[key])
    allow_dots = args.get("allow_dots_in_name") is True

    bucket_name = args.get("bucket_name")
    if bucket_name is not None and _str(err, "bucket_name", bucket_name):
        check_bucket_name(name, bucket_name, allow_dots=allow_dots)

    kms = args.get("kms_key_arn")
    if kms is not None and _str(err, "kms_key_arn", kms) and not KMS_KEY_ARN.match(kms):
        raise err(
            "kms_key_arn",
            kms,
            "must be the ARN of a KMS key (arn:aws:kms:<region>:<account>:key/<id>); aliases "
            "and key ids cannot be scoped in the grant policies (S3-05)",
            "pass the key's ARN, e.g. aws.kms.Key(...).arn, or omit it for SSE-S3",
        )

    for key in ("abort_incomplete_multipart_upload_days", "noncurrent_version_expiration_days"):
        if args.get(key) is not None:
            _int(err, key, args[key], 1)

    if args.get("tags") is not None:
        _check_tags(err, args["tags"])
    if args.get("lifecycle_rules") is not None:
        _check_lifecycle_rules(err, args["lifecycle_rules"])
    if args.get("policy_statements") is not None:
        check_policy_statements(
            name, args["policy_statements"], bucket_name if is_known(bucket_name) else None
        )
    if args.get("cors_rules") is not None:
        _check_cors_rules(err, args["cors_rules"])
    if args.get("access_logs") is not None:
        _check_access_logs(err, name, args["access_logs"], bucket_name)
    if args.get("notifications") is not None:
        _check_notifications(err, args["notifications"])


# -- name, tags, prefixes, grant keys ------------------------------------------------------------
def check_bucket_name(name: str, bucket_name: str, *, allow_dots: bool = False) -> str:
    """Raise on the first S3 naming rule ``bucket_name`` breaks; return it unchanged."""
    problem = bucket_name_problem(bucket_name, allow_dots=allow_dots)
    if problem:
        raise bucket_error(name, "bucket_name", bucket_name, problem.rule, problem.fix)
    return bucket_name


def _check_tags(err: Error, tags: Any) -> None:
    if not is_known(tags):
        return  # tags decide no resources: an Output mapping goes straight to the bucket
    tags = _mapping(err, "tags", tags, "tags")
    if len(tags) > MAX_BUCKET_TAGS:
        raise err(
            "tags",
            dict(tags),
            f"a bucket can have at most {MAX_BUCKET_TAGS} tags, {len(tags)} given",
            "move stack-wide tags to the provider's default_tags or drop some",
        )
    for key, value in tags.items():
        path = f'tags["{key}"]'
        if not isinstance(key, str) or not 1 <= len(key) <= 128 or not TAG_CHARS.match(key):
            raise err(
                path,
                key,
                "tag keys must be 1 to 128 letters, digits, spaces or + - = . _ : / @",
                "rename the tag key",
            )
        if key.lower().startswith("aws:"):
            raise err(path, key, "the 'aws:' tag prefix is reserved for AWS", "rename the tag key")
        if _str(err, path, value, 256) and not TAG_CHARS.match(value):
            raise err(
                path,
                value,
                "tag values may contain only letters, digits, spaces and + - = . _ : / @",
                "remove the other characters",
            )


def check_key_prefix(name: str, method: str, key_prefix: Any) -> None:
    """Check the ``key_prefix`` of a grant: a literal object-key prefix, no wildcards."""
    if key_prefix is None:
        return
    argument = f"{method}.key_prefix"
    if not isinstance(key_prefix, str) or not key_prefix:
        raise bucket_error(
            name,
            argument,
            key_prefix,
            "must be a non-empty string",
            "pass a prefix such as 'uploads/', or omit it for the whole bucket",
        )
    if key_prefix.startswith("/"):
        raise bucket_error(
            name,
            argument,
            key_prefix,
            "object keys do not start with '/'",
            f"use {key_prefix.lstrip('/')!r}",
        )
    if "*" in key_prefix or "?" in key_prefix:
        raise bucket_error(
            name,
            argument,
            key_prefix,
            "wildcards would widen the grant beyond one prefix",
            "pass the literal prefix; the grant already covers every key under it",
        )
    if len(key_prefix) > MAX_KEY_LENGTH:
        raise bucket_error(
            name, argument, key_prefix, "object keys are at most 1024 bytes", "shorten it"
        )


def check_grant_key(name: str, method: str, key: Any, logical_name: str) -> None:
    """The stable key of a grant names the ``aws.iam.RolePolicy``; IAM policy names are at most
    128 characters of ``[\\w+=,.@-]`` and Pulumi appends 8 characters to the logical name."""
    argument = f"{method}.grant_id"
    if not isinstance(key, str) or not GRANT_KEY.match(key):
        raise bucket_error(
            name,
            argument,
            key,
            "grant ids are 1 to 64 letters, digits or + = , . @ _ - (IAM policy name rules)",
            "pass grant_id='<role-purpose>', e.g. grant_id='ingest'",
        )
    if len(logical_name) > 120:
        raise bucket_error(
            name,
            argument,
            key,
            f"the policy's logical name {logical_name!r} would exceed the 128-character IAM "
            "policy name limit once Pulumi appends its suffix (B.3 policy name)",
            "pass a shorter grant_id",
        )


# -- lifecycle -------------------------------------------------------------------------------------
def _storage_class(err: Error, path: str, value: Any) -> str | None:
    if not is_known(value):
        return None
    if value not in STORAGE_CLASS_ORDER:
        raise err(
            path,
            value,
            "lifecycle transitions go to one of "
            f"{', '.join(STORAGE_CLASS_ORDER)}; never to STANDARD or REDUCED_REDUNDANCY "
            "(S3 lifecycle: transition StorageClass)",
            "pick one of the listed storage classes",
        )
    return str(value)


def _check_lifecycle_rules(err: Error, rules: Any) -> None:
    rules = _sequence(err, "lifecycle_rules", rules, "lifecycle_rules")
    if len(rules) + len(DEFAULT_RULE_IDS) > MAX_LIFECYCLE_RULES:
        raise err(
            "lifecycle_rules",
            f"<{len(rules)} rules>",
            f"a lifecycle configuration holds at most {MAX_LIFECYCLE_RULES} rules, and the "
            f"component adds {len(DEFAULT_RULE_IDS)} (S3 lifecycle: rule count)",
            f"merge rules; at most {MAX_LIFECYCLE_RULES - len(DEFAULT_RULE_IDS)} may be given",
        )
    seen: set[str] = set()
    for index, rule in enumerate(rules):
        _check_lifecycle_rule(err, f"lifecycle_rules[{index}]", rule, seen)


def _check_lifecycle_rule(  # noqa: PLR0915 - one rule, every constraint in order
    err: Error, path: str, rule: Any, seen: set[str]
) -> None:
    rule = _mapping(err, path, rule, "a lifecycle rule")
    _unknown_keys(err, f"{path}.", rule, LIFECYCLE_RULE_KEYS)

    rule_id = rule.get("id")
    if rule_id is None or (is_known(rule_id) and (not isinstance(rule_id, str) or not rule_id)):
        raise err(
            f"{path}.id",
            rule_id,
            "every lifecycle rule needs a non-empty id (S3 lifecycle: rule ID)",
            "add id='<what-the-rule-does>'",
        )
    if _str(err, f"{path}.id", rule_id, 255):
        if rule_id in DEFAULT_RULE_IDS:
            raise err(
                f"{path}.id",
                rule_id,
                "this id is used by the component's default rules",
                "choose another id",
            )
        if rule_id in seen:
            raise err(
                f"{path}.id",
                rule_id,
                "lifecycle rule ids must be unique (S3 lifecycle: rule ID)",
                "give each rule its own id",
            )
        seen.add(rule_id)

    if "enabled" in rule:
        _bool(err, f"{path}.enabled", rule["enabled"])
    if rule.get("prefix") is not None:
        _str(err, f"{path}.prefix", rule["prefix"], MAX_KEY_LENGTH)
    tags = rule.get("tags")
    if tags is not None:
        tags = _mapping(err, f"{path}.tags", tags, "lifecycle filter tags")
        for key, value in tags.items():
            if not isinstance(key, str) or not 1 <= len(key) <= 128:
                raise err(
                    f"{path}.tags",
                    key,
                    "tag keys are 1 to 128 characters",
                    "rename the tag key",
                )
            _str(err, f'{path}.tags["{key}"]', value, 256)
    has_tags = bool(tags)

    greater = rule.get("object_size_greater_than_bytes")
    less = rule.get("object_size_less_than_bytes")
    greater_known = greater is not None and _int(
        err, f"{path}.object_size_greater_than_bytes", greater, 0
    )
    less_known = less is not None and _int(err, f"{path}.object_size_less_than_bytes", less, 1)
    if greater_known and less_known and greater >= less:
        raise err(
            f"{path}.object_size_greater_than_bytes",
            greater,
            f"must be less than object_size_less_than_bytes ({less}) or no object matches "
            "(S3 lifecycle: size filters)",
            "lower the minimum or raise the maximum",
        )

    expiration_days = rule.get("expiration_days")
    expiration_date = rule.get("expiration_date")
    delete_marker = rule.get("expired_object_delete_marker")
    if expiration_days is not None:
        _int(err, f"{path}.expiration_days", expiration_days, 1)
    if expiration_date is not None and _str(err, f"{path}.expiration_date", expiration_date):
        _lifecycle_date(err, f"{path}.expiration_date", expiration_date)
    if expiration_days is not None and expiration_date is not None:
        raise err(
            f"{path}.expiration_date",
            expiration_date,
            "an expiration takes either days or a date, not both (S3 lifecycle: Expiration)",
            "remove expiration_days or expiration_date",
        )
    if delete_marker is not None:
        _bool(err, f"{path}.expired_object_delete_marker", delete_marker)
        if delete_marker is True and (expiration_days is not None or expiration_date is not None):
            raise err(
                f"{path}.expired_object_delete_marker",
                delete_marker,
                "ExpiredObjectDeleteMarker cannot be specified with Days or Date in the same "
                "expiration (S3 lifecycle: Expiration)",
                "put expired_object_delete_marker in a separate rule",
            )
        if delete_marker is True and has_tags:
            raise err(
                f"{path}.expired_object_delete_marker",
                delete_marker,
                "ExpiredObjectDeleteMarker cannot be used in a rule whose filter uses object "
                "tags (S3 lifecycle: tag filters)",
                "put it in a rule filtered by prefix only",
            )

    abort_days = rule.get("abort_incomplete_multipart_upload_days")
    if abort_days is not None:
        _int(err, f"{path}.abort_incomplete_multipart_upload_days", abort_days, 1)
        if has_tags:
            raise err(
                f"{path}.abort_incomplete_multipart_upload_days",
                abort_days,
                "AbortIncompleteMultipartUpload cannot be used in a rule whose filter uses "
                "object tags (S3 lifecycle: tag filters)",
                "put it in a rule filtered by prefix only (the component already aborts "
                "incomplete uploads bucket-wide)",
            )

    # Current-version transitions.
    transitions = rule.get("transitions")
    points: list[tuple[Any, str, str]] = []  # (days or date, storage class, path)
    uses_days = expiration_days is not None
    uses_dates = expiration_date is not None
    if transitions is not None:
        transitions = _sequence(err, f"{path}.transitions", transitions, "transitions")
        for t_index, raw_transition in enumerate(transitions):
            t_path = f"{path}.transitions[{t_index}]"
            transition = _mapping(err, t_path, raw_transition, "a transition")
            _unknown_keys(err, f"{t_path}.", transition, TRANSITION_KEYS)
            if "storage_class" not in transition:
                raise err(
                    t_path,
                    transition,
                    "a transition needs a storage_class",
                    "add storage_class='GLACIER' (or another class)",
                )
            storage = _storage_class(err, f"{t_path}.storage_class", transition["storage_class"])
            days, date = transition.get("days"), transition.get("date")
            if (days is None) == (date is None):
                raise err(
                    t_path,
                    transition,
                    "a transition takes exactly one of days or date (S3 lifecycle: Transition)",
                    "set days=<n> (or date='YYYY-MM-DD')",
                )
            when: Any = None
            if days is not None:
                uses_days = True
                if _int(err, f"{t_path}.days", days, 0):
                    when = days
                    if storage in IA_CLASSES and days < 30:
                        raise err(
                            f"{t_path}.days",
                            days,
                            f"'Days' in a Transition action must be >= 30 for storage class "
                            f"{storage} (S3 lifecycle: transition to IA classes)",
                            "use days=30 or more, or a class without a minimum such as "
                            "INTELLIGENT_TIERING or GLACIER_IR",
                        )
            else:
                uses_dates = True
                if _str(err, f"{t_path}.date", date):
                    when = dt.date.fromisoformat(_lifecycle_date(err, f"{t_path}.date", date))
            if storage is not None and when is not None:
                points.append((when, storage, t_path))
    if uses_days and uses_dates:
        raise err(
            path,
            rule_id,
            "a rule cannot mix date-based and days-based Expiration/Transition actions "
            "(S3 lifecycle: date actions)",
            "use days everywhere or dates everywhere in this rule",
        )
    _check_waterfall(err, points, noncurrent=False)
    expiration_when: Any = expiration_days if isinstance(expiration_days, int) else None
    if isinstance(expiration_date, str) and normalize_lifecycle_date(expiration_date):
        expiration_when = dt.date.fromisoformat(normalize_lifecycle_date(expiration_date) or "")
    if expiration_when is not None and points:
        latest = max(points, key=lambda p: p[0])
        if not expiration_when > latest[0]:
            raise err(
                f"{path}.expiration_{'days' if expiration_days is not None else 'date'}",
                expiration_days if expiration_days is not None else expiration_date,
                f"expiration must come after the last transition ({latest[1]} at "
                f"{latest[0]}) (S3 lifecycle: expiration vs transition)",
                "expire later, or drop the transition",
            )

    # Noncurrent versions.
    nc_expiration = rule.get("noncurrent_version_expiration_days")
    newer = rule.get("newer_noncurrent_versions")
    if nc_expiration is not None:
        _int(err, f"{path}.noncurrent_version_expiration_days", nc_expiration, 1)
    if newer is not None:
        _int(err, f"{path}.newer_noncurrent_versions", newer, 1, 100)
        if nc_expiration is None:
            raise err(
                f"{path}.newer_noncurrent_versions",
                newer,
                "the number of noncurrent versions to keep belongs to a noncurrent version "
                "expiration (S3 lifecycle: NewerNoncurrentVersions)",
                "also set noncurrent_version_expiration_days",
            )
    nc_points: list[tuple[Any, str, str]] = []
    nc_transitions = rule.get("noncurrent_version_transitions")
    if nc_transitions is not None:
        nc_transitions = _sequence(
            err, f"{path}.noncurrent_version_transitions", nc_transitions, "transitions"
        )
        for t_index, raw_transition in enumerate(nc_transitions):
            t_path = f"{path}.noncurrent_version_transitions[{t_index}]"
            transition = _mapping(err, t_path, raw_transition, "a noncurrent version transition")
            _unknown_keys(err, f"{t_path}.", transition, NONCURRENT_TRANSITION_KEYS)
            if "storage_class" not in transition or "noncurrent_days" not in transition:
                raise err(
                    t_path,
                    transition,
                    "a noncurrent version transition needs storage_class and noncurrent_days",
                    "add both keys",
                )
            storage = _storage_class(err, f"{t_path}.storage_class", transition["storage_class"])
            days = transition["noncurrent_days"]
            newer_versions = transition.get("newer_noncurrent_versions")
            if newer_versions is not None:
                _int(err, f"{t_path}.newer_noncurrent_versions", newer_versions, 1, 100)
            if _int(err, f"{t_path}.noncurrent_days", days, 0):
                if storage in IA_CLASSES and days < 30:
                    raise err(
                        f"{t_path}.noncurrent_days",
                        days,
                        f"'NoncurrentDays' in a NoncurrentVersionTransition must be >= 30 for "
                        f"storage class {storage} (S3 lifecycle: transition to IA classes)",
                        "use noncurrent_days=30 or more",
                    )
                if storage is not None:
                    nc_points.append((days, storage, t_path))
    _check_waterfall(err, nc_points, noncurrent=True)
    if isinstance(nc_expiration, int) and nc_points:
        latest = max(nc_points, key=lambda p: p[0])
        if not nc_expiration > latest[0]:
            raise err(
                f"{path}.noncurrent_version_expiration_days",
                nc_expiration,
                "'NoncurrentDays' in the NoncurrentVersionExpiration action must be greater "
                "than 'NoncurrentDays' in the NoncurrentVersionTransition action "
                f"({latest[1]} at {latest[0]}) (S3 lifecycle: expiration vs transition)",
                "expire noncurrent versions later, or drop the transition",
            )

    has_action = any(
        rule.get(k) not in (None, [], (), False)
        for k in (
            "expiration_days",
            "expiration_date",
            "expired_object_delete_marker",
            "transitions",
            "noncurrent_version_transitions",
            "noncurrent_version_expiration_days",
            "abort_incomplete_multipart_upload_days",
        )
    )
    if not has_action:
        raise err(
            path,
            rule_id,
            "a lifecycle rule needs at least one action (S3 lifecycle: MalformedXML)",
            "add an expiration, a transition or a noncurrent-version action",
        )


def _lifecycle_date(err: Error, path: str, value: str) -> str:
    normalized = normalize_lifecycle_date(value)
    if normalized is None:
        raise err(
            path,
            value,
            "lifecycle dates are ISO 8601 dates at midnight UTC (S3 lifecycle: date actions)",
            "use 'YYYY-MM-DD', e.g. '2027-01-01'",
        )
    return normalized


def _check_waterfall(err: Error, points: list[tuple[Any, str, str]], *, noncurrent: bool) -> None:
    """Transitions in one rule: distinct times, distinct classes, down the waterfall only, and
    at least 30 days in an IA class before GLACIER or DEEP_ARCHIVE."""
    days_key = "noncurrent_days" if noncurrent else "days"
    ordered = sorted(points, key=lambda p: p[0])
    for index, (when, storage, path) in enumerate(ordered):
        for earlier_when, earlier_storage, _ in ordered[:index]:
            if earlier_when == when:
                raise err(
                    path,
                    {"storage_class": storage, days_key: str(when)},
                    f"two transitions of one rule happen at the same time ({when})",
                    "give each transition its own time, or split the rule",
                )
            if earlier_storage == storage:
                raise err(
                    f"{path}.storage_class",
                    storage,
                    "a rule transitions to each storage class at most once",
                    "remove the duplicate transition",
                )
            rank = STORAGE_CLASS_ORDER.index
            if rank(storage) < rank(earlier_storage) or (
                (earlier_storage, storage) in UNSUPPORTED_TRANSITIONS
            ):
                raise err(
                    f"{path}.storage_class",
                    storage,
                    f"S3 cannot transition from {earlier_storage} to {storage} (S3 lifecycle: "
                    f"supported transitions follow {' -> '.join(STORAGE_CLASS_ORDER)}; "
                    "ONEZONE_IA -> GLACIER_IR is not supported)",
                    "reorder the transitions down the waterfall",
                )
            gap = (when - earlier_when).days if isinstance(when, dt.date) else when - earlier_when
            if earlier_storage in IA_CLASSES and storage in ARCHIVE_CLASSES and gap < 30:
                earliest = (
                    earlier_when + dt.timedelta(days=30)
                    if isinstance(earlier_when, dt.date)
                    else earlier_when + 30
                )
                raise err(
                    path,
                    {"storage_class": storage, days_key: str(when)},
                    f"a {storage} transition must come at least 30 days after the "
                    f"{earlier_storage} transition of the same rule (S3 lifecycle: IA then "
                    "Glacier)",
                    f"move it to {earliest} or later",
                )


# -- bucket policy statements (S3-09) ----------------------------------------------------------
def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Sequence):
        return [value]
    return list(value)


def _principal_values(principal: Any) -> list[Any]:
    if isinstance(principal, Mapping):
        return [v for values in principal.values() for v in _as_list(values)]
    return _as_list(principal)


def _is_public_principal(principal: Any) -> bool:
    return any(isinstance(v, str) and "*" in v for v in _principal_values(principal))


def _aws_principals(principal: Any) -> list[Any]:
    if isinstance(principal, Mapping):
        return [v for k, values in principal.items() if k == "AWS" for v in _as_list(values)]
    return _as_list(principal)  # "*"


def _restricting_condition(condition: Any) -> bool:
    if not isinstance(condition, Mapping):
        return False
    for operator, entries in condition.items():
        op = str(operator).lower()
        if op.startswith("forallvalues:") or op.endswith("ifexists"):
            continue
        op = op.removeprefix("foranyvalue:")
        if op not in RESTRICTING_OPERATORS or not isinstance(entries, Mapping):
            continue
        for key, raw_values in entries.items():
            if str(key).lower() not in RESTRICTING_CONDITION_KEYS:
                continue
            values = _as_list(raw_values)
            if not values:
                continue
            if op == "ipaddress":
                if all(str(v) not in ("0.0.0.0/0", "::/0") for v in values if is_known(v)):
                    return True
            elif all(not (isinstance(v, str) and ("*" in v or "?" in v)) for v in values):
                return True
    return False


def _action_covers(patterns: Iterable[Any], action: str) -> bool:
    return any(
        isinstance(p, str) and fnmatch.fnmatchcase(action.lower(), p.lower()) for p in patterns
    )


def check_policy_statements(name: str, statements: Any, bucket_name: str | None = None) -> None:
    """S3-09: refuse user statements that would make the bucket public, grant another account
    control of the bucket's policy/ACLs/encryption, lock the account out, or point elsewhere.

    Checks what is plain; parts that are ``Output``s are checked again when they resolve.
    """

    def err(argument: str, value: Any, rule: str, fix: str) -> ValueError:
        return bucket_error(name, argument, value, rule, fix)

    statements = _sequence(err, "policy_statements", statements, "policy_statements")
    sids: set[str] = set(TLS_STATEMENT_SIDS)
    for index, raw_statement in enumerate(statements):
        path = f"policy_statements[{index}]"
        if not is_known(raw_statement):
            continue
        statement = _mapping(err, path, raw_statement, "a policy statement")
        _unknown_keys(err, f"{path}.", statement, STATEMENT_KEYS)
        _check_statement(err, path, statement, sids, bucket_name)
    if is_deep_known(statements):
        _check_policy_size(err, statements)


def _check_statement(
    err: Error,
    path: str,
    statement: Mapping[str, Any],
    sids: set[str],
    bucket_name: str | None,
) -> None:
    sid = statement.get("Sid")
    if sid is not None and is_known(sid):
        if not isinstance(sid, str) or not SID.match(sid):
            raise err(f"{path}.Sid", sid, "a Sid holds only letters and digits", "rename it")
        if sid in sids:
            raise err(
                f"{path}.Sid",
                sid,
                "Sids must be unique in the bucket policy (the component uses "
                f"{', '.join(TLS_STATEMENT_SIDS)})",
                "choose another Sid",
            )
        sids.add(sid)
    effect = statement.get("Effect")
    if is_known(effect) and effect not in ("Allow", "Deny"):
        raise err(f"{path}.Effect", effect, "Effect is 'Allow' or 'Deny'", "set Effect")
    for required, alternative in (("Principal", "NotPrincipal"), ("Action", "NotAction")):
        if required not in statement and alternative not in statement:
            raise err(
                path,
                dict(statement),
                f"a bucket policy statement needs {required}",
                f"add {required}",
            )
    if "Resource" not in statement:
        raise err(
            path,
            dict(statement),
            "a bucket policy statement needs Resource",
            f"add Resource, e.g. '{BUCKET_ARN_PLACEHOLDER}/*'",
        )
    if "NotResource" in statement:
        raise err(
            f"{path}.NotResource",
            statement["NotResource"],
            "NotResource in a bucket policy reaches beyond the listed objects",
            f"list the resources under Resource with '{BUCKET_ARN_PLACEHOLDER}'",
        )
    for resource in _as_list(statement["Resource"]):
        if not is_known(resource):
            continue
        own = isinstance(resource, str) and (
            resource == BUCKET_ARN_PLACEHOLDER
            or resource.startswith(f"{BUCKET_ARN_PLACEHOLDER}/")
            or (
                bucket_name is not None
                and re.match(rf"^{_ARN_PARTITION}:s3:::{re.escape(bucket_name)}(/.*)?$", resource)
                is not None
            )
        )
        if not own:
            raise err(
                f"{path}.Resource",
                resource,
                "a bucket policy may only name this bucket and its objects",
                f"write '{BUCKET_ARN_PLACEHOLDER}' or '{BUCKET_ARN_PLACEHOLDER}/<prefix>*'; "
                "it is replaced by the bucket ARN",
            )

    allow = effect == "Allow"
    condition = statement.get("Condition")
    principal = statement.get("Principal")
    if allow and "NotPrincipal" in statement:
        raise err(
            f"{path}.NotPrincipal",
            statement["NotPrincipal"],
            "Allow with NotPrincipal grants access to everyone not listed (S3-09, SH S3.2/S3.3)",
            "name the allowed principals under Principal",
        )
    if allow and "NotAction" in statement:
        raise err(
            f"{path}.NotAction",
            statement["NotAction"],
            "Allow with NotAction grants every action not listed (S3-09)",
            "list the allowed actions under Action",
        )
    actions = _as_list(statement.get("Action"))
    if allow and _is_public_principal(principal) and not _restricting_condition(condition):
        raise err(
            f"{path}.Principal",
            principal,
            "an Allow to Principal '*' without a restricting condition makes the bucket public "
            "(S3-09, SH S3.2/S3.3/S3.6, S3-01)",
            "name the principals (account or role ARNs), or add a fixed-value condition on "
            "aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:PrincipalAccount or "
            "aws:SourceVpce",
        )
    if allow and _aws_principals(principal):
        dangerous = [a for a in DANGEROUS_CROSS_ACCOUNT_ACTIONS if _action_covers(actions, a)]
        if dangerous:
            raise err(
                f"{path}.Action",
                statement.get("Action"),
                f"granting {', '.join(dangerous)} to AWS principals through the bucket policy "
                "lets them take over the bucket's policy, ACLs or encryption (S3-09, SH S3.6)",
                "grant data actions only (e.g. s3:GetObject, s3:PutObject); manage the bucket "
                "through IAM in the owning account",
            )
    if (
        effect == "Deny"
        and _is_public_principal(principal)
        and not condition
        and (
            _action_covers(actions, "s3:PutBucketPolicy")
            or _action_covers(actions, "s3:DeleteBucketPolicy")
        )
    ):
        raise err(
            f"{path}.Condition",
            condition,
            "an unconditional Deny of the bucket policy actions to Principal '*' locks every "
            "principal, including your deployments, out of the bucket policy (S3-09)",
            "add a Condition that exempts your deployment role, or deny data actions only",
        )


def _check_policy_size(err: Error, statements: Sequence[Any]) -> None:
    longest_arn = "arn:aws-us-gov:s3:::" + "x" * 63
    document = bucket_policy_document(longest_arn, statements)
    size = len(json.dumps(document, separators=(",", ":")).encode())
    if size > MAX_BUCKET_POLICY_BYTES:
        raise err(
            "policy_statements",
            f"<{len(statements)} statements, {size} bytes>",
            f"a bucket policy is at most {MAX_BUCKET_POLICY_BYTES} bytes (S3 PutBucketPolicy)",
            "merge statements or move grants to IAM role policies (grant_read etc.)",
        )


# -- CORS ----------------------------------------------------------------------------------------
def _check_cors_rules(err: Error, rules: Any) -> None:
    rules = _sequence(err, "cors_rules", rules, "cors_rules")
    if len(rules) > MAX_CORS_RULES:
        raise err(
            "cors_rules",
            f"<{len(rules)} rules>",
            f"a CORS configuration holds at most {MAX_CORS_RULES} rules",
            "merge rules",
        )
    ids: set[str] = set()
    for index, raw_rule in enumerate(rules):
        path = f"cors_rules[{index}]"
        rule = _mapping(err, path, raw_rule, "a CORS rule")
        _unknown_keys(err, f"{path}.", rule, CORS_RULE_KEYS)
        for key in ("allowed_methods", "allowed_origins"):
            values = rule.get(key)
            if values is None or (is_known(values) and not values):
                raise err(
                    f"{path}.{key}",
                    values,
                    f"a CORS rule needs at least one entry in {key}",
                    f"add {key}=[...]",
                )
        methods = _sequence(
            err, f"{path}.allowed_methods", rule["allowed_methods"], "allowed_methods"
        )
        for method in methods:
            if is_known(method) and method not in CORS_METHODS:
                raise err(
                    f"{path}.allowed_methods",
                    method,
                    f"S3 CORS allows only the methods {', '.join(CORS_METHODS)}",
                    "use uppercase GET, PUT, POST, DELETE or HEAD",
                )
        for key in ("allowed_origins", "allowed_headers"):
            values = rule.get(key)
            if values is None:
                continue
            for value in _sequence(err, f"{path}.{key}", values, key):
                if _str(err, f"{path}.{key}", value) and value.count("*") > 1:
                    raise err(
                        f"{path}.{key}",
                        value,
                        "each entry may contain at most one '*' wildcard (S3 CORS)",
                        "split it into several entries",
                    )
        if rule.get("expose_headers") is not None:
            for value in _sequence(
                err, f"{path}.expose_headers", rule["expose_headers"], "expose_headers"
            ):
                _str(err, f"{path}.expose_headers", value)
        if rule.get("max_age_seconds") is not None:
            _int(err, f"{path}.max_age_seconds", rule["max_age_seconds"], 0)
        rule_id = rule.get("id")
        if rule_id is not None and _str(err, f"{path}.id", rule_id, 255):
            if rule_id in ids:
                raise err(f"{path}.id", rule_id, "CORS rule ids must be unique", "rename it")
            ids.add(rule_id)


# -- access logs ---------------------------------------------------------------------------------
def _check_access_logs(err: Error, name: str, access_logs: Any, bucket_name: Any) -> None:
    access_logs = _mapping(err, "access_logs", access_logs, "access_logs")
    _unknown_keys(err, "access_logs.", access_logs, ACCESS_LOGS_KEYS)
    target = access_logs.get("target_bucket")
    if target is None:
        raise err(
            "access_logs.target_bucket",
            target,
            "server access logging needs a target bucket (S3-08)",
            "pass target_bucket=<name of the log bucket>",
        )
    if _str(err, "access_logs.target_bucket", target):
        if target.startswith("arn:"):
            raise err(
                "access_logs.target_bucket",
                target,
                "the target is a bucket name, not an ARN",
                f"use {target.split(':::')[-1]!r}",
            )
        problem = bucket_name_problem(target, allow_dots=True)
        if problem:
            raise err("access_logs.target_bucket", target, problem.rule, problem.fix)
        if is_known(bucket_name):
            check_access_log_target(name, target, bucket_name)
    prefix = access_logs.get("target_prefix")
    if prefix is not None:
        _str(err, "access_logs.target_prefix", prefix, MAX_KEY_LENGTH)


def check_access_log_target(name: str, target: str, bucket_name: str | None) -> str:
    """Refuse logging a bucket into itself (each log write would log again)."""
    if bucket_name is not None and target == bucket_name:
        raise bucket_error(
            name,
            "access_logs.target_bucket",
            target,
            "a bucket must not log to itself: each log delivery would create more logs "
            "(S3-08, B.1 access-log target)",
            "send the logs to a separate log bucket in the same Region",
        )
    return target


# -- notifications -------------------------------------------------------------------------------
def _event_overlap(a: str, b: str) -> bool:
    if a == b:
        return True
    return any(x.endswith(":*") and y.startswith(x[:-1]) for x, y in ((a, b), (b, a)))


_TARGET_KINDS: dict[str, tuple[re.Pattern[str], str]] = {
    "function_arn": (LAMBDA_ARN, "Lambda function"),
    "queue_arn": (SQS_ARN, "SQS queue"),
    "topic_arn": (SNS_ARN, "SNS topic"),
}


def _check_notifications(err: Error, notifications: Any) -> None:
    notifications = _mapping(err, "notifications", notifications, "notifications")
    checked: list[tuple[str, list[str], Any, Any]] = []
    for key, raw_notification in notifications.items():
        path = f'notifications["{key}"]'
        if not isinstance(key, str) or not STABLE_KEY.match(key):
            raise err(
                "notifications",
                key,
                "notification keys name child resources: 1 to 63 letters, digits, '.', '_' or "
                "'-', starting with a letter or digit",
                "use a short stable key such as 'thumbnails'",
            )
        notification = _mapping(err, path, raw_notification, "a notification")
        _unknown_keys(err, f"{path}.", notification, NOTIFICATION_KEYS)
        targets = [k for k in _TARGET_KINDS if notification.get(k) is not None]
        if len(targets) != 1:
            raise err(
                path,
                dict(notification),
                "a notification has exactly one target: function_arn, queue_arn or topic_arn",
                "keep one target per key; add another key for another target",
            )
        target_key = targets[0]
        target = notification[target_key]
        if _str(err, f"{path}.{target_key}", target):
            pattern, kind = _TARGET_KINDS[target_key]
            match = pattern.match(target)
            if not match:
                raise err(
                    f"{path}.{target_key}",
                    target,
                    f"must be the ARN of a {kind}",
                    f"pass the {kind}'s ARN output (e.g. its .arn)",
                )
            if target_key != "function_arn" and match.group(1):
                raise err(
                    f"{path}.{target_key}",
                    target,
                    "S3 event notifications cannot target FIFO queues or topics",
                    "use a standard queue/topic, or EventBridge (eventbridge_enabled=True)",
                )
        events = notification.get("events")
        if events is None or (is_known(events) and not events):
            raise err(
                f"{path}.events",
                events,
                "a notification needs at least one event type",
                "add events=['s3:ObjectCreated:*'] (or others)",
            )
        events = _sequence(err, f"{path}.events", events, "events")
        plain_events: list[str] = []
        for event in events:
            if not is_known(event):
                continue
            if event not in NOTIFICATION_EVENTS:
                close = difflib.get_close_matches(str(event), NOTIFICATION_EVENTS, n=1)
                raise err(
                    f"{path}.events",
                    event,
                    "not an S3 event type (S3 event notifications)",
                    f"use {close[0]!r}" if close else "use e.g. 's3:ObjectCreated:*'",
                )
            if event in plain_events:
                raise err(f"{path}.events", event, "listed twice", "list each event once")
            plain_events.append(event)
        prefix, suffix = notification.get("filter_prefix"), notification.get("filter_suffix")
        for filter_key, value in (("filter_prefix", prefix), ("filter_suffix", suffix)):
            if value is not None:
                _str(err, f"{path}.{filter_key}", value, MAX_KEY_LENGTH)
        for other_key, other_events, other_prefix, other_suffix in checked:
            if not (is_known(prefix) and is_known(suffix)):
                break
            if not (is_known(other_prefix) and is_known(other_suffix)):
                continue
            p1, p2, s1, s2 = prefix or "", other_prefix or "", suffix or "", other_suffix or ""
            if (
                any(_event_overlap(a, b) for a in plain_events for b in other_events)
                and (p1.startswith(p2) or p2.startswith(p1))
                and (s1.endswith(s2) or s2.endswith(s1))
            ):
                raise err(
                    f"{path}",
                    dict(notification),
                    f"overlaps notification {other_key!r}: configurations on the same bucket "
                    "cannot share an event type for overlapping prefixes and suffixes "
                    "(S3 'Configurations overlap')",
                    "give them disjoint filter_prefix/filter_suffix values or disjoint events",
                )
        checked.append((key, plain_events, prefix, suffix))
