from pathlib import Path

EXAMPLE = Path(__file__).parent.parent / "examples" / "test_readme_example.py"


def test_readme_example_passes(pytester):
    pytester.makepyfile(test_readme=EXAMPLE.read_text())
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_readme_shows_the_example():
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert "def test_bucket_blocks_public_access(mock_stack):" in readme
    assert "rec = mock_stack.run(make_bucket)" in readme
