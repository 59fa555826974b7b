"""The biggest hostile inputs in real processes: bounded time, bounded memory, input untouched."""

from __future__ import annotations

import hashlib
import os
import random
from pathlib import Path

import pytest

from tests.hardening.measured import run_shruti

pytestmark = pytest.mark.slow  # spawns processes or servers


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "SHRUTI_HOME": str(tmp_path / "home")}


def _stamp(ms: int) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def tiny_segments(path: Path, count: int) -> bytes:
    data = "".join(f"{i + 1}\n{_stamp(i)} --> {_stamp(i + 1)}\na\n\n" for i in range(count))
    path.write_text(data, encoding="utf-8")
    return hashlib.sha256(data.encode()).digest()


def test_a_million_tiny_segments_over_the_size_limit_are_refused_fast_and_small(
    tmp_path: Path, env: dict[str, str]
) -> None:
    source, output = tmp_path / "million.srt", tmp_path / "out.srt"
    digest = tiny_segments(source, 1_000_000)
    assert source.stat().st_size > 20_000_000
    run = run_shruti(
        ["process", str(source), "-o", str(output)], cwd=tmp_path, env=env, timeout_s=60
    )
    assert run.returncode == 2, run.stderr
    assert run.stderr.strip().splitlines() == [
        f"shruti: {source}: larger than the 20,000,000-byte input limit "
        "(setting limits.max_input_bytes)"
    ]
    assert run.seconds < 30 and run.peak_rss_mib < 256, run
    assert not output.exists()
    assert hashlib.sha256(source.read_bytes()).digest() == digest


def test_a_hundred_thousand_tiny_segments_are_processed_in_bounded_time_and_memory(
    tmp_path: Path, env: dict[str, str]
) -> None:
    source, output = tmp_path / "many.srt", tmp_path / "out.srt"
    digest = tiny_segments(source, 100_000)
    run = run_shruti(
        ["process", str(source), "-o", str(output)], cwd=tmp_path, env=env, timeout_s=90
    )
    assert run.returncode == 0, run.stderr
    assert run.seconds < 60 and run.peak_rss_mib < 512, run
    assert output.read_bytes().count(b" --> ") == 100_000
    assert hashlib.sha256(source.read_bytes()).digest() == digest


def test_one_10_mb_line_gives_a_result_or_a_clear_error_in_bounded_time_and_memory(
    tmp_path: Path, env: dict[str, str]
) -> None:
    rng = random.Random(10)
    words = ["so", "the", "krishna", "arjun", "yoga", "chapter", "two", "x" * 5000]
    text = " ".join(rng.choice(words) for _ in range(2_000_000))[:10_000_000]
    source, output = tmp_path / "line.srt", tmp_path / "out.srt"
    source.write_text(f"1\n00:00:01,000 --> 00:00:02,000\n{text}\n", encoding="utf-8")
    before = source.read_bytes()
    run = run_shruti(
        ["process", str(source), "-o", str(output)], cwd=tmp_path, env=env, timeout_s=60
    )
    assert not run.timed_out, f"no answer in 60 s (peak RSS {run.peak_rss_mib:.0f} MiB)"
    assert run.returncode in (0, 2), run.stderr
    assert "Traceback" not in run.stderr
    assert run.peak_rss_mib < 1024, run.peak_rss_mib
    assert output.exists() == (run.returncode == 0)
    assert source.read_bytes() == before
