"""Each package's wheel installs alone into a fresh virtual environment, imports, and its
component instantiates under mocks; prod's pinned requirements resolve from those wheels."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import venv
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import REPOSITORY, STACKS_DIR

pytestmark = pytest.mark.slow

PACKAGES = {
    "nova-storage": "nova_storage",
    "nova-compute": "nova_compute",
    "nova-api": "nova_api",
    "nova-observability": "nova_observability",
    "nova-testing": "nova_testing",
}

MOCKS = """
import pulumi

class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args):
        outputs = dict(args.inputs)
        outputs.setdefault("arn", f"arn:aws:x:us-east-1:123456789012:{args.name}")
        outputs.setdefault("name", args.name)
        outputs.setdefault("invokeArn", "arn:aws:apigateway:us-east-1:lambda:path/x/invocations")
        outputs.setdefault("executionArn", "arn:aws:execute-api:us-east-1:123456789012:abc")
        return f"{args.name}-id", outputs

    def call(self, args):
        return {"accountId": "123456789012", "partition": "aws", "name": "us-east-1",
                "region": "us-east-1", "json": "{}", "dnsSuffix": "amazonaws.com"}

pulumi.runtime.set_mocks(Mocks(), preview=False)
registered = []
"""

SMOKE = {
    "nova_storage": "from nova_storage import Bucket, BucketArgs\nc = Bucket('b', BucketArgs())",
    "nova_compute": (
        "from nova_compute import Function, FunctionArgs\n"
        "code = pulumi.AssetArchive({'app.py': pulumi.StringAsset('def handler(e, c): pass')})\n"
        "c = Function('f', FunctionArgs(code=code, handler='app.handler'))"
    ),
    "nova_api": (
        "from nova_api import HttpApi, HttpApiArgs\n"
        "fn_arn = 'arn:aws:lambda:us-east-1:123456789012:function:fn'\n"
        "invoke = f'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{fn_arn}/invocations'\n"
        "target = {'function_name': 'fn', 'invoke_arn': invoke}\n"
        "c = HttpApi('a', HttpApiArgs(targets={'fn': target}, routes={'GET /x': {}}))"
    ),
    "nova_observability": (
        "from nova_observability import AlarmTopic, AlarmTopicArgs\nc = AlarmTopic('t', AlarmTopicArgs())"
    ),
}


def _run(*args: str | Path, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, check=False
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def wheels(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("wheels")

    def build(distribution: str) -> Path:
        target = out / distribution
        _run(
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            target,
            REPOSITORY / "packages" / distribution,
        )
        (wheel,) = target.glob("*.whl")
        return wheel

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(PACKAGES, pool.map(build, PACKAGES), strict=True))


def _fresh_env(path: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    return path / "bin" / "python"


def _install_alone(distribution: str, wheel: Path, root: Path) -> tuple[str, str]:
    python = _fresh_env(root / distribution)
    _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel)
    module = PACKAGES[distribution]
    if module == "nova_testing":
        script = (
            "import nova_testing, pulumi\n"
            "rec = nova_testing.MockStack().run(lambda: pulumi.CustomResource('aws:sns/topic:Topic', 't', {}))\n"
            "rec.resource_count_is('aws:sns/topic:Topic', 1)\n"
            "print('OK', nova_testing.__version__)\n"
        )
    else:
        script = (
            MOCKS
            + SMOKE[module]
            + (f"\nimport {module}\nassert c is not None\nprint('OK', {module}.__version__)\n")
        )
    out = _run(python, "-c", textwrap.dedent(script), cwd=root)
    freeze = _run(python, "-m", "pip", "freeze")
    return out, freeze


@pytest.fixture(scope="module")
def installs(wheels, tmp_path_factory):
    root = tmp_path_factory.mktemp("envs")
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda d: _install_alone(d, wheels[d], root), PACKAGES)
        return dict(zip(PACKAGES, results, strict=True))


@pytest.mark.parametrize("distribution", PACKAGES)
def test_wheel_installs_alone_imports_and_instantiates(installs, distribution):
    out, freeze = installs[distribution]
    assert out.strip() == "OK 0.1.0"
    installed = {
        line.split("==")[0].split(" @ ")[0].strip().lower() for line in freeze.splitlines()
    }
    nova = {name for name in installed if name.startswith("nova")}
    assert nova == {distribution}, f"{distribution} pulled in other Nova packages: {nova}"


@pytest.mark.parametrize("distribution", PACKAGES)
def test_wheel_ships_typing_marker_and_no_tests(wheels, distribution):
    names = zipfile.ZipFile(wheels[distribution]).namelist()
    module = PACKAGES[distribution]
    assert f"{module}/py.typed" in names
    assert f"{module}/__about__.py" in names
    assert not any("/tests/" in n or n.startswith("tests/") for n in names)


def test_prod_pins_resolve_from_the_wheels(wheels, tmp_path):
    python = _fresh_env(tmp_path / "prod")
    component_wheels = [w for d, w in wheels.items() if d != "nova-testing"]
    _run(
        python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *component_wheels
    )
    # Every pinned requirement of the prod stack is now satisfied without any index.
    out = _run(
        python,
        "-m",
        "pip",
        "install",
        "--no-index",
        "--disable-pip-version-check",
        "-r",
        STACKS_DIR / "prod" / "requirements.txt",
    )
    assert "Requirement already satisfied: nova-storage==0.1.0" in out
    _run(python, "-m", "pip", "check")
