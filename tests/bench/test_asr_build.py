import itertools
from pathlib import Path

import pytest

from bench.asr import build as asr_build
from bench.asr.build import Cue, is_recitation, recognise, select, srt, window_starts
from bench.asr.synth import Voice
from bench.asr.transcribe import ModelSpec
from bench.golden import build
from bench.noise import DEV
from core.transcript.srt import parse

VOICE = Voice("en-us", 160, 50)


def _cue(number: int, text: str) -> Cue:
    return Cue(number, f"00:00:0{number},000 --> 00:00:0{number},900", text, (), text, VOICE)


def test_windows_start_at_sentence_starts_spread_over_the_set_without_overlap() -> None:
    starts_ok = [i % 5 == 0 for i in range(1000)]
    starts = window_starts(starts_ok, count=100, window=10)
    assert len(starts) == 10
    assert all(starts_ok[s] for s in starts)
    assert all(b - a >= 10 for a, b in itertools.pairwise(starts))
    assert starts[0] == 0
    assert starts[-1] >= 900


def test_a_set_smaller_than_the_request_is_taken_whole() -> None:
    assert window_starts([True] * 25, count=300, window=10) == [0, 10, 20]


def test_selection_keeps_reference_text_timings_and_tokens_and_respells_for_speech() -> None:
    golden = build(range(2, 3), DEV, seed=7)
    cues = select(golden, count=40, window=8, seed=7)
    assert len(cues) == 40
    assert [cue.number for cue in cues] == list(range(1, 41))
    by_timing = {segment.timing: segment for segment in golden.segments}
    for cue in cues:
        segment = by_timing[cue.timing]
        assert cue.reference == segment.reference
        assert list(cue.tokens) == [tuple(t) for t in segment.tokens]
        assert "ṛ" not in cue.spoken and "ā" not in cue.spoken and "\n" not in cue.spoken
    assert cues == select(golden, count=40, window=8, seed=7)


def test_recitation_cues_are_those_whose_tokens_are_all_verse() -> None:
    assert is_recitation([("karmaṇy", "verse"), ("evādhikāras", "verse")])
    assert not is_recitation([("Kṛṣṇa", "sanskrit"), ("said", "english")])
    assert not is_recitation([])


def test_the_input_srt_has_the_reference_numbers_and_timings_and_parses() -> None:
    cues = [_cue(1, "Krishna said"), _cue(2, "x"), _cue(3, "y")]
    text = srt(cues, ["Krishna said to Arjun and then he said it all again", "", "y"])
    transcript = parse(text)
    assert [s.timing for s in transcript.segments] == [c.timing for c in cues]
    assert transcript.segments[0].text == "Krishna said to Arjun and then\nhe said it all again"
    assert transcript.segments[1].text == ""
    assert transcript.segments[2].text == "y"


class _Fakes:
    """espeak-ng and Whisper stand-ins that count their calls."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.spoken: list[str] = []
        self.heard: list[Path] = []
        fakes = self

        def speak(text: str, voice: Voice, path: Path) -> None:
            fakes.spoken.append(text)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

        class Recogniser:
            def __init__(self, directory: Path, spec: ModelSpec) -> None:
                pass

            def text(self, wav: Path) -> str:
                fakes.heard.append(wav)
                return wav.read_text(encoding="utf-8").upper()

        monkeypatch.setattr(asr_build, "speak", speak)
        monkeypatch.setattr(asr_build, "Recogniser", Recogniser)
        monkeypatch.setattr(asr_build, "join_model", lambda root, spec: root)
        monkeypatch.setattr(asr_build, "model_spec", lambda: ModelSpec("w", "1.0"))


def test_a_second_build_reads_everything_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fakes = _Fakes(monkeypatch)
    cues = [_cue(1, "a b"), _cue(2, "c d")]
    first = recognise(cues, tmp_path, progress=lambda *_: None)
    assert first.heard == ["A B", "C D"]
    assert (first.synthesised, first.transcribed) == (2, 2)
    again = recognise(cues, tmp_path, progress=lambda *_: None)
    assert again.heard == first.heard
    assert (again.synthesised, again.transcribed) == (0, 0)
    assert len(fakes.spoken) == 2 and len(fakes.heard) == 2


def test_a_changed_cue_is_the_only_one_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fakes = _Fakes(monkeypatch)
    recognise([_cue(1, "a b"), _cue(2, "c d")], tmp_path, progress=lambda *_: None)
    changed = recognise([_cue(1, "a b"), _cue(2, "c e")], tmp_path, progress=lambda *_: None)
    assert changed.heard == ["A B", "C E"]
    assert (changed.synthesised, changed.transcribed) == (1, 1)
    assert fakes.spoken == ["a b", "c d", "c e"]
