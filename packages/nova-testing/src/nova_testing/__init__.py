"""Nova's test kit: Pulumi mocks with realistic AWS outputs, resource recording, assertion
helpers, an offline stack runner and an offline preview."""

from ._compat import check_pulumi

check_pulumi()  # before anything touches Pulumi internals

from .__about__ import __version__  # noqa: E402
from .harness import MockStack, resolve  # noqa: E402
from .match import Match, matches  # noqa: E402
from .mocks import (  # noqa: E402
    DEFAULT_ACCOUNT_ID,
    DEFAULT_REGION,
    NovaMocks,
    render_policy_document,
)
from .recording import RecordedResource, Recording  # noqa: E402
from .runner import (  # noqa: E402
    ProjectError,
    StackConfig,
    StackRun,
    load_stack_config,
    run_stack,
)

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
