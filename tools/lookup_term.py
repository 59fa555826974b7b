"""Tool `lookup_term`: a Sanskrit term or verse in any spelling, with its canonical forms."""

from __future__ import annotations

from typing import Annotated

import anyio.to_thread
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import BaseModel, Field

from core.engine import Resources
from tools.context import ToolContext, app_state
from tools.results import tool_result

ANNOTATIONS = ToolAnnotations(
    title="Look up a Sanskrit term or verse",
    read_only_hint=True,
    destructive_hint=False,
    idempotent_hint=True,
    open_world_hint=False,
)


class TermMatch(BaseModel):
    iast: str = Field(description="Canonical IAST spelling to write in the transcript.")
    devanagari: str | None = Field(None, description="Devanāgarī form, when known.")
    score: float = Field(description="Match score, 0-1 (1 = exact).")
    kind: str = Field(description="Entry kind: term, name, work, place, ...")
    meaning: str | None = Field(None, description="Short English gloss, when known.")
    variants: list[str] = Field(description="Other spellings that map to this entry.")
    how: str = Field(description="How it matched: exact, asr, phonetic, fuzzy, ...")


class VerseMatch(BaseModel):
    id: str = Field(description="Verse id, e.g. 'BG 2.47'; read it as resource verse://{id}.")
    iast: str = Field(description="Canonical IAST text of the verse.")
    devanagari: str | None = Field(None, description="Devanāgarī text, when known.")
    score: float = Field(description="Match score, 0-1 (1 = the id itself was asked for).")
    matched: str | None = Field(None, description="The part of the verse the query matched.")


class LookupResult(BaseModel):
    query: str
    matches: list[TermMatch] = Field(description="Lexicon entries, best first.")
    verses: list[VerseMatch] = Field(description="Verses found by reference or by a fragment.")
    notice: str | None = Field(None, description="Why no verse search was made, if none was.")


async def lookup_term(
    query: Annotated[
        str,
        Field(
            min_length=1,
            max_length=500,
            description="A term in IAST, Harvard-Kyoto, ITRANS, Devanāgarī or an ASR spelling "
            "('krishna', 'bagavad geeta'); a verse reference as people write it ('BG 2.47', "
            "'Gita 2:47', 'bhagavad gita chapter 2 verse 47', 'Yoga Sutras 1.2', 'Katha "
            "Upanishad 1.2.23', 'Isha 1'; works:// lists the works); or a verse fragment.",
        ),
    ],
    ctx: ToolContext,
    limit: Annotated[int, Field(ge=1, le=50, description="Most matches to return.")] = 5,
) -> Annotated[CallToolResult, LookupResult]:
    """Find the canonical IAST (and Devanāgarī, meaning, variants) for a Sanskrit term, and
    verses by id or fragment. Use it before correcting a term by hand or to check a verse."""
    state = app_state(ctx)
    min_words = state.settings().verses.min_words
    # Fuzzy and verse searches are CPU work: keep them off the event loop.
    answer = await anyio.to_thread.run_sync(_lookup, state.resources, query, limit, min_words)
    return tool_result(answer, _describe(answer))


def _describe(answer: LookupResult) -> str:
    """The readable part: the best term and verse found."""
    parts = []
    if answer.matches:
        best = answer.matches[0]
        parts.append(
            f"{answer.query!r}: {best.iast} ({best.kind}, {best.how}, score {best.score})"
            + (f", and {len(answer.matches) - 1} more terms" if len(answer.matches) > 1 else "")
        )
    else:
        parts.append(f"no lexicon entry matches {answer.query!r}")
    if answer.verses:
        parts.append(
            f"verse {answer.verses[0].id}"
            + (f" and {len(answer.verses) - 1} more" if len(answer.verses) > 1 else "")
        )
    return "; ".join(parts) + "."


def _lookup(resources: Resources, query: str, limit: int, min_words: int) -> LookupResult:
    matches = [
        TermMatch(
            iast=match.entry.iast,
            devanagari=match.entry.devanagari,
            score=round(match.score, 3),
            kind=match.entry.kind,
            meaning=match.entry.meaning,
            variants=list(match.entry.variants),
            how=match.how,
        )
        for match in resources.lexicon.lookup(query, limit=limit)
    ]
    verses: list[VerseMatch] = []
    exact = resources.verses.get(query) or resources.verses.get(
        resources.works().reference(query) or ""
    )
    if exact is not None:
        verses.append(
            VerseMatch(id=exact.id, iast=exact.iast, devanagari=exact.devanagari, score=1.0)
        )
    # A single word occurs in many verses; only a phrase is worth a fragment search.
    fragment = exact is None and len(query.split()) >= min_words
    notice = None
    if exact is None and not fragment:
        notice = (
            f"a verse fragment needs at least {min_words} words (setting verses.min_words) "
            "to be searched; a reference needs a work and numbers, e.g. 'Yoga Sutra 1.2'"
        )
    for hit in resources.verses.search(query, limit=limit) if fragment else []:
        if any(seen.id == hit.verse.id for seen in verses):
            continue
        verses.append(
            VerseMatch(
                id=hit.verse.id,
                iast=hit.verse.iast,
                devanagari=hit.verse.devanagari,
                score=round(hit.score, 3),
                matched=hit.verse.iast[hit.start : hit.end],
            )
        )
    return LookupResult(query=query, matches=matches, verses=verses[:limit], notice=notice)
