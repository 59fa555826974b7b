"""Issue 20 at the terminal: the report lists uncertain spans, `shruti apply` takes the
decisions back in every format (all or none), `shruti review` writes the page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from core.transcript import formats
from server.cli.main import app
from tests.support.paths import REVIEW_LECTURE

runner = CliRunner()


def shruti(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.stderr
    return result.stderr


@pytest.fixture
def corrected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, Any]]:
    """The review lecture corrected, and its report."""
    monkeypatch.chdir(tmp_path)
    shruti("process", str(REVIEW_LECTURE), "-o", "out.srt", "--report", "report.json")
    return tmp_path / "out.srt", json.loads(Path("report.json").read_text(encoding="utf-8"))


def decisions_for(report: dict[str, Any], choices: dict[str, str]) -> dict[str, Any]:
    return {
        "decisions": [
            {**{k: u[k] for k in ("segment", "span", "text")}, "replace": choices[u["text"]]}
            for u in report["uncertain"]
            if u["text"] in choices
        ]
    }


SONYASI = {"segment": 2, "span": [4, 11], "text": "sonyasi"}
CHOICES = {"sonyasi": "sannyāsī", "prampagar": "paramparā", "Demki": "Devakī"}


def test_the_report_lists_each_uncertain_span_as_written_in_the_output(
    corrected: tuple[Path, dict[str, Any]],
) -> None:
    out, report = corrected
    texts = formats.parse(out.read_text(encoding="utf-8")).transcript.texts
    items = report["uncertain"]
    assert report["summary"]["uncertain"] == len(items)
    assert {item["text"] for item in items} >= set(CHOICES)
    for item in items:
        start, end = item["span"]
        assert texts[item["segment"] - 1][start:end] == item["text"]
        assert 1 <= len(item["candidates"]) <= 6 and item["reason"]
        scores = [candidate["score"] for candidate in item["candidates"]]
        assert scores == sorted(scores, reverse=True)
    heard = next(item for item in items if item["text"] == "sonyasi")
    assert heard["candidates"][0] == {
        "text": "sannyāsī",
        "score": 0.729,
        "source": "lexicon:sannyasi",
    }


def test_apply_changes_only_the_decided_spans(corrected: tuple[Path, dict[str, Any]]) -> None:
    out, report = corrected
    Path("decisions.json").write_text(json.dumps(decisions_for(report, CHOICES)), "utf-8")
    message = shruti("apply", "out.srt", "decisions.json", "-o", "final.srt", "--report", "a.json")
    assert "3 decisions, 3 changes in 3 segments" in message
    before = out.read_text(encoding="utf-8").split("\n\n")
    after = Path("final.srt").read_text(encoding="utf-8").split("\n\n")
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [1, 2, 4]  # cues 2, 3 and 5; the rest byte for byte
    assert "the sannyāsī gives up" in after[1] and "came down by paramparā" in after[2]
    assert after[4].splitlines()[2].startswith("Devakī was the mother")
    assert [block.splitlines()[1] for block in after] == [block.splitlines()[1] for block in before]
    applied = json.loads(Path("a.json").read_text(encoding="utf-8"))
    assert [c["after"] for c in applied["changes"]] == ["sannyāsī", "paramparā", "Devakī"]


def test_one_decision_is_counted_in_the_singular(corrected: tuple[Path, dict[str, Any]]) -> None:
    _, report = corrected
    Path("one.json").write_text(json.dumps(decisions_for(report, {"sonyasi": "sannyāsī"})), "utf-8")
    message = shruti("apply", "out.srt", "one.json", "-o", "final.srt")
    assert "1 decision, 1 change in 1 segment\n" in message


@pytest.mark.parametrize("target", ["vtt", "sbv", "txt"])
def test_apply_works_on_every_format_written(
    corrected: tuple[Path, dict[str, Any]], target: str
) -> None:
    raw = formats.parse(REVIEW_LECTURE.read_text(encoding="utf-8"))
    Path(f"raw.{target}").write_text(formats.compose(raw, raw.transcript, to=target), "utf-8")
    shruti("process", f"raw.{target}", "-o", f"out.{target}", "--report", "r.json")
    report = json.loads(Path("r.json").read_text(encoding="utf-8"))
    Path("d.json").write_text(json.dumps(decisions_for(report, CHOICES)), "utf-8")
    shruti("apply", f"out.{target}", "d.json", "-o", f"final.{target}")
    out = Path(f"out.{target}").read_text(encoding="utf-8")
    final = Path(f"final.{target}").read_text(encoding="utf-8")
    for heard, chosen in (
        ("the sonyasi gives", "the sannyāsī gives"),
        ("by prampagar", "by paramparā"),
    ):
        assert heard in out and chosen in final
    assert (
        final.replace("sannyāsī", "sonyasi")
        .replace("paramparā", "prampagar")
        .replace("Devakī", "Demki")
        == out
    )  # nothing else changed, not a byte
    assert formats.parse(final).format == target


def test_a_stale_decision_refuses_them_all(corrected: tuple[Path, dict[str, Any]]) -> None:
    _, report = corrected
    decisions = decisions_for(report, CHOICES)
    decisions["decisions"][1]["text"] = "prampagarr"
    Path("stale.json").write_text(json.dumps(decisions), "utf-8")
    message = shruti("apply", "out.srt", "stale.json", "-o", "final.srt", code=2)
    assert "decision 2 (segment 3" in message and "stale" in message
    assert not Path("final.srt").exists()


@pytest.mark.parametrize(
    ("decision", "fragment"),
    [
        ({"segment": 99, "span": [0, 1], "text": "x", "replace": "y"}, "the file has 7 cues"),
        ({**SONYASI, "replace": "sannyāsa"}, "overlaps decision 1"),
        (SONYASI, "decision 2: expected"),
    ],
)
def test_a_bad_decision_is_named(
    corrected: tuple[Path, dict[str, Any]], decision: dict[str, Any], fragment: str
) -> None:
    first = {**SONYASI, "replace": "sannyāsī"}
    Path("bad.json").write_text(json.dumps({"decisions": [first, decision]}), "utf-8")
    message = shruti("apply", "out.srt", "bad.json", "-o", "final.srt", code=2)
    assert fragment in message
    assert not Path("final.srt").exists()


def test_decisions_that_are_not_json_are_named_by_line(
    corrected: tuple[Path, dict[str, Any]],
) -> None:
    Path("broken.json").write_text('{"decisions": [\n  {"segment": 1,,}\n]}', "utf-8")
    message = shruti("apply", "out.srt", "broken.json", "-o", "final.srt", code=2)
    assert "broken.json:2:" in message


def test_apply_never_replaces_a_file_unless_asked(corrected: tuple[Path, dict[str, Any]]) -> None:
    _, report = corrected
    Path("d.json").write_text(json.dumps(decisions_for(report, CHOICES)), "utf-8")
    Path("final.srt").write_text("keep me\n", "utf-8")
    assert "exists" in shruti("apply", "out.srt", "d.json", "-o", "final.srt", code=2)
    assert Path("final.srt").read_text(encoding="utf-8") == "keep me\n"
    shruti("apply", "out.srt", "d.json", "-o", "final.srt", "--overwrite")
    assert "sannyāsī gives up" in Path("final.srt").read_text(encoding="utf-8")


def test_review_writes_a_self_contained_page(corrected: tuple[Path, dict[str, Any]]) -> None:
    message = shruti("review", "out.srt")
    page = Path("out.review.html").read_text(encoding="utf-8")
    assert "5 uncertain spans to decide" in message or "uncertain spans to decide" in message
    assert "<script src" not in page and "<link " not in page
    assert '"text": "prampagar"' in page or '"text":"prampagar"' in page
    assert "paramparā" in page
