"""Offline dependency installs from local wheel folders: reuse, determinism, platform
mismatches, pip failures, pruning and concurrent installs."""

import shutil
import subprocess
import sys
import zipfile

import pytest

from nova_compute import _packaging_pip as pip_module
from nova_compute.packaging import (
    DependencyResolutionError,
    PackagingError,
    build_archive,
    dependency_cache_key,
    install_dependencies,
)


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


@pytest.mark.real_pip  # a replayed second install would copy whatever the first one wrote
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
