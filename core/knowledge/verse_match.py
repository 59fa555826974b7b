"""Finding recitations in segment texts: runs of Sanskrit-looking words, matched to verses.

Used by the verses stage (core.stages.verses); a recitation may span consecutive segments.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import NamedTuple

from rapidfuzz.distance import Indel

from core.knowledge.house_style import HouseStyle
from core.knowledge.pausal import pausal
from core.knowledge.phonetic import WORD_LETTERS
from core.knowledge.verse_hyphens import hyphenate
from core.knowledge.verse_index import Alignment, IndexedVerse, VerseIndex, word_key

__all__ = [
    "Match",
    "Run",
    "Token",
    "chunk_tokens",
    "ends_at_pause",
    "find_matches",
    "find_runs",
    "group_runs",
    "restorations",
]

_WORD = re.compile(rf"['’]?{WORD_LETTERS}(?:['’]{WORD_LETTERS})*")
_PUNCTUATION = re.compile(r"[,.;:?!]")
_SENTENCE_END = re.compile(r"[.;:?!]\W*$")  # a recitation does not continue past this
_DANDAS = re.compile(r"\s*\|+\s*")
_PAUSE_AFTER = re.compile(r"[ \t]*[,.;:?!…“”\"()–—]")
_MARGIN = 3  # words either side of a run tried as part of the recitation ("ma", "hi")
_FULL_KEY = 24  # key letters long enough for full confidence (~a pāda pair), unless the
# recitation covers a whole short verse (a sūtra)
_MIN_KEY = 10  # fewer key letters than this are too little to name a verse
_MIN_SCORE = 0.75  # alignment score below which no verse is reported
_EDGE = 0.7  # likeness below which an English-looking word is not the verse word it faces
_EDGE_SANSKRIT = 0.6  # the same for a word that does not look English
_MIN_ROUGH = 0.6  # rough (partial) alignment score below which a run is not a recitation
_CANDIDATES = 5
_MIN_SHARE = 0.2  # of the query's telling n-grams a candidate verse must share
_LONGER = 1.25  # a query this much longer than a verse holds more than the verse
_MAX_MATCHES = 4  # verses looked for in one run of Sanskrit


class Token(NamedTuple):
    """One word of a chunk (a named tuple: thousands are made per lecture, cheaply)."""

    segment: int  # 0-based index into the stage's texts
    line: int  # subtitle line within the segment: a restoration keeps the line breaks
    start: int
    end: int
    key: str
    foreign: bool  # not a common English word
    weight: int  # how many words it counts as towards `min_words` (see `_weight`)
    after_punctuation: bool  # punctuation between this word and the previous one


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive words of one segment that look like Sanskrit, as token positions."""

    first: int
    last: int  # exclusive
    foreign: int  # how many of them are not English
    at_start: bool
    at_end: bool
    floor: int  # margins never reach into the neighbouring runs
    ceiling: int


@dataclass(frozen=True, slots=True)
class Match:
    item: IndexedVerse
    alignment: Alignment
    first: int  # query tokens [first, last) recite the verse
    last: int
    confidence: float


def find_runs(text: str, classify: Callable[[list[str]], list[bool]], min_words: int) -> list[Run]:
    """Runs of non-English words, bridging short gaps of English-looking ones."""
    words = _WORD.findall(text)
    flags = classify(words)
    if True not in flags:
        return []
    foreign = flags.count(True)  # each word weighs at least 1: weigh them only if it matters
    if foreign < min_words:
        foreign = sum(map(_weight, compress(words, flags)))
    if foreign < min_words and not (foreign and (any(flags[:2]) or any(flags[-2:]))):
        return []  # the common case: English, and nothing that could continue a verse
    spans: list[tuple[int, int, int]] = []  # (first, last, weight)
    first = -1
    foreign = 0
    gap: list[int] = []
    for position, flag in enumerate(flags):
        if flag:
            if first < 0:
                first = position
            foreign += _weight(words[position])
            gap = []
            continue
        if first < 0:
            continue
        gap.append(position)
        if not _bridges([words[g] for g in gap]):
            spans.append((first, gap[0], foreign))
            first, foreign, gap = -1, 0, []
    if first >= 0:
        spans.append((first, gap[0] if gap else len(words), foreign))
    runs = []
    for number, (first, last, weight) in enumerate(spans):
        closes = (
            number == len(spans) - 1
            and weight > 1
            and _short(words[last:])
            and not _SENTENCE_END.search(text)
        )
        runs.append(
            Run(
                first,
                last,
                weight,
                at_start=number == 0 and weight > 1 and _short(words[:first]),
                at_end=closes,
                floor=spans[number - 1][1] if number else 0,
                ceiling=spans[number + 1][0] if number + 1 < len(spans) else len(words),
            )
        )
    return runs


def _bridges(gap: Sequence[str]) -> bool:
    """Whether English-looking words may sit inside a recitation ("yo mam sa me", "karma")."""
    longest = max(len(word) for word in gap)
    return len(gap) == 1 or (len(gap) == 2 and longest <= 5) or (len(gap) <= 4 and longest <= 3)


def _weight(word: str) -> int:
    """A long word heard joined ("dvandvamohanirmukta") counts as the words it holds."""
    return 1 + len(word) // 12


def _short(words: Sequence[str]) -> bool:
    """Whether words between a run and its segment's edge may belong to the recitation."""
    return len(words) <= 2 and all(len(word) <= 5 for word in words)


def group_runs(
    texts: Sequence[str], runs: Sequence[list[Run]], *, min_words: int
) -> list[list[tuple[int, Run]]]:
    """Runs to match, a run at a segment's end joined to one opening the next segment."""
    chunks: list[list[tuple[int, Run]]] = []
    pending: list[tuple[int, Run]] = []
    for segment, segment_runs in enumerate(runs):
        for run in segment_runs:
            joins = bool(pending) and run.at_start and pending[-1][0] == segment - 1
            if pending and not joins:
                chunks.append(pending)
                pending = []
            pending.append((segment, run))
            if not run.at_end:
                chunks.append(pending)
                pending = []
    if pending:
        chunks.append(pending)
    return [chunk for chunk in chunks if sum(run.foreign for _, run in chunk) >= min_words]


def chunk_tokens(
    texts: Sequence[str], chunk: list[tuple[int, Run]], is_foreign: Callable[[str], bool]
) -> list[Token]:
    """The chunk's words with their keys, `_MARGIN` words added at either end."""
    tokens: list[Token] = []
    pause_before = False  # punctuation closing the previous segment ("Cekitāna, / Kāśirāja")
    for number, (segment, run) in enumerate(chunk):
        matches = list(_WORD.finditer(texts[segment]))
        first = max(run.floor, run.first - _MARGIN) if number == 0 else 0
        last = min(run.ceiling, run.last + _MARGIN) if number == len(chunk) - 1 else len(matches)
        text = texts[segment]
        previous = matches[first - 1].end() if first > 0 else 0
        line = text.count("\n", 0, previous)
        for match in matches[first:last]:
            word = match.group()
            line += text.count("\n", previous, match.start())  # words hold no line breaks
            pause = _PUNCTUATION.search(text, previous, match.start()) is not None
            pause = pause or (pause_before and previous == 0)
            previous = match.end()
            tokens.append(
                Token(
                    segment,
                    line,
                    match.start(),
                    match.end(),
                    word_key(word),
                    foreign=(foreign := is_foreign(word)),
                    weight=_weight(word) if foreign else 0,
                    after_punctuation=pause,
                )
            )
        pause_before = _PUNCTUATION.search(text, previous) is not None
    return tokens


def _joined(tokens: Sequence[Token], first: int, last: int) -> str:
    return "".join(token.key for token in tokens[first:last])


def find_matches(
    index: VerseIndex, tokens: list[Token], *, min_words: int, floor: float
) -> list[Match]:
    """The verses recited in the tokens, left to right, at most `_MAX_MATCHES`."""
    found: list[Match] = []
    pending = [(0, len(tokens))]
    while pending and len(found) < _MAX_MATCHES:
        first, last = pending.pop()
        if sum(token.weight for token in tokens[first:last]) < min_words:
            continue
        match = _best_match(index, tokens, first, last, floor=floor)
        if match is None:
            continue
        found.append(match)
        pending.extend([(first, match.first), (match.last, last)])
    return sorted(found, key=lambda match: match.first)


def _best_match(
    index: VerseIndex, tokens: list[Token], first: int, last: int, *, floor: float
) -> Match | None:
    """The verse the tokens recite best, if any: candidates by n-grams, ranked by a rough
    alignment, then only the best one fitted word by word."""
    query = _joined(tokens, first, last)
    if len(query) < _MIN_KEY:
        return None
    ranked = [
        (item.align(query), number, item)
        for number, item in enumerate(
            index.matcher.candidates(query, limit=_CANDIDATES, min_share=_MIN_SHARE)
        )
    ]
    if not ranked:
        return None
    rough, _, item = max(ranked, key=lambda entry: (entry[0].gain, -entry[1]))
    if rough.score < _MIN_ROUGH:
        return None  # names and terms in English prose end here, cheaply
    match = _fit(item, tokens, first, last)
    if match is None or match.confidence < floor:
        return None
    return match


def _fit(item: IndexedVerse, tokens: list[Token], first: int, last: int) -> Match | None:
    """The span of tokens that best recites `item`, trimmed word by word from both ends."""
    query = _joined(tokens, first, last)
    if len(query) > _LONGER * len(item.key):  # a verse amid other words: cut to the verse
        first, last = _narrow(tokens, first, last, item.align(query))
    alignment = item.fit(_joined(tokens, first, last))
    value = alignment.gain - _unexplained(item, alignment, tokens, first, last)
    while last - first > 1:
        best: tuple[float, Alignment, int, int] | None = None
        for a, b in ((first + 1, last), (first, last - 1), (first + 2, last), (first, last - 2)):
            if b - a < 1:
                continue
            trial = item.fit(_joined(tokens, a, b))
            trial_value = trial.gain - _unexplained(item, trial, tokens, a, b)
            if trial_value > value and (best is None or trial_value > best[0]):
                best = (trial_value, trial, a, b)
        if best is None:
            break
        value, alignment, first, last = best
    while last - first > 1:  # an edge word unlike the verse's edge words is a neighbour
        words = _window_words(item, alignment)  # ("and", "says", "arjuna"), not the verse
        if not words:
            break
        window = item.key[alignment.verse_start : alignment.verse_end]
        if _edge_unlike(tokens[first], tokens[first + 1].key, words[:2], window, before=False):
            first += 1
        elif _edge_unlike(tokens[last - 1], tokens[last - 2].key, words[-2:], window, before=True):
            last -= 1
        else:
            break
        alignment = item.fit(_joined(tokens, first, last))
    length = len(_joined(tokens, first, last))
    if alignment.score < _MIN_SCORE or length < _MIN_KEY:
        return None
    covered = (alignment.verse_end - alignment.verse_start) / max(1, len(item.key))
    confidence = alignment.score * min(1.0, max(length / _FULL_KEY, 0.9 * covered))
    for token in tokens[first + 1 : last]:
        if token.after_punctuation:
            confidence *= 0.8  # prose lists names with commas; a recitation rarely pauses so
    confidence *= 0.85 ** _unexplained_count(item, alignment, tokens, first, last)
    confidence *= _repetition_penalty(item, alignment, tokens, first, last)
    return Match(item, alignment, first, last, round(confidence, 3))


def _unexplained_count(
    item: IndexedVerse, alignment: Alignment, tokens: list[Token], first: int, last: int
) -> int:
    """English-looking words of 3+ letters in the span like no word of the verse window."""
    words = _window_words(item, alignment)
    return sum(
        1
        for token in tokens[first:last]
        if not token.foreign
        and len(token.key) >= 3
        and all(_likeness(token.key, word) < _EDGE for word in words)
    )


def _repetition_penalty(
    item: IndexedVerse, alignment: Alignment, tokens: list[Token], first: int, last: int
) -> float:
    """Below 1 when the words repeat more than the verse's do ("atman atman atman atman")."""
    keys = [token.key for token in tokens[first:last] if len(token.key) >= 4]
    words = [word for word in _window_words(item, alignment) if len(word) >= 4]
    if len(keys) < 2:  # (short words repeat when a long one is heard split: "man mana")
        return 1.0
    heard = len(set(keys)) / len(keys)
    verse = len(set(words)) / len(words) if words else 1.0
    return min(1.0, heard / verse)


def _window_words(item: IndexedVerse, alignment: Alignment) -> list[str]:
    first, last = item.word_range(alignment.verse_start, alignment.verse_end)
    return [word.key for word in item.words[first:last]]


def _edge_unlike(
    token: Token, neighbour: str, words: list[str], window: str, *, before: bool
) -> bool:
    """Whether a word at the edge of a recitation is unlike the verse text it faces.

    `neighbour` is the key of the next word inwards, `words` the one or two verse words at
    that edge (in text order) and `window` the verse key there, so that words heard split
    ("man mana") or joined ("tatkimkarmanighore") still compare.
    """
    edge = words[-1] if before else words[0]
    size = len(token.key)
    facing = window[-size:] if before else window[:size]
    candidates = [edge, "".join(words), facing]
    likeness = max(_likeness(token.key, other) for other in candidates)
    if len(neighbour) <= 4:
        joined = neighbour + token.key if before else token.key + neighbour
        likeness = max(likeness, _likeness(joined, edge))
    return likeness < (_EDGE_SANSKRIT if token.foreign else _EDGE)


def _likeness(key: str, other: str) -> float:
    return float(Indel.normalized_similarity(key, other))


def _unexplained(
    item: IndexedVerse, alignment: Alignment, tokens: list[Token], first: int, last: int
) -> float:
    """A cost for English words the verse does not explain, so that trimming drops them."""
    return 3.0 * _unexplained_count(item, alignment, tokens, first, last)


def _narrow(tokens: list[Token], first: int, last: int, alignment: Alignment) -> tuple[int, int]:
    """Drop the tokens wholly outside the query window of a rough alignment."""
    offset = 0
    start, end = first, last
    for position in range(first, last):
        size = len(tokens[position].key)
        if offset + size <= alignment.query_start:
            start = position + 1
        if offset >= alignment.query_end and end == last:
            end = position
        offset += size
    return (start, end) if start < end else (first, last)


def restorations(
    match: Match,
    tokens: list[Token],
    *,
    style: HouseStyle,
    compounds_as_heard: bool = False,
    printed: Callable[[str], str] | None = None,
    ends_at_pause: bool = False,
) -> list[tuple[int, int, int, str]]:
    """(segment, start, end, canonical text in the house style) for each segment line the
    recitation touches; with `compounds_as_heard`, a compound heard as several words is
    hyphenated, and one heard as a word is written as `printed` gives it; with
    `ends_at_pause` (punctuation after it), a quotation stopping inside a verse line ends on
    a pausal form."""
    item = match.item
    query = _joined(tokens, match.first, match.last)
    window = item.key[match.alignment.verse_start : match.alignment.verse_end]
    parts: list[tuple[int, int]] = []  # token ranges per segment line
    for position in range(match.first, match.last):
        here = tokens[position]
        if parts and (tokens[parts[-1][0]].segment, tokens[parts[-1][0]].line) == (
            here.segment,
            here.line,
        ):
            parts[-1] = (parts[-1][0], position + 1)
        else:
            parts.append((position, position + 1))
    first_word, last_word = item.word_range(match.alignment.verse_start, match.alignment.verse_end)
    bounds = [first_word]
    offset = 0
    for start, end in parts[:-1]:
        offset += len(_joined(tokens, start, end))
        mapped = match.alignment.verse_start + _map_position(query, window, offset)
        word = item.word_range(mapped, mapped)[0]
        if tokens[end].segment != tokens[start].segment:
            word = _cue_boundary(item, tokens, end, word)
        bounds.append(min(max(word, bounds[-1]), last_word))
    bounds.append(last_word)
    restored = []
    for (start, end), word_first, word_last in zip(parts, bounds, bounds[1:], strict=False):
        if compounds_as_heard:
            heard = _heard_words(match, tokens, start, end, query, window)
            text = _DANDAS.sub(" ", _as_heard(item, word_first, word_last, heard, printed))
        else:
            text = _DANDAS.sub(" ", item.text(word_first, word_last))
        if ends_at_pause and end == match.last and _stops_inside_a_line(item, last_word):
            text = _pausal_end(text, tokens[end - 1].key)
        text = style.verse(text)
        if text:
            restored.append((tokens[start].segment, tokens[start].start, tokens[end - 1].end, text))
    return restored


def ends_at_pause(texts: Sequence[str], tokens: Sequence[Token], match: Match) -> bool:
    """True if punctuation follows the recitation's last word in its segment ("vedya.")."""
    last = tokens[match.last - 1]
    return _PAUSE_AFTER.match(texts[last.segment], last.end) is not None


def _stops_inside_a_line(item: IndexedVerse, last_word: int) -> bool:
    """True when a quotation ending before word `last_word` stops where no daṇḍa is."""
    return 0 < last_word < len(item.words) and last_word not in item.breaks


def _pausal_end(text: str, heard_key: str) -> str:
    """`text` with its last word in pausal form (core.knowledge.pausal)."""
    head, _, last = text.rstrip().rpartition(" ")
    ended = pausal(last, heard_key)
    return f"{head} {ended}" if head else ended


def _heard_words(
    match: Match, tokens: list[Token], start: int, end: int, query: str, window: str
) -> dict[int, list[str]]:
    """For each verse word, the keys of the heard tokens [start, end) that begin in it."""
    item = match.item
    offset = len(_joined(tokens, match.first, start))
    heard: dict[int, list[str]] = {}
    for position in range(start, end):
        mapped = match.alignment.verse_start + _map_position(query, window, offset)
        heard.setdefault(bisect_right(item.offsets, mapped) - 1, []).append(tokens[position].key)
        offset += len(tokens[position].key)
    return heard


def _as_heard(
    item: IndexedVerse,
    first: int,
    last: int,
    heard: dict[int, list[str]],
    printed: Callable[[str], str] | None,
) -> str:
    """The canonical text of words [first, last), each compound heard as several words
    hyphenated where they meet, and one heard as a word as `printed` writes it
    (core.knowledge.verse_hyphens)."""
    text = item.text(first, last)
    if first >= last:
        return text
    base = item.words[first].start
    for number in range(last - 1, first - 1, -1):
        keys = heard.get(number, [])
        span = item.words[number]
        word = item.verse.iast[span.start : span.end]
        if len(keys) >= 2:
            cut = hyphenate(word, keys)
            if printed is not None:  # dvandvamoha-nirmuktā: each heard word as printed
                cut = "-".join(printed(piece) for piece in cut.split("-"))
        elif printed is not None:
            cut = printed(word)
        else:
            continue
        text = text[: span.start - base] + cut + text[span.end - base :]
    return text


def _cue_boundary(item: IndexedVerse, tokens: list[Token], first: int, word: int) -> int:
    """The verse word a cue opening with token `first` begins at, `word` by the alignment:
    where the words either side were heard as the verse has them; else where the cue's
    first word (or the last word before it) is exactly the verse word beside `word` (a
    short word the alignment put on the other side); else a daṇḍa near by, where a
    recitation's cues tend to end, unless that would move a word heard exactly as the
    verse has it to the other cue ("nava-yauvanaṃ | ca vedeṣu": the cue opens with "ca",
    though the daṇḍa follows it)."""
    for near in (word, word - 1, word + 1):
        if _heard_at(item, tokens, first, near):
            return near
    words = item.words
    opening, closing = tokens[first].key, tokens[first - 1].key
    if 0 < word < len(words) and opening == words[word - 1].key != words[word].key:
        return word - 1
    if 0 < word < len(words) - 1 and closing == words[word].key != words[word - 1].key:
        return word + 1
    near = _near_break(item, word)
    if near == word + 1 and opening == words[word].key:
        return word  # the cue opens with the verse word itself: the daṇḍa comes after it
    if near == word - 1 and closing == words[word - 1].key:
        return word
    return near


def _near_break(item: IndexedVerse, word: int) -> int:
    """A word boundary one word away from `word` that falls on a daṇḍa, else `word` itself."""
    for candidate in (word, word - 1, word + 1):
        if candidate in item.breaks:
            return candidate
    return word


def _heard_at(item: IndexedVerse, tokens: list[Token], first: int, word: int) -> bool:
    """True when the words either side of a cue break were heard exactly as the verse has
    them either side of `word`: a sure boundary (a quotation cut anywhere by the cues)."""
    if not 0 < word < len(item.words) or first == 0:
        return False
    return (
        tokens[first - 1].key == item.words[word - 1].key
        and tokens[first].key == item.words[word].key
    )


def _map_position(source: str, dest: str, position: int) -> int:
    """Where a position of `source` falls in `dest` under their best alignment."""
    for op in Indel.opcodes(source, dest):
        if op.src_start <= position < op.src_end:
            if op.tag == "equal":
                return op.dest_start + position - op.src_start
            return op.dest_start
    return len(dest)
