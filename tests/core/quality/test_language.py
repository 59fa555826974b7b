"""Language checks: unrestored terms, broken IAST, mixed anusvāra, fillers, unknown verses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.knowledge.english import EnglishWords
from core.knowledge.lexicon import Entry, Lexicon
from core.quality.report import QualityReport, validate
from core.stages.terms import TermMatcher, TermOptions
from core.stages.verses import Verse, build_verse_index
from core.transcript.srt import cue_lines, parse


@dataclass(frozen=True)
class FakeMatch:
    score: float


@dataclass(frozen=True)
class FakeVerses:
    """A verse index whose search finds the verses whose words it is given, at `score`."""

    known: Sequence[str]
    score: float = 0.9

    def search(self, text: str, *, limit: int = 5) -> list[FakeMatch]:
        return [FakeMatch(self.score) for verse in self.known if text in verse][:limit]


LEXICON = Lexicon(
    [
        Entry("krsna", "Kṛṣṇa", "कृष्ण", "name", None, ("krishna", "krsna")),
        Entry("bhagavad-gita", "Bhagavad Gītā", None, "work", None, ("bhagavad gita",)),
        Entry("gita", "Gītā", None, "work", None, ("gita", "geeta")),
        Entry("arjuna", "Arjuna", None, "name", None, ("arjun", "arjuna")),
        Entry("yoga", "yoga", None, "term", None, ("yoga",)),
        Entry("ma", "mā", None, "term", None, ("ma", "maa")),
    ]
)
ENGLISH = EnglishWords(
    {
        "the": 7.7,
        "you": 7.4,
        "have": 7.0,
        "a": 7.6,
        "right": 6.2,
        "to": 7.6,
        "action": 5.0,
        "he": 7.0,
        "recites": 3.1,
        "ma": 4.6,
        "my": 7.0,
        "said": 6.5,
        "so": 7.0,
    }
)
GITA_2_47 = "karmanye vadhikaraste ma phaleshu kadachana"


def _srt(*texts: str) -> str:
    return "\n".join(
        f"{n}\n00:00:{5 * n:02d},000 --> 00:00:{5 * n + 4:02d},500\n{text}\n"
        for n, text in enumerate(texts, start=1)
    )


TERMS = TermMatcher(
    LEXICON,
    ENGLISH,
    TermOptions(min_confidence=0.85, fuzzy_threshold=88.0, english_zipf=3.0, anusvara="ṃ"),
)


def _report(text: str, *, verses: FakeVerses | None = None) -> QualityReport:
    return validate(parse(text), terms=TERMS, verses=verses, english=ENGLISH, lines=cue_lines(text))


def _issues(text: str, code: str, *, verses: FakeVerses | None = None) -> list[tuple[int, str]]:
    return [
        (issue.segment, issue.suggestion or "")
        for issue in _report(text, verses=verses).issues
        if issue.code == code
    ]


def test_unrestored_term_is_reported_with_the_iast_as_suggestion() -> None:
    text = _srt("so krishna tells arjuna", "in the bhagavad gita")
    assert _issues(text, "unrestored_term") == [(1, "Kṛṣṇa"), (2, "Bhagavad Gītā")]


def test_unrestored_term_prefers_the_longest_phrase() -> None:
    report = _report(_srt("in the bhagavad gita"))
    assert [i.message for i in report.issues] == [
        '"bhagavad gita" is an ASR spelling of Bhagavad Gītā'
    ]


def test_unrestored_term_is_not_reported_for_restored_terms() -> None:
    assert _issues(_srt("so Kṛṣṇa tells Arjuna in the Bhagavad Gītā"), "unrestored_term") == []


def test_unrestored_term_is_reported_for_a_possessive() -> None:
    assert _issues(_srt("krishna's teaching"), "unrestored_term") == [(1, "Kṛṣṇa's")]


def test_unrestored_term_is_not_reported_for_a_difference_of_case_only() -> None:
    assert _issues(_srt("Yoga and arjuna"), "unrestored_term") == []


def test_unrestored_term_is_reported_for_a_variant_at_the_start_of_a_sentence() -> None:
    assert _issues(_srt("Arjun asks."), "unrestored_term") == [(1, "Arjuna")]


def test_unrestored_term_is_not_checked_without_a_lexicon() -> None:
    text = _srt("so krishna tells arjuna")
    assert validate(parse(text)).count("unrestored_term") == 0


def test_unrestored_term_leaves_a_common_english_word_the_terms_stage_leaves() -> None:
    assert _issues(_srt("my ma said so"), "unrestored_term") == []


def test_invalid_iast_is_reported_for_look_alike_letters_with_a_repair() -> None:
    assert _issues(_srt("Kṛşṇa says"), "invalid_iast") == [(1, "Kṛṣṇa")]


def test_invalid_iast_is_reported_for_iso_letters_mixed_into_iast() -> None:
    report = _report(_srt("kr̥ṣṇa and dēvī"))
    issues = [i for i in report.issues if i.code == "invalid_iast"]
    assert [i.suggestion for i in issues] == ["kṛṣṇa", "devī"]
    assert "combining U+0325" in issues[0].message
    assert issues[0].severity == "error"


def test_invalid_iast_is_reported_for_harvard_kyoto_capitals_inside_a_word() -> None:
    assert _issues(_srt("then kRSNa spoke"), "invalid_iast") == [(1, "kṛṣṇa")]


def test_invalid_iast_is_reported_for_devanagari_mixed_with_latin() -> None:
    assert len(_issues(_srt("the word yogaयोग here"), "invalid_iast")) == 1


def test_invalid_iast_is_not_reported_for_iast_english_or_camel_case() -> None:
    text = _srt("Kṛṣṇa’s saṃsāra and saṃskāra", "McDonald bought an iPhone café")
    assert _issues(text, "invalid_iast") == []


def test_inconsistent_anusvara_flags_the_cues_with_the_rarer_form() -> None:
    text = _srt("saṃsāra", "saṃskāra", "saṁsāra")
    assert _issues(text, "inconsistent_anusvara") == [(3, "write ṃ")]


def test_inconsistent_anusvara_is_not_reported_when_one_form_is_used() -> None:
    assert _issues(_srt("saṁsāra", "saṁskāra"), "inconsistent_anusvara") == []


def test_filler_is_reported_for_each_hesitation_word() -> None:
    report = _report(_srt("so, um, the self\nis, uh, eternal. Hmm."))
    fillers = [(i.line, i.message) for i in report.issues if i.code == "filler"]
    assert fillers == [
        (3, 'hesitation filler "um"'),
        (4, 'hesitation filler "uh"'),
        (4, 'hesitation filler "Hmm"'),
    ]


def test_filler_is_not_reported_inside_other_words() -> None:
    assert _issues(_srt("the umbrella in summer, erstwhile"), "filler") == []


def test_unrecognised_verse_is_reported_for_sanskrit_no_verse_matches() -> None:
    text = _srt(f"he recites {GITA_2_47}")
    report = _report(text, verses=FakeVerses([]))
    issues = [i for i in report.issues if i.code not in ("line_too_long", "unrestored_term")]
    assert [(i.code, i.severity) for i in issues] == [("unrecognised_verse", "info")]
    assert GITA_2_47 in issues[0].message


def test_unrecognised_verse_is_not_reported_when_the_index_knows_the_verse() -> None:
    text = _srt(f"he recites {GITA_2_47}")
    assert _issues(text, "unrecognised_verse", verses=FakeVerses([GITA_2_47])) == []


def test_unrecognised_verse_is_reported_when_the_best_match_is_weak() -> None:
    text = _srt(f"he recites {GITA_2_47}")
    weak = FakeVerses([GITA_2_47], score=0.3)
    assert len(_issues(text, "unrecognised_verse", verses=weak)) == 1


def test_unrecognised_verse_is_not_reported_for_english_or_a_few_terms() -> None:
    text = _srt("you have a right to the action", "karma yoga dharma")
    assert _issues(text, "unrecognised_verse", verses=FakeVerses([])) == []


def test_unrecognised_verse_uses_the_real_verse_index_scores() -> None:
    index = build_verse_index(
        [
            Verse(
                "BG 2.47",
                "Bhagavad Gītā",
                "2.47",
                "karmaṇy evādhikāras te mā phaleṣu kadācana | mā karmaphalahetur bhūr mā te "
                "saṅgo 'stv akarmaṇi ||",
                None,
            )
        ]
    )
    known = _srt(f"he recites {GITA_2_47}")
    unknown = _srt("asato ma sad gamaya tamaso ma")
    codes = [i.code for i in validate(parse(known), verses=index, english=ENGLISH).issues]
    assert "unrecognised_verse" not in codes
    codes = [i.code for i in validate(parse(unknown), verses=index, english=ENGLISH).issues]
    assert "unrecognised_verse" in codes
