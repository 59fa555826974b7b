"""Tool `apply_corrections`: apply an agent's decisions on the uncertain spans."""

from __future__ import annotations

from typing import Annotated, Any

import anyio.to_thread
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import BaseModel, ConfigDict, Field

from core.apply import Decision, DecisionError
from server.runtime.apply import AppliedFile, apply_file
from server.runtime.correct import Rendering
from server.runtime.wording import counted
from tools.context import ToolContext, app_state
from tools.errors import tool_errors
from tools.inputs import (
    FormatArgument,
    OutputFormat,
    OverwriteArgument,
    allowed_roots,
    output_of,
    source_of,
)
from tools.results import tool_result

ANNOTATIONS = ToolAnnotations(
    title="Apply decisions on uncertain spans",
    read_only_hint=False,
    destructive_hint=False,
    idempotent_hint=False,
    open_world_hint=False,
)


class DecisionItem(BaseModel):
    """One decision, copied from an item of process_transcript's `uncertain`."""

    model_config = ConfigDict(extra="forbid")
    segment: int = Field(ge=1, description="The uncertain item's segment (1-based cue).")
    span: list[int] = Field(
        min_length=2, max_length=2, description="The uncertain item's span, unchanged."
    )
    text: str = Field(description="The uncertain item's text: what the file has at span.")
    replace: str = Field(description="What to write instead: a candidate's text, usually.")


class ChangeItem(BaseModel):
    segment: int
    span: list[int]
    before: str
    after: str


class ApplyCorrectionsResult(BaseModel):
    text: str | None = Field(None, description="The transcript with the decisions applied, inline.")
    format: str = Field(description="The format it is written in.")
    output_path: str | None = Field(None, description="Where it was written.")
    decisions: int = Field(description="Decisions applied (all of them, or the call fails).")
    changes: list[ChangeItem] = Field(description="Every change made, by segment.")
    notice: str | None = None


async def apply_corrections(
    ctx: ToolContext,
    decisions: Annotated[
        list[DecisionItem],
        Field(
            description='Decisions: {"segment", "span", "text", "replace"} each, copied from '
            "process_transcript's uncertain items (only those you change). All are checked "
            "first: one whose text is not at its span (stale), that overlaps another or "
            "points outside the file fails the call and nothing is written."
        ),
    ],
    text: Annotated[
        str | None,
        Field(
            description="The corrected transcript the decisions were taken on (any format). "
            "Pass this or `path`."
        ),
    ] = None,
    path: Annotated[
        str | None,
        Field(description="The corrected transcript file, inside the allowed roots."),
    ] = None,
    format: FormatArgument = None,
    output_path: Annotated[
        str | None,
        Field(
            description="Write the result here (inside the allowed roots) instead of returning "
            "it inline; its extension chooses the format. May be `path` itself only with "
            "overwrite=true."
        ),
    ] = None,
    to: Annotated[OutputFormat | None, Field(description="Write this format.")] = None,
    overwrite: OverwriteArgument = False,
) -> Annotated[CallToolResult, ApplyCorrectionsResult]:
    """Apply decisions on the uncertain spans process_transcript reported: each replaces
    the text at its span. Timings and every cue no decision touches stay exactly as they
    were. All or nothing: a stale decision (the file changed since) fails the whole call;
    process the file again for fresh spans."""
    state = app_state(ctx)
    settings = state.settings()
    roots = await allowed_roots(ctx, state.roots(settings))
    source = source_of(text=text, path=path, roots=roots, format=format)
    output = None
    if output_path is not None:
        output = output_of(roots, output_path, overwrite=overwrite, what="output_path")
    chosen = [
        Decision(item.segment, item.span[0], item.span[1], item.text, item.replace)
        for item in decisions
    ]
    async with state.heavy(settings):
        with tool_errors():
            try:
                outcome = await anyio.to_thread.run_sync(
                    lambda: apply_file(
                        source, chosen, settings, output=output, rendering=Rendering(to=to)
                    )
                )
            except DecisionError as error:
                raise ToolError(f"{error}; nothing was written") from None
    return _result(outcome, inline_limit=settings.limits.inline_output_bytes)


def _result(outcome: AppliedFile, *, inline_limit: int) -> CallToolResult:
    changes = [
        ChangeItem(segment=c.segment, span=[c.start, c.end], before=c.before, after=c.after)
        for c in outcome.applied.changes
    ]
    answer = ApplyCorrectionsResult(
        format=outcome.writes, decisions=outcome.decisions, changes=changes
    )
    if outcome.written is not None:
        answer.output_path = outcome.written
    elif len(outcome.output) > inline_limit:
        answer.notice = (
            f"the result is {len(outcome.output):,} bytes, above the inline limit of "
            f"{inline_limit:,}; call again with output_path to write it to a file"
        )
    else:
        answer.text = outcome.output.decode("utf-8-sig")
    where = f"written to {answer.output_path}" if answer.output_path else "inline in text"
    summary: dict[str, Any] = outcome.report()["summary"]
    return tool_result(
        answer,
        f"{counted(summary['decisions'], 'decision')} applied: "
        f"{counted(summary['changes'], 'change')} in "
        f"{counted(summary['changed_segments'], 'segment')}; {where}.",
    )
