"""Pure checks of plain argument values, one concern per module.

Each check takes a :class:`nova_core.Checker` bound to the component instance and raises
:class:`nova_core.NovaInputError`; none registers anything. ``_plan`` calls them before the
component (or any child) registers.
"""
