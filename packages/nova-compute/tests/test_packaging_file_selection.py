"""Which files of a code folder go into the zip: default excludes, user patterns, symlinks and
the errors for a missing or empty folder."""

import os

import pytest

from nova_compute.packaging import DEFAULT_EXCLUDES, PackagingError, build_archive, source_files


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
