"""The state every tool reaches through the request context, built once in the lifespan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mcp.server.mcpserver import Context

from core.engine import Resources
from core.model.breaker import CircuitBreaker
from core.model.resilience import breaker_for
from core.settings import Settings
from server.batch.jobs import BatchJobs
from server.runtime.config_store import ConfigStore
from server.runtime.metrics import Metrics
from server.runtime.roots import AllowedRoots


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
    breakers: dict[str, CircuitBreaker] = field(default_factory=dict)

    def breaker(self, backend: str, *, timeout_s: float) -> CircuitBreaker:
        """The one breaker of a model backend, kept across calls so that it can open."""
        if backend not in self.breakers:
            self.breakers[backend] = breaker_for(backend, timeout_s=timeout_s)
        return self.breakers[backend]

    def roots(self, settings: Settings) -> AllowedRoots:
        return AllowedRoots.from_settings(settings.paths.allowed_roots, start_dir=self.start_dir)


ToolContext = Context[AppContext, Any]


def app_state(ctx: ToolContext) -> AppContext:
    """The lifespan's AppContext for this request."""
    return ctx.request_context.lifespan_context
