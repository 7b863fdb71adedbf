"""The contract module: what the stacks import must be consistent and dependency-free."""

import re

from items_api import contract


def test_route_keys_are_http_api_route_keys():
    route_key = re.compile(r"(GET|PUT|DELETE|POST|PATCH) (/[a-z]+)+(/\{[a-z]+\})?")
    for key in contract.ROUTES:
        assert route_key.fullmatch(key), key
    assert len(set(contract.ROUTES)) == len(contract.ROUTES)
    assert set(contract.PUBLIC_ROUTES) == {"GET /health"}
    assert set(contract.PUBLIC_ROUTES) <= set(contract.ROUTES)


def test_environment_names():
    assert contract.REQUIRED_ENV == (
        "ITEMS_BUCKET",
        "ITEMS_PREFIX",
        "ITEMS_TABLE",
        "APP_ENVIRONMENT",
        "POWERTOOLS_SERVICE_NAME",
        "POWERTOOLS_METRICS_NAMESPACE",
        "CURSOR_KEY_SECRET_ARN",
    )
    assert contract.OPTIONAL_ENV == ("POWERTOOLS_LOG_LEVEL", "CURSOR_KEY_MAX_AGE_SECONDS")


def test_item_limits_are_the_shared_item_rules():
    from items_core import layout, rules

    assert contract.ID_PATTERN == rules.ID_PATTERN
    assert contract.ID_MAX_LENGTH == rules.ID_MAX_LENGTH
    assert contract.MAX_BODY_BYTES == rules.MAX_DOCUMENT_BYTES
    assert contract.MAX_JSON_DEPTH == rules.MAX_JSON_DEPTH
    assert contract.OBJECT_SUFFIX == layout.OBJECT_SUFFIX


def test_limits_are_consistent():
    assert 0 < contract.MAX_BODY_BYTES < 6 * 1024 * 1024
    assert 1 <= contract.LIST_LIMIT_DEFAULT <= contract.LIST_LIMIT_MAX <= 1000
    id_rule = re.compile(contract.ID_PATTERN)
    assert id_rule.fullmatch("a" * contract.ID_MAX_LENGTH)
    assert not id_rule.fullmatch("a" * (contract.ID_MAX_LENGTH + 1))
    assert not id_rule.fullmatch("")
    assert not id_rule.fullmatch("../etc")


def test_every_contract_route_is_served_and_no_other(make_event, invoke, store):
    """Each route key reaches a route (no 404/405); other methods on those paths get a 405."""
    served = set()
    for key in contract.ROUTES:
        method, template = key.split(" ", 1)
        path = template.replace("{id}", "contract-check")
        event = make_event(
            "put_item", method=method, path=path, body="{}", content_type="application/json"
        )
        reply = invoke(event)
        if reply.status >= 400:
            assert reply.error["code"] not in ("route_not_found", "method_not_allowed"), key
        served.add(key)
    assert served == set(contract.ROUTES)

    for path in ("/health", "/items", "/items/contract-check"):
        methods = {key.split(" ")[0] for key in contract.ROUTES if _matches(key, path)}
        for method in {"GET", "PUT", "POST", "PATCH", "DELETE", "HEAD", "OPTIONS"} - methods:
            reply = invoke(make_event("get_item", method=method, path=path))
            assert reply.status == 405, (method, path)
            assert reply.headers["Allow"] == ", ".join(sorted(methods))


def _matches(route_key: str, path: str) -> bool:
    template = route_key.split(" ", 1)[1]
    return re.fullmatch(re.sub(r"\\\{[a-z]+\\\}", "[^/]+", re.escape(template)), path) is not None


def test_resources_list_every_action_the_role_needs():
    actions = {action for resource in contract.RESOURCES.values() for action in resource["actions"]}
    assert actions == {
        *contract.S3_OBJECT_ACTIONS,
        *contract.S3_BUCKET_ACTIONS,
        *contract.SECRETS_ACTIONS,
        *contract.TABLE_ACTIONS,
    }
    assert contract.TABLE_ACTIONS == ("dynamodb:PutItem", "dynamodb:DeleteItem")
