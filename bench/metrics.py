"""Score an engine's output against a golden set, token by aligned token."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher

import jiwer

from bench.golden import GoldenSet, Recitation
from bench.source import canonical_id
from bench.tokens import FILLER, fold_case, score_tokens


@dataclass(frozen=True, slots=True)
class RecognisedVerse:
    """A verse the engine reported: its id and the (first) segment it starts in."""

    segment: int
    verse_id: str


@dataclass(frozen=True, slots=True)
class Scores:
    """Every figure `make eval` prints, computed once."""

    segments: int
    term_tokens: int
    term_accuracy: float
    term_accuracy_cased: float
    term_accuracy_input: float
    verses: int
    verse_accuracy: float
    verses_recognised: float
    verses_restored: float
    references: int
    numbers_accuracy: float
    fillers_inserted: int
    fillers_left: int
    stutters_left: int
    english_words: int
    english_damaged: int
    damage_per_1000: float
    wer_input: float
    wer_output: float
    timings_kept: float
    segment_count_unchanged: bool

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def aligned(reference: Sequence[str], hypothesis: Sequence[str]) -> list[int | None]:
    """For each reference token, the index of the equal hypothesis token it aligns with."""
    matched: list[int | None] = [None] * len(reference)
    matcher = SequenceMatcher(None, list(reference), list(hypothesis), autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            matched[block.a + offset] = block.b + offset
    return matched


@dataclass(frozen=True, slots=True)
class TermCounts:
    total: int
    found: int
    found_cased: int


def term_counts(tokens: Sequence[tuple[str, str]], output: str) -> TermCounts:
    """Sanskrit reference tokens found at their aligned place (any case, and exact case)."""
    hypothesis = score_tokens(output)
    reference = [token for token, _ in tokens]
    matched = aligned([fold_case(t) for t in reference], [fold_case(t) for t in hypothesis])
    total = found = cased = 0
    for (token, kind), index in zip(tokens, matched, strict=True):
        if kind != "sanskrit":
            continue
        total += 1
        if index is not None:
            found += 1
            cased += hypothesis[index] == token
    return TermCounts(total, found, cased)


def english_damage(
    tokens: Sequence[tuple[str, str]], input_text: str, output: str
) -> tuple[int, int]:
    """(English reference words right in the input, how many of them the output changed)."""
    reference = [token for token, _ in tokens]
    in_input = aligned(reference, score_tokens(input_text))
    in_output = aligned(reference, score_tokens(output))
    right = damaged = 0
    for (_, kind), before, after in zip(tokens, in_input, in_output, strict=True):
        if kind == "english" and before is not None:
            right += 1
            damaged += after is None
    return right, damaged


def fillers_in(text: str) -> int:
    return sum(1 for word in text.split() if FILLER.match(word.strip(",.;:!?")))


def repeats_in(text: str) -> int:
    """Immediate repetitions of one or two words ("the the", "in the in the")."""
    words = [fold_case(t) for t in score_tokens(text)]
    single = sum(1 for i in range(1, len(words)) if words[i] == words[i - 1])
    double = sum(1 for i in range(3, len(words)) if words[i - 1 : i + 1] == words[i - 3 : i - 1])
    return single + double


def _folded(text: str) -> list[str]:
    return [fold_case(token) for token in score_tokens(text)]


def recitation_restored(golden: GoldenSet, recitation: Recitation, outputs: Sequence[str]) -> bool:
    """Each segment of the recitation reads exactly its canonical words, and nothing more.

    A half verse "restored" to a whole one, or text moved to the other segment, is wrong.
    """
    return all(
        p <= len(outputs) and _folded(outputs[p - 1]) == _folded(golden.segments[p - 1].reference)
        for p in recitation.positions
    )


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 1.0


def _wer(references: list[str], hypotheses: list[str]) -> float:
    pairs = [
        (" ".join(score_tokens(r)), " ".join(score_tokens(h)))
        for r, h in zip(references, hypotheses, strict=True)
    ]
    kept = [(r, h) for r, h in pairs if r]
    return float(jiwer.wer([r for r, _ in kept], [h for _, h in kept]))


def score(
    golden: GoldenSet,
    outputs: Sequence[str],
    timings: Sequence[str],
    recognised: Sequence[RecognisedVerse],
) -> Scores:
    """All metrics of one run: `outputs`/`timings` are the engine's segments in order."""
    segments = golden.segments
    count_unchanged = len(outputs) == len(segments)
    outputs = list(outputs) + [""] * max(0, len(segments) - len(outputs))
    timings = list(timings) + [""] * max(0, len(segments) - len(timings))

    terms_total = terms_found = terms_cased = terms_input = 0
    english_right = english_damaged = 0
    fillers_left = stutters_left = 0
    for segment, output in zip(segments, outputs, strict=False):
        counts = term_counts(segment.tokens, output)
        terms_total += counts.total
        terms_found += counts.found
        terms_cased += counts.found_cased
        terms_input += term_counts(segment.tokens, segment.input).found
        right, damaged = english_damage(segment.tokens, segment.input, output)
        english_right += right
        english_damaged += damaged
        fillers_left += max(0, fillers_in(output) - fillers_in(segment.reference))
        stutters_left += max(0, repeats_in(output) - repeats_in(segment.reference))

    ids_by_segment: dict[int, set[str]] = {}
    for verse in recognised:
        ids_by_segment.setdefault(verse.segment, set()).add(canonical_id(verse.verse_id))
    good = found_ids = restored = 0
    for recitation in golden.recitations:
        hit = any(recitation.verse_id in ids_by_segment.get(p, set()) for p in recitation.positions)
        ok = recitation_restored(golden, recitation, outputs)
        found_ids += hit
        restored += ok
        good += hit and ok

    references = [(s.position, r["expected"]) for s in segments for r in s.references]
    numbers_ok = sum(
        1
        for position, expected in references
        if fold_case(expected) in fold_case(" ".join(outputs[position - 1].split()))
    )
    timings_kept = sum(1 for s, t in zip(segments, timings, strict=True) if s.timing == t)
    references_text = [s.reference for s in segments]
    return Scores(
        segments=len(segments),
        term_tokens=terms_total,
        term_accuracy=_share(terms_found, terms_total),
        term_accuracy_cased=_share(terms_cased, terms_total),
        term_accuracy_input=_share(terms_input, terms_total),
        verses=len(golden.recitations),
        verse_accuracy=_share(good, len(golden.recitations)),
        verses_recognised=_share(found_ids, len(golden.recitations)),
        verses_restored=_share(restored, len(golden.recitations)),
        references=len(references),
        numbers_accuracy=_share(numbers_ok, len(references)),
        fillers_inserted=sum(len(s.fillers) for s in segments),
        fillers_left=fillers_left,
        stutters_left=stutters_left,
        english_words=english_right,
        english_damaged=english_damaged,
        damage_per_1000=1000 * _share(english_damaged, english_right) if english_right else 0.0,
        wer_input=_wer(references_text, [s.input for s in segments]),
        wer_output=_wer(references_text, outputs),
        timings_kept=_share(timings_kept, len(segments)),
        segment_count_unchanged=count_unchanged,
    )
