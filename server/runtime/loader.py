"""The one loader of packaged data: lexicon, verse index, English frequencies.

The caller builds the Resources once per process and holds them. The built indexes (the
phonetic keys of every lexicon entry, the verse matcher's n-grams) and the split English word
list are cached on disk under state_dir()/cache, keyed by a hash of the data and the key
version: that halves the cold start. The letter models of the lexicon's and English's words
(core.knowledge.marks) are cached there too, and read only when a run first needs them.
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Callable, Collection, Sequence
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TypeVar

from core.engine import Resources
from core.errors import DataError
from core.knowledge.english import EnglishWords, english_from_state, parse_english_state
from core.knowledge.letter_odds import ENGLISH_LETTERS_ZIPF, english_letter_model
from core.knowledge.lexicon import Lexicon, parse_lexicon
from core.knowledge.marks import ORDER, MarkModel
from core.knowledge.phonetic import KEY_VERSION
from core.knowledge.verse_index import (
    MATCHER_VERSION,
    MatcherState,
    VerseIndex,
    VerseRow,
    verse_row,
)
from core.stages.verses import Verse, build_verse_index, parse_verse_records
from server.runtime import disk_cache
from server.runtime.settings_sources import state_dir

LEXICON_FILE = "lexicon.jsonl.gz"
ENGLISH_FILE = "english_words.tsv.gz"
VERSE_FILES = ("verses_bg.jsonl.gz", "verses_bg.jsonl")
PACKS_FOLDER = "verses"
"""config/verses: the verse packs shipped with Śruti (Yoga Sūtra, Upaniṣads, hymns)."""
CACHE_FORMAT = 7

logger = logging.getLogger(__name__)
State = TypeVar("State")
Words = TypeVar("Words")
Restored = TypeVar("Restored")


def load_resources(
    *,
    extra_verse_dirs: Sequence[Path] = (),
    disabled_packs: Collection[str] = (),
    cache_dir: Path | None = None,
) -> Resources:
    """Lexicon, verse index and English frequencies from the packaged data: the Gītā, every
    shipped verse pack but `disabled_packs`, and the packs in `extra_verse_dirs`.

    `cache_dir` defaults to state_dir()/cache; an unwritable cache only costs time.
    """
    cache = cache_dir or state_dir() / "cache"
    lexicon_data = _packaged(LEXICON_FILE)
    lexicon = load_lexicon(lexicon_data, cache_dir=cache)
    english_data = _packaged(ENGLISH_FILE)
    english = load_english(english_data, cache_dir=cache)
    sources: list[tuple[str, bytes]] = []
    for name in VERSE_FILES:
        data = _packaged_or_none(name)
        if data is not None:
            sources.append((name, data))
            break
    packs = resources.files("config").joinpath(PACKS_FOLDER)
    sources.extend(
        (f"{PACKS_FOLDER}/{pack}.jsonl", packs.joinpath(f"{pack}.jsonl").read_bytes())
        for pack in shipped_packs()
        if pack not in disabled_packs
    )
    for directory in extra_verse_dirs:
        sources.extend(
            (str(path), path.read_bytes()) for path in sorted(Path(directory).glob("*.jsonl*"))
        )
    verses = load_verses(sources, cache_dir=cache)
    return Resources(
        lexicon=lexicon,
        verses=verses,
        english=english,
        lexicon_letters=partial(
            cached_letters,
            _cache_path(cache, f"letters-lexicon-o{ORDER}", [lexicon_data]),
            MarkModel.of_lexicon,
        ),
        english_letters=partial(
            cached_letters,
            _cache_path(cache, f"letters-english-o{ORDER}-z{ENGLISH_LETTERS_ZIPF}", [english_data]),
            english_letter_model,
        ),
    )


def shipped_packs() -> list[str]:
    """The names of the verse packs shipped in config/verses (yoga_sutra, ...), sorted."""
    folder = resources.files("config").joinpath(PACKS_FOLDER)
    if not folder.is_dir():
        return []
    return sorted(
        entry.name.removesuffix(".jsonl")
        for entry in folder.iterdir()
        if entry.name.endswith(".jsonl")
    )


def load_lexicon(data: bytes, *, cache_dir: Path | None = None) -> Lexicon:
    """The lexicon from its packaged bytes, through the on-disk index cache when possible."""
    cache = _cache_path(cache_dir, "lexicon", [data])
    cached = _restored(cache, Lexicon.from_state)
    if cached is not None:
        return cached
    try:
        lexicon = Lexicon(parse_lexicon(_text(data, LEXICON_FILE)))
    except ValueError as error:
        raise DataError(f"{LEXICON_FILE}: {error}") from error
    disk_cache.write(cache, lexicon.to_state())
    return lexicon


def load_english(data: bytes, *, cache_dir: Path | None = None) -> EnglishWords:
    """The English frequencies, through the on-disk cache when possible: unmarshalling the
    word list takes about half as long as decompressing and splitting the packaged file."""
    cache = _cache_path(cache_dir, "english", [data])
    cached = _restored(cache, english_from_state)
    if cached is not None:
        return cached
    try:
        state = parse_english_state(_text(data, ENGLISH_FILE))
        english = english_from_state(state)
    except ValueError as error:
        raise DataError(f"{ENGLISH_FILE}: {error}") from error
    disk_cache.write(cache, state)
    return english


def cached_letters(cache: Path, count: Callable[[Words], MarkModel], words: Words) -> MarkModel:
    """A letter model (core.knowledge.marks) of the lexicon's or English's words, through
    the on-disk cache: counting English's takes most of a second, the lexicon's a tenth,
    reading either a few hundredths. Made when a run first needs it, not at every start."""
    cached = _restored(cache, MarkModel.from_state)
    if cached is not None:
        return cached
    model = count(words)
    disk_cache.write(cache, model.to_state())
    return model


def load_verses(
    sources: Sequence[tuple[str, bytes]], *, cache_dir: Path | None = None
) -> VerseIndex:
    """The verse index of (name, bytes) sources: the parsed verses and their matcher from
    the on-disk cache when it is there (parsing 701 JSON lines is a fifth of a cold start)."""
    cache = _cache_path(cache_dir, f"verses-m{MATCHER_VERSION}", [data for _, data in sources])
    cached = _restored(cache, _verse_index_from_state)
    if cached is not None:
        return cached
    verses: list[Verse] = []
    for name, data in sources:
        verses.extend(parse_verse_records(_text(data, name).splitlines(), source=name))
    index = build_verse_index(verses)
    rows = tuple(verse_row(verse) for verse in index.verses)
    disk_cache.write(cache, (rows, index.matcher.to_state()))
    return index


def _verse_index_from_state(state: tuple[tuple[VerseRow, ...], MatcherState]) -> VerseIndex:
    rows, matcher = state
    index = build_verse_index([Verse(*row) for row in rows])
    index.use_matcher_state(matcher)
    return index


def _restored(cache: Path, restore: Callable[[State], Restored]) -> Restored | None:
    """What `restore` makes of the cached state; None when there is no cache or it is
    unusable (an old or damaged file is rebuilt, never trusted)."""
    state = disk_cache.read(cache)
    if state is None:
        return None
    try:
        return restore(state)
    except (ValueError, TypeError) as error:
        logger.warning("ignoring unreadable cache %s: %s", cache, error)
        return None


def _cache_path(cache_dir: Path | None, kind: str, data: Sequence[bytes]) -> Path:
    """Where the index built from `data` is cached: named by its hash and the key version."""
    directory = cache_dir or state_dir() / "cache"
    return disk_cache.cache_path(directory, kind, data, f"k{KEY_VERSION}-f{CACHE_FORMAT}")


def _packaged(name: str) -> bytes:
    data = _packaged_or_none(name)
    if data is None:
        raise DataError(f"packaged data file config/{name} is missing")
    return data


def _packaged_or_none(name: str) -> bytes | None:
    resource = resources.files("config").joinpath(name)
    return resource.read_bytes() if resource.is_file() else None


def _text(data: bytes, source: str) -> str:
    try:
        raw = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
        return raw.decode("utf-8")
    except (OSError, UnicodeDecodeError, EOFError) as error:
        raise DataError(f"{source}: unreadable data ({error})") from error
