"""Evaluate the engine on golden sets:
`python -m bench.eval [--acceptance | --folds | --vocab-folds] [--json]`.

By default one set: Bhagavad Gītā chapters 1-9 under the DEV noise model, the set stages may
be tuned on; it, its output and report go to bench/out/ (git-ignored).
`--acceptance` runs held-out chapters 10-15 under every acceptance noise model (ACCEPTANCE,
WHISPER, YOUTUBE, ZOOM) x several draws and prints each figure's mean and worst run, overall
and per model, beside issue 17's targets: it must never be used for tuning (no threshold,
rule or lexicon entry may be chosen by looking at its output), and writes nothing.
`--unseen` is the same on chapters 16-18, kept unseen until the end (bench/README.md).
`--folds` runs dev chapters 1-3, 4-6 and 7-9 under every noise model incl. DEV, to see
whether a change helps only the chapters it was tuned on; `--vocab-folds` runs them with a
lexicon that never read the fold's chapters (bench.vocab), for words as new as held-out ones.
The exit code is non-zero only on an internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from bench.aggregate import SUITE_TARGETS, Target
from bench.golden import DEFAULT_SEED
from bench.misses import find_misses
from bench.runner import Run, run_dev
from bench.suite import DEFAULT_DRAWS, run_suite

# Issue 2, "Acceptance".
DEV_TARGETS = {
    "term_accuracy": Target(">=", 0.97),
    "term_accuracy_cased": Target(">=", 0.94),
    "verse_accuracy": Target(">=", 0.95),
    "numbers_accuracy": Target(">=", 0.98),
    "fillers_left": Target("<=", 0),
    "damage_per_1000": Target("<=", 0.5),
    "timings_kept": Target(">=", 1.0),
}
# Issue 17: (mean, worst) over every acceptance noise model x draw.
ACCEPTANCE_TARGETS = SUITE_TARGETS

_ROWS = (
    ("term_accuracy", "term accuracy (any case)", "{:.4f}"),
    ("term_accuracy_cased", "term accuracy (cased)", "{:.4f}"),
    ("term_accuracy_input", "  term accuracy of the input", "{:.4f}"),
    ("verse_accuracy", "verse accuracy (id and text)", "{:.4f}"),
    ("verses_recognised", "  verses recognised (id)", "{:.4f}"),
    ("verses_restored", "  verses restored (text)", "{:.4f}"),
    ("numbers_accuracy", "numbers (references)", "{:.4f}"),
    ("fillers_left", "fillers left", "{:d}"),
    ("stutters_left", "stutters left", "{:d}"),
    ("damage_per_1000", "English damaged per 1000", "{:.2f}"),
    ("wer_input", "WER input vs reference", "{:.4f}"),
    ("wer_output", "WER output vs reference", "{:.4f}"),
    ("timings_kept", "timings kept", "{:.4f}"),
    ("segment_count_unchanged", "segment count unchanged", "{}"),
)


def table(run: Run, targets: dict[str, Target]) -> str:
    """The figures beside their targets, as plain text."""
    values = run.scores.as_dict()
    lines = [
        f"golden set {run.golden.name}: {run.scores.segments} segments, "
        f"{run.scores.term_tokens} Sanskrit tokens, {run.scores.verses} recited verses, "
        f"{run.scores.references} references, {run.scores.fillers_inserted} fillers, "
        f"{run.scores.english_words} English words right in the input",
        f"{'figure':<32} {'value':>10}   target",
    ]
    for key, label, fmt in _ROWS:
        target = targets.get(key)
        shown = fmt.format(values[key])
        lines.append(f"{label:<32} {shown:>10}   {target.describe() if target else ''}")
    second = "segments changed by a 2nd pass"
    lines.append(f"{second:<32} {run.changed_on_second_pass:>10}   = 0 (idempotent)")
    lines.append(
        f"engine {run.engine_s:.2f} s ({run.scores.segments / max(run.engine_s, 1e-9):,.0f} "
        f"segments/s); whole run {run.elapsed_s:.1f} s"
    )
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """The command line; a function so tests can see which runs a flag selects."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.eval",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--acceptance",
        action="store_true",
        help="chapters 10-15 under every acceptance noise model x draws (never tune on it)",
    )
    parser.add_argument(
        "--unseen",
        action="store_true",
        help="with --acceptance (implied): chapters 16-18 instead, kept unseen until the end; "
        "run once, when the engine is frozen",
    )
    which.add_argument(
        "--folds",
        action="store_true",
        help="dev chapters 1-3, 4-6, 7-9 under every noise model incl. DEV",
    )
    which.add_argument(
        "--vocab-folds",
        action="store_true",
        help="the dev folds, each with a lexicon that never read its chapters (bench.vocab): "
        "words as new to the engine as held-out ones",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help="the draw (dev run) or the first of the draws (suites); the default is the "
        "reported one",
    )
    parser.add_argument(
        "--draws",
        type=int,
        default=DEFAULT_DRAWS,
        help=f"draws (seeds) per noise model in a suite (at least 2; default {DEFAULT_DRAWS})",
    )
    parser.add_argument(
        "--misses",
        type=int,
        default=0,
        metavar="N",
        help="also print up to N examples of each kind of miss (dev set only)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.unseen and (args.folds or args.vocab_folds):
        parser.error("--unseen is a share of the acceptance chapters, not of the dev folds")
    suite = args.acceptance or args.unseen or args.folds or args.vocab_folds
    if args.misses and suite:
        parser.error("--misses is for the dev run; held-out sets are not for tuning")
    if suite and args.draws < 2:
        parser.error("--draws must be at least 2: one draw is never the result")
    if suite:
        return run_suite(args)
    result = run_dev(args.seed)
    if args.json:
        payload = {
            "set": result.golden.name,
            "seed": result.golden.seed,
            "scores": result.scores.as_dict(),
            "targets": {key: target.describe() for key, target in DEV_TARGETS.items()},
            "changed_on_second_pass": result.changed_on_second_pass,
            "engine_s": round(result.engine_s, 3),
        }
        print(json.dumps(payload, indent=1))
    else:
        print(table(result, DEV_TARGETS))
    if args.misses:
        print(
            find_misses(
                result.golden, result.outputs, result.recognised, limit=args.misses
            ).render()
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
