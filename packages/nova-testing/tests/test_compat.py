"""nova-testing runs only on the Pulumi releases it was tested on, and says so clearly."""

import pytest

from nova_testing._compat import TESTED_PULUMI, UnsupportedPulumiError, check_pulumi


def test_the_installed_pulumi_is_a_tested_one():
    assert check_pulumi() >= TESTED_PULUMI[0]


@pytest.mark.parametrize("version", ["3.199.0", "3.273.0", "4.0.0"])
def test_fails_when_pulumi_is_outside_the_tested_range(version):
    with pytest.raises(UnsupportedPulumiError) as caught:
        check_pulumi(version)
    message = str(caught.value)
    assert f"pulumi {version} is installed" in message
    assert f"pip install 'pulumi>={TESTED_PULUMI[0]},<{TESTED_PULUMI[1]}'" in message


@pytest.mark.parametrize(
    ("module", "attribute"), [("sync_await", "_sync_await"), ("resource", "_get_stack_trace")]
)
def test_fails_when_an_internal_the_kit_uses_is_gone(monkeypatch, module, attribute):
    import importlib

    monkeypatch.delattr(importlib.import_module(f"pulumi.runtime.{module}"), attribute)
    with pytest.raises(
        UnsupportedPulumiError,
        match=rf"lacks the internals it uses: pulumi\.runtime\.{module}\.{attribute}\. Fix:",
    ):
        check_pulumi(TESTED_PULUMI[0])


def test_the_pin_in_pyproject_matches_the_tested_range():
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    low, high = TESTED_PULUMI
    assert f"pulumi>={low},<{high.rsplit('.', 1)[0]}" in project["project"]["dependencies"]
