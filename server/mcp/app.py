"""The MCP server: tools, resources and prompts registered in one place; state in the lifespan."""

from __future__ import annotations

import functools
import json
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import unquote

import anyio.to_thread
from mcp.server import MCPServer
from mcp.server.auth.settings import AuthSettings
from mcp.server.context import CallNext, HandlerResult, ServerMiddleware, ServerRequestContext
from mcp.server.mcpserver.exceptions import ResourceNotFoundError
from mcp.server.mcpserver.prompts import Prompt
from pydantic import BaseModel, Field

from core.engine import Resources
from core.errors import UsageError
from core.settings import Settings
from prompts import render_prompt
from server.batch.jobs import REGISTRY_NAME, BatchJobs
from server.mcp.auth import SCOPE, StaticTokenVerifier
from server.mcp.strict import StrictServer
from server.runtime.config_store import ConfigStore, default_store_path
from server.runtime.metrics import Metrics
from server.runtime.model_runtime import ModelRuntime
from server.runtime.roots import AllowedRoots
from server.runtime.state import RuntimeHolder, load_store_settings, resources_for, verse_pack_dirs
from server.runtime.version import package_version
from tools import (
    apply_corrections,
    batch_status,
    lookup_term,
    process_batch,
    process_transcript,
    rollback_config,
    update_config,
    validate_quality,
)
from tools.context import AppContext, ToolContext, app_state

__all__ = ["AppContext", "build_server"]

NAME = "shruti"
INSTRUCTIONS = (
    "Śruti restores Sanskrit in ASR subtitles of Yoga and Vedānta lectures. "
    "Start with process_transcript (dry_run=true to preview); decide the uncertain spans it "
    "reports (lookup_term helps) and apply the decisions with apply_corrections; check the "
    "result with validate_quality. Files are read and written only "
    "inside the server's allowed roots (read roots://allowed). Settings change with "
    "update_config and are undone "
    "with rollback_config; see config://current and config://history."
)


def build_server(
    *,
    start_dir: Path | None = None,
    store_path: Path | None = None,
    token: str | None = None,
    public_url: str = "http://127.0.0.1:8765/mcp",
    load: Callable[[], Resources] | None = None,
) -> MCPServer[AppContext]:
    """The Śruti MCP server. Heavy state (indexes) is loaded once, in the lifespan.

    `token` turns on bearer authentication for the HTTP transports; `public_url` is the
    URL clients use, advertised in the 401 answer's resource metadata. `load` builds the
    indexes (tests pass one that reuses indexes already built).
    """
    root = (start_dir or Path.cwd()).resolve()
    store = ConfigStore(store_path or default_store_path())
    _check_state_dir(store.path.parent)
    metrics = Metrics()
    if load is None:
        at_start = load_store_settings(store.path)[1]
        verse_pack_dirs(at_start)  # a missing verse pack is a usage error now, not mid-serve
        load = functools.partial(resources_for, at_start)
    # The SSE transport runs the lifespan once per connection; the indexes are built once.
    load_once = functools.cache(load)
    shared_model = SharedModelRuntime()

    @asynccontextmanager
    async def lifespan(_: MCPServer[AppContext]) -> AsyncIterator[AppContext]:
        resources = await anyio.to_thread.run_sync(load_once)
        holder = RuntimeHolder(resources, store_path=store.path)

        def settings() -> Settings:
            return holder.runtime().settings

        batch = BatchJobs(store.path.parent / REGISTRY_NAME, settings=settings)
        await anyio.to_thread.run_sync(batch.resume_unfinished)
        try:
            async with shared_model.use() as model:
                yield AppContext(
                    resources=resources,
                    settings=settings,
                    metrics=metrics,
                    start_dir=root,
                    store=holder.store,
                    batch=batch,
                    model=model,
                )
        finally:
            await anyio.to_thread.run_sync(batch.close)

    auth = None
    if token:
        auth = AuthSettings(
            issuer_url=public_url,
            resource_server_url=public_url,
            required_scopes=[SCOPE],
            # A static shared secret has no audience to check against resource_server_url.
            validate_token_resource=False,
        )
    server: MCPServer[AppContext] = StrictServer(
        NAME,
        title="Śruti",
        instructions=INSTRUCTIONS,
        version=package_version(),
        lifespan=lifespan,
        log_level="WARNING",
        token_verifier=StaticTokenVerifier(token) if token else None,
        auth=auth,
        middleware=[_metrics_middleware(metrics)],
    )
    _register_tools(server)
    _register_resources(server, store, metrics, shared_model, root, load_once)
    _register_prompts(server)
    return server


class SharedModelRuntime:
    """One model runtime for the whole server: the SSE transport runs the lifespan once per
    connection, and every connection must share the breakers, the pool and the limit.
    Opened by the first lifespan, closed when the last one ends."""

    def __init__(self) -> None:
        self.current: ModelRuntime | None = None
        self._users = 0
        self._stack: AsyncExitStack | None = None

    @asynccontextmanager
    async def use(self) -> AsyncIterator[ModelRuntime]:
        if self.current is None:
            stack = AsyncExitStack()
            self.current = await stack.enter_async_context(ModelRuntime.open())
            self._stack = stack
        self._users += 1
        try:
            yield self.current
        finally:
            self._users -= 1
            if self._users == 0 and self._stack is not None:
                stack, self._stack, self.current = self._stack, None, None
                await stack.aclose()


def _check_state_dir(folder: Path) -> None:
    """Refuse to start, naming the folder, when the state dir cannot be written: the store and
    the batch registry live there, and a failure inside the lifespan would be an opaque crash."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise UsageError(
            f"state directory {folder} is not writable ({error.strerror or error}); "
            "set SHRUTI_HOME to a writable directory"
        ) from None


def _register_tools(server: MCPServer[AppContext]) -> None:
    server.add_tool(
        process_transcript.process_transcript, annotations=process_transcript.ANNOTATIONS
    )
    server.add_tool(apply_corrections.apply_corrections, annotations=apply_corrections.ANNOTATIONS)
    server.add_tool(lookup_term.lookup_term, annotations=lookup_term.ANNOTATIONS)
    server.add_tool(validate_quality.validate_quality, annotations=validate_quality.ANNOTATIONS)
    server.add_tool(update_config.update_config, annotations=update_config.ANNOTATIONS)
    server.add_tool(rollback_config.rollback_config, annotations=rollback_config.ANNOTATIONS)
    server.add_tool(process_batch.process_batch, annotations=process_batch.ANNOTATIONS)
    server.add_tool(batch_status.batch_status, annotations=batch_status.ANNOTATIONS)


def _register_resources(
    server: MCPServer[AppContext],
    store: ConfigStore,
    metrics: Metrics,
    shared_model: SharedModelRuntime,
    start_dir: Path,
    indexes: Callable[[], Resources],
) -> None:
    @server.resource(
        "config://current",
        mime_type="application/json",
        description="The active configuration version: number, author, reason and every setting.",
    )
    async def current_config() -> str:
        current = await anyio.to_thread.run_sync(store.current)
        return _json({**current.summary(), "config": current.config})

    @server.resource(
        "config://history",
        mime_type="application/json",
        description="Every configuration version, oldest first, with what changed and why.",
    )
    async def config_history() -> str:
        versions = await anyio.to_thread.run_sync(store.history)
        return _json({"versions": [version.summary() for version in versions]})

    @server.resource(
        "metrics://server",
        mime_type="application/json",
        description="Calls, errors and latency (mean, median, p95, max in ms) by tool; model "
        "calls, fallbacks by reason, and each circuit breaker's state and state changes.",
    )
    def server_metrics() -> str:
        runtime = shared_model.current
        return _json(metrics.snapshot(runtime.breakers() if runtime is not None else {}))

    @server.resource(
        "roots://allowed",
        mime_type="application/json",
        description="Where files may be read and written: the operator's allowed roots, the "
        "client's MCP roots (when it declares them) and the folders both allow.",
    )
    async def roots_allowed() -> str:
        settings = (await anyio.to_thread.run_sync(load_store_settings, store.path))[1]
        operator = AllowedRoots.from_settings(settings.paths.allowed_roots, start_dir=start_dir)
        return _json(
            {
                "roots": [str(root) for root in operator.roots],
                "note": operator.why_none
                or "paths are taken relative to the first root, and nothing outside the roots "
                "is read or written; a client that declares MCP roots is narrowed to the "
                "folders both allow",
            }
        )

    @server.resource(
        "lexicon://{term}",
        mime_type="application/json",
        description="The lexicon entry best matching a term in any spelling (IAST, HK, ITRANS, "
        "Devanāgarī, ASR).",
    )
    def lexicon_entry(term: str, ctx: ToolContext) -> str:
        matches = app_state(ctx).resources.lexicon.lookup(term, limit=1)
        if not matches:
            raise ResourceNotFoundError(f"no lexicon entry matches {term!r}; try lookup_term")
        entry, match = matches[0].entry, matches[0]
        return _json(
            {
                "id": entry.id,
                "iast": entry.iast,
                "devanagari": entry.devanagari,
                "kind": entry.kind,
                "meaning": entry.meaning,
                "variants": list(entry.variants),
                "score": round(match.score, 3),
                "how": match.how,
            }
        )

    @server.resource(
        "works://all",
        mime_type="application/json",
        description="The works whose verses Śruti recognises: id prefix, title, verse count.",
    )
    async def works_list() -> str:
        works = (await anyio.to_thread.run_sync(indexes)).works()
        return _json(
            {
                "works": [
                    {
                        "prefix": prefix,
                        "title": title,
                        "verses": works.counts[prefix],
                        "first": works.first[prefix],
                    }
                    for prefix, title in works.titles.items()
                ],
                "references": "lookup_term and verse:// take ids (BG 2.47, YS 1.2, KaU 1.2.23) "
                "and the forms people write (Gita 2:47, Yoga Sutras 1.2, Isha 1)",
            }
        )

    @server.resource(
        "verse://{verse_id}",
        mime_type="application/json",
        description="A verse by id, e.g. verse://BG2.47: canonical IAST and Devanāgarī.",
    )
    def verse_text(verse_id: str, ctx: ToolContext) -> str:
        resources = app_state(ctx).resources
        works = resources.works()
        verse = resources.verses.get(verse_id) or resources.verses.get(
            works.reference(unquote(verse_id)) or ""
        )
        if verse is None:
            known = ", ".join(f"{prefix} ({title})" for prefix, title in works.titles.items())
            raise ResourceNotFoundError(
                f"no verse {verse_id!r}; ids are a work and numbers, e.g. verse://BG2.47, "
                f"verse://YS1.2, verse://KaU1.2.23, verse://IsU1; works: {known}; "
                "works:// lists them with their counts"
            )
        return _json(
            {
                "id": verse.id,
                "work": verse.work,
                "ref": verse.ref,
                "iast": verse.iast,
                "devanagari": verse.devanagari,
            }
        )


def _register_prompts(server: MCPServer[AppContext]) -> None:
    def review_transcript(
        transcript: Annotated[
            str,
            Field(
                description="The transcript to review: a file path inside the allowed roots, "
                "or how to find it."
            ),
        ] = "the transcript the user gives you",
    ) -> str:
        """Guide a review: process, decide the uncertain spans, apply the decisions, validate."""
        return render_prompt("review_transcript", transcript=transcript)

    def explain_correction(
        before: Annotated[
            str, Field(description="The text before the change (correction.before).")
        ],
        after: Annotated[str, Field(description="The text after the change (correction.after).")],
        segment: Annotated[
            str, Field(description="The correction's segment: the cue's 1-based position.")
        ] = "?",
        stage: Annotated[
            str,
            Field(description="The stage that made it: normalize, numbers, verses, terms, model."),
        ] = "?",
        source: Annotated[
            str, Field(description="The correction's source: a rule, lexicon entry or verse id.")
        ] = "?",
    ) -> str:
        """Explain one correction from process_transcript to an editor."""
        return render_prompt(
            "explain_correction",
            before=before,
            after=after,
            segment=segment,
            stage=stage,
            source=source,
        )

    server.add_prompt(Prompt.from_function(review_transcript, title="Review a transcript"))
    server.add_prompt(Prompt.from_function(explain_correction, title="Explain a correction"))


def _metrics_middleware(metrics: Metrics) -> ServerMiddleware[Any]:
    """Count every tools/call: latency, and whether it failed (error result or JSON-RPC error)."""

    async def middleware(ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        if ctx.method != "tools/call" or not ctx.params:
            return await call_next(ctx)
        name = str(ctx.params.get("name", "?"))
        started = time.perf_counter()
        failed = True
        try:
            result = await call_next(ctx)
            failed = _is_error(result)
            return result
        finally:
            metrics.record(name, (time.perf_counter() - started) * 1000, error=failed)

    return middleware


def _is_error(result: HandlerResult) -> bool:
    if isinstance(result, dict):
        return bool(result.get("isError"))
    if isinstance(result, BaseModel):
        return bool(getattr(result, "is_error", False))
    return False


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
