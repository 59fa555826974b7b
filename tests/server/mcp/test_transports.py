"""The server over its real transports: spawned stdio, loopback streamable HTTP and SSE."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import anyio
import httpx2
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.sse import sse_client
from mcp.client.streamable_http import streamable_http_client

from server.mcp.app import build_server
from server.mcp.transports import http_app
from tests.support.http import INIT, serving
from tests.support.mcp import MODES, structured

pytestmark = pytest.mark.slow  # spawns processes or servers

SHRUTI = str(Path(sys.executable).parent / "shruti")
SRT = "1\n00:00:01,000 --> 00:00:02,000\num so the teacher says\n"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SHRUTI_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("SHRUTI_SERVER__TOKEN", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    (work / "talk.srt").write_text(SRT, encoding="utf-8")
    return work


def child_env(root: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SHRUTI_SERVER__TOKEN"}
    return {**env, "SHRUTI_HOME": str(root.parent / "state"), **extra}


@pytest.mark.parametrize("mode", MODES)
async def test_spawned_stdio_server_processes_a_file_in_its_start_dir(
    root: Path, mode: str
) -> None:
    params = StdioServerParameters(command=SHRUTI, args=["serve"], env=child_env(root), cwd=root)
    async with Client(params, mode=mode) as client:
        result = structured(await client.call_tool("process_transcript", {"path": "talk.srt"}))
        refused = await client.call_tool("process_transcript", {"path": "/etc/passwd"})
    assert "so the teacher says" in result["text"] and "um" not in result["text"]
    assert result["format"] == "srt"
    assert refused.is_error


async def test_every_stdout_line_of_stdio_serve_is_json_rpc(root: Path) -> None:
    requests = [
        INIT,
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
        {
            "jsonrpc": "2.0",
            "id": 3,
            "method": "tools/call",
            "params": {"name": "process_transcript", "arguments": {"path": "talk.srt"}},
        },
        {
            "jsonrpc": "2.0",
            "id": 4,
            "method": "tools/call",
            "params": {"name": "validate_quality", "arguments": {"srt": "garbage"}},
        },
    ]
    stdin = "".join(json.dumps(request) + "\n" for request in requests).encode()
    lines: list[str] = []
    with anyio.fail_after(60):
        async with await anyio.open_process(
            [SHRUTI, "serve"], env=child_env(root), cwd=root
        ) as process:
            assert process.stdin and process.stdout and process.stderr
            await process.stdin.send(stdin)
            buffer = b""
            while {1, 2, 3, 4} - {json.loads(line).get("id") for line in lines}:
                buffer += await process.stdout.receive()
                *complete, buffer = buffer.split(b"\n")
                lines.extend(line.decode() for line in complete if line.strip())
            await process.stdin.aclose()
            await process.wait()
            errors = b"".join([chunk async for chunk in process.stderr]).decode()
    messages = {json.loads(line).get("id"): json.loads(line) for line in lines}
    assert all(message["jsonrpc"] == "2.0" for message in messages.values())
    assert messages[3]["result"]["isError"] is False
    assert messages[4]["result"]["isError"] is True
    for line in errors.splitlines():
        assert isinstance(json.loads(line), dict), line


@pytest.mark.parametrize("mode", MODES)
async def test_streamable_http_serves_both_client_generations(root: Path, mode: str) -> None:
    app = http_app(
        build_server(start_dir=root),
        transport="streamable-http",
        host="127.0.0.1",
        max_body_bytes=1_000_000,
    )
    async with serving(app) as base, Client(f"{base}/mcp", mode=mode) as client:
        seen: list[float] = []
        totals: set[float | None] = set()

        async def on_progress(progress: float, total: float | None, message: str | None) -> None:
            seen.append(progress)
            totals.add(total)

        result = structured(
            await client.call_tool(
                "process_transcript", {"path": "talk.srt"}, progress_callback=on_progress
            )
        )
        protocol = client.protocol_version
    assert "so the teacher says" in result["text"]
    assert protocol == ("2025-11-25" if mode == "legacy" else "2026-07-28")
    assert len(totals) == 1 and seen == sorted(set(seen)) and seen[-1] == totals.pop()


async def test_sse_transport_answers_a_tool_call(root: Path) -> None:
    app = http_app(
        build_server(start_dir=root), transport="sse", host="127.0.0.1", max_body_bytes=1_000_000
    )
    async with serving(app) as base, Client(sse_client(f"{base}/sse")) as client:
        result = structured(await client.call_tool("lookup_term", {"query": "yoga"}))
    assert result["query"] == "yoga"


@pytest.mark.parametrize("bind", ["127.0.0.1", "0.0.0.0"])
async def test_a_foreign_host_header_is_refused_even_on_a_wildcard_bind(
    root: Path, bind: str
) -> None:
    app = http_app(
        build_server(start_dir=root), transport="streamable-http", host=bind, max_body_bytes=10_000
    )
    headers = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
    async with serving(app) as base, httpx2.AsyncClient() as http:
        evil = await http.post(
            f"{base}/mcp", json=INIT, headers={**headers, "Host": "evil.example"}
        )
        origin = await http.post(
            f"{base}/mcp", json=INIT, headers={**headers, "Origin": "http://evil.example"}
        )
        good = await http.post(f"{base}/mcp", json=INIT, headers=headers)
        huge = await http.post(f"{base}/mcp", content=b"{" + b" " * 20_000 + b"}", headers=headers)
    assert evil.status_code in (421, 403)
    assert origin.status_code == 403
    assert good.status_code == 200
    assert huge.status_code == 413


async def test_a_set_token_is_required_over_http(root: Path) -> None:
    server = build_server(start_dir=root, token="s3cret")
    app = http_app(server, transport="streamable-http", host="127.0.0.1", max_body_bytes=100_000)
    headers = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
    async with serving(app) as base:
        async with httpx2.AsyncClient() as http:
            missing = await http.post(f"{base}/mcp", json=INIT, headers=headers)
            wrong = await http.post(
                f"{base}/mcp", json=INIT, headers={**headers, "Authorization": "Bearer nope"}
            )
        async with (
            httpx2.AsyncClient(headers={"Authorization": "Bearer s3cret"}) as authed,
            Client(streamable_http_client(f"{base}/mcp", http_client=authed)) as client,
        ):
            result = structured(await client.call_tool("lookup_term", {"query": "yoga"}))
    assert missing.status_code == 401 and wrong.status_code == 401
    assert result["query"] == "yoga"


def test_serve_refuses_a_non_loopback_bind_without_a_token(root: Path) -> None:
    done = subprocess.run(
        [SHRUTI, "serve", "--transport", "streamable-http", "--host", "0.0.0.0", "--port", "1"],
        capture_output=True,
        text=True,
        env=child_env(root),
        cwd=root,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "SHRUTI_SERVER__TOKEN" in done.stderr
    assert done.stdout == ""
