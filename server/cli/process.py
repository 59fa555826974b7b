"""`shruti process`: correct one file, to a file, to stdout, or as a readable diff."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from server.runtime.model_mode import ModelMode

if TYPE_CHECKING:
    from server.runtime.correct import Corrected


def process(
    input_path: Annotated[Path, typer.Argument(metavar="INPUT.srt", help="ASR subtitle file.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Where to write the corrected SRT.")
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write a JSON report of every change.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print a readable diff; write nothing.")
    ] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an existing output file.")
    ] = False,
    model: Annotated[
        ModelMode | None,
        typer.Option(
            "--model",
            help="Ask a language model about words the rules left uncertain: off; auto "
            "(model.backend, keeping the rule result on any failure); required (exit 3 "
            "when no model answered). Default: auto when model.backend is set, else off.",
        ),
    ] = None,
) -> None:
    """Correct one SRT file: fillers, references, verses and Sanskrit terms."""
    from server.runtime.correct import Output, Source, correct_blocking
    from server.runtime.state import load_runtime

    runtime = load_runtime()
    mode = model or ModelMode.default_for(runtime.settings.model.backend)
    source = Source(name=str(input_path), path=input_path)
    targets = {"output": None, "report": None} if dry_run else {"output": output, "report": report}
    out = Output(targets["output"], overwrite=overwrite) if targets["output"] else None
    report_to = Output(targets["report"], overwrite=True) if targets["report"] else None
    resources = runtime.resources
    if mode is ModelMode.OFF:
        corrected = correct_blocking(
            source, resources, runtime.settings, output=out, report_to=report_to
        )
    else:
        from server.runtime.logs import configure_logging
        from server.runtime.model_runtime import BlockingModelRuntime

        configure_logging()
        with BlockingModelRuntime.running() as model_runtime:
            corrected = correct_blocking(
                source,
                resources,
                runtime.settings,
                output=out,
                report_to=report_to,
                mode=mode,
                runtime=model_runtime,
            )
    if dry_run:
        from server.cli.diff import print_diff

        print_diff(corrected.loaded.transcript, corrected.result)
        if report is not None:
            typer.echo(f"shruti: --dry-run writes nothing; {report} was not written", err=True)
        return
    if out is None:
        sys.stdout.buffer.write(corrected.output)
        sys.stdout.flush()
    else:
        typer.echo(f"{input_path} -> {output}: {summary_line(corrected)}", err=True)


def summary_line(corrected: Corrected) -> str:
    """One line for people: what was done, and what the model did."""
    summary = corrected.result.summary
    verses = len(summary.verses)
    line = (
        f"{summary.segments} segments, {len(corrected.result.corrections)} corrections in "
        f"{summary.changed_segments} segments, {verses} {'verse' if verses == 1 else 'verses'}"
    )
    model = corrected.model
    if model is not None:
        line += f"; model {model.backend}: {model.stats.calls} calls, {model.accepted} accepted"
        if model.fallback_reason:
            line += f", fell back for {model.fallbacks} segments ({model.fallback_reason})"
    return line
