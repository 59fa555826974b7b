"""`--model off|auto|required`: build the configured backend and run the model stage.

off       the rule result, untouched (summary.model stays None)
auto      ask the configured backend (model.backend) if there is one; on any failure the
          rule result stands, and summary.model says why
required  as auto, but raise ModelRequiredError (the CLI exits 3) when no backend is
          configured or when there were segments to ask about and no model answered
"""

from __future__ import annotations

import anyio
import httpx

from core.engine import ProcessResult
from core.errors import ModelRequiredError
from core.model.breaker import CircuitBreaker
from core.model.protocol import ModelBackend
from core.model.resilience import breaker_for
from core.model.stage import Indexes, ModelOptions, refine_with_model
from core.settings import Settings
from server.runtime.model_mode import ModelMode
from server.runtime.openai_backend import OpenAIBackend


async def refine_with_mode(
    result: ProcessResult,
    resources: Indexes,
    settings: Settings,
    *,
    mode: ModelMode,
    backend: ModelBackend | None = None,
    breaker: CircuitBreaker | None = None,
    options: ModelOptions | None = None,
) -> ProcessResult:
    """Apply the model stage as `mode` says; `backend` defaults to the configured one."""
    if mode is ModelMode.OFF:
        return result
    model = settings.model
    if backend is None and model.backend == "openai":
        async with httpx.AsyncClient(timeout=httpx.Timeout(model.timeout_s)) as http:
            api_key = model.api_key.get_secret_value() if model.api_key is not None else None
            openai = OpenAIBackend(http, base_url=model.base_url, model=model.name, api_key=api_key)
            return await refine_with_mode(
                result,
                resources,
                settings,
                mode=mode,
                backend=openai,
                breaker=breaker,
                options=options,
            )
    if backend is None:
        if mode is ModelMode.REQUIRED:
            raise ModelRequiredError(
                f"--model required, but model.backend is {model.backend!r}: "
                "set model.backend=openai and model.base_url (sampling needs an MCP client)"
            )
        return result
    refined = await refine_with_model(
        result,
        resources,
        settings,
        backend,
        breaker=breaker or breaker_for(backend.name, timeout_s=model.timeout_s),
        options=options,
    )
    report = refined.summary.model or {}
    if mode is ModelMode.REQUIRED and report.get("segments") and not report.get("answered_batches"):
        breaker_state = (report.get("breaker") or {}).get("state")
        raise ModelRequiredError(
            f"--model required, but no model answered ({backend.name} at {model.base_url}: "
            f"{report.get('failures')} failed calls, breaker {breaker_state}); "
            "rerun with --model auto to keep the rule result"
        )
    return refined


def run_with_model(
    result: ProcessResult, resources: Indexes, settings: Settings, *, mode: ModelMode
) -> ProcessResult:
    """The synchronous entry point the CLI calls after the rule stages."""
    if mode is ModelMode.OFF:
        return result

    async def main() -> ProcessResult:
        return await refine_with_mode(result, resources, settings, mode=mode)

    return anyio.run(main)
