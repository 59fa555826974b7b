"""The shipped lexicon is what the repository's sources build, byte for byte, and the build
reads nothing but the repository and the installed packages."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import build_lexicon
from scripts.lexicon.build import SHIPPED
from scripts.lexicon.sources import SOURCES, VERSE_INDEX, VERSE_PACKS
from tests.support.paths import REPO

# Runs the build as `scripts/build_lexicon.py` does, noting every file Python opens.
_AUDITED_BUILD = """
import sys
opened = set()
sys.addaudithook(lambda event, args: opened.add(args[0])
                 if event == "open" and isinstance(args[0], str) else None)
from scripts.build_lexicon import main
code = main(["--out", sys.argv[1]])
with open(sys.argv[2], "w", encoding="utf-8") as listing:
    listing.write("\\n".join(sorted(opened)))
sys.exit(code)
"""


def _records(*lines: dict[str, object]) -> bytes:
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    return gzip.compress(text.encode("utf-8"), mtime=0)


@pytest.mark.slow  # the whole build: about 7 s
def test_the_repository_rebuilds_the_shipped_lexicon_byte_for_byte(tmp_path: Path) -> None:
    out, listing = tmp_path / "lexicon.jsonl.gz", tmp_path / "opened.txt"
    subprocess.run(
        [sys.executable, "-c", _AUDITED_BUILD, str(out), str(listing)],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert out.read_bytes() == SHIPPED.read_bytes()
    opened = {(REPO / name).resolve() for name in listing.read_text("utf-8").splitlines()}
    allowed = (REPO, Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve())
    outside = [p for p in opened if not any(p.is_relative_to(a) for a in allowed)]
    assert set(outside) == {out.resolve(), listing.resolve()}  # only the files it writes
    sources = {p for p in opened if p.parent == SOURCES or p == VERSE_INDEX}
    # two curated tables, two glossaries, the DCS word table, the Gītā's verses
    assert len(sources) == 6
    packs = {p for p in opened if p.parent == VERSE_PACKS}
    assert packs == set(VERSE_PACKS.glob("*.jsonl"))  # and every verse pack


def test_check_passes_when_the_file_is_what_the_build_makes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    built = _records({"id": "krsna", "iast": "Kṛṣṇa"})
    monkeypatch.setattr(build_lexicon, "build_bytes", lambda: (built, 1))
    shipped = tmp_path / "lexicon.jsonl.gz"
    shipped.write_bytes(built)
    assert build_lexicon.main(["--check", "--out", str(shipped)]) == 0
    assert shipped.read_bytes() == built


def test_check_fails_and_names_the_records_that_differ(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = _records({"id": "krsna", "iast": "Kṛṣṇa"}, {"id": "rama", "iast": "Rāma"})
    monkeypatch.setattr(build_lexicon, "build_bytes", lambda: (built, 2))
    shipped = tmp_path / "lexicon.jsonl.gz"
    shipped.write_bytes(_records({"id": "krsna", "iast": "Krsna"}, {"id": "siva", "iast": "Śiva"}))
    assert build_lexicon.main(["--check", "--out", str(shipped)]) == 1
    assert "added rama; removed siva; changed krsna" in capsys.readouterr().err
    missing = tmp_path / "none.jsonl.gz"
    assert build_lexicon.main(["--check", "--out", str(missing)]) == 1
    assert not missing.exists()  # --check never writes
