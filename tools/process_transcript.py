"""Tool `process_transcript`: correct an ASR transcript and report every change."""

from __future__ import annotations

import threading
from typing import Annotated, Any

import anyio.from_thread
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import BaseModel, Field

from core.pipeline import StageProgress
from core.review import Uncertain
from core.settings import Settings
from core.transcript.edits import Correction
from server.runtime.correct import Corrected, ModelStep, Output, Rendering, Source, correct
from server.runtime.model_mode import ModelMode
from server.runtime.result_cache import result_key
from server.runtime.wording import counted
from tools.context import ToolContext, app_state
from tools.errors import tool_errors
from tools.inputs import (
    FormatArgument,
    OutputFormat,
    OverwriteArgument,
    allowed_roots,
    load_transcript,
    output_of,
    transcript_source,
)
from tools.paging import CURSOR_DESCRIPTION, either, page
from tools.results import capped, tool_result
from tools.sampling import SamplingBackend, sampling_available

ANNOTATIONS = ToolAnnotations(
    title="Correct a lecture transcript",
    read_only_hint=False,
    destructive_hint=False,
    idempotent_hint=True,
    open_world_hint=False,
)
PAGE_BUDGET_BYTES = 24_000
"""Corrections beyond this much JSON go to the next page, keeping results far below 25k tokens."""


class CorrectionItem(BaseModel):
    segment: int = Field(description="1-based position of the subtitle cue in the file.")
    span: list[int] = Field(description="[start, end] of `before` in the cue text at that stage.")
    before: str
    after: str
    stage: str = Field(description="normalize, numbers, verses, terms or model.")
    source: str = Field(description="The rule, lexicon entry or verse id behind the change.")
    confidence: float


class CandidateItem(BaseModel):
    text: str
    score: float = Field(description="How likely this is right, 0..1 (keeping the text: 0.3).")
    source: str = Field(
        description='"lexicon:<id>", "verse:<id>", "generated" (an ending or a compound '
        'split) or "keep" (the text as it is).'
    )


class UncertainItem(BaseModel):
    segment: int = Field(description="1-based position of the cue in the file.")
    span: list[int] = Field(
        description="[start, end] in the cue text as written in the output, its lines "
        'joined by "\n".'
    )
    text: str = Field(description="Exactly the output's text in that span.")
    candidates: list[CandidateItem] = Field(description="At most 5, best first.")
    reason: str


class ProcessTranscriptResult(BaseModel):
    text: str | None = Field(
        None, description="The corrected transcript in `format`, when returned inline."
    )
    format: str = Field(description="The format the result is written in: srt, vtt, sbv or txt.")
    srt: str | None = Field(
        None, description="Deprecated: the corrected SRT, for calls that passed `srt`."
    )
    output_path: str | None = Field(None, description="Where the corrected transcript was written.")
    corrections: list[CorrectionItem] = Field(
        description="This page of corrections, by segment (in each, in the order made)."
    )
    corrections_total: int = Field(description="Corrections in the whole transcript.")
    next_cursor: int | None = Field(
        None, description="Pass as cursor (same input) to get the next page; null on the last."
    )
    uncertain: list[UncertainItem] = Field(
        default_factory=list,
        description="This page of the spans the rules were unsure of, in cue order: decide "
        "each (keep it or pick a candidate) and pass the decisions to apply_corrections.",
    )
    uncertain_total: int = Field(0, description="Uncertain spans in the whole transcript.")
    uncertain_next_cursor: int | None = Field(
        None,
        description="Pass as uncertain_cursor (same input) for the next page; null on the last.",
    )
    summary: dict[str, Any] = Field(
        description="Segments, changes by stage, verses found (the first 100; verses_total "
        "counts them all), what the model stage did, the formats read and written, and notes "
        "on what was left out (word timestamps) or re-wrapped."
    )
    report_path: str | None = Field(None, description="Where the full JSON report was written.")
    notice: str | None = Field(None, description="What to do next, when something was held back.")


class _Progress:
    """Relays the engine's progress from the worker thread to the client: every stage and
    every few hundred segments within one, as one count that only grows."""

    def __init__(self, ctx: ToolContext, stop: threading.Event) -> None:
        self._ctx, self._stop = ctx, stop
        self._segments = 0
        self.total = 1
        self.last = -1  # MCP progress must grow: a stage's end and the next one's start are one

    def report(self, where: StageProgress) -> None:
        self._segments = where.segments
        value, self.total = where.fraction_of(self._segments)
        if self._stop.is_set() or value <= self.last:
            return
        self.last = value
        message = f"{where.name}: {where.done} of {self._segments} segments"
        anyio.from_thread.run(self._ctx.report_progress, value, self.total, message)

    async def finish(self) -> None:
        if self.last < self.total:
            self.last = self.total
            await self._ctx.report_progress(self.total, self.total, "done")


async def process_transcript(
    ctx: ToolContext,
    text: Annotated[
        str | None,
        Field(
            description="Transcript text to correct: SubRip, WebVTT, YouTube SBV, Whisper "
            "JSON or plain text, recognised from the content (or say which with `format`). "
            "Pass this or `path`, not both."
        ),
    ] = None,
    path: Annotated[
        str | None,
        Field(
            description="A transcript file (.srt, .vtt, .sbv, .json, .txt) inside the allowed "
            "roots (read roots://allowed; relative paths are taken from the first root). Pass "
            "this or `text`."
        ),
    ] = None,
    format: FormatArgument = None,
    output_path: Annotated[
        str | None,
        Field(
            description="Write the result here (inside the allowed roots) instead of returning "
            "it inline; its extension (.srt, .vtt, .sbv, .txt) chooses the format. Needed for "
            "large transcripts."
        ),
    ] = None,
    to: Annotated[
        OutputFormat | None,
        Field(
            description="Write this format (default: output_path's extension, else the "
            "input's; srt for Whisper JSON)."
        ),
    ] = None,
    wrap: Annotated[
        int | None,
        Field(
            ge=10,
            le=200,
            description="Re-wrap cue lines longer than this many characters at word "
            "boundaries (timings untouched): fixes validate_quality's line_too_long.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, Field(description="Only report the corrections; write and return no transcript.")
    ] = False,
    overwrite: OverwriteArgument = False,
    cursor: Annotated[
        int | None,
        Field(
            ge=0,
            description=f"{CURSOR_DESCRIPTION} A later page carries corrections only (no "
            "transcript, nothing written).",
        ),
    ] = None,
    limit: Annotated[
        int | None,
        Field(
            ge=1,
            le=5_000,
            description="Corrections per page (default and most: the setting "
            "limits.corrections_page).",
        ),
    ] = None,
    uncertain_cursor: Annotated[
        int | None,
        Field(
            ge=0,
            description="uncertain_next_cursor from the previous page (same input): the next "
            "page of uncertain spans (no transcript, nothing written).",
        ),
    ] = None,
    report_path: Annotated[
        str | None,
        Field(
            description="Also write the full JSON report (every correction and verse) here, "
            "inside the allowed roots; the result itself carries a page and a summary."
        ),
    ] = None,
    srt: Annotated[
        str | None,
        Field(description="Deprecated: SubRip text; the same as `text` with format=srt."),
    ] = None,
    corrections_cursor: Annotated[
        int | None, Field(ge=0, description="Deprecated: the same as `cursor`.")
    ] = None,
) -> Annotated[CallToolResult, ProcessTranscriptResult]:
    """Correct an ASR transcript of a Yoga/Vedānta lecture (SubRip, WebVTT, SBV, Whisper JSON
    or plain text): remove fillers and stutters, write scripture references as digits,
    restore recited verses and Sanskrit terms in the house style (setting style.script).
    Timings never change. Returns the corrected transcript (inline, or written to
    output_path), a summary and the corrections, a page at a time: call again with
    cursor=next_cursor for more. Also returns the spans the rules were unsure of
    (`uncertain`, each with ranked candidates): decide them and pass the decisions to
    apply_corrections. Use dry_run=true to preview."""
    state = app_state(ctx)
    settings = state.settings()
    roots = await allowed_roots(ctx, state.roots(settings))
    cursor = either("cursor", cursor, "corrections_cursor", corrections_cursor)
    paging = (cursor is not None and cursor > 0) or bool(uncertain_cursor)
    source = transcript_source(
        text=text, srt=srt, path=path, format=format, roots=roots, text_arg="text"
    )
    output = report_to = None
    if output_path is not None and not dry_run and not paging:
        output = output_of(roots, output_path, overwrite=overwrite, what="output_path")
    if report_path is not None and not paging:
        report_to = output_of(roots, report_path, overwrite=True, what="report_path")
    rendering = Rendering(to=to, wrap=wrap)
    mode = ModelMode.default_for(settings.model.backend)
    async with state.heavy(settings):
        loaded = await load_transcript(source, max_bytes=settings.limits.max_input_bytes)
        key = result_key(loaded.input_hash, settings, mode, source.format, rendering)
        corrected = state.results.get(key) if paging else None
        if corrected is None and paging and mode is not ModelMode.OFF:
            raise ToolError(
                "the result this cursor belongs to is no longer kept (a model was asked, so "
                "running again could differ); call again without cursor"
            )
        if corrected is None:
            corrected = await _correct(
                ctx,
                source,
                settings,
                mode=mode,
                output=output,
                report_to=report_to,
                rendering=rendering,
            )
            state.results.put(key, corrected)
    size = min(limit or settings.limits.corrections_page, settings.limits.corrections_page)
    chosen, next_cursor = page(
        corrected.result.corrections,
        cursor or 0,
        size,
        budget_bytes=PAGE_BUDGET_BYTES,
        size=Correction.as_dict,
    )
    uncertain = corrected.uncertain or ()
    doubts, uncertain_next = page(
        uncertain, uncertain_cursor or 0, size, budget_bytes=PAGE_BUDGET_BYTES, size=_as_dict
    )
    summary = corrected.report()["summary"]
    summary["verses"], summary["verses_total"] = capped(summary["verses"])
    answer = ProcessTranscriptResult(
        format=corrected.loaded.writes,
        corrections=[CorrectionItem.model_validate(c.as_dict()) for c in chosen],
        corrections_total=len(corrected.result.corrections),
        next_cursor=next_cursor,
        uncertain=[UncertainItem.model_validate(item.as_dict()) for item in doubts],
        uncertain_total=len(uncertain),
        uncertain_next_cursor=uncertain_next,
        summary=summary,
        report_path=str(report_to.path) if report_to is not None else None,
    )
    if dry_run or paging:
        return tool_result(answer, _describe(answer))
    if corrected.written is not None:
        answer.output_path = str(corrected.written)
    elif len(corrected.output) > settings.limits.inline_output_bytes:
        answer.notice = (
            f"the corrected transcript is {len(corrected.output):,} bytes, above the inline "
            f"limit of {settings.limits.inline_output_bytes:,} (setting "
            "limits.inline_output_bytes); call again with output_path to write it to a file"
        )
    elif srt is not None:
        answer.srt = corrected.output.decode("utf-8-sig")
    else:
        answer.text = corrected.output.decode("utf-8-sig")
    return tool_result(answer, _describe(answer))


def _as_dict(item: Uncertain) -> dict[str, object]:
    return item.as_dict()


def _describe(answer: ProcessTranscriptResult) -> str:
    """The readable part of the result: what was done and where things are."""
    summary = answer.summary
    parts = [
        f"{counted(summary['segments'], 'segment')}, "
        f"{counted(answer.corrections_total, 'correction')} in "
        f"{counted(summary['changed_segments'], 'segment')}, "
        f"{counted(summary['verses_total'], 'verse')} recognised"
    ]
    if answer.output_path:
        parts.append(f"written to {answer.output_path}")
    elif answer.text is not None or answer.srt is not None:
        field = "text" if answer.text is not None else "srt"
        parts.append(f"the corrected {answer.format} is in the structured result ({field})")
    if answer.uncertain_total:
        parts.append(
            f"{counted(answer.uncertain_total, 'uncertain span')} to decide (uncertain; "
            "apply decisions with apply_corrections)"
        )
    if answer.next_cursor is not None:
        parts.append(f"more corrections: call again with cursor={answer.next_cursor}")
    if answer.uncertain_next_cursor is not None:
        parts.append(
            f"more uncertain spans: call again with uncertain_cursor={answer.uncertain_next_cursor}"
        )
    if answer.notice:
        parts.append(answer.notice)
    return "; ".join(parts) + "."


async def _correct(
    ctx: ToolContext,
    source: Source,
    settings: Settings,
    *,
    mode: ModelMode,
    output: Output | None,
    report_to: Output | None,
    rendering: Rendering,
) -> Corrected:
    """The use case, with progress relayed to the client and cancellation honoured."""
    state = app_state(ctx)
    cancelled = threading.Event()
    progress = _Progress(ctx, cancelled)
    backend = None
    if settings.model.backend == "sampling" and sampling_available(ctx):
        backend = SamplingBackend(ctx)
    model = ModelStep(state.model, mode, backend) if mode is not ModelMode.OFF else None
    try:
        with tool_errors():
            corrected = await correct(
                source,
                state.resources,
                settings,
                output=output,
                report_to=report_to,
                rendering=rendering,
                model=model,
                review=True,
                progress=progress.report,
                cancelled=cancelled,
            )
    except InterruptedError:
        raise ToolError("processing was cancelled; nothing was written") from None
    if corrected.model is not None:
        state.metrics.record_model(corrected.model)
    await progress.finish()
    return corrected
