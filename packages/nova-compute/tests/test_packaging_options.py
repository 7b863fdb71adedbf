"""PackagingOptions: the options object, keyword overrides and invalid options."""

import pytest

from nova_compute.packaging import (
    PackagingError,
    PackagingOptions,
    build_archive,
    dependency_cache_key,
)


def test_options_object_and_keyword_overrides_build_the_same_zip(app_dir, wheelhouse):
    options = PackagingOptions(
        requirements=["nova-top"], find_links=[str(wheelhouse)], no_index=True
    )
    by_object = build_archive(app_dir, options)
    by_keywords = build_archive(
        app_dir, requirements=["nova-top"], find_links=[str(wheelhouse)], no_index=True
    )
    assert by_object.sha256_hex == by_keywords.sha256_hex
    assert options.requirements == ("nova-top",)  # lists are kept as tuples (hashable, frozen)


def test_the_dependency_key_hashes_exactly_the_dependency_fields(wheelhouse):
    from nova_compute._packaging_base import DEPENDENCY_FIELDS

    assert set(DEPENDENCY_FIELDS) == {
        "runtime", "architecture", "pip_extra_args", "find_links", "index_url", "no_index",
    }  # fmt: skip
    base = PackagingOptions(find_links=[str(wheelhouse)])
    for not_in_key in (
        {"exclude": ["*.csv"]},
        {"use_default_excludes": False},
        {"cache_dir": "/elsewhere"},
    ):
        changed = PackagingOptions(find_links=[str(wheelhouse)], **not_in_key)
        assert dependency_cache_key("a\n", changed) == dependency_cache_key("a\n", base)


def test_fails_when_an_unknown_option_is_given(app_dir):
    with pytest.raises(TypeError, match="unknown packaging option 'requirement'"):
        build_archive(app_dir, requirement=["x"])


@pytest.mark.parametrize(
    ("options", "argument", "match"),
    [
        ({"no_index": True}, "no_index", "with no index pip has nowhere to find wheels"),
        ({"index_url": "pypi.org"}, "index_url", "is not an http"),
        ({"requirements": ["-r other.txt"]}, "requirements", "not one requirement specifier"),
        ({"requirements": "requests"}, "requirements", "must be a list of strings"),
        ({"architecture": "sparc"}, "architecture", "not a Lambda architecture"),
        (
            {"runtime": "nodejs22.x", "requirements": ["x"]},
            "requirements",
            "not a Python runtime",
        ),
    ],
)
def test_fails_when_options_are_invalid(options, argument, match):
    with pytest.raises(PackagingError, match=match) as info:
        PackagingOptions(**options)
    assert info.value.argument == argument
