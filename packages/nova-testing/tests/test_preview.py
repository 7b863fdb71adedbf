import json
import sys
from pathlib import Path

import pytest

from nova_testing.preview import main

FIXTURES = Path(__file__).parent / "fixtures"
DEMO = str(FIXTURES / "demo")


def test_tree_shows_components_children_inputs_and_outputs(capsys):
    assert main([DEMO, "--stack", "test"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Plan for demo/test (offline, mocks): 3 resources"
    component = lines.index("  + demo:index:Site  site  [protected]")
    assert lines[component + 1] == "    + aws:cloudwatch/logGroup:LogGroup  site-logs  [protected]"
    assert "        retentionInDays: 14" in lines
    assert "      + aws:s3/bucket:Bucket  site-bucket  [protected]" not in lines
    assert "    + aws:s3/bucket:Bucket  site-bucket  [protected]" in lines
    assert "    region: eu-west-1" in lines
    assert "       1  aws:s3/bucket:Bucket" in lines


def test_json_plan_is_stable_and_complete(capsys):
    assert main([DEMO, "--stack", "test", "--json"]) == 0
    first = capsys.readouterr().out
    assert main([DEMO, "--stack", "test", "--json"]) == 0
    assert capsys.readouterr().out == first
    plan = json.loads(first)
    assert plan["project"] == "demo"
    assert plan["stack"] == "test"
    assert [r["name"] for r in plan["resources"]] == sorted(
        [r["name"] for r in plan["resources"]],
        key=lambda n: next(r["urn"] for r in plan["resources"] if r["name"] == n),
    )
    assert {r["type"] for r in plan["resources"]} == {
        "demo:index:Site",
        "aws:s3/bucket:Bucket",
        "aws:cloudwatch/logGroup:LogGroup",
    }
    assert plan["outputs"]["greeting"] == "hello"


def test_graph_is_written_as_dot_with_a_legend(tmp_path, capsys):
    target = tmp_path / "plan.dot"
    assert main([DEMO, "--stack", "test", "--graph", str(target)]) == 0
    dot = target.read_text()
    assert dot.startswith("digraph nova {")
    assert "rankdir=LR" in dot
    assert 'label="Legend"' in dot
    # One node for the component, not a cluster plus a node for the same component.
    assert dot.count('"urn:pulumi:test::demo::demo:index:Site::site" [label=') == 1
    assert f"Graph written as DOT to {target}" in capsys.readouterr().err


def test_graph_detail_draws_each_resource_inside_its_component(tmp_path):
    target = tmp_path / "plan.dot"
    assert main([DEMO, "--stack", "test", "--graph", str(target), "--detail"]) == 0
    dot = target.read_text()
    assert "subgraph cluster_0" in dot
    assert "site-logs" in dot
    assert "site-bucket" in dot


@pytest.mark.parametrize(("suffix", "fenced"), [(".mmd", False), (".md", True)])
def test_graph_as_mermaid_needs_no_graphviz(tmp_path, capsys, monkeypatch, suffix, fenced):
    monkeypatch.setattr("nova_testing.preview.shutil.which", lambda _: None)
    target = tmp_path / f"plan{suffix}"
    assert main([DEMO, "--stack", "test", "--graph", str(target)]) == 0
    text = target.read_text()
    assert text.startswith("```mermaid\nflowchart LR") is fenced
    assert "flowchart LR" in text
    assert 'subgraph legend["Legend"]' in text
    assert "Site (demo)<br/>site" in text
    assert "Mermaid" in capsys.readouterr().err


def test_full_shows_every_input_and_resource_shows_one(capsys):
    assert main([DEMO, "--stack", "test", "--full"]) == 0
    out = capsys.readouterr().out
    assert '"Greeting": "hello"' in out  # tags are inputs too, shown whole
    assert main([DEMO, "--stack", "test", "--resource", "site-logs"]) == 0
    one = capsys.readouterr().out
    assert one.startswith("aws:cloudwatch/logGroup:LogGroup  site-logs  [protected]")
    assert (
        "urn: urn:pulumi:test::demo::demo:index:Site$aws:cloudwatch/logGroup:LogGroup::site-logs"
        in one
    )
    assert '"retentionInDays": 14' in one
    assert "site-bucket" not in one


def test_unknown_resource_lists_the_names(capsys):
    assert main([DEMO, "--stack", "test", "--resource", "nope"]) == 2
    err = capsys.readouterr().err
    assert "no resource 'nope'" in err
    assert "site-logs" in err


def test_project_without_stack_file_says_how_to_create_one(tmp_path, capsys):
    (tmp_path / "Pulumi.yaml").write_text("name: x\nruntime: python\n")
    assert main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "has no stack file" in err
    assert "Pulumi.<stack>.yaml" in err
    assert "none" not in err


def test_diff_against_the_same_plan_has_no_changes(tmp_path, capsys):
    assert main([DEMO, "--stack", "test", "--json"]) == 0
    old = tmp_path / "old.json"
    old.write_text(capsys.readouterr().out)
    assert main([DEMO, "--stack", "test", "--diff", str(old)]) == 0
    assert "No changes." in capsys.readouterr().out


def test_diff_flags_a_renamed_stateful_resource_loudly_and_exits_3(tmp_path, capsys):
    assert main([DEMO, "--stack", "test", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    for resource in plan["resources"]:
        if resource["name"] == "site-logs":
            resource["urn"] = resource["urn"].replace("::site-logs", "::site-old-logs")
            resource["name"] = "site-old-logs"
        if resource["name"] == "site-bucket":
            resource["inputs"]["forceDestroy"] = True
    old = tmp_path / "old.json"
    old.write_text(json.dumps(plan))
    assert main([DEMO, "--stack", "test", "--diff", str(old)]) == 3
    out = capsys.readouterr().out
    assert "!! DELETE stateful aws:cloudwatch/logGroup:LogGroup site-old-logs" in out
    assert "+ aws:cloudwatch/logGroup:LogGroup  site-logs" in out
    assert "      forceDestroy: true -> false" in out


def test_diff_of_an_unreadable_plan_exits_2(tmp_path, capsys):
    bad = tmp_path / "old.json"
    bad.write_text("{not json")
    assert main([DEMO, "--stack", "test", "--diff", str(bad)]) == 2
    assert "cannot read the earlier plan" in capsys.readouterr().err


def test_graph_svg_without_graphviz_falls_back_to_dot(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("nova_testing.preview.shutil.which", lambda _: None)
    assert main([DEMO, "--stack", "test", "--graph", str(tmp_path / "plan.svg")]) == 0
    assert (tmp_path / "plan.dot").is_file()
    assert not (tmp_path / "plan.svg").exists()
    err = capsys.readouterr().err
    assert "needs Graphviz's `dot`" in err
    assert "--graph plan.mmd" in err


def test_graph_svg_with_graphviz_renders(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr("nova_testing.preview.shutil.which", lambda _: "/usr/bin/dot")
    monkeypatch.setattr(
        "nova_testing.preview.subprocess.run", lambda args, check: calls.append(args)
    )
    assert main([DEMO, "--stack", "test", "--graph", str(tmp_path / "plan.png")]) == 0
    assert calls == [
        ["/usr/bin/dot", "-Tpng", str(tmp_path / "plan.dot"), "-o", str(tmp_path / "plan.png")]
    ]


def test_missing_project_says_no_stacks_yet(capsys):
    assert main(["stacks/does-not-exist"]) == 2
    assert "no stacks yet" in capsys.readouterr().err


def test_ambiguous_stack_must_be_chosen(capsys):
    assert main([DEMO]) == 2
    assert "choose one with --stack" in capsys.readouterr().err


def test_single_stack_is_chosen_automatically_and_errors_exit_non_zero(capsys):
    assert main([str(FIXTURES / "broken")]) == 1
    err = capsys.readouterr().err
    assert "failed:" in err
    assert "build_the_thing" in err
    assert "RuntimeError: the fixture program failed on purpose" in err
    assert "pulumi/runtime" not in err  # the user's frames, not the runtime's


def test_project_errors_exit_2(tmp_path, capsys):
    (tmp_path / "Pulumi.yaml").write_text("name: x\nruntime: python\n")
    (tmp_path / "Pulumi.dev.yaml").write_text("config: {}\n")
    assert main([str(tmp_path)]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["--help"])
def test_help(flag, capsys):
    with pytest.raises(SystemExit) as info:
        main([flag])
    assert info.value.code == 0
    assert "offline" in capsys.readouterr().out


def test_json_plan_renders_assets_stably():
    import pulumi

    from nova_testing.preview import _json_default

    assert _json_default(pulumi.FileArchive("/tmp/cache/abc123.zip")) == {
        "FileArchive": "abc123.zip"
    }
    assert _json_default(pulumi.RemoteAsset("https://example.com/a")) == {
        "RemoteAsset": "https://example.com/a"
    }
    archive = pulumi.AssetArchive(
        {"b.py": pulumi.StringAsset("x"), "a": pulumi.FileAsset("/x/y.txt")}
    )
    rendered = _json_default(archive)
    assert list(rendered["AssetArchive"]) == ["a", "b.py"]
    assert rendered["AssetArchive"]["a"] == {"FileAsset": "y.txt"}
    assert len(rendered["AssetArchive"]["b.py"]["StringAsset"]) == 64
    assert _json_default(object()).startswith("<object object")


RAW_PROGRAM = """
import pulumi_aws as aws

aws.cloudwatch.LogGroup("forever", name="/custom/forever")
aws.cloudwatch.LogGroup("kept", name="/custom/kept", retention_in_days=30)
"""


@pytest.fixture
def raw_project(tmp_path):
    """A project with raw pulumi_aws resources only, one log group without retention."""
    (tmp_path / "Pulumi.yaml").write_text("name: raw\nruntime: python\n")
    (tmp_path / "Pulumi.dev.yaml").write_text("config:\n  aws:region: us-east-1\n")
    (tmp_path / "__main__.py").write_text(RAW_PROGRAM)
    return tmp_path


def test_check_prints_violations_and_fails(raw_project, capsys):
    assert main([str(raw_project), "--check"]) == 1
    out = capsys.readouterr().out
    assert "  C-05 [mandatory] aws:cloudwatch/logGroup:LogGroup 'forever': retention None" in out
    assert "'kept'" not in out
    assert "1 violation(s) (1 mandatory), 0 suppressed, 1 rule(s) applied." in out


def test_check_reads_nova_policy_json_from_the_project(raw_project, capsys):
    (raw_project / "nova-policy.json").write_text(
        '{"C-05": {"suppress": [{"resource": "forever", "reason": "audit trail"}]}}'
    )
    assert main([str(raw_project), "--check"]) == 0
    out = capsys.readouterr().out
    assert f"nova-policy rules (config {raw_project / 'nova-policy.json'}):" in out
    assert "(suppressed: audit trail)" in out


def test_check_with_a_config_file_and_advisory_levels(raw_project, tmp_path, capsys):
    config = tmp_path / "advisory.json"
    config.write_text('{"all": "advisory"}')
    assert main([str(raw_project), "--check", "--policy-config", str(config)]) == 0
    assert "C-05 [advisory]" in capsys.readouterr().out


def test_fails_when_the_policy_config_is_malformed(raw_project, tmp_path, capsys):
    config = tmp_path / "bad.json"
    config.write_text('{"C-99": "advisory"}')
    assert main([str(raw_project), "--check", "--policy-config", str(config)]) == 2
    assert "unknown rule 'C-99'" in capsys.readouterr().err


def test_check_says_how_to_install_nova_policy(raw_project, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "nova_policy", None)
    assert main([str(raw_project), "--check"]) == 2
    assert "pip install nova-policy" in capsys.readouterr().err
