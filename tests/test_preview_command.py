"""The README's offline preview command runs on the dev stack and prints its plan."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import REPOSITORY

README = (REPOSITORY / "README.md").read_text()


def _readme_command(marker: str) -> str:
    block = README.split(f"<!-- {marker} -->", 1)[1]
    return re.search(r"```bash\n(.+?)\n```", block, re.S).group(1)


def test_readme_quick_start_is_two_self_contained_commands():
    assert (
        _readme_command("ci:preview-command") == "pip install hatch && hatch run preview stacks/dev"
    )
    assert _readme_command("ci:test-command") == "pip install hatch && hatch run test"
    scripts = tomllib.loads((REPOSITORY / "pyproject.toml").read_text())["tool"]["hatch"]["envs"][
        "default"
    ]["scripts"]
    assert scripts["preview"] == "nova-preview {args}"


def test_preview_of_the_dev_stack_lists_every_resource():
    script = Path(sys.executable).parent / "nova-preview"
    result = subprocess.run(
        [str(script), "stacks/dev"], cwd=REPOSITORY, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = re.fullmatch(
        r"Plan for nova-service/dev \(offline, mocks\): (\d+) resources", lines[0]
    )
    assert header
    count = int(header.group(1))
    listed = [line for line in lines if line.lstrip().startswith("+ ")]
    assert len(listed) == count
    for component in (
        "nova-storage:index:Bucket",
        "nova-compute:index:Function",
        "nova-api:index:HttpApi",
        "nova-observability:index:ServiceMonitor",
    ):
        assert any(component in line for line in listed), component
    assert "    api_url: https://" in result.stdout
    assert "        routeKey: GET /health" in result.stdout


def test_json_plans_of_every_stack_are_stable(tmp_path):
    script = Path(sys.executable).parent / "nova-preview"
    outputs = []
    for _ in range(2):
        result = subprocess.run(
            [str(script), "stacks/prod", "--json"],
            cwd=REPOSITORY,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert '"protect": true' in outputs[0]
