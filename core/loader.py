"""The one loader of packaged data: lexicon, verse index, English frequencies.

The caller builds the Resources once per process and holds them. The built lexicon indexes
(phonetic keys of every entry) are cached on disk under state_dir()/cache, keyed by a hash
of the packaged data and the key version: that halves the cold start.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import marshal
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from core.engine import Resources
from core.english import parse_english_words
from core.errors import DataError
from core.lexicon import Lexicon, LexiconState, parse_lexicon
from core.phonetic import KEY_VERSION
from core.settings import state_dir
from core.verses import Verse, build_verse_index, parse_verse_records

LEXICON_FILE = "lexicon.jsonl.gz"
ENGLISH_FILE = "english_words.tsv.gz"
VERSE_FILES = ("verses_bg.jsonl.gz", "verses_bg.jsonl")
CACHE_FORMAT = 4

logger = logging.getLogger(__name__)


def load_resources(
    *, extra_verse_dirs: Sequence[Path] = (), cache_dir: Path | None = None
) -> Resources:
    """Lexicon, verse index and English frequencies from the packaged data (plus verse packs).

    `cache_dir` defaults to state_dir()/cache; an unwritable cache only costs time.
    """
    lexicon = load_lexicon(_packaged(LEXICON_FILE), cache_dir=cache_dir)
    english = parse_english_words(_text(_packaged(ENGLISH_FILE), ENGLISH_FILE))
    verses: list[Verse] = []
    for name in VERSE_FILES:
        data = _packaged_or_none(name)
        if data is not None:
            verses.extend(parse_verse_records(_text(data, name).splitlines(), source=name))
            break
    for directory in extra_verse_dirs:
        for path in sorted(Path(directory).glob("*.jsonl*")):
            text = _text(path.read_bytes(), str(path))
            verses.extend(parse_verse_records(text.splitlines(), source=str(path)))
    return Resources(lexicon=lexicon, verses=build_verse_index(verses), english=english)


def load_lexicon(data: bytes, *, cache_dir: Path | None = None) -> Lexicon:
    """The lexicon from its packaged bytes, through the on-disk index cache when possible."""
    digest = hashlib.sha256(data).hexdigest()[:20]
    cache = (cache_dir or state_dir() / "cache") / (
        f"lexicon-{digest}-k{KEY_VERSION}-f{CACHE_FORMAT}.marshal"
    )
    try:
        state: LexiconState = marshal.loads(cache.read_bytes())
        return Lexicon.from_state(state)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError, TypeError) as error:
        logger.warning("ignoring unreadable lexicon cache %s: %s", cache, error)
    try:
        lexicon = Lexicon(parse_lexicon(_text(data, LEXICON_FILE)))
    except ValueError as error:
        raise DataError(f"{LEXICON_FILE}: {error}") from error
    _write_cache(cache, marshal.dumps(lexicon.to_state()))
    return lexicon


def _write_cache(path: Path, payload: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            handle.write(payload)
        Path(handle.name).replace(path)
    except OSError as error:
        logger.warning("could not write lexicon cache %s: %s", path, error)


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
