"""The README example runs as a Pulumi program under mocks."""

import json
import runpy
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BASIC = EXAMPLES / "basic.py"
TESTING = EXAMPLES / "test_hello.py"
README = Path(__file__).resolve().parent.parent / "README.md"


def test_basic_example_deploys_the_secure_defaults(mock_stack):
    rec = mock_stack.run(lambda: runpy.run_path(str(BASIC), run_name="__main__"))
    assert rec.types() == {
        "nova-compute:index:Function": 1,
        "aws:cloudwatch/logGroup:LogGroup": 1,
        "aws:iam/role:Role": 1,
        "aws:iam/rolePolicy:RolePolicy": 2,
        "aws:lambda/function:Function": 1,
        "aws:lambda/permission:Permission": 1,
    }
    function = rec.get("aws:lambda/function:Function")
    assert function.inputs["environment"] == {"variables": {"GREETING": "Hello"}}
    assert function.inputs["tracingConfig"] == {"mode": "Active"}
    assert rec.get("aws:cloudwatch/logGroup:LogGroup").inputs["retentionInDays"] == 30
    permission = rec.get("aws:lambda/permission:Permission")
    assert permission.inputs["sourceArn"].startswith("arn:aws:execute-api:")
    assert permission.inputs["sourceAccount"] == "123456789012"
    assert rec.outputs["function_name"] == function.outputs["name"]
    assert rec.outputs["log_group_name"].startswith("/aws/lambda/hello-")
    assert rec.outputs["code_sha256"] == function.inputs["sourceCodeHash"]


def test_example_code_is_the_only_file_in_its_zip(mock_stack):
    rec = mock_stack.run(lambda: runpy.run_path(str(BASIC), run_name="__main__"))
    code = rec.get("aws:lambda/function:Function").inputs["code"]
    import zipfile

    with zipfile.ZipFile(code.path) as zf:
        assert zf.namelist() == ["app.py"]


def test_the_example_handler_answers(monkeypatch):
    module = runpy.run_path(str(EXAMPLES / "hello" / "app.py"))
    monkeypatch.setenv("GREETING", "Hi")
    response = module["handler"]({"name": "Nova"}, None)
    assert response["statusCode"] == 200
    assert json.loads(response["body"]) == {"message": "Hi, Nova!"}


def test_readme_starts_with_the_example_file():
    readme = README.read_text()
    assert BASIC.read_text().strip() in readme
    assert readme.index("```python") < readme.index("## Defaults")


def test_readme_lists_the_default_excludes():
    from nova_compute.packaging import DEFAULT_EXCLUDES

    readme = README.read_text()
    for pattern in DEFAULT_EXCLUDES:
        assert f"`{pattern}`" in readme


def test_the_testing_example_passes(mock_stack):
    example = runpy.run_path(str(TESTING))
    example["test_hello_is_traced_private_and_logs_to_its_own_group"](mock_stack)
    assert mock_stack.last.get("aws:lambda/function:Function").inputs["timeout"] == 10


def test_readme_testing_section_shows_the_testing_example():
    readme = README.read_text()
    testing = readme[readme.index("## Testing") :]
    assert TESTING.read_text().strip() in testing
    assert 'return [name + "_id", inputs]' in testing


def test_echo_mocks_get_a_clear_message_instead_of_a_crash(app_dir):
    import pulumi
    import pytest

    from nova_compute import Function, FunctionArgs
    from nova_testing.harness import MockStack

    class EchoMocks(pulumi.runtime.Mocks):
        def new_resource(self, args):
            return [args.name + "_id", args.inputs]

        def call(self, args):
            return args.args

    stack = MockStack(mocks=EchoMocks())
    try:
        with pytest.raises(Exception, match=r"resolved to None\. AWS always assigns it.*NovaMocks"):
            stack.run(lambda: Function("fn", FunctionArgs(code_path=str(app_dir))))
    finally:
        stack.reset()
