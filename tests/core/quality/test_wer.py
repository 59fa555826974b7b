"""Error rates and term accuracy against a reference: marks are never stripped."""

from __future__ import annotations

import unicodedata

from hypothesis import assume, given
from hypothesis import strategies as st

from core.quality.report import validate
from core.quality.wer import compare, term_score
from core.transcript.segments import Segment, Transcript
from core.transcript.srt import parse


def _transcript(*texts: str) -> Transcript:
    return Transcript(
        tuple(
            Segment(n, n, f"00:00:0{n},000 --> 00:00:0{n},900", n * 1000, n * 1000 + 900, text)
            for n, text in enumerate(texts, start=1)
        )
    )


LECTURE = _transcript("Kṛṣṇa tells Arjuna,", "karmaṇy evādhikāras te", "the Bhagavad Gītā.")


def test_wer_of_a_file_with_itself_is_zero_in_every_variant() -> None:
    metrics = compare(LECTURE, LECTURE)
    assert set(metrics.rates) == {
        f"{kind}{suffix}"
        for kind in ("wer", "cer")
        for suffix in ("", "_casefold", "_nopunct", "_normalized")
    }
    assert all(value == 0.0 for value in metrics.rates.values())
    assert metrics.terms.accuracy == 1.0
    assert metrics.diffs == ()


def test_the_report_of_a_file_against_itself_has_zero_wer() -> None:
    text = "1\n00:00:01,000 --> 00:00:03,000\nKṛṣṇa tells Arjuna\n"
    metrics = validate(parse(text), reference=parse(text)).as_dict()["metrics"]
    assert isinstance(metrics, dict)
    assert metrics["wer"] == 0.0
    assert metrics["cer"] == 0.0
    assert metrics["term_accuracy"] == 1.0
    assert metrics["alignment"] == []


def test_a_substituted_word_is_aligned_with_its_output_segment() -> None:
    output = _transcript("Kṛṣṇa tells Arjuna,", "karmanye evādhikāras te", "the Bhagavad Gītā.")
    metrics = compare(output, LECTURE)
    assert metrics.rates["wer"] == 1 / 9
    assert [d.as_dict() for d in metrics.diffs] == [
        {"type": "substitute", "reference": "karmaṇy", "output": "karmanye", "segment": 2}
    ]
    assert metrics.terms.matched == 3
    assert metrics.terms.total == 4


def test_case_and_punctuation_variants_forgive_only_case_and_punctuation() -> None:
    output = _transcript("kṛṣṇa tells Arjuna", "karmaṇy evādhikāras te", "the Bhagavad Gītā")
    rates = compare(output, LECTURE).rates
    assert rates["wer"] > 0
    assert rates["wer_casefold"] > 0
    assert rates["wer_nopunct"] > 0
    assert rates["wer_normalized"] == 0.0
    assert compare(output, LECTURE).terms.accuracy == 1.0


def test_a_missing_diacritic_is_an_error_in_every_variant() -> None:
    output = _transcript("Krsna tells Arjuna,", "karmaṇy evādhikāras te", "the Bhagavad Gītā.")
    rates = compare(output, LECTURE).rates
    assert rates["wer_normalized"] == 1 / 9
    assert rates["cer_normalized"] > 0


def test_term_accuracy_is_none_when_the_reference_has_no_sanskrit_words() -> None:
    assert term_score("hello", "hello world").accuracy is None


_LETTERS = "aiukgcjtdnpbmyrlvsh" + "āīūṛṅñṭḍṇśṣṃḥ"
_MARKED = "āīūṛṅñṭḍṇśṣṃḥ"
_words = st.text(alphabet=_LETTERS, min_size=1, max_size=8)
_segments = st.lists(st.lists(_words, min_size=1, max_size=6), min_size=1, max_size=5)


@given(_segments, st.data())
def test_term_accuracy_is_one_for_equal_texts_and_drops_when_a_mark_is_removed(
    segments: list[list[str]], data: st.DataObject
) -> None:
    reference = _transcript(*(" ".join(words) for words in segments))
    marked = [
        (s, w)
        for s, words in enumerate(segments)
        for w, word in enumerate(words)
        if any(c in _MARKED for c in word)
    ]
    assume(marked)
    assert compare(reference, reference).terms.accuracy == 1.0

    s, w = data.draw(st.sampled_from(marked))
    word = segments[s][w]
    at = data.draw(st.sampled_from([i for i, c in enumerate(word) if c in _MARKED]))
    bare = unicodedata.normalize("NFD", word[at])[0]
    damaged = [list(words) for words in segments]
    damaged[s][w] = word[:at] + bare + word[at + 1 :]
    output = _transcript(*(" ".join(words) for words in damaged))
    accuracy = compare(output, reference).terms.accuracy
    assert accuracy is not None
    assert accuracy < 1.0
