"""Alternative spellings: sandhi-aware endings, Hindi-style readings, hyphenated compounds."""

from __future__ import annotations

from core.review.forms import dropped_schwa, ending_alternatives, hyphenated


def test_anusvara_before_a_vowel_or_at_a_pause_may_be_m() -> None:
    assert list(ending_alternatives("svayaṃ", "eva")) == ["svayam"]
    assert list(ending_alternatives("padaṃ", None)) == ["padam"]
    assert list(ending_alternatives("teṣāṃ", "śāntiḥ")) == []  # before a consonant: right


def test_m_before_a_consonant_may_be_anusvara() -> None:
    assert list(ending_alternatives("teṣām", "śāntiḥ")) == ["teṣāṃ"]
    assert list(ending_alternatives("alan", None)) == ["alam"]


def test_a_lost_visarga_is_offered_at_a_pause_and_before_k_p_s() -> None:
    assert "manaḥ" in list(ending_alternatives("mana", None))
    assert "paramaḥ" in list(ending_alternatives("paramā", "kṛṣṇaḥ"))
    assert list(ending_alternatives("mana", "gacchati")) == []  # before a voiced sound: no
    assert list(ending_alternatives("vedyo", None)) == ["vedyaḥ"]


def test_a_visarga_before_a_vowel_or_voiced_sound_may_be_dropped() -> None:
    assert list(ending_alternatives("yataḥ", "ātmano")) == ["yata"]
    assert list(ending_alternatives("rāmaḥ", "gacchati")) == ["rāma", "rāmo"]
    assert list(ending_alternatives("rāmaḥ", None)) == []


def test_diphthongs_take_no_visarga() -> None:
    assert list(ending_alternatives("pādau", None)) == []


def test_hindi_style_readings() -> None:
    assert list(dropped_schwa("yog")) == ["yoga"]
    assert "Govinda" in list(dropped_schwa("Govindar"))
    assert list(dropped_schwa("yoga")) == []


def test_hyphenated_compound_prefers_members_ending_in_a_vowel() -> None:
    known = {"jñāna", "bala", "kriyā", "ātma", "ātm", "sthaṃ", "asthaṃ"}
    assert hyphenated("jñānabalakriyā", known.__contains__) == "jñāna-bala-kriyā"
    assert hyphenated("ātmasthaṃ", known.__contains__) == "ātma-sthaṃ"
    assert hyphenated("jñāna", known.__contains__) is None  # one member is no compound
    assert hyphenated("Jñānabala", known.__contains__) == "Jñāna-bala"  # case kept
