"""Tool `process_batch`: correct a folder of SRT files as a background job; returns its id."""

from __future__ import annotations

import os
from typing import Annotated, Any

import anyio.to_thread
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import BaseModel, Field

from core.errors import BatchUsageError
from server.batch.jobs import BatchHost
from server.batch.runner import BatchPlan
from tools.inputs import allowed_roots, resolve
from tools.results import tool_result

ANNOTATIONS = ToolAnnotations(
    title="Correct a folder of transcripts (background job)",
    read_only_hint=False,
    destructive_hint=True,  # with overwrite=true it replaces files it did not write
    idempotent_hint=True,
    open_world_hint=False,
)

BatchContext = Context[BatchHost, Any]


class BatchStarted(BaseModel):
    job_id: str = Field(description="Pass to batch_status to follow the job and get its report.")
    state: str = Field(description="running (the job works in the background).")
    input_dir: str = Field(description="The folder read (resolved inside the allowed roots).")
    output_dir: str = Field(description="The folder written, same relative paths as the input.")
    jobs: int = Field(description="Worker processes used.")
    next_step: str = Field(description="What to do next.")


async def process_batch(
    ctx: BatchContext,
    input_dir: Annotated[
        str,
        Field(
            description="Folder of ASR .srt files inside the allowed roots (roots://allowed); "
            "searched deeply."
        ),
    ],
    output_dir: Annotated[
        str,
        Field(
            description="Folder for the corrected files (created if missing), inside the "
            "allowed roots and not the input folder. Files finished by an earlier run are skipped."
        ),
    ],
    jobs: Annotated[
        int | None, Field(ge=1, le=64, description="Worker processes (default: CPU count).")
    ] = None,
    overwrite: Annotated[
        bool,
        Field(
            description="Replace outputs this batch did not write, or that an editor changed "
            "since it wrote them. Without it such files are left alone and reported skipped."
        ),
    ] = False,
) -> Annotated[CallToolResult, BatchStarted]:
    """Correct every .srt file under input_dir into output_dir, in parallel, as a background
    job: returns at once with a job_id. Poll batch_status(job_id) for progress, per-file
    results and the final report. Resumable: run again (or restart the server) and finished
    files are not redone; corrupt files are reported and the rest go on."""
    host = ctx.request_context.lifespan_context
    settings = host.settings()
    roots = await allowed_roots(ctx, host.roots(settings))
    source = resolve(roots, input_dir, what="input_dir")
    target = resolve(roots, output_dir, what="output_dir")
    plan = BatchPlan(
        source, target, jobs or os.cpu_count() or 1, skip_symlinks=True, overwrite=overwrite
    )
    try:
        status = await anyio.to_thread.run_sync(host.batch.start, plan)
    except (BatchUsageError, ValueError) as error:
        raise ToolError(str(error)) from None
    await ctx.report_progress(0, None, f"job {status.job_id} started")
    answer = BatchStarted(
        job_id=status.job_id,
        state=status.state,
        input_dir=str(source),
        output_dir=str(target),
        jobs=plan.jobs,
        next_step=f"call batch_status(job_id={status.job_id!r}) until state is finished",
    )
    return tool_result(
        answer, f"started batch job {answer.job_id} ({answer.jobs} workers); {answer.next_step}."
    )
