import sys
from pathlib import Path

import pytest

from bench.throughput import cli_cold_start, dictionary_pass, lecture_srt, peak_rss_mb
from core.transcript.srt import parse

pytestmark = pytest.mark.slow  # spawns processes or servers


def test_lecture_srt_has_the_asked_number_of_parseable_cues() -> None:
    transcript = parse(lecture_srt(120, chapters=range(2, 3)))
    assert len(transcript.segments) == 120
    assert [s.number for s in transcript.segments] == list(range(1, 121))


def test_dictionary_pass_looks_up_every_word_once() -> None:
    transcript = parse("1\n00:00:01,000 --> 00:00:02,000\nkrishna tells arjun, krishna\n")
    assert dictionary_pass(transcript, {"krishna": "Kṛṣṇa"}) == 2
    assert dictionary_pass(transcript, {}) == 0


def test_peak_rss_is_a_plausible_size_in_megabytes() -> None:
    assert 5 < peak_rss_mb() < 4096


def test_cold_start_runs_the_given_shruti_on_three_cues(tmp_path: Path) -> None:
    seconds = cli_cold_start(Path(sys.executable).with_name("shruti"), tmp_path)
    assert seconds > 0
    written = (tmp_path / "tiny.out.srt").read_text(encoding="utf-8")
    assert "Kṛṣṇa tells Arjuna" in written
    assert "karmaṇy evādhikāras te mā phaleṣu kadācana" in written
