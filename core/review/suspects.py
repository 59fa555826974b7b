"""Words of the corrected text a reviewer should look at, with what they could be instead.

The stages change only what they are sure of; this pass reads their output once more and
flags, with ranked candidates, what is likely still wrong:
- a word left as heard that sounds like a lexicon term ("yog", "Krishan", "Bhagwat"), or
  that is a compound of such words heard joined ("vedantsutras": vedānta-sūtras);
- two words that are one term heard apart ("kris hna", "bra hman");
- an English word that sounds exactly like a term, where it is rare enough to be a mishearing
  ("drone" for Droṇa);
- a restored term spelled like another (mayā/māyā, Para/Parā: homographs);
- in a quoted Sanskrit passage, an ending the ear cannot tell apart (manaḥ/mana,
  teṣām/teṣāṃ) and a compound the reference may write with hyphens.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

from core.knowledge.cues import ENGLISH_FOR_TERMS, NOT_BEFORE_A_NAME, NOUNS_AFTER_AN_ADJECTIVE
from core.knowledge.english import EnglishWords
from core.knowledge.lexicon import Entry, Lexicon, has_iast_marks
from core.knowledge.marks import MarkModel
from core.knowledge.phonetic import fold, term_key
from core.knowledge.verse_hyphens import BookCompounds, opens_a_word
from core.review.forms import dropped_schwa, ending_alternatives, hyphenated
from core.review.items import Candidate, cased, keep, ranked

WORD = re.compile(r"[^\W\d_]+")
ENGLISH_ZIPF = 3.0
"""A plain word at least this frequent in English is English unless it sounds like a term."""
RARE_ZIPF = 1.0
"""A plain word rarer than this is not English: any close lexicon match is offered."""
MIN_SCORE_IF_ENGLISH = 0.75
"""A rare English word ("devotee", "Godhead") is flagged only for a close match (and then
with its marked spellings too: "parag" may be parāg), or beside a Sanskrit word ("dharma
shala": śālā)."""
LOOKALIKE_ZIPF = 4.5
"""English words rarer than this that sound exactly like a term, beside Sanskrit, are
flagged ("drone", "Ram")."""
MAX_BRIDGE = 3
MIN_PART = 3
MAX_FRAGMENT = 3
"""A word this short beside a term may be a piece of it ("sam ādi", "par amataṃ")."""
MIN_HOMOGRAPH = 4
MIN_QUOTE = 3
"""Consecutive Sanskrit words that make a quoted passage, not a name in prose."""
MIN_LENGTH = 3
MIN_LOOKUP_SCORE = 0.6
CAPITAL_BONUS = 0.02
MIN_HYPHENATED = 7
SCORE_HOMOGRAPH = 0.5
SCORE_ENDING = 0.45
SCORE_GENERATED = 0.4
SURE_LOOKUP_SCORE = 0.85
"""A lexicon candidate above this (a spelling or a phonetic key, not a fuzzy likeness) is
sure enough that no marked spelling is offered beside it."""
SCORE_MARKED = 0.55
"""The marks model's best spelling, where the lexicon is unsure: below its likenesses, which
are cut to UNSURE_LOOKUPS so that the spellings are offered too."""
UNSURE_LOOKUPS = 2
SURE_LOOKUPS = 3
SCORE_SOUNDALIKE = 0.5
MIN_LIKENESS = 0.7
"""A likeness below this is seldom the word (srijami: samidh 0.62): only the best of such is
kept ("Demki": Devakī 0.64), and the rest give way to spellings."""
MIN_MARKED = 4
MIN_JOINED = 8
MAX_JOINED = 40
MAX_MEMBER = 16
"""The longest word cut into members, and the longest member: the cut looks up every
piece, so it is bounded (a 300-letter "word" took seconds)."""
MAX_MEMBERS = 3
KNOWN_COST = 1.0
LIKENED_COST = 1.3
SPELLED_COST = 1.6
"""What a member costs in the cut of a word heard joined: a known spelling, a phonetic
likeness, a spelling of the marks model."""
VOWEL_ONSET_COST = 0.2
MIN_LIKENED_PART = 4
MIN_SPELLED_PART = 5
SCORE_MEMBERS = 0.545
"""A cut into members: as likely as the word's second marked spelling."""
MARKED_SPELLINGS = 4
MEMO_LIMIT = 100_000
K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Suspect:
    start: int
    end: int
    candidates: tuple[Candidate, ...]
    reason: str


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    text: str
    zipf: float
    marked: bool
    known: bool

    @property
    def sanskrit(self) -> bool:
        """Written with diacritics, a lexicon form, or unknown to English."""
        return self.marked or self.known or self.zipf < RARE_ZIPF


@dataclass
class Reviewer:
    """Flags suspects in a cue's text; remembers its answers per word (bounded)."""

    lexicon: Lexicon
    english: EnglishWords
    _homographs: dict[str, tuple[Entry, ...]] | None = field(default=None, repr=False)
    _memo: dict[tuple[str, str], tuple[Candidate, ...]] = field(default_factory=dict, repr=False)
    _facts: dict[str, tuple[float, bool, bool]] = field(default_factory=dict, repr=False)
    books: BookCompounds | None = field(default=None, repr=False)
    """How books print a verse word (the engine's, shared); made from the lexicon if None."""
    mark_model: Callable[[], MarkModel] | None = field(default=None, repr=False)
    """How Sanskrit is spelled (the engine's, shared, built when first asked for); made from
    the lexicon if None."""
    _marks: MarkModel | None = field(default=None, repr=False)

    def printed(self, word: str) -> str:
        """A verse word as books print it in a quotation (BookCompounds.printed)."""
        if self.books is None:
            self.books = BookCompounds(self.lexicon.written_forms())
        return self.books.printed(word)

    def suspects(self, text: str) -> list[Suspect]:
        """The suspects of one cue's text, in order, none overlapping another."""
        words = [self._word(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
        found: list[Suspect] = []
        taken: set[int] = set()
        for i in range(len(words) - 1):
            pair = self._pair(text, words[i], words[i + 1])
            if pair is not None:
                found.append(pair)
                taken.update((i, i + 1))
        quoted = _quoted(words)
        for i, word in enumerate(words):
            if i in taken:
                continue
            if i in quoted:
                following = _following(text, words, i) if i + 1 in quoted else None
                member = i + 1 < len(words) and text[word.end : words[i + 1].start] == "-"
                suspect = self._in_quote(word, following, compound_member=member)
            elif terms := _english_for_a_term(words, i):
                suspect = Suspect(
                    word.start, word.end, ranked([*terms, keep(word.text)]),
                    "an English word a recogniser writes for a term",
                )  # fmt: skip
            else:
                beside_sanskrit = any(
                    words[j].sanskrit for j in (i - 1, i + 1) if 0 <= j < len(words)
                )
                suspect = self._in_prose(word, beside_sanskrit=beside_sanskrit)
            if suspect is not None:
                found.append(suspect)
        return sorted(found, key=lambda suspect: suspect.start)

    def _word(self, start: int, end: int, text: str) -> _Word:
        """The word with what is known of it, remembered per spelling: a lecture says "the"
        and "Kṛṣṇa" thousands of times."""
        facts = _remember(self._facts, text, self._facts_of)
        return _Word(start, end, text, *facts)

    def _facts_of(self, text: str) -> tuple[float, bool, bool]:
        return self.english.zipf(text), has_iast_marks(text), self.lexicon.is_iast_form(text)

    def _in_quote(
        self, word: _Word, following: str | None, *, compound_member: bool
    ) -> Suspect | None:
        """A word of a quoted passage: its ending in sandhi with the next word (none for a
        member before a hyphen: it has no ending), a homograph, a compound written whole,
        or a word left as heard."""
        if not word.sanskrit and not (following is None and word.text[:1].islower()):
            return None  # a short English word the passage bridged ("and", "is")
        candidates = [
            Candidate(form, SCORE_ENDING, "generated")
            for form in ([] if compound_member else ending_alternatives(word.text, following))
        ]
        if word.marked or word.known:
            candidates += self._homographs_of(word.text)
            if len(word.text) >= MIN_HYPHENATED and word.text[:1].islower():
                split = hyphenated(word.text, self._is_part)
                if split is not None:
                    candidates.append(Candidate(split, SCORE_GENERATED, "generated"))
        else:
            candidates += self._remembered("heard", word.text, self._heard_as)
        if not candidates:
            return None
        reason = "in a quoted passage: ending, compound or spelling"
        return Suspect(word.start, word.end, ranked([*candidates, keep(word.text)]), reason)

    def _in_prose(self, word: _Word, *, beside_sanskrit: bool) -> Suspect | None:
        if word.marked or word.known:
            candidates = [*self._homographs_of(word.text)]
            reason = "spelled like another term"
        elif len(word.text) < MIN_LENGTH:
            return None
        elif word.zipf < ENGLISH_ZIPF:
            found = self._remembered("heard", word.text, self._heard_as)
            close = any(candidate.score >= MIN_SCORE_IF_ENGLISH for candidate in found)
            candidates = [*found] if word.zipf < RARE_ZIPF or close or beside_sanskrit else []
            reason = "left as heard; sounds like a term"
        elif word.zipf < LOOKALIKE_ZIPF and beside_sanskrit:
            candidates = [*self._remembered("lookalike", word.text, self._lookalikes)]
            reason = "an English word that sounds like a term beside Sanskrit"
        else:
            return None
        if not candidates:
            return None
        return Suspect(word.start, word.end, ranked([*candidates, keep(word.text)]), reason)

    def _pair(self, text: str, first: _Word, second: _Word) -> Suspect | None:
        if text[first.end : second.start] != " ":
            return None
        if min(first.zipf, second.zipf) >= ENGLISH_ZIPF:
            return None  # two English words ("are june") are left alone
        solid = [word.marked or word.known for word in (first, second)]
        # two terms, each whole, are flagged only as one word the lexicon spells whole
        # ("Kuru kṣetra": Kurukṣetra), not as a phrase they already are ("Bhagavad Gītā")
        whole = all(solid) and min(len(first.text), len(second.text)) > MAX_FRAGMENT
        joined = first.text + second.text
        key = term_key(joined)
        if len(key) < 4:
            return None
        entries = tuple(
            entry
            for entry in self.lexicon.by_key(key)
            if not whole or not any(mark in entry.iast for mark in " -")
        )
        if not entries:
            return None
        heard = text[first.start : second.end]
        candidates = [
            Candidate(cased(entry.iast, heard), 0.9 - 0.01 * rank, f"lexicon:{entry.id}")
            for rank, entry in enumerate(entries[:4])
        ]
        return Suspect(
            first.start,
            second.end,
            ranked([*candidates, keep(heard)]),
            "one term heard as two words",
        )

    def _remembered(
        self, kind: str, word: str, make: Callable[[str], Iterable[Candidate]]
    ) -> tuple[Candidate, ...]:
        return _remember(self._memo, (kind, word), lambda key: tuple(make(key[1])))

    def _heard_as(self, word: str) -> Iterator[Candidate]:
        if _english_plural(word, self.lexicon):
            return
        found: list[Candidate] = []
        for reading, weight in ((word, 1.0), *((form, 0.9) for form in dropped_schwa(word))):
            for match in self.lexicon.lookup(reading, limit=4, quoted=True):
                score = match.score * weight
                if score >= MIN_LOOKUP_SCORE:
                    if match.entry.is_proper and word[:1].isupper():
                        score += CAPITAL_BONUS  # "Krishan" is more likely Kṛṣṇa than kramaḥ
                    found.append(
                        Candidate(_written(match.entry, word), score, f"lexicon:{match.entry.id}")
                    )
        if len(word) < MIN_MARKED:
            yield from found
            return
        yield from self._members(word)
        if any(candidate.score > SURE_LOOKUP_SCORE for candidate in found):
            # the lexicon's best three, and the word's likeliest marked spelling: a sure
            # likeness may be another word ("dasa": daśāha) where the word is one the
            # lexicon lacks (dāsa)
            yield from sorted(found, key=lambda candidate: -candidate.score)[:SURE_LOOKUPS]
            yield from islice(self._marked(word, first=SCORE_MARKED), 1)
            return
        # only likenesses: the two best that are close (or the best, when none is), then the
        # word's own marked spellings
        best = sorted(found, key=lambda candidate: -candidate.score)
        close = [candidate for candidate in best if candidate.score >= MIN_LIKENESS]
        yield from (close or best[:1])[:UNSURE_LOOKUPS]
        yield from self._marked(word, first=SCORE_MARKED)

    def _members(self, word: str) -> Iterator[Candidate]:
        """A long word heard joined, as a compound books print hyphenated ("vedantsutras":
        vedānta-sūtras, "chidatmani": cid-ātmani): the cheapest cut into pieces the lexicon
        spells (a known spelling costs least, a phonetic likeness more, a piece spelled by the
        marks model most), at least one of them a known spelling."""
        lower = word.lower()
        size = len(lower)
        if not MIN_JOINED <= size <= MAX_JOINED:
            return  # a word longer is no compound a speaker says (and costs size² lookups)
        best: list[tuple[float, list[str], bool] | None] = [None] * (size + 1)
        best[0] = (0.0, [], False)
        for end in range(MIN_PART, size + 1):
            if 0 < size - end < MIN_PART:
                continue
            for start in range(max(0, end - MAX_MEMBER), end - MIN_PART + 1):
                before = best[start]
                if before is None or (start, end) == (0, size):
                    continue
                piece = lower[start:end]
                member = self._member(piece) if start == 0 or opens_a_word(piece) else None
                if member is None:
                    continue
                spelled, cost = member
                known = before[2] or cost == KNOWN_COST
                if start and piece[0] in "aeiou":
                    cost += VOWEL_ONSET_COST  # sandhi mostly merges a vowel into the last member
                total = (before[0] + cost, [*before[1], spelled], known)
                current = best[end]
                if current is None or total[0] < current[0]:
                    best[end] = total
        found = best[size]
        if found is not None and found[2] and 2 <= len(found[1]) <= MAX_MEMBERS:
            yield Candidate(cased("-".join(found[1]), word), SCORE_MEMBERS, "generated")

    def _member(self, piece: str) -> tuple[str, float] | None:
        """How a piece of a word heard joined is spelled, and what that reading costs."""
        entry = self.lexicon.by_form(piece) or self.lexicon.by_variant(piece)
        if entry is not None and " " not in entry.iast:
            return entry.iast.lower(), KNOWN_COST
        if len(piece) < MIN_LIKENED_PART:
            return None
        for entry in self.lexicon.by_key(term_key(piece)):
            if " " not in entry.iast and "-" not in entry.iast:
                return entry.iast.lower(), LIKENED_COST
        if len(piece) < MIN_SPELLED_PART:
            return None
        spellings = self._spelling().spellings(piece, limit=1)
        return (spellings[0][0], SPELLED_COST) if spellings else None

    def readings(self, word: str) -> list[Candidate]:
        """What the plain `word` may stand for, as a word left as heard is offered: the
        lexicon's likenesses and the word's own spellings."""
        return [*self._remembered("heard", word, self._heard_as)]

    def spellings(self, word: str) -> list[Candidate]:
        """The IAST spellings the plain `word` may stand for (core.knowledge.marks), as
        candidates: what a doubtful correction of it could have been instead."""
        return [*self._marked(word, first=SCORE_GENERATED), *self._members(word)]

    def _marked(self, word: str, *, first: float) -> Iterator[Candidate]:
        """The IAST spellings the plain word may stand for (core.knowledge.marks), for a word
        the lexicon has nothing sure for: "amanitva" may be amānitva."""
        spellings = self._spelling().spellings(word, limit=MARKED_SPELLINGS)
        for rank, (spelled, _) in enumerate(spellings):
            if has_iast_marks(spelled):
                yield Candidate(spelled, first - 0.01 * rank, "generated")

    def _spelling(self) -> MarkModel:
        if self._marks is None:
            if self.mark_model is not None:
                self._marks = self.mark_model()
            else:
                self._marks = MarkModel.of_lexicon(self.lexicon)
        return self._marks

    def _lookalikes(self, word: str) -> Iterator[Candidate]:
        with_visarga = word + "ḥ"
        if word[-1:] in "aiu" and self.lexicon.is_iast_form(with_visarga):
            yield Candidate(with_visarga, SCORE_ENDING, "generated")  # "mana": manaḥ
        for rank, entry in enumerate(self.lexicon.by_key(term_key(word))[:3]):
            if fold(_stem(entry.iast.lower())) != _stem(word.lower()):  # not an ending apart
                yield Candidate(_written(entry, word), 0.5 - 0.01 * rank, f"lexicon:{entry.id}")

    def _is_part(self, part: str) -> bool:
        """A compound member: a known form of three letters or more, or a word of four or
        more the lexicon knows under the same phonetic key (jīvan: jīvana, sthaṃ: stha)."""
        if len(part) < MIN_PART:
            return False
        if self.lexicon.is_iast_form(part):
            return True
        return len(part) > MIN_PART and bool(self.lexicon.by_key(term_key(part)))

    def _homographs_of(self, word: str) -> Iterator[Candidate]:
        if len(word) < MIN_HOMOGRAPH:
            return  # na/nā, ca/cā: short words collide too often to be worth a question
        if self._homographs is None:
            self._homographs = _homograph_index(self.lexicon.entries)
        lower = word.lower()
        for entry in self._homographs.get(fold(word), ()):
            if _stem(entry.iast.lower()) != _stem(lower):  # endings are sandhi's question
                yield Candidate(_written(entry, word), SCORE_HOMOGRAPH, f"lexicon:{entry.id}")


def _written(entry: Entry, heard: str) -> str:
    if entry.is_proper and entry.iast[:1].islower():
        return entry.iast[:1].upper() + entry.iast[1:]
    return cased(entry.iast, heard)


def _homograph_index(entries: Sequence[Entry]) -> dict[str, tuple[Entry, ...]]:
    """ASCII spelling -> entries of distinct IAST that fold to it (mayā, māyā)."""
    groups: dict[str, dict[str, Entry]] = {}
    for entry in entries:
        if " " in entry.iast:
            continue
        groups.setdefault(fold(entry.iast), {}).setdefault(entry.iast.lower(), entry)
    return {key: tuple(group.values()) for key, group in groups.items() if len(group) > 1}


def _english_for_a_term(words: Sequence[_Word], i: int) -> list[Candidate]:
    """The terms an English word of ENGLISH_FOR_TERMS may stand for ("Brahmin": brāhmaṇa);
    a name only where the word stands as a name does: no article or modifier before it ("the
    creation", "material creation") and not itself a modifier of the noun after it
    ("Christian religion")."""
    word = words[i]
    terms = ENGLISH_FOR_TERMS.get(word.text.lower(), ())
    if terms and terms[0][:1].isupper():
        if i > 0 and words[i - 1].text.lower() in NOT_BEFORE_A_NAME:
            return []
        if i + 1 < len(words) and words[i + 1].text.lower() in NOUNS_AFTER_AN_ADJECTIVE:
            return []
    return [
        Candidate(cased(term, word.text), SCORE_SOUNDALIKE - 0.01 * rank, "generated")
        for rank, term in enumerate(terms)
    ]


def _quoted(words: Sequence[_Word]) -> set[int]:
    """Indexes of words inside a quoted Sanskrit passage: at least MIN_QUOTE Sanskrit words
    in a row, one of them a lower-case word with diacritics (not a run of names). A short
    word English also has ("tam", "ye", "na") between two Sanskrit words belongs to it."""
    inside: set[int] = set()
    run: list[int] = []
    for i, word in enumerate([*words, None]):
        if word is not None and (
            word.sanskrit
            or (
                run
                and len(word.text) <= MAX_BRIDGE
                and i + 1 < len(words)
                and words[i + 1].sanskrit
            )
        ):
            run.append(i)
            continue
        if len(run) >= MIN_QUOTE and any(
            words[j].marked and words[j].text[:1].islower() for j in run
        ):
            inside.update(run)
            if word is not None and _closes_quote(word, i, words):
                inside.add(i)
        run = []
    return inside


def _english_plural(word: str, lexicon: Lexicon) -> bool:
    """An English plural of a term (Vedas, Purāṇas): its singular is a lexicon form."""
    return len(word) > 3 and word[-1] == "s" and lexicon.by_form(word[:-1]) is not None


def _closes_quote(word: _Word, i: int, words: Sequence[_Word]) -> bool:
    """A short lower-case word English also has ("hare", "ada") ending the passage."""
    return len(word.text) <= MAX_BRIDGE + 1 and word.text[:1].islower() and i == len(words) - 1


def _following(text: str, words: Sequence[_Word], i: int) -> str | None:
    """The next word when only a space stands between (sandhi joins them); None at a pause
    (punctuation, a line break, the end)."""
    if i + 1 >= len(words):
        return None
    between = text[words[i].end : words[i + 1].start]
    return words[i + 1].text if between == " " else None


def _stem(word: str) -> str:
    return word.rstrip("ṃmnḥ")


def _remember(memo: dict[K, V], key: K, make: Callable[[K], V]) -> V:
    """`make(key)`, remembered in `memo`, which starts afresh at MEMO_LIMIT entries."""
    found = memo.get(key)
    if found is None:
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        found = memo[key] = make(key)
    return found
