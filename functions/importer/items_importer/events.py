"""Read the objects out of an S3 event notification, tolerating anything malformed."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus

from items_importer.importer import UploadedObject

_BUCKET_RE = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
_VERSION_RE = re.compile(r"[A-Za-z0-9._+/=-]{1,1024}")
_ETAG_RE = re.compile(r"[0-9A-Fa-f]{1,64}(-[0-9]{1,5})?")
MAX_RECORD_ID_BYTES = 2048  # DynamoDB's limit for a partition key value


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
    decoded = unquote_plus(key, errors="strict") if _is_utf8_quoted(key) else None
    if decoded is None or not decoded or len(decoded.encode("utf-8", "surrogatepass")) > 1024:
        return "s3.object.key is not a URL-encoded S3 key of 1 to 1024 UTF-8 bytes"
    if _has_surrogates(decoded):
        return "s3.object.key is not valid UTF-8"
    if not _BUCKET_RE.fullmatch(bucket_name):
        return "s3.bucket.name is not an S3 bucket name"
    if version_id is not None and not (
        isinstance(version_id, str) and _VERSION_RE.fullmatch(version_id)
    ):
        return "s3.object.versionId is malformed"
    if etag is not None and not (isinstance(etag, str) and _ETAG_RE.fullmatch(etag)):
        return "s3.object.eTag is malformed"
    uploaded = UploadedObject(
        bucket=bucket_name,
        key=decoded,
        version_id=version_id or None,
        etag=etag or None,
        size=size if isinstance(size, int) and not isinstance(size, bool) else None,
    )
    if len(uploaded.record_id.encode("utf-8")) > MAX_RECORD_ID_BYTES:
        return "the bucket, key and version are too long for an import record id"
    parsed.objects.append(uploaded)
    return None


def _is_utf8_quoted(key: str) -> bool:
    try:
        unquote_plus(key, errors="strict")
    except UnicodeDecodeError:
        return False
    return True


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
