"""Words and scoring tokens shared by the golden-set builder and the metrics."""

from __future__ import annotations

import re
import unicodedata

from wordfreq import zipf_frequency

IAST_LETTERS = frozenset("āīūṛṝḷḹṅñṭḍṇśṣṃṁḥĀĪŪṚṜḶḸṄÑṬḌṆŚṢṂṀḤ")
FILLER = re.compile(r"^(?:u+m+|u+h+m*|e+r+m*|h+m+|m{2,}|h+u+h+)$", re.IGNORECASE)

# Sanskrit words rightly written without a diacritic (Bharata, not Bhārata, is a name);
# tokens with one are Sanskrit anyway.
PLAIN_SANSKRIT = frozenset(
    """
    abhimanyu arjuna avadhi bata bhagavad bhagavata bhakti bharata brahma brahman caitanya
    dharma drupada duryodhana goloka govinda guru harer hari indra janaka kapila karma
    kuru kurus mantra muni purana puranas tattva upanisad upanisads vai vasudeva veda vedanta vedas
    yad yoga yogi yuga
    """.split()
)

_POSSESSIVE = re.compile(r"['’]s$")
_EDGE_PUNCT = "\"'“”‘’()[]{}.,;:!?—–…|/"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def has_iast(word: str) -> bool:
    """True if the word carries an IAST letter with a diacritic."""
    return any(ch in IAST_LETTERS for ch in nfc(word))


def is_sanskrit_word(word: str) -> bool:
    """A reference word is Sanskrit if any hyphen part has IAST letters or is a known plain term."""
    parts = [_POSSESSIVE.sub("", part.strip(_EDGE_PUNCT)) for part in nfc(word).split("-")]
    return any(has_iast(part) or part.lower() in PLAIN_SANSKRIT for part in parts if part)


def is_english_word(word: str) -> bool:
    """Known to an English word list (wordfreq); unknown words are neither English nor scored.

    Prabhupāda sometimes spells a name without IAST ("Dhrishtadyumna"); restoring it is not
    damage, and missing it is not a term miss, so such words count for WER only.
    """
    parts = [_POSSESSIVE.sub("", part.strip(_EDGE_PUNCT)) for part in nfc(word).split("-")]
    return all(zipf_frequency(part.lower(), "en") > 0 for part in parts if part)


def score_tokens(text: str) -> list[str]:
    """Tokens compared by the metrics: split on spaces and hyphens, edge punctuation dropped.

    Diacritics are never stripped; only the two anusvāra spellings (ṃ/ṁ) count as equal,
    since that is a style setting rather than a spelling.
    """
    tokens = []
    for raw in nfc(text).replace("ṁ", "ṃ").replace("Ṁ", "Ṃ").split():
        for part in raw.split("-"):
            token = part.strip(_EDGE_PUNCT)
            if token:
                tokens.append(token)
    return tokens


def fold_case(token: str) -> str:
    return token.casefold()
