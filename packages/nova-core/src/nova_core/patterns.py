"""``LazyPattern``: a regular expression compiled on its first use.

Nova's rules hold some eighty patterns (ARNs, names, endpoints, routes, scopes). Compiling one
costs 0.02-0.35 ms, and a program pays for every pattern of every module it imports, while it
uses only those of the arguments it passes (the dev stack uses 24 of the 70 it loads). A rule
module declares ``NAME = LazyPattern(r"[a-z0-9-]{1,63}")`` and calls ``NAME.fullmatch(value)``
as it would on ``re.compile``'s result; the pattern compiles once, when first matched.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import TypeAlias

__all__ = ["LazyPattern", "PatternLike"]


class LazyPattern:
    """A regular expression compiled when first matched, with the ``re.Pattern`` methods Nova
    uses (``fullmatch``, ``match``, ``search``, ``sub``), its ``pattern`` and the ``flags`` it was
    given."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        pattern = self._compiled
        if pattern is None:
            pattern = self._compiled = re.compile(self.pattern, self.flags)
        return pattern

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def __repr__(self) -> str:
        flags = f", {self.flags!r}" if self.flags else ""
        return f"LazyPattern({self.pattern!r}{flags})"


PatternLike: TypeAlias = "re.Pattern[str] | LazyPattern"
"""What a check that takes a pattern accepts."""
