"""Names: resource keys, the alarm name prefix and the runbook link.

Keys of monitored resources and subscriptions become part of child and alarm names, so they are
short and stable; the prefix starts every alarm name (unique per account and Region).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from nova_core import Checker
from nova_core.patterns import LazyPattern

KEY_RULE = (
    "keys must be 1-64 characters of letters, digits, '_' and '-', starting with a letter or "
    "digit (they become part of resource and alarm names)"
)
MAX_RUNBOOK_URL = 512
MAX_PREFIX = 200

_KEY_RE = LazyPattern(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_PREFIX_RE = LazyPattern(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def key(check: Checker, argument: str, value: Any, *, rule: str = KEY_RULE) -> str:
    if not isinstance(value, str) or not _KEY_RE.fullmatch(value):
        check.fail(argument, value, rule, "use a short stable key such as 'orders-api'")
    return value


def name_prefix(check: Checker, argument: str, value: Any) -> str:
    prefix = check.string(argument, value, plain=True)
    assert prefix is not None
    if len(prefix) > MAX_PREFIX or not _PREFIX_RE.fullmatch(prefix):
        check.fail(
            argument,
            value,
            f"the name prefix must be 1-{MAX_PREFIX} characters of letters, digits, '_', '.' "
            "and '-', starting with a letter or digit",
            "use '<project>-<stack>', e.g. 'shop-prod'",
        )
    return prefix


def runbook_url(check: Checker, argument: str, value: Any) -> str | None:
    url = check.string(argument, value, plain=True)
    if url is None:
        return None
    parsed = urlparse(url)
    if parsed.scheme != "https" or not parsed.hostname or len(url) > MAX_RUNBOOK_URL:
        check.fail(
            argument,
            value,
            f"runbook links must be https:// URLs of at most {MAX_RUNBOOK_URL} characters "
            "(they go into every alarm description, limited to 1,024 characters)",
            "use e.g. 'https://wiki.example.com/runbooks/shop'",
        )
    return url
