"""The batch journal on disk: one SQLite file (WAL) in the output folder.

Only the batch's parent process writes to it, one short transaction per file, and only
after the output file has been renamed into place, so a kill at any moment leaves a journal
that never claims an output that is not there.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from core.errors import StateFileError
from server.batch.journal import FORMAT_VERSION, Entry, Status
from server.runtime.state_files import open_database

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    input_hash TEXT NOT NULL,
    settings_hash TEXT NOT NULL,
    settings_version INTEGER,
    output_hash TEXT,
    segments INTEGER NOT NULL DEFAULT 0,
    changes INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    elapsed_ms REAL NOT NULL DEFAULT 0,
    job_id TEXT,
    updated_at TEXT NOT NULL
);
"""

ADVICE = "move it aside and run the batch again: it will redo the files"

_COLUMNS = (
    "path, status, input_hash, settings_hash, settings_version, output_hash, "
    "segments, changes, error, elapsed_ms, job_id"
)


class JournalStore:
    """Read and write journal entries; use as a context manager so the file is closed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = open_database(path, what="batch journal", advice=ADVICE, timeout_s=30.0)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
            self._check_format()
        except sqlite3.Error as error:
            self._db.close()
            raise StateFileError(
                f"{path}: the batch journal is damaged ({error}); {ADVICE}"
            ) from None
        except StateFileError:
            self._db.close()
            raise

    def _check_format(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        if row is None:
            self._db.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('format', ?)",
                (str(FORMAT_VERSION),),
            )
        elif row[0] != str(FORMAT_VERSION):
            raise StateFileError(
                f"{self.path}: journal format {row[0]}, this version writes {FORMAT_VERSION}; "
                "move the old journal away to start afresh"
            )

    def __enter__(self) -> JournalStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def get(self, path: str) -> Entry | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM files WHERE path = ?", (path,)).fetchone()
        return None if row is None else _entry(row)

    def entries(self) -> Iterator[Entry]:
        """Every entry, in path order, read lazily."""
        cursor = self._db.execute(f"SELECT {_COLUMNS} FROM files ORDER BY path")
        for row in cursor:
            yield _entry(row)

    def record(self, entry: Entry) -> None:
        """Insert or replace an entry in one committed transaction."""
        self._db.execute(
            f"INSERT OR REPLACE INTO files ({_COLUMNS}, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.path,
                entry.status.value,
                entry.input_hash,
                entry.settings_hash,
                entry.settings_version,
                entry.output_hash,
                entry.segments,
                entry.changes,
                entry.error,
                entry.elapsed_ms,
                entry.job_id,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )

    def claim(self, path: str) -> None:
        """Note that the batch is about to write `path`'s output (a 'running' row, unless
        the file has one already): after a kill, an output there is the batch's own."""
        self._db.execute(
            "INSERT INTO files (path, status, input_hash, settings_hash, updated_at) "
            "VALUES (?, 'running', '', '', ?) ON CONFLICT (path) DO NOTHING",
            (path, datetime.now(UTC).isoformat(timespec="seconds")),
        )

    def unclaim(self, path: str) -> None:
        """Drop a claim that came to nothing (the engine crashed on the file: no output)."""
        self._db.execute(
            "DELETE FROM files WHERE path = ? AND status = 'running' AND input_hash = ''",
            (path,),
        )

    def retract(self, path: str) -> None:
        """Withdraw a finished claim before its output is rewritten."""
        self._db.execute(
            "UPDATE files SET status = 'running', output_hash = NULL, updated_at = ? "
            "WHERE path = ?",
            (datetime.now(UTC).isoformat(timespec="seconds"), path),
        )


def _entry(row: tuple[object, ...]) -> Entry:
    (path, status, input_hash, settings_hash, version, output_hash) = row[:6]
    (segments, changes, error, elapsed_ms, job_id) = row[6:]
    return Entry(
        path=str(path),
        status=Status(str(status)),
        input_hash=str(input_hash),
        settings_hash=str(settings_hash),
        settings_version=None if version is None else int(str(version)),
        output_hash=None if output_hash is None else str(output_hash),
        segments=int(str(segments)),
        changes=int(str(changes)),
        error=None if error is None else str(error),
        elapsed_ms=float(str(elapsed_ms)),
        job_id=None if job_id is None else str(job_id),
    )
