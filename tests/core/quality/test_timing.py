"""Timing checks: each code fires on a minimal SRT that breaks its rule, and only then."""

from __future__ import annotations

from core.quality.report import QualityReport, validate
from core.transcript.srt import cue_lines, parse


def _clock(ms: int) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def _srt(*cues: tuple[int, int, int, str]) -> str:
    return "\n".join(
        f"{number}\n{_clock(start)} --> {_clock(end)}\n{text}\n"
        for number, start, end, text in cues
    )


def _report(text: str, profile: str = "netflix") -> QualityReport:
    return validate(parse(text), profile=profile, lines=cue_lines(text))


def _codes(text: str, profile: str = "netflix") -> list[str]:
    return [issue.code for issue in _report(text, profile).issues]


def test_overlap_is_reported_when_a_cue_starts_before_the_previous_ends() -> None:
    text = _srt((1, 1000, 3000, "Hello there."), (2, 2500, 4000, "And again."))
    report = _report(text)
    assert [(i.code, i.segment, i.line) for i in report.issues] == [("overlap", 2, 6)]
    assert report.issues[0].severity == "error"


def test_overlap_is_not_reported_for_cues_apart() -> None:
    text = _srt((1, 1000, 3000, "Hello there."), (2, 3200, 4500, "And again."))
    assert "overlap" not in _codes(text)


def test_negative_duration_is_reported_when_the_end_is_not_after_the_start() -> None:
    text = _srt((1, 2000, 2000, "Hello there."), (2, 3000, 1500, "Back in time."))
    issues = [i for i in _report(text).issues if i.code == "negative_duration"]
    assert [(i.segment, i.line) for i in issues] == [(1, 2), (2, 6)]


def test_negative_duration_is_not_reported_for_a_forward_cue() -> None:
    assert "negative_duration" not in _codes(_srt((1, 1000, 2500, "Hello there.")))


def test_too_short_is_reported_below_five_sixths_of_a_second_on_netflix() -> None:
    assert _codes(_srt((1, 1000, 1800, "Yes."))) == ["too_short"]


def test_too_short_is_not_reported_for_a_one_second_cue() -> None:
    assert _codes(_srt((1, 1000, 2000, "Yes."))) == []


def test_too_short_uses_the_subtitle_edit_minimum_of_one_second() -> None:
    assert _codes(_srt((1, 1000, 1900, "Yes.")), "subtitle-edit") == ["too_short"]
    assert _codes(_srt((1, 1000, 1900, "Yes."))) == []


def test_too_long_is_reported_above_seven_seconds_on_netflix() -> None:
    text = _srt((1, 0, 7500, "Hello there."))
    assert _codes(text) == ["too_long"]
    assert _codes(text, "subtitle-edit") == []


def test_too_long_is_not_reported_for_a_six_second_cue() -> None:
    assert "too_long" not in _codes(_srt((1, 0, 6000, "Hello there.")))


def test_gap_too_small_is_reported_below_two_frames_on_netflix_only() -> None:
    text = _srt((1, 1000, 3000, "Hello there."), (2, 3040, 4500, "And again."))
    assert _codes(text) == ["gap_too_small"]
    assert _codes(text, "subtitle-edit") == []


def test_gap_too_small_is_not_reported_for_a_tenth_of_a_second() -> None:
    text = _srt((1, 1000, 3000, "Hello there."), (2, 3100, 4500, "And again."))
    assert _codes(text) == []


def test_reading_speed_is_reported_above_twenty_characters_a_second() -> None:
    text = _srt((1, 1000, 3000, "This line has far too many words for two seconds."))
    issues = [i for i in _report(text).issues if i.code == "reading_speed"]
    assert len(issues) == 1
    assert "24.5 characters per second" in issues[0].message
    assert issues[0].suggestion == "shorten the text or show it for at least 2450 ms"


def test_reading_speed_is_not_reported_at_a_comfortable_pace() -> None:
    text = _srt((1, 1000, 4000, "This line has many words for three."))
    assert "reading_speed" not in _codes(text)


def test_bad_numbering_is_reported_for_a_skipped_number_only() -> None:
    text = _srt((1, 1000, 2000, "One."), (3, 2500, 3500, "Three."), (4, 4000, 5000, "Four."))
    issues = _report(text).issues
    assert [(i.code, i.segment, i.line, i.suggestion) for i in issues] == [
        ("bad_numbering", 2, 5, "renumber it 2")
    ]


def test_bad_numbering_is_not_reported_for_numbers_from_one() -> None:
    text = _srt((1, 1000, 2000, "One."), (2, 2500, 3500, "Two."))
    assert _codes(text) == []


def test_out_of_order_is_reported_instead_of_an_overlap() -> None:
    text = _srt((1, 5000, 6000, "Later."), (2, 1000, 2000, "Earlier."))
    assert _codes(text) == ["out_of_order"]


def test_out_of_order_is_not_reported_for_sorted_cues() -> None:
    text = _srt((1, 1000, 2000, "Earlier."), (2, 5000, 6000, "Later."))
    assert "out_of_order" not in _codes(text)
