"""The plan: every bad-input rule of security-rules.md B.4 (and the component's own rules) fails
before anything is registered, as a ``nova_core.NovaInputError`` naming component, argument,
value, rule and fix. The cases live in api_support/api_cases_*.py, one module per group of
concerns."""

from typing import Any

import pytest
from api_cases_args_and_targets import ARGUMENT_CASES, INTEGRATION_CASES, MISC_CASES, TARGET_CASES
from api_cases_cors_stage_throttling import CORS_CASES, STAGE_CASES, THROTTLING_CASES
from api_cases_logs_and_domain import ACCESS_LOG_CASES, DOMAIN_CASES
from api_cases_routes_and_auth import AUTHORIZATION_CASES, ROUTE_CASES

from nova_api import HttpApi
from nova_core import NovaInputError

# (id, args, regex the message must match)
CASES: list[tuple[str, Any, str]] = [
    *ARGUMENT_CASES,
    *TARGET_CASES,
    *INTEGRATION_CASES,
    *ROUTE_CASES,
    *AUTHORIZATION_CASES,
    *CORS_CASES,
    *STAGE_CASES,
    *THROTTLING_CASES,
    *ACCESS_LOG_CASES,
    *DOMAIN_CASES,
    *MISC_CASES,
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
