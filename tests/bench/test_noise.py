import random

from hypothesis import given
from hypothesis import strategies as st

from bench.noise import ACCEPTANCE, DEV, recite, spell_sanskrit, spoken_number


def test_dev_spells_krishna_as_english_asr_does() -> None:
    spellings = {spell_sanskrit("Kṛṣṇa", DEV, random.Random(seed)) for seed in range(40)}
    assert "krishna" in spellings
    assert all(spelling.isascii() for spelling in spellings)


def test_punctuation_and_possessive_survive_respelling() -> None:
    spelled = spell_sanskrit("Kṛṣṇa’s,", DEV, random.Random(1))
    assert spelled.endswith("’s,")


def test_acceptance_model_uses_other_conventions() -> None:
    spellings = {spell_sanskrit("Bhagavad-gītā", ACCEPTANCE, random.Random(s)) for s in range(60)}
    assert any("geeta" in spelling for spelling in spellings)
    assert any(spelling.startswith("Bhag") for spelling in spellings)


def test_spoken_numbers_are_words() -> None:
    rng = random.Random(0)
    assert spoken_number(47, DEV, rng) == "forty seven"
    assert spoken_number(2, DEV, rng) == "two"
    assert spoken_number(70, DEV, rng) == "seventy"


def test_recited_words_keep_their_letters_in_order() -> None:
    words = ["karmaṇy", "evādhikāras", "te"]
    heard = recite(words, DEV, random.Random(5))
    assert "".join(heard).startswith("karman")
    assert all(word.isascii() for word in heard)


_IAST = "aāiīuūṛkgṅcjñṭḍṇtdnpbmyrlvśṣshṃḥ-"


@given(st.text(alphabet=_IAST, min_size=1, max_size=20), st.integers())
def test_every_iast_word_is_heard_as_ascii(word: str, seed: int) -> None:
    for model in (DEV, ACCEPTANCE):
        assert spell_sanskrit(word, model, random.Random(seed)).isascii()
