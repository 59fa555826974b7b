"""Issue 19's acceptance: every format through standard input and output comes out
corrected exactly like the SubRip path, cue by cue, with its timing lines untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from core.transcript import formats
from core.transcript.vtt import VttLayout
from server.cli.main import app
from tests.support.paths import LECTURE, VTT_LECTURE

runner = CliRunner()


def process(data: str, *args: str) -> str:
    """`shruti process - ARGS` with `data` on standard input; the standard output."""
    result = runner.invoke(app, ["process", "-", *args], input=data.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def cue_texts(text: str) -> list[str]:
    return formats.parse(text).transcript.texts


def whisper_json(srt: str) -> str:
    segments = [
        {
            "id": s.position - 1,
            "start": s.start_ms / 1000,
            "end": s.end_ms / 1000,
            "text": " " + s.text,
            "words": [{"word": w, "start": 0.0, "end": 0.1} for w in s.text.split()],
        }
        for s in formats.parse(srt).transcript.segments
    ]
    return json.dumps({"text": "", "segments": segments, "language": "en"})


@pytest.fixture(scope="module")
def srt_result() -> list[str]:
    return cue_texts(process(LECTURE.read_text(encoding="utf-8")))


def test_webvtt_comes_out_corrected_like_srt_with_everything_else_verbatim(
    srt_result: list[str],
) -> None:
    raw = VTT_LECTURE.read_text(encoding="utf-8")
    written = process(raw)
    assert cue_texts(written) == srt_result
    before, after = formats.parse(raw), formats.parse(written)
    assert isinstance(before.layout, VttLayout) and isinstance(after.layout, VttLayout)
    assert after.layout.frame == before.layout.frame  # every line but cue text, verbatim
    assert "NOTE the sūtra is recited at 00:00:30" in written and "\nverse\n" in written
    assert "<c.sanskrit>karmaṇy evādhikāras te mā phaleṣu kadācana</c>" in written


def test_whisper_json_comes_out_as_srt_corrected_like_srt(srt_result: list[str]) -> None:
    written = process(whisper_json(LECTURE.read_text(encoding="utf-8")))
    assert cue_texts(written) == srt_result
    original = formats.parse(LECTURE.read_text(encoding="utf-8")).transcript.segments
    assert [s.timing for s in formats.parse(written).transcript.segments] == [
        s.timing for s in original
    ]


def test_plain_text_comes_out_corrected_like_srt_with_its_paragraphs(
    srt_result: list[str],
) -> None:
    raw = "\n\n".join(formats.parse(LECTURE.read_text(encoding="utf-8")).transcript.texts) + "\n"
    written = process(raw)
    assert written.split("\n\n") and cue_texts(written) == srt_result
    assert written.count("\n\n") == raw.count("\n\n") and "-->" not in written


def test_srt_through_stdin_and_stdout_is_the_file_path(
    tmp_path: Path, srt_result: list[str]
) -> None:
    output = tmp_path / "out.srt"
    result = runner.invoke(app, ["process", str(LECTURE), "-o", str(output)])
    assert result.exit_code == 0, result.stderr
    assert process(LECTURE.read_text(encoding="utf-8"), "-o", "-") == output.read_text(
        encoding="utf-8"
    )


def test_the_output_format_follows_to_then_the_extension_then_the_input(tmp_path: Path) -> None:
    raw = VTT_LECTURE.read_text(encoding="utf-8")
    assert process(raw, "--to", "srt").startswith("1\n00:00:01,000 --> 00:00:04,200\n")
    target = tmp_path / "out.sbv"
    result = runner.invoke(app, ["process", "-", "-o", str(target)], input=raw.encode())
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("0:00:01.000,0:00:04.200\n")
    assert process(raw, "--to", "txt").startswith("good morning everyone, today")


def test_word_timestamps_are_dropped_with_a_note_in_the_report(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    data = whisper_json(LECTURE.read_text(encoding="utf-8")).encode()
    result = runner.invoke(app, ["process", "-", "--report", str(report)], input=data)
    assert result.exit_code == 0, result.stderr
    summary = json.loads(report.read_text(encoding="utf-8"))["summary"]
    assert summary["formats"] == {"read": "json", "written": "srt"}
    assert "word-level timestamps" in summary["notes"][0]
    assert "word-level timestamps" in result.stderr


def test_plain_text_cannot_be_written_as_subtitles() -> None:
    result = runner.invoke(app, ["process", "-", "--to", "vtt"], input=b"so krishna says\n")
    assert result.exit_code == 2
    assert "no timings" in result.stderr


def test_a_malformed_webvtt_file_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "talk.vtt"
    bad.write_text("WEBVTT\n\nintro\n00:00:01,000 --> 00:00:02,000\nhi\n", encoding="utf-8")
    result = runner.invoke(app, ["process", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:4: malformed timing line" in result.stderr


def test_validate_reads_webvtt_from_stdin_and_names_its_lines() -> None:
    raw = VTT_LECTURE.read_text(encoding="utf-8")
    result = runner.invoke(app, ["validate", "-", "--json"], input=raw.encode())
    assert result.exit_code == 0, result.stderr
    issues = json.loads(result.stdout)["issues"]
    fillers = [issue["line"] for issue in issues if issue["code"] == "filler"]
    assert fillers and all(
        "um" in raw.split("\n")[line - 1] or "uh" in raw.split("\n")[line - 1] for line in fillers
    )


def test_style_flags_choose_the_house_style_for_the_run() -> None:
    raw = LECTURE.read_text(encoding="utf-8")
    simple = process(raw, "--style", "simple")
    assert "so Krishna tells Arjuna in the Bhagavad Gita" in simple
    assert process(simple, "--style", "simple") == simple
    iso = process(raw, "--style", "iso15919", "--devanagari-verses")
    assert "Kr̥ṣṇa" in iso and "कर्मण्य्" in iso
    checked = runner.invoke(
        app, ["validate", "-", "--json", "--style", "iso15919"], input=iso.encode()
    )
    codes = {issue["code"] for issue in json.loads(checked.stdout)["issues"]}
    assert "invalid_iast" not in codes


def test_wrap_splits_long_cue_lines_and_leaves_timings(tmp_path: Path) -> None:
    raw = VTT_LECTURE.read_text(encoding="utf-8")
    report = tmp_path / "r.json"
    result = runner.invoke(
        app, ["process", "-", "--wrap", "42", "--report", str(report)], input=raw.encode()
    )
    assert result.exit_code == 0, result.stderr
    wrapped, unwrapped = formats.parse(result.stdout), formats.parse(process(raw))
    assert [s.timing for s in wrapped.transcript.segments] == [
        s.timing for s in unwrapped.transcript.segments
    ]
    assert [t.replace("\n", " ") for t in wrapped.transcript.texts] == unwrapped.transcript.texts
    assert all(len(line) <= 42 for t in wrapped.transcript.texts for line in t.split("\n"))
    assert "<i>karma-yoga</i>" in result.stdout
    notes = json.loads(report.read_text(encoding="utf-8"))["summary"]["notes"]
    long = sum(len(text) > 42 for text in unwrapped.transcript.texts)
    assert notes == [f"{long} cues re-wrapped to 42 characters a line"]
