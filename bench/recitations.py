"""Recitation sets for any verse pack: `python -m bench.recitations PACK.jsonl [...] [--seeds 4]`.

From verse records (`{"id", "work", "ref", "iast", "devanagari"}`) it builds short lecture
snippets in which each verse is recited (whole, a half-verse, or split over two cues; a short
sūtra whole) amid English lines, noises them with every noise model x draw, runs the engine
with the packs (setting `verses.packs`), and scores:
- half-verses (or sūtras) letter-exact: the cue holds the canonical letters and spaces
  (daṇḍas, punctuation, digits and case ignored; ṃ/ṁ equal), the whole cue for a half or
  a sūtra, its start or end for a half inside a whole verse on one cue;
- recognised: the verse reported with its id on one of its cues.
Then a false-restoration probe: the dev golden set (Gītā chapters 1-9, no recitation of the
packs) with and without the packs: pack verses reported where the reference quotes none of
that verse, and segments the packs moved further from the reference, should both be 0
(Prabhupāda's purports do quote some Upaniṣad verses; restoring those is right).
The packs are copied for the engine to bench/out/packs/ and its index cache is bench/out/cache/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.aggregate import Stat, summarise
from bench.asr_models import ALL_MODELS
from bench.golden import DEFAULT_SEED, DEV_CHAPTERS, GoldenSet, Recitation, SetBuilder, verse_halves
from bench.metrics import aligned
from bench.noise import NoiseModel
from bench.runner import Engine, run_set
from bench.source import VerseText, out_dir
from bench.tokens import nfc, score_tokens
from core.engine import process
from core.transcript.srt import parse

# A lecturer recites a verse, not a page of prose: longer passages are left out (counted).
MAX_WORDS = 32
# Without a daṇḍa and this short, a text is a sūtra (or a mantra line): recited whole.
SUTRA_WORDS = 12

INTRODUCTIONS = (
    "Now listen to how the text itself puts it.",
    "Let us recite this together, slowly.",
    "The teacher says it in one line.",
    "Here is the verse.",
    "Please repeat after me.",
    "This is one of the most quoted passages.",
    "Listen carefully to the sound of it.",
    "So the text says,",
    "I will chant it once and then explain.",
    "Many of you know this one by heart.",
    "Look at the words very closely.",
    "It is said like this.",
)
COMMENTS = (
    "So what does this mean for our practice?",
    "Notice how much is packed into so few words.",
    "We will come back to this next week.",
    "That is the whole teaching in a nutshell.",
    "Take a moment and let that sink in.",
    "Every word here has been commented on for centuries.",
    "The meaning is simple but the practice is not.",
    "Let me explain it word by word.",
    "You can see why the tradition values it so much.",
    "Keep this in mind when you sit for meditation.",
    "It answers the question we asked earlier.",
    "Some translators read it a little differently.",
)


@dataclass(frozen=True, slots=True)
class PackVerse:
    """One record of a verse pack."""

    id: str
    work: str
    iast: str

    @property
    def words(self) -> int:
        return len(self.iast.replace("|", " ").split())

    @property
    def is_sutra(self) -> bool:
        return "|" not in self.iast and "\n" not in self.iast and self.words <= SUTRA_WORDS


def load_pack(path: Path) -> list[PackVerse]:
    """The records of one JSON Lines pack, in order."""
    verses = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            verses.append(PackVerse(str(record["id"]), str(record["work"]), str(record["iast"])))
    return verses


def pack_directory(paths: Sequence[Path]) -> Path:
    """A directory holding exactly these packs (the engine reads every *.jsonl of one),
    under bench/out/packs/, named by their content so the engine's cache is reused."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    directory = out_dir() / "packs" / digest.hexdigest()[:16]
    if not directory.is_dir():
        staging = directory.with_name(directory.name + ".tmp")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        for path in paths:
            shutil.copyfile(path, staging / path.name)
        staging.rename(directory)
    return directory


def build_snippets(verses: Sequence[PackVerse], model: NoiseModel, seed: int) -> GoldenSet:
    """Every verse recited once between English lines, as `model` hears it."""
    rng = random.Random(f"recitations:{model.name}:{seed}")
    builder = SetBuilder(model, rng, {})
    for verse in verses:
        text = VerseText(verse.id, 0, 0, verse.iast, "", "")
        builder.prose(" ".join(rng.sample(INTRODUCTIONS, rng.choice((1, 1, 2)))))
        builder.recitation(text, whole=verse.is_sutra)
        builder.prose(rng.choice(COMMENTS))
    return GoldenSet(f"recitations-{model.name}", seed, builder.segments, builder.recitations)


def letters(text: str) -> str:
    """What letter-exact compares: letters and single spaces, case folded, ṃ for ṁ."""
    folded = nfc(text).casefold().replace("ṁ", "ṃ")
    kept = "".join(ch for ch in folded if ch.isalpha() or ch.isspace())
    return " ".join(kept.split())


def id_key(verse_id: str) -> str:
    """'YS 1.2', 'ys1.2' -> 'ys1.2'."""
    return re.sub(r"\s+", "", verse_id).casefold()


@dataclass(slots=True)
class Tally:
    """Half-verses letter-exact and recitations recognised, of one run or one work."""

    halves: int = 0
    halves_exact: int = 0
    recitations: int = 0
    recognised: int = 0

    def add(self, other: Tally) -> None:
        self.halves += other.halves
        self.halves_exact += other.halves_exact
        self.recitations += other.recitations
        self.recognised += other.recognised

    @property
    def exact_share(self) -> float:
        return self.halves_exact / self.halves if self.halves else 1.0

    @property
    def recognised_share(self) -> float:
        return self.recognised / self.recitations if self.recitations else 1.0


def _halves_exact(recitation: Recitation, verse: PackVerse, cues: Sequence[str]) -> list[bool]:
    """For each half-verse (or the sūtra) recited: do its cue's letters read it exactly?"""
    if verse.is_sutra:
        return [cues[0] == letters(verse.iast)]
    first, second = (letters(half) for half in verse_halves(verse.iast))
    if recitation.part == "first half":
        return [cues[0] == first]
    if recitation.part == "second half":
        return [cues[0] == second]
    if len(cues) == 2:
        return [cues[0] == first, cues[1] == second]
    cue = cues[0]
    return [cue.startswith(first + " "), cue.endswith(" " + second)]


def score_recitation(
    recitation: Recitation, verse: PackVerse, outputs: Sequence[str], reported: set[tuple[int, str]]
) -> Tally:
    """One recitation: its half-verses letter-exact, and its id reported on one of its cues."""
    cues = [letters(outputs[p - 1]) if p <= len(outputs) else "" for p in recitation.positions]
    exact = _halves_exact(recitation, verse, cues)
    hit = any((p, id_key(verse.id)) in reported for p in recitation.positions)
    return Tally(len(exact), sum(exact), 1, int(hit))


@dataclass(slots=True)
class RunTally:
    """A run's tally, overall and per work."""

    model: str
    seed: int
    total: Tally = field(default_factory=Tally)
    works: dict[str, Tally] = field(default_factory=dict)


def run_recitations(
    verses: Sequence[PackVerse], model: NoiseModel, seed: int, engine: Engine
) -> RunTally:
    """Build, process and score the recitation set of `verses` under `model` and `seed`."""
    golden = build_snippets(verses, model, seed)
    transcript = parse(golden.input_srt(), source=f"{golden.name}.input.srt")
    result = process(transcript, engine.resources, engine.settings)
    outputs = [segment.text for segment in result.transcript.segments]
    reported = {(f.segment, id_key(f.ref)) for f in result.findings if f.kind == "verse"}
    by_id = {verse.id: verse for verse in verses}
    tally = RunTally(model.name, seed)
    for recitation in golden.recitations:
        verse = by_id[recitation.verse_id]
        one = score_recitation(recitation, verse, outputs, reported)
        tally.total.add(one)
        tally.works.setdefault(verse.work, Tally()).add(one)
    return tally


@dataclass(frozen=True, slots=True)
class ProbeResult:
    """What the packs did to one dev set: verses reported, segments changed, and whether
    each was right (the reference quotes that verse; the change is closer to it) or not."""

    model: str
    segments: int
    reported: int
    reported_false: int  # a pack verse reported where the reference quotes none of it
    changed: int
    changed_worse: int  # a segment the packs moved further from its reference
    examples: tuple[str, ...]


def _distance(reference: str, output: str) -> int:
    """Tokens not shared by reference and output (in order, case folded)."""
    ref = [token.casefold() for token in score_tokens(reference)]
    hyp = [token.casefold() for token in score_tokens(output)]
    shared = sum(1 for index in aligned(ref, hyp) if index is not None)
    return len(ref) + len(hyp) - 2 * shared


def _around(references: Sequence[str], position: int) -> str:
    """The reference of segment `position` (1-based) and of its neighbours."""
    return " ".join(references[max(position - 2, 0) : position + 1])


def quotes(reference: str, verse: PackVerse) -> bool:
    """Does `reference` quote the verse: at least half the words (of three letters or more)
    of one of its halves, or of the sūtra?"""
    held = set(letters(reference).split())
    parts = (verse.iast,) if verse.is_sutra else verse_halves(verse.iast)
    for part in parts:
        words = {word for word in letters(part).split() if len(word) >= 3}
        if words and len(words & held) * 2 >= len(words):
            return True
    return False


def false_restoration_probe(
    verses: dict[str, PackVerse], with_packs: Engine, without: Engine, model: NoiseModel
) -> ProbeResult:
    """The dev golden set (chapters 1-9) with and without the packs. The set recites no
    pack, but Prabhupāda's purports quote some Upaniṣad verses: reporting those is right,
    so a report counts as false only where the reference around it quotes none of it."""
    bare = run_set(DEV_CHAPTERS, model, DEFAULT_SEED, engine=without)
    golden = bare.golden
    transcript = parse(golden.input_srt(), source=f"{golden.name}.input.srt")
    result = process(transcript, with_packs.resources, with_packs.settings)
    references = [segment.reference for segment in golden.segments]
    reported = [f for f in result.findings if id_key(f.ref) in verses]
    false = [
        f for f in reported if not quotes(_around(references, f.segment), verses[id_key(f.ref)])
    ]
    outputs = [segment.text for segment in result.transcript.segments]
    pairs = enumerate(zip(bare.outputs, outputs, strict=True))
    changed = [(i, a, b) for i, (a, b) in pairs if a != b]
    worse = [
        (i, a, b)
        for i, a, b in changed
        if _distance(references[i], b) > _distance(references[i], a)
    ]
    examples = tuple(
        f"segment {i + 1}: {golden.segments[i].input!r} -> {b!r} (without packs {a!r})"
        for i, a, b in worse[:3]
    ) + tuple(f"false report: {f.ref} at segment {f.segment}" for f in false[:3])
    return ProbeResult(
        model.name, len(outputs), len(reported), len(false), len(changed), len(worse), examples
    )


def _cell(stat: Stat) -> str:
    return f"{stat.mean:.4f}/{stat.worst:.4f}"


def render(tallies: Sequence[RunTally], probes: Sequence[ProbeResult], skipped: int) -> str:
    """Mean/worst over every model x draw, per model and per work; then the probe."""

    def stats(rows: Sequence[Tally]) -> tuple[Stat, Stat]:
        return (
            summarise([t.exact_share for t in rows], higher_is_better=True),
            summarise([t.recognised_share for t in rows], higher_is_better=True),
        )

    first = tallies[0].total
    lines = [
        f"recitations: {first.recitations} verses recited per run ({first.halves} half-verses "
        f"or sūtras; {skipped} passages over {MAX_WORDS} words left out), "
        f"{len({t.model for t in tallies})} noise models x {len({t.seed for t in tallies})} "
        f"draws = {len(tallies)} runs",
        f"{'':<28} {'letter-exact':>15} {'recognised (id)':>16}",
    ]
    exact, found = stats([t.total for t in tallies])
    lines.append(f"{'all runs (mean/worst)':<28} {_cell(exact):>15} {_cell(found):>16}")
    for model in dict.fromkeys(t.model for t in tallies):
        exact, found = stats([t.total for t in tallies if t.model == model])
        lines.append(f"{'  ' + model:<28} {_cell(exact):>15} {_cell(found):>16}")
    for work in dict.fromkeys(w for t in tallies for w in t.works):
        exact, found = stats([t.works[work] for t in tallies if work in t.works])
        lines.append(f"{'  ' + work[:26]:<28} {_cell(exact):>15} {_cell(found):>16}")
    lines.append("(each cell: mean/worst over the runs)")
    lines.append("false-restoration probe (dev golden set, chapters 1-9, with vs without packs):")
    for probe in probes:
        lines.append(
            f"  {probe.model:<12} {probe.segments} segments: {probe.reported} pack verses "
            f"reported ({probe.reported_false} where the reference quotes none of it), "
            f"{probe.changed} segments changed by the packs ({probe.changed_worse} further "
            "from the reference)"
        )
        lines.extend(f"    {example}" for example in probe.examples)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.recitations",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("packs", nargs="+", type=Path, help="verse packs (JSON Lines)")
    parser.add_argument("--seeds", type=int, default=4, help="draws per noise model (>= 2)")
    parser.add_argument("--no-probe", action="store_true", help="skip the false-restoration probe")
    args = parser.parse_args(argv)
    if args.seeds < 2:
        parser.error("--seeds must be at least 2: one draw is never the result")
    missing = [str(path) for path in args.packs if not path.is_file()]
    if missing:
        parser.error(f"no such pack: {', '.join(missing)}")
    started = time.perf_counter()
    records = [verse for path in args.packs for verse in load_pack(path)]
    verses = [verse for verse in records if verse.words <= MAX_WORDS]
    engine = Engine.with_packs(pack_directory(args.packs))
    tallies = [
        run_recitations(verses, model, DEFAULT_SEED + k, engine)
        for model in ALL_MODELS
        for k in range(args.seeds)
    ]
    probes: list[ProbeResult] = []
    if not args.no_probe:
        bare = Engine.gita_only()
        by_key = {id_key(verse.id): verse for verse in records}
        probes = [false_restoration_probe(by_key, engine, bare, model) for model in ALL_MODELS]
    print(render(tallies, probes, len(records) - len(verses)))
    print(f"{len(tallies) + 2 * len(probes)} engine runs in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
