"""Tool `batch_status`: a batch job's progress, per-file results and, once finished, its report."""

from __future__ import annotations

from typing import Annotated, Any

import anyio.to_thread
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import BaseModel, Field

from core.errors import UnknownJobError
from tools.paging import CURSOR_DESCRIPTION, either
from tools.process_batch import BatchContext
from tools.results import tool_result

ANNOTATIONS = ToolAnnotations(
    title="Follow a batch job",
    read_only_hint=True,
    destructive_hint=False,
    idempotent_hint=True,
    open_world_hint=False,
)


class FileRecord(BaseModel):
    input: str
    output: str
    status: str = Field(description="done, skipped (finished by an earlier run) or failed.")
    segments: int
    changes: int
    error: str | None = Field(None, description="For a failed file: path, line and reason.")
    elapsed_ms: float


class BatchStatusResult(BaseModel):
    job_id: str
    state: str = Field(description="running, finished, failed (see error) or stopped.")
    total: int | None = Field(description="Files found (None while still counting).")
    counts: dict[str, int] = Field(
        description="done, skipped, failed, finished (files) and segments, changes."
    )
    segments_per_s: float
    files: list[FileRecord] = Field(description="This page of per-file results, in finish order.")
    files_total: int = Field(description="Per-file results so far.")
    next_cursor: int | None = Field(
        None, description="Pass as cursor to get the next page; null on the last."
    )
    next_offset: int | None = Field(None, description="Deprecated: the same as next_cursor.")
    report: dict[str, Any] | None = Field(
        None, description="Once finished: the report's summary (totals, failed files)."
    )
    report_path: str | None = Field(None, description="The full JSON report, once finished.")
    error: str | None = None
    note: str | None = Field(None, description="Where the job runs, when not in this server.")


async def batch_status(
    ctx: BatchContext,
    job_id: Annotated[str, Field(description="The job_id process_batch returned.")],
    cursor: Annotated[int | None, Field(ge=0, description=CURSOR_DESCRIPTION)] = None,
    limit: Annotated[int, Field(ge=0, le=500, description="Per-file results per page.")] = 100,
    offset: Annotated[
        int | None, Field(ge=0, description="Deprecated: the same as cursor.")
    ] = None,
) -> Annotated[CallToolResult, BatchStatusResult]:
    """Progress of a batch job started by process_batch: file counts, per-file results
    (a page at a time: cursor=next_cursor for more) and, when state is finished, the
    report. A job interrupted by a server restart is resumed when asked about."""
    offset = either("cursor", cursor, "offset", offset) or 0
    host = ctx.request_context.lifespan_context
    try:
        status = await anyio.to_thread.run_sync(
            lambda: host.batch.status(job_id, offset=offset, limit=limit)
        )
    except UnknownJobError:
        raise ToolError(
            f"no batch job {job_id!r}; pass a job_id returned by process_batch"
        ) from None
    finished = status.counts["finished"]
    await ctx.report_progress(finished, status.total, f"{finished}/{status.total} files")
    end = offset + len(status.files)
    following = end if end < status.files_total else None
    answer = BatchStatusResult(
        job_id=status.job_id,
        state=status.state,
        total=status.total,
        counts=status.counts,
        segments_per_s=status.segments_per_s,
        files=[FileRecord.model_validate(record) for record in status.files],
        files_total=status.files_total,
        next_cursor=following,
        next_offset=following,
        report=status.summary,
        report_path=status.report_path,
        error=status.error,
        note=status.note,
    )
    return tool_result(answer, _describe(answer))


def _describe(answer: BatchStatusResult) -> str:
    """The readable part: the state, the counts and where the report is."""
    counts = answer.counts
    text = (
        f"job {answer.job_id} {answer.state}: {counts['finished']} of "
        f"{answer.total if answer.total is not None else '?'} files ({counts['done']} done, "
        f"{counts['skipped']} skipped, {counts['failed']} failed)"
    )
    for extra in (answer.error, answer.note):
        if extra:
            text += f"; {extra}"
    if answer.report_path:
        text += f"; report: {answer.report_path}"
    if answer.next_cursor is not None:
        text += f"; more files: call again with cursor={answer.next_cursor}"
    return text + "."
