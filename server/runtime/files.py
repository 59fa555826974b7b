"""File I/O at the edge: reading subtitle files and writing outputs atomically."""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from pathlib import Path

from core.errors import TranscriptError
from core.transcript.segments import Transcript
from core.transcript.srt import Decoded, decode, parse

DEFAULT_MAX_BYTES = 20_000_000


def read_transcript(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Transcript, Decoded]:
    """Read and parse an SRT file; TranscriptError names the file and line on bad input."""
    source = str(path)
    if path.is_dir():
        raise TranscriptError("is a directory, not an SRT file", source=source)
    if path.exists() and not path.is_file():
        raise TranscriptError("not a regular file", source=source)
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TranscriptError(
            f"larger than the {max_bytes:,}-byte input limit (setting limits.max_input_bytes)",
            source=source,
        )
    decoded = decode(data, source=source)
    return parse(decoded.text, source=source), decoded


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a hidden temp file beside `path`, fsync, then rename over it.

    A kill at any point leaves either the old file or the new one, never a torn one; the
    temp name does not end in `.srt`, so globbing users never pick it up.
    """
    directory = path.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp_name).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temp_name).unlink()
        raise


@functools.cache
def _umask() -> int:
    """The process umask (read once: os.umask can only be read by setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
