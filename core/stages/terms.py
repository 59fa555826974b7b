"""Stage: Sanskrit/Hindi terms to IAST by lexicon, guarded so that English words stay English."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache, partial

from core.knowledge.cues import HEARD as CUE_HEARD
from core.knowledge.cues import TRIGGERS as CUE_TRIGGERS
from core.knowledge.english import EnglishWords
from core.knowledge.letter_odds import LetterOdds, english_letter_model
from core.knowledge.lexicon import EXACT_KINDS, Lexicon, has_iast_marks
from core.knowledge.marks import MarkModel
from core.knowledge.pausal import pausal_m
from core.knowledge.phonetic import WORD_LETTERS, fold, term_key
from core.pipeline import PROGRESS_EVERY, StageOutput, Tick, no_tick
from core.stages.sentences import ends_sentence, opens_a_line_or_clause, starts_sentence
from core.stages.term_case import (
    deity_opening_a_compound,
    in_a_list_of_names,
    title_after_a_name,
)
from core.stages.term_decisions import (
    CACHE_LIMIT,
    MIN_FUZZY_LENGTH,
    MIN_PART,
    SPLIT_ZIPF,
    Decision,
    TermDecisions,
    TermOptions,
)
from core.stages.term_neighbours import (
    a_name_read_as_a_word,
    before_a_pause_or_vowel,
    beside_sanskrit,
    cue_word,
    dropped_visarga,
    read_cues,
    rejoin_splits,
    words_of,
)
from core.stages.term_tokens import TokenInfo
from core.transcript.edits import Edit, Finding

__all__ = ["TermMatcher", "TermOptions"]

_TOKEN = re.compile(rf"{WORD_LETTERS}(?:['’]{WORD_LETTERS})*")
_PAUSE = re.compile(r"\s*[,.;:!?–—]")
"""Punctuation right after a word: the clause ends there ("the syllable on, the supreme")."""
CAPITALISED_TERMS = 0.08
"""Above this share of capitalised common nouns mid-sentence, capitals are the recogniser's
habit. On the vocabulary folds (4 draws) the Whisper-like noise model writes 10-16 %, the
four others 0-6 % (their capitals copy the books', mostly names the fold's lexicon lacks)."""
MIN_COUNTED_TERMS = 20
"""Fewer common nouns than this say nothing of a recogniser's habit: capitals are kept."""
_JOINER = re.compile(r"[ \t]+|[ \t]*-[ \t]*")
_LIST_JOINER = re.compile(r"[ \t]+|[ \t]*-[ \t]*|,[ \t]+")
SPELLED = "spelling"
"""The source of a word's likeliest spelling with marks (core.knowledge.marks)."""
SCORE_SPELLED = 0.4
"""How often such a spelling is right: four times in ten, letter for letter, on the dev
chapters' vocabulary folds (0.38-0.44 on two seed sets), and most of the rest are nearer
than the word as heard (the review offers each back, with the word as heard and its other
spellings)."""
MIN_SPELLED = 5
UNKNOWN_ZIPF = 1.0
"""A word rarer than this in English is unknown to it (Zipf scale)."""
MAX_PHRASE = 4


class TermMatcher:
    """The terms stage: called with every segment's text, it returns each segment's edits.

    Decisions are made once per distinct token and kept here; the process's Resources hold
    one matcher per distinct TermOptions, so a server decides each word once for all files.
    """

    def __init__(
        self,
        lexicon: Lexicon,
        english: EnglishWords,
        options: TermOptions,
        mark_model: Callable[[], MarkModel] | None = None,
        letter_odds: Callable[[], LetterOdds] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.options = options
        self.decisions = TermDecisions(lexicon, english, options)
        self.style = options.style
        self._infos: dict[str, TokenInfo] = {}
        # the Resources' factories hand out the models they made once; a matcher made
        # alone makes its own, once
        self._mark_model = mark_model or cache(partial(MarkModel.of_lexicon, lexicon))
        self._letter_odds = letter_odds or cache(
            lambda: LetterOdds(self._mark_model(), english_letter_model(english))
        )
        self._spellings: dict[str, str | None] = {}
        self._sanskrit_by_letters: dict[str, bool] = {}

    def __call__(
        self, texts: Sequence[str], *, tick: Tick = no_tick, capitals_heard: bool = True
    ) -> StageOutput:
        """Every segment's edits; a capital heard on a common noun mid-sentence is kept only
        with `capitals_heard` (see capitals_mean_names)."""
        all_edits: list[list[Edit]] = []
        all_findings: list[Finding] = []
        for position, text in enumerate(texts, 1):
            opens = position == 1 or ends_sentence(texts[position - 2])
            following = texts[position] if position < len(texts) else ""
            edits, findings = self.correct(
                position,
                text,
                opens_sentence=opens,
                following_text=following,
                capitals_heard=capitals_heard,
            )
            all_edits.append(edits)
            all_findings.extend(findings)
            if position % PROGRESS_EVERY == 0:
                tick(position)
        return StageOutput(all_edits, all_findings)

    def capitals_mean_names(self, texts: Sequence[str]) -> bool:
        """Whether a capital the recogniser wrote on a Sanskrit common noun mid-sentence is
        worth keeping. Some recognisers capitalise such words as if they were names
        ("And Yoga involves"); where a lecture's text does so for more than CAPITALISED_TERMS
        of them, its capitals say nothing and the lexicon's case stands. Asked once of the
        lecture as heard, so that a second pass and the settle pass judge as the first did."""
        capitals = counted = 0
        known, info = self._infos.get, self.info
        lecture = "\n".join(texts)  # a cue opens on a new line, as a line within one does
        for word, times in Counter(_TOKEN.findall(lecture)).items():
            if (known(word) or info(word)).common_term:
                counted += times
                capitals += times if word[:1].isupper() else 0
        if capitals > counted * CAPITALISED_TERMS:  # then see which capitals open sentences
            capitals = sum(
                1
                for match in _TOKEN.finditer(lecture)
                if match.group()[:1].isupper()
                and (known(match.group()) or info(match.group())).common_term
                and not opens_a_line_or_clause(lecture, match.start())
            )
        return counted < MIN_COUNTED_TERMS or capitals <= counted * CAPITALISED_TERMS

    def info(self, word: str) -> TokenInfo:
        """What a surface token is, computed once per distinct token."""
        found = self._infos.get(word)
        if found is not None:
            return found
        if len(self._infos) >= CACHE_LIMIT:
            self._infos.clear()
        if has_iast_marks(word):
            restyle = self.style.restyles(word)
            # as the output of a first pass: counted so that a second pass finds no more
            # capitals among common nouns than the first did (capitals_mean_names)
            entry = self.lexicon.by_form(fold(word))
            if word[:1].islower():
                common = entry is None or not entry.is_proper
            else:
                common = entry is not None and not entry.is_proper
            found = TokenInfo(
                word, marked=True, plain=False, active=restyle, sanskrit=True, common_term=common
            )
        elif not word.replace("’", "'").isascii():
            found = TokenInfo(word, marked=False, plain=False, active=False, sanskrit=False)
        else:
            lower = word.lower()
            decision = self.decisions.decide_word(lower)
            frequency = self.decisions.zipf(lower)  # shares the entry decide_word made
            english_word = frequency >= self.options.english_zipf
            # phonetic keys drop a final a: "chaitany charitamrita" opens a phrase too
            starts = self.lexicon.opens_phrase(term_key(lower)) or (
                decision is not None  # "Garbhodka sayee": as the word will be written
                and not decision.among_english
                and self.lexicon.opens_phrase(term_key(fold(decision.entry.iast)))
            )
            # A common English word opening a phrase ("sat chit ananda") is looked at only
            # when something else in its segment is Sanskrit.
            wakes = starts and not english_word
            if decision is None:
                uncertain = _unknown_lower_case(word, frequency, MIN_FUZZY_LENGTH)
                fragment = not english_word and word.isalpha()
                spellable = self.options.spell_unknown and _unknown_lower_case(
                    word, frequency, MIN_SPELLED
                )
                active = wakes or uncertain or spellable
                found = TokenInfo(
                    word, False, True, active, False, None, starts, uncertain, fragment,
                    spellable=spellable,
                )  # fmt: skip
            else:
                min_confidence = self.options.min_confidence
                changes = (
                    not self.style.writes_as(self.decisions.render(decision, word), word)
                    or decision.confidence < min_confidence
                    or word[:1].islower()  # it may open a sentence and need a capital
                )
                sanskrit = not decision.needs_context and decision.confidence >= min_confidence
                common = sanskrit and not decision.entry.is_proper  # yoga and karma too
                found = TokenInfo(
                    word,
                    False,
                    True,
                    wakes or changes,
                    sanskrit,
                    decision,
                    starts,
                    common_term=common,
                    capital_heard=word[:1].isupper() and not decision.entry.is_proper,
                )
        if fold(word) in CUE_TRIGGERS or (
            found.decision is not None and not CUE_TRIGGERS.isdisjoint(words_of(found.decision))
        ):
            found = replace(found, cue_trigger=True)
        if found.plain and (fold(word) in CUE_HEARD or cue_word(found.decision) is not None):
            found = replace(found, cue_reads=True)  # "Bharata", and "baarata" read Bharata
        self._infos[word] = found
        return found

    def _spell_unknown(
        self,
        tokens: Sequence[TokenInfo],
        decisions: Sequence[Decision | None],
        spans: Sequence[int],
        sanskrit: Sequence[bool],
        spelled: list[str | None],
    ) -> bool:
        """Spell with marks (core.knowledge.marks) each word no source holds that stands
        beside a Sanskrit word or another such word, or whose own letters read as Sanskrit
        far more than as English (core.knowledge.letter_odds); True if one was. Called until
        none is, so that a second pass over the output spells nothing more. A word beside
        one joined from pieces is left to the settle pass, which may find the two a phrase
        ("ga rbodaka shayi": Garbhodaka, then Garbhodaka-śāyī)."""
        joined = _pieced(decisions, spans)
        grew = False
        for i, token in enumerate(tokens):
            if not token.spellable or decisions[i] is not None or spelled[i] is not None:
                continue
            if i - 1 in joined or i + 1 in joined:
                continue
            guess = self._likeliest(token.text)  # before the letter odds: often None
            if guess is not None and (
                _sanskrit_beside(i, tokens, decisions, sanskrit)
                or self._reads_as_sanskrit(token.text)
            ):
                spelled[i] = guess
                grew = True
        return grew

    def _likeliest(self, word: str) -> str | None:
        if word not in self._spellings:
            if len(self._spellings) >= CACHE_LIMIT:
                self._spellings.clear()
            self._spellings[word] = self._mark_model().likeliest(word)
        return self._spellings[word]

    def _reads_as_sanskrit(self, word: str) -> bool:
        if word not in self._sanskrit_by_letters:
            if len(self._sanskrit_by_letters) >= CACHE_LIMIT:
                self._sanskrit_by_letters.clear()
            self._sanskrit_by_letters[word] = self._letter_odds().reads_as_sanskrit(word)
        return self._sanskrit_by_letters[word]

    def _english_word(self, word: str) -> bool:
        return self.decisions.zipf(word) >= self.options.english_zipf

    def _unknown_to_english(self, word: str) -> bool:
        return (
            word.isalpha()
            and len(word) >= MIN_PART
            and self.decisions.zipf(word.lower()) < SPLIT_ZIPF
        )

    def _phrases(
        self, text: str, found: list[re.Match[str]], tokens: list[TokenInfo]
    ) -> tuple[list[Decision | None], list[int]]:
        """Each token's decision and how many tokens it spans: the longest known phrase
        starting at a token wins over the token alone."""
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
                decision = self.decisions.decide_phrase(words)
                if decision is None:
                    corrected = tuple(as_phrase[i : i + length])
                    decision = (
                        self.decisions.decide_phrase(corrected) if corrected != words else None
                    )
                if decision is not None:
                    decisions[i], spans[i] = decision, length
                    break
        return decisions, spans

    def _rejoin_splits(
        self,
        text: str,
        found: Sequence[re.Match[str]],
        tokens: Sequence[TokenInfo],
        decisions: list[Decision | None],
        spans: list[int],
    ) -> int:
        """Words split mid-syllable read whole (core.stages.term_neighbours)."""
        return rejoin_splits(
            text,
            found,
            tokens,
            decisions,
            spans,
            decide=self.decisions.decide_word,
            zipf=self.decisions.zipf,
            min_confidence=self.options.min_confidence,
        )

    def correct(
        self,
        position: int,
        text: str,
        *,
        opens_sentence: bool,
        following_text: str = "",
        capitals_heard: bool = True,
    ) -> tuple[list[Edit], list[Finding]]:
        """One segment's edits, and the spans it was unsure of as "uncertain" findings
        (`following_text`: the next cue, whose first word decides a final m at the end)."""
        known = self._infos.get
        fragments = reads = triggers = False
        for word in _TOKEN.findall(text):
            token = known(word) or self.info(word)
            if token.active or (token.capital_heard and not capitals_heard):
                break
            reads, triggers = reads or token.cue_reads, triggers or token.cue_trigger
            if reads and triggers:  # a word a cue may read, and a word a cue looks for
                break
            fragments = fragments or token.fragment
        else:
            if not fragments:
                return [], []
        found = list(_TOKEN.finditer(text))
        tokens = [self.info(m.group()) for m in found]
        edits: list[Edit] = []
        findings: list[Finding] = []
        cued = reads and triggers
        if cued or any(
            token.active or (token.capital_heard and not capitals_heard) for token in tokens
        ):
            decisions, spans = self._phrases(text, found, tokens)
            self._rejoin_splits(text, found, tokens, decisions, spans)
        else:  # only fragments: something to do only if one is half of a word
            decisions, spans = [None] * len(tokens), [1] * len(tokens)
            if self._rejoin_splits(text, found, tokens, decisions, spans) == 0:
                return [], []
        if any(token.marked for token in tokens):
            for i in range(len(tokens)):
                if (
                    decisions[i] is not None
                    and spans[i] == 1
                    and _in_iast_compound(found, tokens, i)
                ):
                    decisions[i] = None  # "ātma-tattvam": part of a compound already in IAST
        read_cues(
            tokens, decisions, spans, self.lexicon, lambda i: _PAUSE.match(text, found[i].end())
        )
        spelled: list[str | None] = [None] * len(tokens)
        sanskrit = _sanskrit_words(tokens, decisions, spans, spelled)
        while self._spell_unknown(tokens, decisions, spans, sanskrit, spelled):
            sanskrit = _sanskrit_words(tokens, decisions, spans, spelled)
        context = _with_neighbours(sanskrit)
        for i, decision in enumerate(decisions):
            if (
                decision is not None
                and decision.beside_sanskrit is not None
                and _beside_term(found, tokens, decisions, i, self._unknown_to_english)
            ):
                decisions[i] = replace(
                    decision, entry=decision.beside_sanskrit, beside_sanskrit=None
                )
        style = self.style
        names = set() if capitals_heard else in_a_list_of_names(found, tokens, decisions)
        i = previous = 0
        while i < len(tokens):
            token, decision, span = tokens[i], decisions[i], spans[i]
            start, end = found[i].start(), found[i + span - 1].end()
            previous, word_before = i, previous  # where this word starts, and the one before it
            i += span
            if token.marked:
                if token.active:
                    edits.append(Edit(start, end, style.write(token.text), style.source, 1.0))
                continue
            if decision is None:
                guess = spelled[previous]
                if guess is not None and before_a_pause_or_vowel(text, end):
                    guess = pausal_m(guess)  # "rantum āsīt", and at a cue's end: a guess
                    # is not carried into the next cue ("kūrmanāḍyāṃ sthairyam")
                if guess is not None and has_iast_marks(guess):
                    written = style.write(guess)
                    if not style.writes_as(written, token.text):
                        edits.append(Edit(start, end, written, SPELLED, SCORE_SPELLED))
                if token.uncertain:
                    findings.append(
                        Finding(
                            position, "uncertain", "", 0.0, start=start, end=end, detail=token.text
                        )
                    )
                continue
            if decision.needs_context and not context[i - span]:
                continue
            if decision.among_english and beside_sanskrit(tokens, i - span, span):
                continue
            original = text[start:end]
            opens = starts_sentence(text, start, opens_sentence=opens_sentence)
            if _a_name_heard_as_a_word(decision, original) and not opens:
                continue
            if decision.confidence < self.options.min_confidence:
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
            heard = capitals_heard or i - span in names
            after = self.decisions.render(decision, original, capital_heard=heard)
            if span == 1:
                titled = title_after_a_name(
                    found,
                    tokens,
                    decisions,
                    i - 1,
                    self._english_word,
                    before=word_before if _written_at(edits, found[word_before].start()) else None,
                    capitals_heard=capitals_heard,
                )
                if titled is not None:  # "Rūpa Gosvāmī", but "is called gosvāmī"
                    head = after[:1].upper() if titled else after[:1].lower()
                    after = head + after[1:]
            if decision.how == "cue" and a_name_read_as_a_word(self.lexicon, decision, original):
                after = after[:1].lower() + after[1:]  # "a Brahman": the capital was the name's
            if before_a_pause_or_vowel(text, end, following_text):
                after = pausal_m(after)
                if dropped_visarga(after, original, tokens, decisions, i):
                    after = after[:-1]
            if (
                span == 1
                and decision.entry.kind == "deity"
                and deity_opening_a_compound(found, tokens, decisions, i - 1, self._english_word)
            ):
                common = self.lexicon.by_form(fold(decision.entry.iast))  # brahma, not Brahmā
                if common is not None and not common.is_proper:
                    after = self.decisions.render(replace(decision, entry=common), original)
                after = after[:1].lower() + after[1:] + "-"  # "vishnu murti": viṣṇu-mūrti
                end += 1
            if opens and not _quoted_as_heard(decision, original):
                after = after[:1].upper() + after[1:]
            if not self.style.writes_as(after, original):
                source = f"lexicon:{decision.entry.id}"
                edits.append(Edit(start, end, after, source, decision.confidence))
        return edits, findings


def _written_at(edits: Sequence[Edit], start: int) -> bool:
    """True if the last edit made so far rewrites the word at `start` (a phrase the stage
    wrote: "durwa saa" Durvāsā; one it left as heard is read token by token)."""
    return bool(edits) and edits[-1].start == start


def _quoted_as_heard(decision: Decision, original: str) -> bool:
    """A verse's word form heard in lower case opening a sentence: a quotation, which books
    print as the verse has it ("... of the Lord. harer nāma")."""
    return decision.entry.kind in EXACT_KINDS and original[:1].islower()


def _phrase_word(token: TokenInfo) -> str:
    """A word as phrases see it: what it would become on its own, so that a phrase is found
    alike before and after its words were corrected one by one (idempotence)."""
    if token.decision is None or token.decision.suffix or token.decision.among_english:
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
    tokens: Sequence[TokenInfo],
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


def _in_iast_compound(found: Sequence[re.Match[str]], tokens: Sequence[TokenInfo], i: int) -> bool:
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


def _sanskrit_words(
    tokens: Sequence[TokenInfo],
    decisions: Sequence[Decision | None],
    spans: Sequence[int],
    spelled: Sequence[str | None],
) -> list[bool]:
    """Per token: is it Sanskrit (spelled with marks by this stage too)? Grown to a fixpoint
    so that a word accepted for its context counts as context too (the output then reads
    the same)."""
    sanskrit = [
        token.sanskrit or guess is not None for token, guess in zip(tokens, spelled, strict=True)
    ]
    changed = True
    while changed:
        changed = False
        for i, decision in enumerate(decisions):
            if decision is None or not decision.needs_context or sanskrit[i]:
                continue
            after = i + spans[i]
            if (i > 0 and sanskrit[i - 1]) or (after < len(tokens) and sanskrit[after]):
                sanskrit[i] = changed = True
    return sanskrit


def _with_neighbours(sanskrit: Sequence[bool]) -> list[bool]:
    """Per token: is it, or a neighbour, Sanskrit?"""
    size = len(sanskrit)
    return [
        sanskrit[i] or (i > 0 and sanskrit[i - 1]) or (i + 1 < size and sanskrit[i + 1])
        for i in range(size)
    ]


def _sanskrit_beside(
    i: int,
    tokens: Sequence[TokenInfo],
    decisions: Sequence[Decision | None],
    sanskrit: Sequence[bool],
) -> bool:
    """True if a neighbour of token i is Sanskrit, or a word no source holds either: two
    such words side by side are a quotation ("samyag adhiyate"), not English."""
    return any(
        0 <= j < len(tokens) and (sanskrit[j] or (tokens[j].spellable and decisions[j] is None))
        for j in (i - 1, i + 1)
    )


def _pieced(decisions: Sequence[Decision | None], spans: Sequence[int]) -> set[int]:
    """The tokens of a word joined from pieces heard apart, or cut into members when heard
    joined: the segments the settle pass looks at again (core.settle)."""
    return {
        i + step
        for i, (decision, span) in enumerate(zip(decisions, spans, strict=True))
        if decision is not None
        and ((span > 1 and " " not in decision.entry.iast) or decision.how == "compound")
        for step in range(span)
    }


def _unknown_lower_case(word: str, frequency: float, min_length: int) -> bool:
    """A lower-case word English does not know, of at least `min_length` letters: worth a
    second opinion (MIN_FUZZY_LENGTH), or its marks guessed (MIN_SPELLED)."""
    return (
        frequency < UNKNOWN_ZIPF and len(word) >= min_length and word.isalpha() and word.islower()
    )
