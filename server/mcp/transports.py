"""The HTTP transports' ASGI apps, with DNS-rebinding protection always on."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

from mcp.server import MCPServer
from starlette.applications import Starlette
from starlette.types import ASGIApp, Receive, Scope, Send

from server.mcp.auth import transport_security
from tools.context import AppContext

BODY_OVERHEAD_BYTES = 1_048_576
"""Room for JSON framing around the largest inline transcript accepted."""


BUSY_CODE = -32000
LARGE_BODY_BYTES = 1_048_576
"""A request body this big (or of unknown length) counts as a heavy call at the door."""


class LargeRequestGate:
    """Refuses a large request (503, busy) before its body is read while `limit` large
    requests are in flight: fifty clients uploading 5 MB at once would otherwise hold every
    body, several times over, in memory while they wait for a turn."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self._app = app
        self._limit = limit
        self._active = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _large(scope):
            await self._app(scope, receive, send)
            return
        if self._active >= self._limit:
            await _busy(send, self._limit)
            return
        self._active += 1
        try:
            await self._app(scope, receive, send)
        finally:
            self._active -= 1


def _large(scope: Scope) -> bool:
    headers: dict[bytes, bytes] = dict(scope.get("headers") or [])
    length = headers.get(b"content-length")
    if length is None:
        return headers.get(b"transfer-encoding", b"").lower() == b"chunked"
    return length.isdigit() and int(length) > LARGE_BODY_BYTES


async def _busy(send: Send, limit: int) -> None:
    message = (
        f"busy: {limit} large requests are in progress (settings server.heavy_calls and "
        "server.heavy_queue); retry in a few seconds"
    )
    # A JSON-RPC error (id null: the body was not read), which MCP clients show as such.
    body = json.dumps(
        {"jsonrpc": "2.0", "id": None, "error": {"code": BUSY_CODE, "message": message}}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", b"5"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def http_app(
    server: MCPServer[AppContext],
    *,
    transport: Literal["sse", "streamable-http"],
    host: str,
    extra_hosts: Sequence[str] = (),
    max_body_bytes: int,
    max_sessions: int = 100,
    session_idle_s: float = 300.0,
    max_large_requests: int = 8,
) -> ASGIApp:
    """The ASGI app for an HTTP transport: DNS-rebinding protection always on, request
    bodies capped, and (streamable HTTP) a bounded number of sessions that close when idle."""
    security = transport_security(host, extra_hosts=extra_hosts)
    app: Starlette
    if transport == "sse":
        app = server.sse_app(
            transport_security=security, host=host, max_request_body_size=max_body_bytes
        )
    else:
        app = server.streamable_http_app(
            transport_security=security,
            host=host,
            max_request_body_size=max_body_bytes,
            max_sessions=max_sessions,
            session_idle_timeout=session_idle_s,
        )
    return LargeRequestGate(app, limit=max_large_requests)
