"""Rule cases (id, args, regex the message must match): routes and authorization."""

from typing import Any

from api_plan_builders import ISSUER, base, jwt, routes, target

ROUTE_CASES: list[tuple[str, Any, str]] = [
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
]


AUTHORIZATION_CASES: list[tuple[str, Any, str]] = [
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
]
