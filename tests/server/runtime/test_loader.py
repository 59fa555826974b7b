"""The loader: packaged data becomes Resources, through an on-disk index cache."""

from __future__ import annotations

import gzip
import json
import marshal
import os
from pathlib import Path

import pytest

from core.engine import Resources
from core.errors import SettingsError
from core.knowledge.marks import MarkModel
from server.runtime.disk_cache import KEEP as KEEP_CACHES
from server.runtime.loader import load_lexicon, load_resources, shipped_packs
from server.runtime.state import check_startable


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


def test_cached_english_frequencies_equal_the_packaged_ones(tmp_path: Path) -> None:
    fresh = load_resources(cache_dir=tmp_path).english
    assert list(tmp_path.glob("english-*.marshal"))
    cached = load_resources(cache_dir=tmp_path).english
    assert len(cached) == len(fresh) > 100_000
    for word in ("the", "drama", "dharma", "sat", "zzzz"):
        assert cached.zipf(word) == fresh.zipf(word)


def test_an_english_cache_whose_parts_disagree_is_rebuilt(tmp_path: Path) -> None:
    load_resources(cache_dir=tmp_path)
    for path in tmp_path.glob("english-*.marshal"):
        path.write_bytes(marshal.dumps((["the", "of"], "Z")))  # two words, one code
    english = load_resources(cache_dir=tmp_path).english
    assert english.is_common("the", 6.0)
    assert len(english) > 100_000


@pytest.mark.parametrize("words", ["lexicon", "english"])
def test_letter_models_are_counted_on_first_need_then_read_from_the_cache(
    tmp_path: Path, words: str
) -> None:
    def model(resources: Resources) -> MarkModel:
        odds = resources.letter_odds()
        return odds.sanskrit if words == "lexicon" else odds.english

    resources = load_resources(cache_dir=tmp_path)
    assert not list(tmp_path.glob(f"letters-{words}-*.marshal"))  # not at every start
    fresh = model(resources)
    (cache,) = tmp_path.glob(f"letters-{words}-*.marshal")
    cached = model(load_resources(cache_dir=tmp_path))
    assert cached == fresh and len(cached.counts) > 20_000
    cache.write_bytes(marshal.dumps((["not", "counts"], 3)))
    assert model(load_resources(cache_dir=tmp_path)) == fresh


def _aged(path: Path, when: int) -> Path:
    path.write_bytes(b"an old cache")
    os.utime(path, (when, when))
    return path


def test_old_caches_are_pruned_to_the_most_recently_used(tmp_path: Path) -> None:
    old = [_aged(tmp_path / f"lexicon-old{n}-k1-f1.marshal", 1000 - n) for n in range(6)]
    verses = _aged(tmp_path / "verses-m0-old-k1-f1.marshal", 1)
    load_resources(cache_dir=tmp_path)  # writes this build's lexicon and verse caches
    assert len(list(tmp_path.glob("lexicon-*.marshal"))) == KEEP_CACHES
    kept = KEEP_CACHES - 1  # beside the one just written: the most recently used
    assert all(path.exists() for path in old[:kept])
    assert not any(path.exists() for path in old[kept:])
    assert verses.exists()  # each kind keeps its own


def test_a_cache_read_counts_as_used_and_is_kept(tmp_path: Path) -> None:
    load_resources(cache_dir=tmp_path)
    (current,) = tmp_path.glob("lexicon-*.marshal")
    os.utime(current, (1, 1))
    newer = [_aged(tmp_path / f"lexicon-other{n}-k1-f1.marshal", 100 + n) for n in range(3)]
    load_resources(cache_dir=tmp_path)  # reads the current cache: used now
    tiny = gzip.compress(json.dumps({"id": "om", "iast": "oṃ"}).encode())
    load_lexicon(tiny, cache_dir=tmp_path)  # another lexicon: a new cache, and a prune
    assert current.exists()
    assert not newer[0].exists()  # the least recently used goes
    assert len(list(tmp_path.glob("lexicon-*.marshal"))) == KEEP_CACHES


def test_the_shipped_verse_packs_are_recognised_and_one_can_be_switched_off(
    tmp_path: Path,
) -> None:
    packs = shipped_packs()
    assert {"yoga_sutra", "katha_upanishad", "bhaja_govindam", "shanti_mantras"} <= set(packs)
    every = load_resources(cache_dir=tmp_path)
    assert every.verses.get("YS 1.2") is not None and every.verses.get("BG 2.47") is not None
    without = load_resources(disabled_packs={"yoga_sutra"}, cache_dir=tmp_path)
    assert without.verses.get("YS 1.2") is None and without.verses.get("KaU 1.2.23") is not None


def test_a_configuration_that_switches_off_an_unknown_pack_is_refused() -> None:
    with pytest.raises(SettingsError, match=r"verses\.disabled_packs.*no shipped pack yogasutra"):
        check_startable({"verses": {"disabled_packs": ["yogasutra"]}})
