"""Model backends: the protocol the model stage calls, and the OpenAI-compatible client.

A backend answers one batch of questions ("these words in this segment look like Sanskrit
the rules could not settle") with suggestions. It raises ModelUnavailableError for faults
worth retrying (connection, 429, 5xx) and ModelAnswerError for answers it cannot read;
timeouts, retries and the circuit breaker are layered around it by core.model_resilience.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from importlib import resources
from typing import Protocol

import httpx

from core.errors import ShrutiError


class ModelError(ShrutiError):
    """A model call that gave no usable answer; the rule result stands."""


class ModelUnavailableError(ModelError):
    """A transient fault (network, 429, 5xx): worth retrying, after `retry_after` if given."""

    def __init__(
        self, message: str, *, status: int | None = None, retry_after: float | None = None
    ):
        self.status = status
        self.retry_after = retry_after
        super().__init__(message)


class ModelAnswerError(ModelError):
    """The backend answered, but not with the JSON the prompt asks for (never retried)."""


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


def default_prompt() -> str:
    """The system prompt shipped in prompts/model_correction.txt."""
    return resources.files("prompts").joinpath("model_correction.txt").read_text(encoding="utf-8")


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


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if value is None or not value.strip():
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class OpenAIBackend:
    """Any OpenAI-compatible /chat/completions endpoint (llama.cpp, vLLM, Ollama, hosted).

    The HTTP client is injected (its lifetime belongs to the caller); the API key is sent
    as a bearer token and never logged or included in an error message.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        base_url: str,
        model: str,
        api_key: str | None = None,
        prompt: str | None = None,
        json_mode: bool = True,
        max_tokens: int = 1024,
    ) -> None:
        self._http = http
        self._url = base_url.rstrip("/") + "/chat/completions"
        self._model = model
        self._api_key = api_key
        self._prompt = prompt if prompt is not None else default_prompt()
        self._json_mode = json_mode
        self._max_tokens = max_tokens

    @property
    def name(self) -> str:
        return "openai"

    def __repr__(self) -> str:
        return f"OpenAIBackend(url={self._url!r}, model={self._model!r})"

    async def correct(self, batch: Batch) -> Answer:
        payload: dict[str, object] = {
            "model": self._model,
            "messages": [
                {"role": "system", "content": self._prompt},
                {"role": "user", "content": render_batch(batch)},
            ],
            "temperature": 0,
            "max_tokens": self._max_tokens,
        }
        if self._json_mode:
            payload["response_format"] = {"type": "json_object"}
        headers = {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}
        try:
            response = await self._http.post(self._url, json=payload, headers=headers)
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as error:
            raise ModelUnavailableError(f"{self._url}: {type(error).__name__}") from error
        status = response.status_code
        if status == 429 or status >= 500:
            raise ModelUnavailableError(
                f"{self._url}: HTTP {status}",
                status=status,
                retry_after=parse_retry_after(response.headers.get("retry-after")),
            )
        if status >= 400:
            raise ModelError(f"{self._url}: HTTP {status}")
        return parse_answer(_message_content(response), batch)


def _message_content(response: httpx.Response) -> str:
    try:
        body = response.json()
        content = body["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise ModelAnswerError(
            f"not a chat-completions response ({type(error).__name__})"
        ) from None
    if not isinstance(content, str):
        raise ModelAnswerError("chat-completions message content is not text")
    return content
