"""The account id and the execution role's trust policy, looked up once per program and provider.

Every ``Function`` needs the account id (the trust policy's ``aws:SourceAccount``, a service
principal's ``source_account``). Asking AWS once per function costs an invoke, its futures and an
``apply`` per function, and every answer is the same for functions that share an AWS provider.
So the first ``Function`` of a program asks, with itself as the invoke's parent (its provider is
the one the invoke uses), and every later ``Function`` whose provider is the same object reuses
the answer. A ``Function`` with another provider (``opts.provider`` or ``opts.providers``, or a
parent that carries one) gets its own lookup. A new program (a new root stack resource or a new
resource monitor or event loop, as test runs have) starts empty.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pulumi
import pulumi_aws as aws
from pulumi.runtime import settings

from ._policies import to_json, trust_policy

__all__ = ["account_id", "trust_policy_json"]

CALLER_IDENTITY = "aws:index/getCallerIdentity:getCallerIdentity"

_program: list[Any] = [None, None, None]
"""The (root resource, resource monitor, event loop) the cached lookups belong to."""
_lookups: dict[tuple[str, int], tuple[Any, pulumi.Output[str]]] = {}
"""(what, id of the provider or 0) -> (the provider, kept alive so its id stays unique; the
Output)."""


def _shared(
    what: str, parent: pulumi.Resource, make: Callable[[], pulumi.Output[str]]
) -> pulumi.Output[str]:
    program = [settings.get_root_resource(), settings.get_monitor(), _running_loop()]
    if any(now is not before for now, before in zip(program, _program, strict=True)):
        _lookups.clear()
        _program[:] = program
    provider = parent.get_provider(CALLER_IDENTITY)
    key = (what, 0 if provider is None else id(provider))
    found = _lookups.get(key)
    if found is None:
        found = (provider, make())
        _lookups[key] = found
    return found[1]


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def account_id(parent: pulumi.Resource) -> pulumi.Output[str]:
    """The account id of ``parent``'s AWS provider (one ``getCallerIdentity`` per provider)."""
    return _shared(
        "account",
        parent,
        lambda: aws.get_caller_identity_output(
            opts=pulumi.InvokeOutputOptions(parent=parent)
        ).account_id,
    )


def trust_policy_json(
    parent: pulumi.Resource, resolved: Callable[[Any, str], str]
) -> pulumi.Output[str]:
    """The execution role's trust policy for ``parent``'s account, rendered once per provider.

    ``resolved`` turns the looked-up account id into a string or raises the component's error
    (an account id that resolved empty happens only under mocks that echo inputs)."""
    return _shared(
        "trust",
        parent,
        lambda: account_id(parent).apply(
            lambda account: to_json(trust_policy(resolved(account, "account id")))
        ),
    )
