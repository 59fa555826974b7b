"""`shruti process`: correct one transcript, to a file, to stdout, or as a readable diff."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from server.cli.options import DevanagariOption, StyleOption, styled
from server.cli.streams import STDIO, source_for
from server.runtime.model_mode import ModelMode
from server.runtime.wording import counted

if TYPE_CHECKING:
    from server.runtime.correct import Corrected


class Target(StrEnum):
    """The formats `--to` writes."""

    srt = "srt"
    vtt = "vtt"
    sbv = "sbv"
    txt = "txt"


def process(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT",
            help="ASR transcript: SubRip .srt, WebVTT .vtt, YouTube .sbv, Whisper .json or "
            "plain .txt (recognised from the content); - reads standard input.",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Where to write the result (- or none: standard output); its extension "
            "(.srt, .vtt, .sbv, .txt) chooses the format.",
        ),
    ] = None,
    to: Annotated[
        Target | None,
        typer.Option(
            "--to",
            help="Write this format (default: the output's extension, else the input's; "
            "SubRip for Whisper JSON).",
        ),
    ] = None,
    wrap: Annotated[
        int | None,
        typer.Option(
            "--wrap",
            min=10,
            max=200,
            metavar="CHARS",
            help="Re-wrap cue lines longer than CHARS at word boundaries (timings untouched).",
        ),
    ] = None,
    style: StyleOption = None,
    devanagari_verses: DevanagariOption = False,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="Write a JSON report of every change and of the spans left uncertain, with "
            "candidates (decide them with shruti apply, or on the page shruti review writes).",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Print a readable diff and write no output (a --report is written)."
        ),
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
    """Correct one transcript: fillers, references, verses and Sanskrit terms."""
    from server.runtime.correct import Output, Rendering, correct_blocking
    from server.runtime.state import load_runtime

    runtime = load_runtime()
    settings = styled(runtime.settings, style, devanagari=devanagari_verses)
    mode = model or ModelMode.default_for(settings.model.backend)
    source = source_for(input_path, max_bytes=settings.limits.max_input_bytes)
    to_file = output is not None and str(output) != STDIO and not dry_run
    out = Output(output, overwrite=overwrite) if to_file and output is not None else None
    report_to = Output(report, overwrite=True) if report is not None else None
    rendering = Rendering(to=to.value if to else None, wrap=wrap)
    resources = runtime.resources
    review = report_to is not None  # the uncertain spans go to the report
    if mode is ModelMode.OFF:
        corrected = correct_blocking(
            source,
            resources,
            settings,
            output=out,
            report_to=report_to,
            rendering=rendering,
            review=review,
        )
    else:
        from server.runtime.logs import configure_logging
        from server.runtime.model_runtime import BlockingModelRuntime

        configure_logging()
        with BlockingModelRuntime.running() as model_runtime:
            corrected = correct_blocking(
                source,
                resources,
                settings,
                output=out,
                report_to=report_to,
                rendering=rendering,
                mode=mode,
                runtime=model_runtime,
                review=review,
            )
    for note in corrected.notes:
        typer.echo(f"shruti: note: {note}", err=True)
    if dry_run:
        from server.cli.diff import print_diff

        print_diff(corrected.loaded.transcript, corrected.result)
        return
    if out is None:
        sys.stdout.buffer.write(corrected.output)
        sys.stdout.flush()
    else:
        typer.echo(f"{source.name} -> {output}: {summary_line(corrected)}", err=True)


def summary_line(corrected: Corrected) -> str:
    """One line for people: what was done, and what the model did."""
    summary = corrected.result.summary
    corrections = len(corrected.result.corrections)
    line = (
        f"{counted(summary.segments, 'segment')}, {counted(corrections, 'correction')} in "
        f"{counted(summary.changed_segments, 'segment')}, {counted(len(summary.verses), 'verse')}"
    )
    if corrected.uncertain is not None:
        spans = counted(len(corrected.uncertain), "uncertain span")
        line += f", {spans} to review (in the report)"
    model = corrected.model
    if model is not None:
        line += f"; model {model.backend}: {counted(model.stats.calls, 'call')}, "
        line += f"{model.accepted} accepted"
        if model.fallback_reason:
            line += f", fell back for {counted(model.fallbacks, 'segment')} "
            line += f"({model.fallback_reason})"
    return line
