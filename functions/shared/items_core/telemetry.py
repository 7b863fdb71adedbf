"""Metrics flushing the three handlers share (duck-typed: no Powertools import here)."""

from typing import Any


def flush_metrics(metrics: Any, logger: Any) -> None:
    """Flush ``metrics`` (Powertools ``Metrics``) when it holds any; never raise.

    By hand rather than with ``@metrics.log_metrics``: an invocation that recorded no metric (a
    health check, a rejected request, a test event) must not emit the "no metrics" warning every
    time, and a failing flush must not turn a handled invocation into an error. On failure the
    error is logged with ``logger`` and the metrics are dropped.
    """
    if not metrics.metric_set:
        return
    try:
        metrics.flush_metrics()
    except Exception:
        logger.exception("could not flush metrics")
        metrics.clear_metrics()
