"""Tests for the pipeline runner: order, records, protected spans, cancellation."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from core.pipeline import (
    PROGRESS_EVERY,
    Stage,
    StageOutput,
    Tick,
    no_tick,
    per_segment,
    run_pipeline,
)
from core.transcript.edits import Edit, Finding
from core.transcript.segments import Segment, Transcript


def transcript(*texts: str) -> Transcript:
    return Transcript(
        tuple(
            Segment(i, i, f"00:00:0{i},000 --> 00:00:0{i},500", i * 1000, i * 1000 + 500, t)
            for i, t in enumerate(texts, start=1)
        )
    )


def replace_word(old: str, new: str, source: str) -> Stage:
    def correct(text: str) -> list[Edit]:
        start = text.find(old)
        return [] if start < 0 else [Edit(start, start + len(old), new, source)]

    return Stage(source, per_segment(correct))


def test_stages_run_in_order_and_each_change_is_recorded() -> None:
    result = run_pipeline(
        transcript("um krishna", "nothing here"),
        [replace_word("um ", "", "normalize"), replace_word("krishna", "Kṛṣṇa", "terms")],
    )
    assert result.transcript.texts == ["Kṛṣṇa", "nothing here"]
    assert [(c.segment, c.stage, c.before, c.after, c.start) for c in result.corrections] == [
        (1, "normalize", "um ", "", 0),
        (1, "terms", "krishna", "Kṛṣṇa", 0),
    ]
    assert result.transcript.segments[0].timing == "00:00:01,000 --> 00:00:01,500"


def test_later_stages_keep_off_a_protected_span_that_earlier_edits_moved() -> None:
    def protect_verse(texts: Sequence[str], *, tick: Tick = no_tick) -> StageOutput:
        start = texts[0].index("mā phaleṣu")
        span = Finding(1, "verse_span", "BG 2.47", 1.0, start=start, end=start + 10)
        return StageOutput([[] for _ in texts], [span])

    result = run_pipeline(
        transcript("says mā phaleṣu ok"),
        [
            Stage("verses", protect_verse),
            replace_word("says", "said", "normalize"),  # shifts the span by 0
            replace_word("ok ", "", "noop"),
            replace_word("phaleṣu", "phalesu", "terms"),  # inside the span: dropped
            replace_word("said", "said so", "after"),
        ],
    )
    assert result.transcript.texts == ["said so mā phaleṣu ok"]
    assert {c.stage for c in result.corrections} == {"normalize", "after"}


def test_a_stop_request_between_stages_raises_before_any_result() -> None:
    with pytest.raises(InterruptedError):
        run_pipeline(transcript("x"), [replace_word("x", "y", "a")], should_stop=lambda: True)


def test_progress_is_heard_every_few_hundred_segments_within_each_stage() -> None:
    texts = [f"word {i}" for i in range(2 * PROGRESS_EVERY + 50)]
    heard: list[tuple[str, int]] = []
    run_pipeline(
        transcript(*texts),
        [replace_word("word", "w", "a"), replace_word("w", "v", "b")],
        progress=lambda where: heard.append((where.name, where.done)),
    )
    every = PROGRESS_EVERY
    assert heard == [
        ("a", 0),
        ("a", every),
        ("a", 2 * every),
        ("b", 0),
        ("b", every),
        ("b", 2 * every),
    ]


def test_a_stop_request_inside_a_stage_stops_it_within_a_few_hundred_segments() -> None:
    seen: list[str] = []

    def correct(text: str) -> list[Edit]:
        seen.append(text)
        return []

    asked = 0

    def should_stop() -> bool:
        nonlocal asked
        asked += 1
        return asked > 1  # let the stage start, then stop at its first tick

    texts = [str(i) for i in range(5 * PROGRESS_EVERY)]
    with pytest.raises(InterruptedError):
        run_pipeline(
            transcript(*texts), [Stage("a", per_segment(correct))], should_stop=should_stop
        )
    assert len(seen) == PROGRESS_EVERY
