"""Send messages to SQS in batches of up to 10, handling partial batch failures.

A batch is sent when it holds 10 messages or when the next message would push it over the
queue's size limit (which bounds a whole SendMessageBatch request). Entries SQS refuses as the
sender's fault (``SenderFault``) come back as rejections; entries that failed on SQS's side are
retried with back-off, and if they still fail the error escapes as ``QueueSendError`` (an AWS
failure: Lambda retries the whole import).
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

BATCH_SIZE = 10
MAX_ATTEMPTS = 4


class QueueSendError(RuntimeError):
    """SQS kept failing entries on its side."""


@dataclass(frozen=True)
class Refused:
    """A message SQS refused as the sender's fault."""

    line: int
    code: str
    reason: str


class BatchSender:
    """Collects messages and sends them in batches; ``close()`` sends the rest."""

    def __init__(
        self,
        client: Any,
        queue_url: str,
        max_batch_bytes: int,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client
        self._queue_url = queue_url
        self._max_batch_bytes = max_batch_bytes
        self._sleep = sleep
        self._pending: list[tuple[int, str]] = []
        self._pending_bytes = 0
        self.sent = 0
        self.batches = 0

    def add(self, line: int, body: str) -> list[Refused]:
        """Queue ``body`` (from import line ``line``); return messages SQS refused so far."""
        size = len(body.encode("utf-8"))
        refused: list[Refused] = []
        if self._pending and (
            len(self._pending) == BATCH_SIZE or self._pending_bytes + size > self._max_batch_bytes
        ):
            refused = self.flush()
        self._pending.append((line, body))
        self._pending_bytes += size
        return refused

    def flush(self) -> list[Refused]:
        """Send what is pending; return the messages SQS refused as the sender's fault."""
        pending, self._pending, self._pending_bytes = self._pending, [], 0
        if not pending:
            return []
        entries = {str(index): entry for index, entry in enumerate(pending)}
        refused: list[Refused] = []
        for attempt in range(MAX_ATTEMPTS):
            response = self._client.send_message_batch(
                QueueUrl=self._queue_url,
                Entries=[{"Id": key, "MessageBody": body} for key, (_, body) in entries.items()],
            )
            self.batches += 1
            self.sent += len(response.get("Successful", ()))
            retry = {}
            for failure in response.get("Failed", ()):
                line, body = entries[failure["Id"]]
                if failure.get("SenderFault"):
                    refused.append(
                        Refused(
                            line,
                            "queue_refused",
                            f"SQS refused the message ({failure.get('Code', 'unknown')}: "
                            f"{str(failure.get('Message', ''))[:200]})",
                        )
                    )
                else:
                    retry[failure["Id"]] = (line, body)
            if not retry:
                return refused
            entries = retry
            if attempt + 1 < MAX_ATTEMPTS:
                self._sleep(0.1 * 2**attempt)
        raise QueueSendError(
            f"SQS failed {len(entries)} message(s) on its side {MAX_ATTEMPTS} times in a row"
        )
