"""Three more imagined ASR engines, designed from how real ones write Sanskrit in English talks.

Written without looking at the engine, and not tuned to it (issue 17): the spellings, rates
and tables come from what Whisper, YouTube's auto-captions and Zoom/Google live captions are
known to do with an Indian lecturer's Sanskrit. They are imitations, not recordings.

- WHISPER: names capitalised (and some terms: "Dharma"), aspirates and length often lost
  (bh->b, dh->d), visarga and some final vowels dropped, garbles from its language model
  ("Vagant Gita", "sonyasi", "Prampagar", "Demki"), "on" for oṃ; digits for numbers
  ("2.47"), full punctuation, recited lines written as sentences; almost no fillers.
- YOUTUBE: no punctuation at all and lower-case sentence starts (its only English-side
  behaviour: punctuation is dropped from English words too, which scoring ignores), Sanskrit
  lower-cased, and the most English substitutions ("drama" for dharma, "a man" for Bhagavān,
  "cash at rear" for kṣatriya, "Thomas" for tamas).
- ZOOM: an Indian speaker through live captions: doubled vowels ("aatma", "geeta"), w for v,
  visarga as "ha" ("namaha"), schwa deletion ("bhagwad", "devki", "arjun"), and many words
  split mid-syllable ("param aatma", "vanap rastha") or run together ("bhagavadgita").
"""

from __future__ import annotations

from bench.noise import ACCEPTANCE, COMMON_LETTERS, DEV, Choices, NoiseModel

WHISPER_MOVES = (
    ("In chapter {c}, verse {v} of the Gītā, Kṛṣṇa says,", "chapter {c}, verse {v}"),
    ("This is Bhagavad Gītā {c.v}.", "{c}.{v}"),
    ("Let us read verse {v} of chapter {c} together.", "verse {v} of chapter {c}"),
    ("Turn to chapter {c}, verse {v}.", "chapter {c}, verse {v}"),
)
YOUTUBE_MOVES = (
    ("So in the Gītā, chapter {c}, verse {v}, he says", "chapter {c}, verse {v}"),
    ("Verse {v} of chapter {c} is very famous.", "verse {v} of chapter {c}"),
    ("If you open Gītā {c.v}, you will see", "{c}.{v}"),
)
ZOOM_MOVES = (
    ("Kindly see chapter {c}, verse {v}.", "chapter {c}, verse {v}"),
    ("Lord Kṛṣṇa says in verse {v} of chapter {c},", "verse {v} of chapter {c}"),
    ("Gītā {c.v} tells us", "{c}.{v}"),
    ("Please open your books at chapter {c}, verse {v}.", "chapter {c}, verse {v}"),
)

# Schwa deletion as an Indian speaker says it: a short medial a between single consonants
# ("bhagavad" -> "bhagvad", "devakī" -> "devkī"), and a final a after a single consonant.
_SYNCOPE = r"(?<=[aāiīuūeo][kgcjṭḍtdṇnpbmyrlvśṣs])a(?=[kgcjṭḍtdṇnpbmyrlvśṣs][aāiīuūeo])"
_FINAL_SCHWA = r"(?<=[aāiīuūeo][kgcjṭḍtdṇnpbmyrlvśṣs])a$"

# Whisper's language model "corrects" a rare word into a familiar-looking one.
WHISPER_TABLE: dict[str, Choices] = {
    "om": (("on", 0.3), ("ohm", 0.05)),
    "bhagavad": (("Vagant", 0.06), ("Bhagwat", 0.1)),
    "bhagavan": (("Bhagwan", 0.2), ("a man", 0.01)),
    "gita": (("Geeta", 0.1), ("Peter", 0.01)),
    "krsna": (("Krishan", 0.03), ("Christian", 0.01)),
    "sannyasi": (("sonyasi", 0.25),),
    "sannyasa": (("sonyasa", 0.15),),
    "prabhupada": (("Prampagar", 0.1), ("Prabhupad", 0.25)),
    "devaki": (("Demki", 0.3),),
    "vasudeva": (("Vasudev", 0.3),),
    "hrsikesa": (("Rishikesh", 0.2),),
    "brahmana": (("Brahmin", 0.15),),
    "brahmanas": (("Brahmins", 0.15),),
    "yuga": (("yoga", 0.05),),
    "dharma": (("drama", 0.01),),
}
# One mishearing of an ASCII spelling: aspirate to fricative, vowel colour, syncope, a
# non-rhotic "-ar" ending, a lost final vowel, degemination.
WHISPER_GARBLES = (
    (r"^bh", "v"),
    (r"ad$", "ant"),
    (r"^([^aeiou]+)a", r"\1o"),
    (r"v", "m"),
    (r"(?<=[aeiou][^aeiou])a(?=[^aeiou][aeiou])", ""),
    (r"a$", "ar"),
    (r"bh", "mp"),
    (r"(?<=[^aeiou])[aiu]$", ""),
    (r"([^aeiou])\1", r"\1"),
    (r"d", "t"),
)

WHISPER = NoiseModel(
    name="whisper",
    letters={
        **COMMON_LETTERS,
        "ā": (("a", 0.97), ("aa", 0.03)),
        "ī": (("i", 0.85), ("ee", 0.15)),
        "ū": (("u", 0.9), ("oo", 0.1)),
        "ṛ": (("ri", 0.75), ("ru", 0.05), ("r", 0.2)),
        "ś": (("sh", 0.75), ("s", 0.25)),
        "ṣ": (("sh", 0.65), ("s", 0.35)),
        "ṃ": (("m", 0.55), ("n", 0.45)),
        "ṁ": (("m", 0.55), ("n", 0.45)),
        "ḥ": (("", 0.9), ("h", 0.1)),
        "ch": (("ch", 0.85), ("chh", 0.15)),
        "c": (("ch", 0.95), ("c", 0.05)),
        "jñ": (("gy", 0.45), ("gn", 0.35), ("jn", 0.2)),
        "kṣ": (("ksh", 0.8), ("ks", 0.1), ("x", 0.1)),
        "v": (("v", 0.8), ("w", 0.2)),
        "bh": (("bh", 0.55), ("b", 0.45)),
        "dh": (("dh", 0.55), ("d", 0.45)),
        "gh": (("gh", 0.5), ("g", 0.5)),
        "kh": (("kh", 0.5), ("k", 0.5)),
        "th": (("th", 0.7), ("t", 0.3)),
        "ph": (("ph", 0.6), ("f", 0.3), ("p", 0.1)),
    },
    rewrites=((_FINAL_SCHWA, "", 0.25),),  # "Arjun", "Narayan"; never "Krishn"
    final_a_drop=0.0,
    capitalise_names=0.95,
    compound_joiners=((" ", 0.85), ("", 0.1), ("-", 0.05)),
    segment_words=(7, 16),
    filler_rate=0.03,
    fillers=("Um,", "Uh,", "um,", "uh,"),
    stutter_rate=0.02,
    two_word_stutter=0.3,
    lowercase_start=0.03,
    verse_join=0.2,
    verse_split=0.1,
    hyphenate_numbers=0.9,
    number_commas=True,
    digits_rate=0.75,
    moves=WHISPER_MOVES,
    move_rate=0.3,
    recite_rate=0.35,
    purport_sentences=6,
    split_rate=0.03,
    split_min=8,
    join_rate=0.04,
    substitutions=WHISPER_TABLE,
    garble_rate=0.05,
    garbles=WHISPER_GARBLES,
    capitalise_terms=0.2,
    digits_point=".",
    recite_punctuation=True,
)

# English words and phrases a caption engine with an English-only vocabulary hears.
YOUTUBE_TABLE: dict[str, Choices] = {
    "dharma": (("drama", 0.12), ("the army", 0.02)),
    "bhagavan": (("a man", 0.06), ("bog a one", 0.03), ("bhagwan", 0.1)),
    "krsna": (("creation", 0.04), ("Christian", 0.03)),
    "gita": (("Peter", 0.05), ("guitar", 0.05), ("geeta", 0.2)),
    "ksatriya": (("cash at rear", 0.08), ("shatriya", 0.05)),
    "ksatriyas": (("cash at rears", 0.06),),
    "sadhu": (("sadder", 0.1),),
    "sadhus": (("sadders", 0.08),),
    "atma": (("at ma", 0.08),),
    "atman": (("at man", 0.06),),
    "guna": (("gunner", 0.08),),
    "gunas": (("gunners", 0.06),),
    "samsara": (("some sara", 0.05),),
    "veda": (("Vader", 0.04),),
    "vedas": (("Vader's", 0.04),),
    "yajna": (("young ya", 0.05),),
    "om": (("home", 0.1), ("on", 0.1)),
    "pandavas": (("pandas", 0.1),),
    "pandu": (("panda", 0.06),),
    "drona": (("drone", 0.08),),
    "karna": (("corner", 0.06),),
    "vyasa": (("via sir", 0.04),),
    "narada": (("narrator", 0.05),),
    "siva": (("shiver", 0.06),),
    "rajas": (("rages", 0.06),),
    "tamas": (("Thomas", 0.08),),
    "jiva": (("java", 0.04),),
    "deva": (("diva", 0.05),),
    "devas": (("divas", 0.05),),
    "hari": (("hurry", 0.1),),
    "samadhi": (("some are the", 0.04),),
    "prana": (("piranha", 0.04),),
    "partha": (("part a", 0.06),),
    "kesava": (("cash over", 0.04),),
    "kali": (("Carly", 0.04),),
    "yuga": (("yoga", 0.15),),
    "muni": (("money", 0.1),),
    "munis": (("monies", 0.05),),
    "rsi": (("Ritchie", 0.05),),
    "sankhya": (("sunk ya", 0.03),),
    "brahmana": (("bra manner", 0.03), ("brahmin", 0.15)),
    "brahmanas": (("brahmins", 0.15),),
    "kuru": (("crew", 0.04),),
    "upanisad": (("opinion shad", 0.02),),
    "arjuna": (("are june a", 0.02),),
    "avatara": (("avatar", 0.3),),
    "sannyasa": (("sunny asa", 0.04),),
    "sannyasi": (("sunny asi", 0.04),),
    "bhakti": (("bucked he", 0.02),),
    "visnu": (("fish new", 0.03),),
    "sri": (("three", 0.04), ("shree", 0.2)),
}

YOUTUBE = NoiseModel(
    name="youtube",
    letters={
        **COMMON_LETTERS,
        "ā": (("a", 0.92), ("aa", 0.08)),
        "ī": (("i", 0.65), ("ee", 0.35)),
        "ū": (("u", 0.8), ("oo", 0.2)),
        "ṛ": (("ri", 0.8), ("ru", 0.1), ("r", 0.1)),
        "ś": (("sh", 0.7), ("s", 0.3)),
        "ṣ": (("sh", 0.8), ("s", 0.2)),
        "ṃ": (("m", 0.7), ("n", 0.3)),
        "ṁ": (("m", 0.7), ("n", 0.3)),
        "ḥ": (("", 1.0),),
        "ch": (("ch", 1.0),),
        "c": (("ch", 0.9), ("c", 0.1)),
        "jñ": (("gy", 0.4), ("gn", 0.4), ("jn", 0.2)),
        "kṣ": (("ksh", 0.7), ("sh", 0.2), ("x", 0.1)),
        "v": (("v", 0.85), ("w", 0.1), ("b", 0.05)),
        "bh": (("bh", 0.7), ("b", 0.3)),
        "dh": (("dh", 0.7), ("d", 0.3)),
        "th": (("th", 0.8), ("t", 0.2)),
    },
    rewrites=((_FINAL_SCHWA, "", 0.08),),
    final_a_drop=0.0,
    capitalise_names=0.05,
    compound_joiners=((" ", 0.9), ("", 0.1)),
    segment_words=(4, 9),
    filler_rate=0.08,
    fillers=("um", "uh"),
    stutter_rate=0.05,
    two_word_stutter=0.1,
    lowercase_start=0.95,
    verse_join=0.2,
    verse_split=0.2,
    hyphenate_numbers=0.0,
    number_commas=False,
    digits_rate=0.3,
    moves=YOUTUBE_MOVES,
    move_rate=0.3,
    recite_rate=0.35,
    purport_sentences=6,
    split_rate=0.06,
    split_min=8,
    join_rate=0.05,
    substitutions=YOUTUBE_TABLE,
    strip_punctuation=True,
)

ZOOM_TABLE: dict[str, Choices] = {
    "dharma": (("drama", 0.04),),
    "bhagavan": (("bhagwan", 0.3), ("bog one", 0.03)),
    "gita": (("geeta", 0.4),),
    "om": (("aum", 0.3), ("ohm", 0.1)),
    "ksatriya": (("cash tria", 0.04),),
    "tamas": (("Thomas", 0.04),),
    "hari": (("harry", 0.05),),
    "brahman": (("brahmin", 0.1),),
    "sadhu": (("saddhu", 0.2),),
}

ZOOM = NoiseModel(
    name="zoom",
    letters={
        **COMMON_LETTERS,
        "ā": (("aa", 0.45), ("a", 0.55)),
        "ī": (("ee", 0.6), ("i", 0.4)),
        "ū": (("oo", 0.5), ("u", 0.5)),
        "ṛ": (("ru", 0.4), ("ri", 0.45), ("re", 0.15)),
        "ś": (("sh", 0.6), ("s", 0.4)),
        "ṣ": (("sh", 0.7), ("s", 0.3)),
        "ṃ": (("m", 0.6), ("n", 0.4)),
        "ṁ": (("m", 0.6), ("n", 0.4)),
        "ḥ": (("ha", 0.2), ("h", 0.3), ("", 0.5)),
        "ch": (("chh", 0.4), ("ch", 0.6)),
        "c": (("ch", 1.0),),
        "jñ": (("gy", 0.35), ("dny", 0.15), ("gn", 0.2), ("jn", 0.1), ("ny", 0.2)),
        "kṣ": (("ksh", 0.6), ("ks", 0.2), ("x", 0.2)),
        "v": (("v", 0.5), ("w", 0.5)),
        "ai": (("ai", 0.7), ("ay", 0.3)),
        "au": (("au", 0.6), ("ow", 0.4)),
    },
    rewrites=((_SYNCOPE, "", 0.3), (_FINAL_SCHWA, "", 0.35)),
    final_a_drop=0.0,
    capitalise_names=0.4,
    compound_joiners=((" ", 0.45), ("", 0.45), ("-", 0.1)),
    segment_words=(4, 10),
    filler_rate=0.15,
    fillers=("um", "uh", "Um", "uhm", "hmm"),
    stutter_rate=0.08,
    two_word_stutter=0.3,
    lowercase_start=0.4,
    verse_join=0.35,
    verse_split=0.35,
    hyphenate_numbers=0.0,
    number_commas=False,
    digits_rate=0.5,
    moves=ZOOM_MOVES,
    move_rate=0.35,
    recite_rate=0.4,
    purport_sentences=6,
    split_rate=0.12,
    split_min=7,
    join_rate=0.15,
    substitutions=ZOOM_TABLE,
)

# The acceptance evaluation runs every model but DEV; the dev folds run all of them.
ACCEPTANCE_MODELS: tuple[NoiseModel, ...] = (ACCEPTANCE, WHISPER, YOUTUBE, ZOOM)
ALL_MODELS: tuple[NoiseModel, ...] = (DEV, *ACCEPTANCE_MODELS)
