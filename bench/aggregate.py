"""Mean and worst of each figure over many runs (noise models x draws), beside targets.

One draw of one noise model flatters or punishes by chance; the evaluation reports the mean
and the worst run instead, so that a change is judged on every model it must survive.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean


@dataclass(frozen=True, slots=True)
class Target:
    """A figure's goal: at least (`>=`) or at most (`<=`) a value."""

    op: str
    value: float

    def describe(self) -> str:
        return f"{self.op} {self.value:g}"

    def met(self, value: float) -> bool:
        return value >= self.value if self.op == ">=" else value <= self.value


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure of a run: its key in the scores, its label, format and direction."""

    key: str
    label: str
    fmt: str
    higher_is_better: bool


FIGURES = (
    Figure("term_accuracy", "term accuracy (any case)", "{:.4f}", True),
    Figure("term_accuracy_cased", "term accuracy (cased)", "{:.4f}", True),
    Figure("term_accuracy_input", "  term accuracy of the input", "{:.4f}", True),
    Figure("verse_accuracy", "verse accuracy (id and text)", "{:.4f}", True),
    Figure("verses_recognised", "  verses recognised (id)", "{:.4f}", True),
    Figure("verses_restored", "  verses restored (text)", "{:.4f}", True),
    Figure("numbers_accuracy", "numbers (references)", "{:.4f}", True),
    Figure("fillers_left", "fillers left", "{:.1f}", False),
    Figure("stutters_left", "stutters left", "{:.1f}", False),
    Figure("damage_per_1000", "English damaged per 1000", "{:.2f}", False),
    Figure("wer_input", "WER input vs reference", "{:.4f}", False),
    Figure("wer_output", "WER output vs reference", "{:.4f}", False),
    Figure("timings_kept", "timings kept", "{:.4f}", True),
    Figure("changed_on_second_pass", "segments changed by a 2nd pass", "{:.1f}", False),
)
# The per-model table: the figures that have targets.
MODEL_FIGURES = (
    "term_accuracy",
    "term_accuracy_cased",
    "verse_accuracy",
    "numbers_accuracy",
    "damage_per_1000",
    "changed_on_second_pass",
)

# Issue 17: (target of the mean, target of the worst run).
SUITE_TARGETS: dict[str, tuple[Target | None, Target | None]] = {
    "term_accuracy": (Target(">=", 0.96), Target(">=", 0.94)),
    "term_accuracy_cased": (Target(">=", 0.94), None),
    "verse_accuracy": (Target(">=", 0.97), None),
    "numbers_accuracy": (Target(">=", 0.98), None),
    "damage_per_1000": (Target("<=", 0.8), None),
    "changed_on_second_pass": (None, Target("<=", 0)),
}


@dataclass(frozen=True, slots=True)
class Stat:
    """The mean of a figure over runs and its worst run."""

    mean: float
    worst: float
    runs: int


def summarise(values: Sequence[float], *, higher_is_better: bool) -> Stat:
    """Mean and worst (the lowest, or the highest when lower is better) of `values`."""
    if not values:
        raise ValueError("no runs to summarise")
    worst = min(values) if higher_is_better else max(values)
    return Stat(fmean(values), worst, len(values))


@dataclass(frozen=True, slots=True)
class RunFigures:
    """The figures of one run and what it ran: noise model, chapters and seed."""

    model: str
    chapters: str
    seed: int
    values: Mapping[str, float]


def summary(runs: Sequence[RunFigures]) -> dict[str, Stat]:
    """Every figure's mean and worst over `runs`."""
    return {
        figure.key: summarise(
            [float(run.values[figure.key]) for run in runs],
            higher_is_better=figure.higher_is_better,
        )
        for figure in FIGURES
    }


def by_model(runs: Sequence[RunFigures]) -> dict[str, dict[str, Stat]]:
    """Every figure's mean and worst per noise model, models in the order first run."""
    models = list(dict.fromkeys(run.model for run in runs))
    return {name: summary([run for run in runs if run.model == name]) for name in models}


def misses(stats: Mapping[str, Stat]) -> list[str]:
    """The targets `stats` fail, as "figure mean 0.95 < 0.96" lines (empty when all met)."""
    failed = []
    for key, (mean_target, worst_target) in SUITE_TARGETS.items():
        for which, target in (("mean", mean_target), ("worst", worst_target)):
            value = getattr(stats[key], which)
            if target is not None and not target.met(value):
                failed.append(f"{key} {which} {value:.4g} not {target.describe()}")
    return failed


def _mark(target: Target | None, value: float) -> str:
    if target is None:
        return ""
    return f"{target.describe()}{'' if target.met(value) else ' MISSED'}"


def figures_table(stats: Mapping[str, Stat]) -> str:
    """Rows of figures: mean and worst over all runs, each beside its target."""
    lines = [f"{'figure':<32} {'mean':>9} {'worst':>9}   target (mean; worst)"]
    for figure in FIGURES:
        stat = stats[figure.key]
        mean_target, worst_target = SUITE_TARGETS.get(figure.key, (None, None))
        marks = "; ".join(
            mark
            for mark in (_mark(mean_target, stat.mean), _mark(worst_target, stat.worst))
            if mark
        )
        lines.append(
            f"{figure.label:<32} {figure.fmt.format(stat.mean):>9} "
            f"{figure.fmt.format(stat.worst):>9}   {marks}"
        )
    return "\n".join(lines)


def rows_table(
    head: str,
    rows: Mapping[str, Mapping[str, Stat]],
    note: str = "(each cell: mean/worst over the draws)",
) -> str:
    """One row per group (noise model, fold): mean/worst of the figures that have targets."""
    labels = {figure.key: figure for figure in FIGURES}
    heads = ["terms", "cased", "verses", "numbers", "damage", "2nd pass"]
    width = max(12, *(len(name) for name in rows))
    lines = [f"{head:<{width}} " + " ".join(f"{h:>15}" for h in heads)]
    for name, stats in rows.items():
        cells = []
        for key in MODEL_FIGURES:
            fmt = labels[key].fmt
            cells.append(f"{fmt.format(stats[key].mean)}/{fmt.format(stats[key].worst)}")
        lines.append(f"{name:<{width}} " + " ".join(f"{cell:>15}" for cell in cells))
    lines.append(note)
    return "\n".join(lines)


def models_table(per_model: Mapping[str, Mapping[str, Stat]]) -> str:
    """One row per noise model: mean/worst of the figures that have targets."""
    return rows_table("noise model", per_model)
