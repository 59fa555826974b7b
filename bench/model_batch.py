"""A batch with a failing model endpoint: `python -m bench.model_batch`.

Twelve lectures of 120 cues through `shruti batch IN OUT --jobs 2`, three times: rules only
(`--model off`), and `--model auto` against a loopback endpoint that is down (nothing
listens) and one that hangs (accepts, never answers). Each batch worker keeps one model
runtime for all its files, so once its breaker opens, the files after cost no model time.
Targets (issue 15): hanging <= 45 s; down within 15 s of rules only; every output byte for
byte the rules-only output. Prints each batch's seconds, files that fell back by reason,
and the breaker state changes the report lists.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.batch_throughput import make_folder
from tests.support.fake_openai import Mode, fake_openai

HANGING_TARGET_S = 45.0
DOWN_MARGIN_S = 15.0


@dataclass(frozen=True, slots=True)
class Batch:
    name: str
    seconds: float
    exit_code: int
    summary: dict[str, object]
    outputs: dict[str, bytes]


def shruti() -> list[str]:
    return [sys.executable, "-c", "from server.cli.main import main; main()"]


def run_batch(name: str, source: Path, work: Path, *, env: dict[str, str], model: str) -> Batch:
    output, report = work / f"out-{name}", work / f"{name}.json"
    command = [*shruti(), "batch", str(source), str(output), "--jobs", "2"]
    command += ["--model", model, "--report", str(report)]
    started = time.perf_counter()
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    seconds = time.perf_counter() - started
    outputs = {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*.srt"))
    }
    summary = json.loads(report.read_text(encoding="utf-8"))["summary"] if report.exists() else {}
    return Batch(name, seconds, done.returncode, summary, outputs)


@contextmanager
def endpoint(mode: Mode) -> Iterator[str]:
    with fake_openai(mode) as fake:
        yield fake.base_url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.model_batch", description=__doc__)
    parser.add_argument("--files", type=int, default=12)
    parser.add_argument("--cues", type=int, default=120)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="shruti-model-batch-") as scratch:
        work = Path(scratch)
        source = work / "in"
        make_folder(source, files=args.files, segments_per_file=args.cues)
        base_env = {**os.environ, "SHRUTI_HOME": str(work / "home")}
        batches = [run_batch("rules", source, work, env=base_env, model="off")]
        modes: tuple[Mode, ...] = ("down", "hang")
        for mode in modes:
            with endpoint(mode) as url:
                env = {
                    **base_env,
                    "SHRUTI_MODEL__BACKEND": "openai",
                    "SHRUTI_MODEL__BASE_URL": url,
                }
                batches.append(run_batch(mode, source, work, env=env, model="auto"))
    rules = batches[0]
    print(f"{args.files} files x {args.cues} cues, --jobs 2, default model settings")
    print(f"{'endpoint':<10} {'seconds':>8}  {'exit':>4}  identical  fell back (files)")
    failed = False
    for batch in batches:
        model = batch.summary.get("model")
        fell_back = model.get("fell_back", {}) if isinstance(model, dict) else {}
        same = batch.outputs == rules.outputs and len(batch.outputs) == args.files
        failed |= not same or batch.exit_code != 0
        figures = f"{batch.seconds:>8.1f}  {batch.exit_code:>4}  {same!s:>9}"
        print(f"{batch.name:<10} {figures}  {fell_back}")
        if isinstance(model, dict):
            for event in model.get("breaker_events", []):
                print(f"{'':<12}breaker {event['from']} -> {event['to']} at {event['at']}")
    hang = next(b for b in batches if b.name == "hang")
    down = next(b for b in batches if b.name == "down")
    print(f"hanging: {hang.seconds:.1f} s (target <= {HANGING_TARGET_S:g} s)")
    extra = down.seconds - rules.seconds
    print(f"down: {extra:+.1f} s over rules only (target <= +{DOWN_MARGIN_S:g} s)")
    failed |= hang.seconds > HANGING_TARGET_S or down.seconds - rules.seconds > DOWN_MARGIN_S
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
