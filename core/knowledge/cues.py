"""Homographs read by the words around them: the neighbour that says which word was meant.

A few heard words are two words at once, and the lexicon alone must pick one: "sama" is
śama (calm) in a list of virtues but Sāma in a list of Vedas; "on" is English, except in
"the syllable on", where a recogniser wrote oṃ as the nearest English word (as it writes
"creation" for Kṛṣṇa before "consciousness", "Peter" for Gītā after "Bhagavad");
"vasudeva" is Vāsudeva (Kṛṣṇa) unless it names His father. Each cue here is one such reading and the
neighbouring words (folded to ASCII) that select it. The table is written for the project
from common knowledge of the subject, not taken from an evaluation set.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

__all__ = [
    "CUES",
    "ENGLISH_FOR_TERMS",
    "HEARD",
    "NOT_BEFORE_A_NAME",
    "NOUNS_AFTER_AN_ADJECTIVE",
    "Cue",
    "cue_for",
]


@dataclass(frozen=True, slots=True)
class Cue:
    """`heard` is read as `iast` (of `kind`) when a word of `near` is within `window` words
    (only before it when `before_only`; only right after it when `after_only`), the word
    after it is none of `not_before` (unless punctuation ends the clause between them), and
    the word two before it none of `not_after_next` ("the Lord creation" is the Lord's
    creation heard without its 's), and the word right before it none of `not_after`; with
    `at_pause`, only where punctuation follows it."""

    heard: frozenset[str]
    iast: str
    kind: str
    near: frozenset[str]
    window: int = 1
    before_only: bool = False
    after_only: bool = False
    not_before: frozenset[str] = frozenset()
    not_after_next: frozenset[str] = frozenset()
    not_after: frozenset[str] = frozenset()
    at_pause: bool = False

    def selects(
        self, words: Sequence[AbstractSet[str]], i: int, *, pause_after: bool = False
    ) -> bool:
        """True if the words around position `i` select this reading; each position holds
        the ways its word reads, folded (as heard, as decided); `pause_after`: punctuation
        follows the word."""
        if self.at_pause and not pause_after:
            return False
        if not pause_after and i + 1 < len(words) and not self.not_before.isdisjoint(words[i + 1]):
            return False
        if i >= 2 and not self.not_after_next.isdisjoint(words[i - 2]):
            return False
        if i >= 1 and not self.not_after.isdisjoint(words[i - 1]):
            return False
        first = i if self.after_only else max(0, i - self.window)
        last = i if self.before_only else min(len(words) - 1, i + self.window)
        return any(not self.near.isdisjoint(words[j]) for j in range(first, last + 1) if j != i)


_VEDAS = frozenset({"rg", "rig", "rik", "sama", "saama", "yajur", "yajus", "atharva"})
_OBJECT_OPENERS = frozenset(
    {"a", "an", "the", "this", "that", "these", "those", "which", "whom", "each", "every",
     "its", "it", "their", "his", "her", "our", "your", "my", "one", "both", "all"}
)  # fmt: skip

_ON_THE_SOUND = frozenset(
    {"sound", "sounds", "contains", "containing", "chant", "chanting", "chanted", "utter",
     "uttering", "uttered", "pranava", "mantra", "mantras", "brahman", "omkara", "vibration"}
)  # fmt: skip
"""Words near which "on" closing a clause is the sacred syllable oṃ."""
_ON_AS_AN_ADVERB = frozenset(
    {"so", "and", "later", "go", "goes", "going", "went", "gone", "carry", "carries",
     "carried", "carrying", "then", "now", "from", "come", "comes", "came", "hold", "holds",
     "keep", "keeps", "kept", "move", "moves", "moved", "moving", "turn", "turned", "switched",
     "put", "based", "depends", "focus", "insist", "insists", "passed", "pass", "passes",
     "live", "lives", "lived", "sit", "sat", "get", "gets", "got", "take", "takes", "took",
     "early", "further", "onward", "head", "hang", "catch", "caught", "draw", "drawn"}
)  # fmt: skip
"""Words after which "on" closing a clause is the English adverb ("and so on.")."""
_BEFORE_THE_ABSOLUTE = frozenset(
    {"of", "in", "into", "to", "unto", "with", "about", "as", "is", "impersonal", "supreme",
     "spiritual", "eternal", "transcendental", "absolute", "nirguna", "saguna", "para",
     "param", "parama", "great", "all-pervading"}
)  # fmt: skip
"""Words right before Brahman the Absolute ("a realization of Brahman", "an impersonal
Brahman")."""
_AFTER_THE_ABSOLUTE = frozenset(
    {"realization", "realized", "effulgence", "platform", "jyoti", "jyotir", "conception",
     "understanding", "feature", "aspect", "bhuta", "sutra", "samhita", "nirvana"}
)  # fmt: skip
"""Words after Brahman the Absolute ("a Brahman realization")."""
_KRSNA_HEARD = frozenset({"creation", "christian", "krishan", "kristen"})
"""What a recogniser writes for Kṛṣṇa: English words, and the name half-heard."""
_KRSNA_TALK = frozenset(
    {"arjuna", "arjun", "lord", "godhead", "supreme", "devotee", "devotees", "devotional",
     "gita", "krsna", "partha", "kuruksetra", "vrndavana", "bhakti", "surrender", "unto"}
)  # fmt: skip
"""Words of a lecture on Kṛṣṇa near which "Christian" standing as a name is Kṛṣṇa."""
_NAMES_AFTER_SRI = frozenset(
    {"krsna", "krishna", "caitanya", "chaitanya", "radha", "radhika", "narayana", "govinda",
     "isopanisad", "nityananda", "gauranga"}
)  # fmt: skip
"""Names "Śrī" stands before, as the terms stage reads them (folded, as heard or decided):
none a lecture counts ("three Viṣṇus", "three Rāmas" read as the name)."""
NOT_BEFORE_A_NAME = frozenset(
    "a an the this that these those his her its our their your my no such every any whole "
    "entire material cosmic new own not am is are was were be been being become became as true "
    "good devout great".split()
)
"""Words before an English word a recogniser writes for a name that make it the English word
("a Christian", "is not Christian", "the material creation")."""
NOUNS_AFTER_AN_ADJECTIVE = frozenset(
    "church churches religion religions faith bible priest priests missionary missionaries "
    "world era saint saints god theology theologians tradition scriptures community people "
    "doctrine philosophy myth story stories".split()
)
"""Nouns after such a word that make it an adjective ("Christian religion")."""
_FAITHS = frozenset("and or hindu hindus muslim muslims jew jews buddhist buddhists".split())
"""Beside "Christian", words that name it among faiths ("Hindu and Christian")."""

CUES: tuple[Cue, ...] = (
    # "the syllable on." / "the syllable on in the mantras", not "the syllable on which..."
    Cue(frozenset({"on", "om", "aum"}), "oṃ", "term",
        frozenset({"syllable", "syllables", "vibrate", "vibrating", "vibrated"}),
        before_only=True, not_before=_OBJECT_OPENERS),
    # "the impersonal sound of Kṛṣṇa is on,", "Hare Kṛṣṇa contains on.", "on – is Brahman":
    # "on" ending a clause, with no object, among words on the sacred sound; not the English
    # adverb ("and so on.", "later on,", "go on.")
    Cue(frozenset({"on"}), "oṃ", "term", _ON_THE_SOUND, window=4, at_pause=True,
        not_after=_ON_AS_AN_ADVERB),
    # the Vedas named together: "Ṛg, Sāma and Yajur", "the rig, the sama and ..."
    Cue(frozenset({"sama", "saama"}), "Sāma", "name", _VEDAS, window=3),
    Cue(frozenset({"rig", "rik", "rg"}), "Ṛg", "name", _VEDAS, window=3),
    # Kṛṣṇa's father and Devakī's husband, not Vāsudeva (Kṛṣṇa Himself)
    Cue(frozenset({"vasudeva", "vasudev"}), "Vasudeva", "name",
        frozenset({"father", "devaki", "husband"}), window=3),
    # the title as recognisers hear it: "Bhagwat Gita", "Bagavat Gita", "Vagant Gita"
    Cue(frozenset({"bhagwat", "bhagwad", "bhagvat", "bhagvad", "bhagawat", "bhagavat", "bagwat",
                   "bagwad", "bagavat", "bagavad", "bagvad", "vagant", "vagavad"}),
        "Bhagavad", "work", frozenset({"gita", "geeta", "gitaa", "geetaa", "geetha"}),
        after_only=True),
    # the words a recogniser writes for Kṛṣṇa and Gītā where a lecture's set phrases say
    # which was meant: "Kṛṣṇa consciousness", "the Bhagavad Gītā", "Gītā chapter 4"
    Cue(_KRSNA_HEARD, "Kṛṣṇa", "deity",
        frozenset({"consciousness", "conscious"}), after_only=True),
    Cue(_KRSNA_HEARD, "Kṛṣṇa", "deity",
        frozenset({"lord"}), before_only=True, not_after_next=frozenset({"the", "his", "our"})),
    # the mahā-mantra: "Hare Kṛṣṇa, Hare Kṛṣṇa ... Hare Rāma, Rāma Rāma"; Lord Rāma heard the
    # Hindi way ("Lord Ram", "Shri Ram"), not a ram
    Cue(_KRSNA_HEARD, "Kṛṣṇa", "deity",
        frozenset({"hare"}), before_only=True),
    # "Christian wanted him to fight": a name among the words of a lecture on Kṛṣṇa, not
    # "a Christian", "Christian priests", "Hindu and Christian"
    Cue(frozenset({"christian"}), "Kṛṣṇa", "deity", _KRSNA_TALK, window=6,
        not_before=NOUNS_AFTER_AN_ADJECTIVE | _FAITHS, not_after=NOT_BEFORE_A_NAME | _FAITHS),
    # the honorific heard as a number: "Godhead three Kṛṣṇa", "Lord three Caitanya", not
    # "the three Kṛṣṇa devotees" or "three Kṛṣṇas"
    Cue(frozenset({"three"}), "Śrī", "title", _NAMES_AFTER_SRI, after_only=True,
        not_after=frozenset({"the", "these", "those", "all", "his", "her", "their", "our"})),
    Cue(frozenset({"ram"}), "Rāma", "deity",
        frozenset({"hare", "lord", "sri", "shri", "shree", "rama", "ram", "sita"})),
    Cue(frozenset({"peter", "guitar", "geeta", "gita"}), "Gītā", "work",
        frozenset({"bhagavad", "bhagwat", "bhagwad", "bagavad", "bagavat", "chapter"})),
    # "O Bhārata" (Arjuna or Dhṛtarāṣṭra, descendants of Bharata) and Bhārata-varṣa (the land)
    Cue(frozenset({"bharata", "bharat", "barata", "barat"}), "Bhārata", "name",
        frozenset({"o"}), before_only=True),
    Cue(frozenset({"bharata", "bharat", "barata", "barat"}), "Bhārata", "name",
        frozenset({"varsa", "varsha", "warsa", "warsha", "varsh", "barsha"}), after_only=True),
    # a brāhmaṇa (a person) takes an article, and an adjective between ("a good brahman",
    # "an experienced brahman"); Brahman (the Absolute) does not ("a realization of Brahman",
    # "a Brahman-realized soul")
    Cue(frozenset({"brahman"}), "brāhmaṇa", "term", frozenset({"a", "an"}), window=2,
        before_only=True, not_after=_BEFORE_THE_ABSOLUTE, not_before=_AFTER_THE_ABSOLUTE),
    # the supreme (para) before brahman and tattva, not parā (the higher, feminine)
    Cue(frozenset({"para"}), "para", "term", frozenset({"brahman", "brahma", "tattva"}),
        after_only=True),
)  # fmt: skip


ENGLISH_FOR_TERMS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(_KRSNA_HEARD, ("Kṛṣṇa",)), "peter": ("Gītā",), "guitar": ("Gītā",),
    "brahmin": ("brāhmaṇa", "Brahman"), "brahmins": ("brāhmaṇas",),
}  # fmt: skip
"""English words a recogniser writes for a term where no neighbour says which was meant
("Christian wanted him to fight", "a Brahmin"): a reviewer is asked, nothing is changed."""


def _by_heard(cues: Sequence[Cue]) -> dict[str, tuple[Cue, ...]]:
    """Each heard word's cues, in table order (the first that selects wins)."""
    found: dict[str, tuple[Cue, ...]] = {}
    for cue in cues:
        for word in cue.heard:
            found[word] = (*found.get(word, ()), cue)
    return found


_BY_HEARD = _by_heard(CUES)
HEARD = frozenset(_BY_HEARD)
"""Words a cue may read (folded)."""
TRIGGERS = frozenset(word for cue in CUES for word in cue.near)
"""Words whose presence in a segment makes the terms stage look for a cue."""


def cue_for(
    heard: str, words: Sequence[AbstractSet[str]], i: int, *, pause_after: bool = False
) -> Cue | None:
    """The cue that reads `heard` (folded), the word at `i`, by its neighbours in `words`
    (each position: the ways its word reads, folded), if one does; `pause_after`:
    punctuation follows the word."""
    cues = _BY_HEARD.get(heard, ())
    return next((cue for cue in cues if cue.selects(words, i, pause_after=pause_after)), None)
