"""Decisions applied to a transcript: all or nothing, timings and other cues untouched."""

from __future__ import annotations

import pytest

from core.apply import Decision, DecisionError, apply_decisions
from core.transcript.srt import compose, parse

SRT = """1
00:00:01,000 --> 00:00:03,000
the practice of yog

2
00:00:03,000 --> 00:00:05,500
Lord kris hna said
to Arjuna
"""


def test_decisions_change_only_their_spans() -> None:
    transcript = parse(SRT, source="t.srt")
    decisions = [
        Decision(1, 16, 19, "yog", "yoga"),
        Decision(2, 5, 13, "kris hna", "Kṛṣṇa"),
    ]
    applied = apply_decisions(transcript, decisions)
    assert applied.transcript.texts == ["the practice of yoga", "Lord Kṛṣṇa said\nto Arjuna"]
    assert [s.timing for s in applied.transcript.segments] == [
        s.timing for s in transcript.segments
    ]
    assert [(c.segment, c.before, c.after, c.stage) for c in applied.changes] == [
        (1, "yog", "yoga", "review"),
        (2, "kris hna", "Kṛṣṇa", "review"),
    ]


def test_an_untouched_cue_renders_byte_identical() -> None:
    transcript = parse(SRT, source="t.srt")
    applied = apply_decisions(transcript, [Decision(1, 16, 19, "yog", "yoga")])
    before, after = compose(transcript).split("\n\n"), compose(applied.transcript).split("\n\n")
    assert before[1:] == after[1:]
    assert before[0] != after[0]


@pytest.mark.parametrize(
    ("decision", "message"),
    [
        (Decision(1, 16, 19, "yoga", "yoga"), "stale"),
        (Decision(3, 0, 1, "x", "y"), "the file has 2 cues"),
        (Decision(1, 16, 40, "yog", "yoga"), "19 characters long"),
    ],
)
def test_a_bad_decision_refuses_the_whole_set(decision: Decision, message: str) -> None:
    transcript = parse(SRT, source="t.srt")
    good = Decision(2, 5, 13, "kris hna", "Kṛṣṇa")
    with pytest.raises(DecisionError, match=message) as raised:
        apply_decisions(transcript, [good, decision])
    assert "decision 2" in str(raised.value)
    assert raised.value.exit_code == 2


def test_overlapping_decisions_are_refused() -> None:
    transcript = parse(SRT, source="t.srt")
    with pytest.raises(DecisionError, match=r"decision 2 .*overlaps decision 1"):
        apply_decisions(
            transcript,
            [Decision(2, 5, 13, "kris hna", "Kṛṣṇa"), Decision(2, 10, 13, "hna", "x")],
        )


def test_a_decision_from_json_is_checked_field_by_field() -> None:
    record = {"segment": 1, "span": [16, 19], "text": "yog", "replace": "yoga"}
    assert Decision.from_dict(record, number=1) == Decision(1, 16, 19, "yog", "yoga")
    with pytest.raises(DecisionError, match="decision 4: expected"):
        Decision.from_dict({"segment": "1", "span": [16, 19], "text": "yog"}, number=4)
