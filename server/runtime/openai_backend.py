"""The OpenAI-compatible chat-completions backend (llama.cpp, vLLM, Ollama, hosted APIs)."""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from importlib import resources

import httpx

from core.errors import ModelAnswerError, ModelError, ModelUnavailableError
from core.model.protocol import Answer, Batch, parse_answer, render_batch


@functools.cache
def default_prompt() -> str:
    """The system prompt shipped in prompts/model_correction.txt."""
    return resources.files("prompts").joinpath("model_correction.txt").read_text(encoding="utf-8")


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
        timeout_s: float | None = None,
    ) -> None:
        self._http = http
        self._timeout = httpx.Timeout(timeout_s) if timeout_s is not None else None
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
            if self._timeout is None:
                response = await self._http.post(self._url, json=payload, headers=headers)
            else:
                response = await self._http.post(
                    self._url, json=payload, headers=headers, timeout=self._timeout
                )
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
