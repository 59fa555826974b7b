"""A readable before/after view of a run, for `shruti process --dry-run`."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from core.engine import ProcessResult
from core.transcript.segments import Transcript


def print_diff(
    original: Transcript, result: ProcessResult, *, console: Console | None = None
) -> None:
    """Print each changed segment as '-' and '+' lines with its changes listed."""
    out = console or Console(highlight=False, soft_wrap=True)  # piped: whole lines, no wrap
    by_segment: dict[int, list[str]] = {}
    for correction in result.corrections:
        change = f"{correction.before!r} -> {correction.after!r}"
        by_segment.setdefault(correction.segment, []).append(
            f"{correction.stage}: {change} ({correction.source})"
        )
    for before, after in zip(original.segments, result.transcript.segments, strict=True):
        if before.text == after.text:
            continue
        out.print(Text(f"@@ segment {before.position} ({before.timing})", style="cyan"))
        out.print(Text("- " + before.text.replace("\n", " / "), style="red"))
        out.print(Text("+ " + after.text.replace("\n", " / "), style="green"))
        for line in by_segment.get(before.position, []):
            out.print(Text("    " + line, style="dim"))
    summary = result.summary
    out.print(
        f"{summary.segments} segments, {len(result.corrections)} corrections in "
        f"{summary.changed_segments} segments; nothing written (dry run)"
    )
