"""The pure route-key helpers: parse_route_key and route_slug."""

import re

import pytest

from nova_api import parse_route_key
from nova_api._rules.routes import route_slug


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
