"""The HTTP transports' ASGI apps, with DNS-rebinding protection always on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from mcp.server import MCPServer
from starlette.applications import Starlette

from server.mcp.auth import transport_security
from tools.context import AppContext

BODY_OVERHEAD_BYTES = 1_048_576
"""Room for JSON framing around the largest inline transcript accepted."""


def http_app(
    server: MCPServer[AppContext],
    *,
    transport: Literal["sse", "streamable-http"],
    host: str,
    extra_hosts: Sequence[str] = (),
    max_body_bytes: int,
    max_sessions: int = 100,
    session_idle_s: float = 300.0,
) -> Starlette:
    """The ASGI app for an HTTP transport: DNS-rebinding protection always on, request
    bodies capped, and (streamable HTTP) a bounded number of sessions that close when idle."""
    security = transport_security(host, extra_hosts=extra_hosts)
    if transport == "sse":
        return server.sse_app(
            transport_security=security, host=host, max_request_body_size=max_body_bytes
        )
    return server.streamable_http_app(
        transport_security=security,
        host=host,
        max_request_body_size=max_body_bytes,
        max_sessions=max_sessions,
        session_idle_timeout=session_idle_s,
    )
