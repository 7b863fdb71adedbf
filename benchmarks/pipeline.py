"""Import pipeline benchmarks: cold import, per-record cost and the importer's peak memory.

    .venv/bin/python benchmarks/pipeline.py            # 11 import runs, 5 cost rounds
    .venv/bin/python benchmarks/pipeline.py --quick    # 5 import runs, 3 cost rounds

Every sample runs in a fresh process (this script with ``child ...``). Cold import: the time to
import the handler module (its configuration read included), byte code cached, the three handlers
interleaved. Per-record cost: the handler called in process with in-memory stand-ins for S3, SQS
and DynamoDB (no boto3, no moto), log lines and EMF documents written to ``/dev/null``: per line
of an imported file (importer) and per SQS record in batches of 10 (worker). Peak memory: the
importer importing a generated file of N lines with ``tracemalloc`` on (the file is generated
while it is read, so the stand-in holds no copy of it: what is measured is the importer's own
memory). Raw results go to ``benchmarks/results/pipeline.json``; the tables are printed.
"""

# ruff: noqa: PLC0415

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).resolve().parent
REPOSITORY = BENCHMARKS.parent
FUNCTIONS = REPOSITORY / "functions"
WORK = BENCHMARKS / ".work"
RESULTS = BENCHMARKS / "results"

ENVIRONMENT = {
    "ITEMS_BUCKET": "nova-items-bench",
    "ITEMS_PREFIX": "items/",
    "ITEMS_TABLE": "nova-items-bench",
    "IMPORT_QUEUE_URL": "https://sqs.eu-west-1.amazonaws.com/123456789012/nova-import-bench",
    "APP_ENVIRONMENT": "bench",
    "POWERTOOLS_SERVICE_NAME": "items-bench",
    "POWERTOOLS_METRICS_NAMESPACE": "Nova/ItemsBench",
    "CURSOR_KEY_SECRET_ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bench-AbCdEf",
}
MODULES = {
    "importer": ("importer", "items_importer.handler"),
    "worker": ("worker", "items_worker.handler"),
    "api (for comparison)": ("api", "items_api.handler"),
}


# -- in-memory stand-ins ----------------------------------------------------------------------
def _line(number: int) -> bytes:
    """A fixed-width import line, so a file's size is known before it is generated."""
    document = {"id": f"item-{number:08d}", "item": {"n": f"{number:08d}", "note": "benchmark"}}
    return json.dumps(document).encode() + b"\n"


class GeneratedBody:
    """A file of ``lines`` import lines, produced chunk by chunk as it is read."""

    def __init__(self, lines: int) -> None:
        self.lines = lines
        self.next = 0
        self.pending = b""

    def read(self, size: int = -1) -> bytes:
        while len(self.pending) < size and self.next < self.lines:
            self.pending += b"".join(
                _line(n) for n in range(self.next, min(self.next + 256, self.lines))
            )
            self.next = min(self.next + 256, self.lines)
        chunk, self.pending = self.pending[:size], self.pending[size:]
        return chunk

    def close(self) -> None:
        self.pending = b""


class FakeS3:
    def __init__(self, lines: int = 0) -> None:
        self.lines = lines
        self.puts = 0

    def get_object(self, **_kwargs: Any) -> dict[str, Any]:
        return {"Body": GeneratedBody(self.lines), "ContentLength": self.lines * len(_line(0))}

    def put_object(self, **_kwargs: Any) -> dict[str, Any]:
        self.puts += 1
        return {"ETag": '"0f343b0931126a20f133d67c2b018a3b"'}


class FakeSqs:
    def __init__(self) -> None:
        self.sent = 0

    def send_message_batch(self, QueueUrl: str, Entries: list[dict[str, str]]) -> dict[str, Any]:  # noqa: N803
        self.sent += len(Entries)
        return {"Successful": [{"Id": entry["Id"]} for entry in Entries], "Failed": []}


class FakeDynamo:
    def __init__(self) -> None:
        self.items: dict[str, Any] = {}

    def put_item(self, TableName: str, Item: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:  # noqa: N803
        self.items[Item["id"]["S"]] = Item
        return {}

    def delete_item(self, **_kwargs: Any) -> dict[str, Any]:
        return {}

    def get_item(self, **_kwargs: Any) -> dict[str, Any]:
        return {}


class Context:
    function_name = "nova-items-bench"
    function_version = "$LATEST"
    memory_limit_in_mb = 512
    aws_request_id = "5f0e4a0c-1d2b-4c3d-8e9f-0a1b2c3d4e5f"
    invoked_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:nova-items-bench"
    log_group_name = "/aws/lambda/nova-items-bench"
    log_stream_name = "2026/12/02/[$LATEST]0123456789abcdef0123456789abcdef"

    def get_remaining_time_in_millis(self) -> int:
        return 300_000


def _s3_event(key: str) -> dict[str, Any]:
    return {
        "Records": [
            {
                "eventSource": "aws:s3",
                "eventName": "ObjectCreated:Put",
                "s3": {
                    "bucket": {"name": "nova-uploads-bench"},
                    "object": {"key": key, "versionId": "v1", "eTag": "0f343b09"},
                },
            }
        ]
    }


def _importer(lines: int) -> tuple[Any, Any]:
    sys.path.insert(0, str(FUNCTIONS / "importer"))
    from items_importer import handler
    from items_importer.importer import Importer, Limits

    sqs = FakeSqs()
    importer = Importer(
        s3=FakeS3(lines),
        sqs=sqs,
        dynamodb=FakeDynamo(),
        queue_url=ENVIRONMENT["IMPORT_QUEUE_URL"],
        table="bench",
        limits=Limits(5 * 1024**3, 262_144, 30, "imports/"),
    )
    handler.set_importer(importer)
    return handler, sqs


# -- children ---------------------------------------------------------------------------------
def child_import(module: str, folder: str) -> dict[str, Any]:
    sys.path.insert(0, str(FUNCTIONS / folder))
    import importlib

    started = time.perf_counter()
    importlib.import_module(module)
    return {"import_ms": (time.perf_counter() - started) * 1000}


def child_importer_cost(lines: str) -> dict[str, Any]:
    count = int(lines)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - log lines and EMF documents
    handler, sqs = _importer(count)
    handler.lambda_handler(_s3_event("imports/warm.jsonl"), Context())  # warm-up object
    sqs.sent = 0
    started = time.perf_counter()
    result = handler.lambda_handler(_s3_event("imports/measured.jsonl"), Context())
    elapsed = time.perf_counter() - started
    sys.stdout = sys.__stdout__
    assert sqs.sent == count, result
    return {"microseconds_per_line": elapsed / count * 1e6, "lines": count}


def child_worker_cost(records: str) -> dict[str, Any]:
    count = int(records)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    sys.path.insert(0, str(FUNCTIONS / "worker"))
    from items_worker import handler
    from items_worker.worker import Worker

    s3 = FakeS3()
    handler.set_worker(
        Worker(s3=s3, dynamodb=FakeDynamo(), bucket="bench", prefix="items/", table="bench")
    )

    def batch(start: int) -> dict[str, Any]:
        return {
            "Records": [
                {
                    "messageId": f"m-{n}",
                    "receiptHandle": "r",
                    "body": _line(n).decode().strip(),
                    "eventSource": "aws:sqs",
                    "attributes": {},
                    "messageAttributes": {},
                }
                for n in range(start, start + 10)
            ]
        }

    events = [batch(start) for start in range(0, count, 10)]
    handler.lambda_handler(events[0], Context())  # warm-up batch
    s3.puts = 0
    started = time.perf_counter()
    for event in events:
        answer = handler.lambda_handler(event, Context())
        assert answer == {"batchItemFailures": []}, answer
    elapsed = time.perf_counter() - started
    sys.stdout = sys.__stdout__
    assert s3.puts == len(events) * 10
    return {"microseconds_per_record": elapsed / (len(events) * 10) * 1e6, "records": count}


def child_memory(lines: str) -> dict[str, Any]:
    import tracemalloc

    count = int(lines)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    handler, _ = _importer(count)
    handler.lambda_handler(_s3_event("imports/warm.jsonl"), Context())  # imports, caches
    tracemalloc.start()
    tracemalloc.reset_peak()
    handler.lambda_handler(_s3_event("imports/measured.jsonl"), Context())
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    sys.stdout = sys.__stdout__
    return {"peak_kib": peak / 1024, "retained_kib": current / 1024, "lines": count}


CHILDREN = {
    "import": child_import,
    "importer-cost": child_importer_cost,
    "worker-cost": child_worker_cost,
    "memory": child_memory,
}


# -- parent -----------------------------------------------------------------------------------
def run_child(*args: str) -> dict[str, Any]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(WORK / "pycache")
    env.update(ENVIRONMENT)
    output = subprocess.run(
        [sys.executable, str(Path(__file__)), "child", *args],
        env=env,
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads([line for line in output.splitlines() if line.startswith("{")][-1])


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    return f"{statistics.median(ordered):.1f} ({ordered[0]:.1f}-{ordered[-1]:.1f})"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        os.environ.update({k: v for k, v in ENVIRONMENT.items() if k not in os.environ})
        print(json.dumps(CHILDREN[sys.argv[2]](*sys.argv[3:])))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples")
    quick = parser.parse_args().quick
    import_runs, rounds = (5, 3) if quick else (11, 5)
    results: dict[str, Any] = {"quick": quick, "import_runs": import_runs, "rounds": rounds}

    for folder, module in MODULES.values():  # warm the byte-code cache
        run_child("import", module, folder)
    imports: dict[str, list[float]] = {name: [] for name in MODULES}
    for index in range(import_runs):
        order = list(MODULES) if index % 2 == 0 else list(reversed(MODULES))
        for name in order:
            folder, module = MODULES[name]
            imports[name].append(run_child("import", module, folder)["import_ms"])
    results["import_ms"] = imports

    costs: dict[str, list[float]] = {"importer": [], "worker": []}
    for _ in range(rounds):
        costs["importer"].append(run_child("importer-cost", "10000")["microseconds_per_line"])
        costs["worker"].append(run_child("worker-cost", "2000")["microseconds_per_record"])
    results["microseconds"] = costs

    memory = {}
    for lines in (1_000, 10_000, 100_000):
        samples = [run_child("memory", str(lines)) for _ in range(2)]
        memory[lines] = max(sample["peak_kib"] for sample in samples)
    results["peak_kib"] = memory

    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "pipeline.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print(f"Cold import ({import_runs} interleaved runs, median (min-max)):\n")
    print("| handler | import ms |\n|---|---|")
    for name, values in imports.items():
        print(f"| {name} | {summary(values)} |")
    print(f"\nPer-record cost ({rounds} runs, median (min-max)):\n")
    print("| function | µs |\n|---|---|")
    print(f"| importer, per line (10,000-line file) | {summary(costs['importer'])} |")
    print(f"| worker, per record (batches of 10) | {summary(costs['worker'])} |")
    print("\nImporter peak memory (tracemalloc, largest of 2 runs):\n")
    print("| lines | peak KiB |\n|---|---|")
    for lines, peak in memory.items():
        print(f"| {lines:,} | {peak:.0f} |")


if __name__ == "__main__":
    main()
