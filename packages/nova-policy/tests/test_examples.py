"""The README example (examples/check_program.py) runs and reports what its comments say."""

from __future__ import annotations

import subprocess
import sys

from policy_builders import PACKAGE

EXAMPLE = PACKAGE / "examples" / "check_program.py"


def test_example_reports_violations_and_the_suppression(tmp_path):
    result = subprocess.run(
        [sys.executable, str(EXAMPLE)], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert "  Q-02 [advisory] aws:sqs/queue:Queue 'jobs': 0 queue policies (want exactly one)" in (
        lines
    )
    assert any(line.startswith("  Q-01 [mandatory] aws:sqs/queue:Queue 'jobs'") for line in lines)
    assert "(suppressed: audit trail, kept by regulation)" in result.stdout
    assert lines[-1] == "3 violation(s) (2 mandatory), 1 suppressed, 6 rule(s) applied."
    assert list(tmp_path.iterdir()) == []


def test_readme_shows_the_example():
    assert EXAMPLE.read_text() in (PACKAGE / "README.md").read_text()
