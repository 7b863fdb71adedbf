"""pytest plugin (entry point ``pytest11``): the ``mock_stack`` fixture.

Example::

    def test_bucket_blocks_public_access(mock_stack):
        rec = mock_stack.run(lambda: Bucket("data", BucketArgs()))
        rec.resource_count_is("aws:s3/bucket:Bucket", 1)
        rec.has_resource_properties(
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            {"blockPublicAcls": True, "restrictPublicBuckets": True},
        )
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .harness import MockStack
from .mocks import NovaMocks


def pytest_configure(config: pytest.Config) -> None:
    """Silence pulumi_aws's import-time notices about its own deprecated ``...V2`` classes.

    pulumi_aws warns when its sub-modules *define* deprecated classes (``s3.BucketV2`` and 23
    more), whether or not a program uses them; Nova uses none of them. Warnings raised by a
    program's own use of deprecated APIs are left alone.
    """
    config.addinivalue_line(
        "filterwarnings",
        r"ignore:.* has been deprecated in favor of .*:DeprecationWarning:pulumi_aws\..*",
    )


@pytest.fixture
def nova_mocks() -> NovaMocks:
    """The mocks used by ``mock_stack``; override this fixture to change account or region."""
    return NovaMocks()


@pytest.fixture
def mock_stack(nova_mocks: NovaMocks) -> Iterator[MockStack]:
    """A fresh Pulumi mock runtime for this test, recording every registered resource."""
    stack = MockStack(mocks=nova_mocks)
    try:
        yield stack
    finally:
        stack.reset()
