"""S3 bucket naming rules (pure functions).

The rules are those of the S3 user guide, "General purpose bucket naming rules"
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), as listed in
security-rules.md table B.1, plus the dot rule of Trivy AWS-0320 (dots break virtual-hosted-style
HTTPS certificate matching and Transfer Acceleration).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from nova_core.patterns import LazyPattern

__all__ = [
    "BUCKET_PREFIX_MAX_LENGTH",
    "RESERVED_PREFIXES",
    "RESERVED_SUFFIXES",
    "NameProblem",
    "bucket_name_problem",
    "bucket_prefix_for",
]

BUCKET_NAME_MIN_LENGTH = 3
BUCKET_NAME_MAX_LENGTH = 63
BUCKET_PREFIX_MAX_LENGTH = 37
"""The AWS provider appends a 26-character unique suffix to ``bucket_prefix``: 37 + 26 = 63."""

RESERVED_PREFIXES: tuple[str, ...] = ("xn--", "sthree-", "amzn-s3-demo-")
RESERVED_SUFFIXES: tuple[str, ...] = (
    "-s3alias",  # access point aliases
    "--ol-s3",  # Object Lambda access point aliases
    ".mrap",  # Multi-Region Access Points
    "--x-s3",  # directory buckets
    "--table-s3",  # table buckets
    "-an",  # buckets in an account regional namespace only
)

_CHARSET = LazyPattern(r"^[a-z0-9.-]+$")
_IP_FORM = LazyPattern(r"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")


class NameProblem(NamedTuple):
    """A broken naming rule: what the rule says, where it comes from and how to fix the name."""

    rule: str
    fix: str
    source: str = "S3 naming rules"


def bucket_name_problem(name: str, *, allow_dots: bool = False) -> NameProblem | None:
    """Return the first S3 naming rule ``name`` breaks, or ``None`` when it is valid.

    With ``allow_dots=False`` a name containing ``.`` is refused (Trivy AWS-0320).
    """
    if not BUCKET_NAME_MIN_LENGTH <= len(name) <= BUCKET_NAME_MAX_LENGTH:
        return NameProblem(
            f"bucket names must be 3 to 63 characters long, this one has {len(name)}",
            "choose a name of 3 to 63 characters, or omit 'bucket_name' to have a unique name "
            "generated from the logical name",
            source="S3 naming rules: length",
        )
    if not _CHARSET.match(name):
        return NameProblem(
            "bucket names may contain only lowercase letters, digits, '.' and '-'",
            f"use lowercase letters, digits and hyphens, e.g. {_suggest(name)!r}",
            source="S3 naming rules: charset",
        )
    if not (name[0].isalnum() and name[-1].isalnum()):
        return NameProblem(
            "bucket names must begin and end with a letter or digit",
            f"remove the leading/trailing '.' or '-', e.g. {name.strip('.-')!r}",
            source="S3 naming rules: ends",
        )
    if ".." in name:
        return NameProblem(
            "bucket names must not contain two adjacent periods",
            "replace '..' with '-'",
            source="S3 naming rules: dots",
        )
    if _IP_FORM.match(name):
        return NameProblem(
            "bucket names must not be formatted as an IP address",
            "use a descriptive name with letters and hyphens",
            source="S3 naming rules: IP form",
        )
    for prefix in RESERVED_PREFIXES:
        if name.startswith(prefix):
            return NameProblem(
                f"bucket names must not start with the reserved prefix {prefix!r}",
                "choose a name that does not start with 'xn--', 'sthree-' or 'amzn-s3-demo-'",
                source="S3 naming rules: reserved prefixes",
            )
    for suffix in RESERVED_SUFFIXES:
        if name.endswith(suffix):
            return NameProblem(
                f"bucket names must not end with the reserved suffix {suffix!r}",
                "choose a name that does not end with '-s3alias', '--ol-s3', '.mrap', '--x-s3', "
                "'--table-s3' or '-an'",
                source="S3 naming rules: reserved suffixes",
            )
    if "." in name and not allow_dots:
        return NameProblem(
            "bucket names with '.' break virtual-hosted-style HTTPS and Transfer Acceleration",
            f"use hyphens instead, e.g. {name.replace('.', '-')!r}, or pass "
            "allow_dots_in_name=True if the dots are required",
            source="Trivy AWS-0320, S3-14",
        )
    return None


def _slug(name: str) -> str:
    cleaned = re.sub(r"[^a-z0-9-]+", "-", name.lower())
    return re.sub(r"-{2,}", "-", cleaned).strip("-")


def _suggest(name: str) -> str:
    return _slug(name) or "my-bucket"


def bucket_prefix_for(logical_name: str) -> str:
    """A valid ``bucket_prefix`` derived from a Pulumi logical name.

    Lowercased, characters outside ``[a-z0-9-]`` replaced by ``-`` (dots too, per AWS-0320),
    repeated hyphens collapsed, trimmed so the prefix (ending in ``-``) is at most 37 characters,
    the limit of the AWS provider, which appends a 26-character unique suffix of digits. A prefix
    that would start with a reserved prefix gets ``b-`` in front; an empty result becomes
    ``bucket-``.
    """
    base = _slug(logical_name) or "bucket"
    prefix = _trim(base)
    if prefix.startswith(RESERVED_PREFIXES):
        prefix = _trim(f"b-{base}")
    return prefix


def _trim(base: str) -> str:
    return base[: BUCKET_PREFIX_MAX_LENGTH - 1].rstrip("-") + "-"
