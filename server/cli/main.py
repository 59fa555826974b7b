"""The `shruti` command line: process, and the sub-commands added by other modules."""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from core.errors import EXIT_INTERNAL, EXIT_USAGE, ShrutiError, TranscriptError
from server.cli.batch import batch
from server.cli.config import config_app
from server.cli.serve import serve
from server.cli.validate import validate
from server.runtime.files import read_transcript, write_atomically
from server.runtime.model_mode import ModelMode

if TYPE_CHECKING:
    from core.engine import ProcessResult
    from server.runtime.state import Runtime

app = typer.Typer(
    name="shruti",
    help="Restore Sanskrit in ASR subtitles of Yoga and Vedānta lectures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Restore Sanskrit in ASR subtitles of Yoga and Vedānta lectures."""


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print one clear line on stderr and return the Exit to raise."""
    typer.echo(f"shruti: {message}", err=True)
    return typer.Exit(code)


@app.command()
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
        ModelMode,
        typer.Option(
            "--model",
            help="Ask a language model about words the rules left uncertain: off; auto "
            "(model.backend, keeping the rule result on any failure); required (exit 3 "
            "when no model answered).",
        ),
    ] = ModelMode.OFF,
) -> None:
    """Correct one SRT file: fillers, references, verses and Sanskrit terms."""
    from core.engine import process as run_engine
    from core.transcript.srt import compose, encode
    from server.runtime.state import load_runtime

    if output is not None and not dry_run:
        _check_output(input_path, output, overwrite=overwrite)
    if report is not None and not dry_run:
        _check_output(input_path, report, overwrite=True)
    try:
        transcript, decoded = read_transcript(input_path)
    except TranscriptError as error:
        raise fail(str(error)) from None
    except OSError as error:
        raise fail(f"{input_path}: cannot read ({error.strerror or error})") from None
    runtime = load_runtime()
    result = run_engine(transcript, runtime.resources, runtime.settings)
    if model is not ModelMode.OFF:
        result = _refine_with_model(result, runtime, model)
    if dry_run:
        from server.cli.diff import print_diff

        print_diff(transcript, result)
        return
    srt_text = compose(result.transcript, newline=decoded.newline)
    data = encode(srt_text, bom=decoded.bom)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        _write(output, data)
    if report is not None:
        _write(report, (json.dumps(result.report(), ensure_ascii=False, indent=2) + "\n").encode())
    summary = result.summary
    if output is not None:
        typer.echo(
            f"{input_path} -> {output}: {summary.segments} segments, "
            f"{len(result.corrections)} corrections in {summary.changed_segments} segments, "
            f"{len(summary.verses)} verses",
            err=True,
        )


app.command()(batch)
app.command(name="validate")(validate)
app.add_typer(config_app, name="config")
app.command()(serve)


def _refine_with_model(result: ProcessResult, runtime: Runtime, choice: ModelMode) -> ProcessResult:
    """The optional model stage; imported only when asked for, to keep start-up fast."""
    from core.errors import EXIT_NO_MODEL, ModelRequiredError
    from server.runtime.logs import configure_logging
    from server.runtime.model_run import run_with_model

    configure_logging()
    try:
        return run_with_model(result, runtime.resources, runtime.settings, mode=choice)
    except ModelRequiredError as error:
        raise fail(str(error), EXIT_NO_MODEL) from None


def _check_output(input_path: Path, output: Path, *, overwrite: bool) -> None:
    if output.exists() and input_path.exists() and output.resolve() == input_path.resolve():
        raise fail(f"{output}: refusing to overwrite the input file; choose another output")
    if output.exists() and not overwrite:
        raise fail(f"{output}: exists; pass --overwrite to replace it")
    if not output.parent.is_dir():
        raise fail(f"{output}: directory {output.parent} does not exist")


def _write(path: Path, data: bytes) -> None:
    """Write atomically; a full disk or an unwritable folder is one clear line, exit 2."""
    try:
        write_atomically(path, data)
    except OSError as error:
        raise fail(
            f"{path}: cannot write ({error.strerror or error}); nothing was written"
        ) from None


GC_THRESHOLD = 100_000
"""Net allocations of tracked objects between young-generation collections (default 700).

Start-up (imports, index load) and the engine allocate many objects and next to no cyclic
garbage, so the default collects over a hundred times for nothing: 10-15 ms of a small file's
cold start and 8% of a 20,000-segment run. Reference counting frees the rest.
"""


def main() -> None:
    """Console entry point: one line on stderr and the error's exit code (2 bad input or
    usage, 1 internal or data error, 3 no model answered), never a traceback."""
    gc.set_threshold(GC_THRESHOLD)
    try:
        app()
    except ShrutiError as error:
        typer.echo(f"shruti: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        typer.echo("shruti: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - top level: one line, not a traceback
        typer.echo(f"shruti: internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(EXIT_INTERNAL)
