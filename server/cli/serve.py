"""`shruti serve`: run the MCP server over stdio, SSE or streamable HTTP, safely."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

Transport = Literal["stdio", "sse", "streamable-http"]


def serve(
    transport: Annotated[
        str, typer.Option(help="stdio (for a desktop host), sse, or streamable-http.")
    ] = "stdio",
    host: Annotated[str, typer.Option(help="Address to bind for HTTP transports.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port for HTTP transports.")] = 8765,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(help="Extra Host header value to accept over HTTP (repeatable)."),
    ] = None,
    public_url: Annotated[
        str | None, typer.Option(help="URL clients use (advertised with bearer auth).")
    ] = None,
) -> None:
    """Run the MCP server (stdio by default). Over HTTP on a non-loopback address a bearer
    token is required: set SHRUTI_SERVER__TOKEN. A port already in use ends it at once
    with exit 2, before it serves."""
    import anyio
    import uvicorn

    from server.mcp.app import build_server
    from server.mcp.auth import is_loopback
    from server.mcp.transports import BODY_OVERHEAD_BYTES, http_app
    from server.runtime.settings_sources import load_settings

    if transport not in ("stdio", "sse", "streamable-http"):
        raise typer.BadParameter("choose stdio, sse or streamable-http", param_hint="--transport")
    settings = load_settings()
    token = settings.server.token.get_secret_value() if settings.server.token else None
    if transport != "stdio" and not is_loopback(host) and not token:
        typer.echo(
            f"shruti: refusing to serve on {host} without a token; set SHRUTI_SERVER__TOKEN "
            "or bind --host 127.0.0.1",
            err=True,
        )
        raise typer.Exit(2)
    listening = []
    if transport != "stdio":
        from server.mcp.listen import listening_socket

        listening.append(listening_socket(host, port))
    path = "/sse" if transport == "sse" else "/mcp"
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    server = build_server(token=token, public_url=public_url or f"http://{shown}:{port}{path}")
    import structlog

    from server.runtime.logs import configure_logging

    configure_logging()
    log = structlog.get_logger("shruti.serve")
    log.info("serving", transport=transport, host=host, port=port)
    if transport == "stdio":
        server.run("stdio")
        return
    app = http_app(
        server,
        transport="sse" if transport == "sse" else "streamable-http",
        host=host,
        extra_hosts=allowed_host or (),
        max_body_bytes=settings.limits.max_input_bytes + BODY_OVERHEAD_BYTES,
        max_sessions=settings.server.max_sessions,
        session_idle_s=settings.server.session_idle_s,
        max_large_requests=settings.server.heavy_calls + settings.server.heavy_queue,
    )
    config = uvicorn.Config(app, host=host, port=port, log_config=None, log_level="warning")
    anyio.run(uvicorn.Server(config).serve, listening)
