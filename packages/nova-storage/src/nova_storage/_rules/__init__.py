"""Pure checks of component arguments, one concern per module.

Each check takes a :class:`nova_core.Checker` bound to the component instance and raises
:class:`nova_core.NovaInputError`. Checks look at plain values only; an ``Output`` is skipped here
and, where it matters, checked with :func:`nova_core.check_when_known` by the plan.
"""
