"""One measured thing per process: ``benchmarks/run.py`` starts this script for every sample.

Usage: ``python benchmarks/child.py <mode> [arguments]``. Each mode does its work and writes one
JSON object on the last line of stdout (what it saw and its own timings); the parent measures the
wall time of the whole process and reads its peak memory from ``wait4``.

Modes:
  floor MODULE=CLASS ...     empty program under nova-testing's mocks, plus the first use of one
                             class of each listed pulumi_aws sub-module
  floor+imports MODULE=CLASS ...
                             the same, plus importing the four component packages
  stack PROJECT_DIR STACK [DUMP]
                             one stack's program under the mocks (``nova_testing.run_stack``);
                             DUMP: write its custom resources (type, name, inputs) there
  replay DUMP                those resources again, straight from pulumi_aws, under the mocks
  scale N [raw] [nogc] [routes=K]
                             the generated scale program with N functions and K routes each
                             (default 2; ``raw``: the same resources straight from pulumi_aws;
                             ``nogc``: garbage collector off)
  package CACHE_DIR          build the api function's archive with its dependencies
  import MODULE [as-shipped] import a handler module (``items_api.handler`` or ``bare_handler``)
  requests ROUNDS CALLS      per-request cost of both handlers, interleaved, in this process
"""

# Each mode imports what it measures inside the mode, after the clock started.
# ruff: noqa: PLC0415

from __future__ import annotations

import time

STARTED = time.perf_counter()

import gc  # noqa: E402

_GC = {"seconds": 0.0, "collections": [0, 0, 0], "start": 0.0}


def _gc_clock(phase: str, info: dict[str, int]) -> None:
    """Time spent in the cyclic garbage collector (reported, not changed)."""
    if phase == "start":
        _GC["start"] = time.perf_counter()
    else:
        _GC["seconds"] += time.perf_counter() - _GC["start"]
        _GC["collections"][info["generation"]] += 1


gc.callbacks.append(_gc_clock)

import io  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

BENCHMARKS = Path(__file__).resolve().parent
REPOSITORY = BENCHMARKS.parent
FUNCTION_DIR = REPOSITORY / "functions" / "api"
EVENTS_DIR = FUNCTION_DIR / "tests" / "events"


def _emit(result: dict[str, Any]) -> None:
    result["child_seconds"] = time.perf_counter() - STARTED
    result["gc_seconds"] = _GC["seconds"]
    result["gc_collections"] = list(_GC["collections"])
    # Which package sources ran (``run.py --compare-tree`` puts another revision's first).
    result["nova_compute_file"] = getattr(sys.modules.get("nova_compute"), "__file__", None)
    result["nova_testing_file"] = getattr(sys.modules.get("nova_testing"), "__file__", None)
    out = sys.__stdout__
    assert out is not None
    out.write("\n" + json.dumps(result, sort_keys=True, default=str) + "\n")
    out.flush()


def _aws_modules_loaded() -> list[str]:
    """pulumi_aws sub-modules whose code actually ran (lazy stubs do not count)."""
    prefix = "pulumi_aws."
    loaded = {n.split(".")[1] for n in sys.modules if n.startswith(prefix) and n.count(".") >= 2}
    return sorted(loaded)


def _module_of(type_token: str) -> str | None:
    """``aws:lambda/function:Function`` -> ``lambda_`` (the pulumi_aws attribute)."""
    package, _, rest = type_token.partition(":")
    if package != "aws" or "/" not in rest:
        return None
    module = rest.split("/", 1)[0]
    return "lambda_" if module == "lambda" else module


# -- modes ------------------------------------------------------------------------------------
def floor(specs: list[str], *, nova_imports: bool = False) -> None:
    import pulumi_aws as aws

    import nova_testing

    pairs = [spec.split("=", 1) for spec in specs]

    def program() -> None:
        for module, cls in pairs:
            getattr(getattr(aws, module), cls)
        if nova_imports:  # what the stacks import, without running their program
            import nova_api  # noqa: F401
            import nova_compute  # noqa: F401
            import nova_observability  # noqa: F401
            import nova_storage  # noqa: F401

    nova_testing.MockStack().run(program)
    _emit({"modules_loaded": _aws_modules_loaded()})


def _plain_inputs(value: Any) -> Any:
    """JSON for recorded inputs; a file archive is kept as its path."""
    import pulumi

    if isinstance(value, pulumi.FileArchive):
        return {"__file_archive__": value.path}
    if isinstance(value, dict):
        return {k: _plain_inputs(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain_inputs(v) for v in value]
    return value


def stack(project_dir: str, stack_name: str, dump: str = "") -> None:
    import nova_testing

    imported = time.perf_counter()
    run = nova_testing.run_stack(project_dir, stack_name)
    evaluated = time.perf_counter()
    if dump:  # the custom resources, for ``replay``
        resources = [
            {"type": r.type, "name": r.name, "inputs": _plain_inputs(r.inputs)}
            for r in run.resources
            if r.custom
        ]
        Path(dump).write_text(json.dumps(resources))
    used: dict[str, str] = {}
    for resource in run.resources:
        module = _module_of(resource.type)
        if module is not None:
            used.setdefault(module, resource.type.rsplit(":", 1)[1])
    built = [
        resource.inputs.get("sourceCodeHash")
        for resource in run.resources
        if resource.type == "aws:lambda/function:Function"
    ]
    _emit(
        {
            "resources": len(run.resources),
            "evaluate_seconds": evaluated - imported,
            "modules_used": used,
            "modules_loaded": _aws_modules_loaded(),
            "source_code_hashes": built,
        }
    )


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _class_of(aws: Any, type_token: str) -> Any:
    """``aws:lambda/function:Function`` -> ``pulumi_aws.lambda_.Function``; other packages
    (``random:index/randomPassword:RandomPassword``) from their own ``pulumi_<package>``."""
    module = _module_of(type_token)
    if module is not None:
        return getattr(getattr(aws, module), type_token.rsplit(":", 1)[1])
    import importlib

    package, path, name = type_token.split(":")
    found = importlib.import_module(f"pulumi_{package}")
    section = path.split("/", 1)[0]
    return getattr(found if section == "index" else getattr(found, section), name)


def replay(path: str) -> None:
    """The custom resources a stack registered, registered again straight with pulumi_aws: same
    types, names and (resolved) inputs; no components, no parents, no outputs wired between
    them."""
    import pulumi
    import pulumi_aws as aws

    import nova_testing

    recorded = json.loads(Path(path).read_text())

    def revive(value: Any) -> Any:
        if isinstance(value, dict) and set(value) == {"__file_archive__"}:
            return pulumi.FileArchive(value["__file_archive__"])
        return value

    def program() -> None:
        for resource in recorded:
            cls = _class_of(aws, resource["type"])
            inputs = {_snake(k): revive(v) for k, v in resource["inputs"].items()}
            cls(resource["name"], **inputs)

    imported = time.perf_counter()
    recording = nova_testing.MockStack().run(program)
    _emit(
        {
            "resources": len(recording.resources),
            "evaluate_seconds": time.perf_counter() - imported,
        }
    )


def _policy_sizes(recording: Any) -> dict[str, int]:
    sizes = {"role_policy_chars_max": 0, "dashboard_body_bytes_max": 0}
    for resource in recording.resources:
        if resource.type == "aws:iam/rolePolicy:RolePolicy":
            text = json.dumps(json.loads(resource.inputs["policy"]), separators=(",", ":"))
            sizes["role_policy_chars_max"] = max(sizes["role_policy_chars_max"], len(text))
        if resource.type == "aws:cloudwatch/dashboard:Dashboard":
            body = resource.inputs["dashboardBody"]
            sizes["dashboard_body_bytes_max"] = max(
                sizes["dashboard_body_bytes_max"], len(body.encode())
            )
            widgets = json.loads(body)["widgets"]
            most = sizes.get("dashboard_widgets_max", 0)
            sizes["dashboard_widgets_max"] = max(most, len(widgets))
            metrics = sum(len(w.get("properties", {}).get("metrics") or []) for w in widgets)
            sizes["dashboard_metrics_max"] = max(sizes.get("dashboard_metrics_max", 0), metrics)
    return sizes


def scale(n: str, *flags: str) -> None:
    sys.path.insert(0, str(BENCHMARKS))
    import nova_testing

    program = __import__("scale_raw" if "raw" in flags else "scale_program")
    routes = next((int(f.split("=", 1)[1]) for f in flags if f.startswith("routes=")), 2)
    if "nogc" in flags:
        gc.disable()
    imported = time.perf_counter()
    harness = nova_testing.MockStack()
    try:
        recording = harness.run(lambda: program.build(int(n), routes))
    except Exception as error:  # the limit probes record the refusal
        _emit(
            {
                "error_type": type(error).__name__,
                "error": str(error),
                "evaluate_seconds": time.perf_counter() - imported,
            }
        )
        return
    evaluated = time.perf_counter()
    types = recording.types()
    _emit(
        {
            "resources": len(recording),
            "evaluate_seconds": evaluated - imported,
            "functions": types.get("aws:lambda/function:Function", 0),
            "routes": types.get("aws:apigatewayv2/route:Route", 0),
            "integrations": types.get("aws:apigatewayv2/integration:Integration", 0),
            "permissions": types.get("aws:lambda/permission:Permission", 0),
            "alarms": types.get("aws:cloudwatch/metricAlarm:MetricAlarm", 0),
            "dashboards": types.get("aws:cloudwatch/dashboard:Dashboard", 0),
            **_policy_sizes(recording),
        }
    )


def package(cache_dir: str) -> None:
    from nova_compute.packaging import build_archive

    started = time.perf_counter()
    built = build_archive(
        FUNCTION_DIR,
        requirements_file=FUNCTION_DIR / "requirements.txt",
        cache_dir=cache_dir,
    )
    seconds = time.perf_counter() - started
    _emit(
        {
            "build_seconds": seconds,
            "reused": built.reused,
            "zip_bytes": built.size,
            "unzipped_bytes": built.unzipped_size,
            "files": len(built.files),
            "sha256": built.sha256_hex,
            "path": str(built.path),
        }
    )


def import_handler(module: str, *flags: str) -> None:
    if "as-shipped" not in flags:  # else: the unpacked zip, on PYTHONPATH, is all there is
        sys.path.insert(0, str(FUNCTION_DIR))
        sys.path.insert(0, str(BENCHMARKS))
    started = time.perf_counter()
    __import__(module)
    seconds = time.perf_counter() - started
    _emit({"import_seconds": seconds, "modules": len(sys.modules)})


# -- per-request ------------------------------------------------------------------------------
class _NoSuchKeyError(Exception):
    def __init__(self) -> None:
        super().__init__("NoSuchKey")
        self.response = {"Error": {"Code": "NoSuchKey"}}


class _PreconditionFailedError(Exception):
    def __init__(self) -> None:
        super().__init__("PreconditionFailed")
        self.response = {"Error": {"Code": "PreconditionFailed"}}


class MemoryS3:
    """The S3 calls ``ItemStore`` makes, answered from a dict (no boto3, no network)."""

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}

    def get_object(self, Bucket: str, Key: str) -> dict[str, Any]:  # noqa: N803
        data = self.objects.get(Key)
        if data is None:
            raise _NoSuchKeyError
        return {"Body": io.BytesIO(data)}

    def put_object(
        self,
        Bucket: str,  # noqa: N803
        Key: str,  # noqa: N803
        Body: bytes,  # noqa: N803
        ContentType: str,  # noqa: N803
        IfNoneMatch: str | None = None,  # noqa: N803
    ) -> dict[str, Any]:
        if IfNoneMatch == "*" and Key in self.objects:
            raise _PreconditionFailedError
        self.objects[Key] = Body
        return {}

    def delete_object(self, Bucket: str, Key: str) -> dict[str, Any]:  # noqa: N803
        self.objects.pop(Key, None)
        return {}


class _Context:
    function_name = "nova-items-api"
    function_version = "$LATEST"
    memory_limit_in_mb = 256
    aws_request_id = "5f0e4a0c-1d2b-4c3d-8e9f-0a1b2c3d4e5f"
    invoked_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:nova-items-api"
    log_group_name = "/aws/lambda/nova-items-api"
    log_stream_name = "2025/11/21/[$LATEST]0123456789abcdef0123456789abcdef"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def requests(rounds: str, calls: str) -> None:
    """Per-request cost of both handlers on the same events, interleaved batch by batch."""
    sink = open(os.devnull, "w")  # noqa: SIM115 - the handlers' log lines and EMF documents
    sys.stdout = sink
    sys.path.insert(0, str(FUNCTION_DIR))
    sys.path.insert(0, str(BENCHMARKS))
    import bare_handler

    from items_api import handler as powertools_handler
    from items_api.store import ItemStore

    events = {
        name: json.loads((EVENTS_DIR / f"{file}.json").read_text("utf-8"))
        for name, file in (("health", "health"), ("get", "get_item"), ("put", "put_item"))
    }
    bucket, prefix = os.environ["ITEMS_BUCKET"], os.environ["ITEMS_PREFIX"]
    context = _Context()
    variants = {"powertools": powertools_handler, "bare": bare_handler}
    stores = {}
    document = json.loads(events["put"]["body"])
    for name, module in variants.items():
        store = ItemStore(MemoryS3(), bucket, prefix)
        store.put("order-1001", document)  # what the get event reads
        module.set_store(store)
        stores[name] = store
        for event_name, event in events.items():  # warm up and check both answer alike
            reply = module.lambda_handler(event, context)
            if reply["statusCode"] >= 400:
                raise SystemExit(f"{name} answered {event_name} with {reply}")

    # The store alone (in-memory S3), to subtract: what the requests spend outside the handler.
    store_ops = {
        "health": lambda: None,
        "get": lambda: stores["bare"].get("order-1001"),
        "put": lambda: stores["bare"].put("order-1001", document),
    }
    per_call: dict[str, dict[str, list[float]]] = {
        event_name: {"powertools": [], "bare": [], "store": []} for event_name in events
    }
    n_rounds, n_calls = int(rounds), int(calls)
    clock = time.perf_counter_ns
    for round_index in range(n_rounds):
        order = list(variants) if round_index % 2 == 0 else list(reversed(variants))
        for event_name, event in events.items():
            for name in order:
                handle = variants[name].lambda_handler
                start = clock()
                for _ in range(n_calls):
                    handle(event, context)
                per_call[event_name][name].append((clock() - start) / n_calls / 1000)
            operation = store_ops[event_name]
            start = clock()
            for _ in range(n_calls):
                operation()
            per_call[event_name]["store"].append((clock() - start) / n_calls / 1000)
    sys.stdout = sys.__stdout__
    _emit({"microseconds_per_request": per_call, "calls_per_batch": n_calls})


def main(argv: list[str]) -> None:
    mode, args = argv[0], argv[1:]
    if mode == "floor":
        floor(args)
    elif mode == "floor+imports":
        floor(args, nova_imports=True)
    elif mode == "stack":
        stack(*args)
    elif mode == "replay":
        replay(*args)
    elif mode == "scale":
        scale(*args)
    elif mode == "package":
        package(*args)
    elif mode == "import":
        import_handler(*args)
    elif mode == "requests":
        requests(*args)
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
