"""Every span of a corrected transcript a reviewer should decide, in cue order.

Two sources: what the stages themselves were unsure of (a word that looked Sanskrit but
matched nothing, a match below the confidence a change needs, a verse recognised but not
restored), moved to where it stands in the output; and what `Reviewer` finds reading the
output again. Where both flag a span, their candidates are pooled.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.engine import STAGE_ORDER, ProcessResult, Resources
from core.review.items import Candidate, Uncertain, cased, keep, ranked
from core.transcript.edits import Correction, Finding

_EMITTED_BY = {"uncertain": "terms", "verse": "verses"}


def find_uncertain(result: ProcessResult, resources: Resources) -> list[Uncertain]:
    """The uncertain spans of `result`'s output, sorted, none overlapping another."""
    texts = result.transcript.texts
    items = [*_from_stages(result, texts)]
    reviewer = resources.reviewer()
    items.extend(
        Uncertain(segment, suspect.start, suspect.end, text[suspect.start : suspect.end],
                  suspect.candidates, suspect.reason)
        for segment, text in enumerate(texts, 1)
        for suspect in reviewer.suspects(text)
    )  # fmt: skip
    return _merged(sorted(items, key=lambda item: (item.segment, item.start, -item.end)))


def _from_stages(result: ProcessResult, texts: Sequence[str]) -> list[Uncertain]:
    items: list[Uncertain] = []
    for finding in result.findings:
        if finding.kind not in _EMITTED_BY or finding.end <= finding.start:
            continue
        if finding.kind == "verse" and finding.restored:
            continue
        if not 1 <= finding.segment <= len(texts):
            continue
        span = span_after(finding, result.corrections)
        text = texts[finding.segment - 1]
        if span is None or not 0 <= span[0] < span[1] <= len(text):
            continue
        heard = text[span[0] : span[1]]
        if finding.kind == "verse":
            proposed = Candidate(finding.detail, finding.confidence, f"verse:{finding.ref}")
            reason = f"partly recognised verse {finding.ref} ({finding.confidence:.2f})"
        elif finding.ref:
            proposed = Candidate(
                cased(finding.detail, heard), finding.confidence, f"lexicon:{finding.ref}"
            )
            reason = f"a doubtful match ({finding.confidence:.2f}) not applied"
        else:
            continue  # an unknown word: the reviewer's reading finds its candidates
        items.append(Uncertain(finding.segment, *span, heard, (proposed, keep(heard)), reason))
    return items


def span_after(finding: Finding, corrections: Sequence[Correction]) -> tuple[int, int] | None:
    """The finding's span in the final text: moved by the edits of its own stage and every
    later one; None when an edit straddles it (the span is gone)."""
    start, end = finding.start, finding.end
    order = (*STAGE_ORDER, "model")
    first = order.index(_EMITTED_BY[finding.kind])
    for stage in order[first:]:
        shift_start = shift_end = 0
        for correction in corrections:
            if correction.stage != stage or correction.segment != finding.segment:
                continue
            delta = len(correction.after) - len(correction.before)
            if correction.end <= start:
                shift_start += delta
                shift_end += delta
            elif correction.start >= end:
                continue
            else:
                return None  # the span itself was rewritten: it is no longer uncertain
        start, end = start + shift_start, end + shift_end
    return start, end


def _merged(items: list[Uncertain]) -> list[Uncertain]:
    """The first of overlapping items (the longest at a start) keeps the span; candidates of
    an item on exactly the same span join its own."""
    kept: list[Uncertain] = []
    for item in items:
        if kept and kept[-1].segment == item.segment and item.start < kept[-1].end:
            last = kept[-1]
            if (item.start, item.end) == (last.start, last.end):
                pooled = ranked([*last.candidates, *item.candidates])
                kept[-1] = Uncertain(
                    last.segment, last.start, last.end, last.text, pooled, last.reason
                )
            continue
        kept.append(item)
    return kept
