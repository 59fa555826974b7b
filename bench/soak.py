"""Soak test: `shruti serve` over streamable HTTP under a steady mix of tool calls for minutes.

    .venv/bin/python -m bench.soak [--minutes 10] [--clients 20]

Starts the server on a free loopback port in a scratch directory, warms it up, then keeps
`--clients` concurrent clients calling process_transcript, lookup_term, validate_quality and
reading config://current until the time is up. Prints requests, errors, p50/p99 latency and
the server's RSS after warm-up and at the end; exits 1 if any call failed or RSS grew by more
than `--max-growth` (default 10%). The server's heavy-call queue is sized to the clients
(`server.heavy_queue`), so a call waits its turn instead of being refused busy.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import anyio
from mcp import Client
from mcp.shared.exceptions import MCPError

from bench.mcp_roundtrip import free_port, lecture, rss_kib

SHRUTI = str(Path(sys.executable).parent / "shruti")
MIX = (
    *("lookup_term", "process_transcript", "lookup_term", "validate_quality", "config"),
    *("lookup_term", "process_file", "lookup_term", "config", "validate_quality"),
)
"""Per client, in turn: 4/10 lookup_term, 2/10 process_transcript, 2/10 validate, 2/10 config."""
QUERIES = ("krishna", "bagavad geeta", "BG 2.47", "atman", "yoga", "prana", "upanishad")


@dataclass
class Tally:
    """Every call's latency and every failure, by kind of call."""

    latencies_ms: list[float] = field(default_factory=list)
    calls: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    first_error: str | None = None

    def fail(self, kind: str, message: str) -> None:
        self.errors[kind] += 1
        self.first_error = self.first_error or f"{kind}: {message}"


async def _one_call(client: Client, kind: str, srt: str, query: str, tally: Tally) -> None:
    started = time.perf_counter()
    try:
        if kind == "config":
            result = await client.read_resource("config://current")
            ok, detail = bool(result.contents), "empty resource"
        else:
            calls: dict[str, dict[str, object]] = {
                "process_transcript": {"srt": srt},
                "process_file": {"path": "lecture.srt", "dry_run": True},
                "lookup_term": {"query": query},
                "validate_quality": {"srt": srt},
            }
            arguments = calls[kind]
            tool = "process_transcript" if kind == "process_file" else kind
            answer = await client.call_tool(tool, arguments)
            ok, detail = not answer.is_error, str(answer.content)[:200]
    except (MCPError, OSError) as error:
        ok, detail = False, repr(error)
    tally.latencies_ms.append((time.perf_counter() - started) * 1000)
    tally.calls[kind] += 1
    if not ok:
        tally.fail(kind, detail)


async def _client(url: str, number: int, deadline: float, srt: str, tally: Tally) -> None:
    kinds = itertools.cycle(MIX)
    queries = itertools.cycle(QUERIES[number % len(QUERIES) :] + QUERIES[: number % len(QUERIES)])
    # A fresh session now and then, so session setup and teardown are soaked too.
    while time.monotonic() < deadline:
        async with Client(url) as client:
            for _ in range(50):
                if time.monotonic() >= deadline:
                    return
                await _one_call(client, next(kinds), srt, next(queries), tally)


async def _wait_ready(url: str) -> None:
    with anyio.fail_after(90):
        while True:
            try:
                async with Client(url) as probe:
                    await probe.call_tool("lookup_term", {"query": "yoga"})
            except (OSError, MCPError, ExceptionGroup):
                await anyio.sleep(0.3)
            else:
                return


async def soak(
    home: Path, *, minutes: float, clients: int, warmup_s: float
) -> tuple[Tally, int, int]:
    """Run the load; return the tally and the server RSS (KiB) after warm-up and at the end."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/mcp"
    srt = lecture(20)
    (home / "work").mkdir()
    (home / "work" / "lecture.srt").write_text(lecture(100), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SHRUTI_SERVER__TOKEN"}
    env["SHRUTI_HOME"] = str(home / "state")
    # Sized as an operator serving this many clients would size it: every client's heavy
    # call may wait for its turn (the default queue of 6 answers the rest "busy, retry").
    env["SHRUTI_SERVER__HEAVY_QUEUE"] = str(clients)
    command = [SHRUTI, "serve", "--transport", "streamable-http", "--port", str(port)]
    async with await anyio.open_process(
        command,
        env=env,
        cwd=home / "work",
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=None,
    ) as server:
        try:
            await _wait_ready(url)
            warm = Tally()
            await _run(url, clients, time.monotonic() + warmup_s, srt, warm)
            if sum(warm.errors.values()):
                raise SystemExit(f"soak: errors during warm-up: {warm.first_error}")
            start_rss = rss_kib(server.pid)
            tally = Tally()
            await _run(url, clients, time.monotonic() + minutes * 60, srt, tally)
            end_rss = rss_kib(server.pid)
        finally:
            server.terminate()
    return tally, start_rss, end_rss


async def _run(url: str, clients: int, deadline: float, srt: str, tally: Tally) -> None:
    # Bounded: a hung call fails the run instead of hanging it.
    with anyio.fail_after(deadline - time.monotonic() + 120):
        async with anyio.create_task_group() as group:
            for number in range(clients):
                group.start_soon(_client, url, number, deadline, srt, tally)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--warmup-s", type=float, default=20.0)
    parser.add_argument("--max-growth", type=float, default=0.10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shruti-soak-") as scratch:
        tally, start_rss, end_rss = anyio.run(
            lambda: soak(
                Path(scratch), minutes=args.minutes, clients=args.clients, warmup_s=args.warmup_s
            )
        )
    requests = sum(tally.calls.values())
    errors = sum(tally.errors.values())
    growth = (end_rss - start_rss) / start_rss
    mix = ", ".join(f"{kind} {count}" for kind, count in sorted(tally.calls.items()))
    print(f"soak: {args.minutes:g} min, {args.clients} clients over streamable HTTP (loopback)")
    print(f"requests {requests} ({requests / (args.minutes * 60):.1f}/s): {mix}")
    print(f"errors {errors}" + (f" (first: {tally.first_error})" if errors else ""))
    print(
        f"latency p50 {statistics.median(tally.latencies_ms):.1f} ms, "
        f"p99 {_percentile(tally.latencies_ms, 0.99):.1f} ms, "
        f"max {max(tally.latencies_ms):.1f} ms"
    )
    print(
        f"server RSS {start_rss / 1024:.1f} MiB after warm-up, {end_rss / 1024:.1f} MiB at the "
        f"end ({growth:+.1%}; limit {args.max_growth:+.0%})"
    )
    if errors or growth > args.max_growth:
        sys.exit(1)


if __name__ == "__main__":
    main()
