"""IAST spellings a plain word may stand for, ranked by how much they look like Sanskrit.

A word no source holds ("amanitva") may still be a Sanskrit word heard without its marks:
a recogniser writes none. Reverse spelling rules give the IAST strings it could stand for
(a: a or ā, sh: ś or ṣ, n: n, ṇ, ñ, ṅ or ṃ, ri or ru: ṛ, ...), and a character n-gram model of the
lexicon's own forms ranks them, so "amanitva" offers amānitva among its first three. The
model knows what Sanskrit looks like, not which word was said: its spellings are a
reviewer's candidates, and the terms stage writes the likeliest (`likeliest`) only for a
word no source holds heard beside Sanskrit. Written for the project: no library restores
IAST marks this way.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from core.knowledge.lexicon import Lexicon, has_iast_marks

ORDER = 4
"""Characters of history the model reads (a 4-gram model: three before, one predicted)."""
BEAM = 24
"""Partial spellings kept while a word is read: enough for the two or three marks a word has."""
MAX_LENGTH = 24
_KEPT_LAST = frozenset("sn")
"""Last letters `likeliest` keeps as heard."""
_NASAL_BEFORE_VOWEL = re.compile(r"ṃ[aāiīuūṛeo]")
"""Anusvāra stands before a consonant: "omity" is not oṃity."""
_EDGE = "#"
_WORD_BREAK = "|"
_LETTERS = re.compile(r"[a-zāīūṛṝḷṅñṭḍṇśṣṃḥ]+")

# Longest first: a word is read left to right by the longest rule that matches.
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ksh", ("kṣ",)), ("chh", ("ch",)), ("dny", ("jñ",)),
    ("aa", ("ā",)), ("ay", ("ai", "ay")), ("ee", ("ī",)), ("ii", ("ī",)),
    ("oo", ("ū",)), ("uu", ("ū",)),
    ("ri", ("ṛ", "ri")), ("ru", ("ṛ", "ru")), ("sh", ("ś", "ṣ")), ("ch", ("c", "ch")),
    ("th", ("th", "ṭh")),
    ("dh", ("dh", "ḍh")), ("gy", ("jñ", "gy")), ("jn", ("jñ",)), ("gn", ("jñ", "gn")),
    ("ny", ("jñ", "ny")),
    ("a", ("a", "ā")), ("i", ("i", "ī")), ("u", ("u", "ū")), ("e", ("e",)), ("o", ("o",)),
    ("s", ("s", "ś", "ṣ")), ("t", ("t", "ṭ")), ("d", ("d", "ḍ")),
    ("n", ("n", "ṇ", "ñ", "ṅ", "ṃ")), ("m", ("m", "ṃ")), ("h", ("h", "ḥ")),
    ("w", ("v",)), ("x", ("kṣ",)), ("z", ("j",)), ("q", ("k",)), ("f", ("ph",)),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class MarkModel:
    """Character n-gram counts of IAST words (`ORDER` long, with shorter ones to back off to)."""

    counts: Counter[str]
    contexts: Counter[str]
    alphabet: int

    @classmethod
    def of(cls, forms: Iterable[str]) -> MarkModel:
        """The model of these IAST forms (lower-cased; spaces and hyphens part words)."""
        words = {word for form in forms for word in _LETTERS.findall(form.lower())}
        # Every padded word in one string, counted by zipping shifted copies of it: two
        # thirds of the time of slicing word by word, which matters for English's 170k words.
        # Grams across a "|" span two words and go; the start padding is a history, never a
        # letter read, so its all-edge grams go too; the edge read is each word's end.
        text = _WORD_BREAK.join(_EDGE * (ORDER - 1) + word + _EDGE for word in words)
        counts: Counter[str] = Counter()
        for size in range(1, ORDER + 1):
            shifted = (text[start:] for start in range(size))  # the shortest ends the grams
            counts.update(map("".join, zip(*shifted, strict=False)))
        for gram in [gram for gram in counts if _WORD_BREAK in gram]:
            del counts[gram]
        for size in range(2, ORDER):
            counts.pop(_EDGE * size, None)
        if words:
            counts[_EDGE] = len(words)
        return cls(counts, _contexts(counts), len(set().union(*words)) + 1)

    @classmethod
    def of_lexicon(cls, lexicon: Lexicon) -> MarkModel:
        """The model of every entry's IAST form."""
        return cls.of(entry.iast for entry in lexicon.entries)

    def log_probability(self, history: str, letter: str) -> float:
        """log P(letter | the last ORDER - 1 letters of history), backing off to shorter
        histories (an interpolation of each order, add-one at the shortest)."""
        history = history[-(ORDER - 1) :]
        probability = 1.0 / self.alphabet
        for start in range(len(history), -1, -1):
            context = history[start:]
            seen = self.contexts.get(context, 0)
            if seen:
                share = self.counts.get(context + letter, 0) / seen
                probability = 0.6 * share + 0.4 * probability
        return math.log(probability)

    def letters_log_probability(self, word: str) -> float:
        """The mean log probability per letter of `word` as written (its end included)."""
        history, total = _EDGE * (ORDER - 1), 0.0
        for letter in word.lower() + _EDGE:
            total += self.log_probability(history, letter)
            history += letter
        return total / (len(word) + 1)

    def to_state(self) -> tuple[dict[str, int], int]:
        """The counts and alphabet size, as plain values for the on-disk cache."""
        return dict(self.counts), self.alphabet

    @classmethod
    def from_state(cls, state: tuple[dict[str, int], int]) -> MarkModel:
        """The model `to_state` saved; TypeError for anything else (an old cache)."""
        counts, alphabet = state
        if not isinstance(counts, dict) or not isinstance(alphabet, int):
            raise TypeError("not a letter model's counts")
        counted = Counter(counts)
        return cls(counted, _contexts(counted), alphabet)

    def spellings(self, word: str, *, limit: int = 3) -> list[tuple[str, float]]:
        """The IAST spellings the plain `word` may stand for, best first, with their mean
        log probability per letter; [] for a word with letters the rules do not read."""
        plain = word.lower()
        if not plain.isascii() or not plain.isalpha() or len(plain) > MAX_LENGTH:
            return []
        beams: dict[int, list[tuple[float, str]]] = {0: [(0.0, _EDGE * (ORDER - 1))]}
        for position in range(len(plain)):
            for score, spelled in beams.pop(position, []):
                for heard, options in _rules_at(plain, position):
                    for option in options:
                        extended, gained = spelled, score
                        for letter in option:
                            gained += self.log_probability(extended, letter)
                            extended += letter
                        ahead = beams.setdefault(position + len(heard), [])
                        ahead.append((gained, extended))
            for later in beams:
                beams[later] = sorted(beams[later], reverse=True)[:BEAM]
        ended = [
            (score + self.log_probability(spelled, _EDGE), spelled[ORDER - 1 :])
            for score, spelled in beams.get(len(plain), [])
        ]
        ranked: dict[str, float] = {}
        for score, spelled in sorted(ended, reverse=True):
            if not _NASAL_BEFORE_VOWEL.search(spelled):
                ranked.setdefault(spelled, score / (len(spelled) + 1))
        best = list(ranked.items())[:limit]
        if word[:1].isupper():
            best = [(spelled[:1].upper() + spelled[1:], score) for spelled, score in best]
        return best

    def likeliest(self, word: str) -> str | None:
        """The plain `word`'s best spelling with marks, when no other is as likely (on the
        dev chapters' vocabulary folds demanding a clearer lead wrote fewer right words and
        no fewer wrong ones). A final s or n stays as heard: an s is an English plural ("vedis",
        not vediś), an n the word's own (pradaṇḍayan); a final m is the caller's to write
        as the sandhi wants (pausal m: rantum āsīt, tubhyaṃ before a consonant)."""
        found = self.spellings(word, limit=2)
        if not found or (len(found) > 1 and found[0][1] <= found[1][1]):
            return None
        spelled = found[0][0]
        if word[-1:] in _KEPT_LAST and spelled[-1:] != word[-1:]:
            spelled = spelled[:-1] + word[-1]
        return spelled if has_iast_marks(spelled) else None


def _contexts(counts: Counter[str]) -> Counter[str]:
    """How often each history was read: the counts of the grams it begins."""
    contexts: Counter[str] = Counter()
    for gram, count in counts.items():
        contexts[gram[:-1]] += count
    return contexts


def _rules_at(word: str, position: int) -> list[tuple[str, tuple[str, ...]]]:
    """The rules that read `word` at `position`: the longest that match, and the letter
    itself when no rule names it (b, g, k, l, p, r, v, y, ...)."""
    found = [(heard, options) for heard, options in _RULES if word.startswith(heard, position)]
    if not found:
        return [(word[position], (word[position],))]
    longest = max(len(heard) for heard, _ in found)
    return [(heard, options) for heard, options in found if len(heard) >= longest - 1]
