"""Checks every Nova component needs, in one place and one message format.

A :class:`Checker` is bound to one component instance (``Checker("nova-storage Bucket", "data")``)
and raises :class:`~nova_core.errors.NovaInputError`. Each typed check returns the plain value
when there is one to check further, and ``None`` when the value is absent (``None``) or still an
``Output`` (pass ``plain=True`` where an ``Output`` cannot be accepted because the value decides
which resources exist). ``bool`` is never accepted where a number is expected.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NoReturn

from .arns import Arn, known_region, parse_arn, partition_of_region
from .errors import NovaInputError, at, field
from .patterns import LazyPattern, PatternLike
from .tables import LOG_RETENTION_DAYS, MAX_TAGS, PARTITION_REGIONS, TAG_KEY_MAX, TAG_VALUE_MAX
from .values import is_plain

__all__ = ["KMS_KEY_ARN_EXAMPLE", "Checker", "closest", "did_you_mean", "is_number", "is_whole"]

TAG_CHARS = LazyPattern(r"[\w\s+\-=.:/@]*")
"""Characters AWS allows in tag keys and values across services (letters of any script)."""

AWS_TAGGING = "AWS tagging rules"
KMS_KEY_ARN_EXAMPLE = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def is_whole(value: Any) -> bool:
    """``True`` for an ``int`` that is not a ``bool``."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> bool:
    """``True`` for an ``int`` or ``float`` that is not a ``bool``."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``word``, or ``None`` when none is close."""
    options = [str(c) for c in choices]
    found = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    if not found:
        lowered = {o.lower(): o for o in options}
        found = [lowered[str(word).lower()]] if str(word).lower() in lowered else []
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"did you mean 'x'?"`` for the closest choice, or ``""``."""
    match = closest(word, choices)
    return f"did you mean {match!r}?" if match else ""


def _number(value: float) -> str:
    """``1209600`` rather than ``1.2096e+06``; fractions as written."""
    return str(int(value)) if float(value).is_integer() else repr(value)


def _bounds(minimum: float | None, maximum: float | None) -> str:
    if minimum is not None and maximum is not None:
        return f"between {_number(minimum)} and {_number(maximum)}"
    if minimum is not None:
        return f"at least {_number(minimum)}"
    return f"at most {_number(maximum)}"


class Checker:
    """Raises :class:`NovaInputError` for one component instance."""

    def __init__(self, component: str, name: str) -> None:
        self.component = component
        self.name = name

    # -- raising -------------------------------------------------------------------------------
    def error(
        self,
        argument: str,
        value: Any,
        rule: str,
        fix: str,
        *,
        source: str | None = None,
        shown: str | None = None,
    ) -> NovaInputError:
        """The error for ``argument`` (not raised: for callers that raise it later)."""
        return NovaInputError(
            self.component, self.name, argument, value, rule, fix, source=source, shown=shown
        )

    def fail(
        self,
        argument: str,
        value: Any,
        rule: str,
        fix: str,
        *,
        source: str | None = None,
        shown: str | None = None,
    ) -> NoReturn:
        """Raise the error for ``argument``."""
        raise self.error(argument, value, rule, fix, source=source, shown=shown)

    def _given(self, argument: str, value: Any, plain: bool) -> bool:
        """``True`` when ``value`` is there to check: not ``None`` and not an ``Output`` (an
        ``Output`` fails when ``plain`` says the value must be known)."""
        if value is None:
            return False
        if not is_plain(value):
            if plain:
                self._needs_plain(argument, value, "it")
            return False
        return True

    def _within(
        self,
        argument: str,
        value: float,
        minimum: float | None,
        maximum: float | None,
        source: str | None,
    ) -> None:
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            bounds = _bounds(minimum, maximum)
            self.fail(argument, value, f"must be {bounds}", f"use a value {bounds}", source=source)

    def _needs_plain(self, argument: str, value: Any, what: str) -> NoReturn:
        self.fail(
            argument,
            value,
            f"must be known when the program runs, not an Output ({what} decides which "
            "resources are created)",
            "pass a plain value, for example from pulumi.Config, instead of another "
            "resource's output",
        )

    # -- scalar types ---------------------------------------------------------------------------
    def boolean(self, argument: str, value: Any, *, plain: bool = False) -> bool | None:
        """A ``bool`` (never ``0``/``1`` or a string)."""
        if not self._given(argument, value, plain):
            return None
        if not isinstance(value, bool):
            self.fail(argument, value, "must be True or False", "pass a bool")
        return value

    def integer(
        self,
        argument: str,
        value: Any,
        *,
        minimum: int | None = None,
        maximum: int | None = None,
        source: str | None = None,
        plain: bool = False,
    ) -> int | None:
        """A whole number within ``minimum``..``maximum`` (a ``bool`` is refused)."""
        if not self._given(argument, value, plain):
            return None
        if not is_whole(value):
            hint = f" {_bounds(minimum, maximum)}" if (minimum, maximum) != (None, None) else ""
            self.fail(
                argument,
                value,
                "must be a whole number (int; True/False and floats are not numbers here)",
                f"pass an int{hint}",
                source=source,
            )
        self._within(argument, value, minimum, maximum, source)
        return value

    def number(
        self,
        argument: str,
        value: Any,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
        source: str | None = None,
        plain: bool = False,
    ) -> float | None:
        """An ``int`` or ``float`` within ``minimum``..``maximum`` (a ``bool`` is refused)."""
        if not self._given(argument, value, plain):
            return None
        if not is_number(value) or math.isnan(value):
            self.fail(
                argument, value, "must be a number (True/False are not)", "pass an int or float"
            )
        self._within(argument, value, minimum, maximum, source)
        return value

    def string(
        self,
        argument: str,
        value: Any,
        *,
        min_length: int = 1,
        max_length: int | None = None,
        pattern: PatternLike | None = None,
        rule: str | None = None,
        fix: str | None = None,
        source: str | None = None,
        plain: bool = False,
    ) -> str | None:
        """A ``str`` of ``min_length``..``max_length`` characters that fully matches ``pattern``.

        ``rule`` and ``fix`` describe the pattern in words; they are required with a pattern."""
        if not self._given(argument, value, plain):
            return None
        if not isinstance(value, str):
            self.fail(argument, value, "must be a string", "pass a str")
        if len(value) < min_length:
            what = (
                "must not be empty"
                if min_length == 1
                else f"needs at least {min_length} characters"
            )
            self.fail(argument, value, what, "pass a longer value", source=source)
        if max_length is not None and len(value) > max_length:
            self.fail(
                argument,
                value,
                f"must be at most {max_length} characters, this one has {len(value)}",
                f"shorten it by {len(value) - max_length} characters",
                source=source,
            )
        if pattern is not None and not pattern.fullmatch(value):
            self.fail(
                argument,
                value,
                rule or f"must match {pattern.pattern}",
                fix or "change the value to match the pattern",
                source=source,
            )
        return value

    def one_of(
        self,
        argument: str,
        value: Any,
        allowed: Sequence[Any],
        *,
        source: str | None = None,
        plain: bool = False,
    ) -> Any:
        """One of ``allowed`` (compared exactly; a close match is suggested)."""
        if not self._given(argument, value, plain):
            return None
        if isinstance(value, bool) and not any(isinstance(a, bool) for a in allowed):
            ok = False
        else:
            try:
                ok = value in allowed
            except TypeError:
                ok = False
        if not ok:
            hint = did_you_mean(str(value), [str(a) for a in allowed])
            listed = ", ".join(repr(a) for a in allowed)
            self.fail(
                argument,
                value,
                f"must be one of {listed}",
                f"{hint + ' ' if hint else ''}use one of {listed}",
                source=source,
            )
        return value

    # -- containers ----------------------------------------------------------------------------
    def mapping(self, argument: str, value: Any, *, what: str = "it") -> Mapping[str, Any] | None:
        """A plain ``dict`` (``Output`` values inside it are fine); ``None`` when absent."""
        if value is None:
            return None
        if not is_plain(value):
            self._needs_plain(argument, value, what)
        if not isinstance(value, Mapping):
            self.fail(argument, value, "must be a dict", "pass a dict literal")
        return value

    def sequence(self, argument: str, value: Any, *, what: str = "it") -> Sequence[Any] | None:
        """A plain ``list`` or ``tuple`` (not a string); ``None`` when absent."""
        if value is None:
            return None
        if not is_plain(value):
            self._needs_plain(argument, value, what)
        if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
            self.fail(argument, value, "must be a list", f"pass a list, e.g. [{value!r}]")
        return value

    def keys(self, argument: str, given: Mapping[str, Any], valid: Sequence[str]) -> None:
        """Refuse keys outside ``valid``, suggesting the closest one (not the whole list)."""
        for key in given:
            if key in valid:
                continue
            path = field(argument, str(key)) if argument else str(key)
            hint = did_you_mean(str(key), valid)
            fix = f"{hint} " if hint else ""
            if not hint or len(valid) <= 12:
                fix += f"known keys: {', '.join(valid)}"
            else:
                fix += "see the Args docstrings for every key"
            where = f" of {argument}" if argument else ""
            self.fail(path, given[key], f"{key!r} is not a known key{where}", fix)

    def tags(self, argument: str, value: Any) -> Mapping[str, Any] | None:
        """Tags: at most 50, keys 1-128 and values 0-256 characters of the allowed set,
        no ``aws:`` prefix on keys."""
        tags = self.mapping(argument, value)
        if tags is None:
            return None
        if len(tags) > MAX_TAGS:
            self.fail(
                argument,
                f"{len(tags)} tags",
                f"at most {MAX_TAGS} tags per resource",
                "remove tags or move them into fewer keys",
                source=AWS_TAGGING,
                shown=f"{len(tags)} tags",
            )
        for key, tag_value in tags.items():
            path = at(argument, key)
            self.string(
                path + " (key)",
                key,
                max_length=TAG_KEY_MAX,
                pattern=TAG_CHARS,
                rule="tag keys may only use letters, digits, spaces and _ . : / = + - @",
                fix="rename the key",
                source=AWS_TAGGING,
            )
            if key.lower().startswith("aws:"):
                self.fail(
                    path,
                    key,
                    "tag keys starting with 'aws:' are reserved for AWS",
                    "drop the 'aws:' prefix",
                    source=AWS_TAGGING,
                )
            if is_plain(tag_value):
                if not isinstance(tag_value, str):
                    self.fail(path, tag_value, "tag values must be strings", "pass a str")
                self.string(
                    path,
                    tag_value,
                    min_length=0,
                    max_length=TAG_VALUE_MAX,
                    pattern=TAG_CHARS,
                    rule="tag values may only use letters, digits, spaces and _ . : / = + - @",
                    fix="remove the other characters",
                    source=AWS_TAGGING,
                )
        return tags

    # -- AWS identifiers -----------------------------------------------------------------------
    def arn(
        self,
        argument: str,
        value: Any,
        *,
        service: str | Sequence[str],
        resource_types: Sequence[str] | None = None,
        example: str,
        region: str | None = None,
        plain: bool = False,
    ) -> Arn | None:
        """An ARN of ``service`` (and one of ``resource_types``) in a known Region; when
        ``region`` is given, the ARN must be in that Region."""
        text = self.string(argument, value, plain=plain)
        if text is None:
            return None
        services = (service,) if isinstance(service, str) else tuple(service)
        parsed = parse_arn(text)
        what = " or ".join(services)
        if parsed is None or parsed.service not in services:
            self.fail(argument, value, f"must be {what} ARN", f"pass an ARN like {example}")
        if resource_types is not None and parsed.resource_type not in resource_types:
            self.fail(
                argument,
                value,
                f"must be the ARN of a {' or '.join(resource_types)}",
                f"pass an ARN like {example}",
            )
        if parsed.region and not known_region(parsed.region, parsed.partition):
            self.fail(
                argument,
                value,
                f"must name a Region of its partition ({parsed.region!r} is not a Region of "
                f"{parsed.partition!r})",
                f"use an ARN from a Region of {parsed.partition!r}",
            )
        if region is not None and parsed.region and parsed.region != region:
            self.fail(
                argument,
                value,
                f"must be in {region}, the Region of this resource (it is in {parsed.region})",
                f"use an ARN from {region}",
            )
        return parsed

    def kms_key_arn(
        self, argument: str, value: Any, *, region: str | None = None, plain: bool = False
    ) -> Arn | None:
        """The ARN of a KMS *key* (not an alias or key id: IAM grants scope KMS actions to the
        key ARN) in a known Region, and in ``region`` when given."""
        return self.arn(
            argument,
            value,
            service="kms",
            resource_types=("key",),
            example=KMS_KEY_ARN_EXAMPLE,
            region=region,
            plain=plain,
        )

    def region(self, argument: str, value: Any, *, partition: str | None = None) -> str | None:
        """A Region that exists (in ``partition`` when given)."""
        text = self.string(argument, value)
        if text is None:
            return None
        if not known_region(text, partition):
            found = partition_of_region(text)
            if found is not None:
                rule = f"must be a Region of the {partition!r} partition (it is in {found!r})"
            else:
                rule = "must be a known AWS Region"
            choices = PARTITION_REGIONS.get(partition or "aws", ())
            hint = did_you_mean(text, choices)
            self.fail(
                argument,
                value,
                rule,
                f"{hint + ' ' if hint else ''}use a Region such as 'us-east-1' or 'eu-west-1'",
            )
        return text

    def log_retention(self, argument: str, value: Any) -> int | None:
        """A retention CloudWatch Logs accepts."""
        days = self.integer(argument, value, minimum=1)
        if days is not None and days not in LOG_RETENTION_DAYS:
            lower = max((d for d in LOG_RETENTION_DAYS if d <= days), default=1)
            higher = min((d for d in LOG_RETENTION_DAYS if d >= days), default=3653)
            self.fail(
                argument,
                value,
                "must be a retention CloudWatch Logs accepts: "
                + ", ".join(map(str, LOG_RETENTION_DAYS)),
                f"use {lower} or {higher}",
                source="CloudWatch Logs PutRetentionPolicy",
            )
        return days
