"""MCP round trips: a 1,000-segment lecture through process_transcript over stdio, and
concurrent streamable-HTTP clients against one server (errors, server memory before/after).

    .venv/bin/python -m bench.mcp_roundtrip [--lecture golden|example] [--segments 1000]
        [--runs 20] [--clients 20 --calls 50]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import anyio
from mcp import Client, StdioServerParameters
from mcp.shared.exceptions import MCPError

from bench.golden import timestamp

SHRUTI = str(Path(sys.executable).parent / "shruti")
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "lecture.srt"


def lecture(segments: int, *, source: str = "example") -> str:
    """`segments` cues with fresh timings: texts cycled from the example lecture (every cue
    full of Sanskrit, one in eight a verse), or the first cues of the dev golden set's ASR
    input (a lecture's own mix: Gītā chapters 1-9 purports with references and recitations).
    """
    if source == "golden":
        from bench.golden import DEV_CHAPTERS, build
        from bench.noise import DEV

        texts = [segment.input for segment in build(DEV_CHAPTERS, DEV).segments[:segments]]
    else:
        blocks = EXAMPLE.read_text("utf-8").strip().split("\n\n")
        texts = [block.split("\n", 2)[2] for block in blocks]
    cues = []
    for i in range(segments):
        start, end = i * 3000, i * 3000 + 2900
        cues.append(f"{i + 1}\n{timestamp(start)} --> {timestamp(end)}\n{texts[i % len(texts)]}\n")
    return "\n".join(cues)


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SHRUTI_SERVER__TOKEN"}
    return {**env, "SHRUTI_HOME": str(home)}


async def stdio_round_trips(
    home: Path, segments: int, runs: int, warmup: int, *, source: str = "example"
) -> None:
    """Milliseconds per process_transcript call over stdio: inline SRT, then file to file."""
    srt = lecture(segments, source=source)
    print(f"lecture: {source}")
    (home / "lecture.srt").write_text(srt, encoding="utf-8")
    params = StdioServerParameters(command=SHRUTI, args=["serve"], env=_env(home), cwd=home)
    inline = {"srt": srt}
    files = {"path": "lecture.srt", "output_path": "lecture.fixed.srt", "overwrite": True}
    async with Client(params) as client:
        for label, arguments in (("inline SRT", inline), ("path -> output_path", files)):
            timings: list[float] = []
            engine: list[float] = []
            for run in range(warmup + runs):
                started = time.perf_counter()
                result = await client.call_tool("process_transcript", arguments)
                elapsed = (time.perf_counter() - started) * 1000
                content = result.structured_content
                if result.is_error or not content:
                    raise SystemExit(f"process_transcript failed: {result.content}")
                if run >= warmup:
                    timings.append(elapsed)
                    engine.append(content["summary"]["elapsed_ms"])
            overhead = statistics.median(t - e for t, e in zip(timings, engine, strict=True))
            print(
                f"stdio process_transcript ({label}), {segments} segments "
                f"({len(srt.encode()):,} bytes), {content['corrections_total']} corrections: "
                f"median {statistics.median(timings):.1f} ms, "
                f"p95 {sorted(timings)[int(0.95 * (len(timings) - 1))]:.1f} ms, "
                f"min {min(timings):.1f} ms over {runs} runs after {warmup} warm-up; "
                f"engine alone median {statistics.median(engine):.1f} ms, "
                f"MCP + stdio + SRT parsing add {overhead:.1f} ms"
            )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def rss_kib(pid: int) -> int:
    """The resident set size of process `pid` (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


async def http_load(home: Path, clients: int, calls: int) -> tuple[int, int, int]:
    """`clients` concurrent streamable-HTTP clients making `calls` calls each: errors, RSS."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/mcp"
    srt = lecture(20)
    command = [SHRUTI, "serve", "--transport", "streamable-http", "--port", str(port)]
    async with await anyio.open_process(
        command,
        # Every client's heavy call may wait for its turn, as an operator serving this many
        # clients would set it (the default queue of 6 answers the rest "busy, retry").
        env={**_env(home), "SHRUTI_SERVER__HEAVY_QUEUE": str(clients)},
        cwd=home,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=None,
    ) as server:
        with anyio.fail_after(60):
            while True:
                try:
                    async with Client(url) as probe:
                        await probe.call_tool("lookup_term", {"query": "yoga"})
                    break
                except (OSError, MCPError, ExceptionGroup):
                    await anyio.sleep(0.2)
        errors = 0
        latencies: list[float] = []

        async def one_client(calls: int) -> None:
            nonlocal errors
            async with Client(url) as client:
                for call in range(calls):
                    started = time.perf_counter()
                    if call % 5 == 4:
                        result = await client.call_tool("process_transcript", {"srt": srt})
                    else:
                        result = await client.call_tool("lookup_term", {"query": "krishna"})
                    latencies.append((time.perf_counter() - started) * 1000)
                    errors += int(bool(result.is_error))

        async def burst(clients: int, calls: int) -> float:
            started = time.perf_counter()
            with anyio.fail_after(600):
                async with anyio.create_task_group() as group:
                    for _ in range(clients):
                        group.start_soon(one_client, calls)
            return time.perf_counter() - started

        await burst(2, 10)  # warm-up: caches and pools fill before the first memory reading
        warm = rss_kib(server.pid)
        errors, latencies = 0, []
        wall = await burst(clients, calls)
        first = rss_kib(server.pid)
        await burst(clients, calls)
        second = rss_kib(server.pid)
        server.terminate()
    total = clients * calls
    print(
        f"http {clients} clients x {calls} calls (4/5 lookup_term, 1/5 process_transcript of "
        f"20 segments), twice: {total} calls per round in {wall:.1f} s ({total / wall:.0f}/s), "
        f"errors {errors} (both rounds), median {statistics.median(latencies):.1f} ms; server "
        f"RSS {warm / 1024:.1f} MiB after warm-up, {first / 1024:.1f} MiB after round 1, "
        f"{second / 1024:.1f} MiB after round 2"
    )
    return errors, warm, second


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=1000)
    parser.add_argument(
        "--lecture",
        choices=["golden", "example"],
        default="golden",
        help="golden: lecture-like cues of the dev golden set; example: the dense example "
        "lecture cycled (every cue Sanskrit, a verse every eighth): a stress case",
    )
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--calls", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shruti-bench-") as scratch:
        home = Path(scratch)
        await stdio_round_trips(home, args.segments, args.runs, args.warmup, source=args.lecture)
        if args.clients:
            await http_load(home, args.clients, args.calls)


if __name__ == "__main__":
    anyio.run(main)
