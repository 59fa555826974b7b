"""Issue 14's attacks against a `shruti` build: `python -m bench.attacks [--shruti PATH]`.

Runs every attack of tests/hardening/attacks.py over stdio and over loopback HTTP (and the
command-line ones once), then finding 13, load: 1,000 HTTP sessions opened and abandoned,
and 50 concurrent 5 MB `process_transcript` calls, with the server's peak memory. Prints
each attack, whether it held, and the count. `--shruti` takes any build's executable (an
older one shows what got through); the default is this checkout.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import anyio
import httpx

from tests.hardening.attacks import (
    ATTACKS,
    CLI_ONLY,
    Lab,
    Outcome,
    Target,
    Transport,
    free_port,
    srt,
    wait_for_port,
)

SESSIONS = 1_000
HEAVY_CALLS = 50
HEAVY_MB = 5
MEMORY_LIMIT_MIB = 1024


def rss_mib(pid: int, field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def serve_http(lab: Lab) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = subprocess.Popen(
        [*lab.target.argv, "serve", "--transport", "streamable-http", "--port", str(port)],
        cwd=lab.root,
        env=lab.environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return server, f"http://127.0.0.1:{port}/mcp"


INIT = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-11-25",
        "capabilities": {},
        "clientInfo": {"name": "abandoning", "version": "0"},
    },
}
HEADERS = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


async def abandoned_sessions(lab: Lab) -> Outcome:
    """Open many sessions and walk away: are they bounded, in number and in memory?"""
    server, url = serve_http(lab)
    try:
        await wait_for_port(int(url.split(":")[2].split("/")[0]))
        async with httpx.AsyncClient(timeout=30) as http:
            await http.post(url, json=INIT, headers=HEADERS)
            before = rss_mib(server.pid)
            statuses: dict[int, int] = {}
            for _ in range(SESSIONS):
                response = await http.post(url, json=INIT, headers=HEADERS)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        after = rss_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    growth = after - before
    opened = statuses.get(200, 0)
    held = opened <= 200 and growth < 20
    return Outcome(
        13,
        f"{SESSIONS:,} abandoned HTTP sessions",
        held,
        f"sessions accepted {opened}, refused {SESSIONS - opened}; RSS {before:.0f} -> "
        f"{after:.0f} MiB ({growth:+.1f})",
    )


async def concurrent_big_calls(lab: Lab) -> Outcome:
    """Fifty agents send a 5 MB lecture at once: does memory stay under 1 GB?"""
    cue = "so krishna tells arjuna about karma yoga in the bhagavad gita again"
    text = srt([cue] * (HEAVY_MB * 1_000_000 // 100))
    server, url = serve_http(lab)
    outcomes: dict[str, int] = {}
    try:
        await wait_for_port(int(url.split(":")[2].split("/")[0]))
        from mcp import Client

        async def one(index: int) -> None:
            try:
                async with Client(url, mode="legacy") as client:
                    with anyio.fail_after(600):
                        result = await client.call_tool(
                            "process_transcript",
                            {"srt": text, "output_path": f"out{index}.srt", "overwrite": True},
                        )
                kind = (
                    "busy"
                    if result.is_error and "busy" in str(result.content)
                    else ("error" if result.is_error else "done")
                )
            except Exception as error:  # noqa: BLE001 - counted: a transport failure is a result
                messages = " ".join(str(leaf) for leaf in _leaves(error))
                busy = "503" in messages or "busy" in messages
                kind = "busy (HTTP 503)" if busy else f"failed: {messages}"[:120]
            outcomes[kind] = outcomes.get(kind, 0) + 1

        started = time.monotonic()
        async with anyio.create_task_group() as group:
            for index in range(HEAVY_CALLS):
                group.start_soon(one, index)
        seconds = time.monotonic() - started
        peak = rss_mib(server.pid, "VmHWM")
    finally:
        server.terminate()
        server.wait(timeout=10)
    answered = sum(count for kind, count in outcomes.items() if not kind.startswith("failed"))
    held = peak < MEMORY_LIMIT_MIB and answered == HEAVY_CALLS
    return Outcome(
        13,
        f"{HEAVY_CALLS} concurrent {HEAVY_MB} MB process_transcript calls",
        held,
        f"peak RSS {peak:.0f} MiB; {json.dumps(outcomes)} in {seconds:.0f} s",
    )


def _leaves(error: BaseException) -> list[BaseException]:
    """The exceptions inside (nested) exception groups."""
    if isinstance(error, BaseExceptionGroup):
        return [leaf for inner in error.exceptions for leaf in _leaves(inner)]
    return [error]


async def run_all(
    target: Target,
    transports: list[Transport],
    base: Path,
    load: bool,
    only: list[int] | None = None,
) -> list[Outcome]:
    results: list[Outcome] = []
    for finding, attack in sorted(ATTACKS.items()):
        if only is not None and finding not in only:
            continue
        ways: list[Transport] = ["stdio"] if finding in CLI_ONLY else transports
        for transport in ways:
            lab = Lab(base / f"{finding}-{transport}", target, transport)
            lab.prepare()
            try:
                outcome = await attack(lab)
            except Exception as error:  # noqa: BLE001 - an attack that crashed the target
                outcome = Outcome(
                    finding, attack.__name__, False, f"{type(error).__name__}: {error}"
                )
            where = "cli" if finding in CLI_ONLY else transport
            results.append(outcome)
            print(
                f"{'held' if outcome.held else 'GOT THROUGH':<12} #{finding:<3}{where:<6} "
                f"{outcome.name}: {outcome.detail}",
                flush=True,
            )
    if load and (only is None or 13 in only):
        for attack_13 in (abandoned_sessions, concurrent_big_calls):
            lab = Lab(base / attack_13.__name__, target, "http")
            lab.prepare()
            outcome = await attack_13(lab)
            results.append(outcome)
            print(
                f"{'held' if outcome.held else 'GOT THROUGH':<12} #13 http  {outcome.name}: "
                f"{outcome.detail}",
                flush=True,
            )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.attacks", description=__doc__)
    parser.add_argument("--shruti", help="the shruti executable to attack (default: this checkout)")
    parser.add_argument("--transport", choices=["stdio", "http", "both"], default="both")
    parser.add_argument("--no-load", action="store_true", help="skip finding 13 (minutes)")
    parser.add_argument("--only", type=int, nargs="*", help="run only these findings")
    args = parser.parse_args(argv)
    target = Target((args.shruti,)) if args.shruti else Target.this_checkout()
    transports: list[Transport] = (
        ["stdio", "http"] if args.transport == "both" else [args.transport]
    )
    with tempfile.TemporaryDirectory(prefix="shruti-attacks-") as scratch:
        results = anyio.run(
            run_all, target, transports, Path(scratch), not args.no_load, args.only or None
        )
    held = sum(outcome.held for outcome in results)
    print(f"attacks tried: {len(results)}, held: {held}, got through: {len(results) - held}")
    return 0 if held == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
