"""Opening Śruti's own state files (configuration store, batch journal and registry, lock
files) safely: never through a symbolic link, and never silently starting afresh over a
damaged file.

A damaged state file is a StateFileError (exit 2) that names the file, says what is wrong
and what to do; the file itself is left as it is for the user to inspect or move aside.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from pathlib import Path
from typing import Literal

from core.errors import StateFileError

APPLICATION_ID = 0x53485254
"""Written into every state database Śruti creates ("SHRT"): its header is never empty."""


def _create(path: Path) -> None:
    """Create an empty database at `path` all at once: built under a temporary name, then
    linked into place (never replacing a file another process made first). So a state file
    is never 0 bytes while it is being created, and an empty one is always damage."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.new")
    try:
        with contextlib.closing(sqlite3.connect(temp)) as db:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.commit()
        with contextlib.suppress(FileExistsError):
            os.link(temp, path)
    except (OSError, sqlite3.Error):
        return  # the connection that follows reports what is wrong with the folder
    finally:
        temp.unlink(missing_ok=True)


def refuse_link(path: Path, *, what: str) -> None:
    """StateFileError if `path` is a symbolic link: a planted link would send Śruti's
    writes wherever it points."""
    with contextlib.suppress(FileNotFoundError):
        if stat.S_ISLNK(path.lstat().st_mode):
            raise StateFileError(
                f"{path}: the {what} is a symbolic link; state files are never followed "
                "through links: remove the link"
            )


def open_database(
    path: Path,
    *,
    what: str,
    advice: str,
    timeout_s: float,
    isolation_level: Literal["DEFERRED", "EXCLUSIVE", "IMMEDIATE"] | None = None,
) -> sqlite3.Connection:
    """A connection to the SQLite state file at `path` (created when missing).

    Refused with StateFileError: a link, an empty file that exists (a database is never
    0 bytes; opening it would silently start a new, empty one) and a file that is not an
    SQLite database. `advice` says what to do (e.g. "move it aside; the batch will redo
    its files").
    """
    refuse_link(path, what=what)
    if not path.exists():
        _create(path)
    with contextlib.suppress(FileNotFoundError):
        if path.stat().st_size == 0:
            raise StateFileError(f"{path}: the {what} is empty (0 bytes), not a database; {advice}")
    try:
        db = sqlite3.connect(path, timeout=timeout_s, isolation_level=isolation_level)
    except sqlite3.Error as error:
        raise StateFileError(f"{path}: cannot open the {what} ({error}); {advice}") from None
    try:
        db.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as error:
        db.close()
        raise StateFileError(
            f"{path}: the {what} is not a readable database ({error}); {advice}"
        ) from None
    return db


def open_lock(path: Path, *, what: str) -> int:
    """A file descriptor on the lock file at `path`, created if missing, never through a link."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(path, flags, 0o644)
    except OSError as error:
        if path.is_symlink():
            raise StateFileError(
                f"{path}: the {what} is a symbolic link; state files are never followed "
                "through links: remove the link"
            ) from None
        raise StateFileError(
            f"{path}: cannot open the {what} ({error.strerror or error})"
        ) from None
