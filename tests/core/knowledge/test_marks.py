"""The marks model: IAST spellings of a plain word, ranked by how Sanskrit they look."""

from __future__ import annotations

import pytest

from core.engine import Resources
from core.knowledge.marks import MarkModel


@pytest.fixture(scope="module")
def model(indexes: Resources) -> MarkModel:
    return MarkModel.of(entry.iast for entry in indexes.lexicon.entries)


@pytest.mark.parametrize(
    ("heard", "meant"),
    [
        ("srijami", "sṛjāmi"),  # ri: ṛ; a: ā
        ("srujami", "sṛjāmi"),  # ru: ṛ, as Indian English spells it (srushti, amruta)
        ("vaidurya", "vaidūrya"),
        ("yogarurukshu", "yogārurukṣu"),  # sh: ṣ after k
        ("amanitva", "amānitva"),
        ("shala", "śālā"),
        ("chaytanya", "caitanya"),  # ay: ai, as English spells the diphthong
        ("vinyana", "vijñāna"),  # ny: jñ, as some speakers say it ("manyate" stays)
    ],
)
def test_the_meant_spelling_is_among_the_first_three(
    model: MarkModel, heard: str, meant: str
) -> None:
    assert meant in [spelled for spelled, _ in model.spellings(heard)]


def test_every_spelling_reads_back_as_the_heard_word_and_keeps_its_capital(
    model: MarkModel,
) -> None:
    from core.knowledge.phonetic import fold

    found = model.spellings("Draupadi", limit=5)
    assert found and all(spelled[0] == "D" for spelled, _ in found)
    assert all(fold(spelled).lower() == "draupadi" for spelled, _ in found)
    scores = [score for _, score in found]
    assert scores == sorted(scores, reverse=True)


def test_a_model_of_a_few_words_prefers_their_letters() -> None:
    model = MarkModel.of(["ātmā", "ātman", "ātmānam", "mahātmā"])
    assert model.spellings("atma", limit=1)[0][0] == "ātmā"


@pytest.mark.parametrize("word", ["", "Kṛṣṇa", "don't", "x" * 40, "42"])
def test_what_the_rules_do_not_read_gets_no_spelling(model: MarkModel, word: str) -> None:
    assert model.spellings(word) == []


def test_the_likeliest_spelling_is_named_only_when_no_other_is_as_likely() -> None:
    model = MarkModel.of(["ātmā", "atma"])
    assert model.likeliest("atma") is None  # ātmā and atma are as likely
    model = MarkModel.of(["ātmā", "atma", "kṣamāvān", "bhagavān"])
    assert model.likeliest("kshamavan") == "kṣamāvān"


def test_the_likeliest_spelling_leaves_a_final_s_or_n_and_its_anusvara_stands_before_a_consonant(
    model: MarkModel,
) -> None:
    assert model.likeliest("trivedis") == "trivedīs"  # an English plural, not trivediś
    assert model.likeliest("pradandayan") == "pradaṇḍayan"  # not pradaṇḍayaṃ
    assert all("ṃi" not in spelled for spelled, _ in model.spellings("omity", limit=5))


def test_a_model_counts_each_word_padded_with_its_history_and_end() -> None:
    # "ab" is read as ###ab#: every gram ending at a, at b and at the end, of one to four
    # letters; the padding before the word is history only, never a letter read
    expected = {
        "a": 1, "#a": 1, "##a": 1, "###a": 1,
        "b": 1, "ab": 1, "#ab": 1, "##ab": 1,
        "#": 1, "b#": 1, "ab#": 1, "#ab#": 1,
    }  # fmt: skip
    assert dict(MarkModel.of(["ab"]).counts) == expected
    two = MarkModel.of(["ab", "ba"])
    assert two.counts["#"] == 2 and two.counts["a"] == 2
    assert not any("|" in gram or gram in ("##", "###") for gram in two.counts)
    assert two.contexts["###"] == 2 and two.contexts[""] == sum(
        count for gram, count in two.counts.items() if len(gram) == 1
    )


def test_a_model_survives_its_state_and_refuses_another_shape() -> None:
    model = MarkModel.of(["ātmā", "ātman", "mahātmā"])
    again = MarkModel.from_state(model.to_state())
    assert again == model
    with pytest.raises(TypeError):
        MarkModel.from_state(([1, 2], 3))  # type: ignore[arg-type]


def test_a_word_as_written_is_likelier_under_a_model_of_its_own_letters() -> None:
    english = MarkModel.of(["the", "there", "other", "mother", "brother"])
    sanskrit = MarkModel.of(["ātmā", "ātman", "mahātmā"])
    assert english.letters_log_probability("mother") > sanskrit.letters_log_probability("mother")
