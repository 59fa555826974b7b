"""Verse references as people say and type them: "BG 2.47", "Gita 2:47", "Bhagavad Gita
chapter 2 verse 47", "Yoga Sutras 1.2", "Patanjali 1.2", "Katha Upanishad 1.2.23", "Isha 1".

A work is known by its id prefix ("YS"), its title ("Yoga Sūtra") in any spelling (titles
are compared by phonetic key, spaces ignored, an English plural allowed), its title without
"Upaniṣad", and the common other names below. The numbers may be digits joined by dots,
colons or spaces, or words ("chapter two verse forty seven").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.knowledge.phonetic import phonetic_key
from core.knowledge.spoken_numbers import words_to_int
from core.knowledge.verse_index import Verse

OTHER_NAMES: Mapping[str, tuple[str, ...]] = {
    "BG": ("gita", "bhagavad gita", "bhagavadgita", "srimad bhagavad gita", "gitopanishad"),
    "YS": ("patanjali", "yoga sutras of patanjali", "patanjali yoga sutra", "yoga darshana"),
    "IsU": ("ishavasya", "isavasya", "ishavasya upanishad", "isopanisad"),
    "KaU": ("kathaka",),
    "BGov": ("moha mudgara", "mohamudgara", "bhajagovindam"),
}
"""Names a work goes by besides its title, by id prefix."""

_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_LABELS = frozenset(
    "chapter chapters verse verses sutra sutras sutram sloka slokas shloka shlokas text texts "
    "mantra mantras adhyaya valli pada book part section khanda brahmana anuvaka no number "
    "and of the in canto".split()
)
"""Words between the numbers of a reference that say nothing by themselves."""
_UPANISAD_KEY = phonetic_key("upaniṣad")


@dataclass(frozen=True, slots=True)
class Works:
    """The works a verse index holds, and every name each is known by (phonetic keys)."""

    by_key: Mapping[str, str]
    titles: Mapping[str, str]
    """Id prefix -> title ("YS" -> "Yoga Sūtra")."""
    counts: Mapping[str, int]
    first: Mapping[str, str]
    """Id prefix -> the id of its first verse (an example)."""

    @classmethod
    def of(cls, verses: Iterable[Verse]) -> Works:
        titles: dict[str, str] = {}
        counts: dict[str, int] = {}
        first: dict[str, str] = {}
        for verse in verses:
            prefix = id_prefix(verse.id)
            titles.setdefault(prefix, verse.work)
            first.setdefault(prefix, verse.id)
            counts[prefix] = counts.get(prefix, 0) + 1
        by_key: dict[str, str] = {}
        for prefix, title in titles.items():
            for name in (prefix, _plain_title(title), *OTHER_NAMES.get(prefix, ())):
                by_key.setdefault(_name_key(name), prefix)
                words = name.split()
                if len(words) > 1 and phonetic_key(words[-1]) == _UPANISAD_KEY:
                    bare = " ".join(words[:-1])
                    by_key.setdefault(_name_key(bare), prefix)
                    if bare.endswith("a"):  # the title joined by sandhi: Kaṭhopaniṣad
                        by_key.setdefault(_name_key(bare[:-1] + "opaniṣad"), prefix)
        return cls(by_key, titles, counts, first)

    def reference(self, query: str) -> str | None:
        """The verse id `query` names ("Gita 2:47" -> "BG 2.47"), or None."""
        tokens = _TOKEN.findall(query.lower())
        for cut in range(len(tokens), 0, -1):
            name, rest = tokens[:cut], tokens[cut:]
            if any(token.isdigit() for token in name):
                continue
            prefix = self._prefix("".join(name))
            if prefix is None:
                continue
            numbers = _numbers(rest)
            if numbers:
                return f"{prefix} {'.'.join(str(number) for number in numbers)}"
            return None
        return None

    def _prefix(self, name: str) -> str | None:
        found = self.by_key.get(_name_key(name))
        if found is None and name.endswith("s"):  # "yoga sutras"
            found = self.by_key.get(_name_key(name[:-1]))
        return found


def id_prefix(verse_id: str) -> str:
    """The work part of an id: "YS 1.2" -> "YS", "Shanti purnamadah" -> "Shanti"."""
    return verse_id.split(" ", 1)[0]


def _plain_title(title: str) -> str:
    """A title without its note: "Chāndogya Upaniṣad (selected mantras)" -> "Chāndogya
    Upaniṣad"."""
    return title.split("(", 1)[0].strip()


def _name_key(name: str) -> str:
    return phonetic_key(re.sub(r"[\s\-_.]+", "", name))


def _numbers(tokens: list[str]) -> list[int]:
    """The numbers of a reference's tail; empty when something else is there."""
    numbers: list[int] = []
    spoken: list[str] = []
    for token in [*tokens, "|"]:
        if token.isdigit():
            if spoken:
                return []
            numbers.append(int(token))
            continue
        value = words_to_int(" ".join([*spoken, token])) if token != "|" else None
        if value is not None:
            spoken.append(token)
            continue
        if spoken:
            whole = words_to_int(" ".join(spoken))
            if whole is None:
                return []
            numbers.append(whole)
            spoken = []
        if token != "|" and token not in _LABELS:
            return []
    return numbers
