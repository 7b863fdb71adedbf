import pytest

from nova_testing import Match, matches


def test_dicts_match_as_recursive_subsets():
    assert matches({"a": {"b": 1}}, {"a": {"b": 1, "c": 2}, "d": 3}) == []
    assert matches({"a": {"b": 2}}, {"a": {"b": 1}}) == ["$.a.b: expected 2, found 1"]


def test_missing_keys_are_reported_with_the_keys_present():
    (error,) = matches({"x": 1}, {"y": 1})
    assert "$.x: missing" in error
    assert "['y']" in error


def test_lists_match_element_wise_with_equal_length():
    assert matches([{"a": 1}], [{"a": 1, "b": 2}]) == []
    assert "expected 1 elements, found 2" in matches([1], [1, 2])[0]
    assert matches([1], "1") == ["$: expected a list, found '1'"]


def test_array_with_matches_in_any_order():
    assert matches(Match.array_with([3, {"k": "v"}]), [{"k": "v", "z": 0}, 1, 3]) == []
    assert "no element matches pattern #0" in matches(Match.array_with([9]), [1, 2])[0]
    assert matches(Match.array_with([1]), {"a": 1}) != []


def test_absent_and_any_value():
    assert matches({"a": Match.absent()}, {"b": 1}) == []
    assert matches({"a": Match.absent()}, {"a": 1}) == ["$.a: expected absent, found 1"]
    assert matches({"a": Match.any_value()}, {"a": 0}) == []
    assert matches({"a": Match.any_value()}, {"a": None}) != []


def test_exact_does_not_allow_extra_keys():
    assert matches(Match.exact({"a": 1}), {"a": 1}) == []
    assert matches(Match.exact({"a": 1}), {"a": 1, "b": 2}) != []


def test_regexp():
    assert matches(Match.string_like_regexp(r"^arn:aws:s3:::"), "arn:aws:s3:::b") == []
    assert matches(Match.string_like_regexp(r"^arn"), 3) != []


def test_serialized_json():
    pattern = Match.serialized_json({"Statement": [{"Effect": "Deny"}]})
    assert matches(pattern, '{"Statement": [{"Effect": "Deny", "Action": "s3:*"}]}') == []
    assert (
        "Effect: expected 'Deny', found 'Allow'"
        in matches(pattern, '{"Statement": [{"Effect": "Allow"}]}')[0]
    )
    assert "does not parse" in matches(pattern, "{not json")[0]
    assert "expected a JSON string" in matches(pattern, {"Statement": []})[0]


def test_object_pattern_against_non_object():
    assert matches({"a": 1}, [1]) == ["$: expected an object, found [1]"]


@pytest.mark.parametrize(
    "matcher",
    [
        Match.absent(),
        Match.any_value(),
        Match.exact(1),
        Match.array_with([1]),
        Match.string_like_regexp("x"),
        Match.serialized_json({}),
    ],
)
def test_matchers_have_readable_reprs(matcher):
    assert repr(matcher).startswith("Match.")


def test_long_values_are_shortened_in_messages():
    (error,) = matches("short", "x" * 500)
    assert error.endswith("...")
    assert len(error) < 260
