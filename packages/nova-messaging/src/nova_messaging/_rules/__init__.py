"""Pure checks of ``QueueArgs`` and ``subscribe()`` values, one concern per module.

Each check takes a :class:`nova_core.Checker` and plain values and raises
:class:`nova_core.NovaInputError`; none creates a resource. ``_plan`` calls them all before the
component registers anything.
"""
