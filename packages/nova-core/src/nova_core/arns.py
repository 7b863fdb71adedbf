"""ARNs and Regions: parse once, check the parts.

``parse_arn("arn:aws:sqs:eu-west-1:123456789012:jobs")`` gives an :class:`Arn` with partition,
service, region, account and resource. Regions are checked against the partition's known list
(``tables.PARTITION_REGIONS``), so ``us-east-7`` or a China region in the ``aws`` partition is
caught before AWS sees it.
"""

from __future__ import annotations

import re

from .patterns import LazyPattern
from .records import Record
from .tables import PARTITION_REGIONS

__all__ = [
    "Arn",
    "known_region",
    "parse_arn",
    "partition_of_region",
]

_ARN = LazyPattern(
    r"arn:(?P<partition>aws(?:-[a-z]+)*):(?P<service>[a-z0-9-]+):(?P<region>[a-z0-9-]*):"
    r"(?P<account>\d{12}|aws|):(?P<resource>.+)"
)


class Arn(Record):
    """The parts of an ARN."""

    partition: str
    service: str
    region: str
    account: str
    resource: str

    @property
    def resource_type(self) -> str:
        """``function`` of ``function:name``, ``key`` of ``key/id``, ``""`` when there is none."""
        match = re.match(r"([A-Za-z0-9-]+)[:/]", self.resource)
        return match.group(1) if match else ""

    @property
    def resource_name(self) -> str:
        """The part after the resource type (the whole resource when it has no type)."""
        kind = self.resource_type
        return self.resource[len(kind) + 1 :] if kind else self.resource

    def __str__(self) -> str:
        return f"arn:{self.partition}:{self.service}:{self.region}:{self.account}:{self.resource}"


def parse_arn(value: str) -> Arn | None:
    """The parts of ``value``, or ``None`` when it is not an ARN."""
    match = _ARN.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    return Arn(**match.groupdict())


def partition_of_region(region: str) -> str | None:
    """The partition a known Region belongs to, ``None`` for an unknown Region."""
    for partition, regions in PARTITION_REGIONS.items():
        if region in regions:
            return partition
    return None


def known_region(region: str, partition: str | None = None) -> bool:
    """``True`` when ``region`` exists (in ``partition``, when one is given)."""
    found = partition_of_region(region)
    return found is not None and (partition is None or found == partition)
