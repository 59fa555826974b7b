"""Hypothesis strategies for WebVTT files: headers, NOTE/STYLE/REGION blocks, cue ids and
settings, tags, karaoke timestamps and character references."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = st.sampled_from(
    ["krishna", "arjun", "the", "gita", "yoga", "so", "ātmā", "Kṛṣṇa", "um", "a", "chitta"]
)
MARKUP = st.sampled_from(
    [
        "<i>",
        "</i>",
        "<b>",
        "</b>",
        "<c.yellow>",
        "</c>",
        "<v Swami>",
        "</v>",
        "<00:00:01.500>",
        "&amp;",
        "&lt;",
        "&gt;",
        "&nbsp;",
        "&#233;",
        "&",
        "<",
        ">",
        "&bogus;",
    ]
)
PUNCTUATION = st.sampled_from([",", ".", "?", " ", " ", " ", "'", "-", "“"])


@st.composite
def text_line(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.one_of(WORDS, MARKUP, PUNCTUATION), min_size=1, max_size=12))
    line = "".join(pieces)
    return line if line.strip() and "-->" not in line else "word"


@st.composite
def timestamp(draw: st.DrawFn) -> str:
    ms = draw(st.integers(0, 10 * 3_600_000))
    clock = f"{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"
    hours = ms // 3_600_000
    return clock if not hours and draw(st.booleans()) else f"{hours:02d}:{clock}"


@st.composite
def cue(draw: st.DrawFn) -> list[str]:
    lines = []
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["1", "intro", "cue-7", "42 a b"])))
    settings = draw(st.sampled_from(["", " align:start position:10%", " line:0 size:80%"]))
    lines.append(f"{draw(timestamp())} --> {draw(timestamp())}{settings}")
    lines.extend(draw(st.lists(text_line(), max_size=3)))
    return lines


BLOCKS = st.one_of(
    cue(),
    cue(),
    st.just(["NOTE this was recorded live"]),
    st.just(["NOTE", "a comment", "on two lines"]),
    st.just(["STYLE", "::cue {", "  color: yellow;", "}"]),
    st.just(["REGION", "id:fred", "width:40%"]),
)


@st.composite
def vtt_file(draw: st.DrawFn) -> str:
    """A WebVTT file with at least one cue, separated by one or more (perhaps spaced) blank
    lines, with or without a final line end."""
    lines = [draw(st.sampled_from(["WEBVTT", "WEBVTT - lecture", "WEBVTT\tKind"]))]
    lines.extend(draw(st.lists(st.sampled_from(["Kind: captions", "Language: en"]), max_size=2)))
    blocks = [*draw(st.lists(BLOCKS, max_size=5)), draw(cue())]
    for block in draw(st.permutations(blocks)):
        lines.extend(draw(st.lists(st.sampled_from(["", "", "  "]), min_size=1, max_size=3)))
        lines.extend(block)
    text = "\n".join(lines)
    return text + "\n" if draw(st.booleans()) else text
