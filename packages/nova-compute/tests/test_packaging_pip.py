"""The pip side of dependency installs: Lambda platforms, the pip command and the dependency
cache key."""

import sys

import pytest

from nova_compute.packaging import (
    PackagingError,
    dependency_cache_key,
    pip_install_command,
    pip_platforms,
)


def test_pip_platforms_follow_runtime_glibc_and_architecture():
    al2023 = pip_platforms("python3.13", "arm64")
    assert al2023[0] == "manylinux2014_aarch64"
    assert "manylinux_2_28_aarch64" in al2023
    assert al2023[-1] == "manylinux_2_34_aarch64"
    al2 = pip_platforms("python3.11", "x86_64")
    assert al2[0] == "manylinux2014_x86_64"
    assert al2[-1] == "manylinux_2_26_x86_64"
    assert "manylinux_2_28_x86_64" not in al2


@pytest.mark.parametrize(
    ("runtime", "architecture", "match"),
    [
        ("nodejs22.x", "arm64", "not a Python runtime"),
        ("python9.9", "arm64", "not a Python runtime"),
        ("python3.13", "sparc", "not a Lambda architecture"),
    ],
)
def test_fails_when_platform_is_not_python_on_lambda(runtime, architecture, match):
    with pytest.raises(PackagingError, match=match):
        pip_platforms(runtime, architecture)


def test_pip_command_targets_the_lambda_platform(tmp_path):
    command = pip_install_command(
        tmp_path / "site",
        tmp_path / "req.txt",
        runtime="python3.13",
        architecture="arm64",
        find_links=[str(tmp_path / "wheels")],
        index_url="https://example.org/simple",
        no_index=True,
        pip_extra_args=["--pre"],
    )
    assert command[:4] == [sys.executable, "-m", "pip", "install"]
    joined = " ".join(command)
    for part in (
        f"--target {tmp_path / 'site'}",
        "--implementation cp",
        "--python-version 3.13",
        "--only-binary=:all:",
        "--no-compile",
        "--platform manylinux2014_aarch64",
        "--platform manylinux_2_28_aarch64",
        "--index-url https://example.org/simple",
        "--no-index",
        f"--find-links {tmp_path / 'wheels'}",
        "--pre",
    ):
        assert part in joined
    assert command[-2:] == ["-r", str(tmp_path / "req.txt")]


@pytest.mark.parametrize(
    "option", ["--target=/x", "--platform", "--python-version", "--only-binary=:none:"]
)
def test_fails_when_extra_pip_args_override_platform_options(tmp_path, option):
    with pytest.raises(PackagingError, match="conflicts with the options") as info:
        pip_install_command(tmp_path, tmp_path / "r.txt", pip_extra_args=[option])
    assert info.value.argument == "pip_extra_args"


def test_cache_key_changes_with_every_input(wheelhouse, wheel_maker):
    base = dependency_cache_key("a==1\n", find_links=[str(wheelhouse)])
    variants = [
        dependency_cache_key("a==2\n", find_links=[str(wheelhouse)]),
        dependency_cache_key("a==1\n", architecture="x86_64", find_links=[str(wheelhouse)]),
        dependency_cache_key("a==1\n", runtime="python3.12", find_links=[str(wheelhouse)]),
        dependency_cache_key("a==1\n", pip_extra_args=["--pre"], find_links=[str(wheelhouse)]),
        dependency_cache_key("a==1\n", no_index=True, find_links=[str(wheelhouse)]),
        dependency_cache_key("a==1\n", index_url="https://x/simple", find_links=[str(wheelhouse)]),
    ]
    assert len({base, *variants}) == len(variants) + 1
    assert dependency_cache_key("a==1\n", find_links=[str(wheelhouse)]) == base
    wheel_maker(wheelhouse, "nova-extra")
    assert dependency_cache_key("a==1\n", find_links=[str(wheelhouse)]) != base


def test_cache_key_fingerprints_wheel_files_and_urls(tmp_path, wheel_maker):
    wheel = wheel_maker(tmp_path / "w", "nova-one")
    by_file = dependency_cache_key("a\n", find_links=[str(wheel)])
    by_url = dependency_cache_key("a\n", find_links=["https://example.org/wheels/"])
    assert by_file != by_url
    wheel.write_bytes(wheel.read_bytes() + b"\0")
    assert dependency_cache_key("a\n", find_links=[str(wheel)]) != by_file
