"""The functions' contracts and code locations, loaded by path.

Each function under ``functions/`` has a dependency-free ``contract.py`` (handler path, environment
variables with their allowed values, the resources it needs, the table layout). The stacks read
them here so that the infrastructure and the handlers cannot drift apart; nothing else of the
functions is imported. What the contracts share (common variables, log levels, the table layout)
lives in ``functions/shared/items_core``, standard library only, which each function's zip holds
as the top-level package ``items_core``; it is put on ``sys.path`` here, as it is in Lambda.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

REPOSITORY = Path(__file__).resolve().parent.parent
FUNCTIONS = REPOSITORY / "functions"
SHARED = FUNCTIONS / "shared"
"""Holds ``items_core``, which the contracts import."""

PACKAGES = {"api": "items_api", "importer": "items_importer", "worker": "items_worker"}
"""Function folder -> the package in it that holds ``contract.py`` and the handler."""


@dataclass(frozen=True)
class FunctionSource:
    """Where a function's code lives and what its contract says."""

    folder: Path
    contract: ModuleType

    @property
    def requirements_file(self) -> str:
        return str(self.folder / "requirements.txt")


@cache
def load_contract(function: str = "api") -> ModuleType:
    """The contract module of ``functions/<function>`` (standard library only)."""
    path = FUNCTIONS / function / PACKAGES[function] / "contract.py"
    if str(SHARED) not in sys.path:
        sys.path.append(str(SHARED))
    spec = importlib.util.spec_from_file_location(f"{PACKAGES[function]}_contract", path)
    if spec is None or spec.loader is None:  # pragma: no cover - the file is in the repository
        raise RuntimeError(f"cannot load the contract of functions/{function} from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def source(function: str) -> FunctionSource:
    return FunctionSource(FUNCTIONS / function, load_contract(function))
