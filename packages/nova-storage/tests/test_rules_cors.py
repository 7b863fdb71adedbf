"""CORS rules: methods, wildcards, ids and counts."""

import pytest

from nova_storage import BucketArgs


def _cors(**overrides):
    rule = {"allowed_methods": ["GET"], "allowed_origins": ["https://app.example.com"]}
    rule.update(overrides)
    return {k: v for k, v in rule.items() if v is not None}


CORS_CASES = [
    ("method-patch", [_cors(allowed_methods=["PATCH"])], r"allowed_methods' is 'PATCH'.*only"),
    ("method-lowercase", [_cors(allowed_methods=["get"])], r"use uppercase"),
    ("methods-empty", [_cors(allowed_methods=[])], r"at least one entry in allowed_methods"),
    ("origins-missing", [_cors(allowed_origins=None)], r"at least one entry in allowed_origins"),
    (
        "origins-str",
        [_cors(allowed_origins="https://a")],
        r"allowed_origins' is 'https://a': must be a list",
    ),
    ("origin-two-wildcards", [_cors(allowed_origins=["https://*.*.com"])], r"at most one '\*'"),
    ("header-two-wildcards", [_cors(allowed_headers=["x-*-*"])], r"at most one '\*'"),
    ("expose-not-str", [_cors(expose_headers=[1])], r"must be a string"),
    ("max-age-negative", [_cors(max_age_seconds=-1)], r"max_age_seconds' is -1"),
    ("duplicate-ids", [_cors(id="a"), _cors(id="a")], r"cors_rules\[1\]\.id.*unique"),
    ("id-too-long", [_cors(id="i" * 256)], r"at most 255"),
    ("too-many", [_cors() for _ in range(101)], r"at most 100 rules"),
    ("unknown-key", [_cors(allowed_method=["GET"])], r"did you mean 'allowed_methods'"),
]


@pytest.mark.parametrize(
    ("rules", "pattern"), [c[1:] for c in CORS_CASES], ids=[c[0] for c in CORS_CASES]
)
def test_fails_when_a_cors_rule_is_invalid(fails, rules, pattern):
    fails(BucketArgs(cors_rules=rules), pattern)
