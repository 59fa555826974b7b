"""Build one share of the ASR set: pick reference cues, speak them, transcribe each clip.

The reference cues are the golden-set builder's (`bench.golden.build`): its reference text,
timings and scoring tokens. Only the input changes: each cue is spoken by espeak-ng and the
recogniser's text for that clip becomes the input cue, so cues stay aligned one to one.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.asr.cache import (
    audio_key,
    audio_path,
    transcript_key,
    transcript_path,
    write_atomically,
)
from bench.asr.respell import respell
from bench.asr.synth import Voice, speak, voice_for
from bench.asr.transcribe import Recogniser, join_model, model_spec
from bench.golden import GoldenSet

_SENTENCE_END = re.compile(r"[.!?][\"”’)]*$")


@dataclass(frozen=True, slots=True)
class Cue:
    """One reference cue of the set and how it is spoken."""

    number: int
    timing: str
    reference: str
    tokens: tuple[tuple[str, str], ...]  # (scoring token, kind) as the golden set gives them
    spoken: str  # the reference with Sanskrit respelled, what espeak-ng says
    voice: Voice


@dataclass(slots=True)
class Built:
    """A share's cues, the recogniser's text for each, and what building them cost."""

    cues: list[Cue]
    heard: list[str]
    synthesised: int = 0
    transcribed: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def is_recitation(tokens: Sequence[tuple[str, str]]) -> bool:
    """A recited-verse cue: every scored token is verse text, so every word is Sanskrit."""
    return bool(tokens) and all(kind == "verse" for _, kind in tokens)


def window_starts(sentence_starts: Sequence[bool], count: int, window: int) -> list[int]:
    """Starts of `count // window` non-overlapping windows spread evenly over the cues.

    Each window begins at a sentence start at or after its even share of the set, so the
    engine sees whole sentences (and whole recitations) in context, as in a lecture.
    """
    total = len(sentence_starts)
    windows = max(1, count // window)
    if total <= window * windows:
        return list(range(0, total, window))
    starts: list[int] = []
    for i in range(windows):
        start = max(i * total // windows, starts[-1] + window if starts else 0)
        while start < total - window and not sentence_starts[start]:
            start += 1
        if start > total - window:
            break
        starts.append(start)
    return starts


def select(golden: GoldenSet, count: int, window: int, seed: int) -> list[Cue]:
    """`count` reference cues of `golden` in windows of `window` consecutive cues."""
    segments = golden.segments
    starts_ok = [True] + [bool(_SENTENCE_END.search(s.reference)) for s in segments[:-1]]
    chosen = [
        segments[i]
        for start in window_starts(starts_ok, count, window)
        for i in range(start, min(start + window, len(segments)))
    ][:count]
    cues = []
    for number, segment in enumerate(chosen, start=1):
        tokens = tuple((token, kind) for token, kind in segment.tokens)
        text = " ".join(segment.reference.split())
        spoken = respell(text, all_sanskrit=is_recitation(tokens))
        cues.append(
            Cue(number, segment.timing, segment.reference, tokens, spoken, voice_for(spoken, seed))
        )
    return cues


def _lines(text: str) -> str:
    """A long cue on two lines, broken at the middle word, as subtitles are."""
    words = text.split()
    if len(words) <= 7:
        return " ".join(words)
    cut = (len(words) + 1) // 2
    return " ".join(words[:cut]) + "\n" + " ".join(words[cut:])


def srt(cues: Sequence[Cue], texts: Sequence[str]) -> str:
    """An SRT of `texts` with the cues' numbers and timings (an empty text stays a cue)."""
    blocks = [
        "\n".join(part for part in (str(cue.number), cue.timing, _lines(text)) if part)
        for cue, text in zip(cues, texts, strict=True)
    ]
    return "\n\n".join(blocks) + "\n"


def _progress(stage: str, done: int, total: int) -> None:
    if done == total or done % 50 == 0:
        print(f"  {stage} {done}/{total}", file=sys.stderr, flush=True)


def recognise(
    cues: Sequence[Cue],
    root: Path,
    progress: Callable[[str, int, int], None] = _progress,
) -> Built:
    """The recogniser's text for each cue, synthesising and transcribing only cache misses."""
    built = Built(list(cues), [])
    started = time.perf_counter()
    spec = model_spec()
    model = spec.settings()
    clips = []
    for done, cue in enumerate(cues, start=1):
        key = audio_key(cue.spoken, cue.voice.settings())
        wav = audio_path(root, key)
        if not wav.is_file():
            speak(cue.spoken, cue.voice, wav)
            built.synthesised += 1
            progress("synthesised", done, len(cues))
        clips.append((wav, transcript_path(root, transcript_key(key, model))))
    built.seconds["synthesis"] = time.perf_counter() - started
    started = time.perf_counter()
    recogniser: Recogniser | None = None
    for done, (wav, cached) in enumerate(clips, start=1):
        if not cached.is_file():
            if recogniser is None:
                recogniser = Recogniser(join_model(root, spec), spec)
            text = recogniser.text(wav)
            record = {"text": text, "audio": wav.name, "model": model}
            write_atomically(cached, json.dumps(record, ensure_ascii=False).encode("utf-8"))
            built.transcribed += 1
            progress("transcribed", done, len(clips))
        built.heard.append(str(json.loads(cached.read_text(encoding="utf-8"))["text"]))
    built.seconds["recognition"] = time.perf_counter() - started
    return built
