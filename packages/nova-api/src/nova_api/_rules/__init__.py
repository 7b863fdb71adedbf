"""Pure checks of ``HttpApiArgs``, one concern per module (security-rules.md B.4).

Each rule takes a :class:`nova_core.Checker` bound to the component instance and plain values,
raises :class:`nova_core.NovaInputError` on the first problem and returns the checked value.
Nothing here registers resources or calls AWS; ``_plan.py`` calls the rules in order and holds
every default.
"""
