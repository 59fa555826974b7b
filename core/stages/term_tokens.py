"""What the terms stage knows of one distinct surface token, computed once per spelling."""

from __future__ import annotations

from dataclasses import dataclass

from core.stages.term_decisions import Decision

__all__ = ["TokenInfo"]


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """One distinct surface token: whether it can change, and its decision if any."""

    text: str
    marked: bool  # carries IAST marks: never corrected, at most restyled (ṃ/ṁ)
    plain: bool  # ASCII letters (and apostrophes): may be corrected
    active: bool  # a segment without an active token needs no work
    sanskrit: bool  # counts as Sanskrit context for its neighbours
    decision: Decision | None = None
    phrase_start: bool = False
    uncertain: bool = False
    fragment: bool = False  # unknown to English and the lexicon: maybe half a split word
    cue_trigger: bool = False  # as heard or decided, a word that makes a cue look around
    common_term: bool = False  # a Sanskrit common noun (yoga too), not a name
    cue_reads: bool = False  # a word a cue may read (core.knowledge.cues.HEARD)
    capital_heard: bool = False  # a common noun heard capitalised: a capital that may go
    spellable: bool = False  # unknown everywhere, lower-case: its marks may be guessed
