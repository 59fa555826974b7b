"""The draft of a lexicon entry, which every source yields and the merge assembles."""

from __future__ import annotations

from dataclasses import dataclass, field

PROPER_KINDS = frozenset({"name", "work", "deity", "place", "teacher", "school"})
KINDS = frozenset({"term", *PROPER_KINDS})
"""The kinds a curated row may give; the build adds "form", "short", "quoted" and "stem" itself."""


@dataclass(slots=True)
class Draft:
    """An entry being assembled from one or more sources (`extra`: ASR spellings given)."""

    iast: str
    kind: str
    meaning: str | None
    source: str
    devanagari: str | None = None
    extra: set[str] = field(default_factory=set)
