"""What one heard word or phrase becomes: a lexicon entry, how sure, and how it matched.

The terms stage asks these questions once per distinct token; `TermDecisions` keeps the
answers (it lives as long as the process's indexes, see core.engine.Resources).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from core.knowledge.english import EnglishWords
from core.knowledge.house_style import HouseStyle
from core.knowledge.inflection import read_inflected
from core.knowledge.lexicon import (
    EXACT_KINDS,
    SCORE_IAST,
    SCORE_PHONETIC,
    SCORE_VARIANT,
    SHORT_KIND,
    Entry,
    Lexicon,
)
from core.knowledge.phonetic import fold, term_key

POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_HEARD_VISARGA = re.compile(r"[aeiou]h$")
_FINAL_VOWELS = frozenset("aāiīuūeo")
_SAID_B = re.compile(r"b(?!h)")  # a b that is not bh: where a Bengali speaker says v

EVERYDAY_ZIPF = 4.5
"""English at least this frequent ("sat", "man") changes only beside other Sanskrit."""
FUNCTION_ZIPF = 6.0
"""The commonest English words ("the", "is", "one") are never touched."""
RARE_ZIPF = 2.0
"""Below this a word is rare enough in English for fuzzy matching and "uncertain" findings."""
MIN_FUZZY_LENGTH = 6
MIN_KEY_LENGTH = 3
MIN_MATCH_LENGTH = 4
"""Shorter words ("na", "sa", "tam") change only in case: too many collide with English."""
SPLIT_ZIPF = 1.0
"""Only a word unknown to English ("buddhiyoga", "paratattva") is read as a joined compound."""
MIN_SPLIT_LENGTH = 7
MAX_SPLIT_LENGTH = 40
"""Longer tokens are not compounds but noise: splitting them would cost quadratic time."""
MIN_PART = 4
"""Shortest compound member: three-letter words ("mat", "tad") fit inside too many words."""
MAX_PARTS = 3
MIN_INFLECTED_LENGTH = 5
SCORE_INFLECTED = 0.88
"""A known stem with a regular case ending: surer than a fuzzy match, less than a key."""
MAX_FUZZY_SCORE = 0.95
"""A likeness (a fuzzy match) scores at most this, above SCORE_PHONETIC when it is close."""
SCORE_ACCENTED = 0.9
"""A known word with the end an accent gives it (yog, dhyaanar): as sure as a key."""
MIN_ACCENTED_LENGTH = 4
"""The shortest word (with its final a) read through an accent: yoga from "yog"."""
CACHE_LIMIT = 200_000
"""Distinct tokens (or phrases) remembered before a cache starts afresh: bounded memory."""


@dataclass(frozen=True, slots=True)
class TermOptions:
    """The settings the terms stage's decisions depend on (one matcher per distinct set)."""

    min_confidence: float
    fuzzy_threshold: float
    english_zipf: float
    anusvara: str
    script: str = "iast"
    spell_unknown: bool = True

    @property
    def style(self) -> HouseStyle:
        """How the terms this stage writes are spelled."""
        return HouseStyle(self.script, self.anusvara)


@dataclass(frozen=True, slots=True)
class Decision:
    """What one token (or phrase) becomes: an entry, how sure, and how it matched."""

    entry: Entry
    confidence: float
    how: str
    suffix: str  # kept from the original: "'s", "s"
    needs_context: bool = False
    beside_sanskrit: Entry | None = None
    """The common word the token spells exactly, chosen over a name it is also an ASR spelling
    of when it stands joined to a Sanskrit term ("brahma jyotir", "etad brahma": not Brahmā)."""
    among_english: bool = False
    """Taken only where no neighbour is Sanskrit: "yog" is yoga in English speech, but a
    consonant ending beside Sanskrit words is Sanskrit's own ("yad", "yat")."""


class TermDecisions:
    """Lexicon decisions for lower-case ASCII tokens and phrases, cached per distinct input."""

    def __init__(self, lexicon: Lexicon, english: EnglishWords, options: TermOptions) -> None:
        self.lexicon = lexicon
        self.options = options
        self.zipf = lru_cache(maxsize=65536)(english.zipf)
        self.decide_word = lru_cache(maxsize=65536)(self._decide_word)
        self._split = lru_cache(maxsize=16384)(self._split_compound)
        self._phrases: dict[tuple[str, ...], Decision | None] = {}

    def match_form(self, form: str, *, exact_only: bool) -> tuple[Entry, float, str] | None:
        """An entry spelled `form` in IAST or as a known ASR spelling, else (unless
        `exact_only`) the first entry sharing its phonetic key."""
        entry = self.lexicon.by_form(form)
        if entry is not None:
            return entry, SCORE_IAST, "iast"
        entry = self.lexicon.by_variant(form)
        if entry is not None:
            return entry, SCORE_VARIANT, "variant"
        if exact_only:
            return None
        key = term_key(form)
        if len(key) >= MIN_KEY_LENGTH:
            entries = self.lexicon.by_key(key)
            if entries:
                return entries[0], SCORE_PHONETIC, "phonetic"
        return None

    def common_word(self, form: str) -> Entry | None:
        """A common word spelled like the name `form` is the form of ("yama" the restraint
        beside Yama the god): it shares the name's phonetic key."""
        for entry in self.lexicon.by_key(term_key(form)):
            if not entry.is_proper and entry.iast.lower() == form:
                return entry
        return None

    def _match_part(self, part: str, *, loose: bool) -> tuple[Entry, float] | None:
        """A compound member: an exact form or ASR spelling, or (`loose`) its phonetic key."""
        if len(part) < MIN_PART:
            return None
        found = self.match_form(part, exact_only=not loose)
        if found is None or " " in found[0].iast or found[0].kind in EXACT_KINDS:
            return None  # an inflected verse form is no compound member ("grath-hitam")
        if found[0].is_proper:  # "brahm-jyotir": a compound's member is the common word
            common = self.lexicon.by_form(fold(found[0].iast)) or self._common_stem(found[0])
            if common is not None and not common.is_proper:
                return common, found[1]
        return found[0], found[1]

    def _common_stem(self, name: Entry) -> Entry | None:
        """The bare stem spelled like a name (rūpa beside Rūpa), if the lexicon has one."""
        for stem in self.lexicon.stems(fold(name.iast)):
            if stem.iast.lower() == name.iast.lower():
                return stem
        return None

    def _inflected_part(self, part: str) -> tuple[Entry, float] | None:
        """A compound's last member read as a known stem with a case ending
        ("rupacharitai": rūpa-caritaiḥ)."""
        if len(part) < MIN_INFLECTED_LENGTH:
            return None
        word = self._inflected(part, member=True)
        return None if word is None else (word, SCORE_INFLECTED)

    def _inflected(self, word: str, *, member: bool = False) -> Entry | None:
        """`word` as a known stem with a regular case ending, as an entry of its own."""
        reading = read_inflected(word, self.lexicon.stems, member=member)
        if reading is None:
            return None
        stem, written = reading
        return Entry(f"{stem.id}~{written}", written, None, "form", None, ())

    def _split_compound(self, word: str, parts: int) -> tuple[tuple[Entry, ...], float] | None:
        """The best reading of `word` as 2..`parts` joined lexicon members, with a confidence:
        members weighted by length, fewer members preferred on a tie. One member of each cut
        must be spelled exactly as the lexicon knows it (dictionary lookups); only then is the
        other looked up by its phonetic key, which keeps unsplittable words cheap."""
        best: tuple[float, int, tuple[Entry, ...]] | None = None
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            rest = word[cut:]
            left = self._match_part(word[:cut], loose=False)
            right = self._match_part(rest, loose=False)
            if left is None and right is not None:
                left = self._match_part(word[:cut], loose=True)
            elif left is not None and right is None:
                right = self._match_part(rest, loose=True) or self._inflected_part(rest)
            if left is None:
                continue
            tail: list[tuple[tuple[Entry, ...], float]] = []
            if right is not None:
                tail.append(((right[0],), right[1] * len(rest)))
            if parts > 2:
                inner = self._split(rest, parts - 1)
                if inner is not None:
                    tail.append((inner[0], inner[1] * len(rest)))
            for members, weight in tail:
                if any(member.is_proper for member in members):
                    continue  # a name inside a word is a coincidence ("sattvena" is no sat-Vena)
                score = (left[1] * cut + weight) / len(word)
                candidate = (score, -len(members), (left[0], *members))
                if best is None or candidate[:2] > best[:2]:
                    best = candidate
        if best is None:
            return None
        return best[2], best[0]

    def _decide_word(self, lower: str) -> Decision | None:
        """The decision for one lower-case ASCII token, before context is known."""
        english_zipf = self.options.english_zipf
        frequency = self.zipf(lower)
        if frequency >= FUNCTION_ZIPF or len(lower) < 2:
            return None
        english_word = frequency >= english_zipf
        possessive = POSSESSIVE.search(lower)
        cut = possessive.start() if possessive else len(lower)
        base, suffix = lower[:cut], lower[cut:]
        context = frequency >= EVERYDAY_ZIPF
        if len(base) < MIN_MATCH_LENGTH:
            found = self.match_form(base, exact_only=True)
            if found is None:
                return self._accent_decision(base, suffix, frequency)
            short = found[0].kind == SHORT_KIND
            if found[2] != "iast" and frequency >= EVERYDAY_ZIPF and not short:
                return None
            return Decision(found[0], found[1], found[2], suffix, context or short)
        forms = [(base, suffix)]
        if base.endswith("s") and len(base) > MIN_MATCH_LENGTH and not english_word:
            forms.append((base[:-1], "s" + suffix))
        for exact_only in (True, False):
            if not exact_only and frequency >= RARE_ZIPF:
                break
            for form, tail in forms:
                found = self.match_form(form, exact_only=exact_only)
                if found is not None:
                    entry, confidence, how = found
                    if entry.kind == SHORT_KIND:  # "aham", "evam": only beside Sanskrit
                        return Decision(entry, confidence, how, tail, needs_context=True)
                    if entry.kind in EXACT_KINDS and how != "iast" and frequency > 0:
                        continue  # a verse form heard in an English word: English wins
                    entry = heard_visarga(entry, form)
                    # "santas": a plural whose singular is everyday English needs context too
                    context = context or (form != base and self.zipf(form) >= EVERYDAY_ZIPF)
                    name = self.lexicon.by_variant(form) if how == "iast" else None
                    if name is not None and name.is_proper and not entry.is_proper:
                        return Decision(name, SCORE_VARIANT, "variant", tail, context, entry)
                    common = self.common_word(form) if how == "iast" and entry.is_proper else None
                    return Decision(entry, confidence, how, tail, context, common)
        accented = self._accent_decision(base, suffix, frequency)
        if accented is not None:
            return accented
        if frequency < RARE_ZIPF and len(base) >= MIN_INFLECTED_LENGTH:
            word = self._inflected(base)
            if word is not None:
                return Decision(word, SCORE_INFLECTED, "inflected", suffix)
        if frequency < SPLIT_ZIPF and MIN_SPLIT_LENGTH <= len(base) <= MAX_SPLIT_LENGTH:
            compound = self._split(base, MAX_PARTS)
            if compound is not None:
                entry = self._as_the_lexicon_spells(compound_entry(compound[0]))
                return Decision(heard_visarga(entry, base), compound[1], "compound", suffix)
        if frequency < RARE_ZIPF and len(base) >= MIN_FUZZY_LENGTH:
            threshold = self.options.fuzzy_threshold
            candidates = self.lexicon.fuzzy(term_key(base), threshold=threshold, limit=1)
            if candidates:
                entry, score = candidates[0]
                entry = heard_visarga(entry, base)
                confidence = min(MAX_FUZZY_SCORE, score / 100 - 0.02)
                return Decision(entry, confidence, "fuzzy", suffix)
        return None

    def _as_the_lexicon_spells(self, compound: Entry) -> Entry:
        """The lexicon's own entry for a compound built from its members, where it has one
        spelled alike but for the marks (Bharata + varṣa: Bhārata-varṣa)."""
        spelled = fold(compound.iast).lower()
        for entry in self.lexicon.by_key(term_key(compound.iast)):
            if fold(entry.iast).lower() == spelled:
                return entry
        return compound

    def _accent_decision(self, base: str, suffix: str, frequency: float) -> Decision | None:
        """A known word an accent reshaped, for a word English does not know: the r a
        non-rhotic speaker adds after a final a ("dhyaanar", "klesar": dhyāna, kleśa), the b
        a Bengali speaker says for v ("bhagabad", "gosbami": Bhagavad, Gosvāmī), or the
        final a an Indian speaker drops ("yog", "Siv": yoga, Śiva; taken only among English
        words). Only exact forms and known spellings count, so a guess is never built on a
        guess; b is read as v only in words of five letters or more ("bata" stays)."""
        if frequency >= self.options.english_zipf:
            return None
        found, among_english, form = None, False, base
        if base.endswith("ar") and len(base) >= MIN_ACCENTED_LENGTH + 1:
            form = base[:-1]
            found = self.match_form(form, exact_only=True)
        if found is None and len(base) > MIN_ACCENTED_LENGTH and _SAID_B.search(base):
            form = _SAID_B.sub("v", base)
            found = self.match_form(form, exact_only=True)
        if found is None and base[-1] not in _FINAL_VOWELS and len(base) >= MIN_ACCENTED_LENGTH - 1:
            form = base + "a"
            found, among_english = self.match_form(form, exact_only=True), True
        if found is None or found[0].kind in EXACT_KINDS or " " in found[0].iast:
            return None
        entry, common = found[0], None
        name = self.lexicon.by_variant(form) if found[2] == "iast" else None
        if name is not None and name.is_proper and not entry.is_proper:
            entry, common = name, found[0]  # "Brahmar": Brahmā, as "Brahma" would be read
        return Decision(
            entry, SCORE_ACCENTED, "accent", suffix, False, common, among_english=among_english
        )

    def decide_phrase(self, words: tuple[str, ...]) -> Decision | None:
        """The decision for 2-4 adjacent lower-case tokens read as one compound or title."""
        if words in self._phrases:
            return self._phrases[words]
        if len(self._phrases) >= CACHE_LIMIT:
            self._phrases.clear()
        decision = self._phrase_entry(words)
        if decision is not None:
            decision = replace(decision, entry=heard_visarga(decision.entry, words[-1]))
        self._phrases[words] = decision
        return decision

    def _phrase_entry(self, words: tuple[str, ...]) -> Decision | None:
        lexicon = self.lexicon
        frequencies = [self.zipf(word) for word in words]
        possessive = POSSESSIVE.search(words[-1])
        suffix = words[-1][possessive.start() :] if possessive else ""
        last = words[-1][: possessive.start()] if possessive else words[-1]
        spaced = " ".join((*words[:-1], last))
        entry = lexicon.by_variant(spaced) or lexicon.by_form(spaced)
        if entry is not None:
            return Decision(entry, SCORE_VARIANT, "variant", suffix)
        if last.endswith("s") and not last.endswith("ss"):  # "brahma sutras": English plural
            singular = spaced[:-1]
            entry = lexicon.by_variant(singular) or lexicon.by_form(singular)
            if entry is not None:
                return Decision(entry, SCORE_VARIANT, "variant", "s" + suffix)
        if min(frequencies) >= self.options.english_zipf:
            return None
        entry = lexicon.by_parts((*words[:-1], last))
        if entry is not None:
            return Decision(entry, SCORE_PHONETIC, "phonetic", suffix)
        key = term_key(spaced)
        for candidate in lexicon.by_key(key):
            if " " in candidate.iast or "-" in candidate.iast:
                return Decision(candidate, SCORE_PHONETIC, "phonetic", suffix)
        return None

    def render(self, decision: Decision, original: str, *, capital_heard: bool = True) -> str:
        """The decided entry written as the original was: its case (a capital on a common
        word only if `capital_heard`), its suffix, house style."""
        text = decision.entry.iast
        if capital_heard and not decision.entry.is_proper and original[:1].isupper():
            text = text[:1].upper() + text[1:]
        if original.isupper() and len(original) > 1:
            text = text.upper()
        text = self.options.style.write(text)
        return text + original[len(original) - len(decision.suffix) :] if decision.suffix else text


def heard_visarga(entry: Entry, spelled: str) -> Entry:
    """The entry with a final visarga when ASR wrote one ("jeevanmuktah", "chetah") after
    the vowel the entry ends in: the speaker said jīvanmuktaḥ, not jīvanmukta."""
    if _HEARD_VISARGA.search(spelled) and entry.iast[-1:] in _FINAL_VOWELS:
        return replace(entry, iast=entry.iast + "ḥ")
    return entry


def compound_entry(members: Sequence[Entry]) -> Entry:
    """A joined compound read as its members, written the lexicon's way ("buddhi-yoga"); a
    deity's name opening common nouns is written lower-case, as books do (viṣṇu-mūrti)."""
    first = members[0]
    later = members[1:]
    if first.kind == "deity" and not any(m.is_proper for m in later):
        first = replace(first, iast=first.iast[:1].lower() + first.iast[1:], kind="term")
    iast = "-".join([first.iast, *(m.iast if m.is_proper else m.iast.lower() for m in later)])
    kind = first.kind if first.is_proper else "term"
    ids = "+".join(m.id for m in members)
    return Entry(ids, iast, None, kind, None, ())
