"""Build every Nova package's wheel and sdist into one folder: the wheelhouse.

Until the packages are on an index, this is how another team installs them::

    hatch run release:wheels            # -> dist/*.whl, dist/*.tar.gz
    pip install --find-links dist nova-storage

``stacks/prod/requirements.txt`` points pip at the same folder (``--find-links ../../dist``), so
``pulumi install`` in ``stacks/prod`` resolves its pinned Nova versions from it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
PACKAGES = REPOSITORY / "packages"
_VERSION = re.compile(r'^__version__ = "([^"]+)"', re.MULTILINE)


def packages() -> list[tuple[str, str, Path]]:
    """(distribution, version, folder) of every package under packages/."""
    found = []
    for folder in sorted(p for p in PACKAGES.iterdir() if (p / "pyproject.toml").is_file()):
        (about,) = folder.glob("src/*/__about__.py")
        match = _VERSION.search(about.read_text())
        if match is None:
            raise SystemExit(f"{about}: no __version__")
        found.append((folder.name, match.group(1), folder))
    return found


def wheel_name(distribution: str, version: str) -> str:
    return f"{distribution.replace('-', '_')}-{version}-py3-none-any.whl"


def build(outdir: Path, *, sdist: bool = True) -> list[Path]:
    """Build every package into ``outdir``; return the wheels, printing what happens."""
    outdir.mkdir(parents=True, exist_ok=True)
    wheels = []
    for distribution, version, folder in packages():
        started = time.perf_counter()
        print(f"building {distribution} {version} ...", flush=True)
        targets = ["--wheel", "--sdist"] if sdist else ["--wheel"]
        result = subprocess.run(
            [sys.executable, "-m", "build", *targets, "--no-isolation", "--outdir", str(outdir)],
            cwd=folder,
            check=False,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            raise SystemExit(f"{distribution}: the build failed (exit {result.returncode})")
        wheel = outdir / wheel_name(distribution, version)
        if not wheel.is_file():
            raise SystemExit(f"{distribution}: expected {wheel} after the build")
        wheels.append(wheel)
        print(f"  -> {wheel.relative_to(outdir.parent)} ({time.perf_counter() - started:.1f} s)")
    return wheels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outdir", default=str(REPOSITORY / "dist"), help="default: dist/")
    parser.add_argument("--clean", action="store_true", help="empty the folder first")
    args = parser.parse_args(argv)
    outdir = Path(args.outdir).resolve()
    if args.clean and outdir.exists():
        shutil.rmtree(outdir)
    wheels = build(outdir)
    print(f"{len(wheels)} wheels in {outdir}: pip install --find-links {outdir} <package>")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
