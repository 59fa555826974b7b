"""The OpenAI-compatible backend against a real loopback server, and answer parsing."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest

from core.errors import ModelAnswerError, ModelUnavailableError
from core.model.protocol import Batch, Question, parse_answer, render_batch
from server.runtime.openai_backend import OpenAIBackend, default_prompt, parse_retry_after
from tests.support.fake_openai import Oracle, fake_openai

TEXT = "the lord says karmanye vadhikaraste ma phaleshu kadachana"
BATCH = Batch(
    questions=(Question(segment=3, text=TEXT, flagged_words=(3, 4, 5, 6, 7), verse="BG 2.47"),),
    context=((2, "krishna tells arjuna"), (4, "so act")),
)
ORACLE = {TEXT: Oracle("the lord says karmaṇy evādhikāras te mā phaleṣu kadācana", "BG 2.47")}


def backend_for(
    http: httpx.AsyncClient, base_url: str, *, api_key: str | None = None
) -> OpenAIBackend:
    return OpenAIBackend(http, base_url=base_url, model="test-model", api_key=api_key)


async def test_backend_returns_the_servers_suggestion_for_each_asked_segment() -> None:
    with fake_openai("good", ORACLE) as fake:
        async with httpx.AsyncClient() as http:
            answer = await backend_for(http, fake.base_url).correct(BATCH)
    (suggestion,) = answer.suggestions
    assert suggestion.segment == 3
    assert suggestion.text == ORACLE[TEXT].text
    assert suggestion.verse == "BG 2.47"
    sent = fake.state.requests[0]
    assert sent["model"] == "test-model"
    assert sent["response_format"] == {"type": "json_object"}


async def test_backend_sends_the_api_key_as_bearer_but_never_shows_it() -> None:
    with fake_openai("500") as fake:
        async with httpx.AsyncClient() as http:
            backend = backend_for(http, fake.base_url, api_key="sk-secret-123")
            with pytest.raises(ModelUnavailableError) as raised:
                await backend.correct(BATCH)
    assert fake.state.authorizations == ["Bearer sk-secret-123"]
    assert "sk-secret" not in str(raised.value)
    assert "sk-secret" not in repr(backend)


async def test_server_errors_and_rate_limits_are_transient_with_retry_after() -> None:
    with fake_openai("429", retry_after="7") as fake:
        async with httpx.AsyncClient() as http:
            with pytest.raises(ModelUnavailableError) as raised:
                await backend_for(http, fake.base_url).correct(BATCH)
    assert raised.value.status == 429
    assert raised.value.retry_after == 7.0


async def test_closed_port_is_a_transient_fault() -> None:
    with fake_openai("down") as fake:
        async with httpx.AsyncClient() as http:
            with pytest.raises(ModelUnavailableError):
                await backend_for(http, fake.base_url).correct(BATCH)


async def test_prose_instead_of_json_is_an_answer_error() -> None:
    with fake_openai("malformed") as fake:
        async with httpx.AsyncClient() as http:
            with pytest.raises(ModelAnswerError):
                await backend_for(http, fake.base_url).correct(BATCH)


def test_user_message_carries_segments_flagged_words_and_context() -> None:
    payload = json.loads(render_batch(BATCH))
    assert payload["segments"] == [
        {
            "id": 3,
            "text": TEXT,
            "flagged": ["karmanye", "vadhikaraste", "ma", "phaleshu", "kadachana"],
            "verse_hint": "BG 2.47",
        }
    ]
    assert [item["id"] for item in payload["context"]] == [2, 4]


def test_prompt_asks_for_strict_json() -> None:
    assert "strict JSON" in default_prompt()


def test_parse_answer_accepts_code_fences_and_drops_segments_not_asked() -> None:
    content = '```json\n{"corrections": [{"id": 3, "text": "x", "verse": null},'
    content += ' {"id": 9, "text": "y"}]}\n```'
    answer = parse_answer(content, BATCH)
    assert [(s.segment, s.text, s.verse) for s in answer.suggestions] == [(3, "x", None)]


@pytest.mark.parametrize(
    "content",
    [
        "[]",
        '{"corrections": {}}',
        '{"corrections": ["text"]}',
        '{"corrections": [{"id": "3", "text": "x"}]}',
        '{"corrections": [{"id": 3, "text": "x", "verse": 2}]}',
    ],
)
def test_parse_answer_rejects_answers_of_the_wrong_shape(content: str) -> None:
    with pytest.raises(ModelAnswerError):
        parse_answer(content, BATCH)


def test_retry_after_reads_seconds_and_http_dates() -> None:
    now = datetime(2026, 11, 22, 8, 0, 0, tzinfo=UTC)
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("Sun, 22 Nov 2026 08:00:05 GMT", now=now) == 5.0
    assert parse_retry_after("Sun, 22 Nov 2026 07:00:00 GMT", now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
