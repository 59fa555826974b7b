"""The state every tool reaches through the request context, built once in the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mcp.server.mcpserver import Context

from core.engine import Resources
from core.settings import Settings
from server.batch.jobs import BatchJobs
from server.runtime.config_store import ConfigStore
from server.runtime.metrics import Metrics
from server.runtime.model_runtime import ModelRuntime
from server.runtime.result_cache import ResultCache
from server.runtime.roots import AllowedRoots
from server.runtime.turns import Turns
from tools.errors import tool_errors


@dataclass(frozen=True, slots=True)
class AppContext:
    """Shared server state (no globals): indexes, settings, store, metrics, batch jobs.

    `settings()` returns the settings to use for this call: a fresh object when the
    configuration store's version changed since the last call, so a running server picks
    up `shruti config set` without a restart.
    """

    resources: Resources
    settings: Callable[[], Settings]
    metrics: Metrics
    start_dir: Path
    store: ConfigStore
    batch: BatchJobs
    model: ModelRuntime
    """The process's model runtime: HTTP client, breakers and limit, shared by every call."""
    results: ResultCache = field(default_factory=ResultCache)
    """Recent results, so that later pages of corrections come from the same run."""
    turns: Turns = field(default_factory=lambda: Turns(2))
    """Heavy calls in progress at once (setting server.heavy_calls); the rest wait."""

    @asynccontextmanager
    async def heavy(self, settings: Settings) -> AsyncIterator[None]:
        """Hold a turn for a heavy call; a call that waits too long is a busy tool error."""
        server = settings.server
        with tool_errors():
            async with self.turns.turn(
                limit=server.heavy_calls, wait_s=server.busy_wait_s, queue=server.heavy_queue
            ):
                yield

    def roots(self, settings: Settings) -> AllowedRoots:
        return AllowedRoots.from_settings(settings.paths.allowed_roots, start_dir=self.start_dir)


ToolContext = Context[AppContext, Any]


def app_state(ctx: ToolContext) -> AppContext:
    """The lifespan's AppContext for this request."""
    return ctx.request_context.lifespan_context
