"""Correct one transcript: read, parse, rules, optional model, compose, write, report.

The one use case behind `shruti process`, the `process_transcript` tool and every file of
a batch, so that all three read, correct, write and fail the same way, in every format
(core.transcript.formats: the input's format is recognised, the output's follows `to`, the
output file's extension, else the input's). Errors come from one vocabulary (core.errors):
InputError and TranscriptError for what cannot be read, OutputError for what may not or
cannot be written, UsageError for a format that cannot be written, ModelRequiredError when
a required model did not answer.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.engine import ProcessResult, Resources, house_style, process
from core.errors import InputError, OutputError
from core.knowledge.house_style import HouseStyle
from core.pipeline import StageProgress
from core.review import IAST, Reviewer, Uncertain, find_uncertain
from core.settings import Settings
from core.transcript import formats
from core.transcript.document import Document
from core.transcript.encoding import Decoded, decode, encode
from core.transcript.segments import Transcript
from core.transcript.wrap import respaced_span, rewrap
from server.runtime.files import Confine, content_hash, read_input, write_atomically
from server.runtime.model_mode import ModelMode

if TYPE_CHECKING:  # the model stage is imported only by callers that use it: a fast start
    from core.model.protocol import ModelBackend
    from core.model.stage import ModelReport
    from server.runtime.model_runtime import BlockingModelRuntime, ModelRuntime


@dataclass(frozen=True, slots=True)
class Source:
    """What to correct: a file (`path`), text given inline (`text`) or bytes read from a
    stream (`data`: standard input), cited as `name`."""

    name: str
    path: Path | None = None
    text: str | None = None
    data: bytes | None = None
    confine: Confine | None = None
    """Checks the real path of the opened file (the MCP server's allowed roots)."""
    format: str | None = None
    """The input's format when the caller knows it; else recognised from the content."""


@dataclass(frozen=True, slots=True)
class Rendering:
    """How the result is written: its format (None: the output's extension, else the
    input's) and the line width to re-wrap cue text to (None: lines as corrected)."""

    to: str | None = None
    wrap: int | None = None


@dataclass(frozen=True, slots=True)
class Output:
    """Where a result goes, and whether an existing file there may be replaced."""

    path: Path
    overwrite: bool = False
    durable: bool = False
    """Also sync the folder after the rename (a batch journals the file right after)."""
    overwrite_hint: str = "pass --overwrite to replace it"
    confine: Confine | None = None


@dataclass(frozen=True, slots=True)
class ModelStep:
    """The optional model stage: the process's runtime, the mode, and (MCP) a backend that
    overrides the configured one."""

    runtime: ModelRuntime
    mode: ModelMode
    backend: ModelBackend | None = None


@dataclass(frozen=True, slots=True)
class Loaded:
    """An input read and parsed: its bytes' hash, how it was encoded, its document (cues,
    format, layout) and the format the result is written in."""

    input_hash: str
    decoded: Decoded
    document: Document
    writes: str = ""

    @property
    def transcript(self) -> Transcript:
        return self.document.transcript


@dataclass(frozen=True, slots=True)
class Corrected:
    """The outcome of one correction."""

    loaded: Loaded
    result: ProcessResult
    model: ModelReport | None
    output: bytes
    written: Path | None = None
    notes: tuple[str, ...] = ()
    """What was left out or changed besides corrections (word timestamps, re-wrapped cues)."""
    uncertain: tuple[Uncertain, ...] | None = None
    """The spans of the output the rules were unsure of, when a review was asked for."""

    @property
    def output_hash(self) -> str:
        return content_hash(self.output)

    def report(self) -> dict[str, Any]:
        """The JSON report: the summary (with the model's report, the formats read and
        written, and notes on what was left out) and every correction."""
        report = self.result.report(model=self.model.as_dict() if self.model else None)
        report["summary"]["formats"] = {
            "read": self.loaded.document.format,
            "written": self.loaded.writes,
        }
        report["summary"]["notes"] = list(self.notes)
        if self.uncertain is not None:
            report["summary"]["uncertain"] = len(self.uncertain)
            report["uncertain"] = [item.as_dict() for item in self.uncertain]
        return report


def load(source: Source, *, max_bytes: int) -> Loaded:
    """Read and parse the source in its format; InputError or TranscriptError say what is
    wrong where."""
    if source.path is not None:
        data = read_input(source.path, max_bytes=max_bytes, confine=source.confine)
    else:
        data = source.data if source.data is not None else (source.text or "").encode("utf-8")
        if len(data) > max_bytes:
            raise InputError(
                source.name,
                f"{len(data):,} bytes, above the {max_bytes:,}-byte input limit "
                "(setting limits.max_input_bytes)",
            )
    decoded = decode(data, source=source.name)
    document = formats.parse(
        decoded.text,
        source=source.name,
        format=source.format,
        hint=formats.of_name(source.path.name if source.path else source.name),
    )
    return Loaded(content_hash(data), decoded, document)


def check_output(output: Output, *, source: Source) -> None:
    """Refuse, before any work, an output that may not be written."""
    target = output.path
    if target.is_dir():
        raise OutputError(str(target), "is a directory; name a file such as lecture.fixed.srt")
    if _same_file(target, source.path):
        raise OutputError(
            str(target), "refusing to overwrite the input file; choose another output"
        )
    if target.exists() and not output.overwrite:
        raise OutputError(str(target), f"exists; {output.overwrite_hint}")
    if not target.parent.is_dir():
        raise OutputError(str(target), f"folder {target.parent} does not exist")


def _same_file(target: Path, source: Path | None) -> bool:
    """True when writing `target` would replace the input (the same path, or a hard link)."""
    if source is None or not target.exists() or not source.exists():
        return False
    return target.resolve() == source.resolve() or target.samefile(source)


async def correct(
    source: Source,
    resources: Resources,
    settings: Settings,
    *,
    output: Output | None = None,
    report_to: Output | None = None,
    rendering: Rendering = Rendering(),
    model: ModelStep | None = None,
    review: bool = False,
    progress: Callable[[StageProgress], None] | None = None,
    cancelled: threading.Event | None = None,
) -> Corrected:
    """Read → parse → rules → model (optional) → compose → write (if `output`) → report
    (written as JSON to `report_to`, if given). With `review`, the result also lists the
    spans the rules were unsure of (core.review), with candidates.

    The rules run on a worker thread; `progress` hears every stage and every few hundred
    segments, and setting `cancelled` stops the run there (InterruptedError) with nothing
    written. The model stage, if asked for, runs in the caller's event loop.
    """
    import anyio.to_thread  # only async callers pay for the event loop machinery

    stop = cancelled or threading.Event()
    try:
        loaded, result = await anyio.to_thread.run_sync(
            lambda: apply_rules(
                source,
                resources,
                settings,
                output=output,
                report_to=report_to,
                rendering=rendering,
                progress=progress,
                cancelled=stop,
            ),
            abandon_on_cancel=True,
        )
    finally:
        stop.set()  # an abandoned thread stops at its next stage
    report = None
    if model is not None:
        refined = await model.runtime.refine(
            result, resources, settings, mode=model.mode, backend=model.backend
        )
        if refined is not None:
            result, report = refined.result, refined.report
    reviewer = resources.reviewer() if review else None
    return await anyio.to_thread.run_sync(
        lambda: finish(
            loaded,
            result,
            report,
            output=output,
            report_to=report_to,
            rendering=rendering,
            reviewer=reviewer,
            style=house_style(settings),
        )
    )


def correct_blocking(
    source: Source,
    resources: Resources,
    settings: Settings,
    *,
    output: Output | None = None,
    report_to: Output | None = None,
    rendering: Rendering = Rendering(),
    mode: ModelMode = ModelMode.OFF,
    runtime: BlockingModelRuntime | None = None,
    review: bool = False,
) -> Corrected:
    """`correct` for synchronous callers: straight through when no model is asked, else in
    the model runtime's event loop (its breaker and connections outlive this file)."""
    if runtime is None or mode is ModelMode.OFF:
        loaded, result = apply_rules(
            source, resources, settings, output=output, report_to=report_to, rendering=rendering
        )
        return finish(
            loaded,
            result,
            None,
            output=output,
            report_to=report_to,
            rendering=rendering,
            reviewer=resources.reviewer() if review else None,
            style=house_style(settings),
        )
    run = functools.partial(
        correct,
        source,
        resources,
        settings,
        output=output,
        report_to=report_to,
        rendering=rendering,
        model=ModelStep(runtime.runtime, mode),
        review=review,
    )
    return runtime.portal.call(run)


def apply_rules(
    source: Source,
    resources: Resources,
    settings: Settings,
    *,
    output: Output | None = None,
    report_to: Output | None = None,
    rendering: Rendering = Rendering(),
    progress: Callable[[StageProgress], None] | None = None,
    cancelled: threading.Event | None = None,
) -> tuple[Loaded, ProcessResult]:
    """The first half of the use case: load to rewrite (`load_to_rewrite`), run the rules."""
    loaded = load_to_rewrite(source, settings, output=output, report_to=report_to, to=rendering.to)
    result = process(
        loaded.transcript,
        resources,
        settings,
        should_stop=cancelled.is_set if cancelled is not None else None,
        progress=progress,
    )
    return loaded, result


def load_to_rewrite(
    source: Source,
    settings: Settings,
    *,
    output: Output | None,
    report_to: Output | None,
    to: str | None,
) -> Loaded:
    """What correcting and applying decisions both start with: refuse bad outputs, read and
    parse `source`, and settle the format the result is written in (UsageError for one that
    cannot be written)."""
    for target in (output, report_to):
        if target is not None:
            check_output(target, source=source)
    loaded = load(source, max_bytes=settings.limits.max_input_bytes)
    writes = formats.output_format(
        loaded.document.format,
        to=to,
        output_name=output.path.name if output is not None else None,
    )
    return replace(loaded, writes=writes)


def finish(
    loaded: Loaded,
    result: ProcessResult,
    report: ModelReport | None,
    *,
    output: Output | None = None,
    report_to: Output | None = None,
    rendering: Rendering = Rendering(),
    reviewer: Reviewer | None = None,
    style: HouseStyle = IAST,
) -> Corrected:
    """The second half: re-wrap (if asked), compose, write the output and the JSON report;
    with a `reviewer`, find the uncertain spans (as they stand in the output, candidates in
    the house `style`)."""
    transcript, notes = result.transcript, loaded.document.notes
    uncertain = None if reviewer is None else tuple(find_uncertain(result, reviewer, style))
    if rendering.wrap is not None:
        transcript, wrapped = rewrap(transcript, rendering.wrap, timed=loaded.document.timed)
        notes = (*notes, wrapped)
        if uncertain is not None:
            uncertain = tuple(_respaced(item, result.transcript, transcript) for item in uncertain)
    decoded = loaded.decoded
    text = formats.compose(loaded.document, transcript, to=loaded.writes or None)
    data = encode(text, bom=decoded.bom, newline=decoded.newline)
    corrected = Corrected(loaded, result, report, data, notes=notes, uncertain=uncertain)
    if output is not None:
        write(output, data)
        corrected = replace(corrected, written=output.path)
    if report_to is not None:
        text = json.dumps(corrected.report(), ensure_ascii=False, indent=2) + "\n"
        write(report_to, text.encode("utf-8"))
    return corrected


def _respaced(item: Uncertain, before: Transcript, after: Transcript) -> Uncertain:
    """An uncertain span moved to its cue's re-wrapped text (the same words, other breaks)."""
    old, new = before.texts[item.segment - 1], after.texts[item.segment - 1]
    if old == new:
        return item
    start, end = respaced_span(old, new, item.start, item.end)
    return replace(item, start=start, end=end, text=new[start:end])


def write(output: Output, data: bytes) -> None:
    """Write atomically where `output` says (OutputError on failure, nothing written)."""
    write_atomically(output.path, data, confine=output.confine, durable=output.durable)
