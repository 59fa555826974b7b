"""Speed and size: `python -m bench.throughput` (`make bench`).

Measures, on a 20,000-segment lecture-like SRT made from the chapters 1-9 golden input:
segments/s of core.engine.process (index loading excluded); the whole process (a fresh
`shruti process big.srt -o out.srt`) against a fresh process doing the simplest dictionary
correction of the same file (bench.dictionary_pass: pysrt in, one dict lookup per word,
pysrt out), which is issue 2's "within 5x of a single dictionary pass"; for information, the
engine against an in-memory tokenize + lookup loop; cold start (a fresh `shruti process
tiny.srt -o out`, and load_resources in a fresh interpreter); and peak RSS of processing
the file in a fresh process. Loops are bounded.
"""

from __future__ import annotations

import argparse
import compileall
import json
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.golden import DEFAULT_SEED, DEV_CHAPTERS, GoldSegment, build, timestamp
from bench.noise import DEV
from bench.source import out_dir
from core.engine import process
from core.transcript.segments import Transcript
from core.transcript.srt import parse
from server.runtime.loader import load_resources
from server.runtime.settings_sources import load_settings
from server.runtime.state import kept_for_life

SEGMENTS = 20_000
REPEATS = 3  # timed runs; the best is reported
COLD_REPEATS = 9  # fresh processes per cold-start figure; the median is reported
PACKAGES = ("core", "server", "tools", "prompts")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_TINY = (
    "1\n00:00:01,000 --> 00:00:04,000\nso krishna tells arjun in the bhagavad gita\n\n"
    "2\n00:00:04,200 --> 00:00:07,000\nchapter two verse forty seven, um,\n\n"
    "3\n00:00:07,100 --> 00:00:10,000\nkarmanye vadhikaraste ma phaleshu kadachana\n"
)
_LOAD_ONLY = (
    "import time; started = time.perf_counter(); "
    "from server.runtime.loader import load_resources; load_resources(); "
    "print(time.perf_counter() - started)"
)


@dataclass(frozen=True, slots=True)
class Figures:
    segments: int
    engine_s: float
    segments_per_s: float
    baseline_s: float
    ratio_to_baseline: float
    whole_process_s: float
    dictionary_process_s: float
    whole_ratio: float
    cold_start_cli_s: float
    cold_start_load_s: float
    bare_python_s: float
    load_in_process_s: float
    peak_rss_mb: float


def lecture_srt(segments: int = SEGMENTS, *, chapters: range = DEV_CHAPTERS) -> str:
    """`segments` cues: the golden input rebuilt with new seeds until long enough."""
    cues: list[GoldSegment] = []
    seed = DEFAULT_SEED
    while len(cues) < segments:
        more = build(chapters, DEV, seed=seed).segments
        if not more:
            raise RuntimeError(f"chapters {chapters} gave no segments")
        cues.extend(more)
        seed += 1
    blocks = []
    for number, cue in enumerate(cues[:segments], start=1):
        start = number * 3_000
        timing = f"{timestamp(start)} --> {timestamp(start + 2_500)}"
        blocks.append(f"{number}\n{timing}\n{cue.input}")
    return "\n\n".join(blocks) + "\n"


def _best(run: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def dictionary_pass(transcript: Transcript, table: dict[str, str]) -> int:
    """The baseline: tokenize every segment and look every token up once."""
    hits = 0
    for segment in transcript.segments:
        for word in _WORD.findall(segment.text):
            hits += table.get(word.lower()) is not None
    return hits


def _lookup_table(transcript: Transcript) -> dict[str, str]:
    words = {w.lower() for s in transcript.segments for w in _WORD.findall(s.text)}
    return {word: word.upper() for word in words}


def _wall(command: Sequence[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def _whole_process(srt_path: Path) -> tuple[float, float]:
    """Median wall time of a fresh `shruti process` of the file, and of a fresh dictionary pass."""
    shruti = str(Path(sys.executable).with_name("shruti"))
    out = srt_path.with_suffix(".out.srt")
    command = [shruti, "process", str(srt_path), "-o", str(out), "--overwrite"]
    dictionary = [sys.executable, "-m", "bench.dictionary_pass", str(srt_path), str(out)]
    root = Path(__file__).resolve().parents[1]  # where `bench` is importable
    _wall(command, root)  # the first runs may build the on-disk index caches
    _wall(dictionary, root)
    whole = statistics.median(_wall(command, root) for _ in range(REPEATS))
    baseline = statistics.median(_wall(dictionary, root) for _ in range(REPEATS))
    return whole, baseline


def _cold_start(directory: Path) -> tuple[float, float, float]:
    """Median wall times of a fresh `shruti process`, of load_resources in a fresh python,
    and of a bare `python -c pass` (how fast the machine is starting processes just now).

    The project's modules are byte-compiled first, as `pip install` does: an editable
    checkout run with PYTHONDONTWRITEBYTECODE (set on this machine) would otherwise compile
    every edited module from source on every start, which no installed user pays.
    """
    root = Path(__file__).resolve().parents[1]
    for package in PACKAGES:
        compileall.compile_dir(root / package, quiet=1)
    cli = cli_cold_start(Path(sys.executable).with_name("shruti"), directory)
    bare = statistics.median(
        _wall([sys.executable, "-c", "pass"], directory) for _ in range(COLD_REPEATS)
    )
    loads = []
    for _ in range(COLD_REPEATS):
        done = subprocess.run(
            [sys.executable, "-c", _LOAD_ONLY], check=True, capture_output=True, text=True
        )
        loads.append(float(done.stdout.strip().splitlines()[-1]))
    return cli, statistics.median(loads), bare


def cli_cold_start(shruti: Path, directory: Path) -> float:
    """Median wall time of a fresh `shruti process` of three cues, by the given executable
    (this checkout's, or an installed one: `--cold-start-of`)."""
    tiny = directory / "tiny.srt"
    tiny.write_text(_TINY, encoding="utf-8")
    out = directory / "tiny.out.srt"
    command = [str(shruti), "process", str(tiny), "-o", str(out), "--overwrite"]
    _wall(command, directory)  # the first run may build the on-disk index caches
    return statistics.median(_wall(command, directory) for _ in range(COLD_REPEATS))


def _peak_rss_mb(srt_path: Path) -> float:
    done = subprocess.run(
        [sys.executable, "-m", "bench.throughput", "--rss-child", str(srt_path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def rss_child(srt_path: Path) -> float:
    """In a fresh process: load, parse and process the file; return peak RSS in MB."""
    resources = kept_for_life(load_resources())
    transcript = parse(srt_path.read_text(encoding="utf-8"), source=str(srt_path))
    process(transcript, resources, load_settings())
    return peak_rss_mb()


def peak_rss_mb() -> float:
    """This process's peak RSS in MB.

    Linux's VmHWM belongs to this address space alone; getrusage's ru_maxrss survives exec,
    so in a child spawned by a large parent it reports the parent's size. It is the fallback.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="utf-8").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def measure() -> Figures:
    directory = out_dir()
    directory.mkdir(parents=True, exist_ok=True)
    srt_path = directory / f"lecture-{SEGMENTS}.srt"
    srt_path.write_text(lecture_srt(), encoding="utf-8")
    transcript = parse(srt_path.read_text(encoding="utf-8"), source=str(srt_path))
    loaded = time.perf_counter()
    resources = kept_for_life(load_resources())  # as `shruti process` and the server hold them
    load_s = time.perf_counter() - loaded
    settings = load_settings()
    engine_s = _best(lambda: process(transcript, resources, settings))
    table = _lookup_table(transcript)
    baseline_s = _best(lambda: dictionary_pass(transcript, table))
    cli_s, load_fresh_s, bare_s = _cold_start(directory)
    whole_s, dictionary_s = _whole_process(srt_path)
    return Figures(
        segments=len(transcript.segments),
        engine_s=engine_s,
        segments_per_s=len(transcript.segments) / engine_s,
        baseline_s=baseline_s,
        ratio_to_baseline=engine_s / baseline_s,
        whole_process_s=whole_s,
        dictionary_process_s=dictionary_s,
        whole_ratio=whole_s / dictionary_s,
        cold_start_cli_s=cli_s,
        cold_start_load_s=load_fresh_s,
        bare_python_s=bare_s,
        load_in_process_s=load_s,
        peak_rss_mb=_peak_rss_mb(srt_path),
    )


def table(figures: Figures) -> str:
    rows = (
        ("segments", f"{figures.segments:,}", ""),
        ("engine.process (best of 3)", f"{figures.engine_s:.3f} s", ""),
        ("segments/s", f"{figures.segments_per_s:,.0f}", ">= 10,000"),
        ("whole process: shruti process", f"{figures.whole_process_s:.3f} s", ""),
        ("whole process: dictionary pass", f"{figures.dictionary_process_s:.3f} s", ""),
        ("whole process vs dictionary-pass process", f"{figures.whole_ratio:.1f}x", "<= 5x"),
        ("in-memory lookup loop", f"{figures.baseline_s:.3f} s", ""),
        ("engine vs in-memory lookup loop", f"{figures.ratio_to_baseline:.1f}x", "(info)"),
        ("cold start: shruti process tiny", f"{figures.cold_start_cli_s:.3f} s", "< 0.5 s"),
        ("cold start: load_resources", f"{figures.cold_start_load_s:.3f} s", "< 0.5 s"),
        ("  python -c pass, for scale", f"{figures.bare_python_s:.3f} s", "(info)"),
        ("  load_resources, this process", f"{figures.load_in_process_s:.3f} s", ""),
        ("peak RSS, 20,000 segments", f"{figures.peak_rss_mb:.0f} MB", "< 200 MB"),
    )
    lines = [f"{'figure':<42} {'value':>12}   target"]
    lines += [f"{label:<42} {value:>12}   {target}" for label, value, target in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.throughput", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--rss-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--cold-start-of",
        type=Path,
        metavar="SHRUTI",
        help="only the cold start of this `shruti` executable (say, a `pip install .` venv's)",
    )
    args = parser.parse_args(argv)
    if args.rss_child is not None:
        print(f"{rss_child(args.rss_child):.1f}")
        return 0
    if args.cold_start_of is not None:
        directory = out_dir()
        directory.mkdir(parents=True, exist_ok=True)
        seconds = cli_cold_start(args.cold_start_of, directory)
        print(f"cold start of {args.cold_start_of}: {seconds:.3f} s (median of {COLD_REPEATS})")
        return 0
    figures = measure()
    print(json.dumps(_as_dict(figures), indent=1) if args.json else table(figures))
    return 0


def _as_dict(figures: Figures) -> dict[str, float]:
    return {name: getattr(figures, name) for name in Figures.__dataclass_fields__}


if __name__ == "__main__":
    sys.exit(main())
