"""A quality issue: one rule broken at one place, with its stable code and severity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

Severity = Literal["error", "warning", "info"]

# Every code the checks emit, with its severity. The codes are a public interface: agents
# and editors filter on them, so a code is never renamed.
SEVERITY: Mapping[str, Severity] = MappingProxyType(
    {
        # timing
        "negative_duration": "error",
        "overlap": "error",
        "out_of_order": "error",
        "too_short": "warning",
        "too_long": "warning",
        "reading_speed": "warning",
        "bad_numbering": "warning",
        "gap_too_small": "info",
        # layout
        "empty_text": "error",
        "line_too_long": "warning",
        "too_many_lines": "warning",
        "markup": "warning",
        # language
        "invalid_iast": "error",
        "unrestored_term": "warning",
        "inconsistent_anusvara": "warning",
        "filler": "warning",
        "unrecognised_verse": "info",
    }
)


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem: `segment` is the 1-based position of the cue, `line` its line in the file."""

    segment: int
    line: int
    code: str
    message: str
    suggestion: str | None = None

    @property
    def severity(self) -> Severity:
        return SEVERITY[self.code]

    def as_dict(self) -> dict[str, object]:
        record: dict[str, object] = {
            "segment": self.segment,
            "line": self.line,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
        }
        if self.suggestion is not None:
            record["suggestion"] = self.suggestion
        return record
