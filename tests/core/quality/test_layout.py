"""Layout checks: line length, line count, empty cues and stray markup."""

from __future__ import annotations

from core.quality.report import QualityReport, validate
from core.transcript.srt import cue_lines, parse


def _srt(*texts: str) -> str:
    return "\n".join(
        f"{n}\n00:00:{5 * n:02d},000 --> 00:00:{5 * n + 4:02d},500\n{text}\n"
        for n, text in enumerate(texts, start=1)
    )


def _report(text: str, profile: str = "netflix") -> QualityReport:
    return validate(parse(text), profile=profile, lines=cue_lines(text))


def _codes(text: str, profile: str = "netflix") -> list[str]:
    return [issue.code for issue in _report(text, profile).issues]


FORTY_THREE = "a" * 20 + " " + "b" * 22


def test_line_too_long_is_reported_on_the_file_line_of_the_long_line() -> None:
    text = _srt("Short line.\n" + FORTY_THREE)
    report = _report(text)
    assert [(i.code, i.segment, i.line) for i in report.issues] == [("line_too_long", 1, 4)]
    assert "43 characters" in report.issues[0].message


def test_line_too_long_allows_forty_three_characters_on_subtitle_edit() -> None:
    assert _codes(_srt(FORTY_THREE), "subtitle-edit") == []


def test_line_too_long_does_not_count_italic_tags() -> None:
    assert _codes(_srt("<i>" + "a" * 42 + "</i>")) == []


def test_too_many_lines_is_reported_for_three_lines() -> None:
    report = _report(_srt("One.\nTwo.\nThree."))
    assert [(i.code, i.line) for i in report.issues] == [("too_many_lines", 5)]


def test_too_many_lines_is_not_reported_for_two_lines() -> None:
    assert _codes(_srt("One.\nTwo.")) == []


def test_empty_text_is_reported_for_a_cue_without_text_or_with_only_tags() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\n<i></i>\n"
    report = _report(text)
    assert [(i.code, i.segment, i.line, i.severity) for i in report.issues] == [
        ("empty_text", 1, 1, "error"),
        ("empty_text", 2, 4, "error"),
    ]


def test_empty_text_is_not_reported_for_a_cue_with_words() -> None:
    assert _codes(_srt("Words.")) == []


def test_markup_is_reported_for_an_unclosed_italic_tag() -> None:
    report = _report(_srt("<i>Never closed."))
    assert [(i.code, i.suggestion) for i in report.issues] == [("markup", "add </i>")]


def test_markup_is_reported_for_overrides_font_tags_and_stray_closers() -> None:
    text = _srt("{\\an8}At the top.", '<font color="red">Red</font>', "Stray</b> closer.")
    report = _report(text)
    assert [(i.code, i.segment) for i in report.issues] == [
        ("markup", 1),
        ("markup", 2),
        ("markup", 2),
        ("markup", 3),
    ]


def test_markup_is_not_reported_for_balanced_italics_over_two_lines() -> None:
    assert _codes(_srt("<i>Spoken off screen,\nstill italic.</i>")) == []
