"""Layers: at most five distinct layer version ARNs."""

from __future__ import annotations

from typing import Any

from nova_core import Checker, at, is_plain
from nova_core.patterns import LazyPattern

MAX_LAYERS = 5
LAYER_RESOURCE = LazyPattern(r"layer:[a-zA-Z0-9_-]+:\d+")
EXAMPLE = "'arn:aws:lambda:<region>:<account>:layer:<name>:<version>'"


def check_layers(checker: Checker, layers: Any) -> None:
    values = checker.sequence("layers", layers) if is_plain(layers) else None
    if values is None:
        return
    if len(values) > MAX_LAYERS:
        checker.fail(
            "layers",
            values,
            f"a function can use at most {MAX_LAYERS} layers",
            "merge layers",
            source="Lambda quotas",
        )
    for index, layer in enumerate(values):
        parsed = checker.arn(at("layers", index), layer, service="lambda",
                             resource_types=("layer",), example=EXAMPLE)  # fmt: skip
        if parsed is not None and not LAYER_RESOURCE.fullmatch(parsed.resource):
            checker.fail(
                at("layers", index),
                layer,
                "a layer is a layer version ARN, ending in ':<version>'",
                f"pass the versioned layer ARN, like {EXAMPLE}",
            )
    plain = [layer for layer in values if is_plain(layer)]
    if len(set(plain)) != len(plain):
        checker.fail("layers", values, "a layer may be listed only once", "remove the duplicate")
