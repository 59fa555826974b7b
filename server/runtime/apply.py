"""Apply review decisions to a corrected transcript: read, check every decision, write.

The use case behind `shruti apply` and the `apply_corrections` tool. A decision set is all
or nothing (core.apply): one stale, overlapping or out-of-range decision refuses the run
with exit 2 and nothing is written. The file is written back in its own format (or the one
`to` or the output's extension names), every cue no decision touches byte for byte as it
was, every timing untouched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from core.apply import Applied, Decision, apply_decisions
from core.settings import Settings
from core.transcript import formats
from core.transcript.encoding import encode
from server.runtime.correct import Loaded, Output, Rendering, Source, load_to_rewrite, write


@dataclass(frozen=True, slots=True)
class AppliedFile:
    """The outcome: what was read, what changed, the bytes written (and where)."""

    loaded: Loaded
    applied: Applied
    decisions: int
    output: bytes
    writes: str
    written: str | None = None

    def report(self) -> dict[str, Any]:
        """The JSON report: a summary and every change made."""
        changes = self.applied.changes
        return {
            "summary": {
                "decisions": self.decisions,
                "changes": len(changes),
                "changed_segments": len({change.segment for change in changes}),
                "formats": {"read": self.loaded.document.format, "written": self.writes},
            },
            "changes": [change.as_dict() for change in changes],
        }


def apply_file(
    source: Source,
    decisions: list[Decision],
    settings: Settings,
    *,
    output: Output | None = None,
    report_to: Output | None = None,
    rendering: Rendering | None = None,
) -> AppliedFile:
    """Read `source`, apply every decision (DecisionError: none), write `output` and the
    JSON report (to `report_to`), atomically."""
    loaded = load_to_rewrite(
        source,
        settings,
        output=output,
        report_to=report_to,
        to=rendering.to if rendering is not None else None,
    )
    writes = loaded.writes
    applied = apply_decisions(loaded.transcript, decisions)
    text = formats.compose(loaded.document, applied.transcript, to=writes)
    data = encode(text, bom=loaded.decoded.bom, newline=loaded.decoded.newline)
    outcome = AppliedFile(loaded, applied, len(decisions), data, writes)
    if output is not None:
        write(output, data)
        outcome = AppliedFile(loaded, applied, len(decisions), data, writes, str(output.path))
    if report_to is not None:
        report = json.dumps(outcome.report(), ensure_ascii=False, indent=2) + "\n"
        write(report_to, report.encode("utf-8"))
    return outcome
