"""The account id and the execution role's trust policy, looked up once per program and provider.

Every ``Function`` needs the account id (the trust policy's ``aws:SourceAccount``, a service
principal's ``source_account``). Asking AWS once per function costs an invoke, its futures and an
``apply`` per function, and every answer is the same for functions that share an AWS provider.
So the first ``Function`` of a program asks, with itself as the invoke's parent (its provider is
the one the invoke uses), and every later ``Function`` whose provider is the same object reuses
the answer. A ``Function`` with another provider (``opts.provider`` or ``opts.providers``, or a
parent that carries one) gets its own lookup.

The answers are kept per program: per root stack resource (every program, and every test run
under Pulumi's mocks, has its own), and within it per resource monitor and event loop; they go
away with the program. Without a root resource (nothing to key on) every ``Function`` looks the
account up itself, as before.
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

_Key = tuple[int, int, str, int]
"""(id of the monitor, id of the event loop, what, id of the provider or 0)."""

_ATTRIBUTE = "_nova_compute_account_lookups"
"""Where the lookups of a program live: on its root stack resource, so they go away with it
(a module-level table would keep every finished program alive: the Outputs reference it)."""


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _shared(
    what: str, parent: pulumi.Resource, make: Callable[[], pulumi.Output[str]]
) -> pulumi.Output[str]:
    root = settings.get_root_resource()
    if root is None:
        return make()
    monitor, loop = settings.get_monitor(), _running_loop()
    provider = parent.get_provider(CALLER_IDENTITY)
    key = (id(monitor), id(loop), what, 0 if provider is None else id(provider))
    lookups: dict[_Key, tuple[Any, ...]] | None = getattr(root, _ATTRIBUTE, None)
    if lookups is None:
        lookups = {}
        setattr(root, _ATTRIBUTE, lookups)
    found = lookups.get(key)
    if found is None:
        found = (monitor, loop, provider, make())
        lookups[key] = found
    return found[3]


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
