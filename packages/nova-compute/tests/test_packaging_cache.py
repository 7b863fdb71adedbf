"""The build cache: reuse without writing, content-addressed zips and where the cache lives."""

import pytest

from nova_compute import _packaging_files as files_module
from nova_compute.packaging import PackagingError, build_archive, default_cache_dir


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
