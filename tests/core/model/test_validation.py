"""Validation of model suggestions: the rule result is the floor."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from core.knowledge.english import EnglishWords
from core.model.protocol import Question, Suggestion
from core.model.validation import Checks, check_suggestion
from core.transcript.edits import apply_edits


@dataclass(frozen=True)
class Text:
    id: str
    iast: str


class Verses:
    def get(self, verse_id: str) -> Text | None:
        if verse_id.replace(" ", "").upper() == "BG2.47":
            return Text(
                "BG 2.47", "karmaṇy evādhikāras te mā phaleṣu kadācana | mā karmaphalahetur"
            )
        return None


CHECKS = Checks(
    verses=Verses(),
    english=EnglishWords({"the": 7.0, "lord": 5.0, "says": 5.0, "drama": 4.2, "of": 7.0}),
)
QUESTION = Question(1, "the lord says karmanye vadhikaraste ma", (3, 4, 5), "BG 2.47")


def check(text: str, verse: str | None = None, question: Question = QUESTION) -> str | None:
    suggestion = Suggestion(question.segment, text, verse)
    return check_suggestion(question, suggestion, CHECKS, source="model:t", confidence=0.8).reason


def test_verse_restoration_naming_its_verse_is_accepted_with_span_edits() -> None:
    suggestion = Suggestion(1, "the lord says karmaṇy evādhikāras te mā", "bg 2.47")
    verdict = check_suggestion(QUESTION, suggestion, CHECKS, source="model:t", confidence=0.8)
    assert verdict.accepted
    assert apply_edits(QUESTION.text, list(verdict.edits)) == suggestion.text
    assert {edit.source for edit in verdict.edits} == {"BG 2.47"}


def test_line_break_inside_rewritten_words_is_kept() -> None:
    question = Question(1, "he practised tapasya\nand swadhyaya daily", (2, 3, 4))
    suggestion = Suggestion(1, "he practised tapasyā and svādhyāya daily")
    verdict = check_suggestion(question, suggestion, CHECKS, source="model:t", confidence=0.8)
    assert verdict.accepted
    assert (
        apply_edits(question.text, list(verdict.edits))
        == "he practised tapasyā\nand svādhyāya daily"
    )


def test_unchanged_answer_is_accepted_with_no_edits() -> None:
    verdict = check_suggestion(
        QUESTION, Suggestion(1, QUESTION.text), CHECKS, source="model:t", confidence=0.8
    )
    assert verdict.accepted
    assert verdict.edits == ()


def test_unflagged_word_change_is_rejected() -> None:
    assert "not flagged" in str(check("the Lord says karmaṇy evādhikāras te mā"))


def test_adding_a_word_is_rejected() -> None:
    assert "adds or removes" in str(check("the lord says karmanye vadhikaraste ma indeed"))


def test_invented_verse_is_rejected() -> None:
    assert "does not exist" in str(check("the lord says karmaṇy evādhikāras te mā", "BG 2.99"))


def test_words_not_in_the_named_verse_are_rejected() -> None:
    assert "is not in the text" in str(check("the lord says karmaṇye vādhikāraste mā", "BG 2.47"))


def test_non_iast_output_is_rejected() -> None:
    assert "not IAST" in str(check("the lord says कर्मण्ये vadhikaraste ma"))


def test_far_rewrite_is_rejected() -> None:
    assert "too much" in str(check("the lord says brahmasūtrabhāṣyam vadhikaraste ma"))


def test_flagged_common_english_word_is_never_changed() -> None:
    question = Question(2, "it was a drama of the soul", (3,))
    assert "English" in str(check("it was a dharma of the soul", question=question))


WORDS = st.sampled_from(["the", "lord", "says", "karmanye", "vadhikaraste", "ma", "mā", "x"])


@given(st.lists(WORDS, min_size=1, max_size=8))
def test_accepted_suggestions_never_touch_unflagged_words(words: list[str]) -> None:
    text = " ".join(words)
    verdict = check_suggestion(
        QUESTION, Suggestion(1, text), CHECKS, source="model:t", confidence=0.8
    )
    if verdict.accepted:
        result = apply_edits(QUESTION.text, list(verdict.edits)).split()
        original = QUESTION.text.split()
        assert result[:3] == original[:3]
