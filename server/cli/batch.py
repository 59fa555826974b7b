"""`shruti batch`: correct a folder of SRT files in parallel, resumably, with progress."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from server.runtime.model_mode import ModelMode

if TYPE_CHECKING:  # imported when the command runs, to keep `shruti` quick to start
    from rich.console import Console
    from rich.progress import TaskID

    from server.batch.runner import FileResult, Tally

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _ProgressView:
    """The stderr progress bar: files done of total, segments per second, ETA."""

    def __init__(self, console: Console) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        from server.batch.runner import Tally

        self.tally = Tally()
        self.progress = Progress(
            TextColumn("[bold]batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files"),
            TextColumn("{task.fields[rate]:>7.0f} segments/s"),
            TextColumn("{task.fields[model]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
        )
        self._task: TaskID | None = None

    def on_total(self, total: int) -> None:
        self.tally.total = total
        self._task = self.progress.add_task("batch", total=total, rate=0.0, model="")

    def on_result(self, result: FileResult) -> None:
        self.tally.add(result)
        if self._task is not None:
            rate = self.tally.segments_per_s(time.monotonic())
            self.progress.update(
                self._task,
                completed=self.tally.finished,
                rate=rate,
                model=model_note(self.tally),
            )
        if result.status == "failed":
            from rich.markup import escape

            self.progress.console.print(
                f"[red]failed[/red] {escape(result.error or '')}", highlight=False, soft_wrap=True
            )


def batch(
    input_dir: Annotated[
        Path,
        typer.Argument(metavar="INPUT_DIR", help="Folder of ASR .srt files (searched deeply)."),
    ],
    output_dir: Annotated[
        Path,
        typer.Argument(metavar="OUTPUT_DIR", help="Where corrected files go, same relative paths."),
    ],
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (default: CPU count).")
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write a JSON report of every file here.")
    ] = None,
    model: Annotated[
        ModelMode | None,
        typer.Option(
            "--model",
            help="Ask a language model about words the rules left uncertain, as "
            "`shruti process --model`: off, auto, or required (a file fails when no model "
            "answered). Default: auto when model.backend is set, else off.",
        ),
    ] = None,
    glob: Annotated[
        str, typer.Option("--glob", help="Which files to take (name, or path if it has '/').")
    ] = "*.srt",
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite",
            help="Replace outputs this batch did not write, or that changed since it wrote "
            "them (without it they are left alone and reported skipped).",
        ),
    ] = False,
) -> None:
    """Correct every SRT under INPUT_DIR into OUTPUT_DIR; rerun to resume after a kill.

    A journal in OUTPUT_DIR remembers finished files (same input, same settings,
    output unchanged) and they are skipped.

    Exit 0: every file done; 1: some failed; 2: bad usage.
    """
    from rich.console import Console

    from core.errors import BatchUsageError
    from server.batch.report import ReportWriter
    from server.batch.runner import BatchHooks, BatchPlan, run_batch
    from server.runtime.state import load_store_settings

    console = Console(stderr=True)
    width = jobs if jobs is not None else (os.cpu_count() or 1)
    if report is not None and not report.parent.is_dir():
        console.print(f"shruti: {report}: directory {report.parent} does not exist", markup=False)
        raise typer.Exit(EXIT_USAGE)
    version, settings = load_store_settings()
    mode = model or ModelMode.default_for(settings.model.backend)
    plan = BatchPlan(input_dir, output_dir, width, glob, model=mode, overwrite=overwrite)
    view = _ProgressView(console)
    try:
        with view.progress:
            if report is None:
                hooks = BatchHooks(on_total=view.on_total, on_result=view.on_result)
                tally = run_batch(plan, settings, settings_version=version, hooks=hooks)
            else:
                with ReportWriter(report) as writer:

                    def record(result: FileResult) -> None:
                        view.on_result(result)
                        writer.add(result)

                    hooks = BatchHooks(on_total=view.on_total, on_result=record)
                    tally = run_batch(plan, settings, settings_version=version, hooks=hooks)
                    writer.finish(tally.summary(time.monotonic()))
    except BatchUsageError as error:
        console.print(f"shruti: {error}", highlight=False, markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    _print_summary(console, tally, report)
    raise typer.Exit(EXIT_FAILED if tally.failed else EXIT_OK)


def model_note(tally: Tally) -> str:
    """The model's share of the progress line: files that fell back to the rules, and why."""
    if not tally.model_files:
        return ""
    reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(tally.fell_back.items()))
    return f"model fell back: {sum(tally.fell_back.values())}" + (
        f" ({reasons})" if reasons else ""
    )


def _print_summary(console: Console, tally: Tally, report: Path | None) -> None:
    summary = tally.summary(time.monotonic())
    console.print(
        f"{summary['files']} files: {summary['done']} done, {summary['skipped']} skipped, "
        f"{summary['failed']} failed; {summary['segments']} segments, "
        f"{summary['changes']} changes in {summary['elapsed_s']:.1f} s "
        f"({summary['segments_per_s']:.0f} segments/s)",
        highlight=False,
        soft_wrap=True,
        markup=False,
    )
    if tally.model_files:
        console.print(
            f"model: asked for {tally.model_files} files; {model_note(tally)}",
            highlight=False,
            soft_wrap=True,
            markup=False,
        )
    for failed in tally.failed_files:
        console.print(f"  failed: {failed}", highlight=False, soft_wrap=True, markup=False)
    if report is not None:
        console.print(f"report: {report}", highlight=False, markup=False)
