"""The recogniser's errors in a share, grouped by the kind of reference word they hit.

For reading the dev share only (`python -m bench.asr --errors N`): the held-out share is
measured, never looked at.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from bench.tokens import fold_case, score_tokens

# A span of several reference tokens takes the first of these kinds among them.
KINDS = ("sanskrit", "verse", "number", "english", "other")


@dataclass(frozen=True, slots=True)
class Slip:
    """Reference tokens the recogniser wrote otherwise (or dropped, or words it added)."""

    kind: str  # one of KINDS, or "inserted" for words with no reference counterpart
    reference: str
    heard: str


def slips(tokens: Sequence[tuple[str, str]], heard: str) -> list[Slip]:
    """The differing spans of one cue, aligned as the metrics align (case folded)."""
    reference = [token for token, _ in tokens]
    hypothesis = score_tokens(heard)
    matcher = SequenceMatcher(
        None,
        [fold_case(t) for t in reference],
        [fold_case(t) for t in hypothesis],
        autojunk=False,
    )
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        kinds = {kind for _, kind in tokens[i1:i2]}
        kind = next((k for k in KINDS if k in kinds), "inserted")
        found.append(Slip(kind, " ".join(reference[i1:i2]), " ".join(hypothesis[j1:j2])))
    return found


def render(found: Iterable[Slip], limit: int) -> str:
    """Per kind: how many spans, and the `limit` most frequent (reference -> heard) pairs."""
    by_kind: dict[str, Counter[tuple[str, str]]] = {}
    for slip in found:
        by_kind.setdefault(slip.kind, Counter())[(slip.reference, slip.heard)] += 1
    lines = []
    for kind in (*KINDS, "inserted"):
        pairs = by_kind.get(kind)
        if not pairs:
            continue
        lines.append(f"{kind}: {sum(pairs.values())} error spans")
        for (reference, heard), count in pairs.most_common(limit):
            shown = f"{reference or '(nothing)'} -> {heard or '(nothing)'}"
            lines.append(f"  {count:>3} x  {shown}")
    return "\n".join(lines)
