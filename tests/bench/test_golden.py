from bench.golden import ACCEPTANCE_CHAPTERS, DEV_CHAPTERS, build
from bench.noise import ACCEPTANCE, DEV
from bench.tokens import has_iast, score_tokens


def test_build_is_deterministic_for_a_seed() -> None:
    first = build(range(2, 3), DEV, seed=7)
    second = build(range(2, 3), DEV, seed=7)
    assert first.input_srt() == second.input_srt()
    assert first.metadata() == second.metadata()


def test_a_different_seed_gives_different_noise() -> None:
    assert (
        build(range(2, 3), DEV, seed=7).input_srt() != build(range(2, 3), DEV, seed=8).input_srt()
    )


def test_reference_keeps_iast_and_input_has_none() -> None:
    golden = build(range(2, 3), DEV, seed=7)
    assert any(has_iast(segment.reference) for segment in golden.segments)
    assert not any(has_iast(segment.input) for segment in golden.segments)


def test_english_tokens_are_intact_apart_from_a_lowered_sentence_start() -> None:
    golden = build(range(2, 3), ACCEPTANCE, seed=3)
    for segment in golden.segments:
        heard = {token.lower() for token in score_tokens(segment.input)}
        for token, kind in segment.tokens:
            if kind == "english" and token.isalpha():
                assert token.lower() in heard, (token, segment.input)


def test_timings_increase_and_every_segment_has_text() -> None:
    golden = build(range(3, 4), DEV, seed=1)
    starts = [segment.timing.split(" --> ")[0] for segment in golden.segments]
    assert starts == sorted(starts)
    assert all(segment.reference and segment.input for segment in golden.segments)


def test_recitations_and_references_are_recorded_with_their_segments() -> None:
    golden = build(range(2, 3), DEV, seed=11)
    assert golden.recitations
    for recitation in golden.recitations:
        assert recitation.verse_id.startswith("BG2.")
        assert all(golden.segments[p - 1].tokens[0][1] == "verse" for p in recitation.positions)
    expected = [r["expected"] for s in golden.segments for r in s.references]
    assert expected
    assert all(any(ch.isdigit() for ch in e) for e in expected)


def test_dev_and_acceptance_sets_never_share_a_chapter() -> None:
    assert set(DEV_CHAPTERS) == set(range(1, 10))
    assert set(ACCEPTANCE_CHAPTERS) == set(range(10, 19))
