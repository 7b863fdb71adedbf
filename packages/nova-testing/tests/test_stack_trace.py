"""The stack traces a mock run sends with each registration are the ones the Pulumi SDK builds."""

import pulumi
import pytest
from pulumi.runtime import resource as pulumi_resource

from nova_testing import _stack_trace
from nova_testing._stack_trace import frames_only_stack_traces, stack_trace

_SDK_STACK_TRACE = pulumi_resource._get_stack_trace


def _both():
    """(the SDK's trace, the kit's trace), each taken from this same frame."""
    return pulumi_resource._get_stack_trace(), _stack_trace._sdk_stack_trace()


class _Base:
    def __init__(self):
        self.traces = _both()


class _Middle(_Base):
    def __init__(self):
        super().__init__()


class _Concrete(_Middle):
    def __init__(self):
        super().__init__()


def _user_code():
    return _Concrete().traces


def test_the_trace_equals_the_sdk_trace_below_three_constructors():
    sdk, kit = _user_code()
    assert len(sdk.frames) > 3  # this function, the test function, pytest's frames
    assert sdk == kit
    assert kit.frames[0].pc.uri.endswith("/test_stack_trace.py")
    assert kit.frames[0].pc.line == _user_code.__code__.co_firstlineno + 1


def test_fewer_than_three_constructors_give_an_empty_trace_like_the_sdk():
    sdk, kit = _Middle().traces
    assert sdk == kit
    assert len(kit.frames) == 0


@pytest.mark.parametrize("filename", ["", "<string>"])
def test_a_frame_without_a_file_path_has_no_position_like_the_sdk(filename):
    namespace = {"_Concrete": _Concrete}
    source = "def from_nowhere():\n    return _Concrete().traces\n"
    exec(compile(source, filename, "exec"), namespace)
    sdk, kit = namespace["from_nowhere"]()
    assert sdk == kit
    assert not kit.frames[0].HasField("pc")


def test_a_changed_trace_leaves_later_traces_alone():
    first = _user_code()[1]
    first.frames[0].pc.line = -1
    assert _user_code()[1].frames[0].pc.line == _user_code.__code__.co_firstlineno + 1


def test_the_default_frame_is_the_callers():
    def caller():
        return stack_trace(), pulumi_resource._get_stack_trace()

    class Holder:
        def __init__(self):
            self.pair = caller()

    class Mid(Holder):
        def __init__(self):
            super().__init__()

    class Top(Mid):
        def __init__(self):
            super().__init__()

    kit, sdk = Top().pair
    assert kit == sdk
    assert len(kit.frames) > 1


def test_a_run_uses_the_frames_only_trace_and_restores_the_sdk_function(mock_stack):
    seen = []

    def program():
        seen.append(pulumi_resource._get_stack_trace)
        pulumi.CustomResource("test:index:Thing", "thing", {})

    rec = mock_stack.run(program)
    assert seen == [_stack_trace._sdk_stack_trace]
    assert len(rec.resources) == 1
    assert pulumi_resource._get_stack_trace is _SDK_STACK_TRACE


def test_the_sdk_function_is_restored_when_the_program_fails(mock_stack):
    def program():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        mock_stack.run(program)
    assert pulumi_resource._get_stack_trace is _SDK_STACK_TRACE


def test_the_context_restores_what_was_there():
    with frames_only_stack_traces():
        assert pulumi_resource._get_stack_trace is _stack_trace._sdk_stack_trace
    assert pulumi_resource._get_stack_trace is _SDK_STACK_TRACE
