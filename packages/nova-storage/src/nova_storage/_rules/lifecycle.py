"""Lifecycle rules: ids, filters, actions and how they combine (S3 lifecycle constraints)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nova_core import Checker, at, field, is_plain
from nova_storage.bucket_args import LifecycleRuleArgs

from .lifecycle_transitions import (
    LIFECYCLE_SOURCE,
    check_lifecycle_date,
    check_noncurrent_transitions,
    check_transitions,
    check_waterfall,
)

__all__ = [
    "ABORT_RULE_ID",
    "DEFAULT_RULE_IDS",
    "LIFECYCLE_RULE_KEYS",
    "MAX_LIFECYCLE_RULES",
    "NONCURRENT_RULE_ID",
    "check_lifecycle_rules",
]

LIFECYCLE_RULE_KEYS: tuple[str, ...] = tuple(LifecycleRuleArgs.__annotations__)
ABORT_RULE_ID = "nova-abort-incomplete-multipart-uploads"
NONCURRENT_RULE_ID = "nova-expire-noncurrent-versions"
DEFAULT_RULE_IDS = (ABORT_RULE_ID, NONCURRENT_RULE_ID)
MAX_LIFECYCLE_RULES = 1000
MAX_KEY_LENGTH = 1024
ACTION_KEYS = (
    "expiration_days",
    "expiration_date",
    "expired_object_delete_marker",
    "transitions",
    "noncurrent_version_transitions",
    "noncurrent_version_expiration_days",
    "abort_incomplete_multipart_upload_days",
)


def check_lifecycle_rules(check: Checker, rules: Any) -> None:
    """Every user rule, and the total count with the component's two default rules."""
    rules = check.sequence("lifecycle_rules", rules)
    if rules is None:
        return
    if len(rules) + len(DEFAULT_RULE_IDS) > MAX_LIFECYCLE_RULES:
        check.fail(
            "lifecycle_rules",
            rules,
            f"a lifecycle configuration holds at most {MAX_LIFECYCLE_RULES} rules, and the "
            f"component adds {len(DEFAULT_RULE_IDS)}",
            f"merge rules; at most {MAX_LIFECYCLE_RULES - len(DEFAULT_RULE_IDS)} may be given",
            source=f"{LIFECYCLE_SOURCE}: rule count",
            shown=f"<{len(rules)} rules>",
        )
    seen: set[str] = set()
    for index, rule in enumerate(rules):
        _check_rule(check, at("lifecycle_rules", index), rule, seen)


def _check_id(check: Checker, path: str, rule_id: Any, seen: set[str]) -> None:
    if rule_id is None or (is_plain(rule_id) and (not isinstance(rule_id, str) or not rule_id)):
        check.fail(
            path,
            rule_id,
            "every lifecycle rule needs a non-empty id",
            "add id='<what-the-rule-does>'",
            source=f"{LIFECYCLE_SOURCE}: rule ID",
        )
    if check.string(path, rule_id, max_length=255) is None:
        return
    if rule_id in DEFAULT_RULE_IDS:
        check.fail(path, rule_id, "this id is used by the component's default rules", "rename it")
    if rule_id in seen:
        check.fail(
            path,
            rule_id,
            "lifecycle rule ids must be unique",
            "give each rule its own id",
            source=f"{LIFECYCLE_SOURCE}: rule ID",
        )
    seen.add(rule_id)


def _check_filter(check: Checker, path: str, rule: Mapping[str, Any]) -> bool:
    """Prefix, tags and size filters; returns whether the rule filters by object tags."""
    check.string(field(path, "prefix"), rule.get("prefix"), min_length=0, max_length=MAX_KEY_LENGTH)
    tags = rule.get("tags")
    if tags is not None:
        check.tags(field(path, "tags"), tags)
    greater_path = field(path, "object_size_greater_than_bytes")
    greater = check.integer(greater_path, rule.get("object_size_greater_than_bytes"), minimum=0)
    less = check.integer(
        field(path, "object_size_less_than_bytes"),
        rule.get("object_size_less_than_bytes"),
        minimum=1,
    )
    if greater is not None and less is not None and greater >= less:
        check.fail(
            greater_path,
            greater,
            f"must be less than object_size_less_than_bytes ({less}) or no object matches",
            "lower the minimum or raise the maximum",
            source=f"{LIFECYCLE_SOURCE}: size filters",
        )
    return bool(tags)


def _check_expiration(check: Checker, path: str, rule: Mapping[str, Any], has_tags: bool) -> Any:
    """Expiration days/date and the delete-marker cleanup; returns when current versions expire."""
    days_path, date_path = field(path, "expiration_days"), field(path, "expiration_date")
    days = check.integer(days_path, rule.get("expiration_days"), minimum=1)
    date = check_lifecycle_date(check, date_path, rule.get("expiration_date"))
    if rule.get("expiration_days") is not None and rule.get("expiration_date") is not None:
        check.fail(
            date_path,
            rule["expiration_date"],
            "an expiration takes either days or a date, not both",
            "remove expiration_days or expiration_date",
            source=f"{LIFECYCLE_SOURCE}: Expiration",
        )
    marker_path = field(path, "expired_object_delete_marker")
    marker = check.boolean(marker_path, rule.get("expired_object_delete_marker"))
    dated = rule.get("expiration_days") is not None or rule.get("expiration_date") is not None
    if marker is True and dated:
        check.fail(
            marker_path,
            marker,
            "ExpiredObjectDeleteMarker cannot be specified with Days or Date in the same "
            "expiration",
            "put expired_object_delete_marker in a separate rule",
            source=f"{LIFECYCLE_SOURCE}: Expiration",
        )
    if marker is True and has_tags:
        check.fail(
            marker_path,
            marker,
            "ExpiredObjectDeleteMarker cannot be used in a rule whose filter uses object tags",
            "put it in a rule filtered by prefix only",
            source=f"{LIFECYCLE_SOURCE}: tag filters",
        )
    return days if days is not None else date


def _check_rule(check: Checker, path: str, raw: Any, seen: set[str]) -> None:
    rule = check.mapping(path, raw)
    check.keys(path, rule, LIFECYCLE_RULE_KEYS)
    _check_id(check, field(path, "id"), rule.get("id"), seen)
    check.boolean(field(path, "enabled"), rule.get("enabled"))
    has_tags = _check_filter(check, path, rule)
    expires = _check_expiration(check, path, rule, has_tags)

    abort_path = field(path, "abort_incomplete_multipart_upload_days")
    abort_days = check.integer(
        abort_path, rule.get("abort_incomplete_multipart_upload_days"), minimum=1
    )
    if rule.get("abort_incomplete_multipart_upload_days") is not None and has_tags:
        check.fail(
            abort_path,
            abort_days,
            "AbortIncompleteMultipartUpload cannot be used in a rule whose filter uses object tags",
            "put it in a rule filtered by prefix only (the component already aborts incomplete "
            "uploads bucket-wide)",
            source=f"{LIFECYCLE_SOURCE}: tag filters",
        )

    points, uses_days, uses_dates = check_transitions(
        check, field(path, "transitions"), rule.get("transitions")
    )
    if (uses_days or rule.get("expiration_days") is not None) and (
        uses_dates or rule.get("expiration_date") is not None
    ):
        check.fail(
            path,
            rule.get("id"),
            "a rule cannot mix date-based and days-based Expiration/Transition actions",
            "use days everywhere or dates everywhere in this rule",
            source=f"{LIFECYCLE_SOURCE}: date actions",
        )
    check_waterfall(check, points, noncurrent=False)
    if expires is not None and points:
        latest = max(points, key=lambda p: p.when)
        if not expires > latest.when:
            key = (
                "expiration_days" if rule.get("expiration_days") is not None else "expiration_date"
            )
            check.fail(
                field(path, key),
                rule[key],
                f"expiration must come after the last transition ({latest.storage_class} at "
                f"{latest.when})",
                "expire later, or drop the transition",
                source=f"{LIFECYCLE_SOURCE}: expiration vs transition",
            )
    _check_noncurrent(check, path, rule)

    if not any(rule.get(k) not in (None, [], (), False) for k in ACTION_KEYS):
        check.fail(
            path,
            rule.get("id"),
            "a lifecycle rule needs at least one action",
            "add an expiration, a transition or a noncurrent-version action",
            source=f"{LIFECYCLE_SOURCE}: MalformedXML",
        )


def _check_noncurrent(check: Checker, path: str, rule: Mapping[str, Any]) -> None:
    expiration_path = field(path, "noncurrent_version_expiration_days")
    expiration = check.integer(
        expiration_path, rule.get("noncurrent_version_expiration_days"), minimum=1
    )
    newer_path = field(path, "newer_noncurrent_versions")
    newer = rule.get("newer_noncurrent_versions")
    check.integer(newer_path, newer, minimum=1, maximum=100)
    if newer is not None and rule.get("noncurrent_version_expiration_days") is None:
        check.fail(
            newer_path,
            newer,
            "the number of noncurrent versions to keep belongs to a noncurrent version expiration",
            "also set noncurrent_version_expiration_days",
            source=f"{LIFECYCLE_SOURCE}: NewerNoncurrentVersions",
        )
    points = check_noncurrent_transitions(
        check,
        field(path, "noncurrent_version_transitions"),
        rule.get("noncurrent_version_transitions"),
    )
    check_waterfall(check, points, noncurrent=True)
    if expiration is not None and points:
        latest = max(points, key=lambda p: p.when)
        if not expiration > latest.when:
            check.fail(
                expiration_path,
                expiration,
                "'NoncurrentDays' in the NoncurrentVersionExpiration action must be greater "
                "than 'NoncurrentDays' in the NoncurrentVersionTransition action "
                f"({latest.storage_class} at {latest.when})",
                "expire noncurrent versions later, or drop the transition",
                source=f"{LIFECYCLE_SOURCE}: expiration vs transition",
            )
