"""Every span of a corrected transcript a reviewer should decide, in cue order.

Two sources: what the stages themselves were unsure of (a word that looked Sanskrit but
matched nothing, a match below the confidence a change needs, a verse recognised but not
restored), moved to where it stands in the output; and what `Reviewer` finds reading the
output again. Where both flag a span, their candidates are pooled.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Protocol

from core.knowledge.house_style import HouseStyle
from core.knowledge.lexicon import SCORE_PHONETIC
from core.review.items import Candidate, Uncertain, cased, keep, ranked
from core.review.suspects import Reviewer
from core.stages import EMITTED_BY, STAGE_ORDER
from core.stages.term_decisions import MAX_FUZZY_SCORE
from core.stages.terms import SPELLED
from core.transcript.edits import Correction, Finding, by_segment_of, moved_span
from core.transcript.segments import Transcript

IAST = HouseStyle()
"""The default house style: candidates are written as the lexicon has them."""


class Corrected(Protocol):
    """What find_uncertain reads of a result (core.engine.ProcessResult has it)."""

    @property
    def transcript(self) -> Transcript: ...
    @property
    def findings(self) -> Sequence[Finding]: ...
    @property
    def corrections(self) -> Sequence[Correction]: ...


def find_uncertain(
    result: Corrected, reviewer: Reviewer, style: HouseStyle = IAST
) -> list[Uncertain]:
    """The uncertain spans of `result`'s output, sorted, none overlapping another
    (`reviewer`: core.engine.Resources.reviewer()), their candidates written in the house
    `style` the output was written in."""
    texts = result.transcript.texts
    items = [*_from_stages(result, texts), *_doubtful_corrections(result, texts, reviewer)]
    canonical = _canonical_spans(result)
    items.extend(
        Uncertain(segment, suspect.start, suspect.end, text[suspect.start : suspect.end],
                  suspect.candidates, suspect.reason)
        for segment, text in enumerate(texts, 1)
        for suspect in reviewer.suspects(text)
        if not any(start < suspect.end and suspect.start < end
                   for start, end in canonical.get(segment, ()))
    )  # fmt: skip
    items.extend(_verse_compounds(texts, canonical, reviewer))
    merged = _merged(sorted(items, key=lambda item: (item.segment, item.start, -item.end)))
    return merged if style == IAST else [*_in_style(merged, style)]


def _in_style(items: list[Uncertain], style: HouseStyle) -> Iterator[Uncertain]:
    """The items with their candidates in the house style. One whose candidates then all
    read as its text ("Krishna" in the simple style, where Kṛṣṇa is written so) has nothing
    left to decide and goes."""
    for item in items:
        candidates = ranked(
            candidate
            if candidate.source == "keep"
            else Candidate(style.write(candidate.text), candidate.score, candidate.source)
            for candidate in item.candidates
        )
        if any(not style.writes_as(candidate.text, item.text) for candidate in candidates):
            yield replace(item, candidates=candidates)


def _from_stages(result: Corrected, texts: Sequence[str]) -> list[Uncertain]:
    items: list[Uncertain] = []
    corrections = by_segment_of(result.corrections)
    for finding in result.findings:
        if finding.kind not in EMITTED_BY or finding.end <= finding.start:
            continue
        if finding.kind == "verse" and finding.restored:
            continue
        if not 1 <= finding.segment <= len(texts):
            continue
        first = STAGE_ORDER.index(EMITTED_BY[finding.kind])
        own = corrections.get(finding.segment, ())
        span = moved_span(finding, own, (*STAGE_ORDER[first:], "model"))
        text = texts[finding.segment - 1]
        if span is None or not 0 <= span[0] < span[1] <= len(text):
            continue
        heard = text[span[0] : span[1]]
        if finding.kind == "verse":
            proposed = Candidate(finding.detail, finding.confidence, f"verse:{finding.ref}")
            reason = f"partly recognised verse {finding.ref} ({finding.confidence:.2f})"
        elif finding.ref:
            proposed = Candidate(
                cased(finding.detail, heard), finding.confidence, f"lexicon:{finding.ref}"
            )
            reason = f"a doubtful match ({finding.confidence:.2f}) not applied"
        else:
            continue  # an unknown word: the reviewer's reading finds its candidates
        items.append(Uncertain(finding.segment, *span, heard, (proposed, keep(heard)), reason))
    return items


DOUBTFUL = 0.9
"""A correction the terms stage made below this confidence (a faint likeness, a case ending
read on a stem) is offered back for review, with the word as heard and its marked spellings;
so is any likeness (a fuzzy match scores above a phonetic key's SCORE_PHONETIC, up to
MAX_FUZZY_SCORE: "pratyag" written Prayāga at 0.903)."""
DOUBTFUL_CUT = 0.98
"""A word the terms stage cut into compound members below this confidence is offered back
too: cuts by likeness are right about a third of the time on words the lexicon never saw
("samanvitam" cut sāman-vitāna, though "kṛṣṇa-tattva" is right)."""
SCORE_HEARD = 0.35
"""The word as heard, offered back: below a lexicon likeness, above keeping the correction."""
SCORE_WITHOUT_VISARGA = 0.25
"""A sure correction that ends in a visarga the recogniser did not write ("gati": gatiḥ) is
offered back without it: the visarga is right a third of the time on the dev chapters'
vocabulary folds and the bare word a quarter (svārtha-gati), so it ranks after keeping."""
_PLACED_STAGES = frozenset(STAGE_ORDER)
"""Stages whose corrections index the text each stage was given, in pipeline order: a segment
a later pass rewrote (settle, the model) is not placed."""


class Speller(Protocol):
    """What offers the marked spellings of a plain word (core.review.suspects.Reviewer)."""

    def spellings(self, word: str) -> list[Candidate]: ...
    def readings(self, word: str) -> list[Candidate]: ...


def _doubtful_corrections(
    result: Corrected, texts: Sequence[str], speller: Speller
) -> Iterator[Uncertain]:
    """The terms stage's one-word corrections below DOUBTFUL, where they stand in the output,
    each offered back as heard or spelled otherwise (a reviewer may undo a likeness); and
    the sure ones that end in a visarga no one heard, offered back without it."""
    for segment, own in by_segment_of(result.corrections).items():
        if not 1 <= segment <= len(texts) or any(c.stage not in _PLACED_STAGES for c in own):
            continue
        text, shift = texts[segment - 1], 0
        for correction in sorted((c for c in own if c.stage == "terms"), key=lambda c: c.start):
            start = correction.start + shift
            end = start + len(correction.after)
            shift += len(correction.after) - (correction.end - correction.start)
            heard = correction.before
            cut = "-" in correction.after and "-" not in heard
            if text[start:end] != correction.after:
                continue
            if " " in heard or not heard.isalpha():
                continue  # a phrase or a word with its punctuation: kept as the stage wrote it
            if not _doubtful(correction.confidence, cut=cut):
                if _unheard_visarga(heard, correction.after):
                    bare = Candidate(correction.after[:-1], SCORE_WITHOUT_VISARGA, "generated")
                    candidates = ranked([bare, keep(correction.after)])
                    reason = f"a visarga added that was not heard: heard {heard!r}"
                    yield Uncertain(segment, start, end, correction.after, candidates, reason)
                continue
            guessed = correction.source == SPELLED  # only the marks were guessed: the
            # lexicon's likenesses of the word are as good a bet
            alternatives = speller.readings(heard) if guessed else speller.spellings(heard)
            others = [Candidate(heard, SCORE_HEARD, "heard"), *alternatives]
            candidates = ranked([*others, keep(correction.after)])
            reason = f"a doubtful match ({correction.confidence:.2f}) applied: heard {heard!r}"
            yield Uncertain(segment, start, end, correction.after, candidates, reason)


SCORE_PRINTED = 0.5
"""A verse compound as books print it: as likely as the verse text's joined form."""
_VERSE_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


class Printer(Protocol):
    """What writes a verse word as books print it (core.review.suspects.Reviewer)."""

    def printed(self, word: str) -> str: ...


def _verse_compounds(
    texts: Sequence[str], canonical: dict[int, list[tuple[int, int]]], printer: Printer
) -> Iterator[Uncertain]:
    """Compounds of a restored verse written joined that books print hyphenated: a recitation
    keeps the verse text's joined compounds, a quotation is printed as books print it, and
    only the editor knows which the lecturer meant."""
    for segment, spans in canonical.items():
        text = texts[segment - 1] if 1 <= segment <= len(texts) else ""
        for start, end in spans:
            for match in _VERSE_WORD.finditer(text, start, min(end, len(text))):
                word = match.group()
                printed = printer.printed(word)
                if printed != word:
                    candidates = (Candidate(printed, SCORE_PRINTED, "books"), keep(word))
                    reason = "a verse compound written joined; books print it hyphenated"
                    yield Uncertain(segment, *match.span(), word, candidates, reason)


def _unheard_visarga(heard: str, written: str) -> bool:
    """True if the correction ends in a visarga nothing in the word as heard stands for."""
    return written.endswith("ḥ") and not heard.lower().endswith("h")


def _doubtful(confidence: float, *, cut: bool) -> bool:
    if cut:
        return confidence < DOUBTFUL_CUT
    return confidence < DOUBTFUL or SCORE_PHONETIC < confidence <= MAX_FUZZY_SCORE


def _canonical_spans(result: Corrected) -> dict[int, list[tuple[int, int]]]:
    """Where the verses stage wrote a verse's canonical text, by segment, in the output: the
    review pass leaves those words alone (their endings and compounds are the text's)."""
    later = STAGE_ORDER[STAGE_ORDER.index("verses") + 1 :]
    spans: dict[int, list[tuple[int, int]]] = {}
    corrections = by_segment_of(result.corrections)
    for finding in result.findings:
        if finding.kind == "verse_span":
            own = corrections.get(finding.segment, ())
            moved = moved_span(finding, own, (*later, "model"))
            if moved is not None:
                spans.setdefault(finding.segment, []).append(moved)
    return spans


def _merged(items: list[Uncertain]) -> list[Uncertain]:
    """The first of overlapping items (the longest at a start) keeps the span; candidates of
    an item on exactly the same span join its own."""
    kept: list[Uncertain] = []
    for item in items:
        if kept and kept[-1].segment == item.segment and item.start < kept[-1].end:
            last = kept[-1]
            if (item.start, item.end) == (last.start, last.end):
                pooled = ranked([*last.candidates, *item.candidates])
                kept[-1] = Uncertain(
                    last.segment, last.start, last.end, last.text, pooled, last.reason
                )
            continue
        kept.append(item)
    return kept
