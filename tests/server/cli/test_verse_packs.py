"""More verse packs named by `verses.packs` are recognised by `shruti process` and the server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mcp import Client

from server.mcp.app import build_server

pytestmark = pytest.mark.slow  # spawns processes or servers

# Vivekacūḍāmaṇi 2 (an ancient text, typed here; not among the shipped packs): a one-verse pack.
PACK_RECORD = {
    "id": "VC 2",
    "work": "Vivekacūḍāmaṇi",
    "ref": "2",
    "iast": "jantūnāṃ narajanma durlabham ataḥ puṃstvaṃ tato vipratā",
    "devanagari": "जन्तूनां नरजन्म दुर्लभमतः पुंस्त्वं ततो विप्रता",
}
# quoted inside a sentence, the compound heard as two words is hyphenated where they meet
RESTORED = "jantūnāṃ nara-janma durlabham ataḥ puṃstvaṃ tato vipratā"
SRT = (
    "1\n00:00:01,000 --> 00:00:04,000\n"
    "shankara says jantunam nara janma durlabham atah pumstvam tato viprata\n\n"
)


def shruti(home: Path, *args: str, packs: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("SHRUTI_")}
    env["SHRUTI_HOME"] = str(home)
    if packs is not None:
        env["SHRUTI_VERSES__PACKS"] = packs
    return subprocess.run(
        [sys.executable, "-c", "from server.cli.main import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_a_verse_from_a_pack_is_recognised_and_restored(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "ys.jsonl").write_text(json.dumps(PACK_RECORD, ensure_ascii=False) + "\n", "utf-8")
    source = tmp_path / "talk.srt"
    source.write_text(SRT, encoding="utf-8")
    report = tmp_path / "report.json"

    without = shruti(tmp_path, "process", str(source))
    assert without.returncode == 0, without.stderr
    assert RESTORED not in without.stdout

    done = shruti(
        tmp_path, "process", str(source), "--report", str(report), packs=json.dumps([str(pack)])
    )
    assert done.returncode == 0, done.stderr
    assert RESTORED in done.stdout
    verses = json.loads(report.read_text("utf-8"))["summary"]["verses"]
    assert [verse["id"] for verse in verses] == ["VC 2"]


def test_a_missing_pack_directory_is_a_clear_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "talk.srt"
    source.write_text(SRT, encoding="utf-8")
    missing = tmp_path / "no-such-pack"
    done = shruti(tmp_path, "process", str(source), packs=json.dumps([str(missing)]))
    assert done.returncode == 2
    assert done.stderr.strip() == f"shruti: verses.packs: {missing} is not a directory"
    assert "Traceback" not in done.stderr


def test_serve_refuses_to_start_with_a_missing_pack_directory(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-pack"
    env = {key: value for key, value in os.environ.items() if not key.startswith("SHRUTI_")}
    env.update(SHRUTI_HOME=str(tmp_path), SHRUTI_VERSES__PACKS=json.dumps([str(missing)]))
    done = subprocess.run(
        [sys.executable, "-c", "from server.cli.main import main; main()", "serve"],
        input="",
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert f"shruti: verses.packs: {missing} is not a directory" in done.stderr
    assert done.stdout == ""


async def test_the_mcp_server_recognises_a_verse_from_a_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "ys.jsonl").write_text(json.dumps(PACK_RECORD, ensure_ascii=False) + "\n", "utf-8")
    monkeypatch.setenv("SHRUTI_HOME", str(tmp_path))
    monkeypatch.setenv("SHRUTI_VERSES__PACKS", json.dumps([str(pack)]))
    server = build_server(start_dir=tmp_path, store_path=tmp_path / "config.db")
    async with Client(server) as client:
        result = await client.call_tool("process_transcript", {"srt": SRT})
    assert result.structured_content is not None
    assert RESTORED in result.structured_content["srt"]
    verses = result.structured_content["summary"]["verses"]
    assert [verse["id"] for verse in verses] == ["VC 2"]
