"""The shared item rules, the store layout and the environment check, called directly."""

import json

import pytest

from items_core import envcheck, layout, rules
from items_core.rules import InvalidItemError


def _line(value) -> bytes:
    return json.dumps(value).encode()


def test_a_line_gives_its_id_and_document():
    assert rules.parse_line(_line({"id": "order-1", "item": {"n": 1}})) == ("order-1", {"n": 1})
    assert rules.parse_line(b'  {"item": {}, "id": "a"}\r') == ("a", {})


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (b"not json", rules.INVALID_JSON),
        (b"\xff\xfe", rules.INVALID_UTF8),
        (b'{"id": "a", "item": NaN}', rules.INVALID_JSON),
        (b'{"id": "a", "item": {"x": 1e400}}', rules.INVALID_JSON),
        (b'{"id": "a", "item": {"x": -1E999}}', rules.INVALID_JSON),
        (b"[1]", rules.INVALID_LINE),
        (b'{"id": "a"}', rules.INVALID_LINE),
        (b'{"id": "a", "item": {}, "extra": 1}', rules.INVALID_LINE),
        (b'{"id": "a b", "item": {}}', rules.INVALID_ID),
        (b'{"id": 7, "item": {}}', rules.INVALID_ID),
        (b'{"id": "a", "item": [1]}', rules.NOT_AN_OBJECT),
        (b'{"id": "a", "item": "x"}', rules.NOT_AN_OBJECT),
        (b'{"id": "a", "item": {"s": "\\ud800"}}', rules.UNPAIRED_SURROGATE),
        (_line({"id": "a", "item": json.loads('{"a":' * 40 + "1" + "}" * 40)}), rules.TOO_DEEP),
        (_line({"id": "a", "item": {"x": "y" * rules.MAX_DOCUMENT_BYTES}}), rules.TOO_LARGE),
        (b" " * (rules.MAX_LINE_BYTES + 1), rules.TOO_LARGE),
    ],
)
def test_fails_when_a_line_breaks_the_item_rules(line, code):
    with pytest.raises(InvalidItemError) as caught:
        rules.parse_line(line)
    assert caught.value.code == code
    assert caught.value.code in rules.REJECTION_CODES
    assert caught.value.message


def test_large_but_finite_numbers_are_kept():
    assert rules.parse_document(b'{"x": 1e308, "y": 12345678901234567890}') == {
        "x": 1e308,
        "y": 12345678901234567890,
    }


def test_a_document_at_the_size_limit_is_accepted():
    filler = "y" * (rules.MAX_DOCUMENT_BYTES - len('{"x":""}'))
    document = {"x": filler}
    assert len(rules.encode_compact(document)) == rules.MAX_DOCUMENT_BYTES
    assert rules.parse_line(_line({"id": "a", "item": document}))[1] == document


def test_the_invalid_line_message_names_missing_and_unknown_keys():
    with pytest.raises(InvalidItemError, match="missing item; unknown 'doc'"):
        rules.parse_line(b'{"id": "a", "doc": {}}')


def test_layout_keys_and_bytes():
    assert layout.object_key("items/", "a-1") == "items/a-1.json"
    assert layout.id_of_key("items/", "items/a-1.json") == "a-1"
    assert layout.id_of_key("items/", "items/x/y.json") is None
    assert layout.id_of_key("items/", "other/a.json") is None
    assert layout.encode_item({"note": "Grüße", "l": [1]}) == '{"note":"Grüße","l":[1]}'.encode()
    with pytest.raises(InvalidItemError):
        layout.object_key("items/", "../x")


SPECS = {
    "NAME": {"required": True, "pattern": r"[a-z]{1,5}"},
    "LEVEL": {"required": False, "choices": ("DEBUG", "INFO"), "default": "INFO"},
    "SIZE": {"required": False, "minimum": 1, "maximum": 10, "default": "5"},
    "OPTIONAL": {"required": False},
}


def test_environment_values_are_cleaned_and_defaulted():
    values = envcheck.read(SPECS, {"NAME": " abc ", "LEVEL": "debug"})
    assert values == {"NAME": "abc", "LEVEL": "DEBUG", "SIZE": 5, "OPTIONAL": None}


def test_fails_when_environment_values_break_their_specs_and_names_each():
    with pytest.raises(envcheck.EnvError) as caught:
        envcheck.read(SPECS, {"LEVEL": "WARN", "SIZE": "11"})
    assert caught.value.missing == ("NAME",)
    assert set(caught.value.invalid) == {"LEVEL", "SIZE"}
    assert "'WARN' is not one of DEBUG, INFO" in str(caught.value)
    assert "'11' is not an integer from 1 to 10" in str(caught.value)
    with pytest.raises(envcheck.EnvError, match="does not match"):
        envcheck.read(SPECS, {"NAME": "TOOLONG"})
