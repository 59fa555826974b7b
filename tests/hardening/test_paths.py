"""Paths an untrusted caller may pass: devices, FIFOs, links onto the input, unwritable places."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client
from mcp.types import CallToolResult, TextContent

from core.engine import Resources
from server.mcp.app import build_server
from tests.support.paths import LECTURE

pytestmark = pytest.mark.slow  # spawns processes or servers

SRT = "1\n00:00:01,000 --> 00:00:02,000\nso krishna says\n"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SHRUTI_HOME", str(tmp_path / "home"))
    work = tmp_path / "work"
    work.mkdir()
    (work / "talk.srt").write_bytes(LECTURE.read_bytes())
    return work


def shruti(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from server.cli.main import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SHRUTI_HOME": str(home)},
        check=False,
    )


def one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("shruti: "), result.stderr
    return lines[0]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_cli_refuses_an_endless_device_at_once(tmp_path: Path, device: str) -> None:
    result = shruti("process", device, home=tmp_path)  # a 60 s timeout fails the test on a hang
    assert result.returncode == 2
    assert "not a regular file" in one_clear_line(result)


def test_cli_refuses_a_fifo_instead_of_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.srt"
    os.mkfifo(fifo)
    result = shruti("process", str(fifo), home=tmp_path)
    assert result.returncode == 2
    assert "not a regular file" in one_clear_line(result)


def test_cli_refuses_a_symlink_to_a_device(tmp_path: Path) -> None:
    (tmp_path / "zero.srt").symlink_to("/dev/zero")
    result = shruti("process", str(tmp_path / "zero.srt"), home=tmp_path)
    assert result.returncode == 2
    assert "not a regular file" in one_clear_line(result)


def test_cli_refuses_an_output_that_is_a_symlink_to_the_input(root: Path) -> None:
    (root / "alias.srt").symlink_to(root / "talk.srt")
    result = shruti(
        "process", str(root / "talk.srt"), "-o", str(root / "alias.srt"), "--overwrite",
        home=root.parent / "home",
    )  # fmt: skip
    assert result.returncode == 2
    assert "refusing to overwrite the input" in one_clear_line(result)
    assert (root / "talk.srt").read_bytes() == LECTURE.read_bytes()


def test_cli_output_onto_a_hard_link_of_the_input_leaves_the_input_intact(root: Path) -> None:
    os.link(root / "talk.srt", root / "twin.srt")
    result = shruti(
        "process", str(root / "talk.srt"), "-o", str(root / "twin.srt"), "--overwrite",
        home=root.parent / "home",
    )  # fmt: skip
    assert result.returncode in (0, 2), result.stderr
    assert (root / "talk.srt").read_bytes() == LECTURE.read_bytes()


def test_cli_output_into_a_missing_directory_is_one_clear_line(tmp_path: Path) -> None:
    output = tmp_path / "missing" / "out.srt"
    result = shruti("process", str(LECTURE), "-o", str(output), home=tmp_path)
    assert result.returncode == 2
    assert "does not exist" in one_clear_line(result)
    assert not output.parent.exists()


def test_cli_output_under_a_regular_file_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("not a folder", encoding="utf-8")
    result = shruti(
        "process", str(LECTURE), "-o", str(tmp_path / "plain" / "out.srt"), home=tmp_path
    )
    assert result.returncode == 2, result.stderr
    one_clear_line(result)
    assert (tmp_path / "plain").read_text(encoding="utf-8") == "not a folder"


def test_cli_output_into_a_read_only_directory_is_one_clear_line(tmp_path: Path) -> None:
    # /proc/<pid> refuses new files even to root, unlike a chmod 0555 folder.
    target = Path(f"/proc/{os.getpid()}/out.srt")
    result = shruti("process", str(LECTURE), "-o", str(target), home=tmp_path)
    assert result.returncode == 2, result.stderr
    one_clear_line(result)


@asynccontextmanager
async def client_for(root: Path, indexes: Resources) -> AsyncIterator[Client]:
    async with Client(build_server(start_dir=root, load=lambda: indexes)) as client:
        yield client


def error_text(result: CallToolResult) -> str:
    assert result.is_error
    text = " ".join(block.text for block in result.content if isinstance(block, TextContent))
    assert text.strip() != "Error executing tool process_transcript", "a crash, not a refusal"
    return text


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"path": "/dev/zero"}, "outside the allowed roots"),
        ({"path": "../../../../../../etc/passwd"}, "outside the allowed roots"),
        ({"path": "talk.srt\x00.txt"}, "NUL byte"),
        ({"srt": SRT, "output_path": "talk.srt\x00"}, "NUL byte"),
        (
            {"path": "talk.srt", "output_path": "talk.srt", "overwrite": True},
            "overwrite the input file",
        ),
        ({"srt": SRT, "output_path": "missing/out.srt"}, "does not exist"),
        ({"srt": SRT, "output_path": "talk.srt/out.srt"}, "does not exist"),
        ({"srt": SRT, "output_path": "."}, "is a directory"),
        ({"path": "."}, "is a directory"),
    ],
)
async def test_mcp_tool_refuses_hostile_paths_with_a_clear_message(
    root: Path, indexes: Resources, arguments: dict[str, Any], expected: str
) -> None:
    async with client_for(root, indexes) as client:
        with anyio.fail_after(20):
            result = await client.call_tool("process_transcript", arguments)
    assert expected in error_text(result)
    assert (root / "talk.srt").read_bytes() == LECTURE.read_bytes()
    assert sorted(path.name for path in root.iterdir()) == ["talk.srt"]


async def test_mcp_tool_refuses_a_fifo_and_a_device_link_inside_the_root(
    root: Path, indexes: Resources
) -> None:
    os.mkfifo(root / "pipe.srt")
    (root / "zero.srt").symlink_to("/dev/zero")
    async with client_for(root, indexes) as client:
        with anyio.fail_after(20):
            fifo = await client.call_tool("process_transcript", {"path": "pipe.srt"})
            device = await client.call_tool("process_transcript", {"path": "zero.srt"})
    assert "not a regular file" in error_text(fifo)
    assert "outside the allowed roots" in error_text(device)


async def test_mcp_output_onto_a_symlink_or_hard_link_of_the_input_never_changes_it(
    root: Path, indexes: Resources
) -> None:
    (root / "alias.srt").symlink_to(root / "talk.srt")
    os.link(root / "talk.srt", root / "twin.srt")
    async with client_for(root, indexes) as client:
        alias = await client.call_tool(
            "process_transcript",
            {"path": "talk.srt", "output_path": "alias.srt", "overwrite": True},
        )
        await client.call_tool(
            "process_transcript", {"path": "talk.srt", "output_path": "twin.srt", "overwrite": True}
        )
    assert "overwrite the input file" in error_text(alias)
    assert (root / "talk.srt").read_bytes() == LECTURE.read_bytes()


async def test_mcp_output_into_a_read_only_directory_is_a_clear_tool_error(
    root: Path, indexes: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    proc = os.path.realpath(f"/proc/{os.getpid()}")
    monkeypatch.setenv("SHRUTI_PATHS__ALLOWED_ROOTS", f'["{root}", "{proc}"]')
    async with client_for(root, indexes) as client:
        result = await client.call_tool(
            "process_transcript", {"srt": SRT, "output_path": f"{proc}/out.srt"}
        )
    assert "out.srt" in error_text(result)


async def test_applying_decisions_refuses_the_same_hostile_paths_as_processing(
    root: Path, indexes: Resources
) -> None:
    """apply_corrections reads and writes through the path checks process_transcript uses
    (server.runtime.correct.load_to_rewrite): FIFOs, device links, names outside the roots
    and an output onto a link of its input are refused, and nothing is written."""
    os.mkfifo(root / "pipe.srt")
    (root / "zero.srt").symlink_to("/dev/zero")
    (root / "alias.srt").symlink_to(root / "talk.srt")
    cases: list[tuple[dict[str, Any], str]] = [
        ({"path": "pipe.srt"}, "not a regular file"),
        ({"path": "zero.srt"}, "outside the allowed roots"),
        ({"path": "../../../../../../etc/passwd"}, "outside the allowed roots"),
        (
            {"path": "talk.srt", "output_path": "alias.srt", "overwrite": True},
            "overwrite the input",
        ),
        ({"path": "talk.srt", "output_path": "../outside.srt"}, "outside the allowed roots"),
    ]
    async with client_for(root, indexes) as client:
        for arguments, expected in cases:
            with anyio.fail_after(20):
                result = await client.call_tool("apply_corrections", {**arguments, "decisions": []})
            assert result.is_error, arguments
            text = " ".join(b.text for b in result.content if isinstance(b, TextContent))
            assert expected in text, (arguments, text)
    assert (root / "talk.srt").read_bytes() == LECTURE.read_bytes()
    assert sorted(path.name for path in root.iterdir()) == [
        "alias.srt", "pipe.srt", "talk.srt", "zero.srt"
    ]  # fmt: skip
    assert not (root.parent / "outside.srt").exists()


def test_cli_apply_refuses_a_fifo_and_an_output_onto_its_input(root: Path) -> None:
    os.mkfifo(root / "pipe.srt")
    (root / "alias.srt").symlink_to(root / "talk.srt")
    (root / "none.json").write_text('{"decisions": []}', encoding="utf-8")
    home = root.parent / "home"
    fifo = shruti("apply", str(root / "pipe.srt"), str(root / "none.json"), "-o",
                  str(root / "out.srt"), home=home)  # fmt: skip
    assert fifo.returncode == 2
    assert "not a regular file" in one_clear_line(fifo)
    onto = shruti("apply", str(root / "talk.srt"), str(root / "none.json"), "-o",
                  str(root / "alias.srt"), "--overwrite", home=home)  # fmt: skip
    assert onto.returncode == 2
    assert "refusing to overwrite the input" in one_clear_line(onto)
    assert (root / "talk.srt").read_bytes() == LECTURE.read_bytes()
