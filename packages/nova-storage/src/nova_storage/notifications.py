"""Notification helpers: entries for ``BucketArgs["notifications"]``.

S3 keeps one notification configuration per bucket and ``Bucket`` registers it at construction,
so the helpers return arguments rather than adding resources later::

    Bucket("uploads", BucketArgs(notifications={
        **object_created(resize, prefix="images/", suffix=".jpg"),
        **object_created(index, prefix="docs/"),
    }))

For a Lambda target the bucket adds the invoke permission (principal ``s3.amazonaws.com``, scoped
by the bucket's ARN and your account) and orders the notification configuration after it.
"""

from __future__ import annotations

from typing import Any

import pulumi

from nova_core import Checker, is_plain, parse_arn
from nova_core.patterns import LazyPattern

from .bucket_args import NotificationArgs

__all__ = ["OBJECT_CREATED_EVENTS", "object_created"]

OBJECT_CREATED_EVENTS: tuple[str, ...] = ("s3:ObjectCreated:*",)
"""Every way an object is created: Put, Post, Copy and CompleteMultipartUpload."""

COMPONENT = "nova-storage object_created"
_KEY_CHARS = LazyPattern(r"[^A-Za-z0-9_.-]+")
MAX_KEY = 63


def _function_arn(check: Checker, function: Any) -> pulumi.Input[str]:
    if isinstance(function, str) or not is_plain(function):
        return function
    for attribute in ("arn", "function_arn"):
        value = getattr(function, attribute, None)
        if isinstance(value, str | pulumi.Output):
            return value
    raise check.error(
        "function",
        function,
        "must be a Lambda function: an object with an 'arn' or 'function_arn', or a function ARN",
        "pass a nova_compute Function, an aws.lambda_.Function or the function's ARN",
        shown=f"'<{type(function).__name__}>'",
    )


def _slug(text: str) -> str:
    return _KEY_CHARS.sub("-", text).strip("-._")


def _base_key(check: Checker, function: Any, arn: pulumi.Input[str]) -> str:
    logical = getattr(function, "pulumi_resource_name", None)
    if isinstance(logical, str) and _slug(logical):
        return _slug(logical)
    parsed = parse_arn(arn) if isinstance(arn, str) else None
    if parsed is not None and parsed.resource_name:
        return _slug(parsed.resource_name.split(":", 1)[0])
    raise check.error(
        "key",
        None,
        "no stable key can be derived from a function ARN that is an Output; the key names "
        "the Lambda permission child",
        "pass key='<stable-key>', e.g. key='thumbnails'",
    )


def object_created(
    function: Any,
    *,
    prefix: str | None = None,
    suffix: str | None = None,
    key: str | None = None,
) -> dict[str, NotificationArgs]:
    """One ``notifications`` entry: invoke ``function`` for every object created in the bucket
    (``s3:ObjectCreated:*``) whose key starts with ``prefix`` and ends with ``suffix``.

    ``function`` is a nova ``Function`` or ``aws.lambda_.Function`` (anything with an ``arn`` or
    ``function_arn``), or a function ARN (``str`` or ``Output``). ``key`` names the entry and the
    permission child ``<bucket>-invoke-<key>``; by default it is the function's logical name (or
    the name in a plain ARN) followed by the filters, e.g. ``resize-images-jpg``, so two entries
    for one function with different filters get different keys. Merge entries with ``**``; the
    bucket refuses entries whose filters overlap for the same event type before anything
    registers (S3 would reject them at deployment with "Configurations overlap").
    """
    check = Checker(COMPONENT, key if isinstance(key, str) else "notification")
    for argument, value in (("prefix", prefix), ("suffix", suffix)):
        check.string(argument, value, min_length=0, max_length=1024, plain=True)
    arn = _function_arn(check, function)
    if key is None:
        parts = [_base_key(check, function, arn), _slug(prefix or ""), _slug(suffix or "")]
        key = "-".join(p for p in parts if p)[:MAX_KEY].rstrip("-._")
    entry = NotificationArgs(function_arn=arn, events=list(OBJECT_CREATED_EVENTS))
    if prefix:
        entry["filter_prefix"] = prefix
    if suffix:
        entry["filter_suffix"] = suffix
    return {key: entry}
