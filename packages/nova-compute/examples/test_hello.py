"""Testing a program that uses nova-compute, offline: copy this file into your own tests/.

``mock_stack`` comes from nova-testing's pytest plugin
(``pip install --find-links dist nova-testing``; it registers itself). ``mock_stack.run(program)``
runs the program under realistic AWS mocks, waits for every output, and returns everything that
was registered.
"""

from pathlib import Path

from nova_compute import Function, FunctionArgs

HELLO = Path(__file__).parent / "hello"
FUNCTION = "aws:lambda/function:Function"


def make_hello() -> Function:
    return Function("hello", FunctionArgs(code_path=str(HELLO), timeout_seconds=10))


def test_hello_is_traced_private_and_logs_to_its_own_group(mock_stack):
    rec = mock_stack.run(make_hello)
    rec.resource_count_is(FUNCTION, 1)
    rec.has_resource_properties(FUNCTION, {"timeout": 10, "tracingConfig": {"mode": "Active"}})
    rec.resource_count_is("aws:lambda/permission:Permission", 0)  # nobody may invoke it yet
    log_group = rec.get("aws:cloudwatch/logGroup:LogGroup")
    assert rec.get(FUNCTION).inputs["loggingConfig"]["logGroup"] == log_group.outputs["name"]
    hello = rec.result
    assert hello.timeout_seconds == 10  # a plain int, known before anything registers
    assert rec.value(hello.function_name) == rec.get(FUNCTION).outputs["name"]
