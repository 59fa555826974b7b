"""House styles: IAST, ISO 15919, the simple English spellings, Devanāgarī verses."""

from __future__ import annotations

import pytest

from core.knowledge.house_style import HouseStyle


@pytest.mark.parametrize(
    ("iast", "simple"),
    [
        ("Kṛṣṇa", "Krishna"),
        ("Bhagavad Gītā", "Bhagavad Gita"),
        ("Śaṅkarācārya", "Shankaracharya"),
        ("Upaniṣad", "Upanishad"),
        ("jñāna", "jnana"),
        ("Caitanya", "Chaitanya"),
        ("Chāndogya", "Chandogya"),  # IAST ch stays ch
        ("saṃsāra", "samsara"),
        ("Ṛg Veda", "Rig Veda"),
        ("Lakṣmī", "Lakshmi"),
    ],
)
def test_simple_is_the_spelling_english_books_use_not_a_blind_strip(iast: str, simple: str) -> None:
    assert HouseStyle("simple").write(iast) == simple


def test_iso15919_writes_its_own_letters_and_iast_its_anusvara() -> None:
    assert HouseStyle("iso15919").write("saṃskṛta Kṛṣṇa ṝ ḷ") == "saṁskr̥ta Kr̥ṣṇa r̥̄ l̥"
    assert HouseStyle("iast", "ṁ").write("saṃsāra") == "saṁsāra"
    assert HouseStyle().write("saṃsāra") == "saṃsāra"


@pytest.mark.parametrize(
    "style", [HouseStyle(), HouseStyle("iast", "ṁ"), HouseStyle("iso15919"), HouseStyle("simple")]
)
def test_every_style_is_a_fixed_point(style: HouseStyle) -> None:
    for iast in ("Kṛṣṇa", "Śaṅkarācārya", "icchā", "saṃskṛtam", "yogaś cittavṛttinirodhaḥ"):
        once = style.write(iast)
        assert style.write(once) == once
        assert not style.restyles(once)


def test_restored_verses_may_be_written_in_devanagari() -> None:
    style = HouseStyle(verse_script="devanagari")
    assert style.verse("karmaṇy evādhikāras te") == "कर्मण्य् एवाधिकारस् ते"
    assert style.write("Kṛṣṇa") == "Kṛṣṇa"  # terms stay in the roman house style
