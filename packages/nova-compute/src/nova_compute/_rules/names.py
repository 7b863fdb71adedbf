"""Names: the component name (base of its children's names) and the explicit physical names."""

from __future__ import annotations

import re
from typing import Any

from nova_core import Checker
from nova_core.iam import ROLE_NAME
from nova_core.patterns import LazyPattern

FUNCTION_NAME = LazyPattern(r"[A-Za-z0-9_-]{1,64}")
POLICY_NAME = LazyPattern(r"[\w+=,.@-]{1,128}", re.ASCII)
ROLE_PATH = LazyPattern(r"/|/[\x21-\x7e]{1,510}/")
LOG_GROUP_NAME = LazyPattern(r"[.\-_/#A-Za-z0-9]{1,512}")

AUTONAME_SUFFIX = 8
"""Pulumi auto-names append ``-`` and 7 hex characters to the logical name."""
FUNCTION_CHILD = "-function"
ROLE_CHILD = "-role"
LONGEST_POLICY_CHILD = "-policy-" + "k" * 40  # add_policy_statements keys are <= 40


def check_component_name(checker: Checker, name: Any, function_name: Any, role_name: Any) -> None:
    """The component name feeds the auto-names of the function, the role and the policies."""
    if (
        not isinstance(name, str)
        or not POLICY_NAME.fullmatch(name)
        or (len(name) + len(LONGEST_POLICY_CHILD) + AUTONAME_SUFFIX > 128)
    ):
        checker.fail(
            "name",
            name,
            "the component name is the base of its children's names and IAM policy names "
            "allow only letters, digits and +=,.@_- (at most 128 characters with suffixes)",
            "use a short name of letters, digits and hyphens, e.g. 'orders-api'",
            source="IAM PutRolePolicy",
        )
    for explicit, argument, child, pattern, service, source in (
        (function_name, "function_name", FUNCTION_CHILD, FUNCTION_NAME, "Lambda",
         "Lambda CreateFunction"),
        (role_name, "role_name", ROLE_CHILD, ROLE_NAME, "IAM", "IAM CreateRole"),
    ):  # fmt: skip
        limit = 64 - len(child) - AUTONAME_SUFFIX
        if explicit is None and (not pattern.fullmatch(name) or len(name) > limit):
            checker.fail(
                "name",
                name,
                f"without '{argument}' the name is '<name>{child}-<7 hex>', which {service} "
                f"limits to 64 of its allowed characters (so the name at most {limit}, and no "
                "characters the name may not hold)",
                f"shorten the component name or set '{argument}' explicitly",
                source=source,
            )


def check_physical_names(
    checker: Checker, function_name: Any, role_name: Any, role_path: Any, log_group_name: Any
) -> None:
    """Explicit names follow the naming rules of their service."""
    checker.string(
        "function_name",
        function_name,
        pattern=FUNCTION_NAME,
        rule="Lambda function names are 1-64 letters, digits, '-' or '_'",
        fix="use e.g. 'orders-api'",
        source="Lambda CreateFunction",
    )
    checker.string(
        "role_name",
        role_name,
        pattern=ROLE_NAME,
        rule="IAM role names are 1-64 characters of letters, digits and +=,.@_-",
        fix="use e.g. 'orders-api-role'",
        source="IAM CreateRole",
    )
    checker.string(
        "role_path",
        role_path,
        pattern=ROLE_PATH,
        rule="an IAM path is '/' or starts and ends with '/', 1-512 printable ASCII characters",
        fix="use e.g. '/service-roles/'",
        source="IAM CreateRole",
    )
    checker.string(
        "log_group_name",
        log_group_name,
        pattern=LOG_GROUP_NAME,
        rule="log group names are 1-512 characters of letters, digits and . - _ / #",
        fix="use e.g. '/aws/lambda/orders-api'",
        source="CloudWatch Logs CreateLogGroup",
    )
