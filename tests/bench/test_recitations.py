import json
from pathlib import Path

import pytest

from bench import recitations
from bench.asr_models import ALL_MODELS, ZOOM
from bench.golden import GoldenSet, Recitation
from bench.noise import DEV
from bench.recitations import (
    PackVerse,
    Tally,
    build_snippets,
    id_key,
    letters,
    load_pack,
    pack_directory,
    quotes,
    score_recitation,
)

# Well-known texts typed for the test (not copied from any digitisation).
SUTRA = PackVerse("YS 1.2", "Yoga Sūtra", "yogaś cittavṛttinirodhaḥ")
VERSE = PackVerse(
    "IsU 1",
    "Īśa Upaniṣad",
    "oṃ īśā vāsyam idaṃ sarvaṃ yat kiñca jagatyāṃ jagat | "
    "tena tyaktena bhuñjīthā mā gṛdhaḥ kasya svid dhanam",
)
VERSES = [SUTRA, VERSE]


def _perfect(golden: GoldenSet) -> tuple[list[str], set[tuple[int, str]]]:
    outputs = [segment.reference for segment in golden.segments]
    reported = {(p, id_key(r.verse_id)) for r in golden.recitations for p in r.positions}
    return outputs, reported


def _tally(golden: GoldenSet, outputs: list[str], reported: set[tuple[int, str]]) -> Tally:
    by_id = {verse.id: verse for verse in VERSES}
    total = Tally()
    for recitation in golden.recitations:
        total.add(score_recitation(recitation, by_id[recitation.verse_id], outputs, reported))
    return total


def test_letters_drop_dandas_punctuation_and_case_but_keep_spaces() -> None:
    assert letters("Yogaś cittavṛtti-nirodhaḥ ||") == "yogaś cittavṛttinirodhaḥ"
    assert letters("idaṁ  sarvaṃ, | 'vasthānam 3") == "idaṃ sarvaṃ vasthānam"
    assert letters("yogaścittavṛttinirodhaḥ") != letters("yogaś cittavṛttinirodhaḥ")


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.name)
def test_a_perfect_output_scores_one(model: object) -> None:
    for seed in range(6):
        golden = build_snippets(VERSES, model, seed)  # type: ignore[arg-type]
        total = _tally(golden, *_perfect(golden))
        assert total.recitations == 2
        assert total.exact_share == 1.0
        assert total.recognised_share == 1.0


def test_a_damaged_or_unreported_recitation_scores_less() -> None:
    golden = build_snippets(VERSES, DEV, 1)
    outputs, reported = _perfect(golden)
    sutra = next(r for r in golden.recitations if r.verse_id == SUTRA.id)
    outputs[sutra.positions[0] - 1] = "yogas cittavṛttinirodhaḥ"
    reported = {item for item in reported if item[1] != id_key(SUTRA.id)}
    total = _tally(golden, outputs, reported)
    assert total.exact_share < 1.0
    assert total.recognised_share == 0.5


def test_each_half_of_a_whole_verse_on_one_cue_is_scored_on_its_own() -> None:
    recitation = Recitation(VERSE.id, "whole", (1,), "")
    first, second = VERSE.iast.split(" | ")
    right_first = f"{first} tena tyaktena bhuñjīthā mā gṛdhaḥ kasya svid dhanaṃ"
    tally = score_recitation(recitation, VERSE, [right_first], {(1, id_key(VERSE.id))})
    assert (tally.halves, tally.halves_exact) == (2, 1)
    tally = score_recitation(recitation, VERSE, [f"{first} | {second}"], set())
    assert (tally.halves, tally.halves_exact, tally.recognised) == (2, 2, 0)


def test_sutras_are_recited_whole_on_one_cue_and_every_verse_once() -> None:
    for seed in range(10):
        golden = build_snippets(VERSES, ZOOM, seed)
        assert [r.verse_id for r in golden.recitations] == [SUTRA.id, VERSE.id]
        sutra = golden.recitations[0]
        assert (sutra.part, len(sutra.positions)) == ("whole", 1)
        assert all(segment.input.isascii() for segment in golden.segments)


def test_snippets_are_deterministic_for_a_seed() -> None:
    assert (
        build_snippets(VERSES, ZOOM, 3).input_srt() == build_snippets(VERSES, ZOOM, 3).input_srt()
    )
    assert (
        build_snippets(VERSES, ZOOM, 3).input_srt() != build_snippets(VERSES, ZOOM, 4).input_srt()
    )


def test_the_pack_directory_holds_exactly_the_packs_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recitations, "out_dir", lambda: tmp_path / "out")
    pack = tmp_path / "mini.jsonl"
    records = [
        {"id": v.id, "work": v.work, "ref": "", "iast": v.iast, "devanagari": ""} for v in VERSES
    ]
    pack.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    directory = pack_directory([pack])
    assert sorted(p.name for p in directory.iterdir()) == ["mini.jsonl"]
    assert pack_directory([pack]) == directory
    assert load_pack(directory / "mini.jsonl") == VERSES


def test_a_reference_that_quotes_a_verse_is_told_from_one_that_does_not() -> None:
    assert quotes("As the Upaniṣad says, īśāvāsyam idaṁ sarvaṁ yat kiñca jagatyāṁ jagat", VERSE)
    assert not quotes("The Lord is the proprietor of everything in the universe.", VERSE)
