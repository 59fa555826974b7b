"""The loader: packaged data becomes Resources, through an on-disk index cache."""

from __future__ import annotations

from pathlib import Path

from core.loader import load_resources


def test_loader_returns_thousands_of_terms_and_all_gita_verses(tmp_path: Path) -> None:
    resources = load_resources(cache_dir=tmp_path)
    assert len(resources.lexicon) >= 3000
    assert len(resources.verses) >= 700
    assert resources.english.is_common("the", 6.0)
    assert resources.lexicon.lookup("krishna")[0].entry.iast == "Kṛṣṇa"


def test_cached_lexicon_equals_the_freshly_built_one(tmp_path: Path) -> None:
    fresh = load_resources(cache_dir=tmp_path).lexicon
    assert list(tmp_path.glob("lexicon-*.marshal"))
    cached = load_resources(cache_dir=tmp_path).lexicon
    assert cached.entries == fresh.entries
    assert cached.lookup("bhagavad gita") == fresh.lookup("bhagavad gita")


def test_a_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    load_resources(cache_dir=tmp_path)
    for path in tmp_path.glob("lexicon-*.marshal"):
        path.write_bytes(b"not marshal")
    assert len(load_resources(cache_dir=tmp_path).lexicon) >= 3000


def test_cached_verse_matcher_finds_what_the_freshly_built_one_finds(tmp_path: Path) -> None:
    fresh = load_resources(cache_dir=tmp_path).verses
    assert list(tmp_path.glob("verses-*.marshal"))
    cached = load_resources(cache_dir=tmp_path).verses
    assert cached.matcher.postings == fresh.matcher.postings
    assert cached.matcher.vocabulary == fresh.matcher.vocabulary
    query = "karmanye vadhikaraste ma phaleshu kadachana"
    assert cached.search(query)[0].verse.id == "BG 2.47"
    assert cached.search(query) == fresh.search(query)


def test_a_corrupt_verse_cache_is_rebuilt(tmp_path: Path) -> None:
    load_resources(cache_dir=tmp_path)
    for path in tmp_path.glob("verses-*.marshal"):
        path.write_bytes(b"not marshal")
    verses = load_resources(cache_dir=tmp_path).verses
    assert verses.search("karmanye vadhikaraste ma phaleshu")[0].verse.id == "BG 2.47"
