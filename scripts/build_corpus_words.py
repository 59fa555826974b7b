"""Build scripts/lexicon_sources/dcs_words.tsv and dcs_lemmas.tsv from cached DCS CoNLL-U files.

Source: the Digital Corpus of Sanskrit (Oliver Hellwig, 2010-2024), GitHub
OliverHellwig/sanskrit, directory dcs/data/conllu/files/<Text>/, licensed CC BY 4.0 (statement
in dcs/data/conllu/readme.md, quoted in config/LICENSES/dcs.md). The repository is too big to
clone here, so its chapter files are read one by one (the search tool's read_file) and cached
outside the repository, under /work/cache/dcs/<Text>/<file name>; this script only reads
that cache. Run: `.venv/bin/python scripts/build_corpus_words.py [--cache DIR]`.
Deterministic: the same cache gives the same bytes.

A cached chapter comes in one of three shapes, the richest one present being used:
- `<file name>` (`.conllu`): the file exactly as DCS has it.
- `<file name>.slim`: the same sentences with what these lists need and nothing else: the
  `# text` lines, and each token line with its ID, FORM, LEMMA and UPOS, FEATS cut to
  `Case=Cpd` (else `_`) and MISC cut to `Unsandhied=...` (else `_`). Written by hand from
  read_file pages where copying the whole file cost too much; it parses as CoNLL-U.
- `<file name>.comments`: the comment lines only (`# text` and counters), written by the
  helper that builds verse packs; it gives surface words and nothing else.

Rows of dcs_words.tsv (`form count lemma kind texts`, one per distinct lower-case NFC form
and kind, sorted by form then kind):
- `surface`: a space-separated word of the sandhied `# text` line, punctuation stripped; an
  avagraha (' ’ ऽ) stands for an elided a and is written back as "a" ('stu -> astu;
  so'ham -> so, aham); its lemma is that of the single token DCS gives the word, '' where
  the word spans several tokens (hovāca) or the file has no token lines.
- `unsandhied`: the Unsandhied= form of a token that is not a compound member.
- `member`: the Unsandhied= form of a compound member (FEATS Case=Cpd), its stem form as it
  stands in the compound (karma of karmakṛt, mahā of mahābhūmau).
`count` is the number of occurrences, `lemma` the most frequent lemma (ties: the first in
code-point order), `texts` the number of DCS texts (folders) the form occurs in as that kind.
dcs_lemmas.tsv: `lemma count upos`, every token's LEMMA with its count and most frequent UPOS.

DCS files used (commit 28cd47d102f2d95f6d5e9ef965c8f802a7be2a7f of OliverHellwig/sanskrit,
the one read_file served; the cache listing printed by `--list` is the exact set):
see CACHED_FILES below. To refill the cache: for each path in CACHED_FILES, read
dcs/data/conllu/files/<path> page by page (16,000 characters each, `offset`) and write the
pages joined, unchanged, to <cache>/<path> (or the slim form to <cache>/<path>.slim);
write to a temporary name and rename, so a half-written file is never read.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = Path("/work/cache/dcs")
OUT_DIR = ROOT / "scripts" / "lexicon_sources"
GZIP_OVER = 3_000_000  # bytes: a list larger than this is written gzipped

SHAPES = ("", ".slim", ".comments")  # richest first
"""Suffixes after `.conllu` of the cached shapes of one chapter, the richest first."""

CACHED_FILES: tuple[str, ...] = (
    "Bhāgavatapurāṇa/Bhāgavatapurāṇa-0000-BhāgPur, 1, 1-590.conllu.slim",
    "Bhāgavatapurāṇa/Bhāgavatapurāṇa-0001-BhāgPur, 1, 2-591.conllu.slim",
    "Bhāgavatapurāṇa/Bhāgavatapurāṇa-0002-BhāgPur, 1, 3-592.conllu.slim",
    "Bhāgavatapurāṇa/Bhāgavatapurāṇa-0003-BhāgPur, 1, 4-607.conllu.slim",
    "Bhāgavatapurāṇa/Bhāgavatapurāṇa-0004-BhāgPur, 1, 5-611.conllu.slim",
    "Bhāgavatapurāṇa/Bhāgavatapurāṇa-0005-BhāgPur, 1, 6-621.conllu.slim",
    "Bhāgavatapurāṇa/Bhāgavatapurāṇa-0006-BhāgPur, 1, 7-644.conllu.slim",
    "Bhāgavatapurāṇa/Bhāgavatapurāṇa-0007-BhāgPur, 1, 8-660.conllu.slim",
    "Bhāgavatapurāṇa/Bhāgavatapurāṇa-0019-BhāgPur, 2, 1-8962.conllu.slim",
    "Bhāgavatapurāṇa/Bhāgavatapurāṇa-0020-BhāgPur, 2, 2-8963.conllu.slim",
    "Bhāgavatapurāṇa/Bhāgavatapurāṇa-0093-BhāgPur, 10, 1-11055.conllu.slim",
    "Bhāgavatapurāṇa/Bhāgavatapurāṇa-0094-BhāgPur, 10, 2-11059.conllu.slim",
    "Bhāgavatapurāṇa/Bhāgavatapurāṇa-0098-BhāgPur, 11, 1-773.conllu.slim",
    "Bhāgavatapurāṇa/Bhāgavatapurāṇa-0099-BhāgPur, 11, 2-774.conllu.slim",
    "Chāndogyopaniṣad/Chāndogyopaniṣad-0097-ChU, 6, 1-8707.conllu.slim",
    "Haṭhayogapradīpikā/Haṭhayogapradīpikā-0000-HYP, Prathama upadeśaḥ-490.conllu.slim",
    "Haṭhayogapradīpikā/Haṭhayogapradīpikā-0001-HYP, Dvitīya upadeśaḥ-503.conllu.slim",
    "Haṭhayogapradīpikā/Haṭhayogapradīpikā-0002-HYP, Tṛtīya upadeshaḥ-930.conllu.slim",
    "Kaṭhopaniṣad/Kaṭhopaniṣad-0000-KaṭhUp, 1-10356.conllu",
    "Kaṭhopaniṣad/Kaṭhopaniṣad-0001-KaṭhUp, 2-10357.conllu.slim",
    "Kaṭhopaniṣad/Kaṭhopaniṣad-0002-KaṭhUp, 3-10358.conllu.slim",
    "Kaṭhopaniṣad/Kaṭhopaniṣad-0003-KaṭhUp, 4-10359.conllu.slim",
    "Kaṭhopaniṣad/Kaṭhopaniṣad-0004-KaṭhUp, 5-10362.conllu.slim",
    "Kaṭhopaniṣad/Kaṭhopaniṣad-0005-KaṭhUp, 6-10364.conllu.slim",
    "Muṇḍakopaniṣad/Muṇḍakopaniṣad-0000-MuṇḍU, 1, 1-10367.conllu.slim",
    "Muṇḍakopaniṣad/Muṇḍakopaniṣad-0001-MuṇḍU, 1, 2-10369.conllu.slim",
    "Muṇḍakopaniṣad/Muṇḍakopaniṣad-0002-MuṇḍU, 2, 1-10371.conllu.slim",
    "Muṇḍakopaniṣad/Muṇḍakopaniṣad-0003-MuṇḍU, 2, 2-10372.conllu.slim",
    "Muṇḍakopaniṣad/Muṇḍakopaniṣad-0004-MuṇḍU, 3, 1-10376.conllu.slim",
    "Muṇḍakopaniṣad/Muṇḍakopaniṣad-0005-MuṇḍU, 3, 2-10377.conllu.slim",
    "Viṣṇupurāṇa/Viṣṇupurāṇa-0000-ViPur, 1, 1-8440.conllu.slim",
    "Yogasūtra/Yogasūtra-0000-YS, 1-263.conllu.slim",
    "Yogasūtra/Yogasūtra-0001-YS, 2-264.conllu.slim",
    "Yogasūtra/Yogasūtra-0002-YS, 3-265.conllu.comments",
    "Yogasūtra/Yogasūtra-0003-YS, 4-266.conllu.comments",
    "Śvetāśvataropaniṣad/Śvetāśvataropaniṣad-0000-ŚvetU, 1-5958.conllu.slim",
    "Śvetāśvataropaniṣad/Śvetāśvataropaniṣad-0001-ŚvetU, 2-5959.conllu.slim",
    "Śvetāśvataropaniṣad/Śvetāśvataropaniṣad-0002-ŚvetU, 3-5961.conllu.slim",
    "Śvetāśvataropaniṣad/Śvetāśvataropaniṣad-0003-ŚvetU, 4-5962.conllu.slim",
    "Śvetāśvataropaniṣad/Śvetāśvataropaniṣad-0004-ŚvetU, 5-5963.conllu.slim",
    "Śvetāśvataropaniṣad/Śvetāśvataropaniṣad-0005-ŚvetU, 6-5964.conllu.slim",
)
"""The chapter files (<Text>/<file name>) the committed lists were built from."""

AVAGRAHA = "'’ʼऽ"
ALIGNED = 0.5  # least similarity of a FORM and its Unsandhied form (dhotā / hotā: 0.89)
KINDS = ("surface", "unsandhied", "member")


DCS_LL = "\uffb1"
"""DCS writes vocalic/retroflex ḷ as U+FFB1 (abhikﾱptaḥ, kﾱp, dṛﾱhe); read it as ḷ."""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace(DCS_LL, "ḷ"))


@dataclass(frozen=True)
class Token:
    """One syntactic word of a CoNLL-U sentence (not a multiword range line)."""

    form: str
    lemma: str
    upos: str
    unsandhied: str | None
    member: bool


@dataclass
class Sentence:
    """A `# text` line with its top-level units (surface FORM, lemma and Unsandhied form;
    lemma '' for a multiword range) and its syntactic tokens."""

    text: str
    units: list[tuple[str, str, str | None]] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    split: bool = False
    """True where a compound member stands as a word of its own (`a hutam`, `atithi
    varjitam`): the Vedic Treebank style of some DCS files (Muṇḍaka, Śvetāśvatara,
    Chāndogya), whose `# text` line is the unsandhied analysis, not a sandhied text."""


def _misc_value(misc: str, key: str) -> str | None:
    for item in misc.split("|"):
        name, _, value = item.partition("=")
        if name == key:
            return value if value and value != "_" else None
    return None


def parse_conllu(lines: Iterable[str]) -> Iterator[Sentence]:
    """Sentences of a DCS CoNLL-U file (full, slim or comments-only); a token line with
    fewer than ten columns is skipped, as is a token line before any `# text` line."""
    sentence: Sentence | None = None
    inside_until = 0  # the last token id covered by the current multiword range
    for raw in lines:
        line = raw.rstrip("\n")
        if line.startswith("# text ="):
            if sentence is not None:
                yield sentence
            sentence = Sentence(nfc(line.partition("=")[2].strip()))
            inside_until = 0
            continue
        if not line or line.startswith("#") or sentence is None:
            continue
        cols = line.split("\t")
        if len(cols) < 10:
            continue
        ident, form, lemma, upos, feats, misc = cols[0], cols[1], cols[2], cols[3], cols[5], cols[9]
        if "-" in ident:
            first, _, last = ident.partition("-")
            if first.isdigit() and last.isdigit():
                inside_until = int(last)
                sentence.units.append((nfc(form), "", None))
            continue
        if not ident.isdigit() or "." in ident:
            continue
        member = "Case=Cpd" in feats.split("|")
        token = Token(nfc(form), nfc(lemma), upos, _unsandhied(misc), member)
        sentence.tokens.append(token)
        if int(ident) > inside_until:
            sentence.units.append((token.form, token.lemma, token.unsandhied))
            sentence.split = sentence.split or member
    if sentence is not None:
        yield sentence


def _unsandhied(misc: str) -> str | None:
    value = _misc_value(misc, "Unsandhied")
    return nfc(value) if value else None


def _letters(word: str) -> str:
    """The word without punctuation, digits and marks other than the IAST letters."""
    kept = [
        ch
        for ch in nfc(word)
        if (ch.isalpha() or unicodedata.category(ch) == "Mn") and ch not in AVAGRAHA
    ]
    return nfc("".join(kept)).lower()


def surface_words(text: str) -> list[str]:
    """The words of a sandhied line, lower case, punctuation stripped, avagraha read as a
    ("na 'sti" -> na, asti; "so'ham" -> so, aham)."""
    words: list[str] = []
    for chunk in nfc(text).split():
        for index, piece in enumerate(_split_avagraha(chunk)):
            word = _letters(piece)
            if index > 0 or (piece[:1] in AVAGRAHA and word):
                word = "a" + word if word else ""
            if word:
                words.append(word)
    return words


def _split_avagraha(chunk: str) -> list[str]:
    """'stu -> ["'stu"]; so'ham -> ["so", "'ham"]: a piece after an avagraha begins with it."""
    pieces: list[str] = []
    current = ""
    for ch in chunk:
        if ch in AVAGRAHA and _letters(current):
            pieces.append(current)
            current = ch
        else:
            current += ch
    pieces.append(current)
    return pieces


def unit_key(form: str) -> str:
    """A FORM as surface_words writes it, to find a text word's token."""
    words = surface_words(form)
    return words[0] if len(words) == 1 else ""


def aligned(form: str, unsandhied: str | None) -> bool:
    """False where a token line's FORM and its Unsandhied form are different words: some
    DCS sentences have their FORM column shifted against the analyses (bhāti / sarvam),
    and such a line must not give the surface word its lemma."""
    if unsandhied is None:
        return True
    said = surface_words(unsandhied)
    return bool(said) and SequenceMatcher(None, unit_key(form), said[0]).ratio() >= ALIGNED


@dataclass
class Tally:
    """Counts, lemma votes and texts per (form, kind); lemma counts and UPOS votes."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    lemmas: defaultdict[tuple[str, str], Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    texts: defaultdict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    lemma_counts: Counter[str] = field(default_factory=Counter)
    lemma_upos: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, form: str, kind: str, text: str, lemma: str | None) -> None:
        key = (form, kind)
        self.counts[key] += 1
        self.texts[key].add(text)
        if lemma is not None:
            self.lemmas[key][lemma] += 1


def sandhied_lines(sentences: list[Sentence]) -> list[bool]:
    """Which sentences of one file have a sandhied `# text` line. A split sentence has
    not; in a file where a fifth or more of the sentences are split (a treebank-style file),
    neither has a line that is word for word its tokens' Unsandhied forms, since it is an
    analysis too (tasmai sa ha uvāca for tasmai sa hovāca)."""
    treebank = sum(s.split for s in sentences) * 5 >= len(sentences) > 0
    return [not s.split and not (treebank and _analysis(s)) for s in sentences]


def _analysis(sentence: Sentence) -> bool:
    said = (_letters(token.unsandhied or token.form) for token in sentence.tokens)
    return surface_words(sentence.text) == [word for word in said if word]


def tally_sentence(tally: Tally, sentence: Sentence, text: str, surface: bool = True) -> None:
    """Add one sentence's surface words (if its line is sandhied), unsandhied forms,
    members and lemmas."""
    free: dict[str, list[str]] = defaultdict(list)
    for form, lemma, unsandhied in sentence.units:
        key = unit_key(form)
        if key and aligned(form, unsandhied):
            free[key].append(lemma)
    for word in surface_words(sentence.text) if surface else []:
        votes = free.get(word)
        tally.add(word, "surface", text, votes.pop(0) if votes else None)
    for token in sentence.tokens:
        if token.lemma and token.lemma != "_":
            tally.lemma_counts[token.lemma] += 1
            tally.lemma_upos[token.lemma][token.upos] += 1
        form = _letters(token.unsandhied or "")
        if not form:
            continue
        known = token.lemma if token.lemma != "_" else None
        tally.add(form, "member" if token.member else "unsandhied", text, known)


def best(votes: Counter[str]) -> str:
    """The most frequent vote; ties go to the first in code-point order."""
    if not votes:
        return ""
    return min(votes.items(), key=lambda item: (-item[1], item[0]))[0]


def chapter_files(cache: Path) -> list[tuple[str, Path]]:
    """(text, path) of each cached chapter in its richest shape, sorted by path."""
    chosen: dict[tuple[str, str], Path] = {}
    for path in sorted(cache.glob("*/*.conllu*")):
        name = path.name
        for rank, suffix in enumerate(SHAPES):
            if name.endswith(".conllu" + suffix):
                base = name[: len(name) - len(suffix)] if suffix else name
                key = (path.parent.name, base)
                held = chosen.get(key)
                if held is None or rank < _rank(held.name):
                    chosen[key] = path
                break
    return [(text, chosen[(text, base)]) for text, base in sorted(chosen)]


def _rank(name: str) -> int:
    for rank, suffix in reversed(list(enumerate(SHAPES))):
        if suffix and name.endswith(".conllu" + suffix):
            return rank
    return 0


@dataclass
class Stats:
    """Files, sentences, tokens and surface words read per text."""

    files: Counter[str] = field(default_factory=Counter)
    sentences: Counter[str] = field(default_factory=Counter)
    tokens: Counter[str] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)
    analyses: Counter[str] = field(default_factory=Counter)  # lines not sandhied: no surface
    shapes: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))


def collect(cache: Path) -> tuple[Tally, Stats]:
    tally, stats = Tally(), Stats()
    for text, path in chapter_files(cache):
        stats.files[text] += 1
        shape = next((s for s in SHAPES[1:] if path.name.endswith(s)), ".conllu")
        stats.shapes[text][shape.lstrip(".")] += 1
        with path.open(encoding="utf-8") as handle:
            sentences = list(parse_conllu(handle))
        for sentence, surface in zip(sentences, sandhied_lines(sentences), strict=True):
            stats.sentences[text] += 1
            stats.analyses[text] += not surface
            stats.tokens[text] += len(sentence.tokens)
            stats.words[text] += len(surface_words(sentence.text)) if surface else 0
            tally_sentence(tally, sentence, text, surface)
    return tally, stats


def word_rows(tally: Tally) -> list[str]:
    rows = ["form\tcount\tlemma\tkind\ttexts"]
    order = {kind: index for index, kind in enumerate(KINDS)}
    for form, kind in sorted(tally.counts, key=lambda key: (key[0], order[key[1]])):
        key = (form, kind)
        rows.append(
            f"{form}\t{tally.counts[key]}\t{best(tally.lemmas[key])}\t{kind}\t{len(tally.texts[key])}"
        )
    return rows


def lemma_rows(tally: Tally) -> list[str]:
    return ["lemma\tcount\tupos"] + [
        f"{lemma}\t{tally.lemma_counts[lemma]}\t{best(tally.lemma_upos[lemma])}"
        for lemma in sorted(tally.lemma_counts)
    ]


def write_table(rows: list[str], path: Path) -> Path:
    """Write rows to path, or to path.gz (fixed mtime, so the bytes repeat) when large;
    the other of the two is removed so a stale copy is never read."""
    data = ("\n".join(rows) + "\n").encode("utf-8")
    zipped = path.with_name(path.name + ".gz")
    if len(data) > GZIP_OVER:
        with (
            zipped.open("wb") as raw,
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle,
        ):
            handle.write(data)
        path.unlink(missing_ok=True)
        return zipped
    path.write_bytes(data)
    zipped.unlink(missing_ok=True)
    return path


def report(tally: Tally, stats: Stats) -> str:
    lines = ["text\tfiles\tshapes\tsentences\tanalysis_lines\ttokens\tsurface_words"]
    for text in sorted(stats.files):
        shapes = ",".join(f"{k}:{v}" for k, v in sorted(stats.shapes[text].items()))
        lines.append(
            f"{text}\t{stats.files[text]}\t{shapes}\t{stats.sentences[text]}"
            f"\t{stats.analyses[text]}\t{stats.tokens[text]}\t{stats.words[text]}"
        )
    columns = (stats.files, stats.sentences, stats.analyses, stats.tokens, stats.words)
    total = [sum(c.values()) for c in columns]
    lines.append("TOTAL\t{}\t\t{}\t{}\t{}\t{}".format(*total))
    distinct = Counter(kind for _, kind in tally.counts)
    lines.append(
        "distinct forms: "
        + ", ".join(f"{kind} {distinct[kind]}" for kind in KINDS)
        + f"; any kind {len({form for form, _ in tally.counts})}; lemmas {len(tally.lemma_counts)}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument("--list", action="store_true", help="print the cached files and stop")
    args = parser.parse_args(argv)
    if args.list:
        for text, path in chapter_files(args.cache):
            print(f"{text}/{path.name}")
        return
    listed = tuple(f"{text}/{path.name}" for text, path in chapter_files(args.cache))
    if listed != CACHED_FILES:
        print(f"note: the cache differs from CACHED_FILES ({len(listed)} files)", file=sys.stderr)
    tally, stats = collect(args.cache)
    if not tally.counts:
        sys.exit(f"no DCS sentences under {args.cache}")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    words = write_table(word_rows(tally), args.out_dir / "dcs_words.tsv")
    lemmas = write_table(lemma_rows(tally), args.out_dir / "dcs_lemmas.tsv")
    print(report(tally, stats), file=sys.stderr)
    print(f"wrote {words} and {lemmas}", file=sys.stderr)


if __name__ == "__main__":
    main()
