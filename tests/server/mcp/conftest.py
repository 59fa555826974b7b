"""Fixtures of the MCP server tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty work folder (the server's start dir) with its own state dir beside it."""
    home = tmp_path / "state"
    home.mkdir()
    monkeypatch.setenv("SHRUTI_HOME", str(home))
    work = tmp_path / "work"
    work.mkdir()
    return work
