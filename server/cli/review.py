"""`shruti review`: a page on which an editor decides what the rules were unsure of."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from server.cli.streams import STDIO, source_for
from server.runtime.model_mode import ModelMode

PAGE_SUFFIX = ".review.html"


def review(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT",
            help="A transcript in any format Śruti reads: the corrected one (what shruti "
            "process wrote) or the raw ASR one with --corrected; - reads standard input.",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help=f"The page to write (default: INPUT with {PAGE_SUFFIX})."
        ),
    ] = None,
    corrected: Annotated[
        Path | None,
        typer.Option(
            "--corrected",
            help="Also write the corrected transcript here: the file the page's decisions "
            "are for (shruti apply CORRECTED DECISIONS.json -o FINAL).",
        ),
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace existing output files.")
    ] = False,
    model: Annotated[
        ModelMode | None,
        typer.Option(
            "--model",
            help="As for shruti process (default: auto when model.backend is set, else off).",
        ),
    ] = None,
) -> None:
    """Write one self-contained HTML page (works from file://, no server): every cue with
    its changes, the uncertain spans with their candidates, and a button that saves the
    decisions for shruti apply."""
    from server.runtime.correct import Output, check_output, correct_blocking, write
    from server.runtime.review_page import PageCue, render_review_page
    from server.runtime.state import load_runtime

    runtime = load_runtime()
    settings = runtime.settings
    mode = model or ModelMode.default_for(settings.model.backend)
    source = source_for(input_path, max_bytes=settings.limits.max_input_bytes)
    page_path = output or _default_page(input_path)
    page = Output(page_path, overwrite=overwrite)
    corrected_out = Output(corrected, overwrite=overwrite) if corrected is not None else None
    check_output(page, source=source)  # before any work
    if mode is ModelMode.OFF:
        outcome = correct_blocking(
            source, runtime.resources, settings, output=corrected_out, review=True
        )
    else:
        from server.runtime.model_runtime import BlockingModelRuntime

        with BlockingModelRuntime.running() as model_runtime:
            outcome = correct_blocking(
                source,
                runtime.resources,
                settings,
                output=corrected_out,
                mode=mode,
                runtime=model_runtime,
                review=True,
            )
    heard = outcome.loaded.transcript.segments
    written = outcome.result.transcript.segments
    cues = [
        PageCue(before.position, before.timing, before.text, after.text)
        for before, after in zip(heard, written, strict=True)
    ]
    html = render_review_page(
        source.name,
        cues,
        outcome.uncertain or (),
        corrected=str(corrected) if corrected is not None else None,
    )
    write(page, html.encode("utf-8"))
    uncertain = len(outcome.uncertain or ())
    typer.echo(
        f"{source.name} -> {page_path}: {len(cues)} cues, "
        f"{len(outcome.result.corrections)} corrections, {uncertain} uncertain spans to decide",
        err=True,
    )


def _default_page(input_path: Path) -> Path:
    if str(input_path) == STDIO:
        return Path("transcript" + PAGE_SUFFIX)
    return input_path.with_name(input_path.stem + PAGE_SUFFIX)
