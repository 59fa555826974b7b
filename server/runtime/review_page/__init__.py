"""The review page: one self-contained HTML file in which an editor sees every cue with its
changes and decides the uncertain spans, then saves the decisions for `shruti apply`.

Everything the page needs (styles, script, the transcript as JSON) is inlined: it opens
from file://, with no server and no network.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from importlib import resources
from pathlib import PurePath

from core.review import Uncertain

_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class PageCue:
    """One cue as the page shows it: the text heard and the text written."""

    position: int
    timing: str
    heard: str
    written: str


@dataclass(frozen=True, slots=True)
class Change:
    """A span of the written text that differs from what was heard (start == end: words
    removed there)."""

    start: int
    end: int
    before: str

    def as_dict(self) -> dict[str, object]:
        return {"span": [self.start, self.end], "before": self.before}


def changes(heard: str, written: str) -> list[Change]:
    """Word-level differences, as spans of `written` with the words they replaced."""
    old = list(_TOKEN.finditer(heard))
    new = list(_TOKEN.finditer(written))
    matcher = SequenceMatcher(None, [m.group() for m in old], [m.group() for m in new])
    found: list[Change] = []
    for tag, o1, o2, n1, n2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(m.group() for m in old[o1:o2])
        if n2 > n1:
            found.append(Change(new[n1].start(), new[n2 - 1].end(), before))
        else:
            at = new[n1].start() if n1 < len(new) else len(written)
            found.append(Change(at, at, before))
    return found


def render_review_page(
    source: str,
    cues: Sequence[PageCue],
    uncertain: Sequence[Uncertain],
    *,
    corrected: str | None = None,
) -> str:
    """The page's HTML for one transcript; `corrected` names the file the decisions are
    for (what `shruti apply` takes), when known."""
    by_cue: dict[int, list[dict[str, object]]] = {}
    for number, item in enumerate(uncertain):
        record = item.as_dict()
        record["id"] = number
        by_cue.setdefault(item.segment, []).append(record)
    data = {
        "source": source,
        "cues": [
            {
                "position": cue.position,
                "timing": cue.timing,
                "text": cue.written,
                "changes": [change.as_dict() for change in changes(cue.heard, cue.written)],
                "uncertain": by_cue.get(cue.position, []),
            }
            for cue in cues
        ],
        "uncertainTotal": len(uncertain),
        "corrected": corrected,
    }
    return (
        _asset("page.html")
        .replace("/*__STYLE__*/", _asset("page.css"))
        .replace("/*__SCRIPT__*/", _asset("page.js"))
        .replace("__TITLE__", _escape_html(f"Review: {PurePath(source).name or source}"))
        .replace("__DATA__", _script_json(data))
    )


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _script_json(data: object) -> str:
    """JSON safe inside a <script> element: no "</" or "<!--" can end or open anything."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _escape_html(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
