"""Deterministic zips, exclusion rules, the build cache and offline dependency installs."""

import base64
import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from nova_compute import _packaging_files as files_module
from nova_compute import _packaging_pip as pip_module
from nova_compute.packaging import (
    DEFAULT_EXCLUDES,
    DependencyResolutionError,
    PackagingError,
    PackagingOptions,
    build_archive,
    default_cache_dir,
    dependency_cache_key,
    install_dependencies,
    pip_install_command,
    pip_platforms,
    source_files,
)


def _zip_entries(path: Path) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(path) as zf:
        return zf.infolist()


# -- file selection ---------------------------------------------------------------------------
def test_source_files_leave_out_tests_caches_and_project_files(app_dir):
    assert source_files(app_dir) == ["app.py", "lib/__init__.py", "lib/util.py"]


def test_source_files_apply_user_patterns_of_every_form(app_dir):
    (app_dir / "data").mkdir()
    (app_dir / "data" / "big.csv").write_text("a,b\n")
    (app_dir / "lib" / "notes.csv").write_text("x\n")
    (app_dir / "scripts").mkdir()
    (app_dir / "scripts" / "run.sh").write_text("echo\n")
    (app_dir / "scripts" / "keep.py").write_text("")
    files = source_files(app_dir, ["*.csv", "scripts/*.sh", "lib/"])
    assert files == ["app.py", "scripts/keep.py"]


def test_source_files_can_keep_everything_without_default_excludes(app_dir):
    files = source_files(app_dir, use_default_excludes=False)
    assert "tests/test_app.py" in files
    assert "__pycache__/app.cpython-313.pyc" in files
    assert "pyproject.toml" in files


def test_directory_pattern_does_not_exclude_a_file_of_that_name(tmp_path):
    (tmp_path / "tests").write_text("a file, not a folder\n")
    assert source_files(tmp_path) == ["tests"]


def test_default_excludes_cover_the_documented_list():
    assert set(DEFAULT_EXCLUDES) == {
        "__pycache__", "*.pyc", "*.pyo", ".pytest_cache", ".mypy_cache", ".ruff_cache",
        ".hypothesis", "tests/", "test_*.py", "*_test.py", "conftest.py", ".venv", ".git",
        "*.egg-info", ".DS_Store", "pyproject.toml", "requirements*.txt", "README*",
    }  # fmt: skip


def test_symlink_loops_are_walked_once(tmp_path):
    (tmp_path / "app.py").write_text("x = 1\n")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "m.py").write_text("")
    os.symlink(tmp_path / "pkg", tmp_path / "pkg" / "again")
    assert source_files(tmp_path) == ["app.py", "pkg/m.py"]


def test_fails_when_code_path_is_missing(tmp_path):
    with pytest.raises(PackagingError, match=r"does not exist or is not a folder.*Fix:"):
        source_files(tmp_path / "nope")


def test_fails_when_everything_is_excluded(tmp_path):
    (tmp_path / "test_only.py").write_text("")
    with pytest.raises(PackagingError, match="no files left after the exclude patterns"):
        build_archive(tmp_path)


# -- determinism ------------------------------------------------------------------------------
def test_same_content_gives_same_hash_in_two_caches(app_dir, tmp_path):
    first = build_archive(app_dir, cache_dir=tmp_path / "cache-a")
    second = build_archive(app_dir, cache_dir=tmp_path / "cache-b")
    assert first.path != second.path
    assert first.sha256_hex == second.sha256_hex
    assert first.path.read_bytes() == second.path.read_bytes()
    assert not first.reused
    assert not second.reused


def test_hash_fields_describe_the_zip_bytes(app_dir):
    built = build_archive(app_dir)
    data = built.path.read_bytes()
    assert built.sha256_hex == hashlib.sha256(data).hexdigest()
    assert built.sha256_b64 == base64.b64encode(hashlib.sha256(data).digest()).decode()
    assert built.size == len(data)
    assert built.files == ("app.py", "lib/__init__.py", "lib/util.py")
    assert built.unzipped_size == sum((app_dir / f).stat().st_size for f in built.files)


def test_one_byte_change_gives_a_different_hash(app_dir, tmp_path):
    before = build_archive(app_dir, cache_dir=tmp_path / "a")
    util = app_dir / "lib" / "util.py"
    util.write_text(util.read_text().replace("1", "2"))
    after = build_archive(app_dir, cache_dir=tmp_path / "b")
    assert before.sha256_hex != after.sha256_hex


def test_mtime_and_permission_changes_do_not_change_the_hash(app_dir, tmp_path):
    before = build_archive(app_dir, cache_dir=tmp_path / "a")
    for path in app_dir.rglob("*.py"):
        os.utime(path, (1_900_000_000, 1_900_000_000))
        path.chmod(0o600)
    (app_dir / "lib").chmod(0o700)
    after = build_archive(app_dir, cache_dir=tmp_path / "b")
    assert before.sha256_hex == after.sha256_hex


def test_renaming_a_file_changes_the_hash(app_dir, tmp_path):
    before = build_archive(app_dir, cache_dir=tmp_path / "a")
    (app_dir / "lib" / "util.py").rename(app_dir / "lib" / "tools.py")
    after = build_archive(app_dir, cache_dir=tmp_path / "b")
    assert before.sha256_hex != after.sha256_hex


def test_entries_are_sorted_with_fixed_time_and_normalised_modes(app_dir):
    script = app_dir / "bootstrap"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o700)
    (app_dir / "app.py").chmod(0o600)
    built = build_archive(app_dir)
    entries = _zip_entries(built.path)
    names = [e.filename for e in entries]
    assert names == sorted(names)
    assert names == ["app.py", "bootstrap", "lib/", "lib/__init__.py", "lib/util.py"]
    modes = {e.filename: e.external_attr >> 16 for e in entries}
    assert modes == {
        "app.py": 0o100644,
        "bootstrap": 0o100755,
        "lib/": 0o040755,
        "lib/__init__.py": 0o100644,
        "lib/util.py": 0o100644,
    }
    assert {e.date_time for e in entries} == {(1980, 1, 1, 0, 0, 0)}
    assert {e.create_system for e in entries} == {3}


def test_executable_bit_is_content(app_dir, tmp_path):
    before = build_archive(app_dir, cache_dir=tmp_path / "a")
    (app_dir / "app.py").chmod(0o755)
    after = build_archive(app_dir, cache_dir=tmp_path / "b")
    assert before.sha256_hex != after.sha256_hex


# -- cache ------------------------------------------------------------------------------------
def test_second_build_reuses_the_zip_without_writing(app_dir, monkeypatch):
    first = build_archive(app_dir)
    mtime = first.path.stat().st_mtime_ns

    def no_zip(*args, **kwargs):
        raise AssertionError("the zip was written again")

    monkeypatch.setattr(files_module, "write_zip", no_zip)
    second = build_archive(app_dir)
    assert second.reused
    assert second.path == first.path
    assert second.path.stat().st_mtime_ns == mtime
    assert second.sha256_b64 == first.sha256_b64


def test_zip_is_named_by_content_in_the_archives_folder(app_dir, isolated_cache):
    built = build_archive(app_dir)
    assert built.path.parent == isolated_cache / "archives"
    assert len(built.path.stem) == 64
    assert built.path.stat().st_mode & 0o777 == 0o644
    assert list((isolated_cache / "archives").iterdir()) == [built.path]


def test_default_cache_dir_prefers_nova_cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("NOVA_CACHE_DIR", str(tmp_path / "nova"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "nova"


def test_default_cache_dir_honours_xdg_cache_home(monkeypatch, tmp_path):
    monkeypatch.delenv("NOVA_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "nova" / "lambda"


def test_default_cache_dir_falls_back_to_home(monkeypatch, tmp_path):
    monkeypatch.delenv("NOVA_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "nova" / "lambda"


def test_fails_when_cache_dir_cannot_be_created(app_dir, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(PackagingError, match="cannot create the build cache folder") as info:
        build_archive(app_dir, cache_dir=blocker / "cache")
    assert info.value.argument == "cache_dir"


# -- dependencies -----------------------------------------------------------------------------
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


def test_dependencies_install_offline_from_a_local_wheel_folder(app_dir, wheelhouse):
    built = build_archive(
        app_dir, requirements=["nova-top"], find_links=[str(wheelhouse)], no_index=True
    )
    assert "nova_top/__init__.py" in built.files
    assert "nova_tiny/__init__.py" in built.files  # transitive dependency
    assert "app.py" in built.files
    assert not any(f.endswith(("RECORD", "direct_url.json", ".pyc")) for f in built.files)
    assert not any(f.startswith("bin/") or "__pycache__" in f for f in built.files)
    with zipfile.ZipFile(built.path) as zf:
        assert zf.read("nova_tiny/__init__.py") == b"GREETING = 'hi'\n"


def test_dependency_build_is_deterministic_across_caches(app_dir, wheelhouse, tmp_path):
    kwargs = {"requirements": ["nova-top"], "find_links": [str(wheelhouse)], "no_index": True}
    first = build_archive(app_dir, cache_dir=tmp_path / "a", **kwargs)
    second = build_archive(app_dir, cache_dir=tmp_path / "b", **kwargs)
    assert first.sha256_hex == second.sha256_hex


def test_second_dependency_build_runs_no_pip(app_dir, wheelhouse, monkeypatch):
    calls = []
    real_run = pip_module._run

    def counting_run(command, cwd):
        calls.append(command)
        return real_run(command, cwd)

    monkeypatch.setattr(pip_module, "_run", counting_run)
    kwargs = {"requirements": ["nova-top"], "find_links": [str(wheelhouse)], "no_index": True}
    first = build_archive(app_dir, **kwargs)
    assert len(calls) == 1

    def no_pip(command, cwd):
        raise AssertionError(f"pip ran again: {command}")

    monkeypatch.setattr(pip_module, "_run", no_pip)
    second = build_archive(app_dir, **kwargs)
    assert second.reused
    assert second.sha256_hex == first.sha256_hex


def test_code_change_reuses_dependencies_but_rebuilds_the_zip(app_dir, wheelhouse, monkeypatch):
    kwargs = {"requirements": ["nova-top"], "find_links": [str(wheelhouse)], "no_index": True}
    first = build_archive(app_dir, **kwargs)
    monkeypatch.setattr(pip_module, "_run", lambda *a: pytest.fail("pip ran again"))
    (app_dir / "app.py").write_text("def handler(event, context):\n    return 2\n")
    second = build_archive(app_dir, **kwargs)
    assert not second.reused
    assert second.sha256_hex != first.sha256_hex


def test_requirements_file_installs_and_keys_on_its_content(app_dir, wheelhouse, tmp_path):
    req = tmp_path / "requirements.txt"
    req.write_text("nova-tiny\n")
    deps = install_dependencies(requirements_file=req, find_links=[str(wheelhouse)], no_index=True)
    assert "nova_tiny/__init__.py" in deps.files
    assert not deps.reused
    again = install_dependencies(requirements_file=req, find_links=[str(wheelhouse)], no_index=True)
    assert again.reused
    assert again.key == deps.key
    req.write_text("nova-tiny==1.0.0\n")
    changed = install_dependencies(
        requirements_file=req, find_links=[str(wheelhouse)], no_index=True
    )
    assert changed.key != deps.key


def test_code_wins_over_a_dependency_file_of_the_same_name(app_dir, wheelhouse):
    (app_dir / "nova_tiny").mkdir()
    (app_dir / "nova_tiny" / "__init__.py").write_text("GREETING = 'from code'\n")
    built = build_archive(
        app_dir, requirements=["nova-tiny"], find_links=[str(wheelhouse)], no_index=True
    )
    with zipfile.ZipFile(built.path) as zf:
        assert zf.read("nova_tiny/__init__.py") == b"GREETING = 'from code'\n"
    assert built.files.count("nova_tiny/__init__.py") == 1


def test_fails_when_no_wheel_matches_the_platform(app_dir, wheelhouse):
    with pytest.raises(DependencyResolutionError) as info:
        build_archive(
            app_dir,
            requirements=["nova-native"],
            architecture="arm64",
            find_links=[str(wheelhouse)],
            no_index=True,
        )
    error = info.value
    assert error.requirement == "nova-native"
    assert error.platforms[0] == "manylinux2014_aarch64"
    assert "no wheel of 'nova-native' is compatible" in str(error)
    assert "manylinux2014_aarch64" in str(error)
    assert "Fix:" in str(error)


def test_the_same_wheel_installs_for_its_own_architecture(app_dir, wheelhouse):
    built = build_archive(
        app_dir,
        requirements=["nova-native"],
        architecture="x86_64",
        find_links=[str(wheelhouse)],
        no_index=True,
    )
    assert "nova_native/__init__.py" in built.files


def test_failed_install_leaves_nothing_in_the_cache(app_dir, wheelhouse, isolated_cache):
    with pytest.raises(DependencyResolutionError):
        build_archive(
            app_dir, requirements=["nova-native"], find_links=[str(wheelhouse)], no_index=True
        )
    assert list((isolated_cache / "deps").iterdir()) == []


@pytest.mark.parametrize(
    "stderr",
    [
        "ERROR: Could not find a version that satisfies the requirement orjson==9.9 (from versions: none)",
        "ERROR: No matching distribution found for orjson==9.9",
    ],
)
def test_pip_error_messages_name_the_requirement(app_dir, monkeypatch, stderr):
    monkeypatch.setattr(
        pip_module, "_run", lambda command, cwd: subprocess.CompletedProcess(command, 1, "", stderr)
    )
    with pytest.raises(
        DependencyResolutionError, match=r"'orjson==9\.9'.*manylinux2014_aarch64"
    ) as info:
        build_archive(app_dir, requirements=["orjson==9.9"])
    assert "https://pypi.org/project/orjson/#files" in str(info.value)


def test_other_pip_failures_show_pip_output(app_dir, monkeypatch):
    monkeypatch.setattr(
        pip_module,
        "_run",
        lambda command, cwd: subprocess.CompletedProcess(command, 2, "", "ERROR: boom happened"),
    )
    with pytest.raises(PackagingError, match=r"(?s)exit code 2.*boom happened.*end of pip output"):
        build_archive(app_dir, requirements=["x"])


def test_missing_pip_is_explained(app_dir, monkeypatch):
    monkeypatch.setattr(
        pip_module,
        "_run",
        lambda command, cwd: subprocess.CompletedProcess(command, 1, "", "No module named pip"),
    )
    with pytest.raises(PackagingError, match="pip is not installed"):
        build_archive(app_dir, requirements=["x"])


def test_fails_when_requirements_file_is_missing(app_dir, tmp_path):
    with pytest.raises(PackagingError, match=r"requirements file .* does not exist") as info:
        build_archive(app_dir, requirements_file=tmp_path / "nope.txt")
    assert info.value.argument == "requirements_file"


def test_fails_when_both_requirement_forms_are_given(app_dir, tmp_path):
    with pytest.raises(PackagingError, match="both 'requirements' and 'requirements_file'"):
        build_archive(app_dir, requirements=["a"], requirements_file=tmp_path / "r.txt")


def test_a_leftover_broken_install_is_replaced(app_dir, wheelhouse, isolated_cache):
    text = "nova-tiny\n"
    key = dependency_cache_key(text, find_links=[str(wheelhouse)], no_index=True)
    broken = isolated_cache / "deps" / key / "site"
    broken.mkdir(parents=True)
    (broken / "junk.py").write_text("")
    deps = install_dependencies(
        requirements=["nova-tiny"], find_links=[str(wheelhouse)], no_index=True
    )
    assert not deps.reused
    assert "junk.py" not in deps.files
    assert (isolated_cache / "deps" / key / "manifest.json").is_file()


def test_the_zip_unpacks_to_an_importable_tree(app_dir, wheelhouse, tmp_path):
    built = build_archive(
        app_dir, requirements=["nova-top"], find_links=[str(wheelhouse)], no_index=True
    )
    target = tmp_path / "unpacked"
    shutil.unpack_archive(built.path, target)
    result = subprocess.run(
        [sys.executable, "-c", "import app, nova_top, nova_tiny; print(nova_tiny.GREETING)"],
        cwd=target,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "hi"


def test_cache_key_fingerprints_wheel_files_and_urls(tmp_path, wheel_maker):
    wheel = wheel_maker(tmp_path / "w", "nova-one")
    by_file = dependency_cache_key("a\n", find_links=[str(wheel)])
    by_url = dependency_cache_key("a\n", find_links=["https://example.org/wheels/"])
    assert by_file != by_url
    wheel.write_bytes(wheel.read_bytes() + b"\0")
    assert dependency_cache_key("a\n", find_links=[str(wheel)]) != by_file


def test_machine_specific_pip_files_are_pruned(tmp_path):
    site = tmp_path / "site"
    for rel, data in {
        "pkg/__init__.py": "x = 1\n",
        "pkg/__pycache__/__init__.cpython-313.pyc": "",
        "pkg/old.pyc": "",
        "pkg-1.0.dist-info/METADATA": "Name: pkg\n",
        "pkg-1.0.dist-info/RECORD": "pkg/__init__.py,,\n",
        "pkg-1.0.dist-info/direct_url.json": '{"url": "file:///home/me/pkg"}',
        "bin/pkg-cli": "#!/home/me/.venv/bin/python\n",
        "pkg/bin/data.txt": "kept\n",
    }.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data)
    files = pip_module.prune_dependencies(site)
    assert sorted(files) == ["pkg-1.0.dist-info/METADATA", "pkg/__init__.py", "pkg/bin/data.txt"]
    assert not (site / "bin").exists()
    assert not (site / "pkg" / "__pycache__").exists()


def test_a_concurrent_install_of_the_same_key_wins_quietly(
    app_dir, wheelhouse, isolated_cache, monkeypatch
):
    real_run = pip_module._run
    kwargs = {"requirements": ["nova-tiny"], "find_links": [str(wheelhouse)], "no_index": True}
    key = dependency_cache_key("nova-tiny\n", find_links=[str(wheelhouse)], no_index=True)

    def racing_run(command, cwd):
        result = real_run(command, cwd)
        other = isolated_cache / "deps" / key
        (other / "site").mkdir(parents=True)
        (other / "manifest.json").write_text('{"format": "x", "files": {}}')
        return result

    monkeypatch.setattr(pip_module, "_run", racing_run)
    deps = install_dependencies(**kwargs)
    assert "nova_tiny/__init__.py" in deps.files
    leftovers = [p.name for p in (isolated_cache / "deps").iterdir()]
    assert leftovers == [key]


# -- options, progress and imports --------------------------------------------------------------
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


def test_first_dependency_build_says_what_it_installs_for_which_platform(
    app_dir, wheelhouse, capsys
):
    kwargs = {"requirements": ["nova-top"], "find_links": [str(wheelhouse)], "no_index": True}
    build_archive(app_dir, **kwargs)
    first = capsys.readouterr().err
    assert (
        "installing 1 requirement(s) (nova-top) with pip for manylinux_2_34_aarch64 "
        "(CPython 3.13, arm64, python3.13)" in first
    )
    build_archive(app_dir, **kwargs)
    assert capsys.readouterr().err == ""  # a cached build is silent


def test_progress_can_be_sent_elsewhere(app_dir, wheelhouse, capsys):
    lines = []
    build_archive(
        app_dir,
        requirements=["nova-tiny"],
        find_links=[str(wheelhouse)],
        no_index=True,
        architecture="x86_64",
        progress=lines.append,
    )
    assert len(lines) == 1
    assert "manylinux_2_34_x86_64" in lines[0]
    assert capsys.readouterr().err == ""


def test_importing_packaging_loads_neither_pulumi_nor_the_component():
    script = (
        "import sys, nova_compute.packaging, nova_compute.runtimes\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pulumi', 'pulumi_aws', 'nova_core') or m == 'nova_compute.function')\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_component_is_still_importable_from_the_package():
    import nova_compute

    assert nova_compute.Function.__name__ == "Function"
    assert nova_compute.TYPE_TOKEN == "nova-compute:index:Function"
    assert "Function" in dir(nova_compute)
    with pytest.raises(AttributeError, match="has no attribute 'Functions'"):
        _ = nova_compute.Functions
