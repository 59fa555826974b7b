"""Verse references as people say and type them resolve to verse ids."""

from __future__ import annotations

import pytest

from core.knowledge.verse_index import Verse
from core.knowledge.verse_refs import Works

VERSES = [
    Verse("BG 2.47", "Bhagavad Gītā", "2.47", "karmaṇy evādhikāras te", None, None),
    Verse("YS 1.2", "Yoga Sūtra", "1.2", "yogaś cittavṛttinirodhaḥ", None, None),
    Verse("YS 2.46", "Yoga Sūtra", "2.46", "sthirasukham āsanam", None, None),
    Verse("KaU 1.2.23", "Kaṭha Upaniṣad", "1.2.23", "nāyam ātmā pravacanena labhyo", None, None),
    Verse("IsU 1", "Īśa Upaniṣad", "1", "īśā vāsyam idaṃ sarvam", None, None),
    Verse(
        "ChU 6.8.7", "Chāndogya Upaniṣad (selected mantras)", "6.8.7", "tat tvam asi", None, None
    ),
    Verse("Shanti purnamadah", "Śānti mantras", "", "oṃ pūrṇam adaḥ", None, None),
]
WORKS = Works.of(VERSES)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("BG 2.47", "BG 2.47"),
        ("BG 2:47", "BG 2.47"),
        ("bg2.47", "BG 2.47"),
        ("Gita 2.47", "BG 2.47"),
        ("Gītā 2.47", "BG 2.47"),
        ("Bhagavad Gita 2.47", "BG 2.47"),
        ("bhagavad gita chapter 2 verse 47", "BG 2.47"),
        ("Bhagavad-gītā, chapter two, verse forty-seven", "BG 2.47"),
        ("YS 1.2", "YS 1.2"),
        ("Yoga Sutra 1.2", "YS 1.2"),
        ("yoga sutras 2.46", "YS 2.46"),
        ("Patanjali 1.2", "YS 1.2"),
        ("Yoga Sutras of Patanjali, book 2, sutra 46", "YS 2.46"),
        ("Katha Upanishad 1.2.23", "KaU 1.2.23"),
        ("kathopanishad 1.2.23", "KaU 1.2.23"),
        ("Isha 1", "IsU 1"),
        ("Isha Upanishad 1", "IsU 1"),
        ("ishavasya 1", "IsU 1"),
        ("Chandogya 6.8.7", "ChU 6.8.7"),
    ],
)
def test_a_reference_names_its_verse(query: str, expected: str) -> None:
    assert WORKS.reference(query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "krishna",
        "Gita",
        "karmanye vadhikaraste ma phaleshu",
        "the gita says 2 things",
        "YS x.y",
        "",
    ],
)
def test_what_is_not_a_reference_names_no_verse(query: str) -> None:
    assert WORKS.reference(query) is None


def test_works_list_their_titles_counts_and_an_example() -> None:
    assert WORKS.titles["YS"] == "Yoga Sūtra"
    assert WORKS.counts["YS"] == 2
    assert WORKS.first["KaU"] == "KaU 1.2.23"
