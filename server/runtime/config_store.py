"""The versioned configuration store: every change a new, validated, audited version in SQLite.

Each row is a full settings snapshot plus the diff from its predecessor, the author, the reason
and the UTC time. Version 1 is the packaged defaults (config/default.yaml), written when the
store is created; a missing store file means "version 0": the packaged defaults, no history.
A rollback appends a new version equal to an old one (`restored_from`); rows are never updated
or deleted. Writers take `BEGIN IMMEDIATE` under a busy timeout, so concurrent processes queue
instead of failing, and WAL with `synchronous=FULL` keeps the last committed version readable
when a writer is killed mid-transaction.

Secrets (SecretStr settings such as model.api_key, server.token) are never stored: they are
set with environment variables (`SHRUTI_MODEL__API_KEY`), and the store refuses them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.config_keys import KeySpec, flatten, setting_keys, unknown_key_error, validate_config
from core.errors import ConfigStoreError, SettingsError, StateFileError
from server.runtime.settings_sources import packaged_defaults, state_dir
from server.runtime.state_files import open_database

SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 60.0
DEFAULTS_AUTHOR = "shruti"
DEFAULTS_REASON = "packaged defaults"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
    version       INTEGER PRIMARY KEY,
    created_at    TEXT NOT NULL,
    author        TEXT NOT NULL,
    reason        TEXT NOT NULL,
    changes       TEXT NOT NULL,
    config        TEXT NOT NULL,
    restored_from INTEGER REFERENCES versions(version)
)
"""
_COLUMNS = "version, created_at, author, reason, changes, config, restored_from"

Changes = dict[str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """One version: a full snapshot, the diff from the previous version, and who/why/when."""

    version: int
    created_at: str
    author: str
    reason: str
    changes: Changes
    config: dict[str, Any]
    restored_from: int | None = None

    def summary(self) -> dict[str, Any]:
        """The history record: {version, created_at, author, reason, changes, restored_from}."""
        return {
            "version": self.version,
            "created_at": self.created_at,
            "author": self.author,
            "reason": self.reason,
            "changes": self.changes,
            "restored_from": self.restored_from,
        }


def default_store_path() -> Path:
    """The store under the state dir (`SHRUTI_HOME` overrides it)."""
    return state_dir() / "config.sqlite3"


def utc_now() -> datetime:
    return datetime.now(UTC)


def diff(old: Mapping[str, Mapping[str, Any]], new: Mapping[str, Mapping[str, Any]]) -> Changes:
    """{"key": {"old": a, "new": b}} for every dotted key whose value differs."""
    before, after = flatten(old), flatten(new)
    return {
        key: {"old": before.get(key), "new": after.get(key)}
        for key in sorted(before.keys() | after.keys())
        if before.get(key) != after.get(key)
    }


def apply_changes(
    config: Mapping[str, Mapping[str, Any]],
    changes: Mapping[str, object],
    specs: Mapping[str, KeySpec],
) -> dict[str, dict[str, Any]]:
    """The snapshot with dotted-key changes applied and validated; nothing is written."""
    updated = {section: dict(values) for section, values in config.items()}
    for key, value in changes.items():
        spec = specs.get(key)
        if spec is None:
            raise unknown_key_error(key, value, specs)
        if spec.secret:
            raise SettingsError(
                key,
                "<hidden>",
                f"a secret is never stored in the configuration history; "
                f"set the environment variable {spec.env_var} instead",
            )
        section, name = key.split(".", 1)
        updated.setdefault(section, {})[name] = value
    return validate_config(updated)


STORE_ADVICE = (
    "move it aside (Śruti then starts again from the packaged defaults, without the old "
    "history) or restore it from a backup"
)

Check = Callable[[Mapping[str, Mapping[str, Any]]], None]
"""Raises to refuse a configuration before it is written."""


def _merged(
    current: Mapping[str, Mapping[str, Any]],
    target: Mapping[str, Mapping[str, Any]],
    only: Callable[[str], bool],
) -> dict[str, dict[str, Any]]:
    """`current` with the keys `only` accepts taken from `target`."""
    merged = {section: dict(values) for section, values in current.items()}
    for section, values in target.items():
        for name, value in values.items():
            if only(f"{section}.{name}"):
                merged.setdefault(section, {})[name] = value
    return validate_config(merged)


class ConfigStore:
    """The version history in one SQLite file; safe to use from many processes at once."""

    def __init__(self, path: Path, *, now: Callable[[], datetime] = utc_now) -> None:
        self.path = path
        self._now = now
        self._ready = False

    def current(self) -> StoredVersion:
        """The active (latest) version."""
        with self._connect() as conn:
            return _latest(conn)

    def current_version(self) -> int:
        """The active version number, 0 if there is no store; one indexed read, for polling."""
        if not self.path.exists():
            return 0
        with self._connect() as conn:
            row = conn.execute("SELECT max(version) FROM versions").fetchone()
        return int(row[0])

    def get(self, version: int) -> StoredVersion | None:
        """One version, or None if there is no such version."""
        with self._connect() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM versions WHERE version = ?", (version,)
            ).fetchone()
        return _row_to_version(row) if row else None

    def history(self) -> list[StoredVersion]:
        """Every version, oldest first."""
        with self._connect() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM versions ORDER BY version").fetchall()
        return [_row_to_version(row) for row in rows]

    def update(
        self,
        changes: Mapping[str, object],
        *,
        reason: str,
        author: str,
        check: Check | None = None,
    ) -> StoredVersion:
        """Apply dotted-key changes as a new version; an invalid change writes nothing.

        `check` sees the whole new configuration before it is written (and raises to refuse
        it): e.g. that a server would still start with it."""
        _check_reason(reason)
        if not changes:
            raise SettingsError("changes", {}, "at least one key=value")
        specs = setting_keys(packaged_defaults())
        with self._writing() as conn:
            current = _latest(conn)
            config = apply_changes(current.config, changes, specs)
            if check is not None:
                check(config)
            return self._append(conn, current, config, reason=reason, author=author)

    def rollback(
        self,
        *,
        to_version: int | None = None,
        steps: int = 1,
        reason: str,
        author: str,
        check: Check | None = None,
        only: Callable[[str], bool] | None = None,
    ) -> StoredVersion:
        """Append a new version equal to `to_version` (or the one `steps` back).

        With `only`, just the keys it accepts are taken from that version; the others keep
        their current values (an agent rolls back what it may change, nothing else)."""
        _check_reason(reason)
        if to_version is None and steps < 1:
            raise SettingsError("steps", steps, "an integer >= 1")
        with self._writing() as conn:
            current = _latest(conn)
            target = to_version if to_version is not None else current.version - steps
            if not 1 <= target <= current.version:
                key = "to_version" if to_version is not None else "steps"
                value = to_version if to_version is not None else steps
                allowed = (
                    f"an existing version from 1 to {current.version}"
                    if to_version is not None
                    else f"an integer from 1 to {current.version - 1}"
                )
                raise SettingsError(key, value, allowed)
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM versions WHERE version = ?", (target,)
            ).fetchone()
            config = validate_config(_row_to_version(row).config)
            if only is not None:
                config = _merged(current.config, config, only)
            if check is not None:
                check(config)
            return self._append(
                conn, current, config, reason=reason, author=author, restored_from=target
            )

    def _append(
        self,
        conn: sqlite3.Connection,
        current: StoredVersion,
        config: dict[str, dict[str, Any]],
        *,
        reason: str,
        author: str,
        restored_from: int | None = None,
    ) -> StoredVersion:
        stored = StoredVersion(
            version=current.version + 1,
            created_at=self._now().isoformat(timespec="milliseconds"),
            author=author,
            reason=reason,
            changes=diff(current.config, config),
            config=config,
            restored_from=restored_from,
        )
        _insert(conn, stored)
        return stored

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = open_database(
                self.path, what="configuration store", advice=STORE_ADVICE, timeout_s=BUSY_TIMEOUT_S
            )
        except StateFileError as error:
            raise ConfigStoreError(str(error)) from None
        except OSError as error:
            raise ConfigStoreError(
                f"{self.path}: cannot open the configuration store: {error}"
            ) from error
        try:
            conn.execute("PRAGMA synchronous=FULL")
            if not self._ready:
                self._prepare(conn)
                self._ready = True
            yield conn
        except sqlite3.DatabaseError as error:
            raise ConfigStoreError(
                f"{self.path}: cannot read the configuration store: {error}; {STORE_ADVICE}"
            ) from error
        finally:
            conn.close()

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once so concurrent writers queue on the lock."""
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _prepare(self, conn: sqlite3.Connection) -> None:
        """WAL mode, the table, and version 1 (packaged defaults) if the store is new."""
        (mode,) = conn.execute("PRAGMA journal_mode=WAL").fetchone()
        if str(mode).lower() != "wal":
            raise ConfigStoreError(f"{self.path}: cannot switch the store to WAL mode ({mode})")
        (schema,) = conn.execute("PRAGMA user_version").fetchone()
        if schema > SCHEMA_VERSION:
            raise ConfigStoreError(
                f"{self.path}: written by a newer shruti (store schema {schema}, "
                f"this version reads {SCHEMA_VERSION})"
            )
        if schema == SCHEMA_VERSION:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(_SCHEMA)
            if conn.execute("SELECT count(*) FROM versions").fetchone()[0] == 0:
                defaults = StoredVersion(
                    version=1,
                    created_at=self._now().isoformat(timespec="milliseconds"),
                    author=DEFAULTS_AUTHOR,
                    reason=DEFAULTS_REASON,
                    changes={},
                    config=validate_config(packaged_defaults()),
                )
                _insert(conn, defaults)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def _check_reason(reason: str) -> None:
    if not reason.strip():
        raise SettingsError("reason", reason, "a non-empty reason for the audit trail")


def _latest(conn: sqlite3.Connection) -> StoredVersion:
    row = conn.execute(f"SELECT {_COLUMNS} FROM versions ORDER BY version DESC LIMIT 1").fetchone()
    if row is None:
        raise ConfigStoreError("the configuration store has no versions")
    return _row_to_version(row)


def _insert(conn: sqlite3.Connection, stored: StoredVersion) -> None:
    conn.execute(
        f"INSERT INTO versions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            stored.version,
            stored.created_at,
            stored.author,
            stored.reason,
            json.dumps(stored.changes, ensure_ascii=False),
            json.dumps(stored.config, ensure_ascii=False, sort_keys=True),
            stored.restored_from,
        ),
    )


def _row_to_version(row: tuple[Any, ...]) -> StoredVersion:
    version, created_at, author, reason, changes, config, restored_from = row
    return StoredVersion(
        version=int(version),
        created_at=str(created_at),
        author=str(author),
        reason=str(reason),
        changes=json.loads(changes),
        config=json.loads(config),
        restored_from=None if restored_from is None else int(restored_from),
    )
