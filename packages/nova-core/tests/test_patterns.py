"""``LazyPattern``: compiled on first use, matching as the compiled pattern does."""

from __future__ import annotations

import re

import pytest

from nova_core import Checker, NovaInputError
from nova_core.patterns import LazyPattern

CASES = [
    (r"[a-z0-9-]{1,63}", 0, ["data-bucket", "Data", "", "a" * 64, "x-y-", "ok\n"]),
    (r"^arn:aws:[a-z]+", re.IGNORECASE, ["ARN:AWS:S3", "arn:aws:", " arn:aws:s3", "arn:aws:s3:x"]),
    (r"\{(\w+)\}", 0, ["/items/{id}", "/items/:id", "{a}{b}", ""]),
]


@pytest.mark.parametrize(("regex", "flags", "values"), CASES)
def test_matches_as_the_compiled_pattern_does(regex: str, flags: int, values: list[str]) -> None:
    lazy, eager = LazyPattern(regex, flags), re.compile(regex, flags)
    for value in values:
        for method in ("fullmatch", "match", "search"):
            ours, theirs = getattr(lazy, method)(value), getattr(eager, method)(value)
            assert (ours and ours.group(0)) == (theirs and theirs.group(0)), (method, value)
        for method in ("fullmatch", "match", "search"):
            ours, theirs = getattr(lazy, method)(value, 1, 3), getattr(eager, method)(value, 1, 3)
            assert (ours and ours.span()) == (theirs and theirs.span()), (method, value, 1, 3)
        assert lazy.sub("_", value) == eager.sub("_", value)
        assert lazy.sub(lambda m: m.group(0).upper(), value, 1) == eager.sub(
            lambda m: m.group(0).upper(), value, 1
        )
    assert lazy.pattern == eager.pattern
    assert lazy.flags == flags
    assert lazy.compiled.flags == eager.flags


def test_compiles_once_on_first_use_not_when_declared() -> None:
    broken = LazyPattern(r"[unclosed")
    assert broken._compiled is None
    with pytest.raises(re.error):
        broken.fullmatch("x")
    pattern = LazyPattern(r"\d+")
    assert pattern._compiled is None
    assert pattern.fullmatch("42")
    first = pattern.compiled
    assert pattern.search("a1")
    assert pattern.compiled is first
    assert first.pattern == r"\d+"


def test_a_checker_takes_a_lazy_pattern_and_names_it_in_the_rule() -> None:
    check = Checker("nova-test Thing", "t")
    check.string("name", "abc", pattern=LazyPattern(r"[a-z]+"), rule="letters", fix="use letters")
    with pytest.raises(NovaInputError, match=r"must match \[a-z\]\+"):
        check.string("name", "ABC", pattern=LazyPattern(r"[a-z]+"))


def test_repr_shows_the_pattern_and_flags() -> None:
    assert repr(LazyPattern(r"a+")) == "LazyPattern('a+')"
    assert repr(LazyPattern(r"a+", re.I)) == "LazyPattern('a+', re.IGNORECASE)"
