"""nova-policy, imported only when a rule check is asked for (it is an optional dependency)."""

from __future__ import annotations

from types import ModuleType

INSTALL_HINT = (
    "checking rules needs the nova-policy package: pip install nova-policy "
    "(or pip install 'nova-testing[policy]')"
)


def nova_policy() -> ModuleType:
    """The ``nova_policy`` module, or an ImportError saying how to install it."""
    try:
        import nova_policy  # noqa: PLC0415 - optional dependency, imported on use
    except ImportError as error:
        raise ImportError(INSTALL_HINT) from error
    return nova_policy
