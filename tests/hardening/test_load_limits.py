"""Finding 13, load: heavy calls take bounded turns, large HTTP requests beyond the limit are
refused before their bodies are read, and HTTP sessions are capped."""

from __future__ import annotations

import json
from pathlib import Path

import anyio
import httpx2
import pytest
from starlette.types import Receive, Scope, Send

from core.errors import BusyError
from server.mcp.app import build_server
from server.mcp.transports import LARGE_BODY_BYTES, LargeRequestGate, http_app
from server.runtime.turns import Turns
from tests.support.http import INIT, serving

HEADERS = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


async def test_a_call_beyond_the_queue_is_refused_at_once_and_a_waiter_after_its_wait() -> None:
    turns = Turns(1)
    holding, release = anyio.Event(), anyio.Event()
    outcomes: list[str] = []

    async def holder() -> None:
        async with turns.turn(limit=1, wait_s=10, queue=1):
            holding.set()
            await release.wait()

    async def waiter() -> None:
        try:
            async with turns.turn(limit=1, wait_s=0.3, queue=1):
                outcomes.append("turn")
        except BusyError as busy:
            outcomes.append(f"waited: {busy}")

    async with anyio.create_task_group() as group:
        group.start_soon(holder)
        await holding.wait()
        group.start_soon(waiter)
        await anyio.sleep(0.05)
        assert turns.waiting == 1
        with pytest.raises(BusyError, match="1 wait for their turn"):
            async with turns.turn(limit=1, wait_s=10, queue=1):
                pass
        await anyio.sleep(0.5)
        release.set()
    assert len(outcomes) == 1 and outcomes[0].startswith("waited: busy")
    async with turns.turn(limit=1, wait_s=1, queue=1):  # free again
        pass


async def test_large_requests_beyond_the_limit_get_a_busy_json_rpc_error_unread() -> None:
    inside = anyio.Event()
    release = anyio.Event()
    bodies_read: list[int] = []

    async def slow_app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        message = await receive()
        bodies_read.append(len(message.get("body", b"")))
        inside.set()
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    gate = LargeRequestGate(slow_app, limit=1)
    big = b"x" * (LARGE_BODY_BYTES + 10)
    async with serving(gate) as base, httpx2.AsyncClient(timeout=30) as http:
        async with anyio.create_task_group() as group:
            first: list[httpx2.Response] = []

            async def send_first() -> None:
                first.append(await http.post(f"{base}/mcp", content=big))

            group.start_soon(send_first)
            await inside.wait()
            second = await http.post(f"{base}/mcp", content=big)
            release.set()
        small = await http.post(f"{base}/mcp", content=b"{}")  # never held back
    assert second.status_code == 503 and second.headers["retry-after"] == "5"
    error = json.loads(second.content)
    assert error["id"] is None and "busy" in error["error"]["message"]
    assert first[0].status_code == 200 and small.status_code == 200
    assert len(bodies_read) == 2  # the refused body was never handed to the app


@pytest.mark.slow  # a real server with its session manager
async def test_sessions_beyond_the_cap_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHRUTI_HOME", str(tmp_path / "state"))
    app = http_app(
        build_server(start_dir=tmp_path), transport="streamable-http", host="127.0.0.1",
        max_body_bytes=100_000, max_sessions=3, session_idle_s=60,
    )  # fmt: skip
    async with serving(app) as base, httpx2.AsyncClient(timeout=30) as http:
        statuses = [
            (await http.post(f"{base}/mcp", json=INIT, headers=HEADERS)).status_code
            for _ in range(5)
        ]
    assert statuses.count(200) == 3
    assert all(status >= 400 for status in statuses[3:])
