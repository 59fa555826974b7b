"""The model stage on the real engine's output, with the packaged indexes and a real server."""

from __future__ import annotations

import httpx

from core.engine import ProcessResult, process
from core.model.protocol import word_spans
from core.model.resilience import breaker_for
from core.model.stage import refine_with_model, select_questions
from core.model.validation import Checks
from core.settings import Settings
from core.transcript.segments import Segment, Transcript
from server.runtime.loader import load_resources
from server.runtime.openai_backend import OpenAIBackend
from tests.support.fake_openai import Oracle, fake_openai
from tests.support.lectures import MODEL_LECTURE as LECTURE


def diacritize(word: str) -> str:
    """A stand-in for a model's spelling fix: plausible IAST within the edit bound."""
    return word.replace("sh", "ś") if "sh" in word else word.replace("a", "ā", 1)


def rules() -> ProcessResult:
    segments = tuple(
        Segment(i, i, f"00:00:{i:02d},000 --> 00:00:{i:02d},900", i * 1000, i * 1000 + 900, text)
        for i, text in enumerate(LECTURE, 1)
    )
    return process(Transcript(segments), load_resources(), Settings())


async def test_model_answers_change_only_the_words_the_engine_left_uncertain() -> None:
    resources, settings, result = load_resources(), Settings(), rules()
    checks = Checks(verses=resources.verses, english=resources.english)
    questions = select_questions(result, checks)
    assert questions, "the sample lecture should leave at least one word uncertain"
    oracle = {}
    for question in questions:
        spans = word_spans(question.text)
        words = [question.text[slice(*span)] for span in spans]
        for index in question.flagged_words:
            words[index] = diacritize(words[index])
        oracle[question.text] = Oracle(" ".join(words))
    with fake_openai("good", oracle) as fake:
        async with httpx.AsyncClient() as http:
            backend = OpenAIBackend(http, base_url=fake.base_url, model="fake")
            refined = await refine_with_model(
                result, resources, settings, backend, breaker=breaker_for("openai", timeout_s=5)
            )
    model = refined.report.as_dict()
    assert model["accepted"] == len(questions)
    assert model["fallbacks"] == 0
    asked = {question.segment: question for question in questions}
    for position, (before, after) in enumerate(
        zip(result.transcript.texts, refined.result.transcript.texts, strict=True), 1
    ):
        if position not in asked:
            assert after == before
            continue
        flagged = set(asked[position].flagged)
        changed = [
            old for old, new in zip(before.split(), after.split(), strict=True) if old != new
        ]
        assert set(changed) <= flagged
    model_edits = [c for c in refined.result.corrections if c.stage == "model"]
    assert len(model_edits) >= model["accepted"]
