"""Rule cases (id, args, regex the message must match): CORS, stage and throttling."""

from typing import Any

from api_plan_builders import base, domain, jwt

CORS_CASES: list[tuple[str, Any, str]] = [
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
]


STAGE_CASES: list[tuple[str, Any, str]] = [
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
]


THROTTLING_CASES: list[tuple[str, Any, str]] = [
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
]
