"""One run of the engine on one golden set: build, process, score, process again."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from bench.golden import DEFAULT_SEED, DEV_CHAPTERS, GoldenSet, build
from bench.metrics import RecognisedVerse, Scores, score
from bench.noise import DEV, NoiseModel
from bench.source import out_dir
from core.engine import Resources, process
from core.settings import Settings
from core.transcript.srt import compose, parse
from server.runtime.loader import load_resources, shipped_packs
from server.runtime.settings_sources import load_settings


@dataclass(frozen=True, slots=True)
class Run:
    golden: GoldenSet
    scores: Scores
    elapsed_s: float
    engine_s: float
    outputs: list[str]
    recognised: list[RecognisedVerse]
    second_pass: list[tuple[int, str, str]]  # (position, output, output processed again)

    @property
    def changed_on_second_pass(self) -> int:
        return len(self.second_pass)

    @property
    def figures(self) -> dict[str, float]:
        """The scores as numbers, with the second-pass count: what suites aggregate."""
        scores = self.scores.as_dict().items()
        values = {k: float(v) for k, v in scores if isinstance(v, int | float)}
        values["changed_on_second_pass"] = float(self.changed_on_second_pass)
        return values


@dataclass(frozen=True, slots=True)
class Engine:
    """The engine's resources and settings, loaded once for every run of a process."""

    resources: Resources
    settings: Settings

    @classmethod
    def load(cls) -> Engine:
        return cls(load_resources(), load_settings())

    @classmethod
    def gita_only(cls) -> Engine:
        """The engine with none of the shipped verse packs: the Gītā alone."""
        resources = load_resources(disabled_packs=shipped_packs(), cache_dir=out_dir() / "cache")
        return cls(resources, load_settings())

    @classmethod
    def with_packs(cls, directory: Path) -> Engine:
        """The engine with the verse packs in `directory` (setting `verses.packs`); its
        index cache goes to bench/out/cache, not the user's state directory."""
        resources = load_resources(extra_verse_dirs=[directory], cache_dir=out_dir() / "cache")
        return cls(resources, load_settings({"verses": {"packs": [str(directory)]}}))


def run_set(
    chapters: range,
    model: NoiseModel,
    seed: int = DEFAULT_SEED,
    *,
    engine: Engine | None = None,
    write: bool = False,
) -> Run:
    """Build one set, process it with the real engine, score it.

    With `write`, the set, the output and the report go to bench/out/ for inspection (the
    dev run only: held-out sets leave nothing to look at behind).
    """
    started = time.perf_counter()
    engine = engine or Engine.load()
    golden = build(chapters, model, seed=seed)
    transcript = parse(golden.input_srt(), source=f"{golden.name}.input.srt")
    engine_started = time.perf_counter()
    result = process(transcript, engine.resources, engine.settings)
    engine_s = time.perf_counter() - engine_started
    if write:
        directory = out_dir()
        golden.write(directory)
        (directory / f"{golden.name}.output.srt").write_text(
            compose(result.transcript), encoding="utf-8"
        )
        (directory / f"{golden.name}.report.json").write_text(
            json.dumps(result.report(), ensure_ascii=False, indent=1), encoding="utf-8"
        )
    recognised = [
        RecognisedVerse(finding.segment, finding.ref)
        for finding in result.findings
        if finding.kind == "verse"
    ]
    outputs = [segment.text for segment in result.transcript.segments]
    timings = [segment.timing for segment in result.transcript.segments]
    scores = score(golden, outputs, timings, recognised)
    again = process(result.transcript, engine.resources, engine.settings).transcript
    pairs = zip(result.transcript.segments, again.segments, strict=True)
    changed = [(a.position, a.text, b.text) for a, b in pairs if a != b]
    return Run(
        golden, scores, time.perf_counter() - started, engine_s, outputs, recognised, changed
    )


def run_dev(seed: int = DEFAULT_SEED) -> Run:
    """`make eval`: chapters 1-9 under DEV, written to bench/out/."""
    return run_set(DEV_CHAPTERS, DEV, seed, write=True)
