"""Read the objects out of an S3 event notification, tolerating anything malformed."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus

from items_importer.importer import UploadedObject


@dataclass
class ParsedEvent:
    objects: list[UploadedObject] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """One line per record (or for the event) that could not be read."""
    skipped: int = 0
    """Records that are not ObjectCreated (or S3's test event)."""


def parse_event(event: object) -> ParsedEvent:
    """The ObjectCreated objects of ``event``; problems are listed, never raised."""
    parsed = ParsedEvent()
    if not isinstance(event, Mapping):
        parsed.problems.append("the event is not a JSON object")
        return parsed
    if event.get("Event") == "s3:TestEvent":
        parsed.skipped += 1
        return parsed
    records = event.get("Records")
    if not isinstance(records, list):
        parsed.problems.append("the event has no Records list")
        return parsed
    for index, record in enumerate(records):
        problem = _read_record(record, parsed)
        if problem:
            parsed.problems.append(f"Records[{index}]: {problem}")
    return parsed


def _read_record(record: Any, parsed: ParsedEvent) -> str | None:
    if not isinstance(record, Mapping):
        return "not an object"
    if record.get("eventSource") != "aws:s3":
        return "eventSource is not aws:s3"
    name = record.get("eventName")
    if not isinstance(name, str):
        return "eventName is missing"
    if not name.startswith("ObjectCreated:"):
        parsed.skipped += 1
        return None
    s3 = record.get("s3")
    bucket = s3.get("bucket") if isinstance(s3, Mapping) else None
    obj = s3.get("object") if isinstance(s3, Mapping) else None
    bucket_name = bucket.get("name") if isinstance(bucket, Mapping) else None
    key = obj.get("key") if isinstance(obj, Mapping) else None
    if not (isinstance(bucket_name, str) and bucket_name and isinstance(key, str) and key):
        return "s3.bucket.name or s3.object.key is missing"
    assert isinstance(obj, Mapping)
    version_id = obj.get("versionId")
    etag = obj.get("eTag")
    size = obj.get("size")
    decoded = unquote_plus(key)
    if len(decoded.encode("utf-8")) > 1024 or len(bucket_name) > 63:
        return "the bucket name or key is longer than S3 allows"
    parsed.objects.append(
        UploadedObject(
            bucket=bucket_name,
            key=decoded,
            version_id=version_id if isinstance(version_id, str) and version_id else None,
            etag=etag if isinstance(etag, str) and etag else None,
            size=size if isinstance(size, int) and not isinstance(size, bool) else None,
        )
    )
    return None
