"""Acceptance: the report flags a raw ASR lecture, and nothing of that kind after processing."""

from __future__ import annotations

from core.engine import process, term_options
from core.quality.report import validate
from core.settings import Settings
from core.transcript.srt import parse
from server.runtime.loader import load_resources
from tests.support.paths import LECTURE


def test_raw_lecture_terms_and_fillers_are_flagged_and_gone_after_processing() -> None:
    resources = load_resources()
    raw = parse(LECTURE.read_text(encoding="utf-8"), source=str(LECTURE))

    terms = resources.term_matcher(term_options(Settings()))
    before = validate(raw, terms=terms, verses=resources.verses, english=resources.english)
    flagged = {i.suggestion for i in before.issues if i.code == "unrestored_term"}
    assert {"Kṛṣṇa", "Bhagavad Gītā"} <= flagged
    assert before.count("filler") >= 3

    processed = process(raw, resources, Settings()).transcript
    after = validate(processed, terms=terms, verses=resources.verses, english=resources.english)
    leftover = [i.message for i in after.issues if i.code in ("unrestored_term", "filler")]
    assert leftover == []
    assert after.score > before.score


def test_a_word_the_terms_stage_leaves_on_purpose_is_not_an_unrestored_term() -> None:
    """Issue 19: "brahma" beside "ātmā" is brahman (neuter), not the god Brahmā; the check
    and the correction share the terms stage's judgement, so neither writes or asks Brahmā."""
    resources = load_resources()
    text = "1\n00:00:01,000 --> 00:00:04,000\nayam ātmā brahma, says the upanishad\n"
    terms = resources.term_matcher(term_options(Settings()))
    report = validate(parse(text), terms=terms, verses=resources.verses)
    assert "Brahmā" not in {issue.suggestion for issue in report.issues}
    processed = process(parse(text), resources, Settings()).transcript
    assert "ātmā brahma" in processed.texts[0]
    assert validate(processed, terms=terms).count("unrestored_term") == 0
