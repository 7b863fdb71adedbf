"""The config file: levels, options, suppressions with reasons (NP-01), errors."""

from __future__ import annotations

import json

import pytest
from policy_builders import res

from nova_policy import (
    ConfigError,
    Level,
    PolicyConfig,
    check,
    load_config,
    parse_config,
)

OLD_FN = res("aws:lambda/function:Function", "legacy-fn", {"runtime": "python3.13"})
NEW_FN = res("aws:lambda/function:Function", "new-fn", {"runtime": "python3.13"})


def _l03(report):
    return [(f.resource.name, f.suppressed) for f in report.findings if f.rule.id == "L-03"]


def test_suppression_by_name_glob_keeps_the_finding_visible():
    config = parse_config({"L-03": {"suppress": [{"resource": "legacy-*", "reason": "vendored"}]}})
    report = check([OLD_FN, NEW_FN], config)
    assert _l03(report) == [("legacy-fn", True), ("new-fn", False)]
    assert [f.suppressed_by.reason for f in report.suppressed if f.rule.id == "L-03"] == [
        "vendored"
    ]
    assert "(suppressed: vendored)" in report.format()


def test_suppression_by_urn_glob():
    config = parse_config(
        {"L-03": {"suppress": [{"resource": "urn:pulumi:*::*Function::new-*", "reason": "ok"}]}}
    )
    assert _l03(check([OLD_FN, NEW_FN], config)) == [("legacy-fn", False), ("new-fn", True)]


def test_fails_when_a_suppression_has_no_reason():
    config = parse_config({"L-03": {"suppress": [{"resource": "legacy-fn", "reason": "  "}]}})
    report = check([OLD_FN], config)
    assert _l03(report) == [("legacy-fn", False)]
    np01 = [f for f in report.violations if f.rule.id == "NP-01"]
    assert [f.message for f in np01] == [
        "suppression of L-03 for 'legacy-fn' has no reason, so it suppresses nothing"
    ]
    assert np01[0].level is Level.MANDATORY
    assert report.failed


def test_levels_per_rule_and_for_all():
    config = parse_config({"all": "advisory", "L-03": "mandatory", "L-05": "disabled"})
    report = check([OLD_FN], config)
    levels = {f.rule.id: f.level for f in report.findings}
    assert levels["L-03"] is Level.MANDATORY
    assert levels["L-02"] is Level.ADVISORY
    assert "L-05" not in report.checked


def test_advisory_findings_do_not_fail_the_check():
    report = check([OLD_FN], parse_config({"all": "advisory"}))
    assert report.violations
    assert not report.failed


def test_ddb02_is_advisory_by_default_and_mandatory_when_configured():
    table = res("aws:dynamodb/table:Table", "t", {})
    default = [f.level for f in check([table]).findings if f.rule.id == "DDB-02"]
    prod = parse_config({"DDB-02": {"enforcementLevel": "mandatory"}})
    assert default == [Level.ADVISORY]
    assert [f.level for f in check([table], prod).findings if f.rule.id == "DDB-02"] == [
        Level.MANDATORY
    ]


def test_rule_options_come_from_the_config():
    secret = res("aws:secretsmanager/secret:Secret", "s", {"recoveryWindowInDays": 0})
    assert check([secret]).by_rule()["SM-05"]
    relaxed = parse_config({"SM-05": {"minimum_days": 0}})
    assert check([secret], relaxed).by_rule()["SM-05"] == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"S3-99": "advisory"}, "unknown rule 'S3-99'"),
        ({"L-03": "loud"}, "enforcement level 'loud' is not one of"),
        ({"L-03": {"suppress": {"resource": "x"}}}, "'suppress' must be a list"),
        (
            {"L-03": {"suppress": [{"reason": "x"}]}},
            "suppress[0] must be an object with a 'resource'",
        ),
        ({"L-03": {"suppress": [{"resource": "x", "why": "y"}]}}, "unknown keys ['why']"),
        ({"L-03": {"colour": 1}}, "unknown options ['colour'] (options: none)"),
        ({"all": {"suppress": []}}, "suppress per rule"),
    ],
)
def test_fails_when_the_config_is_malformed(data, message):
    with pytest.raises(ConfigError) as error:
        parse_config(data)
    assert message in str(error.value)


def test_load_config_reads_the_pack_config_file(tmp_path):
    path = tmp_path / "nova-policy.json"
    path.write_text(json.dumps({"A-02": {"public_routes": ["GET /health"]}}))
    config = load_config(path)
    assert isinstance(config, PolicyConfig)
    assert config.options == {"A-02": {"public_routes": ["GET /health"]}}


def test_fails_when_the_config_file_is_not_json(tmp_path):
    path = tmp_path / "nova-policy.json"
    path.write_text("L-03: advisory\n")
    with pytest.raises(ConfigError, match="not valid JSON"):
        load_config(path)
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "missing.json")
