"""Run a policy pack the way the Pulumi CLI does, without the CLI (the ``pack`` extra).

The CLI starts a Python pack as ``python -u -m pulumi.policy <engine> <pack folder>`` in the
pack's folder, reads the gRPC port the pack prints on stdout, then speaks the analyzer protocol:
``GetAnalyzerInfo``, ``Configure`` (from ``--policy-pack-config``), ``Analyze`` for each resource's
inputs and ``AnalyzeStack`` for the planned state of all of them. :class:`PackProcess` does the
same with recorded resources, so a pack (and its config file) can be tested offline::

    with PackProcess("packages/nova-policy/pack") as pack:
        pack.configure(json.loads(Path("nova-policy.json").read_text()))
        diagnostics = pack.analyze(recording)
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import empty_pb2, struct_pb2
from pulumi.runtime import proto
from pulumi.runtime.proto import analyzer_pb2_grpc

__all__ = ["Diagnostic", "PackError", "PackProcess"]

_LEVELS = {
    "advisory": proto.ADVISORY,
    "mandatory": proto.MANDATORY,
    "remediate": proto.REMEDIATE,
    "disabled": proto.DISABLED,
}
_LEVEL_NAMES = {value: name for name, value in _LEVELS.items()}


class PackError(RuntimeError):
    """The pack did not start, or exited, or did not answer."""


@dataclass(frozen=True)
class Diagnostic:
    """One violation as the CLI receives it."""

    policy: str
    urn: str
    """The resource's URN (empty for a violation of the stack as a whole)."""
    message: str
    level: str


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)  # assets and archives: their content is not analyzed


def _struct(values: Mapping[str, Any]) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(_json_safe(dict(values)))
    return struct


class PackProcess:
    """A policy pack process serving the analyzer protocol on a local port."""

    def __init__(
        self,
        pack_dir: str | os.PathLike[str],
        *,
        python: str = sys.executable,
        project: str = "project",
        stack: str = "stack",
        timeout: float = 60.0,
    ) -> None:
        self.pack_dir = Path(pack_dir).resolve()
        self.python = python
        self.project = project
        self.stack = stack
        self.timeout = timeout
        self.process: subprocess.Popen[bytes] | None = None
        self._channel: grpc.Channel | None = None
        self._stub: Any = None

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self) -> PackProcess:
        env = dict(os.environ)
        env.update(
            PULUMI_PROJECT=self.project,
            PULUMI_STACK=self.stack,
            PULUMI_DRY_RUN="true",
            PYTHONUNBUFFERED="1",
        )
        self.process = subprocess.Popen(
            [self.python, "-u", "-m", "pulumi.policy", "127.0.0.1:0", str(self.pack_dir)],
            cwd=self.pack_dir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        port = self._read_port()
        self._channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        grpc.channel_ready_future(self._channel).result(timeout=self.timeout)
        self._stub = analyzer_pb2_grpc.AnalyzerStub(self._channel)
        return self

    def _read_port(self) -> int:
        assert self.process is not None
        assert self.process.stdout is not None
        lines: queue.Queue[bytes] = queue.Queue()
        stdout = self.process.stdout
        threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
        try:
            line = lines.get(timeout=self.timeout)
        except queue.Empty:
            self.close()
            raise PackError(f"{self.pack_dir}: no port printed in {self.timeout} s") from None
        try:
            return int(line.strip())
        except ValueError:
            stderr = self._stderr()
            raise PackError(
                f"{self.pack_dir}: the pack did not start (stdout {line!r}):\n{stderr}"
            ) from None

    def _stderr(self) -> str:
        self.close()
        assert self.process is not None
        assert self.process.stderr is not None
        return self.process.stderr.read().decode(errors="replace")

    def close(self) -> None:
        if self._channel is not None:
            self._channel.close()
            self._channel = None
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> PackProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the analyzer protocol -------------------------------------------------------------------
    def info(self) -> Any:
        """``GetAnalyzerInfo``: the pack's name and its policies with their default levels."""
        return self._stub.GetAnalyzerInfo(empty_pb2.Empty(), timeout=self.timeout)

    def policy_levels(self) -> dict[str, str]:
        return {p.name: _LEVEL_NAMES[p.enforcementLevel] for p in self.info().policies}

    def configure(self, config: Mapping[str, Any]) -> None:
        """``Configure`` with a ``--policy-pack-config`` mapping (``all`` expanded like the CLI)."""
        defaults = {p.name: p.enforcementLevel for p in self.info().policies}
        names = list(defaults)
        request = proto.ConfigureAnalyzerRequest()
        expanded: dict[str, Any] = {}
        if "all" in config:
            expanded.update(dict.fromkeys(names, config["all"]))
        expanded.update({k: v for k, v in config.items() if k != "all"})
        for name, value in expanded.items():
            entry = value if isinstance(value, Mapping) else {"enforcementLevel": value}
            level = entry.get("enforcementLevel")
            policy_config = proto.PolicyConfig(
                properties=_struct({k: v for k, v in entry.items() if k != "enforcementLevel"})
            )
            # The CLI always sends a level: the configured one, else the policy's default.
            policy_config.enforcementLevel = (
                _LEVELS[str(level)] if level is not None else defaults.get(name, proto.ADVISORY)
            )
            request.policyConfig[name].CopyFrom(policy_config)
        self._stub.Configure(request, timeout=self.timeout)

    def analyze(self, resources: Iterable[Any]) -> list[Diagnostic]:
        """``Analyze`` each resource's inputs, then ``AnalyzeStack`` their state; all diagnostics.

        ``resources`` are recorded resources (nova-testing ``RecordedResource`` or anything with
        ``type``, ``name``, ``urn``, ``inputs``, ``outputs``, ``parent_urn``, ``dependencies``
        and ``property_dependencies``); custom resources only, as the engine sends them.
        """
        records = [r for r in resources if getattr(r, "custom", True)]
        found: list[Diagnostic] = []
        for record in records:
            request = proto.AnalyzeRequest(
                type=record.type,
                properties=_struct(record.inputs),
                urn=record.urn,
                name=record.name,
            )
            response = self._stub.Analyze(request, timeout=self.timeout)
            # The CLI files a resource policy's violation under the resource it analyzed.
            found.extend(_diagnostic(d, record.urn) for d in response.diagnostics)
        stack = proto.AnalyzeStackRequest()
        for record in records:
            resource = stack.resources.add(
                type=record.type,
                properties=_struct({**record.inputs, **(record.outputs or {})}),
                urn=record.urn,
                name=record.name,
                parent=record.parent_urn or "",
                dependencies=list(record.dependencies),
            )
            for key, urns in (record.property_dependencies or {}).items():
                resource.propertyDependencies[key].urns.extend(urns)
        response = self._stub.AnalyzeStack(stack, timeout=self.timeout)
        found.extend(_diagnostic(d, "") for d in response.diagnostics)
        return found


def _diagnostic(message: Any, urn: str) -> Diagnostic:
    return Diagnostic(
        message.policyName,
        message.urn or urn,
        message.message,
        _LEVEL_NAMES[message.enforcementLevel],
    )
