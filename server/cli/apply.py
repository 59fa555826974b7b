"""`shruti apply`: apply the decisions taken on a transcript's uncertain spans."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from core.errors import InputError
from server.cli.process import Target
from server.cli.streams import STDIN_NAME, STDIO, source_for
from server.runtime.wording import counted


def apply(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT",
            help="The corrected transcript the decisions were taken on (what shruti process "
            "wrote), in any format Śruti reads; - reads standard input.",
        ),
    ],
    decisions_path: Annotated[
        Path,
        typer.Argument(
            metavar="DECISIONS",
            help='JSON: {"decisions": [{"segment": 12, "span": [a, b], "text": "...", '
            '"replace": "..."}]}, as the review page saves it.',
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Where to write the result (- or none: standard output); its extension "
            "chooses the format.",
        ),
    ] = None,
    to: Annotated[
        Target | None,
        typer.Option(
            "--to", help="Write this format (default: the output's extension, else the input's)."
        ),
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write a JSON report of what changed.")
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an existing output file.")
    ] = False,
) -> None:
    """Apply decisions to a transcript: all of them, or none (a stale decision is exit 2)."""
    from core.apply import parse_decisions
    from server.runtime.apply import apply_file
    from server.runtime.correct import Output, Rendering
    from server.runtime.files import read_input, read_stream
    from server.runtime.state import load_runtime

    runtime = load_runtime()
    settings = runtime.settings
    max_bytes = settings.limits.max_input_bytes
    if str(decisions_path) == STDIO and str(input_path) == STDIO:
        raise InputError(STDIO, "only one of INPUT and DECISIONS can be standard input")
    if str(decisions_path) == STDIO:
        decisions_data = read_stream(sys.stdin.buffer, name=STDIN_NAME, max_bytes=max_bytes)
    else:
        decisions_data = read_input(decisions_path, max_bytes=max_bytes)
    decisions = parse_decisions(
        decisions_data.decode("utf-8-sig", errors="replace"), source=str(decisions_path)
    )
    source = source_for(input_path, max_bytes=max_bytes)
    to_file = output is not None and str(output) != STDIO
    out = Output(output, overwrite=overwrite) if to_file and output is not None else None
    report_to = Output(report, overwrite=True) if report is not None else None
    outcome = apply_file(
        source,
        decisions,
        settings,
        output=out,
        report_to=report_to,
        rendering=Rendering(to=to.value if to else None),
    )
    if out is None:
        sys.stdout.buffer.write(outcome.output)
        sys.stdout.flush()
    summary = outcome.report()["summary"]
    typer.echo(
        f"{source.name} + {decisions_path} -> {output or STDIO}: "
        f"{counted(summary['decisions'], 'decision')}, {counted(summary['changes'], 'change')} "
        f"in {counted(summary['changed_segments'], 'segment')}",
        err=True,
    )
