"""The sampling backend through the SDK's in-process client: answers, errors, hangs."""

from __future__ import annotations

import json
import time
from typing import Any

import anyio
import pytest
from mcp import Client
from mcp.client.session import ClientRequestContext, SamplingFnT
from mcp.server.mcpserver import Context, MCPServer
from mcp.types import (
    INTERNAL_ERROR,
    CreateMessageRequestParams,
    CreateMessageResult,
    ErrorData,
    TextContent,
)

from core.model.resilience import RetryPolicy, breaker_for
from core.model.stage import ModelOptions, refine_with_model
from core.settings import Settings
from tests.support.one_doubt import FIXED, INDEXES, TEXT, rules_result
from tools.sampling import SamplingBackend, sampling_available

OPTIONS = ModelOptions(
    timeout_s=0.3,
    budget_s=1.0,
    retry=RetryPolicy(attempts=2, initial_s=0.01, max_s=0.02, jitter_s=0.0),
)


def build_server() -> MCPServer:
    server = MCPServer("sampling-test")

    @server.tool()
    async def refine(ctx: Context[Any, Any]) -> str:
        """Run the model stage on a fixed rule result through the client's own model."""
        if not sampling_available(ctx):
            return json.dumps({"sampling": False})
        refined = await refine_with_model(
            rules_result(),
            INDEXES,
            Settings(),
            SamplingBackend(ctx),
            breaker=breaker_for("sampling", timeout_s=OPTIONS.timeout_s),
            options=OPTIONS,
        )
        return json.dumps(
            {"texts": refined.result.transcript.texts, "model": refined.report.as_dict()}
        )

    return server


def fake_llm(*, fail: bool = False, hang: bool = False) -> SamplingFnT:
    async def answer(
        context: ClientRequestContext, params: CreateMessageRequestParams
    ) -> CreateMessageResult | ErrorData:
        if hang:
            await anyio.sleep_forever()
        if fail:
            return ErrorData(code=INTERNAL_ERROR, message="LLM quota exceeded")
        asked = json.loads(params.messages[0].content.text)  # type: ignore[union-attr]
        assert params.system_prompt is not None
        assert "strict JSON" in params.system_prompt
        corrections = [{"id": s["id"], "text": FIXED, "verse": None} for s in asked["segments"]]
        text = json.dumps({"corrections": corrections}, ensure_ascii=False)
        return CreateMessageResult(
            role="assistant", content=TextContent(type="text", text=text), model="fake"
        )

    return answer


async def call_refine(mode: str = "legacy", **client_options: Any) -> dict[str, Any]:
    async with Client(build_server(), mode=mode, **client_options) as client:
        result = await client.call_tool("refine", {})
    content = result.content[0]
    assert isinstance(content, TextContent)
    decoded: dict[str, Any] = json.loads(content.text)
    return decoded


async def test_answering_sampling_callback_corrects_the_segment() -> None:
    outcome = await call_refine(sampling_callback=fake_llm())
    assert outcome["texts"] == [FIXED]
    assert outcome["model"]["backend"] == "sampling"
    assert outcome["model"]["accepted"] == 1


async def test_erroring_sampling_callback_falls_back_to_the_rules() -> None:
    outcome = await call_refine(sampling_callback=fake_llm(fail=True))
    assert outcome["texts"] == [TEXT]
    assert outcome["model"]["fallbacks"] == 1
    assert outcome["model"]["failures"] == 1  # a refusal is not retried


@pytest.mark.slow
async def test_hanging_sampling_callback_falls_back_within_the_timeout() -> None:
    started = time.perf_counter()
    outcome = await call_refine(sampling_callback=fake_llm(hang=True))
    assert time.perf_counter() - started < OPTIONS.budget_s + 1.0
    assert outcome["texts"] == [TEXT]
    assert outcome["model"]["fallbacks"] == 1
    assert outcome["model"]["failures"] == OPTIONS.retry.attempts


async def test_client_without_sampling_is_not_asked() -> None:
    outcome = await call_refine()
    assert outcome == {"sampling": False}


async def test_without_a_back_channel_sampling_falls_back_to_the_rules() -> None:
    # protocol 2026-07-28 has no server-to-client requests: create_message is refused
    outcome = await call_refine("auto", sampling_callback=fake_llm())
    assert outcome["texts"] == [TEXT]
    assert outcome["model"]["fallbacks"] == 1
