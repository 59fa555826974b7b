"""The DCS word list builder: CoNLL-U parsing, kinds of forms, avagraha and the written tables."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SNIPPET = """\
## text: Demo
# text = rāmo vanaṃ gacchati
# sent_id = 1
1\trāmo\trāma\tNOUN\t_\tCase=Nom|Gender=Masc|Number=Sing\t_\t_\t_\tLemmaId=1|Unsandhied=rāmaḥ
2\tvanaṃ\tvana\tNOUN\t_\tCase=Acc|Gender=Neut|Number=Sing\t_\t_\t_\tLemmaId=2|Unsandhied=vanam
3\tgacchati\tgam\tVERB\t_\tTense=Pres|Mood=Ind|Person=3|Number=Sing\t_\t_\t_\tUnsandhied=gacchati

# text = sa hovāca yogakṣemaṃ na 'sti, so'ham iti |
# sent_id = 2
1\tsa\ttad\tPRON\t_\tCase=Nom|Gender=Masc|Number=Sing\t_\t_\t_\t_
2-3\thovāca\t_\t_\t_\t_\t_\t_\t_\t_
2\t_\tha\tPART\t_\t_\t_\t_\t_\tUnsandhied=ha
3\t_\tvac\tVERB\t_\tTense=Past\t_\t_\t_\tUnsandhied=uvāca
4-5\tyogakṣemaṃ\t_\t_\t_\t_\t_\t_\t_\t_
4\t_\tyoga\tNOUN\t_\tCase=Cpd\t_\t_\t_\tUnsandhied=yoga
5\t_\tkṣema\tNOUN\t_\tCase=Acc|Gender=Masc|Number=Sing\t_\t_\t_\tUnsandhied=kṣemam
6\tna\tna\tPART\t_\t_\t_\t_\t_\tUnsandhied=na
7\t'sti\tas\tVERB\t_\tTense=Pres\t_\t_\t_\tUnsandhied=_
8\tso'ham\t_\t_\t_\t_\t_\t_\t_\t_
9\titi\titi\tPART\t_\t_\t_\t_\t_\tUnsandhied=iti
"""


@pytest.fixture(scope="module")
def build() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_corpus_words.py"
    spec = importlib.util.spec_from_file_location("build_corpus_words", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_corpus_words", module)  # its dataclasses look themselves up
    spec.loader.exec_module(module)
    return module


def _tally(build: ModuleType, snippet: str = SNIPPET) -> dict[tuple[str, str], tuple[int, str]]:
    tally = build.Tally()
    for sentence in build.parse_conllu(snippet.splitlines(keepends=True)):
        build.tally_sentence(tally, sentence, "Demo")
    return {key: (count, build.best(tally.lemmas[key])) for key, count in tally.counts.items()}


def test_sentences_keep_their_text_and_only_syntactic_tokens(build: ModuleType) -> None:
    sentences = list(build.parse_conllu(SNIPPET.splitlines()))
    assert sentences[0].text == "rāmo vanaṃ gacchati"
    second = sentences[1]
    assert [t.lemma for t in second.tokens] == [
        "tad", "ha", "vac", "yoga", "kṣema", "na", "as", "_", "iti"
    ]  # fmt: skip
    assert ("hovāca", "", None) in second.units  # a multiword range: one unit, no lemma
    assert "ha" not in [form for form, _, _ in second.units]


def test_a_multiword_surface_word_has_no_lemma_and_its_parts_are_unsandhied_words(
    build: ModuleType,
) -> None:
    rows = _tally(build)
    assert rows[("hovāca", "surface")] == (1, "")
    assert rows[("uvāca", "unsandhied")] == (1, "vac")
    assert rows[("ha", "unsandhied")] == (1, "ha")


def test_a_single_token_surface_word_takes_that_tokens_lemma(build: ModuleType) -> None:
    rows = _tally(build)
    assert rows[("rāmo", "surface")] == (1, "rāma")
    assert rows[("rāmaḥ", "unsandhied")] == (1, "rāma")


def test_compound_members_are_their_own_kind_not_unsandhied_words(build: ModuleType) -> None:
    rows = _tally(build)
    assert rows[("yoga", "member")] == (1, "yoga")
    assert ("yoga", "unsandhied") not in rows
    assert rows[("kṣemam", "unsandhied")] == (1, "kṣema")


def test_a_missing_or_blank_unsandhied_form_adds_no_unsandhied_row(build: ModuleType) -> None:
    rows = _tally(build)
    unsandhied = {form for form, kind in rows if kind == "unsandhied"}
    assert "sa" not in unsandhied  # MISC is "_"
    assert not any(form.endswith("sti") for form in unsandhied)  # Unsandhied=_
    assert rows[("sa", "surface")] == (1, "tad")


def test_avagraha_is_read_as_the_elided_a(build: ModuleType) -> None:
    assert build.surface_words("na 'sti so'ham tato ’pi ऽyam") == [
        "na", "asti", "so", "aham", "tato", "api", "ayam"
    ]  # fmt: skip
    rows = _tally(build)
    assert rows[("asti", "surface")] == (1, "as")  # the token 'sti gives its lemma
    assert rows[("aham", "surface")] == (1, "")  # so'ham is a range-less unit without lemma


def test_a_shifted_form_column_gives_no_lemma_to_the_surface_word(build: ModuleType) -> None:
    shifted = (
        "# text = tam eva bhāti sarvaṃ\n"
        "1\ttam\ttad\tPRON\t_\t_\t_\t_\t_\tUnsandhied=tam\n"
        "2\teva\teva\tPART\t_\t_\t_\t_\t_\tUnsandhied=eva\n"
        "3\tbhāti\tsarva\tADJ\t_\t_\t_\t_\t_\tUnsandhied=sarvam\n"
    )
    rows = _tally(build, shifted)
    assert rows[("tam", "surface")] == (1, "tad")
    assert rows[("bhāti", "surface")] == (1, "")  # its line analyses sarvam
    assert build.aligned("dhotā", "hotā") and build.aligned("'stu", "astu")


def test_punctuation_and_digits_are_stripped_from_surface_words(build: ModuleType) -> None:
    assert build.surface_words("iti | gacchati, // 12 ||") == ["iti", "gacchati"]


def test_tables_are_sorted_by_form_then_kind_and_count_texts(
    build: ModuleType, tmp_path: Path
) -> None:
    for text in ("A", "B"):
        folder = tmp_path / text
        folder.mkdir()
        (folder / f"{text}-0000-x-1.conllu").write_text(SNIPPET, encoding="utf-8")
    tally, stats = build.collect(tmp_path)
    rows = build.word_rows(tally)
    assert rows[0] == "form\tcount\tlemma\tkind\ttexts"
    assert rows[1:] == sorted(
        rows[1:], key=lambda r: (r.split("\t")[0], r.split("\t")[3] != "surface")
    )
    assert "yoga\t2\tyoga\tmember\t2" in rows
    assert stats.files == {"A": 1, "B": 1}
    assert "vac\t2\tVERB" in build.lemma_rows(tally)


def test_the_richest_cached_shape_of_a_chapter_is_read_once(
    build: ModuleType, tmp_path: Path
) -> None:
    folder = tmp_path / "T"
    folder.mkdir()
    (folder / "T-0000-c-1.conllu.comments").write_text("# text = ko 'pi\n", encoding="utf-8")
    (folder / "T-0000-c-1.conllu.slim").write_text(SNIPPET, encoding="utf-8")
    (folder / "T-0001-c-2.conllu.comments").write_text("# text = ko 'pi\n", encoding="utf-8")
    (folder / "T-0002-c-3.conllu.tmp-x").write_text(SNIPPET, encoding="utf-8")
    chosen = [path.name for _, path in build.chapter_files(tmp_path)]
    assert chosen == ["T-0000-c-1.conllu.slim", "T-0001-c-2.conllu.comments"]


def test_a_large_table_is_written_gzipped_and_replaces_a_plain_copy(
    build: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "words.tsv"
    target.write_text("stale\n", encoding="utf-8")
    monkeypatch.setattr(build, "GZIP_OVER", 10)
    written = build.write_table(["form\tcount", "rāma\t1"], target)
    assert written.name == "words.tsv.gz" and not target.exists()
    first = written.read_bytes()
    build.write_table(["form\tcount", "rāma\t1"], target)
    assert written.read_bytes() == first  # deterministic bytes


def test_the_dcs_stand_in_for_l_is_read_as_l(build: ModuleType) -> None:
    assert build.nfc("abhik\uffb1ptaḥ") == "abhikḷptaḥ"
    assert build.surface_words("dṛ\uffb1he sthitaḥ") == ["dṛḷhe", "sthitaḥ"]


TREEBANK = """\
# text = yasya a hutam atithi varjitam
1\tyasya\tyad\tPRON\t_\tCase=Gen\t_\t_\t_\tUnsandhied=yasya
2\ta\ta\tPART\t_\tCase=Cpd\t_\t_\t_\tUnsandhied=a
3\thutam\thu\tVERB\t_\tCase=Nom\t_\t_\t_\tUnsandhied=hutam
4\tatithi\tatithi\tNOUN\t_\tCase=Cpd\t_\t_\t_\tUnsandhied=atithi
5\tvarjitam\tvarj\tVERB\t_\tCase=Nom\t_\t_\t_\tUnsandhied=varjitam

# text = tasmai sa ha uvāca
1\ttasmai\ttad\tPRON\t_\tCase=Dat\t_\t_\t_\tUnsandhied=tasmai
2\tsa\ttad\tPRON\t_\tCase=Nom\t_\t_\t_\tUnsandhied=sa
3\tha\tha\tPART\t_\t_\t_\t_\t_\tUnsandhied=ha
4\tuvāca\tvac\tVERB\t_\t_\t_\t_\t_\tUnsandhied=uvāca

# text = tasmai sa hovāca
1\ttasmai\ttad\tPRON\t_\tCase=Dat\t_\t_\t_\tUnsandhied=tasmai
2\tsa\ttad\tPRON\t_\tCase=Nom\t_\t_\t_\tUnsandhied=saḥ
3-4\thovāca\t_\t_\t_\t_\t_\t_\t_\t_
3\t_\tha\tPART\t_\t_\t_\t_\t_\tUnsandhied=ha
4\t_\tvac\tVERB\t_\t_\t_\t_\t_\tUnsandhied=uvāca
"""


def test_a_line_with_a_compound_member_standing_alone_is_an_analysis_not_a_text(
    build: ModuleType,
) -> None:
    sentences = list(build.parse_conllu(TREEBANK.splitlines()))
    assert [s.split for s in sentences] == [True, False, False]
    # one split line in three makes a treebank-style file: there the second line, word for
    # word its Unsandhied forms, is an analysis too; the third is sandhied (hovāca)
    assert build.sandhied_lines(sentences) == [False, False, True]
    assert build.sandhied_lines(sentences[1:]) == [True, True]


def test_an_analysis_line_adds_its_tokens_but_no_surface_words(build: ModuleType) -> None:
    tally = build.Tally()
    sentence = next(build.parse_conllu(TREEBANK.splitlines()))
    build.tally_sentence(tally, sentence, "Demo", surface=False)
    assert not [key for key in tally.counts if key[1] == "surface"]
    assert tally.counts[("a", "member")] == 1
    assert tally.counts[("hutam", "unsandhied")] == 1
