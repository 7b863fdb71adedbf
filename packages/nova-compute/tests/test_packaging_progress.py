"""What a dependency build reports, and where the report goes."""

from nova_compute.packaging import build_archive


def test_first_dependency_build_says_what_it_installs_for_which_platform(
    app_dir, wheelhouse, capsys
):
    kwargs = {"requirements": ["nova-top"], "find_links": [str(wheelhouse)], "no_index": True}
    build_archive(app_dir, **kwargs)
    first = capsys.readouterr().err
    assert (
        "installing 1 requirement(s) (nova-top) with pip for manylinux_2_34_aarch64 "
        "(CPython 3.13, arm64, python3.13)" in first
    )
    build_archive(app_dir, **kwargs)
    assert capsys.readouterr().err == ""  # a cached build is silent


def test_progress_can_be_sent_elsewhere(app_dir, wheelhouse, capsys):
    lines = []
    build_archive(
        app_dir,
        requirements=["nova-tiny"],
        find_links=[str(wheelhouse)],
        no_index=True,
        architecture="x86_64",
        progress=lines.append,
    )
    assert len(lines) == 1
    assert "manylinux_2_34_x86_64" in lines[0]
    assert capsys.readouterr().err == ""
