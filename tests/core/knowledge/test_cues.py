"""Homographs read by their neighbours."""

from __future__ import annotations

import pytest

from core.knowledge.cues import cue_for


def _reading(sentence: str, word: str) -> str | None:
    words = sentence.lower().replace(",", "").split()
    cue = cue_for(word, [{w} for w in words], words.index(word))
    return None if cue is None else cue.iast


@pytest.mark.parametrize(
    ("sentence", "word", "reading"),
    [
        ("the purifier and the syllable on", "on", "oṃ"),
        ("the syllable om in the mantras", "om", "oṃ"),
        ("the stress falls on the syllable on which", "on", None),  # English
        ("he sat on the syllable", "on", None),  # the cue must come before
        ("the three vedas sama yajur and rig", "sama", "Sāma"),
        ("the three vedas sama yajur and rig", "rig", "Ṛg"),
        ("sama dama titiksha", "sama", None),  # śama among the virtues
        ("an oil rig in the sea", "rig", None),
        ("his father vasudeva was", "vasudeva", "Vasudeva"),
        ("vasudeva is everything", "vasudeva", None),  # Vāsudeva, Kṛṣṇa
        ("beyond brahman is para brahman", "para", "para"),
        ("the para prakriti", "para", None),
        ("according to bhagwat gita a sadhu", "bhagwat", "Bhagavad"),
        ("this is vagant gita", "vagant", "Bhagavad"),
        ("the bhagavat purana", "bhagavat", None),  # another work
        ("the family of a brahman", "brahman", "brāhmaṇa"),
        ("of creation consciousness so that", "creation", "Kṛṣṇa"),
        ("chant hare christian hare krishna", "christian", "Kṛṣṇa"),  # the mahā-mantra
        ("hare rama hare ram ram rama", "ram", "Rāma"),
        ("and lord ram emerged victorious", "ram", "Rāma"),
        ("a ram and a goat", "ram", None),
        ("ram ram hare hare", "ram", "Rāma"),  # the next Ram read as Rāma already
        ("taught to vibrate on and learn", "on", "oṃ"),
        ("it will vibrate on the string", "on", None),  # an object follows
        ("the creation of the world", "creation", None),
        ("because lord creation said", "creation", "Kṛṣṇa"),  # Lord Kṛṣṇa
        ("in lord christian and his", "christian", "Kṛṣṇa"),
        ("the lord creation is vast", "creation", None),  # the Lord's creation, 's unheard
        ("the history of the bhagavad peter", "peter", "Gītā"),
        ("so in the peter chapter four", "peter", "Gītā"),
        ("peter and paul went", "peter", None),
        ("beyond brahman there is", "brahman", None),
        ("personality of godhead three krsna has", "three", "Śrī"),
        ("lord three caitanya came", "three", "Śrī"),
        ("the three krsna devotees went", "three", None),  # a number of devotees
        ("three brothers and krsna", "three", None),  # not right before the name
    ],
)
def test_a_neighbour_selects_the_reading(sentence: str, word: str, reading: str | None) -> None:
    assert _reading(sentence, word) == reading


def test_punctuation_after_the_word_ends_the_clause_an_object_would_open() -> None:
    words = ["the", "syllable", "on", "the", "supreme", "combination"]
    sets = [{w} for w in words]
    assert cue_for("on", sets, 2) is None  # "the syllable on the ..." reads as English
    cue = cue_for("on", sets, 2, pause_after=True)  # "the syllable on, the supreme ..."
    assert cue is not None and cue.iast == "oṃ"
