"""HTTP edge cases beyond tests/server/test_mcp_transports.py: chunked bodies, SSE auth, order."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx2
import pytest

from server.mcp.app import build_server
from server.mcp.transports import http_app
from tests.support.http import INIT, serving

pytestmark = pytest.mark.slow  # spawns processes or servers

HEADERS = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SHRUTI_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("SHRUTI_SERVER__TOKEN", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    return work


async def chunks(total: int, size: int = 4096) -> AsyncIterator[bytes]:
    """A body with no Content-Length: the limit must hold while it streams."""
    yield b'{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"pad": "'
    for _ in range(total // size):
        yield b"x" * size
    yield b'"}}'


async def test_an_oversized_chunked_body_is_refused_with_413_and_the_server_goes_on(
    root: Path,
) -> None:
    app = http_app(
        build_server(start_dir=root), transport="streamable-http", host="127.0.0.1",
        max_body_bytes=50_000,
    )  # fmt: skip
    async with serving(app) as base, httpx2.AsyncClient(timeout=30) as http:
        huge = await http.post(f"{base}/mcp", content=chunks(5_000_000), headers=HEADERS)
        after = await http.post(f"{base}/mcp", json=INIT, headers=HEADERS)
    assert huge.status_code == 413
    assert after.status_code == 200


async def test_with_a_token_a_foreign_host_or_origin_is_refused_even_with_the_token(
    root: Path,
) -> None:
    app = http_app(
        build_server(start_dir=root, token="s3cret"), transport="streamable-http",
        host="0.0.0.0", max_body_bytes=100_000,
    )  # fmt: skip
    authed = {**HEADERS, "Authorization": "Bearer s3cret"}
    async with serving(app) as base, httpx2.AsyncClient() as http:
        host = await http.post(f"{base}/mcp", json=INIT, headers={**authed, "Host": "evil.test"})
        origin = await http.post(
            f"{base}/mcp", json=INIT, headers={**authed, "Origin": "http://evil.test"}
        )
        null_origin = await http.post(
            f"{base}/mcp", json=INIT, headers={**authed, "Origin": "null"}
        )
        query_token = await http.post(f"{base}/mcp?access_token=s3cret", json=INIT, headers=HEADERS)
        basic = await http.post(
            f"{base}/mcp", json=INIT, headers={**HEADERS, "Authorization": "Basic czNjcmV0"}
        )
        good = await http.post(f"{base}/mcp", json=INIT, headers=authed)
    assert host.status_code in (401, 421)
    assert origin.status_code in (401, 403)
    assert null_origin.status_code in (401, 403)
    assert query_token.status_code == 401
    assert basic.status_code == 401
    assert good.status_code == 200
    assert "s3cret" not in good.text


async def test_the_sse_transport_also_requires_the_token(root: Path) -> None:
    app = http_app(
        build_server(start_dir=root, token="s3cret"), transport="sse", host="127.0.0.1",
        max_body_bytes=100_000,
    )  # fmt: skip
    async with serving(app) as base, httpx2.AsyncClient(timeout=10) as http:
        stream = await http.get(f"{base}/sse")
        post = await http.post(f"{base}/messages/?session_id=00", json=INIT, headers=HEADERS)
    assert stream.status_code == 401
    assert post.status_code == 401
