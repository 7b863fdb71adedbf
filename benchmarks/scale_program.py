"""The generated program of the scale benchmark: ``n`` functions behind one HTTP API.

Each function is a nova-compute ``Function`` with a small inline archive (no packaging), serves
``routes_per_function`` routes of one nova-api ``HttpApi`` and gets the standard alarms of one
nova-observability ``ServiceMonitor``, which also builds the one dashboard (split into pages by
the component when CloudWatch's widget or metric limits require it).
"""

from __future__ import annotations

from typing import Any

import pulumi

from nova_api import HttpApi, HttpApiArgs
from nova_compute import Function, FunctionArgs
from nova_observability import ServiceMonitor, ServiceMonitorArgs

HANDLER_SOURCE = (
    "import json\n\n\n"
    "def handler(event, context):\n"
    '    return {"statusCode": 200, "body": json.dumps({"ok": True})}\n'
)


def build(n: int, routes_per_function: int = 2) -> dict[str, Any]:
    """Register the program; returns the components (for the caller's checks)."""
    archive = pulumi.AssetArchive({"app.py": pulumi.StringAsset(HANDLER_SOURCE)})
    functions: dict[str, Function] = {}
    for index in range(n):
        key = f"fn{index:03d}"
        functions[key] = Function(
            f"scale-{key}",
            FunctionArgs(code=archive, handler="app.handler", timeout_seconds=10),
        )
    methods = ("GET", "POST", "PUT", "DELETE", "PATCH")
    routes = {
        f"{methods[r % len(methods)]} /{key}/r{r}": {"target": key}
        for key in functions
        for r in range(routes_per_function)
    }
    api = HttpApi("scale-http", HttpApiArgs(targets=dict(functions), routes=routes))
    monitor = ServiceMonitor(
        "scale-monitor",
        ServiceMonitorArgs(
            name_prefix="scale-bench",
            functions=dict(functions),
            apis={"http": api},
            service_name="scale",
            environment="bench",
        ),
    )
    pulumi.export("api_url", api.invoke_url)
    return {"functions": functions, "api": api, "monitor": monitor}
