"""A rules result of one cue with one word the rules were unsure of ("tapasya"), and the
few indexes the model stage reads: what the model-runtime and sampling tests refine."""

from __future__ import annotations

from dataclasses import dataclass

from core.engine import ProcessResult, Summary
from core.knowledge.english import EnglishWords
from core.transcript.edits import Finding
from core.transcript.segments import Segment, Transcript

TEXT = "he practised tapasya daily"
FIXED = "he practised tapasyā daily"


@dataclass(frozen=True)
class NoVerses:
    def get(self, verse_id: str) -> None:
        return None


@dataclass(frozen=True)
class Indexes:
    verses: NoVerses
    english: EnglishWords


INDEXES = Indexes(NoVerses(), EnglishWords(dict.fromkeys(["he", "practised", "daily"], 5.0)))


def rules_result() -> ProcessResult:
    segment = Segment(1, 1, "00:00:01,000 --> 00:00:02,000", 1000, 2000, TEXT)
    summary = Summary(1, 0, {"terms": 0}, [], 1.0)
    finding = Finding(1, "uncertain", "tapasya", 0.5, start=13, end=20)
    return ProcessResult(Transcript((segment,)), [], [finding], summary)
