"""The review loop measured: `python -m bench.review [--dev | --vocab] [--draws N]` (`make
eval-review`).

For each run (held-out chapters 10-15 under every acceptance noise model x draws; with
`--dev`, chapters 1-9 under every noise model, the development one included; with `--vocab`,
the dev folds with lexicons that never read them, bench.vocab) the engine
corrects the set and reports its uncertain spans; an ideal reviewer then picks, for each
span, the candidate that matches the reference (or keeps the text), and the decisions are
applied as `shruti apply` would. Printed,
mean and worst over the runs: flags per 1000 words (target <= 30), prose term accuracy before
and after review (target after >= 0.97), and the share of the terms still wrong after the
rules that a flag covered (with the right form among its candidates, and at all).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from bench.asr_models import ACCEPTANCE_MODELS, ALL_MODELS
from bench.golden import (
    ACCEPTANCE_SEEN_CHAPTERS,
    DEFAULT_SEED,
    DEV_CHAPTERS,
    DEV_FOLDS,
    GoldenSet,
    build,
)
from bench.metrics import term_counts
from bench.noise import NoiseModel
from bench.runner import Engine
from bench.tokens import fold_case, score_tokens
from bench.vocab import engine_without
from core.apply import Decision, apply_decisions
from core.engine import process
from core.review import Uncertain, find_uncertain
from core.transcript.srt import parse

FLAGS_TARGET = 30.0
AFTER_TARGET = 0.97


@dataclass(frozen=True, slots=True)
class ReviewRun:
    model: str
    seed: int
    words: int
    flags: int
    terms_before: float
    terms_after: float
    wrong_after_rules: int
    wrong_flagged: int
    wrong_fixable: int

    @property
    def flags_per_1000(self) -> float:
        return 1000 * self.flags / max(self.words, 1)

    @property
    def share_flagged(self) -> float:
        return self.wrong_flagged / max(self.wrong_after_rules, 1)

    @property
    def share_fixable(self) -> float:
        return self.wrong_fixable / max(self.wrong_after_rules, 1)


def reference_span(output: str, start: int, end: int, reference: str) -> list[str]:
    """The reference tokens aligned with the output tokens in [start, end)."""
    before = score_tokens(output[:start])
    inside = score_tokens(output[start:end])
    out_tokens = score_tokens(output)
    ref_tokens = score_tokens(reference)
    first, last = len(before), len(before) + len(inside)
    matcher = SequenceMatcher(
        None, [fold_case(t) for t in out_tokens], [fold_case(t) for t in ref_tokens], autojunk=False
    )
    picked: list[str] = []
    for tag, o1, o2, r1, r2 in matcher.get_opcodes():
        if o2 <= first or o1 >= last:
            continue
        if tag == "equal" or (tag == "replace" and o2 - o1 == r2 - r1):
            lo, hi = max(o1, first), min(o2, last)  # token for token
            picked += ref_tokens[r1 + lo - o1 : r1 + hi - o1]
        else:
            picked += ref_tokens[r1:r2]
    return picked


def ideal_decision(item: Uncertain, output: str, reference: str) -> Decision | None:
    """The candidate the reference has at this span (None: keep the text)."""
    wanted = [fold_case(token) for token in reference_span(output, item.start, item.end, reference)]
    for candidate in item.candidates:
        if [fold_case(t) for t in score_tokens(candidate.text)] == wanted:
            if candidate.text == item.text:
                return None
            return Decision(item.segment, item.start, item.end, item.text, candidate.text)
    return None


def run_review(golden: GoldenSet, engine: Engine, model: str, seed: int) -> ReviewRun:
    transcript = parse(golden.input_srt(), source=golden.name)
    result = process(transcript, engine.resources, engine.settings)
    items = find_uncertain(result, engine.resources.reviewer())
    outputs = result.transcript.texts
    decisions = [
        decision
        for item in items
        if (
            decision := ideal_decision(
                item, outputs[item.segment - 1], golden.segments[item.segment - 1].reference
            )
        )
        is not None
    ]
    reviewed = apply_decisions(result.transcript, decisions).transcript.texts
    flagged = {
        (item.segment, index)
        for item in items
        for index in _token_range(outputs[item.segment - 1], item)
    }
    fixable = {
        (d.segment, index) for d in decisions for index in _token_range(outputs[d.segment - 1], d)
    }
    total = before = after = words = wrong = wrong_flagged = wrong_fixable = 0
    for position, segment in enumerate(golden.segments, 1):
        output = outputs[position - 1]
        counts = term_counts(segment.tokens, output)
        total += counts.total
        before += counts.found
        after += term_counts(segment.tokens, reviewed[position - 1]).found
        words += len(score_tokens(output))
        for index in _missed_output_tokens(segment.tokens, output):
            wrong += 1
            wrong_flagged += (position, index) in flagged
            wrong_fixable += (position, index) in fixable
    return ReviewRun(
        model, seed, words, len(items), before / max(total, 1), after / max(total, 1),
        wrong, wrong_flagged, wrong_fixable,
    )  # fmt: skip


def _reference(golden: GoldenSet, item: Uncertain) -> str:
    return golden.segments[item.segment - 1].reference


def _token_range(output: str, span: Uncertain | Decision) -> range:
    first = len(score_tokens(output[: span.start]))
    return range(first, first + len(score_tokens(output[span.start : span.end])))


def _missed_output_tokens(tokens: Sequence[tuple[str, str]], output: str) -> list[int]:
    """For each Sanskrit reference token the output got wrong, the output token at its place."""
    hypothesis = [fold_case(t) for t in score_tokens(output)]
    reference = [fold_case(token) for token, _ in tokens]
    matcher = SequenceMatcher(None, reference, hypothesis, autojunk=False)
    places: list[int] = []
    for tag, r1, r2, h1, h2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for offset, (_, kind) in enumerate(tokens[r1:r2]):
            if kind == "sanskrit" and h2 > h1:
                places.append(min(h1 + offset, h2 - 1))
    return places


def jobs(dev: bool, draws: int, *, vocab: bool = False) -> list[tuple[range, NoiseModel, int]]:
    seeds = [DEFAULT_SEED + k for k in range(draws)]
    if vocab:
        return [(fold, model, seed) for fold in DEV_FOLDS for model in ALL_MODELS for seed in seeds]
    if dev:
        return [(DEV_CHAPTERS, model, seed) for model in ALL_MODELS for seed in seeds]
    return [
        (ACCEPTANCE_SEEN_CHAPTERS, model, seed) for model in ACCEPTANCE_MODELS for seed in seeds
    ]


def table(runs: Sequence[ReviewRun]) -> str:
    """Each figure's mean and worst run beside its target."""
    rows: list[tuple[str, list[float], bool, str]] = [
        ("flags per 1000 words", [r.flags_per_1000 for r in runs], False, f"<= {FLAGS_TARGET:g}"),
        ("term accuracy, rules", [r.terms_before for r in runs], True, ""),
        (
            "term accuracy, after review",
            [r.terms_after for r in runs],
            True,
            f">= {AFTER_TARGET:g}",
        ),
        ("wrong terms flagged", [r.share_flagged for r in runs], True, ""),
        ("  with the right form among candidates", [r.share_fixable for r in runs], True, ""),
    ]
    lines = [f"{'figure':<42} {'mean':>9} {'worst':>9}   target"]
    for label, values, higher_is_better, target in rows:
        worst = min(values) if higher_is_better else max(values)
        lines.append(f"{label:<42} {sum(values) / len(values):>9.4f} {worst:>9.4f}   {target}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.review", description=__doc__)
    parser.add_argument(
        "--dev", action="store_true", help="chapters 1-9 (development) under every noise model"
    )
    parser.add_argument(
        "--vocab",
        action="store_true",
        help="the dev folds 1-3, 4-6, 7-9, each with a lexicon that never read it (bench.vocab)",
    )
    parser.add_argument("--draws", type=int, default=4)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    engine = Engine.load()
    runs = [
        run_review(
            build(chapters, model, seed=seed),
            engine_without(chapters) if args.vocab else engine,
            model.name,
            seed,
        )
        for chapters, model, seed in jobs(args.dev, args.draws, vocab=args.vocab)
    ]
    if args.vocab:
        what = "dev folds with a lexicon that never read them, every noise model"
    elif args.dev:
        what = "dev chapters 1-9, every noise model"
    else:
        what = "held-out chapters 10-15, every acceptance model"
    print(f"review loop, {what}, {len(runs)} runs (mean/worst over runs)")
    print(table(runs))
    print(f"{len(runs)} runs in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
