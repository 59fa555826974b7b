"""End to end: a `shruti config set` changes what `shruti process` writes; rollback undoes it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # spawns processes or servers

SRT = "1\n00:00:01,000 --> 00:00:04,000\nthe wheel of samsara keeps turning\n\n"


def shruti(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real CLI in a fresh process, with its state dir in `home`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("SHRUTI_")}
    return subprocess.run(
        [sys.executable, "-c", "from server.cli.main import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**env, "SHRUTI_HOME": str(home)},
        check=False,
    )


def processed(home: Path, source: Path) -> str:
    result = shruti(home, "process", str(source))
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_anusvara_setting_changes_process_output_and_rollback_restores_it(tmp_path: Path) -> None:
    source = tmp_path / "lecture.srt"
    source.write_text(SRT, encoding="utf-8")
    assert "saṃsāra" in processed(tmp_path, source)

    changed = shruti(tmp_path, "config", "set", "style.anusvara=ṁ", "--reason", "house style")
    assert changed.returncode == 0, changed.stderr
    output = processed(tmp_path, source)
    assert "saṁsāra" in output
    assert "ṃ" not in output

    undone = shruti(tmp_path, "config", "rollback", "--steps", "1", "--reason", "undo")
    assert undone.returncode == 0, undone.stderr
    assert "saṃsāra" in processed(tmp_path, source)
