"""The figures of an ASR share: prose term accuracy, English damage and WER, per cue summed.

Scored with the golden-set metrics' own pieces (`term_counts`, `english_damage`, and WER
on `score_tokens`, as `metrics.score` computes it) so the figures mean what `make eval`'s do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import jiwer

from bench.metrics import english_damage, term_counts
from bench.tokens import score_tokens


@dataclass(frozen=True, slots=True)
class Figures:
    cues: int
    term_tokens: int  # Sanskrit tokens of the prose (recited verse text is not counted)
    terms_input: float
    terms_input_cased: float
    terms_output: float
    terms_output_cased: float
    english_words: int  # English reference words the recogniser got right
    english_damaged: int
    damage_per_1000: float
    wer_input: float
    wer_output: float

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def wer(references: Sequence[str], hypotheses: Sequence[str]) -> float:
    """Word error rate over scoring tokens; cues whose reference has none are left out."""
    pairs = [
        (" ".join(score_tokens(r)), " ".join(score_tokens(h)))
        for r, h in zip(references, hypotheses, strict=True)
    ]
    kept = [(r, h) for r, h in pairs if r]
    return float(jiwer.wer([r for r, _ in kept], [h for _, h in kept]))


def figures(
    tokens: Sequence[Sequence[tuple[str, str]]],
    references: Sequence[str],
    inputs: Sequence[str],
    outputs: Sequence[str],
) -> Figures:
    """Score the engine's `outputs` against the references, with `inputs` as the baseline."""
    total = found_in = cased_in = found_out = cased_out = right = damaged = 0
    for cue_tokens, heard, output in zip(tokens, inputs, outputs, strict=True):
        before = term_counts(cue_tokens, heard)
        after = term_counts(cue_tokens, output)
        total += before.total
        found_in += before.found
        cased_in += before.found_cased
        found_out += after.found
        cased_out += after.found_cased
        kept, changed = english_damage(cue_tokens, heard, output)
        right += kept
        damaged += changed
    return Figures(
        cues=len(references),
        term_tokens=total,
        terms_input=_share(found_in, total),
        terms_input_cased=_share(cased_in, total),
        terms_output=_share(found_out, total),
        terms_output_cased=_share(cased_out, total),
        english_words=right,
        english_damaged=damaged,
        damage_per_1000=1000 * damaged / right if right else 0.0,
        wer_input=wer(references, inputs),
        wer_output=wer(references, outputs),
    )
