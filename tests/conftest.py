"""Every test runs with its own SHRUTI_HOME; the run fails if anything lands in the real one.

Subprocesses (the CLI, spawned servers) inherit the environment, so they are isolated too.
The guard compares Śruti's real state, cache, config and data folders before and after the
session: a test that writes there (a forgotten SHRUTI_HOME) turns the run red.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import platformdirs
import pytest
from mcp import Client

from core.engine import Resources
from server.mcp.app import build_server
from server.runtime.loader import load_resources
from tests.support.mcp import Connect

_REAL_FOLDERS = tuple(
    Path(folder)
    for folder in (
        platformdirs.user_state_dir("shruti"),
        platformdirs.user_cache_dir("shruti"),
        platformdirs.user_config_dir("shruti"),
        platformdirs.user_data_dir("shruti"),
    )
)
_GUARD_KEY = pytest.StashKey[dict[str, tuple[int, int]]]()


def _listing() -> dict[str, tuple[int, int]]:
    """Every file under the real folders, with its size and modification time."""
    found: dict[str, tuple[int, int]] = {}
    for folder in _REAL_FOLDERS:
        for directory, _, names in os.walk(folder):
            for name in names:
                path = Path(directory) / name
                try:
                    stat = path.lstat()
                except FileNotFoundError:
                    continue
                found[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return found


def pytest_sessionstart(session: pytest.Session) -> None:
    session.stash[_GUARD_KEY] = _listing()
    # Module- and session-scoped fixtures run before the per-test home below: they get a
    # home of the session's own.
    os.environ["SHRUTI_HOME"] = tempfile.mkdtemp(prefix="shruti-session-home-")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.stash.get(_GUARD_KEY, None)
    if before is None:
        return
    after = _listing()
    touched = sorted(path for path, seen in after.items() if before.get(path) != seen)
    if touched:
        shown = "\n  ".join(touched[:10])
        session.config.get_terminal_writer().line(
            f"\nthe test run wrote {len(touched)} file(s) under the real home:\n  {shown}",
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A fresh SHRUTI_HOME for every test (a test may still point it elsewhere)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SHRUTI_HOME", str(tmp_path_factory.mktemp("shruti-home")))
        yield


@pytest.fixture(scope="session")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> Resources:
    """The packaged indexes, loaded once per session (with a scratch state dir)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SHRUTI_HOME", str(tmp_path_factory.mktemp("indexes")))
        return load_resources()


@pytest.fixture
def connect(indexes: Resources) -> Connect:
    """Open an in-process client on a fresh server rooted at a directory."""

    @asynccontextmanager
    async def open_client(root: Path, mode: str) -> AsyncIterator[Client]:
        server = build_server(start_dir=root, load=lambda: indexes)
        async with Client(server, mode=mode) as client:
            yield client

    return open_client


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty work folder (a server's start dir) with its own state dir beside it."""
    home = tmp_path / "state"
    home.mkdir()
    monkeypatch.setenv("SHRUTI_HOME", str(home))
    work = tmp_path / "work"
    work.mkdir()
    return work
