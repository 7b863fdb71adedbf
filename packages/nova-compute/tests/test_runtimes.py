"""The runtime lifecycle table and its verdicts on given days."""

import datetime
import json
from importlib import resources

import pytest

from nova_compute import runtimes
from nova_compute.runtimes import check_runtime, runtime_info, supported_runtimes


def test_table_is_shipped_as_data_and_loads():
    raw = json.loads(resources.files("nova_compute").joinpath("runtimes.json").read_text())
    assert raw["runtimes"]["python3.13"]["deprecation"] == "2029-06-30"
    info = runtime_info("python3.13")
    assert info is not None
    assert info.deprecation == datetime.date(2029, 6, 30)
    assert info.block_create == datetime.date(2029, 7, 31)
    assert info.python_version == "3.13"
    assert info.glibc == "2.34"
    assert runtime_info("nodejs22.x").python_version is None
    assert runtime_info("cobol1.0") is None


def test_default_runtime_is_python313_and_supported():
    assert runtimes.DEFAULT_RUNTIME == "python3.13"
    assert check_runtime("python3.13", datetime.date(2026, 11, 21)).level == "ok"


@pytest.mark.parametrize(
    ("runtime", "day", "level", "fragment"),
    [
        ("python3.12", datetime.date(2026, 11, 21), "ok", ""),
        ("python3.11", datetime.date(2027, 1, 15), "warning", "deprecated on 2027-06-30"),
        ("python3.11", datetime.date(2027, 6, 30), "error", "deprecated since 2027-06-30"),
        ("python3.10", datetime.date(2026, 11, 21), "error", "deprecated since 2026-10-31"),
        (
            "python3.9",
            datetime.date(2027, 2, 1),
            "error",
            "blocks creating functions on python3.9 since 2027-02-01",
        ),
        ("python2.7", datetime.date(2026, 11, 21), "error", "deprecated since 2021-07-15"),
        ("nodejs20.x", datetime.date(2026, 11, 21), "error", "use nodejs24.x"),
        ("provided.al2", datetime.date(2026, 11, 21), "error", "use provided.al2023"),
        ("java21", datetime.date(2026, 11, 21), "ok", ""),
        ("python3.14", datetime.date(2029, 7, 31), "error", "use a supported runtime"),
        ("go1.x", datetime.date(2026, 11, 21), "error", "creation blocked from any day now"),
    ],
)
def test_verdicts_name_the_date_and_replacement(runtime, day, level, fragment):
    status = check_runtime(runtime, day)
    assert status.level == level
    assert fragment in status.message


def test_unknown_runtime_is_an_error_listing_known_ones():
    status = check_runtime("python4.0", datetime.date(2026, 11, 21))
    assert status.level == "error"
    assert "python3.13" in status.message


def test_verdict_uses_the_replaceable_today(monkeypatch):
    monkeypatch.setattr(runtimes, "today", lambda: datetime.date(2030, 1, 1))
    assert check_runtime("python3.13").level == "error"
    monkeypatch.setattr(runtimes, "today", lambda: datetime.date(2026, 1, 1))
    assert check_runtime("python3.10").level == "ok"


def test_supported_runtimes_drop_deprecated_ones():
    supported = supported_runtimes(datetime.date(2026, 11, 21))
    assert "python3.13" in supported
    assert "python3.12" in supported
    assert "python3.10" not in supported
    assert "nodejs20.x" not in supported


def test_real_today_is_a_utc_date(monkeypatch):
    monkeypatch.undo()
    assert isinstance(runtimes.today(), datetime.date)
