"""The model protocol: what the model stage asks a backend, and how answers are read.

A backend answers one batch of questions ("these words in this segment look like Sanskrit
the rules could not settle") with suggestions. It raises ModelUnavailableError for faults
worth retrying (connection, 429, 5xx) and ModelAnswerError for answers it cannot read;
timeouts, retries and the circuit breaker are layered around it by core.model.resilience.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Protocol

from core.errors import ModelAnswerError

_WORD = re.compile(r"\S+")


def word_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every whitespace-separated word, punctuation attached."""
    return [match.span() for match in _WORD.finditer(text)]


@dataclass(frozen=True, slots=True)
class Question:
    """One segment to ask about: its rule-corrected text and the words the rules doubt.

    `flagged_words` are indexes into word_spans(text); `verse` is a verse id the rules
    suspect (a partial recitation they did not restore).
    """

    segment: int
    text: str
    flagged_words: tuple[int, ...]
    verse: str | None = None

    @property
    def flagged(self) -> tuple[str, ...]:
        spans = word_spans(self.text)
        return tuple(self.text[slice(*spans[index])] for index in self.flagged_words)


@dataclass(frozen=True, slots=True)
class Batch:
    """A few questions sent together, with neighbouring segments as read-only context."""

    questions: tuple[Question, ...]
    context: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The model's text for one segment, and the verse it says the text belongs to."""

    segment: int
    text: str
    verse: str | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    suggestions: tuple[Suggestion, ...]


class ModelBackend(Protocol):
    """Anything that can answer a batch: an HTTP endpoint, MCP sampling, a test double."""

    @property
    def name(self) -> str: ...

    async def correct(self, batch: Batch) -> Answer: ...


def render_batch(batch: Batch) -> str:
    """The user message: the batch as JSON, the form the prompt describes."""
    payload = {
        "segments": [
            {"id": q.segment, "text": q.text, "flagged": list(q.flagged), "verse_hint": q.verse}
            for q in batch.questions
        ],
        "context": [{"id": segment, "text": text} for segment, text in batch.context],
    }
    return json.dumps(payload, ensure_ascii=False)


def _strip_fences(content: str) -> str:
    text = content.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
        text = text.rsplit("```", 1)[0]
    return text.strip()


def parse_answer(content: str, batch: Batch) -> Answer:
    """Read the model's JSON; keep only suggestions for segments that were asked about."""
    try:
        data = json.loads(_strip_fences(content))
    except json.JSONDecodeError as error:
        raise ModelAnswerError(f"answer is not JSON: {error.msg} at {error.pos}") from None
    items = data.get("corrections") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ModelAnswerError("answer has no 'corrections' list")
    asked = {question.segment for question in batch.questions}
    suggestions: list[Suggestion] = []
    for item in items:
        if not isinstance(item, dict):
            raise ModelAnswerError("a correction is not an object")
        segment, text, verse = item.get("id"), item.get("text"), item.get("verse")
        if not isinstance(segment, int) or not isinstance(text, str):
            raise ModelAnswerError("a correction lacks an integer 'id' or a string 'text'")
        if verse is not None and not isinstance(verse, str):
            raise ModelAnswerError("a correction's 'verse' is neither a string nor null")
        if segment in asked:
            suggestions.append(Suggestion(segment=segment, text=text, verse=verse or None))
    return Answer(tuple(suggestions))
