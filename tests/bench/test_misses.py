from bench.golden import GoldenSet, GoldSegment, Recitation
from bench.metrics import RecognisedVerse
from bench.misses import find_misses

TIMING = "00:00:01,000 --> 00:00:02,000"


def _golden() -> GoldenSet:
    tokens = [("Kṛṣṇa", "sanskrit"), ("tells", "english"), ("Arjuna", "sanskrit")]
    segments = [
        GoldSegment(1, TIMING, "Kṛṣṇa tells Arjuna", "krishna tells arjun", tokens),
        GoldSegment(
            2,
            TIMING,
            "in chapter 2, verse 47",
            "in chapter two verse forty seven",
            [("in", "english"), ("chapter", "english"), ("2", "number")],
            references=[{"expected": "chapter 2, verse 47"}],
        ),
        GoldSegment(3, TIMING, "karmaṇy evādhikāras te", "karmanye vadhikaraste", []),
    ]
    recitation = Recitation("BG2.47", "first half", (3,), "karmaṇy evādhikāras te")
    return GoldenSet("tiny", 0, segments, [recitation])


def test_misses_name_the_missed_term_damage_reference_and_verse() -> None:
    outputs = ["Kṛṣṇa tell arjun", "in chapter two verse forty seven", "karmanye vadhikaraste"]
    misses = find_misses(_golden(), outputs, [RecognisedVerse(3, "BG 2.48")], limit=5)
    assert [m.split(" |")[0] for m in misses.terms] == ["Arjuna"]
    assert [m.split(" |")[0] for m in misses.damage] == ["tells"]
    assert len(misses.numbers) == 1
    assert misses.verses[0].startswith("BG2.47")
    assert "BG2.48" in misses.verses[0]


def test_a_perfect_output_has_no_misses() -> None:
    golden = _golden()
    outputs = [segment.reference for segment in golden.segments]
    misses = find_misses(golden, outputs, [RecognisedVerse(3, "BG 2.47")], limit=5)
    assert misses.terms == misses.damage == misses.numbers == misses.verses == []


def test_limit_bounds_the_examples() -> None:
    outputs = ["x y z", "", ""]
    misses = find_misses(_golden(), outputs, [], limit=1)
    assert len(misses.terms) == 1
