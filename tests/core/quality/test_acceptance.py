"""Acceptance: the report flags a raw ASR lecture, and nothing of that kind after processing."""

from __future__ import annotations

from core.engine import process
from core.quality.report import validate
from core.settings import Settings
from core.transcript.srt import parse
from server.runtime.loader import load_resources
from tests.support.paths import LECTURE


def test_raw_lecture_terms_and_fillers_are_flagged_and_gone_after_processing() -> None:
    resources = load_resources()
    raw = parse(LECTURE.read_text(encoding="utf-8"), source=str(LECTURE))

    before = validate(
        raw, lexicon=resources.lexicon, verses=resources.verses, english=resources.english
    )
    flagged = {i.suggestion for i in before.issues if i.code == "unrestored_term"}
    assert {"Kṛṣṇa", "Bhagavad Gītā"} <= flagged
    assert before.count("filler") >= 3

    processed = process(raw, resources, Settings()).transcript
    after = validate(
        processed, lexicon=resources.lexicon, verses=resources.verses, english=resources.english
    )
    leftover = [i.message for i in after.issues if i.code in ("unrestored_term", "filler")]
    assert leftover == []
    assert after.score > before.score
