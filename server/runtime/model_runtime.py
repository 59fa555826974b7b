"""The model runtime of a process: one HTTP client (a connection pool), one circuit breaker
per backend endpoint and one limit on calls in flight, created once and closed at exit.

Every transcript a process corrects (a CLI run, each batch worker, the MCP server) asks
through it, so a breaker opened on file 3 is still open for file 4 and costs it no model
time; half-open probes decide when the endpoint is tried again.

`--model` / the mode:
off       the rule result, untouched (no model report)
auto      ask the configured backend (model.backend) if there is one; on any failure the
          rule result stands, and the report says why
required  as auto, but raise ModelRequiredError (exit 3) when no backend is configured or
          when there were segments to ask about and no model answered
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass

import anyio
import httpx
from anyio.from_thread import BlockingPortal, start_blocking_portal

from core.engine import ProcessResult
from core.errors import ModelRequiredError
from core.model.breaker import BreakerSnapshot, CircuitBreaker
from core.model.protocol import ModelBackend
from core.model.resilience import breaker_for
from core.model.stage import Indexes, ModelOptions, Refined, refine_with_model
from core.settings import ModelSettings, Settings
from server.runtime.model_mode import ModelMode
from server.runtime.openai_backend import OpenAIBackend

POOL = httpx.Limits(max_connections=16, max_keepalive_connections=8, keepalive_expiry=30.0)


class ModelRuntime:
    """What a process keeps between transcripts: the HTTP client, the breakers, the limit."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        clock: Callable[[], float] = time.monotonic,
        options: Callable[[Settings], ModelOptions] = ModelOptions.from_settings,
    ) -> None:
        self._http = http
        self._clock = clock
        self._options = options
        self._breakers: dict[str, CircuitBreaker] = {}
        self._limiter: anyio.CapacityLimiter | None = None

    @classmethod
    @asynccontextmanager
    async def open(
        cls,
        *,
        clock: Callable[[], float] = time.monotonic,
        options: Callable[[Settings], ModelOptions] = ModelOptions.from_settings,
    ) -> AsyncIterator[ModelRuntime]:
        """A runtime whose HTTP client is closed when the block ends."""
        async with httpx.AsyncClient(limits=POOL) as http:
            yield cls(http, clock=clock, options=options)

    def breaker(self, name: str, *, timeout_s: float) -> CircuitBreaker:
        """The one breaker of a backend endpoint, made on first use."""
        if name not in self._breakers:
            self._breakers[name] = breaker_for(name, timeout_s=timeout_s, clock=self._clock)
        return self._breakers[name]

    def breakers(self) -> dict[str, BreakerSnapshot]:
        """Every breaker's state now, for metrics."""
        return {name: breaker.snapshot() for name, breaker in self._breakers.items()}

    def limiter(self, max_concurrency: int) -> anyio.CapacityLimiter:
        """The process-wide limit on model calls in flight (resized when the setting is)."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(max_concurrency)
        elif self._limiter.total_tokens != max_concurrency:
            self._limiter.total_tokens = max_concurrency
        return self._limiter

    def backend(self, model: ModelSettings) -> ModelBackend | None:
        """The configured HTTP backend over the shared client (None: none configured)."""
        if model.backend != "openai":
            return None
        api_key = model.api_key.get_secret_value() if model.api_key is not None else None
        return OpenAIBackend(
            self._http,
            base_url=model.base_url,
            model=model.name,
            api_key=api_key,
            timeout_s=model.timeout_s,
        )

    async def refine(
        self,
        result: ProcessResult,
        resources: Indexes,
        settings: Settings,
        *,
        mode: ModelMode,
        backend: ModelBackend | None = None,
    ) -> Refined | None:
        """The model stage as `mode` says; None when it did not run. `backend` overrides
        the configured one (MCP sampling through the calling agent)."""
        if mode is ModelMode.OFF:
            return None
        model = settings.model
        backend = backend or self.backend(model)
        if backend is None:
            if mode is ModelMode.REQUIRED:
                raise ModelRequiredError(
                    f"--model required, but model.backend is {model.backend!r}: set "
                    "model.backend=openai and model.base_url (sampling needs an MCP client)"
                )
            return None
        name = backend.name if backend.name != "openai" else f"openai {model.base_url}"
        breaker = self.breaker(name, timeout_s=model.timeout_s)
        refined = await refine_with_model(
            result,
            resources,
            settings,
            backend,
            breaker=breaker,
            options=self._options(settings),
            limiter=self.limiter(model.max_concurrency),
        )
        report = refined.report
        if mode is ModelMode.REQUIRED and report.segments and not report.answered:
            raise ModelRequiredError(
                f"--model required, but no model answered ({backend.name} at {model.base_url}: "
                f"{report.stats.failures} failed calls, breaker {breaker.state.value}); "
                "rerun with --model auto to keep the rule result"
            )
        return refined


@dataclass(frozen=True, slots=True)
class BlockingModelRuntime:
    """A model runtime for synchronous callers (the CLI, a batch worker): it lives in an
    event loop on a thread of its own, for as long as the `running()` block."""

    portal: BlockingPortal
    runtime: ModelRuntime

    @classmethod
    @contextmanager
    def running(cls) -> Iterator[BlockingModelRuntime]:
        with (
            start_blocking_portal() as portal,
            portal.wrap_async_context_manager(ModelRuntime.open()) as runtime,
        ):
            yield cls(portal, runtime)
