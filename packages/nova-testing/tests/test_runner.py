import traceback
from pathlib import Path

import pytest

from nova_testing import ProjectError, load_stack_config, run_stack

FIXTURES = Path(__file__).parent / "fixtures"
DEMO = FIXTURES / "demo"


def test_config_values_of_every_shape():
    config = load_stack_config(DEMO, "test")
    assert config.project == "demo"
    assert config.program == (DEMO / "__main__.py").resolve()
    assert config.values == {
        "demo:greeting": "hello",  # project-level default
        "aws:region": "eu-west-1",  # provider namespace kept
        "demo:replicas": "3",  # already namespaced, integer
        "demo:enabled": "true",  # boolean as the CLI stores it
        "demo:ratio": "0.5",
        "demo:owner": "team-a",  # bare key gets the project namespace
        "demo:tags": '{"Team": "platform", "CostCentre": "42"}',  # structured -> JSON
        "demo:origins": '["https://a.example.com", "https://b.example.com"]',
        "demo:apiToken": "[secret]",  # secure value -> placeholder
    }
    assert config.secret_keys == ["demo:apiToken"]


def test_stack_values_override_project_defaults():
    assert load_stack_config(DEMO, "other").values["demo:greeting"] == "bonjour"


def test_run_stack_records_resources_and_outputs():
    run = run_stack(DEMO, "test")
    bucket = run.recording.get("aws:s3/bucket:Bucket")
    assert run.outputs == {
        "greeting": "hello",
        "replicas": 3,
        "enabled": True,
        "ratio": 0.5,
        "owner": "team-a",
        "tags": {"Team": "platform", "CostCentre": "42"},
        "origins": ["https://a.example.com", "https://b.example.com"],
        "token_is_secret": "true",
        "region": "eu-west-1",
        "bucket_arn": bucket.outputs["arn"],
    }
    assert [r.type for r in run.resources if r.parent_urn is None] == ["demo:index:Site"]
    assert bucket.protect is True
    assert bucket.inputs["tags"] == {"Greeting": "hello"}
    logs = run.recording.get("aws:cloudwatch/logGroup:LogGroup")
    assert logs.explicit_dependencies == (bucket.urn,)
    assert logs.outputs["arn"].startswith("arn:aws:logs:eu-west-1:")  # region from config


def test_config_overrides():
    run = run_stack(DEMO, "test", config_overrides={"greeting": "hi"})
    assert run.outputs["greeting"] == "hi"


def test_program_modules_and_cwd_are_restored():
    cwd = Path.cwd()
    run_stack(DEMO, "test")
    run_stack(DEMO, "other")  # sibling module imported afresh each time
    assert Path.cwd() == cwd
    import sys

    assert "helpers" not in sys.modules


def test_program_error_surfaces_with_its_original_traceback():
    with pytest.raises(RuntimeError, match="failed on purpose") as info:
        run_stack(FIXTURES / "broken", "dev")
    frames = traceback.extract_tb(info.value.__traceback__)
    assert frames[-1].name == "build_the_thing"
    assert frames[-1].filename.endswith("broken/__main__.py")


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ({}, "no Pulumi.yaml"),
        ({"Pulumi.yaml": "name: x\nruntime: nodejs\n"}, "only python is supported"),
        ({"Pulumi.yaml": "runtime: python\n"}, "'name' is required"),
        ({"Pulumi.yaml": "- a list\n"}, "expected a mapping"),
        ({"Pulumi.yaml": "name: [unclosed\n"}, "not valid YAML"),
        ({"Pulumi.yaml": "name: x\nruntime: python\n"}, "does not exist"),
        (
            {"Pulumi.yaml": "name: x\nruntime: python\n", "__main__.py": "", "Pulumi.a.yaml": ""},
            "no stack 'dev' .*stacks: a",
        ),
    ],
)
def test_fails_when_project_is_malformed(tmp_path, setup, message):
    for name, text in setup.items():
        (tmp_path / name).write_text(text)
    with pytest.raises(ProjectError, match=message):
        load_stack_config(tmp_path, "dev")


def test_main_entry_can_name_a_folder(tmp_path):
    (tmp_path / "Pulumi.yaml").write_text(
        "name: x\nruntime: python\nmain: app/\nconfig:\n  size:\n    type: integer\n"
    )
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__main__.py").write_text("import pulumi\npulumi.export('ok', True)\n")
    (tmp_path / "Pulumi.dev.yaml").write_text("config:\n  x:plain: 1\n")
    config = load_stack_config(tmp_path, "dev")
    assert config.values == {"x:plain": "1"}  # a typed key without default stays unset
    assert run_stack(tmp_path, "dev").outputs == {"ok": True}
