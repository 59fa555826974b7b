"""The term lexicon: IAST forms, Devanagari, meanings and the spellings ASR engines produce."""

from __future__ import annotations

import json
import marshal
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from core.knowledge.phonetic import fold, phonetic_key, term_key

PROPER_KINDS = frozenset({"name", "work", "deity", "place", "teacher", "school"})
SHORT_KIND = "short"
"""A short word form quoted from verses (ahaṃ, evaṃ, vā): written only beside Sanskrit."""
QUOTED_KIND = "quoted"
"""A word form of a text lectures quote besides the Gītā (the Upaniṣads, the Bhāgavatam):
found only by its spelling or an ASR spelling of it, never by a phonetic key alone, for
nothing but the corpus attests it ("bhaj" is the root, not the quoted bhaja)."""
EXACT_KINDS = frozenset({"form", SHORT_KIND, QUOTED_KIND})
"""Kinds matched by spelling or sound only, never fuzzily: an inflected form quoted from a
verse ("bhramatīva") would otherwise capture its near neighbours ("bhramati")."""
STEM_KIND = "stem"
"""A bare stem ("rūpa", "mata"): too short to stand for a word of its own beside English,
it is found only by the stems index, on which the terms stage reads case endings."""
IAST_MARKS = frozenset("āīūṛṝḷḹṅñṭḍṇśṣṃṁḥĀĪŪṚṜḶḸṄÑṬḌṆŚṢṂṀḤ")
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_HK_OR_ITRANS = re.compile(r"[a-z][A-Z]|[A-Z]{2}|[~^.`]|aa|ii|uu|\bR\^?i")
_SPACES = re.compile(r"[\s\-]+")

# Scores of the match kinds: an exact spelling beats a phonetic key, which beats fuzzy.
SCORE_IAST = 1.0
SCORE_VARIANT = 0.98
SCORE_PHONETIC = 0.9
FUZZY_WEIGHT = 0.85
SCORE_QUOTED = 0.8
"""A quoted form sounding like the query: below the others that do, above most fuzzy ones."""
MIN_FUZZY_KEY = 3
MIN_PREFIX = 5
PREFIX_MARK = ">"
"""phrase_starts also holds ">" + each prefix of a compound's joined key: a word that ASR
joined from the compound's first words ("yathottamashloka janashray") opens it too."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A term or name: IAST form, Devanagari, kind (term, name, work, ...), ASR spellings."""

    id: str
    iast: str
    devanagari: str | None
    kind: str
    meaning: str | None
    variants: tuple[str, ...]

    @property
    def is_proper(self) -> bool:
        """Names, works, deities, places: written with a capital wherever they stand."""
        return self.kind in PROPER_KINDS


@dataclass(frozen=True, slots=True)
class Match:
    """A lookup answer: the entry, a score in 0..1 and how it matched (iast, variant, ...)."""

    entry: Entry
    score: float
    how: str


def canonical_iast(text: str) -> str:
    """NFC with anusvāra written ṃ, so that ṃ and ṁ spellings compare equal."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text).replace("ṁ", "ṃ").replace("Ṁ", "Ṃ")


def has_iast_marks(word: str) -> bool:
    """True if the word carries an IAST letter with a diacritic."""
    return any(ch in IAST_MARKS for ch in word)


def asr_form(text: str) -> str:
    """How a spelling is compared with the known ASR spellings: lower case, single spaces."""
    if text.isalpha():
        return text.lower()
    return _SPACES.sub(" ", text.lower()).strip()


def parse_lexicon(text: str) -> list[Entry]:
    """Entries from the packaged JSONL text (one JSON object per line)."""
    entries: list[Entry] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            entries.append(
                Entry(
                    id=str(record["id"]),
                    iast=canonical_iast(str(record["iast"])),
                    devanagari=record.get("devanagari") or None,
                    kind=str(record.get("kind") or "term"),
                    meaning=record.get("meaning") or None,
                    variants=tuple(str(v) for v in record.get("variants") or ()),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"lexicon line {number}: {error}") from error
    return entries


EntryRow = tuple[str, str, str | None, str, str | None, tuple[str, ...]]
"""An entry's fields in order (id, iast, devanagari, kind, meaning, variants)."""

LexiconState = tuple[
    tuple[bytes, ...],
    tuple[str, ...],
    dict[str, int],
    dict[str, int],
    dict[str, tuple[int, ...]],
    dict[str, int],
    tuple[str, ...],
    dict[str, tuple[int, ...]],
]
"""Marshal-friendly form of a built Lexicon: each entry's row marshalled on its own, so that
loading the cache decodes only the indexes, and a row when its entry is first used (a cold
start touches a few dozen of ten thousand); then each row's kind (which the fuzzy index
needs for every key); the indexes map keys to positions."""


class Lexicon:
    """Entries indexed by IAST form, ASR spelling and phonetic key; earlier entries win ties."""

    __slots__ = (
        "_by_form",
        "_by_id",
        "_by_key",
        "_by_parts",
        "_by_stem",
        "_by_variant",
        "_entries",
        "_fuzzy_keys",
        "_kinds",
        "_made",
        "_quoted_keys",
        "_rows",
        "phrase_starts",
    )

    def __init__(self, entries: Iterable[Entry]) -> None:
        made = tuple(entries)
        self._rows: tuple[bytes, ...] = tuple(marshal.dumps(_row(entry)) for entry in made)
        self._kinds: tuple[str, ...] = tuple(entry.kind for entry in made)
        self._made: list[Entry | None] = list(made)
        by_form: dict[str, int] = {}
        by_variant: dict[str, int] = {}
        by_key: dict[str, list[int]] = {}
        by_parts: dict[str, int] = {}
        by_stem: dict[str, list[int]] = {}
        starts: set[str] = set()
        for position, entry in enumerate(made):
            if entry.kind == STEM_KIND:
                by_stem.setdefault(phonetic_key(entry.iast), []).append(position)
                continue
            if entry.kind == "term" and " " not in entry.iast:
                by_stem.setdefault(phonetic_key(entry.iast), []).append(position)
            by_form.setdefault(entry.iast.lower(), position)
            for variant in entry.variants:
                by_variant.setdefault(asr_form(variant), position)
            if entry.kind != QUOTED_KIND:
                by_key.setdefault(term_key(entry.iast), []).append(position)
            parts = _SPACES.split(entry.iast.strip())
            if len(parts) > 1:
                by_parts.setdefault(parts_key(parts), position)
                starts.update(
                    term_key(asr_form(form).split(" ")[0]) for form in (entry.iast, *entry.variants)
                )
                joined = term_key(entry.iast)
                starts.update(PREFIX_MARK + joined[:end] for end in range(MIN_PREFIX, len(joined)))
        self._index(
            by_form,
            by_variant,
            {key: tuple(value) for key, value in by_key.items()},
            by_parts,
            tuple(sorted(starts)),
            {key: tuple(value) for key, value in by_stem.items()},
        )

    def _index(
        self,
        by_form: dict[str, int],
        by_variant: dict[str, int],
        by_key: dict[str, tuple[int, ...]],
        by_parts: dict[str, int],
        phrase_starts: tuple[str, ...],
        by_stem: dict[str, tuple[int, ...]],
    ) -> None:
        self._by_form = by_form
        self._by_stem = by_stem
        self._by_variant = by_variant
        self._by_key = by_key
        self._by_parts = by_parts
        self.phrase_starts: frozenset[str] = frozenset(phrase_starts)
        """Phonetic keys of the first words of multi-word forms and their ASR spellings."""
        self._entries: tuple[Entry, ...] | None = None
        self._by_id: dict[str, int] | None = None
        self._fuzzy_keys: dict[str, list[str]] | None = None
        self._quoted_keys: dict[str, list[int]] | None = None

    # Entries, the id index and the fuzzy buckets are made on first use: a cold start that
    # loads the index cache does not pay for the ten thousand objects a run may never touch.

    def _entry(self, position: int) -> Entry:
        entry = self._made[position]
        if entry is None:
            entry = self._made[position] = Entry(*marshal.loads(self._rows[position]))
        return entry

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry, in lexicon order (earlier entries win ties)."""
        if self._entries is None:
            self._entries = tuple(self._entry(p) for p in range(len(self._rows)))
        return self._entries

    def _fuzzy_buckets(self) -> dict[str, list[str]]:
        """Phonetic keys by first letter, for fuzzy matching; exact-only kinds left out."""
        if self._fuzzy_keys is None:
            buckets: dict[str, list[str]] = {}
            for key, positions in self._by_key.items():
                if len(key) >= MIN_FUZZY_KEY and self._kinds[positions[0]] not in EXACT_KINDS:
                    buckets.setdefault(key[0], []).append(key)
            self._fuzzy_keys = buckets
        return self._fuzzy_keys

    def _quoted_by_key(self) -> dict[str, list[int]]:
        """Positions of the quoted forms by phonetic key: not in the key index the stages
        use (QUOTED_KIND), but a reviewer's candidates may sound like what was heard."""
        if self._quoted_keys is None:
            keys: dict[str, list[int]] = {}
            for position, kind in enumerate(self._kinds):
                if kind == QUOTED_KIND:
                    keys.setdefault(term_key(self._entry(position).iast), []).append(position)
            self._quoted_keys = keys
        return self._quoted_keys

    def opens_phrase(self, key: str) -> bool:
        """True if a word with this phonetic key may begin a multi-word entry."""
        if key in self.phrase_starts:
            return True
        return len(key) >= MIN_PREFIX and PREFIX_MARK + key in self.phrase_starts

    def to_state(self) -> LexiconState:
        """The built indexes as plain tuples and dicts (for a marshal cache)."""
        starts = tuple(sorted(self.phrase_starts))
        return (
            self._rows,
            self._kinds,
            self._by_form,
            self._by_variant,
            self._by_key,
            self._by_parts,
            starts,
            self._by_stem,
        )

    @classmethod
    def from_state(cls, state: LexiconState) -> Lexicon:
        """Rebuild from `to_state()` without recomputing phonetic keys."""
        rows, kinds, by_form, by_variant, by_key, by_parts, starts, by_stem = state
        lexicon = cls.__new__(cls)
        lexicon._rows = rows
        lexicon._kinds = kinds
        lexicon._made = [None] * len(rows)
        lexicon._index(by_form, by_variant, by_key, by_parts, starts, by_stem)
        return lexicon

    def by_parts(self, words: Sequence[str]) -> Entry | None:
        """The multi-word entry whose words, keyed one by one, match `words` ("chaitany
        charitamrita" ~ Caitanya-caritāmṛta: each word may lose its final a)."""
        position = self._by_parts.get(parts_key(words))
        return None if position is None else self._entry(position)

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, entry_id: str) -> Entry | None:
        if self._by_id is None:
            self._by_id = {e.id: p for p, e in reversed(tuple(enumerate(self.entries)))}
        position = self._by_id.get(entry_id)
        return None if position is None else self._entry(position)

    def written_forms(self) -> Iterable[tuple[str, str]]:
        """(IAST form lower-cased, kind) of every entry and stem, in lexicon order; read
        from the rows without keeping the entries made (a run seldom needs them all)."""
        for row, kind in zip(self._rows, self._kinds, strict=True):
            made = Entry(*marshal.loads(row))
            yield canonical_iast(made.iast).lower(), kind

    def is_iast_form(self, word: str) -> bool:
        """True if `word` is the IAST form of an entry (case- and ṃ/ṁ-insensitive)."""
        return canonical_iast(word).lower() in self._by_form

    def by_form(self, word: str) -> Entry | None:
        """The entry whose IAST form is `word` (case- and ṃ/ṁ-insensitive)."""
        position = self._by_form.get(canonical_iast(word).lower())
        return None if position is None else self._entry(position)

    def by_variant(self, spelling: str) -> Entry | None:
        """The entry one of whose known ASR spellings is `spelling` (case-insensitive)."""
        position = self._by_variant.get(asr_form(spelling))
        return None if position is None else self._entry(position)

    def by_key(self, key: str) -> Sequence[Entry]:
        """Entries under a phonetic key, best first."""
        return [self._entry(position) for position in self._by_key.get(key, ())]

    def stems(self, heard: str) -> Sequence[Entry]:
        """Common one-word terms and bare stems heard as `heard`: what a case ending may
        follow ("rupani" is rūpa + āṇi). Compared by phonetic_key, which unlike term_key
        keeps a final m apart from n (bhinna is no bhīma)."""
        return [self._entry(position) for position in self._by_stem.get(phonetic_key(heard), ())]

    def find_asr_spelling(self, word_or_phrase: str) -> Entry | None:
        """The entry `word_or_phrase` is a known ASR spelling of, if its IAST differs
        (not only in case or in a space for a hyphen: "karma yoga" for karma-yoga is fine)."""
        entry = self.by_variant(word_or_phrase)
        if entry is None or asr_form(canonical_iast(word_or_phrase)) == asr_form(entry.iast):
            return None  # already the IAST, up to case and how the compound is joined
        return entry

    def fuzzy(self, key: str, *, threshold: float, limit: int = 5) -> list[tuple[Entry, float]]:
        """Entries whose phonetic key is close to `key` (rapidfuzz ratio, 0..100).

        Only keys with the same first letter are compared: ASR rarely mishears the onset,
        and the key already merges the onsets it does confuse (sh/s, ch/c, v/w).
        """
        found: list[tuple[Entry, float]] = []
        choices = self._fuzzy_buckets().get(key[:1], [])
        for other, score, _ in process.extract(
            key, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit
        ):
            found.append((self._entry(self._by_key[other][0]), float(score)))
        return found

    def lookup(self, query: str, *, limit: int = 5, quoted: bool = False) -> list[Match]:
        """Entries for IAST, Harvard-Kyoto, ITRANS, Devanagari or an ASR spelling, best first;
        with `quoted`, the quoted forms that sound like it too (ranked below the others that
        do: only a reviewer's candidates, never a correction)."""
        best: dict[str, Match] = {}

        def offer(entry: Entry, score: float, how: str) -> None:
            current = best.get(entry.id)
            if current is None or current.score < score:
                best[entry.id] = Match(entry, round(score, 4), how)

        for form in _readings(query.strip()):
            entry = self.by_form(form)
            if entry is not None:
                offer(entry, SCORE_IAST, "iast")
            entry = self.by_variant(form)
            if entry is not None:
                offer(entry, SCORE_VARIANT, "variant")
            key = term_key(form)
            for rank, entry in enumerate(self.by_key(key)):
                offer(entry, SCORE_PHONETIC - 0.01 * min(rank, 5), "phonetic")
            if quoted:
                for rank, position in enumerate(self._quoted_by_key().get(key, ())):
                    offer(self._entry(position), SCORE_QUOTED - 0.01 * min(rank, 5), "phonetic")
            if len(key) >= 3:
                for entry, score in self.fuzzy(key, threshold=70.0, limit=limit):
                    offer(entry, FUZZY_WEIGHT * score / 100, "fuzzy")
        ranked = sorted(best.values(), key=lambda match: (-match.score, match.entry.id))
        return ranked[:limit]


def _row(entry: Entry) -> EntryRow:
    return (entry.id, entry.iast, entry.devanagari, entry.kind, entry.meaning, entry.variants)


def parts_key(words: Sequence[str]) -> str:
    """Phonetic keys of the words of a compound, one by one, joined with "|"."""
    return "|".join(term_key(word) for word in words)


def _readings(query: str) -> list[str]:
    """The query itself plus its IAST reading if it is Devanagari, Harvard-Kyoto or ITRANS."""
    if not query:
        return []
    if _DEVANAGARI.search(query):
        return [_transliterate(query, "devanagari")]
    readings = [canonical_iast(query)]
    if not has_iast_marks(query) and _HK_OR_ITRANS.search(query):
        readings.extend(_transliterate(query, scheme) for scheme in ("hk", "itrans"))
    return list(dict.fromkeys(readings))


def _transliterate(text: str, scheme: str) -> str:
    # Imported here: indic-transliteration takes ~150 ms to import, and only lookups need it.
    from indic_transliteration import sanscript

    return canonical_iast(sanscript.transliterate(text, scheme, sanscript.IAST))


__all__ = [
    "Entry",
    "Lexicon",
    "Match",
    "asr_form",
    "canonical_iast",
    "fold",
    "has_iast_marks",
    "parse_lexicon",
]
