"""Pure checks of ``Function`` input, one concern per module (security-rules B.2/B.3).

Each check takes a :class:`nova_core.Checker` bound to the component instance and raises
:class:`nova_core.NovaInputError`. Checks of plain values run in ``_plan`` before anything
registers; the same checks run on values that were ``Output``s once they resolve
(``nova_core.check_when_known``). Risky but valid settings are warned about with :func:`warn`.
"""

from __future__ import annotations

from typing import Any

import pulumi

from nova_core import Checker, show

COMPONENT = "nova-compute Function"
"""The component string every message starts with."""


def warn(checker: Checker, argument: str, value: Any, message: str) -> None:
    """Log a warning in the Nova message format (the value is valid but risky)."""
    pulumi.log.warn(
        f"{checker.component} '{checker.name}': argument '{argument}' is {show(value)}: {message}"
    )
