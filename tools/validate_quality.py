"""Tool `validate_quality`: subtitle-style and Sanskrit checks, a score, and error rates."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import anyio.to_thread
from mcp.types import ToolAnnotations
from pydantic import BaseModel, Field

from core.quality.lines import cue_lines
from core.quality.profiles import with_overrides
from core.quality.report import QualityReport, validate
from server.runtime.correct import Loaded
from tools.context import ToolContext, app_state
from tools.inputs import allowed_roots, load_transcript, source_of

ANNOTATIONS = ToolAnnotations(
    title="Check a transcript's quality",
    read_only_hint=True,
    destructive_hint=False,
    idempotent_hint=True,
    open_world_hint=False,
)


class QualityIssue(BaseModel):
    segment: int = Field(description="1-based cue position.")
    line: int = Field(description="Line in the SRT file where the cue starts.")
    code: str = Field(description="Check that failed, e.g. cps, line_length, iast.")
    severity: str = Field(description="error, warning or info.")
    message: str
    suggestion: str | None = None


class QualityResult(BaseModel):
    score: float = Field(description="0-100; 100 = no issues.")
    profile: str
    issues: list[QualityIssue] = Field(description="The first max_issues issues, by segment.")
    issues_total: int
    metrics: dict[str, Any] = Field(description="Figures measured (and WER/CER with a reference).")


async def validate_quality(
    ctx: ToolContext,
    srt: Annotated[str | None, Field(description="SRT text to check. This or `path`.")] = None,
    path: Annotated[
        str | None,
        Field(
            description="An .srt file inside the allowed roots (roots://allowed). This or `srt`."
        ),
    ] = None,
    reference_srt: Annotated[
        str | None,
        Field(description="Optional human reference transcript (SRT text) for WER/CER."),
    ] = None,
    reference_path: Annotated[
        str | None, Field(description="Optional reference .srt file inside the allowed roots.")
    ] = None,
    profile: Annotated[
        Literal["netflix", "subtitle-edit"],
        Field(description="Style rules: netflix (42 chars, 20 cps) or subtitle-edit."),
    ] = "netflix",
    max_issues: Annotated[int, Field(ge=1, le=500, description="Most issues to list.")] = 100,
) -> QualityResult:
    """Check a subtitle transcript: timing, reading speed, line layout, fillers, IAST spelling
    of Sanskrit terms and verses; with a reference transcript also word and character error
    rates. Returns a 0-100 score and issues naming the segment, line and a suggested fix."""
    state = app_state(ctx)
    settings = state.settings()
    roots = await allowed_roots(ctx, state.roots(settings))
    limit = settings.limits.max_input_bytes
    source = source_of(text=srt, path=path, roots=roots)
    reference_source = None
    if reference_srt is not None or reference_path is not None:
        reference_source = source_of(
            text=reference_srt,
            path=reference_path,
            roots=roots,
            text_arg="reference_srt",
            path_arg="reference_path",
        )
    resources = state.resources
    async with state.heavy(settings):
        loaded = await load_transcript(source, max_bytes=limit)
        reference: Loaded | None = None
        if reference_source is not None:
            reference = await load_transcript(reference_source, max_bytes=limit)

        def check() -> QualityReport:
            return validate(
                loaded.transcript,
                reference=reference.transcript if reference is not None else None,
                profile=with_overrides(profile, settings.quality),
                lexicon=resources.lexicon,
                verses=resources.verses,
                english=resources.english,
                lines=cue_lines(loaded.decoded.text),
            )

        report = await anyio.to_thread.run_sync(check)
    issues = [QualityIssue.model_validate(issue.as_dict()) for issue in report.issues]
    return QualityResult(
        score=report.score,
        profile=report.profile,
        issues=issues[:max_issues],
        issues_total=len(issues),
        metrics={
            **report.metrics,
            **(report.reference.as_dict() if report.reference is not None else {}),
        },
    )
