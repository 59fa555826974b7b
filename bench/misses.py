"""Examples of what the engine got wrong on the dev set, for the people tuning stages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.golden import GoldenSet
from bench.metrics import RecognisedVerse, aligned, recitation_restored
from bench.source import canonical_id
from bench.tokens import fold_case, score_tokens


@dataclass(slots=True)
class Misses:
    terms: list[str] = field(default_factory=list)
    verses: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    damage: list[str] = field(default_factory=list)

    def render(self) -> str:
        parts = []
        for title, items in (
            ("missed terms (reference -> output | input segment)", self.terms),
            ("missed verses", self.verses),
            ("missed references", self.numbers),
            ("damaged English (reference -> output | input segment)", self.damage),
        ):
            parts.append(f"{title}: {len(items)} shown")
            parts.extend(f"  {item}" for item in items)
        return "\n".join(parts)


def _oneline(text: str) -> str:
    return " / ".join(text.splitlines())


def find_misses(
    golden: GoldenSet,
    outputs: Sequence[str],
    recognised: Sequence[RecognisedVerse],
    *,
    limit: int,
) -> Misses:
    """Up to `limit` examples of each kind of miss, in file order."""
    found = Misses()
    for segment, output in zip(golden.segments, outputs, strict=False):
        hypothesis = score_tokens(output)
        reference = [token for token, _ in segment.tokens]
        folded = aligned([fold_case(t) for t in reference], [fold_case(t) for t in hypothesis])
        exact = aligned(reference, hypothesis)
        right_in_input = aligned(reference, score_tokens(segment.input))
        for i, (token, kind) in enumerate(segment.tokens):
            where = f"#{segment.position} | {_oneline(segment.input)} => {_oneline(output)}"
            if kind == "sanskrit" and folded[i] is None and len(found.terms) < limit:
                found.terms.append(f"{token} | {where}")
            if (
                kind == "english"
                and right_in_input[i] is not None
                and exact[i] is None
                and len(found.damage) < limit
            ):
                found.damage.append(f"{token} | {where}")
        for reference_move in segment.references:
            expected = reference_move["expected"]
            written = fold_case(" ".join(output.split()))
            if fold_case(expected) not in written and len(found.numbers) < limit:
                found.numbers.append(f"{expected!r} | #{segment.position} {_oneline(output)}")
    ids: dict[int, set[str]] = {}
    for verse in recognised:
        ids.setdefault(verse.segment, set()).add(canonical_id(verse.verse_id))
    for recitation in golden.recitations:
        text = " ".join(outputs[p - 1] for p in recitation.positions if p <= len(outputs))
        reported = sorted(set().union(*(ids.get(p, set()) for p in recitation.positions)))
        restored = recitation_restored(golden, recitation, outputs)
        if (recitation.verse_id not in reported or not restored) and len(found.verses) < limit:
            found.verses.append(
                f"{recitation.verse_id} ({recitation.part}) reported {reported or '-'}, "
                f"text {'ok' if restored else 'differs'}: {_oneline(text)}"
            )
    return found
