"""The api function's zip holds only what the function needs: its code and pinned dependencies."""

import zipfile

from conftest import REPOSITORY, stack_run

from nova_compute.packaging import source_files

FUNCTION_DIR = REPOSITORY / "functions" / "api"


def test_source_files_are_only_the_handler_package():
    files = source_files(FUNCTION_DIR)
    assert files == sorted(files)
    assert all(name.startswith("items_api/") and name.endswith(".py") for name in files)
    assert {
        "items_api/__init__.py",
        "items_api/contract.py",
        "items_api/config.py",
        "items_api/handler.py",
        "items_api/store.py",
    } <= set(files)
    shipped = {
        p.relative_to(FUNCTION_DIR).as_posix() for p in (FUNCTION_DIR / "items_api").glob("*.py")
    }
    assert set(files) == shipped


def test_deployed_archive_has_code_and_dependencies_and_nothing_else():
    run = stack_run("dev")
    fn = run.recording.get("aws:lambda/function:Function")
    code = fn.inputs["code"]
    path = code.path if hasattr(code, "path") else code["path"]
    names = zipfile.ZipFile(path).namelist()
    top = {name.split("/")[0] for name in names}
    assert "items_api" in top
    assert "aws_lambda_powertools" in top
    assert not any(part in ("tests", "__pycache__") for name in names for part in name.split("/"))
    assert not any(
        name.endswith((".pyc", "pyproject.toml", "requirements.txt", "README.md")) for name in names
    )
    assert "boto3" not in top  # provided by the Lambda runtime
