"""Importing the packaging module stays light; the component is still importable from the
package."""

import subprocess
import sys

import pytest


def test_importing_packaging_loads_neither_pulumi_nor_the_component():
    script = (
        "import sys, nova_compute.packaging, nova_compute.runtimes\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pulumi', 'pulumi_aws', 'nova_core') or m == 'nova_compute.function')\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_component_is_still_importable_from_the_package():
    import nova_compute

    assert nova_compute.Function.__name__ == "Function"
    assert nova_compute.TYPE_TOKEN == "nova-compute:index:Function"
    assert "Function" in dir(nova_compute)
    with pytest.raises(AttributeError, match="has no attribute 'Functions'"):
        _ = nova_compute.Functions
