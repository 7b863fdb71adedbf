"""The custom domain (REGIONAL endpoint, TLS 1.2; rule A-11) and its certificate's Region."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nova_core import Arn, Checker, is_plain, known_region, parse_arn
from nova_core.patterns import LazyPattern

from .args import require_args

__all__ = ["DOMAIN_KEYS", "certificate_arn", "check_certificate_region", "check_domain"]

DOMAIN_KEYS: tuple[str, ...] = (
    "domain_name",
    "certificate_arn",
    "api_mapping_key",
    "disable_execute_api_endpoint",
)

_DOMAIN_LABEL = LazyPattern(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_MAPPING_KEY_SEGMENT = LazyPattern(r"[A-Za-z0-9._~-]+")
_CERTIFICATE_ID = LazyPattern(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _domain_name_problem(value: Any) -> tuple[str, str] | None:
    rule = (
        "a custom domain name is a fully qualified lower-case DNS name (labels of letters, digits "
        "and '-', at most 253 characters; a leading '*.' makes a wildcard)"
    )
    if not isinstance(value, str) or not value:
        return rule, "pass e.g. 'api.example.com'"
    if value != value.lower():
        return rule, f"write {value.lower()!r}"
    if value.endswith("."):
        return rule, f"write {value.rstrip('.')!r} (no trailing dot)"
    labels = value.split(".")
    if labels[0] == "*":
        labels = labels[1:]
    if (
        len(value) > 253
        or len(labels) < 2
        or not all(_DOMAIN_LABEL.fullmatch(label) for label in labels)
        or labels[-1].isdigit()
    ):
        return rule, "pass e.g. 'api.example.com'"
    return None


def certificate_arn(check: Checker, value: Any) -> Arn | None:
    """The parsed ACM certificate ARN (``None`` while it is an ``Output``)."""
    if value is not None and not is_plain(value):
        return None
    arn = parse_arn(value) if isinstance(value, str) else None
    if (
        arn is None
        or arn.service != "acm"
        or arn.resource_type != "certificate"
        or not _CERTIFICATE_ID.fullmatch(arn.resource_name)
        or not arn.region
    ):
        check.fail(
            "domain.certificate_arn",
            value,
            "a custom domain needs an ACM certificate ARN, "
            "'arn:aws:acm:<region>:<account>:certificate/<uuid>'",
            "pass the ARN of an issued ACM certificate in the API's Region (e.g. "
            "aws.acm.Certificate(...).arn)",
        )
    if not known_region(arn.region, arn.partition):
        check.fail(
            "domain.certificate_arn",
            value,
            f"{arn.region!r} is not a Region of the {arn.partition!r} partition",
            "use the ARN of a certificate in the API's Region",
        )
    return arn


def check_certificate_region(check: Checker, value: Any, region: Any) -> None:
    """A REGIONAL custom domain needs its ACM certificate in the API's Region."""
    arn = parse_arn(value) if isinstance(value, str) else None
    if arn is None or not isinstance(region, str) or not arn.region or arn.region == region:
        return
    check.fail(
        "domain.certificate_arn",
        value,
        f"the certificate is in {arn.region} but a REGIONAL custom domain needs an ACM "
        f"certificate in the API's region ({region})",
        f"request or import the certificate in {region}",
        source="API Gateway custom domain names",
    )


def check_domain(check: Checker, domain: Any) -> Mapping[str, Any]:
    """Every plain part of ``domain`` (the certificate's Region is checked by the plan)."""
    domain = require_args(
        check,
        "domain",
        domain,
        DOMAIN_KEYS,
        "pass {'domain_name': 'api.example.com', 'certificate_arn': 'arn:aws:acm:...'}",
    )
    domain_name = domain.get("domain_name")
    if domain_name is None or is_plain(domain_name):
        problem = _domain_name_problem(domain_name)
        if problem:
            rule, fix = problem
            check.fail("domain.domain_name", domain_name, rule, fix)
    certificate_arn(check, domain.get("certificate_arn"))
    mapping_key = domain.get("api_mapping_key")
    if mapping_key is not None and is_plain(mapping_key):
        segments = mapping_key.split("/") if isinstance(mapping_key, str) else [None]
        if not isinstance(mapping_key, str) or not all(
            s is not None and _MAPPING_KEY_SEGMENT.fullmatch(s) for s in segments
        ):
            check.fail(
                "domain.api_mapping_key",
                mapping_key,
                "the base path is one or more segments of letters, digits and -._~ separated "
                "by '/', without a leading or trailing '/'",
                "use e.g. 'v1' or 'orders/v1', or leave it out to map the domain root",
            )
    check.boolean("domain.disable_execute_api_endpoint", domain.get("disable_execute_api_endpoint"))
    return domain
