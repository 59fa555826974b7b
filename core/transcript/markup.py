"""Cue text with its markup set aside: the engine corrects words, never tags.

A WebVTT cue may carry tags (<i>, <c.yellow>, <v Speaker>, karaoke timestamps such as
<00:00:01.000>) and character references (&amp;, &lt;, &nbsp;). `unmark` takes them out,
remembering where each stood in the plain text; the stages correct the plain text; `remark`
puts every tag back beside the words it stood by and writes untouched characters exactly as
they were. Where a correction replaced words that had tags among them (a verse restored
over karaoke timestamps), those tags are spread over the new words in proportion.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

_MARKUP = re.compile(r"<[^<>\n]*>|&(?:[A-Za-z]{2,8}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "nbsp": "\u00a0", "lrm": "\u200e", "rlm": "\u200f"}
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
TAG = re.compile(r"</?\s*([A-Za-z]+)[^<>]*>")
OVERRIDE = re.compile(r"\{\\[^{}]*\}")


def visible_text(text: str) -> str:
    """The text a viewer reads of a cue that keeps its tags in its text (SubRip): tags and
    {\\...} overrides removed."""
    return OVERRIDE.sub("", TAG.sub("", text))


@dataclass(frozen=True, slots=True)
class Marked:
    """A cue's plain text; `tags` the markup before plain offset k (k = len(plain): at the
    end), `escapes` the character reference written for the plain character at k."""

    plain: str
    tags: tuple[tuple[int, str], ...] = ()
    escapes: tuple[tuple[int, str], ...] = ()

    @property
    def raw(self) -> str:
        """The cue text as it was written."""
        tags = dict(self.tags)
        body = _interleave(self.plain, 0, len(self.plain), tags, dict(self.escapes))
        return body + tags.get(len(self.plain), "")


def unmark(raw: str) -> Marked:
    """Split cue text into plain text and the markup around it."""
    if "<" not in raw and "&" not in raw:
        return Marked(raw)
    plain: list[str] = []
    tags: dict[int, str] = {}
    escapes: list[tuple[int, str]] = []
    length = cursor = 0
    for found in _MARKUP.finditer(raw):
        text = raw[cursor : found.start()]
        plain.append(text)
        length += len(text)
        cursor = found.end()
        written = found.group()
        if written.startswith("<"):
            tags[length] = tags.get(length, "") + written
            continue
        char = _character(written)
        if char is None:  # an unknown reference stays text
            plain.append(written)
            length += len(written)
        else:
            escapes.append((length, written))
            plain.append(char)
            length += 1
    plain.append(raw[cursor:])
    return Marked("".join(plain), tuple(sorted(tags.items())), tuple(escapes))


def _character(reference: str) -> str | None:
    body = reference[1:-1]
    if not body.startswith("#"):
        return _NAMED.get(body)
    code = int(body[2:], 16) if body[1:2] in "xX" else int(body[1:])
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code == 0:
        return None
    return chr(code)


def escape(text: str) -> str:
    """Plain text as WebVTT cue text: &, < and > as references."""
    if "&" not in text and "<" not in text and ">" not in text:
        return text
    return "".join(_ESCAPES.get(char, char) for char in text)


def remark(marked: Marked, text: str) -> str:
    """`text` (the corrected plain text) with the markup of `marked` put back."""
    if text == marked.plain:
        return marked.raw
    tags, escapes = dict(marked.tags), dict(marked.escapes)
    old = marked.plain
    out: list[str] = []
    for op, i1, i2, j1, j2 in _opcodes(old, text):
        if op == "equal":
            out.append(_interleave(old, i1, i2, tags, escapes))
        else:
            out.append(_spread(old, i1, i2, text[j1:j2], tags))
    out.append(tags.get(len(old), ""))
    return "".join(out)


def _interleave(
    plain: str, start: int, end: int, tags: dict[int, str], escapes: dict[int, str]
) -> str:
    """plain[start:end] as written: the tag before each character, then the character."""
    marks = sorted(k for k in {*tags, *escapes} if start <= k < end)
    if not marks:
        return plain[start:end]
    out: list[str] = []
    cursor = start
    for k in marks:
        out.append(plain[cursor:k])
        out.append(tags.get(k, ""))
        out.append(escapes.get(k, plain[k]))
        cursor = k + 1
    out.append(plain[cursor:end])
    return "".join(out)


def _spread(old: str, i1: int, i2: int, new: str, tags: dict[int, str]) -> str:
    """New words in place of old[i1:i2], with the tags that stood among the old ones placed
    at the word boundary nearest their relative position."""
    moved = sorted((k, tag) for k, tag in tags.items() if i1 <= k < i2)
    if not moved:
        return escape(new)
    boundaries = list(_boundaries(new))
    out: list[str] = []
    cursor = 0
    for k, tag in moved:
        wanted = round((k - i1) * len(new) / max(1, i2 - i1))
        at = _nearest(boundaries, wanted, floor=cursor)
        out.append(escape(new[cursor:at]))
        out.append(tag)
        cursor = at
    out.append(escape(new[cursor:]))
    return "".join(out)


def _boundaries(text: str) -> Iterator[int]:
    """Offsets where a word starts or ends, and both ends of the text."""
    yield 0
    for found in _TOKEN.finditer(text):
        if not found.group().isspace():
            yield found.start()
            yield found.end()
    yield len(text)


def _nearest(boundaries: list[int], wanted: int, *, floor: int) -> int:
    """The boundary closest to `wanted`, not before `floor` (tags keep their order)."""
    candidates = [b for b in boundaries if b >= floor] or [floor]
    index = bisect.bisect_left(candidates, wanted)
    near = candidates[max(0, index - 1) : index + 1]
    return min(near, key=lambda b: (abs(b - wanted), b))


def _opcodes(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """Differences between two texts, word by word, as character offsets."""
    old_tokens = _TOKEN.findall(old)
    new_tokens = _TOKEN.findall(new)
    old_at = _offsets(old_tokens)
    new_at = _offsets(new_tokens)
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    return [
        (op, old_at[a1], old_at[a2], new_at[b1], new_at[b2])
        for op, a1, a2, b1, b2 in matcher.get_opcodes()
    ]


def _offsets(tokens: list[str]) -> list[int]:
    offsets = [0]
    for token in tokens:
        offsets.append(offsets[-1] + len(token))
    return offsets
