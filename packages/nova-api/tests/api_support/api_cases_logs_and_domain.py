"""Rule cases (id, args, regex the message must match): access logs and the custom domain."""

from typing import Any

from api_plan_builders import CERT, base, domain

ACCESS_LOG_CASES: list[tuple[str, Any, str]] = [
    (
        "retention_not_allowed",
        base(access_log_retention_days=31),
        r"argument 'access_log_retention_days' is 31: must be a retention CloudWatch Logs accepts: "
        r"1, 3, 5, 7, 14, 30.*Fix: use 30 or 60",
    ),
    (
        "retention_zero",
        base(access_log_retention_days=0),
        r"argument 'access_log_retention_days' is 0",
    ),
    (
        "retention_a_bool",
        base(access_log_retention_days=True),
        r"argument 'access_log_retention_days' is True",
    ),
    (
        "retention_a_float",
        base(access_log_retention_days=30.0),
        r"argument 'access_log_retention_days' is 30\.0",
    ),
    (
        "log_kms_key_is_an_alias",
        base(access_log_kms_key_arn="alias/logs"),
        r"argument 'access_log_kms_key_arn' is 'alias/logs': CloudWatch Logs needs a KMS key ARN",
    ),
    (
        "log_field_replaces_required_field",
        base(access_log_fields={"requestId": "$context.extendedRequestId"}),
        r"argument 'access_log_fields\[\"requestId\"\]' is .*'requestId' is a required field",
    ),
    (
        "log_field_without_context_variable",
        base(access_log_fields={"user": "static"}),
        r"argument 'access_log_fields\[\"user\"\]' is 'static': a field is a single-line string "
        r"containing a \$context variable",
    ),
    (
        "log_field_with_newline",
        base(access_log_fields={"user": "$context.authorizer.claims.sub\n"}),
        r"argument 'access_log_fields\[\"user\"\]' is .*single-line",
    ),
    (
        "log_field_name_invalid",
        base(access_log_fields={"user sub": "$context.authorizer.claims.sub"}),
        r"argument 'access_log_fields' is 'user sub': field names are letters",
    ),
    (
        "log_format_above_3kb",
        base(
            access_log_fields={
                f"f{i}": "$context.authorizer.claims.some_long_claim_name" for i in range(60)
            }
        ),
        r"argument 'access_log_fields' is <60 fields>: the access-log format would be \d+ bytes; "
        r"API Gateway allows at most 3072",
    ),
]


DOMAIN_CASES: list[tuple[str, Any, str]] = [
    (
        "domain_name_upper_case",
        base(domain=domain(domain_name="API.example.com")),
        r"argument 'domain\.domain_name' is 'API\.example\.com': a custom domain name is a fully "
        r"qualified lower-case DNS name.*Fix: write 'api\.example\.com'",
    ),
    (
        "domain_name_single_label",
        base(domain=domain(domain_name="localhost")),
        r"argument 'domain\.domain_name' is 'localhost'",
    ),
    (
        "domain_name_trailing_dot",
        base(domain=domain(domain_name="api.example.com.")),
        r"'api\.example\.com\.'.*no trailing dot",
    ),
    (
        "domain_name_label_too_long",
        base(domain=domain(domain_name=("a" * 64) + ".example.com")),
        r"argument 'domain\.domain_name' is 'a{64}\.example\.com'",
    ),
    (
        "domain_name_missing",
        base(domain={"certificate_arn": CERT}),
        r"argument 'domain\.domain_name' is None",
    ),
    (
        "certificate_missing",
        base(domain={"domain_name": "api.example.com"}),
        r"argument 'domain\.certificate_arn' is None: a custom domain needs an ACM certificate ARN",
    ),
    (
        "certificate_not_acm",
        base(domain=domain(certificate_arn="arn:aws:iam::123456789012:server-certificate/x")),
        r"argument 'domain\.certificate_arn' is 'arn:aws:iam::.*ACM certificate ARN",
    ),
    (
        "api_mapping_key_with_leading_slash",
        base(domain=domain(api_mapping_key="/v1")),
        r"argument 'domain\.api_mapping_key' is '/v1': the base path is one or more segments",
    ),
    (
        "disable_execute_api_endpoint_not_bool",
        base(domain=domain(disable_execute_api_endpoint="yes")),
        r"argument 'domain\.disable_execute_api_endpoint' is 'yes': must be True or False",
    ),
]
