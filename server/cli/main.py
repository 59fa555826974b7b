"""The `shruti` command line: the app, its commands (one module each) and the entry point."""

from __future__ import annotations

import functools
import gc
import sys
from collections.abc import Callable
from typing import Annotated, ParamSpec

import typer

from core.errors import EXIT_INTERNAL, ShrutiError
from server.cli.apply import apply
from server.cli.batch import batch
from server.cli.config import config_app
from server.cli.process import process
from server.cli.review import review
from server.cli.serve import serve
from server.cli.validate import validate

app = typer.Typer(
    name="shruti",
    help="Restore Sanskrit in ASR subtitles of Yoga and Vedānta lectures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: flags without a "<bool>" type, nothing cut when piped
)


def _print_version(asked: bool) -> None:
    if asked:
        from server.runtime.version import package_version

        typer.echo(f"shruti {package_version()}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_print_version, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Restore Sanskrit in ASR subtitles of Yoga and Vedānta lectures."""


P = ParamSpec("P")


def one_line_errors(command: Callable[P, None]) -> Callable[P, None]:
    """A command whose deliberate errors end it with one line on stderr and their exit
    code (core.errors), the same whether it runs from `main` or under a test runner."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except ShrutiError as error:
            typer.echo(f"shruti: {error}", err=True)
            raise typer.Exit(error.exit_code) from None

    return run


app.command()(one_line_errors(process))
app.command()(one_line_errors(apply))
app.command()(one_line_errors(review))
app.command()(one_line_errors(batch))
app.command(name="validate")(one_line_errors(validate))
app.add_typer(config_app, name="config")
app.command()(one_line_errors(serve))


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
