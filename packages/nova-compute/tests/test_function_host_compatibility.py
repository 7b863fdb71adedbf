"""The Function component as Pulumi's component analyzer sees it: every argument and output, every
default documented."""

from pulumi.provider.experimental.analyzer import Analyzer

from nova_compute import Function
from nova_compute._plan import ARG_KEYS


def test_component_is_host_compatible():
    schema = Analyzer("nova-compute").analyze([Function])
    definition = schema["component_definitions"]["Function"]
    assert set(definition.inputs_mapping.values()) == set(ARG_KEYS)
    contract = {
        "function",
        "functionName",
        "functionArn",
        "invokeArn",
        "role",
        "roleArn",
        "roleName",
        "logGroup",
        "logGroupName",
        "logGroupArn",
        "timeoutSeconds",
        "memoryMb",
    }
    assert contract <= set(definition.outputs)
    assert definition.outputs["timeoutSeconds"].type.value == "integer"


def test_every_args_key_documents_its_default():
    schema = Analyzer("nova-compute").analyze([Function])
    inputs = schema["component_definitions"]["Function"].inputs
    undocumented = [k for k, v in inputs.items() if "Default:" not in (v.description or "")]
    assert undocumented == []
    assert len(inputs) == len(ARG_KEYS) == 41
