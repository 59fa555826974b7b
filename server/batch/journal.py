"""Batch journal logic: content hashes, the settings fingerprint, and when a file may be skipped.

A journal entry records what one input became: its content hash, the settings it was
processed with, and the hash of the output written. A file is skipped only when all three
still hold; anything else (a changed input, a new configuration, a missing or edited
output, an unfinished or failed attempt) means it is processed again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from core.settings import Settings
from server.runtime.files import content_hash

__all__ = ["content_hash"]  # the journal keys files by it

JOURNAL_NAME = ".shruti-journal.sqlite3"
"""The journal's file name inside the output folder (hidden, and not an .srt)."""

FORMAT_VERSION = 1
"""Bumped when the journal's schema or the meaning of its hashes changes."""

# Sections that cannot change an output byte: where files live, size limits, the server token.
_OUTPUT_NEUTRAL_SECTIONS = frozenset({"paths", "limits", "server"})


class Status(StrEnum):
    """Where a file stands in the journal."""

    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Entry:
    """One input's row in the journal; `path` is relative to the input folder, POSIX style."""

    path: str
    status: Status
    input_hash: str
    settings_hash: str
    settings_version: int | None = None
    output_hash: str | None = None
    segments: int = 0
    changes: int = 0
    error: str | None = None
    elapsed_ms: float = 0.0
    job_id: str | None = None


def settings_fingerprint(
    settings: Settings, *, engine_version: str, model_mode: str = "off"
) -> str:
    """A hash of every setting that can change an output, plus the engine's version.

    Secrets and output-neutral sections are left out, so rotating an API key or widening
    the allowed roots does not redo an archive; any correction setting does. The model
    section counts only when the model stage runs (`model_mode` other than "off").
    """
    dumped: dict[str, Any] = settings.model_dump(mode="json", exclude=set(_OUTPUT_NEUTRAL_SECTIONS))
    model = dict(dumped.pop("model", {}))
    model.pop("api_key", None)
    if model_mode != "off":
        dumped["model"] = model
    canonical = json.dumps(
        {
            "engine": engine_version,
            "format": FORMAT_VERSION,
            "model_mode": model_mode,
            "settings": dumped,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return content_hash(canonical.encode())


def is_finished(
    entry: Entry | None, *, input_hash: str, settings_hash: str, output_hash: str | None
) -> bool:
    """True when the entry proves the output on disk is this input under these settings.

    `output_hash` is the hash of the output file as it is now, or None when it is missing.
    """
    return (
        entry is not None
        and entry.status is Status.DONE
        and entry.input_hash == input_hash
        and entry.settings_hash == settings_hash
        and output_hash is not None
        and entry.output_hash == output_hash
    )
