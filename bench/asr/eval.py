"""`make eval-asr`: the engine on lecture speech that a real recogniser transcribed.

Two shares, as in `make eval`: dev (Gītā chapters 1-9, the DEV golden set's reference) and
held-out (chapters 10-18, the ACCEPTANCE set's reference), 300 cues each by default. Each
reference cue is spoken by espeak-ng, transcribed by Whisper base, and the transcripts, with
the reference timings, are the input SRT the engine processes exactly as `bench.eval` runs
it. The held-out share is for measuring only: its figures are printed, never its words, and
no threshold, rule or lexicon entry may be chosen by looking at it.

Audio and transcripts are cached under $SHRUTI_ASR_CACHE (default ~/.cache/shruti-asr): the
first run takes about 16 minutes on two cores, later runs only score.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from bench.asr.build import Built, recognise, select, srt
from bench.asr.cache import cache_root, size_bytes
from bench.asr.errors import render, slips
from bench.asr.figures import Figures, figures
from bench.asr.synth import SynthesisUnavailableError
from bench.asr.transcribe import RecogniserUnavailableError
from bench.golden import ACCEPTANCE_CHAPTERS, DEFAULT_SEED, DEV_CHAPTERS, build
from bench.noise import ACCEPTANCE, DEV, NoiseModel
from bench.source import out_dir
from core.engine import process
from core.transcript.srt import compose, parse
from server.runtime.loader import load_resources
from server.runtime.settings_sources import load_settings


@dataclass(frozen=True, slots=True)
class Share:
    name: str
    chapters: range
    model: NoiseModel  # only its reference phrasings and cue lengths are used
    held_out: bool


DEV_SHARE = Share("asr-dev-bg1-9", DEV_CHAPTERS, DEV, held_out=False)
HELD_OUT_SHARE = Share("asr-heldout-bg10-18", ACCEPTANCE_CHAPTERS, ACCEPTANCE, held_out=True)

_ROWS = (
    ("terms_input", "prose term accuracy, input", "{:.4f}"),
    ("terms_input_cased", "  cased", "{:.4f}"),
    ("terms_output", "prose term accuracy, output", "{:.4f}"),
    ("terms_output_cased", "  cased", "{:.4f}"),
    ("damage_per_1000", "English damaged per 1000", "{:.2f}"),
    ("wer_input", "WER input vs reference", "{:.4f}"),
    ("wer_output", "WER output vs reference", "{:.4f}"),
)


@dataclass(frozen=True, slots=True)
class ShareRun:
    share: Share
    built: Built
    outputs: list[str]
    figures: Figures
    engine_s: float


def run_share(share: Share, cues: int, window: int, seed: int) -> ShareRun:
    """Build (or read from the cache) one share, process it with the engine, score it."""
    golden = build(share.chapters, share.model, seed=seed)
    print(f"{share.name}: {cues} cues of {len(golden.segments)}", file=sys.stderr)
    built = recognise(select(golden, cues, window, seed), cache_root())
    source = f"{share.name}.input.srt"
    input_srt = srt(built.cues, built.heard)
    started = time.perf_counter()
    result = process(parse(input_srt, source=source), load_resources(), load_settings())
    engine_s = time.perf_counter() - started
    by_position = {segment.position: segment.text for segment in result.transcript.segments}
    outputs = [by_position.get(cue.number, "") for cue in built.cues]
    directory = out_dir()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / source).write_text(input_srt, encoding="utf-8")
    references = [cue.reference for cue in built.cues]
    (directory / f"{share.name}.reference.srt").write_text(
        srt(built.cues, references), encoding="utf-8"
    )
    if not share.held_out:  # the held-out output is not left behind to be read
        (directory / f"{share.name}.output.srt").write_text(
            compose(result.transcript), encoding="utf-8"
        )
    scored = figures([cue.tokens for cue in built.cues], references, built.heard, outputs)
    return ShareRun(share, built, outputs, scored, engine_s)


def table(run: ShareRun) -> str:
    """One share's figures as plain text."""
    values = run.figures.as_dict()
    built = run.built
    lines = [
        f"{run.share.name}{' (held out: measure only)' if run.share.held_out else ''}: "
        f"{run.figures.cues} cues, {run.figures.term_tokens} prose Sanskrit tokens, "
        f"{run.figures.english_words} English words right in the input",
    ]
    for key, label, fmt in _ROWS:
        lines.append(f"  {label:<30} {fmt.format(values[key]):>8}")
    lines.append(
        f"  built: {built.synthesised} clips synthesised in {built.seconds['synthesis']:.0f} s, "
        f"{built.transcribed} transcribed in {built.seconds['recognition']:.0f} s "
        f"(the rest cached); engine {run.engine_s:.1f} s"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.asr", description=__doc__)
    parser.add_argument("--cues", type=int, default=300, help="cues per share (default 300)")
    parser.add_argument("--window", type=int, default=12, help="consecutive cues per window")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="golden set and voices")
    parser.add_argument("--dev-only", action="store_true", help="skip the held-out share")
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="print the N most frequent recogniser errors of each kind (dev share only)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    shares = [DEV_SHARE] if args.dev_only else [DEV_SHARE, HELD_OUT_SHARE]
    try:
        runs = [run_share(share, args.cues, args.window, args.seed) for share in shares]
    except (SynthesisUnavailableError, RecogniserUnavailableError) as missing:
        print(f"eval-asr: {missing}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    root = cache_root()
    if args.json:
        payload = {run.share.name: run.figures.as_dict() for run in runs}
        print(json.dumps(payload, indent=1))
    else:
        print("\n".join(table(run) for run in runs))
        print(f"whole run {elapsed:.0f} s; cache {root}: {size_bytes(root) / 2**20:.0f} MiB")
    if args.errors:
        dev = runs[0]
        found = [
            s
            for cue, heard in zip(dev.built.cues, dev.built.heard, strict=True)
            for s in slips(cue.tokens, heard)
        ]
        print(f"recogniser errors in {dev.share.name}:\n{render(found, args.errors)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
