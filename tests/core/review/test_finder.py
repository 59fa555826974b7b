"""find_uncertain: spans of the output as written, from the stages and the review pass."""

from __future__ import annotations

import pytest

from core.engine import Resources, process
from core.review import Uncertain, find_uncertain
from core.review.items import Candidate
from core.settings import Settings
from core.transcript.edits import Correction, Finding, moved_span
from core.transcript.srt import parse

LECTURE = """1
00:00:01,000 --> 00:00:03,000
um the the practice of yoge

2
00:00:03,000 --> 00:00:05,500
krishna says to arjun
that the bhagav at gita

3
00:00:05,500 --> 00:00:07,000
is very nice
"""


def test_every_span_is_the_output_text_it_names(indexes: Resources) -> None:
    result = process(parse(LECTURE, source="t.srt"), indexes, Settings())
    items = find_uncertain(result, indexes.reviewer())
    texts = result.transcript.texts
    assert [(item.segment, item.text) for item in items] == [(1, "yoge"), (2, "bhagav at")]
    for item in items:
        assert texts[item.segment - 1][item.start : item.end] == item.text
    assert texts[1] == "Kṛṣṇa says to Arjuna\nthat the bhagav at Gītā"
    assert items[1].as_dict()["span"] == [30, 39]  # lines joined by "\n", as written
    assert items[1].candidates[0].as_dict() == {
        "text": "bhagavat",
        "score": 0.9,  # the halves joined, a match by phonetic key
        "source": "lexicon:bhagavat",
    }


def test_a_finding_moves_with_the_edits_before_it_and_vanishes_when_rewritten() -> None:
    finding = Finding(1, "uncertain", "", 0.0, start=10, end=14, detail="abcd")
    stages = ("terms", "model")
    shorter = Correction(1, 0, 5, "hello", "hi", "terms", "lexicon", 1.0)
    assert moved_span(finding, [shorter], stages) == (7, 11)
    inside = Correction(1, 8, 9, "b", "bbb", "model", "model", 1.0)  # in the model's input
    assert moved_span(finding, [shorter, inside], stages) == (7, 13)
    straddling = Correction(1, 8, 12, "xxxx", "y", "terms", "lexicon", 1.0)
    assert moved_span(finding, [straddling], stages) is None
    earlier_stage = Correction(1, 0, 5, "hello", "hi", "verses", "verse", 1.0)
    assert moved_span(finding, [earlier_stage], stages) == (10, 14)  # already in its input


def test_a_restored_verse_is_not_questioned(indexes: Resources) -> None:
    recited = "1\n00:00:01,000 --> 00:00:05,000\nkarmanye vadhikaraste ma phaleshu kadachana\n"
    result = process(parse(recited, source="v.srt"), indexes, Settings())
    assert result.transcript.texts == ["karmaṇy evādhikāras te mā phaleṣu kadācana"]
    assert find_uncertain(result, indexes.reviewer()) == []


def test_a_recited_compound_books_print_hyphenated_is_offered_so(indexes: Resources) -> None:
    recited = (
        "1\n00:00:01,000 --> 00:00:05,000\nishvarah sarva bhutanam hrid deshe rjuna tishthati\n"
    )
    result = process(parse(recited, source="v.srt"), indexes, Settings())
    assert result.transcript.texts == ["īśvaraḥ sarvabhūtānāṃ hṛddeśe 'rjuna tiṣṭhati"]
    items = find_uncertain(result, indexes.reviewer())
    assert [(item.text, [(c.text, c.source) for c in item.candidates]) for item in items] == [
        ("sarvabhūtānāṃ", [("sarva-bhūtānāṃ", "books"), ("sarvabhūtānāṃ", "keep")]),
        ("hṛddeśe", [("hṛd-deśe", "books"), ("hṛddeśe", "keep")]),
    ]
    for item in items:
        assert result.transcript.texts[0][item.start : item.end] == item.text


def test_candidates_are_written_in_the_house_style(indexes: Resources) -> None:
    from core.engine import house_style

    settings = Settings.model_validate({"style": {"script": "simple"}})
    result = process(parse(LECTURE, source="t.srt"), indexes, settings)
    items = find_uncertain(result, indexes.reviewer(), house_style(settings))
    assert result.transcript.texts[1].startswith("Krishna says to Arjuna")
    by_text = {item.text: [c.text for c in item.candidates] for item in items}
    assert by_text["bhagav at"][:2] == ["bhagavat", "bhagavata"]  # not bhāgavata, which the
    # file would then mix in
    assert "Krishna" not in by_text  # written as the style writes it: nothing to decide
    for item in items:
        assert all(c.text.isascii() for c in item.candidates), item


def _doubtful(
    cue: str,
    corrections: list[Correction],
    spelled: list[Candidate],
    read: list[Candidate] | None = None,
) -> list[Uncertain]:
    """The doubtful corrections of a one-cue output, the marks model spelling as `spelled`
    and the reviewer reading a word left as heard as `read`."""
    from types import SimpleNamespace

    from core.review.finder import _doubtful_corrections

    output = f"1\n00:00:01,000 --> 00:00:02,000\n{cue}\n"
    transcript = parse(output, source="t.srt")
    result = SimpleNamespace(transcript=transcript, findings=[], corrections=corrections)
    speller = SimpleNamespace(spellings=lambda word: spelled, readings=lambda word: read)
    return list(_doubtful_corrections(result, transcript.texts, speller))


def test_a_doubtful_match_the_rules_applied_is_offered_back_with_the_heard_word() -> None:
    corrections = [
        Correction(1, 4, 11, "pratyag", "Prayāga", "terms", "lexicon:prayaga", 0.88),
        Correction(1, 12, 16, "atma", "ātmā", "terms", "lexicon:atma", 0.98),  # sure
        Correction(1, 20, 27, "krishna", "Kṛṣṇa", "terms", "lexicon:krsna", 0.98),
    ]
    spelled = [Candidate("pratyāg", 0.4, "generated")]
    (item,) = _doubtful("the Prayāga ātmā is Kṛṣṇa", corrections, spelled)
    assert (item.start, item.end, item.text) == (4, 11, "Prayāga")
    assert [c.text for c in item.candidates] == ["pratyāg", "pratyag", "Prayāga"]
    assert item.candidates[-1].source == "keep"


@pytest.mark.parametrize(
    ("confidence", "offered"),
    [
        (0.903, True),  # a close likeness (a fuzzy match) is still a likeness
        (0.95, True),  # the best a likeness scores
        (0.9, False),  # a match by phonetic key
        (0.98, False),  # an ASR spelling the lexicon knows
    ],
)
def test_every_likeness_the_rules_applied_is_offered_back(confidence: float, offered: bool) -> None:
    corrections = [Correction(1, 4, 11, "pratyag", "Prayāga", "terms", "lexicon:x", confidence)]
    items = _doubtful("the Prayāga ātmā", corrections, [])
    assert bool(items) is offered


def test_a_word_the_rules_cut_into_members_by_likeness_is_offered_back() -> None:
    corrections = [
        # a cut at 0.94: doubtful, though a one-word match at 0.94 would not be
        Correction(1, 8, 18, "samanvitam", "sāman-vitāna", "terms", "lexicon:saman", 0.94),
        Correction(1, 23, 32, "gyanayoga", "jñāna-yoga", "terms", "lexicon:jnana-yoga", 0.98),
    ]
    (item,) = _doubtful("vijñāna-sāman-vitāna and jñāna-yoga", corrections, [])
    assert item.text == "sāman-vitāna"
    assert [c.text for c in item.candidates] == ["samanvitam", "sāman-vitāna"]


def test_a_word_whose_marks_the_rules_guessed_is_offered_back_as_a_word_left_as_heard() -> None:
    corrections = [
        Correction(1, 6, 15, "kshamavan", "kṣamāvān", "terms", "spelling", 0.5),
    ]
    read = [
        Candidate("kṣamāvat", 0.7, "lexicon:ksamavat"),
        Candidate("kṣamavān", 0.54, "generated"),
    ]
    (item,) = _doubtful("Kṛṣṇa kṣamāvān is", corrections, [], read)
    assert item.text == "kṣamāvān"
    assert [c.text for c in item.candidates] == ["kṣamāvat", "kṣamavān", "kshamavan", "kṣamāvān"]


def test_a_sure_match_ending_in_a_visarga_no_one_heard_is_offered_back_without_it() -> None:
    corrections = [
        Correction(1, 12, 16, "gati", "gatiḥ", "terms", "lexicon:gatih", 0.98),
        Correction(1, 24, 29, "devah", "devaḥ", "terms", "lexicon:devah", 0.98),  # heard
        Correction(1, 34, 38, "atma", "ātmā", "terms", "lexicon:atma", 0.98),
    ]
    (item,) = _doubtful("the svārtha gatiḥ of the devaḥ and ātmā", corrections, [])
    assert (item.start, item.end, item.text) == (12, 17, "gatiḥ")
    assert [c.text for c in item.candidates] == ["gatiḥ", "gati"]  # keeping ranks first
    assert item.candidates[0].source == "keep"
