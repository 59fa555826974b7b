"""`shruti validate`: the quality report of one transcript, as a table or as JSON."""

from __future__ import annotations

import json
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from server.cli.options import StyleOption, styled
from server.cli.streams import source_for

if TYPE_CHECKING:  # imported when the command runs, to keep `shruti` quick to start
    from core.quality.report import QualityReport
    from core.transcript.document import Document


class ProfileName(StrEnum):
    netflix = "netflix"
    subtitle_edit = "subtitle-edit"


def validate(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT",
            help="Transcript (.srt, .vtt, .sbv, Whisper .json, .txt); - reads standard input.",
        ),
    ],
    reference: Annotated[
        Path | None,
        typer.Option(
            "--reference", help="An edited transcript to measure WER, CER and terms against."
        ),
    ] = None,
    profile: Annotated[
        ProfileName, typer.Option("--profile", help="Style guide whose limits apply.")
    ] = ProfileName.netflix,
    style: StyleOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Report timing, layout and Sanskrit issues by segment, and a score (exit 0 with issues)."""
    from core.engine import term_options
    from core.quality.profiles import with_overrides
    from core.quality.report import validate as run_validate
    from server.runtime.state import load_runtime

    runtime = load_runtime()
    settings = styled(runtime.settings, style)
    max_bytes = settings.limits.max_input_bytes
    document = _read(input_path, max_bytes)
    reference_document = _read(reference, max_bytes) if reference is not None else None
    resources = runtime.resources
    report = run_validate(
        document.transcript,
        reference=reference_document.transcript if reference_document is not None else None,
        profile=with_overrides(profile.value, settings.quality),
        terms=resources.term_matcher(term_options(settings)),
        verses=resources.verses,
        english=resources.english,
        lines=document.lines,
        timed=document.timed,
        script=settings.style.script,
    )
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_report(report, document.transcript.source)


def _read(path: Path, max_bytes: int) -> Document:
    """Read and parse (InputError or TranscriptError name the file, and the line)."""
    from server.runtime.correct import load

    return load(source_for(path, max_bytes=max_bytes), max_bytes=max_bytes).document


def _print_report(report: QualityReport, name: str) -> None:
    from rich.console import Console

    from server.cli.tables import print_table

    console = Console(highlight=False)
    if report.issues:
        print_table(
            ("seg", "line", "severity", "code", "message", "suggestion"),
            [
                (
                    str(issue.segment),
                    str(issue.line),
                    issue.severity,
                    issue.code,
                    issue.message,
                    issue.suggestion or "",
                )
                for issue in report.issues
            ],
            title=f"{name} ({report.profile})",
            console=console,
        )
    else:
        console.print(f"{name} ({report.profile}): no issues", markup=False)
    metrics = report.metrics
    counts = Counter(issue.severity for issue in report.issues)
    console.print(
        f"score {report.score}/100 · {metrics['segments']} segments, "
        f"{metrics['segments_with_issues']} with issues · {counts['error']} errors, "
        f"{counts['warning']} warnings, {counts['info']} infos · "
        f"mean {metrics['mean_cps']} characters/s",
        markup=False,
        soft_wrap=True,
    )
    if report.reference is not None:
        rates, terms = report.reference.rates, report.reference.terms
        accuracy = "n/a" if terms.accuracy is None else f"{terms.accuracy:.2%}"
        console.print(
            f"WER {rates['wer']:.2%} (normalized {rates['wer_normalized']:.2%}) · "
            f"CER {rates['cer']:.2%} (normalized {rates['cer_normalized']:.2%}) · "
            f"term accuracy {accuracy} ({terms.matched} of {terms.total} reference terms) · "
            f"{report.reference.diffs_total} differing stretches",
            markup=False,
            soft_wrap=True,
        )
