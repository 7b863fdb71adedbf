"""RULES.md documents every rule ID and matches the rule data."""

from __future__ import annotations

from policy_builders import PACKAGE

from nova_policy import NP_01, RULES
from nova_policy.docs import render_rule_table, render_rules_markdown


def test_rules_md_is_up_to_date():
    committed = (PACKAGE / "RULES.md").read_text()
    assert committed == render_rules_markdown(), (
        "RULES.md is stale: run python packages/nova-policy/scripts/render_rules.py"
    )


def test_rules_md_has_a_section_per_rule():
    text = render_rules_markdown()
    for rule in (*RULES, NP_01):
        assert f"\n### {rule.id}\n" in text
        assert f"| [{rule.id}](#{rule.id.lower()}) |" in text


def test_readme_cites_only_documented_rule_ids():
    import re

    documented = {r.id for r in (*RULES, NP_01)}
    readme = (PACKAGE / "README.md").read_text()
    cited = set(re.findall(r"\b(?:S3|L|I|A|C|N|K|DDB|Q|SM|NP)-\d\d[a-z]?\b", readme))
    assert cited
    assert cited <= documented


def test_readme_has_the_whole_rule_table():
    assert render_rule_table() in (PACKAGE / "README.md").read_text()
