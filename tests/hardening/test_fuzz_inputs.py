"""Hostile inputs through `shruti process` and the MCP tool: a result or a clear error, bounded."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import anyio
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mcp import Client
from mcp.types import TextContent
from typer.testing import CliRunner

from core.engine import ProcessResult, Resources, process
from core.errors import TranscriptError
from core.transcript.encoding import decode
from core.transcript.segments import Transcript
from core.transcript.srt import parse
from server.cli.main import app
from server.mcp.app import build_server
from server.runtime.settings_sources import load_settings
from tests.hardening.corpus import hostile_corpus

pytestmark = pytest.mark.slow  # spawns processes or servers

PER_INPUT_S = 10
runner = CliRunner()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHRUTI_HOME", str(tmp_path / "home"))


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Interrupt the main thread (where CliRunner runs the command) if it takes too long."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_the_corpus_has_at_least_300_distinct_hostile_inputs() -> None:
    corpus = hostile_corpus()
    assert len(corpus) >= 300
    assert len({name for name, _ in corpus}) == len(corpus)
    assert len({data for _, data in corpus}) >= 290


def test_cli_gives_output_or_one_clear_line_for_every_hostile_input(
    indexes: Resources, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "server.runtime.state.load_resources", lambda **_: indexes
    )  # load them once
    failures: list[str] = []
    for name, data in hostile_corpus():
        source = tmp_path / f"{name}.srt"
        source.write_bytes(data)
        output = tmp_path / f"{name}.out.srt"
        with deadline(PER_INPUT_S):
            result = runner.invoke(app, ["process", str(source), "-o", str(output)])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            failures.append(f"{name}: {type(result.exception).__name__}: {result.exception}")
            continue
        if source.read_bytes() != data:
            failures.append(f"{name}: the input file was modified")
        if result.exit_code == 0 and not output.exists():
            failures.append(f"{name}: exit 0 but no output")
        elif result.exit_code == 2:
            lines = result.stderr.strip().splitlines()
            if output.exists() or len(lines) != 1 or not lines[0].startswith("shruti: "):
                failures.append(f"{name}: exit 2 without one clear line: {result.stderr!r}")
        elif result.exit_code not in (0, 2):
            failures.append(f"{name}: exit {result.exit_code}: {result.stderr!r}")
    assert not failures, "\n".join(failures)


async def test_mcp_tool_gives_a_result_or_a_clean_tool_error_for_every_hostile_input(
    indexes: Resources, tmp_path: Path
) -> None:
    failures: list[str] = []
    root = tmp_path / "work"
    root.mkdir()
    server = build_server(start_dir=root, load=lambda: indexes)
    async with Client(server) as client:
        for name, data in hostile_corpus():
            (root / f"{name}.srt").write_bytes(data)
            for arguments in (
                {"path": f"{name}.srt"},
                {"srt": data.decode("utf-8", errors="replace")},
            ):
                started = time.monotonic()
                with anyio.fail_after(PER_INPUT_S):
                    result = await client.call_tool("process_transcript", arguments)
                text = " ".join(b.text for b in result.content if isinstance(b, TextContent))
                how = "path" if "path" in arguments else "inline"
                # A crash reaches the client as the bare "Error executing tool <name>"; an
                # anticipated ToolError keeps its message after that prefix.
                crashed = text.strip() == "Error executing tool process_transcript"
                if result.is_error and ("Traceback" in text or crashed):
                    failures.append(f"{name} ({how}): {text[:300]}")
                elif not result.is_error and not isinstance(result.structured_content, dict):
                    failures.append(f"{name} ({how}): no structured result")
                elif time.monotonic() - started > PER_INPUT_S:
                    failures.append(f"{name} ({how}): too slow")
            if (root / f"{name}.srt").read_bytes() != data:
                failures.append(f"{name}: the input file was modified")
    assert not failures, "\n".join(failures)


WORDS = st.sampled_from(
    ["um", "uh", "the", "so", "krishna", "arjun", "chapter", "two", "verse", "forty", "seven",
     "bhagavad", "gita", "karmanye", "vadhikaraste", "yoga", "that", "one", "of", "-", ",",
     "<i>", "</i>", "Kṛṣṇa", "ṃ", "\u200b", "1", "2.47", "...", "?"]
)  # fmt: skip
TEXTS = st.lists(st.lists(WORDS, min_size=1, max_size=12).map(" ".join), min_size=1, max_size=4)


@pytest.fixture(scope="module")
def correct(indexes: Resources) -> Callable[[Transcript], ProcessResult]:
    """The engine with the packaged indexes and default settings (a short repr for hypothesis)."""
    defaults = load_settings()
    return lambda transcript: process(transcript, indexes, defaults)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=TEXTS)
def test_the_engine_never_raises_and_keeps_every_timing(
    correct: Callable[[Transcript], ProcessResult], texts: list[str]
) -> None:
    srt = "".join(
        f"{n}\n00:00:{n:02d},000 --> 00:00:{n:02d},900\n{text}\n\n"
        for n, text in enumerate(texts, start=1)
    )
    transcript = parse(srt, source="<hypothesis>")
    result = correct(transcript)
    assert [s.timing for s in result.transcript.segments] == [s.timing for s in transcript.segments]


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=600) | st.text(max_size=600).map(str.encode))
def test_parsing_any_bytes_gives_a_transcript_or_a_transcript_error(data: bytes) -> None:
    try:
        parse(decode(data, source="<fuzz>").text, source="<fuzz>")
    except TranscriptError as error:
        assert str(error).startswith("<fuzz>")
