import pytest

from bench.eval import ACCEPTANCE_TARGETS, DEV_TARGETS, main


def test_misses_are_refused_for_the_acceptance_set() -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--acceptance", "--misses", "3"])
    assert stopped.value.code == 2


def test_targets_are_those_of_the_issue() -> None:
    assert DEV_TARGETS["term_accuracy"].describe() == ">= 0.97"
    assert DEV_TARGETS["damage_per_1000"].describe() == "<= 0.5"
    assert ACCEPTANCE_TARGETS["verse_accuracy"].describe() == ">= 0.85"
