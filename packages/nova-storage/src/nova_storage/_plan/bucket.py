"""``BucketArgs`` -> a frozen ``BucketPlan``: every default of the Bucket lives here.

``plan_bucket`` runs every rule of ``_rules`` on the plain values before anything registers.
Values that are real unknown ``Output``s (a bucket name, a log target or policy statement parts
from another resource) are wrapped with :func:`nova_core.check_when_known`, so they are checked
when they resolve and the error says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import pulumi

from nova_core import Checker, check_when_known, is_deep_plain, is_plain
from nova_core.records import Record
from nova_storage._naming import bucket_prefix_for
from nova_storage._rules.access_logs import check_access_log_target, check_access_logs
from nova_storage._rules.bucket_name import check_bucket_name
from nova_storage._rules.bucket_policy import check_policy_statements
from nova_storage._rules.bucket_settings import (
    DAY_COUNT_KEYS,
    DAYS_SOURCE,
    check_args_mapping,
    check_kms_key_arn,
    check_settings,
)
from nova_storage._rules.cors import check_cors_rules
from nova_storage._rules.lifecycle import ABORT_RULE_ID, NONCURRENT_RULE_ID, check_lifecycle_rules
from nova_storage._rules.lifecycle_transitions import normalize_lifecycle_date
from nova_storage._rules.notifications import TARGET_KINDS, check_notifications

__all__ = [
    "COMPONENT",
    "DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS",
    "DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS",
    "AccessLogsPlan",
    "BucketPlan",
    "CorsRulePlan",
    "LifecycleRulePlan",
    "NotificationPlan",
    "plan_bucket",
]

COMPONENT = "nova-storage Bucket"
DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS = 7
DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS = 30
DEFAULT_VERSIONING_ENABLED = True
DEFAULT_FORCE_DESTROY = False
DEFAULT_ALLOW_DOTS_IN_NAME = False
DEFAULT_ALLOW_SSE_C_UPLOADS = False
DEFAULT_EVENTBRIDGE_ENABLED = False
DEFAULT_RULE_ENABLED = True


def default_log_prefix(name: str) -> str:
    """Access logs of bucket ``name`` go under ``<name>/`` in the target bucket."""
    return f"{name}/"


class TransitionPlan(Record):
    storage_class: pulumi.Input[str]
    days: pulumi.Input[int] | None = None
    date: pulumi.Input[str] | None = None


class NoncurrentTransitionPlan(Record):
    storage_class: pulumi.Input[str]
    noncurrent_days: pulumi.Input[int]
    newer_noncurrent_versions: pulumi.Input[int] | None = None


class LifecycleRulePlan(Record):
    """One lifecycle rule; a rule without filter conditions covers the whole bucket."""

    id: pulumi.Input[str]
    enabled: pulumi.Input[bool] = DEFAULT_RULE_ENABLED
    prefix: pulumi.Input[str] | None = None
    tags: Mapping[str, pulumi.Input[str]] | None = None
    object_size_greater_than: pulumi.Input[int] | None = None
    object_size_less_than: pulumi.Input[int] | None = None
    expiration_days: pulumi.Input[int] | None = None
    expiration_date: pulumi.Input[str] | None = None
    expired_object_delete_marker: pulumi.Input[bool] | None = None
    transitions: tuple[TransitionPlan, ...] = ()
    noncurrent_transitions: tuple[NoncurrentTransitionPlan, ...] = ()
    noncurrent_expiration_days: pulumi.Input[int] | None = None
    newer_noncurrent_versions: pulumi.Input[int] | None = None
    abort_incomplete_multipart_upload_days: pulumi.Input[int] | None = None

    @property
    def filter_conditions(self) -> int:
        """How many filter conditions the rule has (S3 wraps several in ``And``)."""
        return (
            (self.prefix is not None)
            + len(self.tags or {})
            + (self.object_size_greater_than is not None)
            + (self.object_size_less_than is not None)
        )


class CorsRulePlan(Record):
    allowed_methods: pulumi.Input[Sequence[pulumi.Input[str]]]
    allowed_origins: pulumi.Input[Sequence[pulumi.Input[str]]]
    allowed_headers: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    expose_headers: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    max_age_seconds: pulumi.Input[int] | None = None
    id: pulumi.Input[str] | None = None


class AccessLogsPlan(Record):
    target_bucket: pulumi.Input[str]
    target_prefix: pulumi.Input[str]


class NotificationPlan(Record):
    """One notification configuration; ``function`` targets get an invoke permission."""

    key: str
    kind: Literal["function", "queue", "topic"]
    target_arn: pulumi.Input[str]
    events: pulumi.Input[Sequence[pulumi.Input[str]]]
    filter_prefix: pulumi.Input[str] | None = None
    filter_suffix: pulumi.Input[str] | None = None


class BucketPlan(Record):
    """Everything the component builds, defaults resolved and plain values checked."""

    name: str
    bucket_name: pulumi.Input[str] | None
    bucket_prefix: str | None
    force_destroy: pulumi.Input[bool]
    tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None
    kms_key_arn: pulumi.Input[str] | None
    allow_sse_c_uploads: pulumi.Input[bool]
    versioning_enabled: pulumi.Input[bool]
    policy_statements: pulumi.Input[Sequence[Any]]
    lifecycle_rules: tuple[LifecycleRulePlan, ...]
    cors_rules: tuple[CorsRulePlan, ...]
    access_logs: AccessLogsPlan | None
    eventbridge_enabled: pulumi.Input[bool]
    notifications: tuple[NotificationPlan, ...]

    @property
    def has_notification_configuration(self) -> bool:
        """S3 keeps one notification configuration: made for targets or EventBridge."""
        return bool(self.notifications) or self.eventbridge_enabled is not False


def _get(args: Mapping[str, Any], key: str, default: Any) -> Any:
    value = args.get(key)
    return default if value is None else value


def _setting(check: Checker, args: Mapping[str, Any], key: str, default: Any) -> Any:
    """A top-level setting or its default; an ``Output`` is checked when it resolves."""
    value = _get(args, key, default)
    if is_plain(value):
        return value  # checked by check_settings already
    if key == "kms_key_arn":
        return check_when_known(value, lambda known: check_kms_key_arn(check, known))
    if key in DAY_COUNT_KEYS:
        return check_when_known(
            value, lambda known: check.integer(key, known, minimum=1, source=DAYS_SOURCE)
        )
    return check_when_known(value, lambda known: check.boolean(key, known))


def plan_bucket(name: str, args: Mapping[str, Any] | None) -> BucketPlan:
    """Check ``args`` and resolve every default; raises ``NovaInputError`` before registration."""
    check = Checker(COMPONENT, name)
    args = check_args_mapping(check, {} if args is None else args)
    check_settings(check, args)
    allow_dots = _get(args, "allow_dots_in_name", DEFAULT_ALLOW_DOTS_IN_NAME) is True
    raw_name = args.get("bucket_name")
    plain_name = check_bucket_name(check, raw_name, allow_dots=allow_dots)
    check_lifecycle_rules(check, args.get("lifecycle_rules"))
    check_policy_statements(check, args.get("policy_statements"), plain_name)
    check_cors_rules(check, args.get("cors_rules"))
    access_logs = check_access_logs(check, args.get("access_logs"), plain_name)
    check_notifications(check, args.get("notifications"))

    bucket_name: pulumi.Input[str] | None = raw_name
    if raw_name is not None and not is_plain(raw_name):
        target = (access_logs or {}).get("target_bucket")
        plain_target = target if isinstance(target, str) else None

        def check_known_name(value: Any) -> None:
            check_bucket_name(check, value, allow_dots=allow_dots)
            if plain_target is not None:
                check_access_log_target(check, plain_target, value)

        bucket_name = check_when_known(raw_name, check_known_name)
    return BucketPlan(
        name=name,
        bucket_name=bucket_name,
        bucket_prefix=bucket_prefix_for(name) if raw_name is None else None,
        force_destroy=_setting(check, args, "force_destroy", DEFAULT_FORCE_DESTROY),
        tags=args.get("tags"),
        kms_key_arn=_setting(check, args, "kms_key_arn", None),
        allow_sse_c_uploads=_setting(
            check, args, "allow_sse_c_uploads", DEFAULT_ALLOW_SSE_C_UPLOADS
        ),
        versioning_enabled=_setting(check, args, "versioning_enabled", DEFAULT_VERSIONING_ENABLED),
        policy_statements=_policy_statements(check, args.get("policy_statements"), plain_name),
        lifecycle_rules=(
            *_default_lifecycle_rules(check, args),
            *(_lifecycle_rule(rule) for rule in args.get("lifecycle_rules") or ()),
        ),
        cors_rules=tuple(
            CorsRulePlan(**{k: v for k, v in rule.items() if v is not None})
            for rule in args.get("cors_rules") or ()
        ),
        access_logs=_access_logs(check, name, access_logs, plain_name),
        eventbridge_enabled=_setting(
            check, args, "eventbridge_enabled", DEFAULT_EVENTBRIDGE_ENABLED
        ),
        notifications=_notifications(args.get("notifications") or {}),
    )


def _policy_statements(
    check: Checker, statements: Sequence[Any] | None, plain_name: str | None
) -> pulumi.Input[Sequence[Any]]:
    statements = list(statements or ())
    if is_deep_plain(statements):
        return statements
    return check_when_known(
        statements, lambda resolved: check_policy_statements(check, resolved, plain_name)
    )


def _default_lifecycle_rules(
    check: Checker, args: Mapping[str, Any]
) -> tuple[LifecycleRulePlan, ...]:
    abort_days = _setting(
        check,
        args,
        "abort_incomplete_multipart_upload_days",
        DEFAULT_ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS,
    )
    noncurrent_days = _setting(
        check,
        args,
        "noncurrent_version_expiration_days",
        DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
    )
    return (
        LifecycleRulePlan(id=ABORT_RULE_ID, abort_incomplete_multipart_upload_days=abort_days),
        # Kept when versioning is off too: a suspended bucket still holds the noncurrent
        # versions made while it was versioned, and the rule costs nothing otherwise.
        LifecycleRulePlan(id=NONCURRENT_RULE_ID, noncurrent_expiration_days=noncurrent_days),
    )


def _date(value: Any) -> Any:
    if isinstance(value, str):
        return normalize_lifecycle_date(value) or value
    return value


def _lifecycle_rule(rule: Mapping[str, Any]) -> LifecycleRulePlan:
    return LifecycleRulePlan(
        id=rule["id"],
        enabled=_get(rule, "enabled", DEFAULT_RULE_ENABLED),
        prefix=rule.get("prefix"),
        tags=dict(rule["tags"]) if rule.get("tags") else None,
        object_size_greater_than=rule.get("object_size_greater_than_bytes"),
        object_size_less_than=rule.get("object_size_less_than_bytes"),
        expiration_days=rule.get("expiration_days"),
        expiration_date=_date(rule.get("expiration_date")),
        expired_object_delete_marker=rule.get("expired_object_delete_marker"),
        transitions=tuple(
            TransitionPlan(t["storage_class"], t.get("days"), _date(t.get("date")))
            for t in rule.get("transitions") or ()
        ),
        noncurrent_transitions=tuple(
            NoncurrentTransitionPlan(
                t["storage_class"], t["noncurrent_days"], t.get("newer_noncurrent_versions")
            )
            for t in rule.get("noncurrent_version_transitions") or ()
        ),
        noncurrent_expiration_days=rule.get("noncurrent_version_expiration_days"),
        newer_noncurrent_versions=rule.get("newer_noncurrent_versions"),
        abort_incomplete_multipart_upload_days=rule.get("abort_incomplete_multipart_upload_days"),
    )


def _access_logs(
    check: Checker, name: str, access_logs: Mapping[str, Any] | None, plain_name: str | None
) -> AccessLogsPlan | None:
    if access_logs is None:
        return None
    target = access_logs["target_bucket"]
    if not is_plain(target) and plain_name is not None:
        target = check_when_known(
            target, lambda value: check_access_log_target(check, value, plain_name)
        )
    return AccessLogsPlan(target, _get(access_logs, "target_prefix", default_log_prefix(name)))


def _notifications(notifications: Mapping[str, Any]) -> tuple[NotificationPlan, ...]:
    planned = []
    for key in sorted(notifications):
        spec = notifications[key]
        target = next(k for k in TARGET_KINDS if spec.get(k) is not None)
        planned.append(
            NotificationPlan(
                key=key,
                kind=target.removesuffix("_arn"),  # type: ignore[arg-type]
                target_arn=spec[target],
                events=spec["events"],
                filter_prefix=spec.get("filter_prefix"),
                filter_suffix=spec.get("filter_suffix"),
            )
        )
    return tuple(planned)
