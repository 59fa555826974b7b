"""Tests for the journal's SQLite file: entries round-trip, claims retract, formats are checked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from server.batch.journal import Entry, Status
from server.batch.journal_store import JournalStore

ENTRY = Entry(
    path="week1/talk.srt",
    status=Status.DONE,
    input_hash="in",
    settings_hash="set",
    settings_version=3,
    output_hash="out",
    segments=8,
    changes=5,
    elapsed_ms=12.5,
    job_id="job1",
)


def test_an_entry_survives_closing_and_reopening_the_journal(tmp_path: Path) -> None:
    with JournalStore(tmp_path / "journal.sqlite3") as journal:
        journal.record(ENTRY)
    with JournalStore(tmp_path / "journal.sqlite3") as journal:
        assert journal.get("week1/talk.srt") == ENTRY
        assert journal.get("other.srt") is None
        assert list(journal.entries()) == [ENTRY]


def test_retract_withdraws_a_finished_claim_and_its_output_hash(tmp_path: Path) -> None:
    with JournalStore(tmp_path / "journal.sqlite3") as journal:
        journal.record(ENTRY)
        journal.retract(ENTRY.path)
        entry = journal.get(ENTRY.path)
    assert entry is not None
    assert entry.status is Status.RUNNING
    assert entry.output_hash is None


def test_the_journal_uses_write_ahead_logging(tmp_path: Path) -> None:
    with JournalStore(tmp_path / "journal.sqlite3"):
        pass
    with sqlite3.connect(tmp_path / "journal.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_journal_of_another_format_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with JournalStore(path):
        pass
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'format'")
    with pytest.raises(ValueError, match=r"journal format 99.*move the old journal away"):
        JournalStore(path)
