"""One log level setting, two vocabularies: Lambda's and Powertools'.

Lambda's ``application_log_level`` takes TRACE, DEBUG, INFO, WARN, ERROR, FATAL; Powertools'
``POWERTOOLS_LOG_LEVEL`` (Python logging) takes DEBUG, INFO, WARNING, ERROR, CRITICAL. A stack
keeps ONE setting and derives both values with ``log_levels``; passing Lambda's WARN or FATAL to
Powertools would fail every cold start. Each function's contract re-exports these names.
"""

__all__ = [
    "LAMBDA_LOG_LEVELS",
    "POWERTOOLS_LOG_LEVELS",
    "DEFAULT_LOG_LEVEL",
    "POWERTOOLS_LOG_LEVEL_FOR_LAMBDA",
    "LAMBDA_LOG_LEVEL_FOR_POWERTOOLS",
    "log_levels",
]

LAMBDA_LOG_LEVELS: tuple[str, ...] = ("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")
POWERTOOLS_LOG_LEVELS: tuple[str, ...] = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
DEFAULT_LOG_LEVEL = "INFO"
POWERTOOLS_LOG_LEVEL_FOR_LAMBDA: dict[str, str] = {
    "TRACE": "DEBUG",  # Python logging has no TRACE; DEBUG is its most verbose level
    "DEBUG": "DEBUG",
    "INFO": "INFO",
    "WARN": "WARNING",
    "ERROR": "ERROR",
    "FATAL": "CRITICAL",
}
LAMBDA_LOG_LEVEL_FOR_POWERTOOLS: dict[str, str] = {
    powertools: lambda_level
    for lambda_level, powertools in POWERTOOLS_LOG_LEVEL_FOR_LAMBDA.items()
    if lambda_level != "TRACE"
}


def log_levels(setting: str) -> tuple[str, str]:
    """``(application_log_level, POWERTOOLS_LOG_LEVEL)`` for one log level setting.

    ``setting`` may use either vocabulary, in any case: "warn" and "WARNING" both give
    ``("WARN", "WARNING")``. Raise ``ValueError`` naming the allowed values otherwise.
    """
    level = setting.strip().upper()
    if level in POWERTOOLS_LOG_LEVEL_FOR_LAMBDA:
        return level, POWERTOOLS_LOG_LEVEL_FOR_LAMBDA[level]
    if level in LAMBDA_LOG_LEVEL_FOR_POWERTOOLS:
        return LAMBDA_LOG_LEVEL_FOR_POWERTOOLS[level], level
    allowed = sorted({*LAMBDA_LOG_LEVELS, *POWERTOOLS_LOG_LEVELS})
    raise ValueError(f"log level {setting!r} is not one of {', '.join(allowed)}")
