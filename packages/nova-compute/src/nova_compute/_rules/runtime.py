"""Runtime (lifecycle table), architecture and handler, and the handler module in the zip."""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nova_compute import runtimes
from nova_core import Checker
from nova_core.patterns import LazyPattern

from . import warn

ARCHITECTURES = ("arm64", "x86_64")
PY_HANDLER = LazyPattern(r"[A-Za-z_]\w*(?:[./][A-Za-z_]\w*)*\.[A-Za-z_]\w*", re.ASCII)


def is_python(runtime: Any) -> bool:
    """``True`` for a plain Python runtime name."""
    return isinstance(runtime, str) and runtime.startswith("python")


def check_runtime(checker: Checker, runtime: Any) -> None:
    """Known to the lifecycle table and not deprecated (a warning when deprecation is near)."""
    if checker.string("runtime", runtime) is None:
        return
    status = runtimes.check_runtime(runtime)
    if status.level == "error":
        checker.fail(
            "runtime",
            runtime,
            status.message,
            f"set 'runtime' to a supported runtime, e.g. '{runtimes.DEFAULT_RUNTIME}'",
            source="Lambda runtime deprecation policy",
        )
    if status.level == "warning":
        warn(checker, "runtime", runtime, status.message)


def check_architecture(checker: Checker, architecture: Any) -> None:
    checker.one_of("architecture", architecture, ARCHITECTURES, source="Lambda Architectures")


def check_handler(checker: Checker, handler: Any, runtime: Any) -> None:
    """At most 128 characters without whitespace; ``module.function`` for Python."""
    if checker.string("handler", handler) is None:
        return
    if len(handler) > 128 or re.search(r"\s", handler):
        checker.fail(
            "handler",
            handler,
            "a handler is at most 128 characters with no whitespace",
            "use '<module>.<function>', e.g. 'app.handler'",
            source="Lambda CreateFunction",
        )
    if is_python(runtime) and not PY_HANDLER.fullmatch(handler):
        checker.fail(
            "handler",
            handler,
            "a Python handler is '<module>.<function>' where the module may be nested as "
            "'pkg/mod' or 'pkg.mod'",
            "use e.g. 'app.handler' or 'orders.api.handler'",
        )


def check_handler_module(
    checker: Checker, handler: Any, runtime: Any, files: Sequence[str], code_root: Path | None
) -> None:
    """The handler's module must be in the zip, else every invocation fails with
    ``Runtime.ImportModuleError``."""
    if not (isinstance(handler, str) and is_python(runtime)):
        return
    module, function = handler.rsplit(".", 1)
    base = module.replace(".", "/")
    candidates = (f"{base}.py", f"{base}/__init__.py")
    found = next((c for c in candidates if c in files), None)
    if found is None:
        top = sorted({f for f in files if f.endswith(".py") and "/" not in f})[:8]
        checker.fail(
            "handler",
            handler,
            f"module '{module}' is not in the code archive (looked for {' or '.join(candidates)}); "
            "Lambda would fail every invocation with Runtime.ImportModuleError",
            f"point 'handler' at a module in the code folder (top-level modules: "
            f"{', '.join(top) or 'none'}) or fix 'code_path'",
        )
    if code_root is not None and (code_root / found).is_file():
        try:
            tree = ast.parse((code_root / found).read_text("utf-8"))
        except (SyntaxError, UnicodeDecodeError) as exc:
            checker.fail(
                "handler",
                handler,
                f"module file {found} does not parse as Python ({exc})",
                "fix the syntax error before deploying",
            )
        if function not in _top_level_names(tree):
            warn(
                checker,
                "handler",
                handler,
                f"{found} defines no top-level '{function}' (it may be created dynamically; "
                "otherwise every invocation fails)",
            )


def _top_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names
