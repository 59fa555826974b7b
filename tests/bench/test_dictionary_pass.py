from pathlib import Path

from bench.dictionary_pass import correct_file, spelling_table


def test_the_spelling_table_maps_asr_spellings_to_iast() -> None:
    assert spelling_table()["krishna"] == "Kṛṣṇa"


def test_the_dictionary_pass_replaces_known_spellings_and_keeps_timings(tmp_path: Path) -> None:
    source, target = tmp_path / "in.srt", tmp_path / "out.srt"
    source.write_text("1\n00:00:01,000 --> 00:00:02,500\nso krishna tells arjun\n", "utf-8")
    assert correct_file(str(source), str(target)) >= 1
    written = target.read_text("utf-8")
    assert "00:00:01,000 --> 00:00:02,500" in written
    assert "Kṛṣṇa" in written
    assert "so " in written
