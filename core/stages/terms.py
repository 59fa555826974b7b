"""Stage: Sanskrit/Hindi terms to IAST by lexicon, guarded so that English words stay English."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from core.knowledge.english import EnglishWords
from core.knowledge.inflection import read_inflected
from core.knowledge.lexicon import (
    EXACT_KINDS,
    SCORE_IAST,
    SCORE_PHONETIC,
    SCORE_VARIANT,
    SHORT_KIND,
    Entry,
    Lexicon,
    has_iast_marks,
)
from core.knowledge.phonetic import fold, term_key
from core.pipeline import PROGRESS_EVERY, StageFn, StageOutput, Tick, no_tick
from core.transcript.edits import Edit, Finding

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_JOINER = re.compile(r"[ \t]+|[ \t]*-[ \t]*")
_LIST_JOINER = re.compile(r"[ \t]+|[ \t]*-[ \t]*|,[ \t]+")
_SENTENCE_END = frozenset(".!?…")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_HEARD_VISARGA = re.compile(r"[aeiou]h$")
_FINAL_VOWELS = frozenset("aāiīuūeo")

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
MAX_PHRASE = 4
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
_INFO_CACHE = 200_000


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


@dataclass(frozen=True, slots=True)
class _Info:
    """One distinct surface token: whether it can change, and its decision if any."""

    text: str
    marked: bool  # carries IAST marks: never corrected, at most restyled (ṃ/ṁ)
    plain: bool  # ASCII letters (and apostrophes): may be corrected
    active: bool  # a segment without an active token needs no work
    sanskrit: bool  # counts as Sanskrit context for its neighbours
    decision: Decision | None = None
    phrase_start: bool = False
    uncertain: bool = False


def make_terms_stage(
    lexicon: Lexicon,
    english: EnglishWords,
    *,
    min_confidence: float,
    fuzzy_threshold: float,
    english_zipf: float,
    anusvara: str,
) -> StageFn:
    """The terms stage over all segments; decisions per distinct token are cached."""

    @lru_cache(maxsize=65536)
    def zipf(word: str) -> float:
        return english.zipf(word)

    def match_form(form: str, *, exact_only: bool) -> tuple[Entry, float, str] | None:
        entry = lexicon.by_form(form)
        if entry is not None:
            return entry, SCORE_IAST, "iast"
        entry = lexicon.by_variant(form)
        if entry is not None:
            return entry, SCORE_VARIANT, "variant"
        if exact_only:
            return None
        key = term_key(form)
        if len(key) >= MIN_KEY_LENGTH:
            entries = lexicon.by_key(key)
            if entries:
                return entries[0], SCORE_PHONETIC, "phonetic"
        return None

    def common_word(form: str) -> Entry | None:
        """A common word spelled like the name `form` is the form of ("yama" the restraint
        beside Yama the god): it shares the name's phonetic key."""
        for entry in lexicon.by_key(term_key(form)):
            if not entry.is_proper and entry.iast.lower() == form:
                return entry
        return None

    def match_part(part: str, *, loose: bool) -> tuple[Entry, float] | None:
        """A compound member: an exact form or ASR spelling, or (`loose`) its phonetic key."""
        if len(part) < MIN_PART:
            return None
        found = match_form(part, exact_only=not loose)
        if found is None or " " in found[0].iast or found[0].kind in EXACT_KINDS:
            return None  # an inflected verse form is no compound member ("grath-hitam")
        if found[0].is_proper:  # "brahm-jyotir": a compound's member is the common word
            common = lexicon.by_form(fold(found[0].iast)) or common_stem(found[0])
            if common is not None and not common.is_proper:
                return common, found[1]
        return found[0], found[1]

    def common_stem(name: Entry) -> Entry | None:
        """The bare stem spelled like a name (rūpa beside Rūpa), if the lexicon has one."""
        for stem in lexicon.stems(fold(name.iast)):
            if stem.iast.lower() == name.iast.lower():
                return stem
        return None

    def inflected_part(part: str) -> tuple[Entry, float] | None:
        """A compound's last member read as a known stem with a case ending
        ("rupacharitai": rūpa-caritaiḥ)."""
        if len(part) < MIN_INFLECTED_LENGTH:
            return None
        word = inflected(part, member=True)
        return None if word is None else (word, SCORE_INFLECTED)

    def inflected(word: str, *, member: bool = False) -> Entry | None:
        """`word` as a known stem with a regular case ending, as an entry of its own."""
        reading = read_inflected(word, lexicon.stems, member=member)
        if reading is None:
            return None
        stem, written = reading
        return Entry(f"{stem.id}~{written}", written, None, "form", None, ())

    @lru_cache(maxsize=16384)
    def split_compound(word: str, parts: int) -> tuple[tuple[Entry, ...], float] | None:
        """The best reading of `word` as 2..`parts` joined lexicon members, with a confidence:
        members weighted by length, fewer members preferred on a tie. One member of each cut
        must be spelled exactly as the lexicon knows it (dictionary lookups); only then is the
        other looked up by its phonetic key, which keeps unsplittable words cheap."""
        best: tuple[float, int, tuple[Entry, ...]] | None = None
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            rest = word[cut:]
            left = match_part(word[:cut], loose=False)
            right = match_part(rest, loose=False)
            if left is None and right is not None:
                left = match_part(word[:cut], loose=True)
            elif left is not None and right is None:
                right = match_part(rest, loose=True) or inflected_part(rest)
            if left is None:
                continue
            tail: list[tuple[tuple[Entry, ...], float]] = []
            if right is not None:
                tail.append(((right[0],), right[1] * len(rest)))
            if parts > 2:
                inner = split_compound(rest, parts - 1)
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

    @lru_cache(maxsize=65536)
    def decide_word(lower: str) -> Decision | None:
        """The decision for one lower-case ASCII token, before context is known."""
        frequency = zipf(lower)
        if frequency >= FUNCTION_ZIPF or len(lower) < 2:
            return None
        english_word = frequency >= english_zipf
        possessive = _POSSESSIVE.search(lower)
        cut = possessive.start() if possessive else len(lower)
        base, suffix = lower[:cut], lower[cut:]
        context = frequency >= EVERYDAY_ZIPF
        if len(base) < MIN_MATCH_LENGTH:
            found = match_form(base, exact_only=True)
            if found is None:
                return None
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
                found = match_form(form, exact_only=exact_only)
                if found is not None:
                    entry, confidence, how = found
                    if entry.kind == SHORT_KIND:  # "aham", "evam": only beside Sanskrit
                        return Decision(entry, confidence, how, tail, needs_context=True)
                    if entry.kind in EXACT_KINDS and how != "iast" and frequency > 0:
                        continue  # a verse form heard in an English word: English wins
                    entry = _heard_visarga(entry, form)
                    # "santas": a plural whose singular is everyday English needs context too
                    context = context or (form != base and zipf(form) >= EVERYDAY_ZIPF)
                    name = lexicon.by_variant(form) if how == "iast" else None
                    if name is not None and name.is_proper and not entry.is_proper:
                        return Decision(name, SCORE_VARIANT, "variant", tail, context, entry)
                    common = common_word(form) if how == "iast" and entry.is_proper else None
                    return Decision(entry, confidence, how, tail, context, common)
        if frequency < RARE_ZIPF and len(base) >= MIN_INFLECTED_LENGTH:
            word = inflected(base)
            if word is not None:
                return Decision(word, SCORE_INFLECTED, "inflected", suffix)
        if frequency < SPLIT_ZIPF and MIN_SPLIT_LENGTH <= len(base) <= MAX_SPLIT_LENGTH:
            compound = split_compound(base, MAX_PARTS)
            if compound is not None:
                entry = _heard_visarga(_compound_entry(compound[0]), base)
                return Decision(entry, compound[1], "compound", suffix)
        if frequency < RARE_ZIPF and len(base) >= MIN_FUZZY_LENGTH:
            candidates = lexicon.fuzzy(term_key(base), threshold=fuzzy_threshold, limit=1)
            if candidates:
                entry, score = candidates[0]
                entry = _heard_visarga(entry, base)
                return Decision(entry, min(0.95, score / 100 - 0.02), "fuzzy", suffix)
        return None

    settings_key = (min_confidence, fuzzy_threshold, english_zipf, anusvara, id(english))
    phrases: dict[tuple[str, ...], Decision | None] = lexicon.memo(("terms.phrase", *settings_key))

    def decide_phrase(words: tuple[str, ...]) -> Decision | None:
        if words in phrases:
            return phrases[words]
        if len(phrases) >= _INFO_CACHE:
            phrases.clear()
        decision = phrases[words] = _decide_phrase(words)
        return decision

    def _decide_phrase(words: tuple[str, ...]) -> Decision | None:
        """The decision for 2-4 adjacent lower-case tokens read as one compound or title."""
        decision = _phrase_entry(words)
        if decision is None:
            return None
        return replace(decision, entry=_heard_visarga(decision.entry, words[-1]))

    def _phrase_entry(words: tuple[str, ...]) -> Decision | None:
        frequencies = [zipf(word) for word in words]
        possessive = _POSSESSIVE.search(words[-1])
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
        if min(frequencies) >= english_zipf:
            return None
        entry = lexicon.by_parts((*words[:-1], last))
        if entry is not None:
            return Decision(entry, SCORE_PHONETIC, "phonetic", suffix)
        key = term_key(spaced)
        for candidate in lexicon.by_key(key):
            if " " in candidate.iast or "-" in candidate.iast:
                return Decision(candidate, SCORE_PHONETIC, "phonetic", suffix)
        return None

    def render(decision: Decision, original: str) -> str:
        text = decision.entry.iast
        if not decision.entry.is_proper and original[:1].isupper():
            text = text[:1].upper() + text[1:]
        if original.isupper() and len(original) > 1:
            text = text.upper()
        if anusvara != "ṃ":
            text = text.replace("ṃ", anusvara).replace("Ṃ", anusvara.upper())
        return text + original[len(original) - len(decision.suffix) :] if decision.suffix else text

    infos: dict[str, _Info] = lexicon.memo(("terms.info", *settings_key))

    def info(word: str) -> _Info:
        """What a surface token is, computed once per distinct token."""
        found = infos.get(word)
        if found is not None:
            return found
        if len(infos) >= _INFO_CACHE:
            infos.clear()
        if has_iast_marks(word):
            restyle = anusvara != "ṃ" and ("ṃ" in word or "Ṃ" in word)
            found = _Info(word, marked=True, plain=False, active=restyle, sanskrit=True)
        elif not word.replace("’", "'").isascii():
            found = _Info(word, marked=False, plain=False, active=False, sanskrit=False)
        else:
            lower = word.lower()
            decision = decide_word(lower)
            frequency = zipf(lower)  # case-insensitive: shares the entry decide_word made
            english_word = frequency >= english_zipf
            # phonetic keys drop a final a: "chaitany charitamrita" opens a phrase too
            starts = lexicon.opens_phrase(term_key(lower))
            # A common English word opening a phrase ("sat chit ananda") is looked at only
            # when something else in its segment is Sanskrit.
            wakes = starts and not english_word
            if decision is None:
                uncertain = _likely_sanskrit(word, frequency)
                found = _Info(word, False, True, wakes or uncertain, False, None, starts, uncertain)
            else:
                changes = (
                    render(decision, word) != word
                    or decision.confidence < min_confidence
                    or word[:1].islower()  # it may open a sentence and need a capital
                )
                sanskrit = not decision.needs_context and decision.confidence >= min_confidence
                found = _Info(word, False, True, wakes or changes, sanskrit, decision, starts)
        infos[word] = found
        return found

    def unknown_to_english(word: str) -> bool:
        return word.isalpha() and len(word) >= MIN_PART and zipf(word.lower()) < SPLIT_ZIPF

    def correct(
        position: int, text: str, *, opens_sentence: bool
    ) -> tuple[list[Edit], list[Finding]]:
        known = infos.get
        for word in _TOKEN.findall(text):
            token = known(word) or info(word)
            if token.active:
                break
        else:
            return [], []
        found = list(_TOKEN.finditer(text))
        tokens = [info(m.group()) for m in found]
        edits: list[Edit] = []
        findings: list[Finding] = []
        decisions = [token.decision for token in tokens]
        spans = [1] * len(tokens)
        lowered: list[str] = []  # each token lower-cased, and as phrases see it
        as_phrase: list[str] = []
        for i, token in enumerate(tokens):
            if not token.phrase_start or not token.plain:
                continue
            if not lowered:
                lowered = [t.text.lower() for t in tokens]
                as_phrase = [_phrase_word(t) for t in tokens]
            # the longest run of plain, joined words from i: every shorter window is one too
            run = 1
            while run < MAX_PHRASE and i + run < len(tokens) and tokens[i + run].plain:
                gap = text[found[i + run - 1].end() : found[i + run].start()]
                if gap != " " and not _JOINER.fullmatch(gap):
                    break
                run += 1
            for length in range(run, 1, -1):
                words = tuple(lowered[i : i + length])
                decision = decide_phrase(words)
                if decision is None:
                    corrected = tuple(as_phrase[i : i + length])
                    decision = decide_phrase(corrected) if corrected != words else None
                if decision is not None:
                    decisions[i], spans[i] = decision, length
                    break
        if any(token.marked for token in tokens):
            for i in range(len(tokens)):
                if (
                    decisions[i] is not None
                    and spans[i] == 1
                    and _in_iast_compound(found, tokens, i)
                ):
                    decisions[i] = None  # "ātma-tattvam": part of a compound already in IAST
        context = _context(tokens, decisions, spans)
        for i, decision in enumerate(decisions):
            if (
                decision is not None
                and decision.beside_sanskrit is not None
                and _beside_term(found, tokens, decisions, i, unknown_to_english)
            ):
                decisions[i] = replace(
                    decision, entry=decision.beside_sanskrit, beside_sanskrit=None
                )
        i = 0
        while i < len(tokens):
            token, decision, span = tokens[i], decisions[i], spans[i]
            start, end = found[i].start(), found[i + span - 1].end()
            i += span
            if token.marked:
                if token.active:
                    after = token.text.replace("ṃ", anusvara).replace("Ṃ", anusvara.upper())
                    edits.append(Edit(start, end, after, "style:anusvara", 1.0))
                continue
            if decision is None:
                if token.uncertain:
                    findings.append(
                        Finding(
                            position, "uncertain", "", 0.0, start=start, end=end, detail=token.text
                        )
                    )
                continue
            if decision.needs_context and not context[i - span]:
                continue
            original = text[start:end]
            opens = _starts_sentence(text, start, opens_sentence=opens_sentence)
            if _a_name_heard_as_a_word(decision, original) and not opens:
                continue
            if decision.confidence < min_confidence:
                findings.append(
                    Finding(
                        position,
                        "uncertain",
                        decision.entry.id,
                        decision.confidence,
                        start=start,
                        end=end,
                        detail=decision.entry.iast,
                    )
                )
                continue
            after = render(decision, original)
            if opens:
                after = after[:1].upper() + after[1:]
            if after != original:
                source = f"lexicon:{decision.entry.id}"
                edits.append(Edit(start, end, after, source, decision.confidence))
        return edits, findings

    def run(texts: Sequence[str], *, tick: Tick = no_tick) -> StageOutput:
        all_edits: list[list[Edit]] = []
        all_findings: list[Finding] = []
        for position, text in enumerate(texts, 1):
            previous = texts[position - 2].rstrip() if position > 1 else "."
            opens = not previous or previous[-1] in _SENTENCE_END
            edits, findings = correct(position, text, opens_sentence=opens)
            all_edits.append(edits)
            all_findings.extend(findings)
            if position % PROGRESS_EVERY == 0:
                tick(position)
        return StageOutput(all_edits, all_findings)

    return run


def _heard_visarga(entry: Entry, spelled: str) -> Entry:
    """The entry with a final visarga when ASR wrote one ("jeevanmuktah", "chetah") after
    the vowel the entry ends in: the speaker said jīvanmuktaḥ, not jīvanmukta."""
    if _HEARD_VISARGA.search(spelled) and entry.iast[-1:] in _FINAL_VOWELS:
        return replace(entry, iast=entry.iast + "ḥ")
    return entry


def _compound_entry(members: Sequence[Entry]) -> Entry:
    """A joined compound read as its members, written the lexicon's way ("buddhi-yoga")."""
    first = members[0]
    iast = "-".join([first.iast, *(m.iast if m.is_proper else m.iast.lower() for m in members[1:])])
    kind = first.kind if first.is_proper else "term"
    ids = "+".join(m.id for m in members)
    return Entry(ids, iast, None, kind, None, ())


def _phrase_word(token: _Info) -> str:
    """A word as phrases see it: what it would become on its own, so that a phrase is found
    alike before and after its words were corrected one by one (idempotence)."""
    if token.decision is None or token.decision.suffix:
        return token.text.lower()
    return fold(token.decision.entry.iast)


def _a_name_heard_as_a_word(decision: Decision, original: str) -> bool:
    """A capitalised word mid-sentence is a name: it is not turned into a common word found
    only by sound ("Asita" is not āsīt)."""
    return (
        decision.how in ("phonetic", "fuzzy")
        and not decision.entry.is_proper
        and original[:1].isupper()
        and not original.isupper()
    )


def _beside_term(
    found: Sequence[re.Match[str]],
    tokens: Sequence[_Info],
    decisions: Sequence[Decision | None],
    i: int,
    unknown_to_english: Callable[[str], bool],
) -> bool:
    """True if token i is joined by a space, hyphen or list comma to a Sanskrit common word
    (not a name) or to a word unknown to English ("etad brahma", "brahma-jyotir",
    "yama, niyama")."""
    text = found[i].string
    for j in (i - 1, i + 1):
        if not 0 <= j < len(tokens):
            continue
        a, b = (found[j], found[i]) if j < i else (found[i], found[j])
        if not _LIST_JOINER.fullmatch(text[a.end() : b.start()]):
            continue
        other, decision = tokens[j], decisions[j]
        if other.marked and not other.text[:1].isupper():  # a name in IAST does not count
            return True
        if other.plain and decision is None and unknown_to_english(other.text):
            return True
        if other.sanskrit and decision is not None and not decision.entry.is_proper:
            return True
    return False


def _in_iast_compound(found: Sequence[re.Match[str]], tokens: Sequence[_Info], i: int) -> bool:
    """True if token i is in a hyphen chain (no spaces) with a word written in IAST
    ("ātma-tattvam", "dvandva-moha-nirmuktā")."""
    text = found[i].string
    left = i
    while left > 0 and text[found[left - 1].end() : found[left].start()] == "-":
        left -= 1
    right = i
    while right + 1 < len(tokens) and text[found[right].end() : found[right + 1].start()] == "-":
        right += 1
    return any(tokens[j].marked for j in range(left, right + 1))


def _context(
    tokens: Sequence[_Info], decisions: Sequence[Decision | None], spans: Sequence[int]
) -> list[bool]:
    """Per token: is it, or a neighbour, Sanskrit? Grown to a fixpoint so that a word
    accepted for its context counts as context too (the output then reads the same)."""
    sanskrit = [token.sanskrit for token in tokens]
    changed = True
    while changed:
        changed = False
        for i, decision in enumerate(decisions):
            if decision is None or not decision.needs_context or sanskrit[i]:
                continue
            after = i + spans[i]
            if (i > 0 and sanskrit[i - 1]) or (after < len(tokens) and sanskrit[after]):
                sanskrit[i] = changed = True
    return [
        sanskrit[i] or (i > 0 and sanskrit[i - 1]) or (i + 1 < len(tokens) and sanskrit[i + 1])
        for i in range(len(tokens))
    ]


def _starts_sentence(text: str, start: int, *, opens_sentence: bool) -> bool:
    """True if the token at `start` begins a sentence (after . ! ? or at an opening)."""
    before = text[:start].rstrip(" \t\n\"“'‘(")
    return before[-1:] in _SENTENCE_END if before else opens_sentence


def _likely_sanskrit(word: str, frequency: float) -> bool:
    """A long ASCII word unknown to English: worth a second opinion."""
    return frequency < 1.0 and len(word) >= MIN_FUZZY_LENGTH and word.isalpha() and word.islower()
