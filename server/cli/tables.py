"""Tables for people at a terminal, and every value in full when the output is piped."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Column, Table
from rich.text import Text

NO_WRAP = frozenset({"key", "version", "created_at", "seg", "line"})


def print_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    console: Console | None = None,
) -> None:
    """A rich table on a terminal; piped, tab-separated lines (a header line first) with
    nothing cut, so that `grep`, `cut` and spreadsheets get whole values."""
    out = console or Console(highlight=False)
    if not out.is_terminal:
        lines = [title] if title else []
        lines.extend(
            "\t".join(cell.replace("\t", " ").replace("\n", "; ") for cell in row)
            for row in (headers, *rows)
        )
        out.file.write("".join(line + "\n" for line in lines))
        out.file.flush()
        return
    table = Table(
        *(Column(name, no_wrap=name in NO_WRAP) for name in headers),
        title=title,
        title_justify="left",
    )
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    out.print(table)
