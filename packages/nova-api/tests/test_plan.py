"""The plan: every bad-input rule of security-rules.md B.4 (and the component's own rules) fails
before anything is registered, as a ``nova_core.NovaInputError`` naming component, argument,
value, rule and fix; defaults and warnings of the plan."""

import re
from typing import Any

import pulumi
import pytest

from nova_api import HttpApi, parse_route_key
from nova_api._plan import COMPONENT, plan_http_api
from nova_api._rules.domain import check_certificate_region
from nova_api._rules.routes import route_slug
from nova_api._rules.targets import check_timeout
from nova_core import Checker, NovaInputError

CHECK = Checker(COMPONENT, "api")

FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:{name}"
INVOKE_ARN = (
    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    "arn:aws:lambda:us-east-1:123456789012:function:{name}/invocations"
)
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"
ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf"


def target(name: str = "items", **extra: Any) -> dict[str, Any]:
    return {"function_name": name, "invoke_arn": INVOKE_ARN.format(name=name), **extra}


def base(**overrides: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "targets": {"items": target()},
        "routes": {"GET /items": {}, "GET /health": {"public": True}},
    }
    args.update(overrides)
    return args


def jwt(**overrides: Any) -> dict[str, Any]:
    return {"issuer": ISSUER, "audiences": ["client-id"], **overrides}


def domain(**overrides: Any) -> dict[str, Any]:
    return {"domain_name": "api.example.com", "certificate_arn": CERT, **overrides}


def routes(*keys: str, **options: Any) -> dict[str, Any]:
    return {key: dict(options) for key in keys}


# (id, args, regex the message must match)
CASES: list[tuple[str, Any, str]] = [
    # -- arguments in general ----------------------------------------------------------------
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
    # -- targets and integrations --------------------------------------------------------------
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
    # -- integration settings ------------------------------------------------------------------
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
    # -- routes --------------------------------------------------------------------------------
    (
        "routes_missing",
        {"targets": {"items": target()}},
        r"argument 'routes' is None: at least one",
    ),
    ("routes_empty", base(routes={}), r"argument 'routes' is \{\}: at least one route"),
    (
        "route_key_unknown_method",
        base(routes=routes("FETCH /items")),
        r"argument 'routes' is 'FETCH /items': invalid route key: unknown method 'FETCH'",
    ),
    (
        "route_key_lower_case_method",
        base(routes=routes("get /items")),
        r"'get /items': invalid route key: methods are upper case\. Fix: write 'GET /items'",
    ),
    (
        "route_key_without_space",
        base(routes=routes("GET/items")),
        r"'GET/items': invalid route key: a route key is '\$default' or '<METHOD> <path>'",
    ),
    (
        "route_key_with_two_spaces",
        base(routes=routes("GET  /items")),
        r"'GET  /items': invalid route key: .*exactly one space",
    ),
    (
        "route_key_not_a_string",
        base(routes={42: {}}),
        r"argument 'routes' is 42: invalid route key: route keys must be strings",
    ),
    (
        "route_path_without_leading_slash",
        base(routes=routes("GET items")),
        r"'GET items': invalid route key: the path must start with '/'\. Fix: write 'GET /items'",
    ),
    (
        "route_path_with_trailing_slash",
        base(routes=routes("GET /items/")),
        r"'GET /items/': invalid route key: the path must not end with '/'",
    ),
    (
        "route_path_with_empty_segment",
        base(routes=routes("GET /items//x")),
        r"'GET /items//x': invalid route key: .*empty segments",
    ),
    (
        "route_greedy_variable_not_last",
        base(routes=routes("GET /{proxy+}/items")),
        r"invalid route key: the greedy path variable '\{proxy\+\}' must be the last path segment",
    ),
    (
        "route_path_variable_unclosed",
        base(routes=routes("GET /items/{id")),
        r"'GET /items/\{id': invalid route key: segment '\{id' is not a valid path variable",
    ),
    (
        "route_path_variable_part_of_segment",
        base(routes=routes("GET /items/{id}.json")),
        r"invalid route key: segment '\{id\}\.json' is not a valid path variable",
    ),
    (
        "route_path_variable_bad_name",
        base(routes=routes("GET /items/{id!}")),
        r"invalid route key: segment '\{id!\}' is not a valid path variable",
    ),
    (
        "route_path_variable_twice",
        base(routes=routes("GET /a/{id}/b/{id}")),
        r"invalid route key: path variable 'id' appears twice",
    ),
    (
        "route_path_bad_character",
        base(routes=routes("GET /items%20x")),
        r"invalid route key: segment 'items%20x' contains characters not allowed",
    ),
    (
        "route_path_express_parameter",
        base(routes=routes("GET /items/:id")),
        r"argument 'routes' is 'GET /items/:id': invalid route key: segment ':id' is an "
        r"Express-style path parameter.*Fix: write path variables in braces: 'GET /items/\{id\}'",
    ),
    (
        "route_path_express_parameters_everywhere",
        base(routes=routes("DELETE /users/:userId/items/:itemId")),
        r"segment ':userId' is an Express-style path parameter.*Fix: write path variables in "
        r"braces: 'DELETE /users/\{userId\}/items/\{itemId\}'",
    ),
    (
        "route_path_star_wildcard",
        base(routes=routes("GET /files/*")),
        r"'\*' is not a wildcard in API Gateway paths.*'GET /files/\{proxy\+\}'",
    ),
    (
        "routes_differ_only_in_variable_names",
        base(routes=routes("GET /items/{id}", "GET /items/{itemId}")),
        r"argument 'routes' is 'GET /items/\{itemId\}': conflicts with route 'GET /items/\{id\}'",
    ),
    (
        "routes_with_same_resource_name",
        base(routes=routes("GET /a-b", "GET /a/b")),
        r"argument 'routes\[\"GET /a/b\"\]' is 'get-a-b': .*resource name 'api-route-get-a-b'.*"
        r"explicit 'name'",
    ),
    (
        "route_name_invalid",
        base(routes={"GET /items": {"name": "Get Items"}}),
        r"'routes\[\"GET /items\"\]\.name' is 'Get Items': route names are",
    ),
    (
        "route_options_not_a_mapping",
        base(routes={"GET /items": "items"}),
        r"'routes\[\"GET /items\"\]' is 'items': must be a plain mapping",
    ),
    (
        "route_target_unknown",
        base(routes={"GET /items": {"target": "itmes"}}),
        r"'routes\[\"GET /items\"\]\.target' is 'itmes': no such target \(targets: items\)",
    ),
    (
        "route_target_missing_with_several_targets",
        base(
            targets={"a": target("a"), "b": target("b")},
            routes={"GET /a": {"target": "a"}, "GET /b": {}},
        ),
        r"'routes\[\"GET /b\"\]\.target' is None: with several targets \(a, b\) every route names",
    ),
    (
        "route_public_not_bool",
        base(routes={"GET /items": {"public": "yes"}}),
        r"'routes\[\"GET /items\"\]\.public' is 'yes': must be True or False",
    ),
    (
        "more_than_300_routes",
        base(routes={f"GET /r{i}": {} for i in range(301)}),
        r"argument 'routes' is <301 routes>: an HTTP API holds at most 300 routes",
    ),
    # -- authorization -------------------------------------------------------------------------
    (
        "default_authorization_custom",
        base(default_authorization="CUSTOM"),
        r"argument 'default_authorization' is 'CUSTOM': Lambda \(CUSTOM\) authorizers",
    ),
    (
        "default_authorization_unknown",
        base(default_authorization="BASIC"),
        r"argument 'default_authorization' is 'BASIC': allowed values are 'NONE', 'AWS_IAM'",
    ),
    (
        "default_authorization_jwt_without_authorizer",
        base(default_authorization="JWT"),
        r"argument 'default_authorization' is 'JWT': JWT authorization needs a JWT authorizer",
    ),
    (
        "default_authorization_none_with_authorizer",
        base(default_authorization="NONE", jwt_authorizer=jwt()),
        r"argument 'default_authorization' is 'NONE': with jwt_authorizer configured",
    ),
    (
        "jwt_issuer_not_https",
        base(jwt_authorizer=jwt(issuer="http://issuer.example.com")),
        r"argument 'jwt_authorizer\.issuer' is 'http://issuer\.example\.com': the issuer is the "
        r"identity provider's https URL",
    ),
    (
        "jwt_issuer_missing",
        base(jwt_authorizer={"audiences": ["a"]}),
        r"argument 'jwt_authorizer\.issuer' is None",
    ),
    (
        "jwt_audiences_missing",
        base(jwt_authorizer={"issuer": ISSUER}),
        r"argument 'jwt_authorizer\.audiences' is None: a JWT authorizer needs 1 to 50 audiences",
    ),
    (
        "jwt_audiences_empty",
        base(jwt_authorizer=jwt(audiences=[])),
        r"argument 'jwt_authorizer\.audiences' is \[\]: needs at least 1 item",
    ),
    (
        "jwt_audiences_more_than_50",
        base(jwt_authorizer=jwt(audiences=[f"c{i}" for i in range(51)])),
        r"argument 'jwt_authorizer\.audiences' is .*at most 50 items",
    ),
    (
        "jwt_audiences_a_string",
        base(jwt_authorizer=jwt(audiences="client-id")),
        r"argument 'jwt_authorizer\.audiences' is 'client-id': must be a list of strings",
    ),
    (
        "jwt_audience_blank",
        base(jwt_authorizer=jwt(audiences=[" "])),
        r"argument 'jwt_authorizer\.audiences' is \[\" \"\]: ' ' is not valid",
    ),
    (
        "jwt_identity_source_invalid",
        base(jwt_authorizer=jwt(identity_source="Authorization")),
        r"argument 'jwt_authorizer\.identity_source' is 'Authorization': a JWT identity source",
    ),
    (
        "jwt_name_too_long",
        base(jwt_authorizer=jwt(name="x" * 129)),
        r"argument 'jwt_authorizer\.name' is 'x{129}': an authorizer name is 1-128",
    ),
    (
        "jwt_authorizer_unknown_key",
        base(jwt_authorizer=jwt(audience=["a"])),
        r"argument 'jwt_authorizer\.audience' .*did you mean 'audiences'",
    ),
    (
        "scopes_on_public_route",
        base(
            jwt_authorizer=jwt(), routes={"GET /x": {"public": True, "authorization_scopes": ["a"]}}
        ),
        r"'routes\[\"GET /x\"\]\.authorization_scopes' is \[\"a\"\]: authorization scopes apply only "
        r"to routes authorized by the JWT authorizer \(this route's authorization is NONE\)",
    ),
    (
        "scopes_without_authorizer",
        base(default_authorization="AWS_IAM", routes={"GET /x": {"authorization_scopes": ["a"]}}),
        r"authorization scopes apply only .*\(this route's authorization is AWS_IAM\)",
    ),
    (
        "more_than_10_scopes",
        base(
            jwt_authorizer=jwt(),
            routes={"GET /x": {"authorization_scopes": [f"s{i}" for i in range(11)]}},
        ),
        r"'routes\[\"GET /x\"\]\.authorization_scopes' is .*at most 10 items",
    ),
    (
        "scope_with_space",
        base(jwt_authorizer=jwt(), routes={"GET /x": {"authorization_scopes": ["items read"]}}),
        r"'items read' is not valid: a scope is a non-empty string without spaces",
    ),
    # -- CORS ----------------------------------------------------------------------------------
    (
        "cors_credentials_with_star_origin",
        base(cors={"allow_origins": ["*"], "allow_credentials": True}),
        r"argument 'cors\.allow_credentials' is True: credentials cannot be allowed for the "
        r"wildcard origin '\*'",
    ),
    (
        "cors_credentials_with_scheme_wildcard_origin",
        base(cors={"allow_origins": ["https://*"], "allow_credentials": True}),
        r"argument 'cors\.allow_credentials' is True: .*wildcard origin 'https://\*'",
    ),
    (
        "cors_credentials_not_bool",
        base(cors={"allow_origins": ["https://a.example.com"], "allow_credentials": "true"}),
        r"argument 'cors\.allow_credentials' is 'true': must be True or False",
    ),
    (
        "cors_max_age_above_86400",
        base(cors={"allow_origins": ["https://a.example.com"], "max_age_seconds": 86_401}),
        r"argument 'cors\.max_age_seconds' is 86401: must be between -1 and 86400",
    ),
    (
        "cors_max_age_below_minus_1",
        base(cors={"allow_origins": ["https://a.example.com"], "max_age_seconds": -2}),
        r"argument 'cors\.max_age_seconds' is -2",
    ),
    (
        "cors_origins_missing",
        base(cors={"allow_methods": ["GET"]}),
        r"argument 'cors\.allow_origins' is None: CORS needs the list of origins",
    ),
    (
        "cors_origins_empty",
        base(cors={"allow_origins": []}),
        r"argument 'cors\.allow_origins' is \[\]: CORS needs the list of origins",
    ),
    (
        "cors_origins_a_string",
        base(cors={"allow_origins": "https://a.example.com"}),
        r"argument 'cors\.allow_origins' is 'https://a\.example\.com': must be a list of origins",
    ),
    (
        "cors_origin_with_path",
        base(cors={"allow_origins": ["https://a.example.com/app"]}),
        r"'https://a\.example\.com/app' is not an origin: '\*' or scheme://host\[:port\] without "
        r"a path",
    ),
    (
        "cors_origin_with_trailing_slash_and_upper_case",
        base(cors={"allow_origins": ["https://App.example.com/"]}),
        r"is not an origin.*Fix: write 'https://app\.example\.com' \(lower case, no path or '/'\)",
    ),
    (
        "cors_origin_without_scheme",
        base(cors={"allow_origins": ["app.example.com"]}),
        r"'app\.example\.com' is not an origin",
    ),
    (
        "cors_method_unknown",
        base(cors={"allow_origins": ["https://a.example.com"], "allow_methods": ["get"]}),
        r"argument 'cors\.allow_methods' is \[\"get\"\]: 'get' is not valid",
    ),
    (
        "cors_header_invalid",
        base(cors={"allow_origins": ["https://a.example.com"], "allow_headers": ["x header"]}),
        r"argument 'cors\.allow_headers' is \[\"x header\"\]: 'x header' is not valid",
    ),
    (
        "cors_expose_header_invalid",
        base(cors={"allow_origins": ["https://a.example.com"], "expose_headers": ["x:y"]}),
        r"argument 'cors\.expose_headers' is \[\"x:y\"\]",
    ),
    (
        "cors_unknown_key",
        base(cors={"allow_origins": ["https://a.example.com"], "max_age": 10}),
        r"argument 'cors\.max_age' is 10: 'max_age' is not a known key of cors.*did you mean "
        r"'max_age_seconds'",
    ),
    (
        "cors_preflight_would_hit_authorized_catch_all",
        base(
            jwt_authorizer=jwt(),
            cors={"allow_origins": ["https://a.example.com"]},
            routes={"ANY /{proxy+}": {}},
        ),
        r"argument 'routes' is 'ANY /\{proxy\+\}': CORS is configured and route 'ANY /\{proxy\+\}' "
        r"requires JWT authorization.*Fix: add a public preflight route, e\.g\. 'OPTIONS "
        r"/\{proxy\+\}': \{'target': 'items', 'public': True\}",
    ),
    (
        "cors_preflight_would_hit_authorized_default_route",
        base(
            default_authorization="AWS_IAM",
            cors={"allow_origins": ["https://a.example.com"]},
            routes={"$default": {}},
        ),
        r"argument 'routes' is '\$default': .*requires AWS_IAM authorization.*'OPTIONS /\{proxy\+\}'",
    ),
    # -- stage ---------------------------------------------------------------------------------
    (
        "stage_name_with_space",
        base(stage_name="my stage"),
        r"argument 'stage_name' is 'my stage': a stage name is '\$default' or 1-128 letters",
    ),
    (
        "stage_name_too_long",
        base(stage_name="s" * 129),
        r"argument 'stage_name' is 's{129}'",
    ),
    (
        "stage_name_other_dollar_name",
        base(stage_name="$prod"),
        r"argument 'stage_name' is '\$prod'",
    ),
    # -- throttling ----------------------------------------------------------------------------
    (
        "burst_above_account_limit",
        base(throttling_burst_limit=5001),
        r"argument 'throttling_burst_limit' is 5001: must be between 0 and 5000 \(API Gateway "
        r"account-level throttling quota",
    ),
    (
        "burst_negative",
        base(throttling_burst_limit=-1),
        r"argument 'throttling_burst_limit' is -1",
    ),
    (
        "burst_not_an_int",
        base(throttling_burst_limit=10.5),
        r"argument 'throttling_burst_limit' is 10\.5",
    ),
    (
        "burst_a_bool",
        base(throttling_burst_limit=True),
        r"argument 'throttling_burst_limit' is True: must be a whole number \(int; True/False",
    ),
    (
        "route_burst_a_bool",
        base(routes={"GET /items": {"throttling_burst_limit": False}}),
        r"argument 'routes\[\"GET /items\"\]\.throttling_burst_limit' is False: must be a whole",
    ),
    (
        "route_rate_a_bool",
        base(routes={"GET /items": {"throttling_rate_limit": True}}),
        r"argument 'routes\[\"GET /items\"\]\.throttling_rate_limit' is True: must be a number",
    ),
    (
        "integration_timeout_a_bool",
        base(integration_timeout_ms=True),
        r"argument 'integration_timeout_ms' is True: must be a whole number",
    ),
    (
        "cors_max_age_a_bool",
        base(cors={"allow_origins": ["https://a.example.com"], "max_age_seconds": True}),
        r"argument 'cors\.max_age_seconds' is True: must be a whole number",
    ),
    (
        "route_public_an_int",
        base(routes={"GET /items": {"public": 1}}),
        r"argument 'routes\[\"GET /items\"\]\.public' is 1: must be True or False",
    ),
    (
        "disable_execute_api_endpoint_an_int",
        base(domain=domain(disable_execute_api_endpoint=0)),
        r"argument 'domain\.disable_execute_api_endpoint' is 0: must be True or False",
    ),
    (
        "rate_above_account_limit",
        base(throttling_rate_limit=10_001),
        r"argument 'throttling_rate_limit' is 10001: must be between 0 and 10000",
    ),
    (
        "rate_negative",
        base(throttling_rate_limit=-0.5),
        r"argument 'throttling_rate_limit' is -0\.5",
    ),
    (
        "rate_a_bool",
        base(throttling_rate_limit=True),
        r"argument 'throttling_rate_limit' is True",
    ),
    (
        "route_burst_above_account_limit",
        base(routes={"GET /items": {"throttling_burst_limit": 6000}}),
        r"argument 'routes\[\"GET /items\"\]\.throttling_burst_limit' is 6000",
    ),
    (
        "route_rate_above_account_limit",
        base(routes={"GET /items": {"throttling_rate_limit": 20_000}}),
        r"argument 'routes\[\"GET /items\"\]\.throttling_rate_limit' is 20000",
    ),
    # -- access logs ---------------------------------------------------------------------------
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
    # -- custom domain -------------------------------------------------------------------------
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
    # -- misc ----------------------------------------------------------------------------------
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


# Cases that need another component name than "api".
COMPONENT_NAMES = {"statement_id_would_be_invalid": "my.api"}


@pytest.mark.parametrize(("case", "args", "message"), CASES, ids=[c[0] for c in CASES])
def test_fails_when_input_breaks_a_rule(mock_stack, case, args, message):
    component = COMPONENT_NAMES.get(case, "api")
    with pytest.raises(NovaInputError, match=message) as caught:
        mock_stack.run(lambda: HttpApi(component, args))
    text = str(caught.value)
    assert text.startswith(f"nova-api HttpApi '{component}': argument '")
    assert ". Fix: " in text
    assert mock_stack.last is not None
    assert mock_stack.last.resources == []


def test_every_case_id_is_unique():
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids))


# -- warnings ------------------------------------------------------------------------------------
def test_warns_when_burst_limit_is_zero():
    plan = plan_http_api("api", base(throttling_burst_limit=0))
    assert any("throttling_burst_limit is 0" in w and "429" in w for w in plan.warnings)


def test_warns_when_route_rate_limit_is_zero():
    plan = plan_http_api(
        "api", base(routes={"GET /items": {"throttling_rate_limit": 0, "public": True}})
    )
    assert plan.warnings == (
        "nova-api HttpApi 'api': routes[\"GET /items\"].throttling_rate_limit is 0, which blocks "
        "every request to this route with 429 Too Many Requests.",
    )


def test_warns_when_cors_allows_every_origin():
    plan = plan_http_api(
        "api", base(cors={"allow_origins": ["*"]}, default_authorization="AWS_IAM")
    )
    assert len(plan.warnings) == 1
    assert "cors.allow_origins contains '*'" in plan.warnings[0]
    assert "A-04" in plan.warnings[0]


def test_default_authorization_is_iam_without_an_authorizer():
    plan = plan_http_api("api", base())
    assert plan.warnings == ()
    assert {r.route_key: r.authorization_type for r in plan.routes}["GET /items"] == "AWS_IAM"


def test_warns_about_routes_without_authorization():
    plan = plan_http_api("api", base(default_authorization="NONE"))
    assert len(plan.warnings) == 1
    assert "route(s) GET /items have no authorization" in plan.warnings[0]
    assert "A-02" in plan.warnings[0]
    assert "GET /health" not in plan.warnings[0]


def test_no_warnings_for_a_secure_configuration():
    plan = plan_http_api("api", base(jwt_authorizer=jwt()))
    assert plan.warnings == ()


# -- values that are still outputs are left for later ---------------------------------------------
def test_output_values_are_not_checked_up_front():
    output = pulumi.Output.from_input
    plan = plan_http_api(
        "api",
        base(
            targets={"items": {"function_name": output("x"), "invoke_arn": output("y")}},
            integration_timeout_ms=output(10),
            throttling_burst_limit=output(10),
            jwt_authorizer={"issuer": output("i"), "audiences": output(["a"])},
            domain={"domain_name": "api.example.com", "certificate_arn": output("c")},
            cors={"allow_origins": [output("o")], "max_age_seconds": output(5)},
        ),
    )
    assert [r.route_key for r in plan.routes] == ["GET /health", "GET /items"]


def test_output_elements_and_output_lists_are_left_for_later():
    output = pulumi.Output.from_input
    plan = plan_http_api(
        "api",
        base(
            jwt_authorizer={"issuer": ISSUER, "audiences": ["client-a", output("client-b")]},
            cors={"allow_origins": output(["https://a.example.com"])},
            domain={"domain_name": output("api.example.com"), "certificate_arn": CERT},
        ),
    )
    assert plan.jwt_authorizer is not None
    assert plan.cors is not None
    assert plan.domain is not None


def test_route_options_may_be_none_and_wildcard_domains_are_valid():
    plan = plan_http_api(
        "api",
        base(
            routes={"GET /items": None, "GET /health": {"public": True}},
            domain={"domain_name": "*.api.example.com", "certificate_arn": CERT},
        ),
    )
    assert [r.target for r in plan.routes] == ["items", "items"]
    assert plan.domain is not None
    assert plan.domain["domain_name"] == "*.api.example.com"
    assert plan.domain["disable_execute_api_endpoint"] is True


def test_timeout_check_ignores_values_that_are_not_known_ints():
    check_timeout(CHECK, "items", None, 30_000)
    check_timeout(CHECK, "items", 60, None)
    check_timeout(CHECK, "items", True, 30_000)
    with pytest.raises(NovaInputError, match="may run for 60 s"):
        check_timeout(CHECK, "items", 60, 30_000)


def test_certificate_region_check_ignores_unknown_or_malformed_values():
    check_certificate_region(CHECK, None, "us-east-1")
    check_certificate_region(CHECK, "not-an-arn", "us-east-1")
    check_certificate_region(CHECK, CERT, "us-east-1")
    check_certificate_region(CHECK, CERT, None)
    with pytest.raises(NovaInputError, match="the certificate is in us-east-1"):
        check_certificate_region(CHECK, CERT, "eu-west-1")


def test_a_preflight_route_satisfies_the_cors_rule():
    plan = plan_http_api(
        "api",
        base(
            jwt_authorizer=jwt(),
            cors={"allow_origins": ["https://a.example.com"]},
            routes={"ANY /{proxy+}": {}, "OPTIONS /{path+}": {"public": True}},
        ),
    )
    assert {r.route_key: r.authorization_type for r in plan.routes} == {
        "ANY /{proxy+}": "JWT",
        "OPTIONS /{path+}": "NONE",
    }


def test_an_open_catch_all_needs_no_preflight_route():
    plan = plan_http_api(
        "api",
        base(
            cors={"allow_origins": ["https://a.example.com"]},
            routes={"$default": {}},
            default_authorization="NONE",
        ),
    )
    assert plan.cors is not None
    assert plan.cors["allow_methods"] == ["*"]


def test_route_name_resolves_a_slug_collision():
    plan = plan_http_api(
        "api", base(routes={"GET /a-b": {}, "GET /a/b": {"name": "get-a-slash-b"}})
    )
    assert {r.route_key: r.resource_suffix for r in plan.routes} == {
        "GET /a-b": "get-a-b",
        "GET /a/b": "get-a-slash-b",
    }


# -- pure helpers --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("GET /items", ("GET", "/items")),
        ("GET /items/{id}", ("GET", "/items/{id}")),
        ("ANY /{proxy+}", ("ANY", "/{proxy+}")),
        ("POST /", ("POST", "/")),
        (
            "DELETE /v1/items/{item.id}/tags/{tag-name}",
            ("DELETE", "/v1/items/{item.id}/tags/{tag-name}"),
        ),
        ("OPTIONS /a/{rest+}", ("OPTIONS", "/a/{rest+}")),
        ("$default", ("ANY", "$default")),
    ],
)
def test_parse_route_key(key, expected):
    parsed = parse_route_key(key)
    assert parsed == expected
    assert (parsed.method, parsed.path) == expected


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("GET items", "the path must start with '/'"),
        ("get /items", "methods are upper case"),
        ("GET /{proxy+}/x", "must be the last path segment"),
        ("$DEFAULT", "exactly one space"),
    ],
)
def test_parse_route_key_fails_when_key_is_invalid(key, message):
    with pytest.raises(
        ValueError, match=re.escape(f"route key {key!r}: ") + ".*" + re.escape(message)
    ):
        parse_route_key(key)


@pytest.mark.parametrize(
    ("key", "slug"),
    [
        ("GET /items/{id}", "get-items-id"),
        ("ANY /{proxy+}", "any-proxy"),
        ("GET /", "get-root"),
        ("$default", "default"),
        ("PUT /Items/{item.id}", "put-items-item-id"),
    ],
)
def test_route_slug(key, slug):
    assert route_slug(key) == slug
