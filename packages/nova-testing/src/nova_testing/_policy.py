"""nova-policy, imported only when a rule check is asked for (it is an optional dependency)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

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


def check_run(recording: Any, project: Path, config: str | None, out: TextIO, err: TextIO) -> int:
    """``nova-preview --check``: print the rule report; 1 if a mandatory rule is broken, 2 if
    nova-policy or its config is missing or malformed, else 0."""
    try:
        policy = nova_policy()
    except ImportError as error:
        err.write(f"nova-preview: {error}\n")
        return 2
    path = Path(config) if config else project / policy.DEFAULT_CONFIG_FILE
    try:
        loaded = policy.load_config(path) if config or path.is_file() else None
    except policy.ConfigError as error:
        err.write(f"nova-preview: {error}\n")
        return 2
    report = policy.check_records(recording.resources, loaded)
    source = f" (config {path})" if loaded is not None else ""
    out.write(f"nova-policy rules{source}:\n{report.format()}\n")
    return 1 if report.failed else 0
