"""Stage: spoken scripture references to digits. PLACEHOLDER (being filled in)."""

from __future__ import annotations

from core.edits import Edit
from core.pipeline import StageFn, per_segment


def make_numbers_stage(*, enabled: bool) -> StageFn:
    def correct(text: str) -> list[Edit]:
        return []

    return per_segment(correct)
