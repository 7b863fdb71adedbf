"""Read a function's environment against the variable specs its contract declares.

Each function's ``contract.ENVIRONMENT`` maps a variable name to a spec (a plain dict, so the
contract stays standard-library only and loadable by path from a stack):

- ``required`` (bool): a missing or empty value is an error; else ``default`` applies;
- ``choices`` (tuple of str): the allowed values (compared case-insensitively, returned as given
  in ``choices``);
- ``pattern`` (str): a regular expression the whole value must match;
- ``minimum`` / ``maximum`` (int): the value is a decimal integer in this range (returned as int);
- ``default`` (str): the value used when the variable is absent or empty (optional variables);
- ``examples`` (tuple of str): values that must pass (the contract tests feed them in).

Every problem is collected, so one error names every bad variable at once.
"""

import re
from collections.abc import Mapping
from typing import Any

_INTEGER = re.compile(r"[0-9]{1,19}")


class EnvError(RuntimeError):
    """Some variables are missing or hold values outside their spec."""

    def __init__(self, missing: tuple[str, ...], invalid: dict[str, str]) -> None:
        self.missing = missing
        self.invalid = invalid
        parts = []
        if missing:
            parts.append(f"missing or empty environment variable(s): {', '.join(missing)}")
        parts.extend(f"invalid {name}: {reason}" for name, reason in invalid.items())
        super().__init__("; ".join(parts))


def check_value(spec: Mapping[str, Any], raw: str) -> str | int:
    """The clean value of ``raw`` under ``spec``; raise ``ValueError`` saying what is allowed."""
    value = raw.strip()
    shown = value if len(value) <= 60 else value[:60] + "..."
    choices = spec.get("choices")
    if choices:
        for choice in choices:
            if value.upper() == choice.upper():
                return str(choice)
        raise ValueError(f"{shown!r} is not one of {', '.join(choices)}")
    if "minimum" in spec or "maximum" in spec:
        number = int(value) if _INTEGER.fullmatch(value) else None
        low, high = spec.get("minimum", 0), spec.get("maximum")
        if number is None or number < low or (high is not None and number > high):
            upper = f" to {high}" if high is not None else " or more"
            raise ValueError(f"{shown!r} is not an integer from {low}{upper}")
        return number
    pattern = spec.get("pattern")
    if pattern and re.fullmatch(pattern, value) is None:
        raise ValueError(f"{shown!r} does not match {pattern}")
    return value


def read(specs: Mapping[str, Mapping[str, Any]], environ: Mapping[str, str]) -> dict[str, Any]:
    """Every declared variable's clean value; raise ``EnvError`` naming every problem."""
    values: dict[str, Any] = {}
    missing: list[str] = []
    invalid: dict[str, str] = {}
    for name, spec in specs.items():
        raw = environ.get(name, "").strip()
        if not raw:
            if spec.get("required"):
                missing.append(name)
                continue
            raw = str(spec.get("default", ""))
            if not raw:
                values[name] = None
                continue
        try:
            values[name] = check_value(spec, raw)
        except ValueError as exc:
            invalid[name] = str(exc)
    if missing or invalid:
        raise EnvError(tuple(missing), invalid)
    return values
