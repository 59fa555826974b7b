"""Tool `validate_quality`: subtitle-style and Sanskrit checks, a score, and error rates."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import anyio.from_thread
import anyio.to_thread
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import BaseModel, Field

from core.engine import term_options
from core.quality.profiles import with_overrides
from core.quality.report import QualityReport, validate
from server.runtime.correct import Loaded
from server.runtime.wording import counted
from tools.context import ToolContext, app_state
from tools.inputs import (
    FormatArgument,
    allowed_roots,
    load_transcript,
    transcript_source,
)
from tools.paging import CURSOR_DESCRIPTION, either, page
from tools.results import tool_result

ANNOTATIONS = ToolAnnotations(
    title="Check a transcript's quality",
    read_only_hint=True,
    destructive_hint=False,
    idempotent_hint=True,
    open_world_hint=False,
)
DEFAULT_LIMIT = 100


class QualityIssue(BaseModel):
    segment: int = Field(description="1-based position of the cue (or paragraph) in the file.")
    line: int = Field(
        description="1-based line of the file the issue is on: the cue's text line for text "
        "issues, its timing line for timing issues (for Whisper JSON: the line in the SRT "
        "it is written as)."
    )
    code: str = Field(
        description="Which check: e.g. line_too_long, reading_speed, overlap, filler, "
        "unrestored_term, invalid_iast (the README lists them all)."
    )
    severity: str = Field(description="error, warning or info.")
    message: str
    suggestion: str | None = None


class QualityResult(BaseModel):
    score: float = Field(description="0-100; 100 = no issues.")
    profile: str
    format: str = Field(description="The format checked: srt, vtt, sbv, json or txt.")
    issues: list[QualityIssue] = Field(description="This page of issues, by segment.")
    issues_total: int
    next_cursor: int | None = Field(
        None, description="Pass as cursor (same input) to get the next page; null on the last."
    )
    metrics: dict[str, Any] = Field(description="Figures measured (and WER/CER with a reference).")


async def validate_quality(
    ctx: ToolContext,
    text: Annotated[
        str | None,
        Field(
            description="Transcript text to check (SubRip, WebVTT, SBV, Whisper JSON or plain "
            "text, recognised from the content). This or `path`."
        ),
    ] = None,
    path: Annotated[
        str | None,
        Field(
            description="A transcript file (.srt, .vtt, .sbv, .json, .txt) inside the allowed "
            "roots (roots://allowed). This or `text`."
        ),
    ] = None,
    format: FormatArgument = None,
    reference_text: Annotated[
        str | None,
        Field(description="Optional human reference transcript (text) for WER/CER."),
    ] = None,
    reference_path: Annotated[
        str | None,
        Field(description="Optional reference transcript file inside the allowed roots."),
    ] = None,
    profile: Annotated[
        Literal["netflix", "subtitle-edit"],
        Field(description="Style rules: netflix (42 chars, 20 cps) or subtitle-edit."),
    ] = "netflix",
    cursor: Annotated[int | None, Field(ge=0, description=CURSOR_DESCRIPTION)] = None,
    limit: Annotated[
        int | None, Field(ge=1, le=500, description="Issues per page (default 100).")
    ] = None,
    srt: Annotated[
        str | None, Field(description="Deprecated: SubRip text; `text` with format=srt.")
    ] = None,
    reference_srt: Annotated[
        str | None, Field(description="Deprecated: the same as reference_text.")
    ] = None,
    max_issues: Annotated[
        int | None, Field(ge=1, le=500, description="Deprecated: the same as `limit`.")
    ] = None,
) -> Annotated[CallToolResult, QualityResult]:
    """Check a transcript (SubRip, WebVTT, SBV, Whisper JSON or plain text): timing, reading
    speed, line layout, fillers, IAST spelling of Sanskrit terms and verses; with a reference
    transcript also word and character error rates. Returns a 0-100 score and issues naming
    the segment, line and a suggested fix, a page at a time (cursor=next_cursor for more).
    Plain text gets the language checks only."""
    state = app_state(ctx)
    settings = state.settings()
    roots = await allowed_roots(ctx, state.roots(settings))
    max_bytes = settings.limits.max_input_bytes
    size = either("limit", limit, "max_issues", max_issues) or DEFAULT_LIMIT
    source = transcript_source(
        text=text, srt=srt, path=path, format=format, roots=roots, text_arg="text"
    )
    reference_source = None
    if reference_text is not None or reference_srt is not None or reference_path is not None:
        reference_source = transcript_source(
            text=reference_text,
            srt=reference_srt,
            path=reference_path,
            format=None,
            roots=roots,
            text_arg="reference_text",
            path_arg="reference_path",
            srt_arg="reference_srt",
        )
    resources = state.resources
    async with state.heavy(settings):
        loaded = await load_transcript(source, max_bytes=max_bytes)
        reference: Loaded | None = None
        if reference_source is not None:
            reference = await load_transcript(reference_source, max_bytes=max_bytes)
        segments = len(loaded.transcript.segments)
        await ctx.report_progress(0, segments, f"checking {segments} segments")

        def told(done: int, total: int) -> None:
            anyio.from_thread.run(ctx.report_progress, done, total, f"{done} of {total} segments")

        def check() -> QualityReport:
            return validate(
                loaded.transcript,
                reference=reference.transcript if reference is not None else None,
                profile=with_overrides(profile, settings.quality),
                terms=resources.term_matcher(term_options(settings)),
                verses=resources.verses,
                english=resources.english,
                lines=loaded.document.lines,
                timed=loaded.document.timed,
                script=settings.style.script,
                progress=told,
            )

        report = await anyio.to_thread.run_sync(check)
    chosen, next_cursor = page(report.issues, cursor or 0, size)
    answer = QualityResult(
        score=report.score,
        profile=report.profile,
        format=loaded.document.format,
        issues=[QualityIssue.model_validate(issue.as_dict()) for issue in chosen],
        issues_total=len(report.issues),
        next_cursor=next_cursor,
        metrics={
            **report.metrics,
            **(report.reference.as_dict() if report.reference is not None else {}),
        },
    )
    return tool_result(answer, _describe(answer))


def _describe(answer: QualityResult) -> str:
    """The readable part: the score and what kinds of issue there are."""
    by_code = answer.metrics.get("issues_by_code", {})
    kinds = ", ".join(f"{count} {code}" for code, count in by_code.items()) or "no issues"
    text = (
        f"score {answer.score}/100 ({answer.profile}, {answer.format}): "
        f"{counted(answer.issues_total, 'issue')} ({kinds})"
    )
    if answer.next_cursor is not None:
        text += f"; more issues: call again with cursor={answer.next_cursor}"
    return text + "."
