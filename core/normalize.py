"""Stage: remove hesitation fillers and stutters. PLACEHOLDER (being filled in)."""

from __future__ import annotations

from core.edits import Edit
from core.pipeline import StageFn, per_segment


def make_normalize_stage(*, remove_fillers: bool, remove_stutters: bool) -> StageFn:
    def correct(text: str) -> list[Edit]:
        return []

    return per_segment(correct)
