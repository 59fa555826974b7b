"""Subtitle style profiles: the thresholds the quality checks measure against.

Figures and their sources (see /work/shared/notes/peers.md, section 1a):

- ``netflix``: the Netflix Timed Text Style Guide, English (USA): a cue lasts at least
  5/6 s (20 frames at 24 fps) and at most 7 s; 42 characters a line, 2 lines; reading speed
  20 characters per second for adult programmes (the guide allows 17 for children's
  programmes; our lectures are for adults, so 20); at least 2 frames between cues, 83 ms at
  24 fps. Netflix counts spaces and punctuation in the reading speed; so do we.
- ``subtitle-edit``: Subtitle Edit's defaults (``SeGeneral.cs``): 1000-8000 ms, 43
  characters a line, 2 lines, 25 characters per second, 24 ms between cues.

The language thresholds are ours and the same in both profiles: four Sanskrit-looking words
in a row make a recitation, and a verse index score (0..1) of 0.75 counts as a known verse
(unrelated Sanskrit lines score 0.5-0.61 against the Gītā index; a recited verse, even in
ASR spelling, scores near 1.0); an English word is one of Zipf frequency 3.0 or more, and
a known ASR spelling that is as common as Zipf 4.0 in English ("ma") counts as an unrestored
term only beside Sanskrit-looking words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from core.settings import QualitySettings


@dataclass(frozen=True, slots=True)
class Profile:
    """Thresholds for one style guide; frozen, so a profile can be shared freely."""

    name: str
    min_duration_ms: int
    max_duration_ms: int
    max_line_chars: int
    max_lines: int
    max_cps: float
    min_gap_ms: int
    verse_min_words: int = 4
    verse_min_score: float = 0.75
    english_zipf: float = 3.0


NETFLIX = Profile(
    name="netflix",
    min_duration_ms=833,
    max_duration_ms=7000,
    max_line_chars=42,
    max_lines=2,
    max_cps=20.0,
    min_gap_ms=83,
)

SUBTITLE_EDIT = Profile(
    name="subtitle-edit",
    min_duration_ms=1000,
    max_duration_ms=8000,
    max_line_chars=43,
    max_lines=2,
    max_cps=25.0,
    min_gap_ms=24,
)

PROFILES: Mapping[str, Profile] = MappingProxyType({p.name: p for p in (NETFLIX, SUBTITLE_EDIT)})


def get_profile(profile: str | Profile) -> Profile:
    """The profile of that name (or the profile itself); ValueError names the known ones."""
    if isinstance(profile, Profile):
        return profile
    try:
        return PROFILES[profile]
    except KeyError:
        known = ", ".join(sorted(PROFILES))
        raise ValueError(f"unknown profile {profile!r}; known: {known}") from None


def with_overrides(profile: str | Profile, quality: QualitySettings) -> Profile:
    """The profile with every threshold set in the `quality` settings section replacing its own."""
    overrides = {key: value for key, value in quality.model_dump().items() if value is not None}
    return replace(get_profile(profile), **overrides)
