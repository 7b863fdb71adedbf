"""Rule cases (id, args, regex the message must match): arguments in general, targets and
integrations, integration settings, description and tags."""

from typing import Any

import pulumi
from api_plan_builders import FUNCTION_ARN, base, target

ARGUMENT_CASES: list[tuple[str, Any, str]] = [
    (
        "args_not_a_mapping",
        ["targets"],
        r"argument 'args' is \[\"targets\"\]: must be an HttpApiArgs",
    ),
    (
        "unknown_key_typo",
        base(cros={"allow_origins": ["https://a.example.com"]}),
        r"argument 'cros' is .*'cros' is not a known key\. Fix: did you mean 'cors'\?",
    ),
    (
        "waf_option",
        base(waf_acl_arn="arn:aws:wafv2:..."),
        r"argument 'waf_acl_arn' .*not available: AWS WAF cannot be associated with HTTP APIs "
        r"\(rule A-05.*CloudFront",
    ),
    (
        "caching_option",
        base(cache_cluster_enabled=True),
        r"argument 'cache_cluster_enabled' .*no response cache \(rule A-08",
    ),
    (
        "xray_option",
        base(xray_tracing_enabled=True),
        r"argument 'xray_tracing_enabled' .*X-Ray tracing \(rule A-07.*tracing on the Lambda",
    ),
    (
        "request_validation_option",
        base(request_validator="all"),
        r"argument 'request_validator' .*no request validation \(rule A-10",
    ),
    (
        "api_key_option_on_route",
        base(routes={"GET /items": {"api_key_required": True}}),
        r"argument 'routes\[\"GET /items\"\]\.api_key_required' .*no API keys or usage plans",
    ),
    (
        "execution_logging_option",
        base(logging_level="INFO"),
        r"argument 'logging_level' .*no execution logs \(rule A-06",
    ),
    (
        "resource_policy_option",
        base(resource_policy="{}"),
        r"argument 'resource_policy' .*no resource policies",
    ),
    (
        "private_endpoint_option",
        base(endpoint_type="PRIVATE"),
        r"argument 'endpoint_type' .*cannot be private",
    ),
]


TARGET_CASES: list[tuple[str, Any, str]] = [
    ("targets_missing", {"routes": {"GET /x": {}}}, r"argument 'targets' is None: at least one"),
    ("targets_empty", base(targets={}), r"argument 'targets' is \{\}: at least one Lambda target"),
    (
        "targets_not_a_mapping",
        base(targets=[target()]),
        r"argument 'targets' is \[.*must be a plain mapping",
    ),
    (
        "targets_an_output",
        base(targets=pulumi.Output.from_input({"items": target()})),
        r"argument 'targets' is .*must be a plain mapping",
    ),
    (
        "target_key_has_uppercase",
        base(targets={"Items": target()}, routes={"GET /x": {}}),
        r"argument 'targets' is 'Items': target keys name child resources",
    ),
    (
        "statement_id_would_be_invalid",
        base(),
        r"argument 'targets\[\"items\"\]' is 'my\.api-permission-items': .*statement id",
    ),
    (
        "target_without_invoke_arn",
        base(targets={"items": object()}),
        r"argument 'targets\[\"items\"\]' is <builtins\.object object>: a target is a nova-compute "
        r"Function",
    ),
    (
        "target_mapping_with_unknown_key",
        base(targets={"items": target(memory_mb=128)}),
        r"argument 'targets\[\"items\"\]\.memory_mb' is 128: 'memory_mb' is not a known key",
    ),
    (
        "invoke_arn_is_the_function_arn",
        base(targets={"items": target(invoke_arn=FUNCTION_ARN.format(name="items"))}),
        r"'targets\[\"items\"\]\.invoke_arn' is 'arn:aws:lambda:.*this is the function ARN, not "
        r"its invoke ARN.*invoke_arn output",
    ),
    (
        "invoke_arn_malformed",
        base(targets={"items": target(invoke_arn="items")}),
        r"'targets\[\"items\"\]\.invoke_arn' is 'items': an invoke ARN looks like",
    ),
    (
        "function_name_invalid",
        base(targets={"items": target(function_name="my function")}),
        r"'targets\[\"items\"\]\.function_name' is 'my function': a Lambda function name",
    ),
    (
        "timeout_not_an_int",
        base(targets={"items": target(timeout_seconds=True)}),
        r"'targets\[\"items\"\]\.timeout_seconds' is True: must be a whole number \(int; True/False",
    ),
    (
        "timeout_above_lambda_maximum",
        base(targets={"items": target(timeout_seconds=901)}),
        r"'targets\[\"items\"\]\.timeout_seconds' is 901: must be between 1 and 900",
    ),
    (
        "target_timeout_exceeds_integration_timeout",
        base(targets={"items": target(timeout_seconds=31)}),
        r"'targets\[\"items\"\]\.timeout_seconds' is 31: the function may run for 31 s but API "
        r"Gateway stops waiting after integration_timeout_ms=30000 ms.*at most 30 s",
    ),
    (
        "target_timeout_exceeds_custom_integration_timeout",
        base(targets={"items": target(timeout_seconds=6)}, integration_timeout_ms=5000),
        r"'targets\[\"items\"\]\.timeout_seconds' is 6: .*integration_timeout_ms=5000 ms",
    ),
    (
        "more_than_300_integrations",
        base(
            targets={f"fn{i}": target(f"fn{i}") for i in range(301)},
            routes={f"GET /r{i}": {"target": f"fn{i}"} for i in range(301)},
        ),
        r"argument 'targets' is <301 targets>: an HTTP API holds at most 300 integrations",
    ),
    (
        "target_unused",
        base(
            targets={"items": target(), "spare": target("spare")},
            routes={"GET /x": {"target": "items"}},
        ),
        r"argument 'targets' is \[\"spare\"\]: these targets are not used by any route",
    ),
]


INTEGRATION_CASES: list[tuple[str, Any, str]] = [
    (
        "integration_timeout_below_50",
        base(integration_timeout_ms=49),
        r"argument 'integration_timeout_ms' is 49: must be between 50 and 30000 .*integration "
        r"timeout is 50 to 30000",
    ),
    (
        "integration_timeout_above_30000",
        base(integration_timeout_ms=30_001),
        r"argument 'integration_timeout_ms' is 30001: .*30 s is a fixed maximum",
    ),
    (
        "integration_timeout_a_string",
        base(integration_timeout_ms="30000"),
        r"argument 'integration_timeout_ms' is '30000'",
    ),
    (
        "payload_format_unknown",
        base(payload_format_version="3.0"),
        r"argument 'payload_format_version' is '3\.0': Lambda proxy integrations accept payload "
        r"format '1\.0' or '2\.0'",
    ),
    (
        "payload_format_a_float",
        base(payload_format_version=2.0),
        r"argument 'payload_format_version' is 2\.0: .*\(strings\)",
    ),
]


MISC_CASES: list[tuple[str, Any, str]] = [
    (
        "description_too_long",
        base(description="d" * 1025),
        r"argument 'description' is 'd+\.\.\.: must be at most 1024 characters, this one has 1025",
    ),
    (
        "too_many_tags",
        base(tags={f"k{i}": "v" for i in range(51)}),
        r"argument 'tags' is 51 tags: at most 50 tags per resource \(AWS tagging rules\)",
    ),
    (
        "tag_key_reserved",
        base(tags={"aws:owner": "me"}),
        r"argument 'tags\[\"aws:owner\"\]' is 'aws:owner': tag keys starting with 'aws:' are "
        r"reserved for AWS",
    ),
    (
        "tag_value_too_long",
        base(tags={"owner": "x" * 257}),
        r"argument 'tags\[\"owner\"\]' is 'x+\.\.\.: must be at most 256 characters",
    ),
]
