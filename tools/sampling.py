"""The `sampling` model backend: ask the calling agent's own model through MCP sampling.

Sampling needs a client that declared the capability and a back-channel to it (protocol
2025-11-25 sessions; on 2026-07-28 it is deprecated, SEP-2577, and the SDK raises
NoBackChannelError). Check `sampling_available(ctx)` first; any refusal becomes a
ModelError, so the model stage falls back to the rule result. Timeouts, retries and the
breaker are the model stage's (core.model.resilience), as for every backend.
"""

from __future__ import annotations

import warnings
from typing import Any

from mcp import MCPDeprecationWarning, MCPError
from mcp.server.mcpserver import Context
from mcp.types import SamplingMessage, TextContent

from core.errors import ModelAnswerError, ModelError
from core.model.protocol import Answer, Batch, parse_answer, render_batch
from server.runtime.openai_backend import default_prompt


def sampling_available(ctx: Context[Any, Any]) -> bool:
    """Whether this request's client declared the sampling capability."""
    capabilities = ctx.client_capabilities
    return capabilities is not None and capabilities.sampling is not None


class SamplingBackend:
    """One request's sampling channel, used as a ModelBackend for the model stage."""

    def __init__(
        self, ctx: Context[Any, Any], *, prompt: str | None = None, max_tokens: int = 1024
    ) -> None:
        self._ctx = ctx
        self._prompt = prompt if prompt is not None else default_prompt()
        self._max_tokens = max_tokens

    @property
    def name(self) -> str:
        return "sampling"

    async def correct(self, batch: Batch) -> Answer:
        message = SamplingMessage(
            role="user", content=TextContent(type="text", text=render_batch(batch))
        )
        try:
            with warnings.catch_warnings():
                # deliberate: sampling is deprecated in 2026-07-28 but most hosts still speak
                # 2025-11-25; the capability check above decides whether it is used at all
                warnings.simplefilter("ignore", MCPDeprecationWarning)
                result = await self._ctx.session.create_message(
                    [message],
                    max_tokens=self._max_tokens,
                    system_prompt=self._prompt,
                    temperature=0,
                    related_request_id=self._ctx.request_id,
                )
        except MCPError as error:
            raise ModelError(f"sampling refused: {error}") from error
        content = result.content
        if not isinstance(content, TextContent):
            raise ModelAnswerError(f"sampling answered with {content.type}, not text")
        return parse_answer(content.text, batch)
