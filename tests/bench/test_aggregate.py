import pytest

from bench.aggregate import (
    FIGURES,
    SUITE_TARGETS,
    RunFigures,
    by_model,
    misses,
    summarise,
    summary,
)


def _run(model: str, **values: float) -> RunFigures:
    base = {figure.key: 1.0 for figure in FIGURES}
    base.update(damage_per_1000=0.0, changed_on_second_pass=0.0, fillers_left=0.0)
    base.update(values)
    return RunFigures(model, "10-15", 1, base)


def test_the_worst_of_a_higher_is_better_figure_is_its_lowest_run() -> None:
    stat = summarise([0.9, 0.97, 0.99], higher_is_better=True)
    assert stat.mean == pytest.approx(0.9533, abs=1e-4)
    assert stat.worst == 0.9
    assert stat.runs == 3


def test_the_worst_of_a_lower_is_better_figure_is_its_highest_run() -> None:
    assert summarise([0.2, 1.4, 0.3], higher_is_better=False).worst == 1.4


def test_no_runs_cannot_be_summarised() -> None:
    with pytest.raises(ValueError):
        summarise([], higher_is_better=True)


def test_summary_and_per_model_figures_cover_every_run() -> None:
    runs = [
        _run("a", term_accuracy=0.98, damage_per_1000=0.1),
        _run("a", term_accuracy=0.96, damage_per_1000=0.9),
        _run("b", term_accuracy=0.90, damage_per_1000=0.0),
    ]
    stats = summary(runs)
    assert stats["term_accuracy"].mean == pytest.approx(0.9467, abs=1e-4)
    assert stats["term_accuracy"].worst == 0.90
    assert stats["damage_per_1000"].worst == 0.9
    models = by_model(runs)
    assert list(models) == ["a", "b"]
    assert models["a"]["term_accuracy"].worst == 0.96
    assert models["b"]["term_accuracy"].runs == 1


def test_a_good_mean_does_not_hide_a_bad_worst_run() -> None:
    runs = [_run("a", term_accuracy=0.99)] * 3 + [_run("b", term_accuracy=0.93)]
    stats = summary(runs)
    assert stats["term_accuracy"].mean >= 0.96
    failed = misses(stats)
    assert any(line.startswith("term_accuracy worst") for line in failed)
    assert not any(line.startswith("term_accuracy mean") for line in failed)


def test_one_segment_changed_by_a_second_pass_in_any_run_misses_idempotence() -> None:
    stats = summary([_run("a"), _run("a", changed_on_second_pass=1.0)])
    assert any(line.startswith("changed_on_second_pass worst") for line in misses(stats))
    assert misses(summary([_run("a")])) == []


def test_targets_are_those_of_issue_17() -> None:
    mean, worst = SUITE_TARGETS["term_accuracy"]
    assert mean is not None and mean.describe() == ">= 0.96"
    assert worst is not None and worst.describe() == ">= 0.94"
    assert SUITE_TARGETS["damage_per_1000"][0].describe() == "<= 0.8"  # type: ignore[union-attr]
    assert SUITE_TARGETS["verse_accuracy"][0].describe() == ">= 0.97"  # type: ignore[union-attr]
