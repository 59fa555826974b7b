"""The report as a whole: score, JSON shape, file metrics and line numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.quality.issues import SEVERITY, Issue
from core.quality.report import WEIGHTS, score, validate
from core.transcript.segments import Segment, Transcript
from core.transcript.srt import compose, composed_lines, cue_lines, parse

CLEAN = (
    "1\n00:00:01,000 --> 00:00:03,000\nHello there.\n\n"
    "2\n00:00:03,500 --> 00:00:06,000\nA second line\nand a third.\n"
)


def test_a_clean_file_scores_one_hundred_and_has_no_issues() -> None:
    report = validate(parse(CLEAN))
    assert report.score == 100.0
    assert report.issues == ()


def test_score_takes_one_error_per_segment_as_zero() -> None:
    errors = tuple(Issue(n, 1, "overlap", "x") for n in (1, 2))
    assert score(errors, 2) == 0.0
    assert score(errors[:1], 2) == 50.0


def test_score_weighs_warnings_and_infos_less_than_errors() -> None:
    assert score((Issue(1, 1, "too_long", "x"),), 1) == 75.0
    assert score((Issue(1, 1, "gap_too_small", "x"),), 1) == 95.0
    assert WEIGHTS["error"] > WEIGHTS["warning"] > WEIGHTS["info"] > 0


def test_every_code_has_a_severity_that_has_a_weight() -> None:
    assert len(SEVERITY) == 17
    assert set(SEVERITY.values()) <= set(WEIGHTS)


def test_as_dict_has_score_issues_and_metrics_and_omits_empty_suggestions() -> None:
    text = "1\n00:00:01,000 --> 00:00:03,000\nso, um, yes\n\n3\n00:00:03,500 --> 00:00:06,000\nok\n"
    data = validate(parse(text)).as_dict()
    assert set(data) == {"score", "profile", "issues", "metrics"}
    assert data["issues"] == [
        {
            "segment": 1,
            "line": 3,
            "code": "filler",
            "severity": "warning",
            "message": 'hesitation filler "um"',
            "suggestion": "remove it",
        },
        {
            "segment": 2,
            "line": 5,
            "code": "bad_numbering",
            "severity": "warning",
            "message": "cue number 3, expected 2",
            "suggestion": "renumber it 2",
        },
    ]
    issue = Issue(1, 1, "empty_text", "no text")
    assert "suggestion" not in issue.as_dict()


def test_metrics_without_reference_give_counts_duration_speed_and_share() -> None:
    metrics = validate(parse(CLEAN)).metrics
    assert metrics["segments"] == 2
    assert metrics["words"] == 8
    assert metrics["lines"] == 3
    assert metrics["duration_s"] == 5.0
    assert metrics["shown_s"] == 4.5
    assert metrics["mean_cps"] == round((12 + 25) / 4.5, 2)
    assert metrics["share_with_issues"] == 0.0
    assert "wer" not in metrics


def test_line_numbers_follow_the_file_with_extra_blank_lines_and_crlf() -> None:
    text = (
        "\r\n\r\n1\r\n00:00:01,000 --> 00:00:01,200\r\nno\r\n\r\n\r\n\r\n"
        "2\r\n00:00:05,000 --> 00:00:06,000\r\nok\r\n"
    )
    transcript = parse(text)
    report = validate(transcript, lines=cue_lines(text))
    assert [(i.code, i.line) for i in report.issues] == [("too_short", 4)]
    assert cue_lines(text).first == (3, 9)


def test_lines_default_to_the_layout_compose_writes() -> None:
    text = "1\n00:00:01,000 --> 00:00:01,200\nno\n"
    assert [i.line for i in validate(parse(text)).issues] == [2]


_texts = st.lists(
    st.text(alphabet="abc ṃā\n", max_size=12).map(
        lambda t: "\n".join(filter(str.strip, t.split("\n")))
    ),
    min_size=1,
    max_size=6,
)


@given(_texts)
def test_cue_lines_agree_with_the_lines_compose_writes(texts: list[str]) -> None:
    segments = tuple(
        Segment(n, n, "00:00:01,000 --> 00:00:02,000", 1000, 2000, text)
        for n, text in enumerate(texts, start=1)
    )
    transcript = Transcript(segments)
    written = compose(transcript)
    assert cue_lines(written) == composed_lines(transcript)
    lines = written.split("\n")
    for segment in segments:
        assert lines[cue_lines(written).number_line(segment.position) - 1] == str(segment.number)


@given(
    st.lists(st.integers(min_value=1, max_value=3), min_size=1, max_size=6),
    st.integers(min_value=0, max_value=3),
    st.sampled_from(["\n", "\r\n"]),
)
def test_cue_lines_point_at_each_cue_number_whatever_the_blank_lines(
    gaps: list[int], leading: int, newline: str
) -> None:
    blocks = [f"{n}\n00:00:0{n},000 --> 00:00:0{n},500\ntext {n}" for n in range(1, len(gaps) + 1)]
    text = "\n" * leading + "".join(
        b + "\n" * (gap + 1) for b, gap in zip(blocks, gaps, strict=True)
    )
    text = text.replace("\n", newline)
    transcript = parse(text)
    found = cue_lines(text)
    assert len(found.first) == len(transcript.segments)
    lines = text.replace("\r\n", "\n").split("\n")
    for segment in transcript.segments:
        assert lines[found.number_line(segment.position) - 1] == str(segment.number)
        assert lines[found.timing_line(segment.position) - 1] == segment.timing
        assert lines[found.text_line(segment.position) - 1] == segment.text


def test_core_quality_exports_only_its_public_surface() -> None:
    import core.quality.report

    assert set(core.quality.report.__all__) == {
        "SEVERITY",
        "WEIGHTS",
        "Issue",
        "QualityReport",
        "score",
        "validate",
    }


def test_an_unknown_profile_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(ValueError, match="known: netflix, subtitle-edit"):
        validate(parse(CLEAN), profile="bbc")
