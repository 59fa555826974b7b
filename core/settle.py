"""The settle pass: the rules run once more where the first pass was at work, so that
processing an output again changes (almost) nothing.

One pass can leave work a second pass finds: a verse restored in part makes the rest of it
recognisable, and a word settled beside a doubtful one can settle that one too. The settle
pass runs the verses and terms stages over the segments the first pass restored a verse
in, had a finding in or wrote a quotation in, and the cues beside them, shown with their
own neighbours (a stage reads a cue's neighbours: a verse runs on, a sentence starts);
every other segment is blanked, so that no two far-apart cues meet. What it changed is
recorded as one correction per segment (stage "settle"), indexing the first pass's output.
A segment where the terms stage rejoined a word heard in pieces, or cut one heard joined
into members, is looked at again too ("ga rbodaka shayi": Garbhodaka, then the phrase
Garbhodaka-śāyī); other segments the terms stage changed are not: a pass over every one
of them took 0.75 s instead of 0.50 s on 20,000 cues, for the few segments in ten
thousand it adds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from core.knowledge.lexicon import has_iast_marks
from core.pipeline import PipelineResult, Stage, run_pipeline
from core.transcript.edits import Correction, by_segment_of

SETTLE = "settle"
SETTLING = frozenset({"verses", "terms"})
"""The stages the settle pass runs again: each reads what the other wrote (a verse restored
in part, a word settled beside a doubtful one). Fillers, stutters and references are read
from the words as heard, which those two only write in IAST: running normalize and numbers
again changed nothing on any dev fold, and cost a third of the pass."""


def settle(
    first: PipelineResult,
    stages: Sequence[Stage],
    *,
    should_stop: Callable[[], bool] | None = None,
) -> PipelineResult:
    """`first` with the settle pass's changes added (the same result when it has none)."""
    texts = first.transcript.texts
    worked = _worked_on(first, len(texts))
    if not worked:
        return first
    shown = worked | {position + step for position in worked for step in (-1, 1)}
    masked = [text if position in shown else "" for position, text in enumerate(texts, 1)]
    settling = [stage for stage in stages if stage.name in SETTLING]
    again = run_pipeline(first.transcript.with_texts(masked), settling, should_stop=should_stop)
    settled = list(texts)
    corrections: list[Correction] = []
    made, again_texts = by_segment_of(again.corrections), again.transcript.texts
    for position in sorted(worked):
        before, after = texts[position - 1], again_texts[position - 1]
        if after == before:
            continue
        corrections.append(_whole_change(position, before, after, made.get(position, [])))
        settled[position - 1] = after
    if not corrections:
        return first
    # A verse only the settle pass restored: its id belongs in the summary. (Its other
    # findings index the settle pass's input, which no later step reads them against.)
    known = {(f.segment, f.ref) for f in first.findings if f.kind == "verse"}
    changed = {correction.segment for correction in corrections}
    completed = [
        finding
        for finding in again.findings
        if finding.kind == "verse"
        and finding.restored
        and finding.segment in changed
        and (finding.segment, finding.ref) not in known
    ]
    return PipelineResult(
        transcript=first.transcript.with_texts(settled),
        corrections=[*first.corrections, *corrections],
        findings=[*first.findings, *completed],
        elapsed_ms=first.elapsed_ms + again.elapsed_ms,
        stage_ms={**first.stage_ms, SETTLE: again.elapsed_ms},
    )


def _worked_on(first: PipelineResult, segments: int) -> set[int]:
    """Segments the first pass restored a verse in or had a finding in (a word it was unsure
    of, a verse it recognised), and the cues beside them (a recitation may run over two);
    and those where it wrote a quotation or rejoined a split word."""
    found = {finding.segment for finding in first.findings}
    verses = {c.segment for c in first.corrections if c.stage == "verses"}
    beside = {p + step for p in found | verses for step in (-1, 1)}
    worked = verses | found | beside | _quoting(first) | _rejoined(first)
    return {p for p in worked if 1 <= p <= segments}


def _rejoined(first: PipelineResult) -> set[int]:
    """Segments where the terms stage joined a word the ASR heard split ("ga rbodaka":
    Garbhodaka) or cut one it heard joined into members ("pachoguru": paco-guru): the
    word may now be part of a phrase ("Garbhodaka shayi": Garbhodaka-śāyī; "sva
    paco-guru": śva-paco-guru) it was not while it was heard so."""
    return {
        correction.segment
        for correction in first.corrections
        if correction.stage == "terms"
        and " " not in correction.after
        and (" " in correction.before.strip()) != ("-" in correction.after)
    }


def _quoting(first: PipelineResult) -> set[int]:
    """Segments where the terms stage wrote Sanskrit words of a quotation, which may now be
    recognisable as the verse they are from ("bhutvabutva praliyate": bhūtvā-bhūtvā
    pralīyate, BG 8.19): three words with diacritics, one of them in lower case (a verse
    opening on a name: "Īśvaraḥ paraṃ Kṛṣṇa", BS 5.1), or two in lower case, or a compound
    of them. Names alone, capitalised ("Dhṛṣṭaketu, Cekitāna"), are no quotation."""
    marked: Counter[int] = Counter()
    lower: Counter[int] = Counter()
    for correction in first.corrections:
        after = correction.after
        if correction.stage == "terms" and has_iast_marks(after):
            weight = 2 if "-" in after or " " in after else 1
            marked[correction.segment] += weight
            lower[correction.segment] += weight if after[:1].islower() else 0
    return {
        segment
        for segment, count in marked.items()
        if lower[segment] >= 2 or (lower[segment] and count >= 3)
    }


def _whole_change(segment: int, before: str, after: str, made: Sequence[Correction]) -> Correction:
    """One correction from `before` to `after`: the words that differ, whole."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    tail = 0
    while tail < limit - start and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    while start > 0 and not before[start - 1].isspace():
        start -= 1
    end_before, end_after = len(before) - tail, len(after) - tail
    while end_before < len(before) and not before[end_before].isspace():
        end_before += 1
        end_after += 1
    sources = dict.fromkeys(c.source for c in made)
    return Correction(
        segment=segment,
        start=start,
        end=end_before,
        before=before[start:end_before],
        after=after[start:end_after],
        stage=SETTLE,
        source=" + ".join(sources) or SETTLE,
        confidence=min((c.confidence for c in made), default=1.0),
    )
