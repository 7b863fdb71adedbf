"""Lifecycle transitions: storage classes, the S3 "waterfall", minimum days and dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from nova_core import Checker, at, field, is_plain
from nova_core.patterns import LazyPattern

__all__ = [
    "ARCHIVE_CLASSES",
    "IA_CLASSES",
    "NONCURRENT_TRANSITION_KEYS",
    "STORAGE_CLASS_ORDER",
    "TRANSITION_KEYS",
    "Point",
    "check_lifecycle_date",
    "check_noncurrent_transitions",
    "check_transitions",
    "check_waterfall",
    "normalize_lifecycle_date",
]

TRANSITION_KEYS = ("storage_class", "days", "date")
NONCURRENT_TRANSITION_KEYS = ("storage_class", "noncurrent_days", "newer_noncurrent_versions")
IA_CLASSES = ("STANDARD_IA", "ONEZONE_IA")
ARCHIVE_CLASSES = ("GLACIER", "DEEP_ARCHIVE")
STORAGE_CLASS_ORDER: tuple[str, ...] = (
    "STANDARD_IA",
    "INTELLIGENT_TIERING",
    "ONEZONE_IA",
    "GLACIER_IR",
    "GLACIER",
    "DEEP_ARCHIVE",
)
"""The lifecycle "waterfall": objects only move to a later class in this order."""
UNSUPPORTED_TRANSITIONS = {("ONEZONE_IA", "GLACIER_IR")}
LIFECYCLE_SOURCE = "S3 lifecycle"
_DATE = LazyPattern(r"(\d{4}-\d{2}-\d{2})(?:T00:00:00(?:\.0+)?(?:Z|[+-]00:00))?")


class Point(NamedTuple):
    """When a transition happens (days or a date), to which class, and its argument path."""

    when: Any
    storage_class: str
    path: str


def normalize_lifecycle_date(value: str) -> str | None:
    """``YYYY-MM-DD`` for an ISO 8601 date at midnight UTC, else ``None``."""
    match = _DATE.fullmatch(value)
    if not match:
        return None
    try:
        dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None
    return match.group(1)


def check_lifecycle_date(check: Checker, path: str, value: Any) -> dt.date | None:
    """A plain date string at midnight UTC, as a ``date``; ``None`` for absent or ``Output``."""
    text = check.string(path, value)
    if text is None:
        return None
    normalized = normalize_lifecycle_date(text)
    if normalized is None:
        check.fail(
            path,
            text,
            "lifecycle dates are ISO 8601 dates at midnight UTC",
            "use 'YYYY-MM-DD', e.g. '2027-01-01'",
            source=f"{LIFECYCLE_SOURCE}: date actions",
        )
    return dt.date.fromisoformat(normalized)


def _storage_class(check: Checker, path: str, value: Any) -> str | None:
    if not is_plain(value):
        return None
    if value not in STORAGE_CLASS_ORDER:
        check.fail(
            path,
            value,
            f"lifecycle transitions go to one of {', '.join(STORAGE_CLASS_ORDER)}; never to "
            "STANDARD or REDUCED_REDUNDANCY",
            "pick one of the listed storage classes",
            source=f"{LIFECYCLE_SOURCE}: transition StorageClass",
        )
    return str(value)


def _minimum_ia_days(check: Checker, path: str, days: int, storage: str | None, what: str) -> None:
    if storage in IA_CLASSES and days < 30:
        check.fail(
            path,
            days,
            f"{what} must be >= 30 for storage class {storage}",
            f"use {path.rsplit('.', 1)[-1]}=30 or more, or a class without a minimum such as "
            "INTELLIGENT_TIERING or GLACIER_IR",
            source=f"{LIFECYCLE_SOURCE}: transition to IA classes",
        )


def check_transitions(check: Checker, path: str, value: Any) -> tuple[list[Point], bool, bool]:
    """Current-version transitions: the points in time, and whether days / dates are used."""
    points: list[Point] = []
    uses_days = uses_dates = False
    for index, raw in enumerate(check.sequence(path, value) or ()):
        t_path = at(path, index)
        transition = check.mapping(t_path, raw)
        check.keys(t_path, transition, TRANSITION_KEYS)
        if "storage_class" not in transition:
            check.fail(
                t_path,
                transition,
                "a transition needs a storage_class",
                "add storage_class='GLACIER' (or another class)",
            )
        storage = _storage_class(check, field(t_path, "storage_class"), transition["storage_class"])
        days, date = transition.get("days"), transition.get("date")
        if (days is None) == (date is None):
            check.fail(
                t_path,
                transition,
                "a transition takes exactly one of days or date",
                "set days=<n> (or date='YYYY-MM-DD')",
                source=f"{LIFECYCLE_SOURCE}: Transition",
            )
        when: Any
        if days is not None:
            uses_days = True
            when = check.integer(field(t_path, "days"), days, minimum=0)
            if when is not None:
                _minimum_ia_days(
                    check, field(t_path, "days"), when, storage, "'Days' in a Transition action"
                )
        else:
            uses_dates = True
            when = check_lifecycle_date(check, field(t_path, "date"), date)
        if storage is not None and when is not None:
            points.append(Point(when, storage, t_path))
    return points, uses_days, uses_dates


def check_noncurrent_transitions(check: Checker, path: str, value: Any) -> list[Point]:
    """Noncurrent-version transitions: the points in noncurrent days."""
    points: list[Point] = []
    for index, raw in enumerate(check.sequence(path, value) or ()):
        t_path = at(path, index)
        transition = check.mapping(t_path, raw)
        check.keys(t_path, transition, NONCURRENT_TRANSITION_KEYS)
        if "storage_class" not in transition or "noncurrent_days" not in transition:
            check.fail(
                t_path,
                transition,
                "a noncurrent version transition needs storage_class and noncurrent_days",
                "add both keys",
            )
        storage = _storage_class(check, field(t_path, "storage_class"), transition["storage_class"])
        check.integer(
            field(t_path, "newer_noncurrent_versions"),
            transition.get("newer_noncurrent_versions"),
            minimum=1,
            maximum=100,
        )
        days_path = field(t_path, "noncurrent_days")
        days = check.integer(days_path, transition["noncurrent_days"], minimum=0)
        if days is not None:
            what = "'NoncurrentDays' in a NoncurrentVersionTransition"
            _minimum_ia_days(check, days_path, days, storage, what)
            if storage is not None:
                points.append(Point(days, storage, t_path))
    return points


def check_waterfall(check: Checker, points: Sequence[Point], *, noncurrent: bool) -> None:
    """Transitions of one rule: distinct times, distinct classes, down the waterfall only, and
    at least 30 days in an IA class before GLACIER or DEEP_ARCHIVE."""
    days_key = "noncurrent_days" if noncurrent else "days"
    ordered = sorted(points, key=lambda p: p.when)
    rank = STORAGE_CLASS_ORDER.index
    for index, (when, storage, path) in enumerate(ordered):
        shown: Mapping[str, str] = {"storage_class": storage, days_key: str(when)}
        for earlier_when, earlier_storage, _ in ordered[:index]:
            if earlier_when == when:
                check.fail(
                    path,
                    shown,
                    f"two transitions of one rule happen at the same time ({when})",
                    "give each transition its own time, or split the rule",
                )
            if earlier_storage == storage:
                check.fail(
                    field(path, "storage_class"),
                    storage,
                    "a rule transitions to each storage class at most once",
                    "remove the duplicate transition",
                )
            if rank(storage) < rank(earlier_storage) or (
                (earlier_storage, storage) in UNSUPPORTED_TRANSITIONS
            ):
                check.fail(
                    field(path, "storage_class"),
                    storage,
                    f"S3 cannot transition from {earlier_storage} to {storage} (supported "
                    f"transitions follow {' -> '.join(STORAGE_CLASS_ORDER)}; ONEZONE_IA -> "
                    "GLACIER_IR is not supported)",
                    "reorder the transitions down the waterfall",
                    source=f"{LIFECYCLE_SOURCE}: supported transitions",
                )
            dated = isinstance(when, dt.date)
            gap = (when - earlier_when).days if dated else when - earlier_when
            if earlier_storage in IA_CLASSES and storage in ARCHIVE_CLASSES and gap < 30:
                earliest = earlier_when + (dt.timedelta(days=30) if dated else 30)
                check.fail(
                    path,
                    shown,
                    f"a {storage} transition must come at least 30 days after the "
                    f"{earlier_storage} transition of the same rule",
                    f"move it to {earliest} or later",
                    source=f"{LIFECYCLE_SOURCE}: IA then Glacier",
                )
