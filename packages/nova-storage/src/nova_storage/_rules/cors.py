"""CORS rules: methods S3 accepts, origins and headers with at most one wildcard, unique ids."""

from __future__ import annotations

from typing import Any

from nova_core import Checker, at, field, is_plain
from nova_storage.bucket_args import CorsRuleArgs

__all__ = ["CORS_METHODS", "CORS_RULE_KEYS", "MAX_CORS_RULES", "check_cors_rules"]

CORS_RULE_KEYS: tuple[str, ...] = tuple(CorsRuleArgs.__annotations__)
CORS_METHODS = ("GET", "PUT", "POST", "DELETE", "HEAD")
MAX_CORS_RULES = 100
CORS_SOURCE = "S3 CORS configuration"


def check_cors_rules(check: Checker, rules: Any) -> None:
    """At most 100 rules; each with methods and origins; unique ids."""
    rules = check.sequence("cors_rules", rules)
    if rules is None:
        return
    if len(rules) > MAX_CORS_RULES:
        check.fail(
            "cors_rules",
            rules,
            f"a CORS configuration holds at most {MAX_CORS_RULES} rules",
            "merge rules",
            source=CORS_SOURCE,
            shown=f"<{len(rules)} rules>",
        )
    ids: set[str] = set()
    for index, raw in enumerate(rules):
        path = at("cors_rules", index)
        rule = check.mapping(path, raw)
        check.keys(path, rule, CORS_RULE_KEYS)
        for key in ("allowed_methods", "allowed_origins"):
            values = rule.get(key)
            if values is None or (is_plain(values) and not values):
                check.fail(
                    field(path, key),
                    values,
                    f"a CORS rule needs at least one entry in {key}",
                    f"add {key}=[...]",
                    source=CORS_SOURCE,
                )
        for method in check.sequence(field(path, "allowed_methods"), rule["allowed_methods"]):
            if is_plain(method) and method not in CORS_METHODS:
                check.fail(
                    field(path, "allowed_methods"),
                    method,
                    f"S3 CORS allows only the methods {', '.join(CORS_METHODS)}",
                    "use uppercase GET, PUT, POST, DELETE or HEAD",
                    source=CORS_SOURCE,
                )
        for key in ("allowed_origins", "allowed_headers", "expose_headers"):
            for value in check.sequence(field(path, key), rule.get(key)) or ():
                text = check.string(field(path, key), value)
                if key != "expose_headers" and text is not None and text.count("*") > 1:
                    check.fail(
                        field(path, key),
                        text,
                        "each entry may contain at most one '*' wildcard",
                        "split it into several entries",
                        source=CORS_SOURCE,
                    )
        check.integer(field(path, "max_age_seconds"), rule.get("max_age_seconds"), minimum=0)
        rule_id = check.string(field(path, "id"), rule.get("id"), max_length=255)
        if rule_id is not None:
            if rule_id in ids:
                check.fail(field(path, "id"), rule_id, "CORS rule ids must be unique", "rename it")
            ids.add(rule_id)
