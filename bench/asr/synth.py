"""Speech for one cue: espeak-ng's en-us voice, rate and pitch varied per clip by a seeded RNG."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

ESPEAK = "espeak-ng"
INSTALL_HINT = "espeak-ng is missing: install it with `apt-get install -y espeak-ng` (Debian)"
RATES = (145, 180)  # words per minute; espeak-ng's default is 175
PITCHES = (35, 65)  # 0-99; default 50


class SynthesisUnavailableError(RuntimeError):
    """espeak-ng is not installed, and a clip is not in the cache."""


@dataclass(frozen=True, slots=True)
class Voice:
    name: str
    rate: int
    pitch: int

    def settings(self) -> dict[str, object]:
        return asdict(self)


def voice_for(text: str, seed: int, name: str = "en-us") -> Voice:
    """The voice of one clip, drawn from `seed` and the text (so a cue keeps its voice)."""
    rng = random.Random(f"{seed}:{text}")
    return Voice(name, rng.randint(*RATES), rng.randint(*PITCHES))


def espeak() -> str:
    path = shutil.which(ESPEAK)
    if path is None:
        raise SynthesisUnavailableError(INSTALL_HINT)
    return path


def speak(text: str, voice: Voice, path: Path) -> None:
    """Write `text` spoken by `voice` to the WAV file `path` (text via stdin: no option parsing).

    espeak-ng writes the file itself (-w) so the RIFF header carries the real length; it goes
    to a temporary name first so a stopped build leaves no half clip in the cache.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    command = [espeak(), "-v", voice.name, "-s", str(voice.rate), "-p", str(voice.pitch)]
    subprocess.run(
        [*command, "-w", str(temporary), "--stdin"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=120,
    )
    with temporary.open("rb") as wav:
        riff = wav.read(4) == b"RIFF"
    if not riff:
        raise RuntimeError(f"espeak-ng wrote no WAV for {text[:60]!r}")
    temporary.replace(path)
