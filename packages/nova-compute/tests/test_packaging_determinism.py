"""Deterministic zips: the same content gives the same bytes and hash, whatever the cache,
mtime or permissions; fixed entry order, time and modes."""

import base64
import hashlib
import os
import zipfile
from pathlib import Path

from nova_compute.packaging import (
    build_archive,
)


def _zip_entries(path: Path) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(path) as zf:
        return zf.infolist()


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
