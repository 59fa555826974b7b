"""Tests for `shruti validate`: exit codes, the JSON shape, the table and the reference."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from server.cli.main import app
from tests.support.paths import LECTURE

pytestmark = pytest.mark.slow  # spawns processes or servers

runner = CliRunner()


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHRUTI_HOME", str(tmp_path / "home"))


def _json(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["validate", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def test_validate_json_has_score_issues_with_segment_and_line_and_metrics() -> None:
    data = _json(str(LECTURE))
    assert set(data) == {"score", "profile", "issues", "metrics"}
    assert isinstance(data["score"], float)
    assert 0 <= data["score"] <= 100
    issues = data["issues"]
    assert isinstance(issues, list)
    assert issues
    for issue in issues:
        assert {"segment", "line", "code", "severity", "message"} <= set(issue)
        assert set(issue) <= {"segment", "line", "code", "severity", "message", "suggestion"}
    fillers = [(i["segment"], i["line"]) for i in issues if i["code"] == "filler"]
    assert fillers[0] == (1, 3)
    metrics = data["metrics"]
    assert isinstance(metrics, dict)
    assert metrics["segments"] == 8
    assert "wer" not in metrics


def test_validate_with_the_file_itself_as_reference_reports_zero_wer() -> None:
    metrics = _json(str(LECTURE), "--reference", str(LECTURE))["metrics"]
    assert isinstance(metrics, dict)
    assert metrics["wer"] == 0.0
    assert metrics["cer_normalized"] == 0.0


def test_validate_profile_subtitle_edit_applies_its_limits() -> None:
    netflix = _json(str(LECTURE))
    subtitle_edit = _json(str(LECTURE), "--profile", "subtitle-edit")
    assert subtitle_edit["profile"] == "subtitle-edit"

    def count(data: dict[str, object], code: str) -> int:
        issues = data["issues"]
        assert isinstance(issues, list)
        return sum(1 for issue in issues if issue["code"] == code)

    # a 43-character line and 20.9 characters a second: over Netflix's limits, within SE's
    assert (count(netflix, "line_too_long"), count(subtitle_edit, "line_too_long")) == (8, 7)
    assert (count(netflix, "reading_speed"), count(subtitle_edit, "reading_speed")) == (1, 0)


def test_validate_prints_a_table_and_the_score_and_exits_zero() -> None:
    result = runner.invoke(app, ["validate", str(LECTURE)])
    assert result.exit_code == 0, result.stderr
    assert "filler" in result.stdout
    assert "score" in result.stdout


def test_validate_exits_two_naming_file_and_line_for_a_malformed_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.srt"
    broken.write_text("1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\nnot a timing line\ntext\n")
    result = runner.invoke(app, ["validate", str(broken), "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"shruti: {broken}:6: expected a timing line, found 'not a timing line'"
    ]


def test_validate_exits_two_for_a_missing_file_or_reference(tmp_path: Path) -> None:
    missing = tmp_path / "missing.srt"
    for args in ([str(missing)], [str(LECTURE), "--reference", str(missing)]):
        result = runner.invoke(app, ["validate", *args])
        assert result.exit_code == 2
        assert str(missing) in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_thresholds_set_in_settings_override_the_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    def codes(report: dict[str, object]) -> set[str]:
        issues = report["issues"]
        assert isinstance(issues, list)
        return {issue["code"] for issue in issues}

    default = _json(str(LECTURE))
    assert "line_too_long" in codes(default)
    monkeypatch.setenv("SHRUTI_QUALITY__MAX_LINE_CHARS", "120")
    relaxed = _json(str(LECTURE))
    assert "line_too_long" not in codes(relaxed)
    assert isinstance(relaxed["score"], float) and isinstance(default["score"], float)
    assert relaxed["score"] > default["score"]
