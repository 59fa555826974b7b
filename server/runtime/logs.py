"""Logging: structlog JSON lines on stderr, never stdout (stdout carries SRT or JSON-RPC)."""

from __future__ import annotations

import logging
import sys

import structlog


def configure_logging(level: int = logging.INFO, *, sdk_level: int = logging.WARNING) -> None:
    """structlog JSON lines on stderr for us and for the SDK, uvicorn and httpx (never stdout).

    Our own events are kept from `level` up; the SDK's and the HTTP stack's from `sdk_level`.
    """
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    structlog.configure(
        processors=[
            *shared,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        wrapper_class=structlog.make_filtering_bound_logger(level),
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                structlog.processors.JSONRenderer(),
            ],
            foreign_pre_chain=[*shared, structlog.stdlib.add_logger_name],
        )
    )
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for name in ("mcp", "httpx", "httpx2", "uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).setLevel(sdk_level)
