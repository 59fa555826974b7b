"""Suites of runs: held-out chapters under every noise model x draws, and dev folds.

A suite never reports one draw: it prints every figure's mean and worst run, overall and per
noise model (`bench.aggregate`). The engine is loaded once for all runs; `make
eval-acceptance` (16 runs) takes about 25 s and `--folds` (60 runs) about 70 s on two cores,
so runs are not spread over processes.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from bench.aggregate import (
    SUITE_TARGETS,
    RunFigures,
    Stat,
    by_model,
    figures_table,
    misses,
    models_table,
    rows_table,
    summary,
)
from bench.asr_models import ACCEPTANCE_MODELS, ALL_MODELS
from bench.golden import ACCEPTANCE_SEEN_CHAPTERS, DEV_FOLDS, UNSEEN_CHAPTERS
from bench.noise import NoiseModel
from bench.runner import Engine, run_set
from bench.vocab import engine_without

DEFAULT_DRAWS = 4


@dataclass(frozen=True, slots=True)
class Job:
    """One run of a suite: chapters, noise model and seed."""

    chapters: range
    model: NoiseModel
    seed: int
    new_words: bool = False  # the lexicon has not read the chapters (bench.vocab)

    @property
    def chapters_label(self) -> str:
        return f"{self.chapters.start}-{self.chapters.stop - 1}"


def seeds(first: int, draws: int) -> tuple[int, ...]:
    """The draws of a suite: `first` (the reported seed) and the seeds after it."""
    return tuple(first + k for k in range(draws))


def acceptance_jobs(*, unseen: bool, first_seed: int, draws: int) -> list[Job]:
    """Every acceptance noise model x draw, on chapters 10-15, or 16-18 with `unseen`."""
    chapters = UNSEEN_CHAPTERS if unseen else ACCEPTANCE_SEEN_CHAPTERS
    return [
        Job(chapters, model, seed)
        for model in ACCEPTANCE_MODELS
        for seed in seeds(first_seed, draws)
    ]


def fold_jobs(*, first_seed: int, draws: int, new_words: bool = False) -> list[Job]:
    """Every dev fold x every noise model (DEV included) x draw; with `new_words`, each
    fold with a lexicon that never read it (bench.vocab)."""
    return [
        Job(fold, model, seed, new_words)
        for fold in DEV_FOLDS
        for model in ALL_MODELS
        for seed in seeds(first_seed, draws)
    ]


@dataclass(frozen=True, slots=True)
class JobResult:
    """What a suite keeps of a run: its figures and where the time went."""

    figures: RunFigures
    segments: int
    elapsed_s: float
    engine_s: float


_ENGINE: Engine | None = None


def _run_job(job: Job) -> JobResult:
    """One job, with the engine loaded once for the whole suite."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Engine.load()
    engine = engine_without(job.chapters) if job.new_words else _ENGINE
    run = run_set(job.chapters, job.model, job.seed, engine=engine)
    figures = RunFigures(job.model.name, job.chapters_label, job.seed, run.figures)
    return JobResult(figures, run.scores.segments, run.elapsed_s, run.engine_s)


def run_jobs(jobs: Sequence[Job]) -> list[JobResult]:
    """Every job, in order, in this process (a suite takes well under a minute)."""
    return [_run_job(job) for job in jobs]


def _stats_json(stats: dict[str, Stat]) -> dict[str, dict[str, float]]:
    return {key: {"mean": stat.mean, "worst": stat.worst} for key, stat in stats.items()}


def report(title: str, results: Sequence[JobResult], elapsed_s: float) -> str:
    """A suite's figures: mean and worst overall and per model, the targets missed, time."""
    runs = [result.figures for result in results]
    stats = summary(runs)
    failed = misses(stats)
    engine_s = sum(result.engine_s for result in results)
    lines = [
        title,
        figures_table(stats),
        "",
        models_table(by_model(runs)),
        "",
        "targets missed: " + ("; ".join(failed) if failed else "none"),
        f"{len(results)} runs in {elapsed_s:.1f} s (engine {engine_s:.1f} s of it)",
    ]
    return "\n".join(lines)


def folds_report(results: Sequence[JobResult], elapsed_s: float, *, new_words: bool) -> str:
    """Per fold: mean and worst over every model x draw, then per model."""
    kind = "vocabulary (a lexicon that never read the fold)" if new_words else "dev"
    parts = []
    folds = list(dict.fromkeys(result.figures.chapters for result in results))
    for fold in folds:
        runs = [result for result in results if result.figures.chapters == fold]
        models = len({result.figures.model for result in runs})
        title = (
            f"== {kind} fold: chapters {fold} ({models} noise models x draws = {len(runs)} runs)"
        )
        parts.append(report(title, runs, sum(r.elapsed_s for r in runs)))
    per_fold = {
        f"chapters {fold}": summary([r.figures for r in results if r.figures.chapters == fold])
        for fold in folds
    }
    parts.append(
        "== the folds side by side (every noise model x draw)\n"
        + rows_table("fold", per_fold, "(each cell: mean/worst over every model x draw)")
        + f"\nall folds: {len(results)} runs in {elapsed_s:.1f} s"
    )
    return "\n\n".join(parts)


def payload(results: Sequence[JobResult]) -> dict[str, object]:
    """The suite as JSON: every run, and mean/worst overall, per model and per chapters."""
    runs = [result.figures for result in results]
    groups = list(dict.fromkeys(run.chapters for run in runs))
    return {
        "runs": [asdict(run) for run in runs],
        "summary": _stats_json(summary(runs)),
        "by_model": {name: _stats_json(stats) for name, stats in by_model(runs).items()},
        "by_chapters": {
            group: _stats_json(summary([run for run in runs if run.chapters == group]))
            for group in groups
        },
        "targets": {
            key: {"mean": m.describe() if m else None, "worst": w.describe() if w else None}
            for key, (m, w) in SUITE_TARGETS.items()
        },
    }


def jobs_for(args: argparse.Namespace) -> list[Job]:
    """The runs a parsed `bench.eval` command line asks for: the unseen chapters only with
    `--unseen`."""
    if args.folds or args.vocab_folds:
        return fold_jobs(first_seed=args.seed, draws=args.draws, new_words=args.vocab_folds)
    return acceptance_jobs(unseen=args.unseen, first_seed=args.seed, draws=args.draws)


def run_suite(args: argparse.Namespace) -> int:
    """`--acceptance`, `--unseen`, `--folds` or `--vocab-folds`, as parsed by `bench.eval`."""
    started = time.perf_counter()
    jobs = jobs_for(args)
    results = run_jobs(jobs)
    elapsed_s = time.perf_counter() - started
    if args.json:
        print(json.dumps(payload(results), indent=1))
    elif args.folds or args.vocab_folds:
        print(folds_report(results, elapsed_s, new_words=args.vocab_folds))
    else:
        chapters = jobs[0].chapters_label
        share = "THE UNSEEN SHARE (run once, at the end)" if args.unseen else "held out"
        models = ", ".join(model.name for model in ACCEPTANCE_MODELS)
        title = (
            f"acceptance, Gītā chapters {chapters} ({share}): {len(ACCEPTANCE_MODELS)} noise "
            f"models ({models}) x {args.draws} draws (seeds {args.seed}..."
            f"{args.seed + args.draws - 1}) = {len(jobs)} runs; never tune on these figures"
        )
        print(report(title, results, elapsed_s))
    return 0
