"""The bucket's own name: every S3 naming rule (``_naming``, table B.1) as a Nova error."""

from __future__ import annotations

from nova_core import Checker
from nova_storage._naming import bucket_name_problem

__all__ = ["check_bucket_name"]


def check_bucket_name(
    check: Checker, bucket_name: object, *, allow_dots: bool, argument: str = "bucket_name"
) -> str | None:
    """Raise on the first S3 naming rule ``bucket_name`` breaks; return the plain name, or
    ``None`` when it is absent or an ``Output``."""
    text = check.string(argument, bucket_name)
    if text is None:
        return None
    problem = bucket_name_problem(text, allow_dots=allow_dots)
    if problem is not None:
        check.fail(argument, text, problem.rule, problem.fix, source=problem.source)
    return text
