"""Error rates against a reference transcript (jiwer), and the accuracy of Sanskrit terms.

Text is NFC-normalised and markup removed before scoring. Four variants of WER and CER are
given: as written, case-folded, punctuation-free, and both ("normalized"). Diacritics are
never removed: a missing macron is an error in every variant. `term_accuracy` is the share
of the reference's Sanskrit words (words with IAST marks, case-folded) that the output has
as often as the reference, marks and all.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import jiwer

from core.knowledge.lexicon import has_iast_marks
from core.quality.language import WORD
from core.quality.layout import visible_text
from core.transcript.segments import Transcript

MAX_DIFFS = 200


@dataclass(frozen=True, slots=True)
class WordDiff:
    """One differing stretch of the word alignment; `segment` is the output's cue."""

    kind: str  # substitute, insert, delete
    reference: str
    output: str
    segment: int | None

    def as_dict(self) -> dict[str, object]:
        return {
            "type": self.kind,
            "reference": self.reference,
            "output": self.output,
            "segment": self.segment,
        }


@dataclass(frozen=True, slots=True)
class TermScore:
    matched: int
    total: int

    @property
    def accuracy(self) -> float | None:
        return self.matched / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class ReferenceMetrics:
    rates: dict[str, float]
    terms: TermScore
    diffs: tuple[WordDiff, ...]
    diffs_total: int

    def as_dict(self) -> dict[str, object]:
        return {
            **{name: round(value, 4) for name, value in self.rates.items()},
            "term_accuracy": None if self.terms.accuracy is None else round(self.terms.accuracy, 4),
            "reference_terms": self.terms.total,
            "matched_terms": self.terms.matched,
            "alignment": [diff.as_dict() for diff in self.diffs],
            "alignment_total": self.diffs_total,
        }


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _no_punctuation(text: str) -> str:
    """Dashes become spaces; other punctuation goes; combining marks stay."""
    return "".join(
        " " if unicodedata.category(c) == "Pd" else "" if unicodedata.category(c)[0] == "P" else c
        for c in text
    )


_VARIANTS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("", lambda text: text),
    ("_casefold", str.casefold),
    ("_nopunct", _no_punctuation),
    ("_normalized", lambda text: _no_punctuation(text).casefold()),
)


def _words(transcript: Transcript) -> list[tuple[str, int]]:
    return [
        (word, segment.position)
        for segment in transcript.segments
        for word in _nfc(visible_text(segment.text)).split()
    ]


def _rates(reference: str, output: str) -> tuple[float, float]:
    if not reference.split():
        return (0.0, 0.0) if not output.split() else (1.0, 1.0)
    return float(jiwer.wer(reference, output)), float(jiwer.cer(reference, output))


def term_score(output: str, reference: str) -> TermScore:
    """How many of the reference's IAST-marked words the output has, counted per occurrence."""

    def terms(text: str) -> Counter[str]:
        return Counter(
            word.casefold()
            for word in WORD.findall(_nfc(visible_text(text)))
            if has_iast_marks(word)
        )

    wanted, have = terms(reference), terms(output)
    return TermScore(sum(min(n, have[w]) for w, n in wanted.items()), sum(wanted.values()))


def compare(
    output: Transcript, reference: Transcript, *, max_diffs: int = MAX_DIFFS
) -> ReferenceMetrics:
    """WER/CER variants, term accuracy and the differing words of `output` against `reference`."""
    out_words, ref_words = _words(output), _words(reference)
    out_text = " ".join(w for w, _ in out_words)
    ref_text = " ".join(w for w, _ in ref_words)
    rates: dict[str, float] = {}
    for suffix, transform in _VARIANTS:
        wer, cer = _rates(transform(ref_text), transform(out_text))
        rates[f"wer{suffix}"], rates[f"cer{suffix}"] = wer, cer
    diffs = _diffs(ref_words, out_words)
    return ReferenceMetrics(
        rates=rates,
        terms=term_score(
            "\n".join(s.text for s in output.segments),
            "\n".join(s.text for s in reference.segments),
        ),
        diffs=tuple(diffs[:max_diffs]),
        diffs_total=len(diffs),
    )


def _diffs(
    ref_words: Sequence[tuple[str, int]], out_words: Sequence[tuple[str, int]]
) -> list[WordDiff]:
    if not ref_words:
        joined = " ".join(w for w, _ in out_words)
        return [WordDiff("insert", "", joined, out_words[0][1])] if out_words else []
    result = jiwer.process_words(
        " ".join(w for w, _ in ref_words), " ".join(w for w, _ in out_words)
    )
    diffs: list[WordDiff] = []
    for chunk in result.alignments[0]:
        if chunk.type == "equal":
            continue
        at = min(chunk.hyp_start_idx, len(out_words) - 1)
        diffs.append(
            WordDiff(
                kind=chunk.type,
                reference=" ".join(
                    w for w, _ in ref_words[chunk.ref_start_idx : chunk.ref_end_idx]
                ),
                output=" ".join(w for w, _ in out_words[chunk.hyp_start_idx : chunk.hyp_end_idx]),
                segment=out_words[at][1] if at >= 0 else None,
            )
        )
    return diffs


def _join(words: Sequence[tuple[str, int]]) -> str:
    return " ".join(word for word, _ in words)
