"""The argument TypedDicts: every key documented with its default, and the checked key lists
derived from them (so a new key cannot be forgotten by the unknown-key check)."""

import inspect
import io
import re
import tokenize

import pytest

from nova_storage import BucketArgs
from nova_storage._rules.access_logs import ACCESS_LOGS_KEYS
from nova_storage._rules.bucket_settings import BUCKET_ARGS_KEYS
from nova_storage._rules.cors import CORS_RULE_KEYS
from nova_storage._rules.lifecycle import LIFECYCLE_RULE_KEYS
from nova_storage._rules.lifecycle_transitions import NONCURRENT_TRANSITION_KEYS, TRANSITION_KEYS
from nova_storage._rules.notifications import NOTIFICATION_KEYS
from nova_storage.bucket_args import (
    AccessLogsArgs,
    CorsRuleArgs,
    LifecycleRuleArgs,
    LifecycleTransitionArgs,
    NoncurrentVersionTransitionArgs,
    NotificationArgs,
)

TYPED_DICTS = (
    BucketArgs,
    LifecycleRuleArgs,
    LifecycleTransitionArgs,
    NoncurrentVersionTransitionArgs,
    CorsRuleArgs,
    AccessLogsArgs,
    NotificationArgs,
)
_QUOTES = re.compile(r"""^[rRuU]?(\"\"\"|'''|"|')|(\"\"\"|'''|"|')$""")
_SKIPPED = (tokenize.NL, tokenize.COMMENT)
_STATEMENT_START = (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)


def key_docstrings(typed_dict: type) -> dict[str, str]:
    """The string statement after each annotated key of a TypedDict, as Pulumi's analyzer reads
    it, found with ``tokenize`` rather than ``ast``.

    CPython 3.11.7 keeps ``ast``'s recursion-depth counter in interpreter-wide state
    (gh-106905): a parse running while another thread converts an AST fails with "SystemError:
    AST constructor recursion depth mismatch", so a test that parses source intermittently fails
    in a full run, and a retry only makes it rarer. Tokenizing shares no such state.
    """
    source = inspect.getsource(typed_dict)
    tokens = [
        t for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type not in _SKIPPED
    ]
    docs: dict[str, str] = {}
    pending: str | None = None
    at_start = False
    for index, token in enumerate(tokens):
        if token.type in _STATEMENT_START:
            at_start = True
            continue
        if not at_start:
            continue
        at_start = False
        if token.type == tokenize.STRING and pending is not None:
            docs[pending] = _QUOTES.sub("", token.string)
            pending = None
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        is_key = token.type == tokenize.NAME and following is not None and following.string == ":"
        pending = token.string if is_key else None
    return docs


def test_the_docstring_reader_pairs_each_key_with_the_string_after_it():
    docs = key_docstrings(LifecycleTransitionArgs)
    assert set(docs) == {"storage_class", "days", "date"}
    assert docs["date"] == (
        "ISO 8601 date, midnight UTC (``YYYY-MM-DD``). Exactly one of days/date. Default: none."
    )
    assert docs["storage_class"].startswith("One of STANDARD_IA, INTELLIGENT_TIERING")


@pytest.mark.parametrize("typed_dict", TYPED_DICTS, ids=lambda t: t.__name__)
def test_every_args_key_documents_its_default(typed_dict):
    docs = key_docstrings(typed_dict)
    for key in typed_dict.__annotations__:
        doc = docs.get(key)
        assert doc, f"{typed_dict.__name__}.{key} has no docstring"
        assert "Default: " in " ".join(doc.split()), f"{typed_dict.__name__}.{key}"


def test_checked_key_lists_are_the_typed_dict_keys():
    assert tuple(BucketArgs.__annotations__) == BUCKET_ARGS_KEYS
    assert tuple(LifecycleRuleArgs.__annotations__) == LIFECYCLE_RULE_KEYS
    assert tuple(LifecycleTransitionArgs.__annotations__) == TRANSITION_KEYS
    assert tuple(NoncurrentVersionTransitionArgs.__annotations__) == NONCURRENT_TRANSITION_KEYS
    assert tuple(CorsRuleArgs.__annotations__) == CORS_RULE_KEYS
    assert tuple(AccessLogsArgs.__annotations__) == ACCESS_LOGS_KEYS
    assert tuple(NotificationArgs.__annotations__) == NOTIFICATION_KEYS
    assert BucketArgs.__required_keys__ == frozenset()
