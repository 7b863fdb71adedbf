"""Nova's test kit: Pulumi mocks with realistic AWS outputs, resource recording, assertion
helpers, an offline stack runner and an offline preview."""

from .__about__ import __version__
from .harness import MockStack, resolve
from .match import Match, matches
from .mocks import DEFAULT_ACCOUNT_ID, DEFAULT_REGION, NovaMocks, render_policy_document
from .recording import RecordedResource, Recording
from .runner import ProjectError, StackConfig, StackRun, load_stack_config, run_stack

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "DEFAULT_REGION",
    "Match",
    "MockStack",
    "NovaMocks",
    "RecordedResource",
    "Recording",
    "ProjectError",
    "StackConfig",
    "StackRun",
    "__version__",
    "load_stack_config",
    "matches",
    "render_policy_document",
    "resolve",
    "run_stack",
]
