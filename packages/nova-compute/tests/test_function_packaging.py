"""The Function component's code: prebuilt archives, dependencies packaged through the component,
stable hashes and pip kept out of previews."""

import logging

import pulumi
from compute_function_helpers import FUNCTION

from nova_compute import Function, FunctionArgs


def test_prebuilt_code_archive_is_used_as_is(mock_stack, tmp_path):
    archive = pulumi.AssetArchive(
        {"app.py": pulumi.StringAsset("def handler(e, c):\n    return 1\n")}
    )
    rec = mock_stack.run(lambda: Function("fn", FunctionArgs(code=archive)))
    function = rec.get(FUNCTION)
    assert isinstance(function.inputs["code"], pulumi.AssetArchive)
    assert "sourceCodeHash" not in function.inputs
    assert rec.result.archive is None


def test_dependencies_are_packaged_through_the_component(mock_stack, build, wheelhouse):
    rec = mock_stack.run(
        build(requirements=["nova-top"], find_links=[str(wheelhouse)], no_index=True)
    )
    archive = rec.result.archive
    assert "nova_top/__init__.py" in archive.files
    assert "nova_tiny/__init__.py" in archive.files
    assert rec.get(FUNCTION).inputs["sourceCodeHash"] == archive.sha256_b64


def test_handler_may_live_in_a_dependency(mock_stack, build, wheelhouse):
    rec = mock_stack.run(
        build(
            handler="nova_tiny.GREETING",
            requirements=["nova-tiny"],
            find_links=[str(wheelhouse)],
            no_index=True,
        )
    )
    assert rec.get(FUNCTION).inputs["handler"] == "nova_tiny.GREETING"


def test_same_program_twice_gives_the_same_code_hash(mock_stack, build):
    first = mock_stack.run(build()).get(FUNCTION).inputs["sourceCodeHash"]
    second = mock_stack.run(build()).get(FUNCTION).inputs["sourceCodeHash"]
    assert first == second


def test_pip_does_not_run_during_preview_when_the_cache_is_warm(
    mock_stack, build, wheelhouse, monkeypatch
):
    from nova_compute import _packaging_pip

    args = {"requirements": ["nova-top"], "find_links": [str(wheelhouse)], "no_index": True}
    first = mock_stack.run(build(**args)).result.archive

    def no_pip(command, cwd):
        raise AssertionError(f"pip ran during preview: {command}")

    monkeypatch.setattr(_packaging_pip, "_run", no_pip)
    mock_stack.preview = True
    rec = mock_stack.run(build(**args))
    assert rec.result.archive.reused
    assert rec.get(FUNCTION).inputs["sourceCodeHash"] == first.sha256_b64


def test_first_dependency_build_is_announced_with_the_function_name(
    mock_stack, build, wheelhouse, caplog
):
    args = {"requirements": ["nova-top"], "find_links": [str(wheelhouse)], "no_index": True}
    with caplog.at_level(logging.INFO):
        mock_stack.run(build(**args))
    assert (
        "nova-compute Function 'fn': installing 1 requirement(s) (nova-top) with pip for "
        "manylinux_2_34_aarch64 (CPython 3.13, arm64, python3.13)" in caplog.text
    )
    caplog.clear()
    with caplog.at_level(logging.INFO):
        mock_stack.run(build(**args))
    assert "installing" not in caplog.text
