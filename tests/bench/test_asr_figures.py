import pytest

from bench.asr.errors import render, slips
from bench.asr.figures import figures

TOKENS = [("Kṛṣṇa", "sanskrit"), ("said", "english"), ("to", "english"), ("Arjuna", "sanskrit")]


def test_term_accuracy_of_input_and_output_counts_prose_sanskrit_tokens() -> None:
    scored = figures(
        [TOKENS], ["Kṛṣṇa said to Arjuna"], ["creation said to Arjuna"], ["Kṛṣṇa said to arjuna"]
    )
    assert scored.term_tokens == 2
    assert scored.terms_input == pytest.approx(0.5)
    assert scored.terms_input_cased == pytest.approx(0.5)
    assert scored.terms_output == pytest.approx(1.0)
    assert scored.terms_output_cased == pytest.approx(0.5)
    assert scored.wer_input == pytest.approx(0.25)
    assert scored.wer_output == pytest.approx(0.25)


def test_english_right_in_the_input_and_changed_by_the_engine_is_damage() -> None:
    scored = figures(
        [TOKENS], ["Kṛṣṇa said to Arjuna"], ["Krishna said to Arjun"], ["Kṛṣṇa sad to Arjuna"]
    )
    assert (scored.english_words, scored.english_damaged) == (2, 1)
    assert scored.damage_per_1000 == pytest.approx(500.0)


def test_errors_are_grouped_by_the_kind_of_reference_word_they_hit() -> None:
    found = slips([*TOKENS, ("2.47", "number")], "creation said too Arjuna 2.47 now")
    kinds = {slip.kind: (slip.reference, slip.heard) for slip in found}
    assert kinds["sanskrit"] == ("Kṛṣṇa", "creation")
    assert kinds["english"] == ("to", "too")
    assert kinds["inserted"] == ("", "now")
    shown = render(found * 2, limit=5)
    assert "sanskrit: 2 error spans" in shown
    assert "2 x  Kṛṣṇa -> creation" in shown
    assert "(nothing) -> now" in shown
