"""nova-api: an API Gateway HTTP API (v2) component for Lambda functions, with safe defaults."""

from .__about__ import __version__
from ._access_log import ACCESS_LOG_FORMAT, REQUIRED_ACCESS_LOG_FIELDS, render_access_log_format
from ._rules.routes import HTTP_METHODS, RouteKey, parse_route_key
from .http_api import (
    TYPE_TOKEN,
    CorsArgs,
    DomainArgs,
    DomainTarget,
    FunctionTarget,
    HttpApi,
    HttpApiArgs,
    JwtAuthorizerArgs,
    LambdaTarget,
    RouteArgs,
)

__all__ = [
    # component
    "HttpApi",
    "HttpApiArgs",
    "TYPE_TOKEN",
    # argument and output shapes
    "CorsArgs",
    "DomainArgs",
    "DomainTarget",
    "FunctionTarget",
    "JwtAuthorizerArgs",
    "LambdaTarget",
    "RouteArgs",
    # pure helpers
    "ACCESS_LOG_FORMAT",
    "HTTP_METHODS",
    "REQUIRED_ACCESS_LOG_FIELDS",
    "RouteKey",
    "parse_route_key",
    "render_access_log_format",
    "__version__",
]
