"""Each function's zip holds only what the function needs: its code, the shared item rules
(``items_core``, linked into each function folder) and its pinned dependencies."""

import zipfile

import pytest
from conftest import REPOSITORY, stack_run

from nova_compute.packaging import build_archive, source_files

FUNCTIONS = REPOSITORY / "functions"
FUNCTION_DIR = FUNCTIONS / "api"
PACKAGES = {"api": "items_api", "importer": "items_importer", "worker": "items_worker"}
SHARED = sorted(
    f"items_core/{path.name}" for path in (FUNCTIONS / "shared" / "items_core").glob("*.py")
)


@pytest.mark.parametrize("function", sorted(PACKAGES))
def test_source_files_are_the_handler_package_and_the_shared_rules(function):
    folder = FUNCTIONS / function
    package = PACKAGES[function]
    files = source_files(folder)
    assert files == sorted(files)
    own = [name for name in files if name.startswith(f"{package}/")]
    shipped = {p.relative_to(folder).as_posix() for p in (folder / package).glob("*.py")}
    assert set(own) == shipped
    assert {f"{package}/__init__.py", f"{package}/contract.py", f"{package}/handler.py"} <= shipped
    # The shared rules ship through the link, as the same files, and nothing else does.
    assert (folder / "items_core").is_symlink()
    assert sorted(set(files) - shipped) == SHARED
    assert "items_core/rules.py" in SHARED


@pytest.mark.parametrize("function", sorted(PACKAGES))
def test_every_function_pins_the_same_runtime_dependencies(function):
    requirements = (FUNCTIONS / function / "requirements.txt").read_text("utf-8")
    pins = [line for line in requirements.splitlines() if line and not line.startswith("#")]
    assert pins == ["aws-lambda-powertools==3.37.0"]


def _assert_code_and_dependencies_only(names: list[str], package: str) -> None:
    top = {name.split("/")[0] for name in names}
    assert package in top
    assert "items_core" in top
    assert "aws_lambda_powertools" in top
    other_functions = set(PACKAGES.values()) - {package}
    assert not top & other_functions
    assert "shared" not in top
    assert not any(part in ("tests", "__pycache__") for n in names for part in n.split("/"))
    assert not any(
        name.endswith((".pyc", "pyproject.toml", "requirements.txt", "README.md")) for name in names
    )
    assert "boto3" not in top  # provided by the Lambda runtime


@pytest.mark.parametrize("function", sorted(PACKAGES))
def test_deployed_archive_has_code_and_dependencies_and_nothing_else(function):
    run = stack_run("dev")
    fn = run.recording.named(f"items-dev-{function}-function")
    code = fn.inputs["code"]
    path = code.path if hasattr(code, "path") else code["path"]
    _assert_code_and_dependencies_only(zipfile.ZipFile(path).namelist(), PACKAGES[function])


@pytest.mark.parametrize("function", ["importer", "worker"])
def test_importer_and_worker_archives_have_code_and_dependencies_only(function):
    folder = FUNCTIONS / function
    archive = build_archive(folder, requirements_file=folder / "requirements.txt")
    names = zipfile.ZipFile(archive.path).namelist()
    _assert_code_and_dependencies_only(names, PACKAGES[function])
    assert "items_core/rules.py" in names
