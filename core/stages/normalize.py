"""Stage: remove hesitation fillers and stutters, never content words.

Fillers are the hesitation sounds ASR engines write down (um, uh, er, hmm) and "you know"
only where commas set it apart. Words such as "like", "so" or "actually" carry meaning in a
lecture and are never removed. A stutter is an immediate repetition of one or two common
English words ("the the", "in the in the"); Sanskrit reduplication ("yadā yadā", "punaḥ
punaḥ") and emphatic or grammatical doubling ("very very", "that that") are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from core.knowledge.english import EnglishWords
from core.pipeline import PROGRESS_EVERY, StageFn, StageOutput, Tick, no_tick, per_segment
from core.stages.sentences import ends_sentence
from core.transcript.edits import Edit

_FILLER_WORDS = r"(?:u+m+|u+h+m*|e+r+m*|h+m+|m{2,}|h+u+h+)"
# A run of fillers ("um um", "uh, er") is removed as one.
_FILLER_RUN = rf"{_FILLER_WORDS}(?:[\s,]+{_FILLER_WORDS}(?=[\s,.]|$))*"
_FILLER = re.compile(
    rf"(?P<lead>,\s*|\s+|^)(?P<word>{_FILLER_RUN}|you know(?=\s*,))(?P<trail>\s*[,.]?)(?=\s|$)",
    re.IGNORECASE,
)

# Words after which a comma can never stand, so a comma left by a removed filler must go.
_NO_COMMA_AFTER = frozenset(
    (
        "a an the of to in on at by for from with into and or but if as that this these those "
        "his her its their our my your is are was were be "
        "chapter chapters verse verses sutra sutras mantra mantras"
    ).split()
)

# Doubling that is meaning, not a stutter (grammar: "had had"; emphasis: "very very").
_KEEP_DOUBLED = frozenset("very had so many more no yes again far bye ha hear".split())

_WORD = r"[A-Za-z']+"
# One or two words repeated with only spaces between ("the the", "in the in the"); with a
# comma between ("everything, everything", "he does, he does") it is rhetoric, and a
# repeated capitalised word is a name or a mantra ("Manu, Manu", "Hare Hare").
_STUTTER = re.compile(
    rf"\b(?:(?P<one>{_WORD})(?P<one_repeats>(?:[ \t]+(?P=one)\b)+)"
    rf"|(?P<two>{_WORD}\s+{_WORD})(?P<two_repeats>(?:[ \t]+(?P=two)\b)+))",
    re.IGNORECASE,
)


# A cheap test that lets most segments skip _STUTTER. It is exact for ASCII text, where each
# run of letters in a repeated word is a whole run (the pattern begins and ends it at a space,
# an apostrophe or the text's edge; a repeat without letters is never a stutter); other text
# (where re.IGNORECASE matches more than lower() says) always goes to the pattern.
_ASCII_LETTERS = re.compile(r"[a-z]+")


def may_hold_stutter(text: str) -> bool:
    """False when no word of `text` occurs twice, so _STUTTER can find nothing."""
    if not text.isascii():
        return True
    words = _ASCII_LETTERS.findall(text.lower())
    return len(set(words)) < len(words)


def make_filler_stage(*, enabled: bool) -> StageFn:
    """Build the filler pass of the normalize stage; disabled, it proposes nothing."""

    def run(texts: Sequence[str], *, tick: Tick = no_tick) -> StageOutput:
        edits = []
        for done, text in enumerate(texts, 1):
            opens = done == 1 or ends_sentence(texts[done - 2])
            edits.append(_filler_edits(text, opens_sentence=opens) if enabled else [])
            if done % PROGRESS_EVERY == 0:
                tick(done)
        return StageOutput(edits)

    return run


def make_stutter_stage(
    english: EnglishWords,
    *,
    enabled: bool,
    english_zipf: float = 3.0,
    is_sanskrit: Callable[[str], bool] = lambda word: False,
) -> StageFn:
    """Build the stutter pass; it runs after the filler pass ("is, um, is" -> "is is" -> "is").

    `english` decides which repetitions are English stutters; `is_sanskrit` protects
    repeated Sanskrit words ("hare hare", "krishna krishna") that are also English words.
    """

    def correct(text: str) -> list[Edit]:
        if not enabled:
            return []
        return _settled_stutters(
            text, lambda words: _stutter_edits(words, english, english_zipf, is_sanskrit)
        )

    return per_segment(correct)


_STUTTER_ROUNDS = 3


def _settled_stutters(text: str, find: Callable[[str], list[Edit]]) -> list[Edit]:
    """The stutter removals of `text`, found again on what one round leaves ("the mind the
    the mind" -> "the mind the mind" -> "the mind"), as edits of `text`: a second pass
    over the output then finds none. Every stutter edit deletes, so the rounds' deletions
    map back onto `text` and join into its deleted ranges."""
    edits = find(text)
    if not edits:
        return edits
    kept = list(range(len(text)))  # the position in `text` of each character still there
    current = text
    for _ in range(_STUTTER_ROUNDS):
        if not edits:
            break
        deleted = {i for edit in edits for i in range(edit.start, edit.end)}
        kept = [origin for i, origin in enumerate(kept) if i not in deleted]
        current = "".join(ch for i, ch in enumerate(current) if i not in deleted)
        edits = find(current)
    gone = sorted(set(range(len(text))) - set(kept))
    ranges: list[list[int]] = []
    for i in gone:
        if ranges and ranges[-1][1] == i:
            ranges[-1][1] = i + 1
        else:
            ranges.append([i, i + 1])
    return [Edit(start, end, "", "stutter", 0.95) for start, end in ranges]


def _filler_edits(text: str, *, opens_sentence: bool = True) -> list[Edit]:
    """The edits removing the fillers of one cue; a capitalised filler opening it passes
    its capital on only where the cue opens a sentence ("Um, today" -> "Today", but a cue
    going on from the one before keeps "um realization" -> "realization")."""
    edits: list[Edit] = []
    for match in _FILLER.finditer(text):
        start, end = match.start(), match.end()
        if edits and start < edits[-1].end:
            continue  # already removed with the filler before it
        lead, trail = match.group("lead"), match.group("trail")
        at_start = start == 0 or not text[:start].strip()
        before = text[:start].rstrip()
        previous_word = before.rsplit(None, 1)[-1].lower() if before else ""
        rest = text[end:]
        if at_start:
            # "Um, today we" -> "Today we": drop the filler and the space after it.
            end += len(rest) - len(rest.lstrip())
            next_word = text[end : end + 1]
            replacement = ""
            if opens_sentence and match.group("word")[:1].isupper() and next_word.islower():
                replacement, end = next_word.upper(), end + 1
            edits.append(Edit(start, end, replacement, "filler", 1.0))
            continue
        if not rest.strip():
            # A trailing filler: keep sentence punctuation it swallowed.
            keep = "." if trail.strip() == "." else ""
            if lead.strip() == "," and not keep:
                keep = ","
            edits.append(Edit(start, end, keep, "filler", 1.0))
            continue
        comma_before = "," in lead
        comma_after = "," in trail
        keep_comma = (comma_before or comma_after) and previous_word not in _NO_COMMA_AFTER
        if trail.strip() == ".":
            replacement = ". "
        elif keep_comma and (comma_before or comma_after):
            replacement = ", "
        else:
            replacement = " "
        # Consume the single space that follows, so the replacement sets the spacing.
        if text[end : end + 1] == " ":
            end += 1
        edits.append(Edit(start, end, replacement, "filler", 1.0))
    return edits


def _stutter_edits(
    text: str, english: EnglishWords, english_zipf: float, is_sanskrit: Callable[[str], bool]
) -> list[Edit]:
    if not may_hold_stutter(text):
        return []
    edits: list[Edit] = []
    for match in _STUTTER.finditer(text):
        group = "one" if match.group("one") else "two"
        repeats = f"{group}_repeats"
        words = match.group(group).lower().split()
        if any(word in _KEEP_DOUBLED or is_sanskrit(word) for word in words):
            continue
        if words == ["that"] and _PRONOUN_THAT.match(text, match.end()):
            continue  # "he said that that is so": conjunction, then pronoun
        function_words = all(english.zipf(word) >= _FUNCTION_WORD_ZIPF for word in words)
        if not function_words:
            # A rarer word repeated is a stutter only in plain English speech: not a name or
            # a mantra ("Manu Manu", "Hare Hare"), not a recited line ("tam tam evaiti").
            if _all_capitalised(match.group(group), match.group(repeats)):
                continue
            if not all(english.is_common(word, english_zipf) for word in words):
                continue
            if not _beside_english(
                text, match.start(), match.end(), english, english_zipf, is_sanskrit
            ):
                continue
        edits.append(Edit(match.start(repeats), match.end(repeats), "", "stutter", 0.95))
    return edits


_FUNCTION_WORD_ZIPF = 5.5
"""Words this frequent ("the", "of", "this", "he") are never repeated on purpose."""

_PRONOUN_THAT = re.compile(
    r"\s+(?:is|was|has|had|will|would|can|could|may|might|must|should|does|did|means)\b",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[^\W\d_]+")
_IS_FILLER = re.compile(rf"{_FILLER_WORDS}", re.IGNORECASE)


def _beside_english(
    text: str,
    start: int,
    end: int,
    english: EnglishWords,
    english_zipf: float,
    is_sanskrit: Callable[[str], bool],
) -> bool:
    """Whether the nearest word (fillers skipped) on either side is English, not Sanskrit."""
    before = _LETTERS.findall(text[max(0, start - 80) : start])
    after = _LETTERS.findall(text[end : end + 80])
    neighbours = [w for w in before if not _IS_FILLER.fullmatch(w)][-1:]
    neighbours += [w for w in after if not _IS_FILLER.fullmatch(w)][:1]
    return any(
        english.is_common(word, english_zipf) and not is_sanskrit(word.lower())
        for word in neighbours
    )


def _all_capitalised(first: str, repeats: str) -> bool:
    words = [first, *repeats.split()]
    return all(word[:1].isupper() for word in words) and not all(w.isupper() for w in words)
