"""Whether a word no source holds reads as Sanskrit heard without marks, or as English.

The terms stage spells such a word with marks beside Sanskrit; amid English it does so only
when the word's own letters say Sanskrit far more than English: "the word srijami", "is
called yogaroodha", "the pradhana". Its likeliest IAST spelling under the lexicon's letter
model (core.knowledge.marks) is set against the word as written under a letter model of
English words. On the dev chapters' vocabulary folds, of the words no source holds that were
left as heard amid English, 108 of the 116 whose likeliest spelling is right read as Sanskrit
by the lead below (and 50 of the 76 whose is not, wrong as heard too); no rare English word
of the Gītā purports does ("unmanifested", "transcendentally", "nescience": 0 of 27), and 3
of 400 rare words drawn from wordfreq's English list do (bhuta, and the names njuguna and
durani).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.knowledge.english import EnglishWords
from core.knowledge.marks import MarkModel

SANSKRIT_LEAD = 0.5
"""Mean log probability per letter by which the Sanskrit reading must beat the English one
(0.25 lets in 21 of the 400 rare English words; 0.75 keeps out 25 of the 116 right ones)."""
ENGLISH_LETTERS_ZIPF = 1.0
"""The English words the English letter model reads: those wordfreq finds at least this
often (Zipf scale), so that English's rarest words, often borrowed, do not teach it Sanskrit."""


def english_letter_model(english: EnglishWords) -> MarkModel:
    """The letter model of English words (about 170k of them: under a second to count)."""
    return MarkModel.of(
        word
        for word in english.zipf_by_word
        if word.isalpha() and word.isascii() and english.zipf(word) >= ENGLISH_LETTERS_ZIPF
    )


@dataclass(frozen=True, slots=True)
class LetterOdds:
    """The two letter models a word is read by."""

    sanskrit: MarkModel
    english: MarkModel

    def reads_as_sanskrit(self, word: str) -> bool:
        """True if the plain `word`'s likeliest IAST spelling is likelier, per letter, than
        the word is as English by SANSKRIT_LEAD."""
        found = self.sanskrit.spellings(word, limit=1)
        if not found:
            return False
        return found[0][1] - self.english.letters_log_probability(word) > SANSKRIT_LEAD
