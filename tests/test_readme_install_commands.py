"""Every `pip install` the documentation shows works as written, or says it is for later.

Nova is on no package index yet (issue 19, "Install paths"), so a bare `pip install nova-storage`
fails on a fresh machine. This test reads every README.md, CONTRIBUTING.md and UPGRADING.md of the
repository and checks each `pip install` that appears as a command (in a fenced code block or in
backticks). A command passes when it uses one of these forms, each of which resolves Nova from
files the repository itself has or builds:

- `--find-links dist` / `--find-links ../../dist` / `--find-links ../dist`: the wheelhouse that
  `hatch run release:wheels` builds (and packages/nova-policy/dist for the pack's wheel);
- `-e packages/`, `-e ./packages/`, `-e ../../packages/`, `./packages/`, `-e .`: a path
  inside the clone, editable or not;
- `-r requirements.txt`: a requirements file whose own lines are held to the same rule by the
  stack and packaging tests;
- `hatch`: `pip install hatch` installs a published third-party tool, after which `hatch run ...`
  uses the repository's own environments.

Any other command must carry the marker "after publication" (any case) on the same line or the
line before it, or follow a comment line with the marker in the same code block (the
`# After publication on PyPI:` tail of each "Install" section), so a reader sees the working
alternative next to it. Commands run by code (for
example the `sys.executable -m pip install --target` that nova-compute's packaging describes) are
not install instructions and are matched only when they are written as one.

The second check is the contract with tests/test_packaging.py: the isolation step runs the FIRST
`pip install --find-links dist <distribution>` line of each package README, so every package README
must have one for its own distribution.

Fast and offline: it reads files only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPOSITORY

DOC_NAMES = {"README.md", "CONTRIBUTING.md", "UPGRADING.md"}
SKIP_PARTS = {".venv", "node_modules", ".git", "dist", "build", ".hatch", ".work"}

WORKING_FORMS = (
    re.compile(r"--find-links[ =](?:\.\./)*dist\b"),
    re.compile(r"(?:-e\s+)?(?:\./|(?:\.\./)+)?packages/"),
    re.compile(r"-e\s+\.(?:\s|$|`)"),
    re.compile(r"-r\s+\S*requirements\.txt"),
    re.compile(r"pip install\s+hatch\b"),
)
MARKER = re.compile(r"after publication", re.IGNORECASE)
COMMAND = re.compile(r"pip install[^`\n]*")

PACKAGE_INSTALL = re.compile(r"^\s*pip install --find-links dist (\S+)", re.MULTILINE)


def documents() -> list[Path]:
    found = []
    for path in REPOSITORY.rglob("*.md"):
        if path.name not in DOC_NAMES:
            continue
        if SKIP_PARTS.intersection(path.relative_to(REPOSITORY).parts):
            continue
        found.append(path)
    return sorted(found)


def install_commands(text: str) -> list[tuple[int, str, bool]]:
    """`(line number, command, marked)` for each `pip install` in a code block or in backticks.

    `marked` is true for commands after a marker comment in the same code block.
    """
    commands = []
    in_block = marked_block = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_block = not in_block
            marked_block = False
            continue
        if in_block:
            if line.lstrip().startswith("#"):
                marked_block = marked_block or bool(MARKER.search(line))
                continue
            code = line.split(" #", 1)[0]
            commands += [(number, m.group(0), marked_block) for m in COMMAND.finditer(code)]
        else:
            for span in re.findall(r"``(.+?)``|`([^`]+)`", line):
                snippet = span[0] or span[1]
                commands += [(number, m.group(0), False) for m in COMMAND.finditer(snippet)]
    return commands


def works_as_written(command: str) -> bool:
    return any(form.search(command) for form in WORKING_FORMS)


def violations(text: str) -> list[str]:
    lines = text.splitlines()
    found = []
    for number, command, marked in install_commands(text):
        if marked or works_as_written(command):
            continue
        context = lines[number - 1] + "\n" + (lines[number - 2] if number >= 2 else "")
        if MARKER.search(context):
            continue
        found.append(f"line {number}: {command.strip()}")
    return found


DOCS = documents()


def test_finds_the_documents() -> None:
    names = {str(p.relative_to(REPOSITORY)) for p in DOCS}
    assert {"README.md", "CONTRIBUTING.md", "UPGRADING.md"} <= names
    assert "packages/nova-storage/README.md" in names


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(REPOSITORY)))
def test_every_install_command_works_or_is_marked(path: Path) -> None:
    bad = violations(path.read_text())
    assert not bad, (
        f"{path.relative_to(REPOSITORY)}: `pip install` commands that fail on a fresh machine "
        "(Nova is on no index yet). Use `--find-links dist` after `hatch run release:wheels`, "
        "a path under packages/, or mark the line 'after publication' beside a working one:\n"
        + "\n".join(bad)
    )


PACKAGE_DIRS = sorted(
    p for p in (REPOSITORY / "packages").iterdir() if (p / "pyproject.toml").exists()
)


@pytest.mark.parametrize("package", PACKAGE_DIRS, ids=lambda p: p.name)
def test_package_readme_has_the_wheelhouse_install_line(package: Path) -> None:
    distribution = re.search(
        r'^name\s*=\s*"([^"]+)"', (package / "pyproject.toml").read_text(), re.MULTILINE
    ).group(1)
    first = PACKAGE_INSTALL.search((package / "README.md").read_text())
    assert first is not None, (
        f"{package.name}/README.md has no `pip install --find-links dist` line"
    )
    assert first.group(1) == distribution, (
        f"{package.name}/README.md: the first `pip install --find-links dist` line installs "
        f"{first.group(1)!r}; tests/test_packaging.py runs that line, so it must be {distribution!r}"
    )


def test_fails_when_a_bare_install_is_unmarked() -> None:
    text = "Install:\n\n```bash\npip install nova-storage\n```\n"
    assert violations(text) == ["line 4: pip install nova-storage"]


def test_fails_when_a_backticked_install_is_unmarked() -> None:
    assert violations("Run `pip install nova-api` first.") == ["line 1: pip install nova-api"]


def test_accepts_working_forms_and_marked_lines() -> None:
    text = (
        "```bash\n"
        "pip install hatch && hatch run release:wheels\n"
        "pip install --find-links dist nova-storage  # pulls nova-core\n"
        "pip install -e packages/nova-core\n"
        "# After publication on PyPI:\n"
        "pip install nova-storage\n"
        "pip install nova-api\n"
        "```\n"
        "Or `pip install nova-api` after publication.\n"
    )
    assert violations(text) == []


def test_fails_when_the_marker_is_in_an_earlier_code_block() -> None:
    text = (
        "```\n# after publication:\npip install nova-core\n```\n\n```\npip install nova-api\n```\n"
    )
    assert violations(text) == ["line 7: pip install nova-api"]


def test_prose_mentions_outside_code_are_not_commands() -> None:
    assert install_commands("pip install nova-storage is not available yet.") == []
