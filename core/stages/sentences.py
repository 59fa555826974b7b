"""Where a sentence ends and begins in cue text: the stages that write a capital (a filler's
capital passed on, a term or a quotation opening a sentence) read it alike."""

from __future__ import annotations

import re
from collections.abc import Sequence

SENTENCE_END = frozenset(".!?…")
_CLOSERS = "\"”’')"
_OPENERS = " \t\n\"“'‘("
_CLAUSE_GAP = re.compile(r"[.!?:;“\"(\n][ \t]*\Z")


def ends_sentence(text: str) -> bool:
    """True if `text` is empty or ends a sentence (closing quotes and brackets aside)."""
    end = text.rstrip().rstrip(_CLOSERS)
    return not end or end[-1] in SENTENCE_END


def starts_sentence(text: str, start: int, *, opens_sentence: bool) -> bool:
    """True if the word at `start` begins a sentence: after . ! ? or … (opening and closing
    quotes and brackets aside: 'samādhi.” Samādhi is'), or first in a cue that
    `opens_sentence`."""
    before = text[:start].rstrip(_OPENERS).rstrip(_CLOSERS)
    return before[-1:] in SENTENCE_END if before else opens_sentence


def sentence_starts_at(texts: Sequence[str], segment: int, start: int) -> bool:
    """`starts_sentence` for the word at `start` of `texts[segment]` (0-based), the cue
    opening a sentence where it is the first or the one before ends one."""
    opens = segment == 0 or ends_sentence(texts[segment - 1])
    return starts_sentence(texts[segment], start, opens_sentence=opens)


def opens_a_line_or_clause(text: str, start: int) -> bool:
    """True if the word at `start` opens `text`, a line, a sentence, a clause after a colon
    or semicolon, or a quotation: a capital there may be due, so it says nothing of a
    recogniser's habits (the terms stage counts the capitals elsewhere)."""
    return start == 0 or _CLAUSE_GAP.search(text, max(0, start - 3), start) is not None
