"""The isolation step: every package installs alone from the wheelhouse, by the command its README
documents, imports, and its components instantiate under mocks; prod's pinned requirements resolve
from the same wheelhouse the way `pulumi install` resolves them.

Run with `hatch run isolation` (it builds the wheelhouse first); CI runs it as its own step.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
import venv
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import REPOSITORY, STACKS_DIR

sys.path.insert(0, str(REPOSITORY / "scripts"))
import build_wheelhouse

sys.path.remove(str(REPOSITORY / "scripts"))

pytestmark = pytest.mark.isolation

PACKAGES = {d: v for d, v, _ in build_wheelhouse.packages()}
MODULES = {d: d.replace("-", "_") for d in PACKAGES}

MOCKS = """
import pulumi

class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args):
        outputs = dict(args.inputs)
        outputs.setdefault("arn", f"arn:aws:x:us-east-1:123456789012:{args.name}")
        outputs.setdefault("name", args.name)
        outputs.setdefault("url", f"https://sqs.us-east-1.amazonaws.com/123456789012/{args.name}")
        outputs.setdefault("invokeArn", "arn:aws:apigateway:us-east-1:lambda:path/x/invocations")
        outputs.setdefault("executionArn", "arn:aws:execute-api:us-east-1:123456789012:abc")
        return f"{args.name}-id", outputs

    def call(self, args):
        return {"accountId": "123456789012", "partition": "aws", "name": "us-east-1",
                "region": "us-east-1", "json": "{}", "dnsSuffix": "amazonaws.com"}

pulumi.runtime.set_mocks(Mocks(), preview=False)
"""

SMOKE = {
    "nova_core": (
        "from nova_core import Checker, NovaInputError\n"
        "try:\n    Checker('nova-x Y', 'n').integer('a', True)\n"
        "except NovaInputError as e:\n    c = e\n"
    ),
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
    "nova_messaging": "from nova_messaging import Queue, QueueArgs\nc = Queue('q', QueueArgs())",
    "nova_policy": (
        "import importlib.util\n"
        "assert importlib.util.find_spec('pulumi') is None, 'nova-policy needs no runtime'\n"
        "from nova_policy import RULES, Resource, check\n"
        "c = check([Resource.create('aws:sqs/queue:Queue', 'q', {})])\n"
        "assert len(RULES) > 40 and c.failed and 'Q-01' in c.by_rule(), c.format()\n"
    ),
    "nova_testing": (
        "import nova_testing\n"
        "rec = nova_testing.MockStack().run(lambda: pulumi.CustomResource('aws:sns/topic:Topic', 't', {}))\n"
        "rec.resource_count_is('aws:sns/topic:Topic', 1)\nc = rec\n"
    ),
}

# Distributions with no runtime dependency: their smoke program runs without pulumi.
PURE = {"nova_policy"}

_INSTALL = re.compile(r"^\s*(pip install --find-links dist [^\n#]+?)\s*(?:#.*)?$", re.MULTILINE)


def _run(*args: str | Path, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, check=False
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _fresh_env(path: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    return path / "bin" / "python"


@pytest.fixture(scope="module")
def wheelhouse() -> Path:
    """dist/ as `hatch run release:wheels` leaves it (built here when it is missing or stale)."""
    dist = REPOSITORY / "dist"
    wanted = [dist / build_wheelhouse.wheel_name(d, v) for d, v in PACKAGES.items()]
    if not all(w.is_file() for w in wanted):
        print("building the wheelhouse (dist/) ...", flush=True)
        build_wheelhouse.build(dist)
    return dist


def readme_install_command(distribution: str) -> str:
    readme = (REPOSITORY / "packages" / distribution / "README.md").read_text()
    commands = _INSTALL.findall(readme)
    assert commands, (
        f"{distribution}/README.md documents no `pip install --find-links dist` command"
    )
    return commands[0]


def _install_by_readme(distribution: str, root: Path) -> tuple[str, str]:
    command = readme_install_command(distribution)
    python = _fresh_env(root / distribution)
    args = command.split()[2:]  # after "pip install"
    print(f"{distribution}: {command}", flush=True)
    _run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        *args,
        cwd=REPOSITORY,
    )
    module = MODULES[distribution]
    script = (
        (MOCKS if module not in PURE else "")
        + SMOKE[module]
        + (f"\nimport {module}\nassert c is not None\nprint('OK', {module}.__version__)\n")
    )
    out = _run(python, "-c", textwrap.dedent(script), cwd=root)
    freeze = _run(python, "-m", "pip", "freeze")
    return out, freeze


@pytest.fixture(scope="module")
def installs(wheelhouse, tmp_path_factory):
    root = tmp_path_factory.mktemp("envs")

    def attempt(distribution: str) -> tuple[str, str] | BaseException:
        try:
            return _install_by_readme(distribution, root)
        except BaseException as error:  # reported by that distribution's own test
            return error

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(PACKAGES, pool.map(attempt, PACKAGES), strict=True))


def test_every_package_has_a_smoke_program():
    assert set(MODULES.values()) <= set(SMOKE), "add a SMOKE entry for each new package"


@pytest.mark.parametrize("distribution", PACKAGES)
def test_readme_install_command_installs_the_package_alone(installs, distribution):
    result = installs[distribution]
    if isinstance(result, BaseException):
        raise result
    out, freeze = result
    assert out.strip() == f"OK {PACKAGES[distribution]}"
    installed = {
        line.split("==")[0].split(" @ ")[0].strip().lower() for line in freeze.splitlines()
    }
    nova = {name for name in installed if name.startswith("nova")}
    allowed = {distribution, "nova-core"} if distribution != "nova-testing" else {distribution}
    assert nova <= allowed, f"{distribution} pulled in other Nova packages: {nova - allowed}"
    assert distribution in nova


@pytest.mark.parametrize("distribution", PACKAGES)
def test_wheel_ships_typing_marker_and_no_tests(wheelhouse, distribution):
    wheel = wheelhouse / build_wheelhouse.wheel_name(distribution, PACKAGES[distribution])
    names = zipfile.ZipFile(wheel).namelist()
    module = MODULES[distribution]
    assert f"{module}/py.typed" in names
    assert f"{module}/__about__.py" in names
    assert not any("/tests/" in n or n.startswith("tests/") for n in names)


def test_prod_requirements_install_from_the_wheelhouse_like_pulumi_install(wheelhouse, tmp_path):
    """`pulumi install` in stacks/prod: a venv, then pip install -r requirements.txt there."""
    project = tmp_path / "stacks" / "prod"
    project.mkdir(parents=True)
    shutil.copy(STACKS_DIR / "prod" / "requirements.txt", project / "requirements.txt")
    (tmp_path / "dist").symlink_to(wheelhouse)  # the same relative place as in the repository
    python = _fresh_env(project / "venv")
    _run(
        python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-r", "requirements.txt", cwd=project,
    )  # fmt: skip
    _run(python, "-m", "pip", "check")
    freeze = _run(python, "-m", "pip", "freeze")
    pins = re.findall(r"^(nova-[a-z-]+)==(\S+)$", (project / "requirements.txt").read_text(), re.M)
    assert pins, "stacks/prod/requirements.txt pins no Nova package"
    for distribution, version in pins:
        assert version == PACKAGES[distribution], f"prod pins {distribution}=={version}"
        assert f"{distribution}=={version}" in freeze
