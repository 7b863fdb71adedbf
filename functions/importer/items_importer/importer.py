"""Import one uploaded object: stream it, validate each line, queue the items, record the result.

Bad input never raises: an object S3 refuses to read (4xx), an empty object, an object over the
size limit, a line that is not JSON or breaks the item rules - each ends in the import record.
Only AWS failures escape (S3 5xx or throttling, a broken stream, SQS failing on its side,
DynamoDB errors); before they do, the claim is released so that Lambda's retry imports again.
"""

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from items_core import rules
from items_core.aws import error_code, http_status, iso_time
from items_importer import contract
from items_importer.lines import read_lines
from items_importer.records import Claim, ImportRecords, record_id
from items_importer.sender import BatchSender, Refused

LEASE_MARGIN_SECONDS = 60
# 4xx answers that are not about the object: retrying can succeed, so they escape like a 5xx.
TRANSIENT_S3_CODES = frozenset(
    {"RequestTimeout", "ExpiredToken", "TokenRefreshRequired", "RequestTimeTooSkewed", "SlowDown"}
)
DEFAULT_LEASE_SECONDS = 900  # Lambda's longest timeout, when the context cannot say


@dataclass(frozen=True)
class UploadedObject:
    """The object an S3 ObjectCreated event names."""

    bucket: str
    key: str
    version_id: str | None = None
    etag: str | None = None
    size: int | None = None

    @property
    def version(self) -> str:
        """The version id, else ``etag:<etag>`` (unversioned bucket), else ``unversioned``."""
        if self.version_id:
            return self.version_id
        return f"etag:{self.etag}" if self.etag else "unversioned"

    @property
    def record_id(self) -> str:
        return record_id(self.bucket, self.key, self.version)


@dataclass
class Limits:
    max_import_bytes: int
    queue_max_message_bytes: int
    record_ttl_days: int
    import_prefix: str


@dataclass
class Outcome:
    """What became of one object: ``imported``, ``duplicate``, ``ignored`` or ``superseded``."""

    record_id: str
    result: str
    record: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        counts = {
            name: self.record[name]
            for name in ("status", "lines", "queued", "rejected")
            if name in self.record
        }
        failure = self.record.get("failure")
        return {
            "id": self.record_id,
            "result": self.result,
            **counts,
            **({"failure": failure["code"]} if failure else {}),
        }


class _Tally:
    def __init__(self) -> None:
        self.lines = 0
        self.blank_lines = 0
        self.rejected = 0
        self.rejections: list[dict[str, Any]] = []

    def reject(self, line: int, code: str, reason: str) -> None:
        self.rejected += 1
        if len(self.rejections) < contract.MAX_RECORDED_REJECTIONS:
            self.rejections.append({"line": line, "code": code, "reason": reason})

    def refused(self, refusals: list[Refused]) -> None:
        for refusal in refusals:
            self.reject(refusal.line, refusal.code, refusal.reason)


class Importer:
    """Imports objects with the given clients (boto3's, moto's or stubs)."""

    def __init__(
        self,
        *,
        s3: Any,
        sqs: Any,
        dynamodb: Any,
        queue_url: str,
        table: str,
        limits: Limits,
    ) -> None:
        self._s3 = s3
        self._sqs = sqs
        self._queue_url = queue_url
        self.records = ImportRecords(dynamodb, table)
        self.limits = limits

    def run(
        self, obj: UploadedObject, *, lease_seconds: int, now: datetime | None = None
    ) -> Outcome:
        """Import ``obj`` once; a duplicate delivery returns without reading it."""
        if not obj.key.startswith(self.limits.import_prefix):
            return Outcome(obj.record_id, "ignored")
        started = now or datetime.now(UTC)
        epoch = int(started.timestamp())
        base = {
            contract.TABLE_PARTITION_KEY: obj.record_id,
            "kind": contract.KIND_IMPORT,
            "bucket": obj.bucket,
            "key": obj.key,
            "version_id": obj.version_id,
            "etag": obj.etag,
            "started_at": iso_time(started),
            contract.TABLE_TTL_ATTRIBUTE: epoch + self.limits.record_ttl_days * 86_400,
        }
        claim = self.records.claim(
            {**base, "updated_at": iso_time(started), "lease_until": epoch + lease_seconds},
            epoch,
        )
        if claim is None:
            return Outcome(obj.record_id, "duplicate")
        try:
            final = {**base, **self._import(obj)}
            final["updated_at"] = iso_time(datetime.now(UTC))
            finished = self.records.finish(claim, final)
        except BaseException:
            self.records.release(claim)
            raise
        # Not finished: this attempt outlived its lease and another one took the object over;
        # that one writes the record (the items were queued twice; the worker's writes are
        # idempotent).
        return Outcome(obj.record_id, "imported" if finished else "superseded", final)

    # -- reading -----------------------------------------------------------------------------
    def _import(self, obj: UploadedObject) -> dict[str, Any]:
        params: dict[str, Any] = {"Bucket": obj.bucket, "Key": obj.key}
        if obj.version_id:
            params["VersionId"] = obj.version_id
        elif obj.etag:
            params["IfMatch"] = f'"{obj.etag.strip(chr(34))}"'
        try:
            response = self._s3.get_object(**params)
        except Exception as exc:
            status, code = http_status(exc), error_code(exc)
            if (
                status is not None
                and 400 <= status < 500
                and status != 429
                and code not in TRANSIENT_S3_CODES
            ):
                return _failed("unreadable", f"S3 refused to read the object ({code or status})")
            raise
        body = response["Body"]
        try:
            size = int(response.get("ContentLength", 0))
            if size > self.limits.max_import_bytes:
                return {
                    "size": size,
                    **_failed(
                        "too_large",
                        f"the object holds {size} bytes; the limit is "
                        f"{self.limits.max_import_bytes} ({contract.ENV_MAX_IMPORT_BYTES})",
                    ),
                }
            if size == 0:
                return {"size": 0, **_failed("empty", "the object is empty")}
            return {"size": size, **self._stream(obj, body)}
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()

    def _stream(self, obj: UploadedObject, body: Any) -> dict[str, Any]:
        tally = _Tally()
        sender = BatchSender(self._sqs, self._queue_url, self.limits.queue_max_message_bytes)
        source = {"bucket": obj.bucket, "key": obj.key, "version": obj.version}
        for number, line in read_lines(body, rules.MAX_LINE_BYTES):
            if line is None:
                tally.lines += 1
                reason = f"the line exceeds {rules.MAX_LINE_BYTES} bytes"
                tally.reject(number, rules.TOO_LARGE, reason)
                continue
            if not line.strip():
                tally.blank_lines += 1
                continue
            tally.lines += 1
            try:
                item_id, document = rules.parse_line(line)
            except rules.InvalidItemError as exc:
                tally.reject(number, exc.code, exc.message)
                continue
            message = message_body(item_id, document, {**source, "line": number})
            if len(message.encode("utf-8")) > self.limits.queue_max_message_bytes:
                tally.reject(
                    number,
                    "too_large_for_queue",
                    f"the item's message exceeds the queue limit of "
                    f"{self.limits.queue_max_message_bytes} bytes",
                )
                continue
            tally.refused(sender.add(number, message))
        tally.refused(sender.flush())
        if tally.lines == 0:
            failed = _failed("empty", "the object holds no lines")
            return {"blank_lines": tally.blank_lines, **failed}
        tally.rejections.sort(key=lambda rejection: rejection["line"])
        return {
            "status": contract.STATUS_COMPLETED,
            "lines": tally.lines,
            "blank_lines": tally.blank_lines,
            "queued": sender.sent,
            "rejected": tally.rejected,
            "rejections": tally.rejections,
            "rejections_truncated": tally.rejected > len(tally.rejections),
        }


def message_body(item_id: str, document: dict[str, Any], source: dict[str, Any]) -> str:
    """The queue message of one item: ASCII-only JSON (SQS refuses some Unicode characters)."""
    return json.dumps({"id": item_id, "item": document, "source": source}, separators=(",", ":"))


def _failed(code: str, reason: str) -> dict[str, Any]:
    return {
        "status": contract.STATUS_FAILED,
        "failure": {"code": code, "reason": reason},
        "lines": 0,
        "queued": 0,
        "rejected": 0,
    }


__all__ = ["Claim", "Importer", "Limits", "Outcome", "UploadedObject", "message_body"]
