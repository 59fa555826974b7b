from pathlib import Path

from bench.asr.cache import (
    audio_key,
    audio_path,
    cache_root,
    transcript_key,
    transcript_path,
    write_atomically,
)
from bench.asr.synth import voice_for

MODEL = {"weights": "a+b", "beam_size": 5, "language": "en"}


def test_the_cache_root_is_the_environment_variable_or_the_user_cache() -> None:
    assert cache_root({"SHRUTI_ASR_CACHE": "/tmp/x"}) == Path("/tmp/x")
    assert cache_root({}) == Path("~/.cache/shruti-asr").expanduser()
    assert cache_root({"SHRUTI_ASR_CACHE": ""}) == Path("~/.cache/shruti-asr").expanduser()


def test_a_clip_key_depends_on_text_and_every_voice_setting_only() -> None:
    voice = {"name": "en-us", "rate": 160, "pitch": 50}
    key = audio_key("Krishna said", voice)
    assert key == audio_key("Krishna said", dict(reversed(voice.items())))
    assert key != audio_key("Krishna says", voice)
    assert key != audio_key("Krishna said", {**voice, "rate": 161})
    assert key != audio_key("Krishna said", {**voice, "pitch": 51})
    assert key != audio_key("Krishna said", {**voice, "name": "en-gb"})


def test_a_transcript_key_depends_on_the_clip_and_the_model_and_its_options() -> None:
    key = transcript_key("clip", MODEL)
    assert key == transcript_key("clip", dict(MODEL))
    assert key != transcript_key("other clip", MODEL)
    assert key != transcript_key("clip", {**MODEL, "weights": "a+c"})
    assert key != transcript_key("clip", {**MODEL, "beam_size": 1})


def test_audio_and_transcripts_live_in_separate_fanned_out_folders() -> None:
    key = audio_key("x", {"rate": 1})
    assert audio_path(Path("/c"), key) == Path("/c/audio") / key[:2] / f"{key}.wav"
    assert transcript_path(Path("/c"), key).parent == Path("/c/text") / key[:2]


def test_voices_are_reproducible_and_vary_between_clips() -> None:
    assert voice_for("Krishna said", 1) == voice_for("Krishna said", 1)
    voices = {voice_for(f"cue {i}", 1) for i in range(40)}
    assert len({v.rate for v in voices}) > 5
    assert len({v.pitch for v in voices}) > 5
    assert all(145 <= v.rate <= 180 and 35 <= v.pitch <= 65 for v in voices)
    assert {v.name for v in voices} == {"en-us"}


def test_an_atomic_write_leaves_only_the_finished_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.json"
    write_atomically(target, b"{}")
    write_atomically(target, b"[]")
    assert target.read_bytes() == b"[]"
    assert [p.name for p in target.parent.iterdir()] == ["b.json"]
