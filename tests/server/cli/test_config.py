"""Tests for `shruti config`: show, set, history, rollback, keys, and clean refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from core.config_keys import setting_keys
from server.cli.main import app
from server.runtime.config_store import ConfigStore

runner = CliRunner()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SHRUTI_HOME", str(tmp_path))
    return tmp_path


def config(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["config", *args])
    return result.exit_code, result.stdout, result.stderr


def test_show_json_gives_version_and_config(home: Path) -> None:
    code, out, _ = config("show", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["version"] == 1
    assert data["config"]["style"]["anusvara"] == "ṃ"


def test_set_parses_typed_values_and_records_author_and_reason(home: Path) -> None:
    code, out, err = config(
        "set",
        "style.anusvara=ṁ",
        "terms.min_confidence=0.9",
        "normalize.remove_fillers=false",
        "paths.allowed_roots=[/srv/a, /srv/b]",
        "model.name=1.0",
        "--reason",
        "house style",
        "--author",
        "editor",
        "--json",
    )
    assert code == 0, err
    stored = json.loads(out)
    assert stored["version"] == 2
    assert stored["author"] == "editor"
    assert stored["reason"] == "house style"
    shown = json.loads(config("show", "--json")[1])["config"]
    assert shown["style"]["anusvara"] == "ṁ"
    assert shown["terms"]["min_confidence"] == 0.9
    assert shown["normalize"]["remove_fillers"] is False
    assert shown["paths"]["allowed_roots"] == ["/srv/a", "/srv/b"]
    assert shown["model"]["name"] == "1.0"  # text settings keep the raw string


def test_set_defaults_the_author_to_the_os_user(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("USER", "arjuna")
    monkeypatch.setenv("LOGNAME", "arjuna")
    config("set", "style.anusvara=ṁ", "--reason", "r")
    assert ConfigStore(home / "config.sqlite3").current().author == "arjuna"


def test_history_json_lists_every_version_with_its_changes(home: Path) -> None:
    config("set", "style.anusvara=ṁ", "--reason", "house style")
    config("rollback", "--steps", "1", "--reason", "undo house style")
    code, out, _ = config("history", "--json")
    assert code == 0
    records = json.loads(out)
    assert [record["version"] for record in records] == [1, 2, 3]
    assert {"version", "created_at", "author", "reason", "changes"} <= set(records[0])
    assert records[1]["changes"] == {"style.anusvara": {"old": "ṃ", "new": "ṁ"}}
    assert records[2]["restored_from"] == 1
    assert records[2]["reason"] == "undo house style"


def test_human_history_shows_who_why_and_each_change(home: Path) -> None:
    config("set", "style.anusvara=ṁ", "--reason", "house style", "--author", "editor")
    code, out, _ = config("history")
    assert code == 0
    assert "editor" in out
    assert "house style" in out
    assert "ṃ → ṁ" in out


def test_rollback_to_a_version_restores_it_as_a_new_version(home: Path) -> None:
    config("set", "terms.min_confidence=0.7", "--reason", "a")
    config("set", "terms.min_confidence=0.6", "--reason", "b")
    code, out, err = config("rollback", "--to", "2", "--reason", "back to a")
    assert code == 0, err
    assert "version 4" in out
    shown = json.loads(config("show", "--json")[1])
    assert shown == {"version": 4, "config": shown["config"]}
    assert shown["config"]["terms"]["min_confidence"] == 0.7


def test_rollback_refuses_both_to_and_steps(home: Path) -> None:
    code, _, err = config("rollback", "--to", "1", "--steps", "1", "--reason", "r")
    assert code == 2
    assert "either --to N or --steps K" in err


@pytest.mark.parametrize(
    ("assignment", "names"),
    [
        ("terms.min_confidence=high", ["terms.min_confidence", "'high'", "a number >= 0.0"]),
        ("terms.min_confidence=1.5", ["terms.min_confidence", "1.5", "<= 1.0"]),
        ("style.anusvra=ṁ", ["style.anusvra", "did you mean style.anusvara"]),
        ("style.anusvara=m", ["style.anusvara", "'m'", "one of 'ṃ', 'ṁ'"]),
        ("model.api_key=sk-live-123", ["model.api_key", "SHRUTI_MODEL__API_KEY"]),
        ("no-equals-sign", ["no-equals-sign", "KEY=VALUE"]),
    ],
)
def test_invalid_values_exit_2_with_one_line_and_change_nothing(
    home: Path, assignment: str, names: list[str]
) -> None:
    code, out, err = config("set", assignment, "--reason", "r")
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    for name in names:
        assert name in err
    assert "sk-live-123" not in err
    assert json.loads(config("show", "--json")[1])["version"] == 1


def test_rollback_to_a_missing_version_exits_2_naming_the_range(home: Path) -> None:
    code, _, err = config("rollback", "--to", "7", "--reason", "r")
    assert code == 2
    assert "from 1 to 1" in err


def test_an_unreadable_store_is_one_clear_line(home: Path) -> None:
    (home / "config.sqlite3").write_bytes(b"garbage" * 200)
    code, _, err = config("show")
    assert code == 2  # a damaged state file is the user's to fix: bad input, not a bug
    assert "config.sqlite3" in err and "move it aside" in err
    assert "Traceback" not in err


def test_keys_lists_every_setting_from_the_model(home: Path) -> None:
    code, out, _ = config("keys", "--json")
    assert code == 0
    listed = {entry["key"]: entry for entry in json.loads(out)}
    assert set(listed) == set(setting_keys())
    assert listed["terms.min_confidence"]["bounds"] == ">= 0.0 and <= 1.0"
    assert listed["terms.min_confidence"]["default"] == 0.85
    assert listed["server.token"]["secret"] is True
    human = config("keys")[1]
    assert "style.anusvara" in human
    assert "verses.min_words" in human


def test_show_masks_secrets_and_notes_environment_overrides(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHRUTI_STYLE__ANUSVARA", "ṁ")
    monkeypatch.setenv("SHRUTI_MODEL__API_KEY", "sk-live-123")
    code, out, _ = config("show")
    assert code == 0
    assert "SHRUTI_STYLE__ANUSVARA is set and overrides style.anusvara" in out
    assert "sk-live-123" not in out
    assert "sk-live-123" not in config("show", "--json")[1]
