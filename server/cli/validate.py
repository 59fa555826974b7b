"""`shruti validate`: the quality report of one SRT file, as a table or as JSON."""

from __future__ import annotations

import json
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # imported when the command runs, to keep `shruti` quick to start
    from core.quality.lines import CueLines
    from core.quality.report import QualityReport
    from core.transcript.segments import Transcript

_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


class ProfileName(StrEnum):
    netflix = "netflix"
    subtitle_edit = "subtitle-edit"


def validate(
    input_path: Annotated[Path, typer.Argument(metavar="INPUT.srt", help="Subtitle file.")],
    reference: Annotated[
        Path | None,
        typer.Option("--reference", help="An edited SRT to measure WER, CER and terms against."),
    ] = None,
    profile: Annotated[
        ProfileName, typer.Option("--profile", help="Style guide whose limits apply.")
    ] = ProfileName.netflix,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Report timing, layout and Sanskrit issues by segment, and a score (exit 0 with issues)."""
    from core.quality.profiles import with_overrides
    from core.quality.report import validate as run_validate
    from server.runtime.state import load_runtime

    transcript, lines = _read(input_path)
    reference_transcript = _read(reference)[0] if reference is not None else None
    runtime = load_runtime()
    resources = runtime.resources
    report = run_validate(
        transcript,
        reference=reference_transcript,
        profile=with_overrides(profile.value, runtime.settings.quality),
        lexicon=resources.lexicon,
        verses=resources.verses,
        english=resources.english,
        lines=lines,
    )
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_report(report, input_path)


def _read(path: Path) -> tuple[Transcript, CueLines]:
    """Read and parse (InputError or TranscriptError name the file, and the line)."""
    from core.quality.lines import cue_lines
    from server.runtime.correct import Source, load
    from server.runtime.files import DEFAULT_MAX_BYTES

    loaded = load(Source(name=str(path), path=path), max_bytes=DEFAULT_MAX_BYTES)
    return loaded.transcript, cue_lines(loaded.decoded.text)


def _print_report(report: QualityReport, path: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    if report.issues:
        table = Table(title=f"{path} ({report.profile})", title_justify="left")
        for column in ("seg", "line", "severity", "code", "message", "suggestion"):
            table.add_column(column, justify="right" if column in ("seg", "line") else "left")
        for issue in report.issues:
            table.add_row(
                str(issue.segment),
                str(issue.line),
                f"[{_STYLE[issue.severity]}]{issue.severity}[/]",
                issue.code,
                issue.message,
                issue.suggestion or "",
                end_section=False,
            )
        console.print(table)
    else:
        console.print(f"{path} ({report.profile}): no issues")
    metrics = report.metrics
    counts = Counter(issue.severity for issue in report.issues)
    console.print(
        f"score [bold]{report.score}[/]/100 · {metrics['segments']} segments, "
        f"{metrics['segments_with_issues']} with issues · {counts['error']} errors, "
        f"{counts['warning']} warnings, {counts['info']} infos · "
        f"mean {metrics['mean_cps']} characters/s"
    )
    if report.reference is not None:
        rates, terms = report.reference.rates, report.reference.terms
        accuracy = "n/a" if terms.accuracy is None else f"{terms.accuracy:.2%}"
        console.print(
            f"WER {rates['wer']:.2%} (normalized {rates['wer_normalized']:.2%}) · "
            f"CER {rates['cer']:.2%} (normalized {rates['cer_normalized']:.2%}) · "
            f"term accuracy {accuracy} ({terms.matched} of {terms.total} reference terms) · "
            f"{report.reference.diffs_total} differing stretches"
        )
