"""On-disk caches of data derived from packaged files: built indexes, parsed defaults.

Each cache file is named by its kind, a hash of the source bytes and a format tag, so a
changed source or format simply misses. Caches are marshal files written atomically; an
unreadable one is ignored and rebuilt, an unwritable cache directory only costs time.
Each kind keeps its KEEP most recently used files: every new lexicon, key rule or verse
pack writes a new file, which would otherwise pile up.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

KEEP = 4
"""Cache files kept per kind, the most recently used (more than one, so that a server with
verse packs and a command without them do not throw each other's caches away)."""

logger = logging.getLogger(__name__)


def cache_path(directory: Path, kind: str, sources: Sequence[bytes], tag: str) -> Path:
    """Where the data derived from `sources` is cached: named by their hash and `tag`."""
    digest = hashlib.sha256()
    for part in sources:
        digest.update(hashlib.sha256(part).digest())
    return directory / f"{kind}-{digest.hexdigest()[:20]}-{tag}.marshal"


def read(path: Path) -> Any:
    """The unmarshalled cache file, or None when it is missing or unreadable. A file read
    is marked as used, so that pruning keeps the caches in use."""
    try:
        state = marshal.loads(path.read_bytes())
    except (FileNotFoundError, NotADirectoryError):  # no cache yet, or no cache folder
        return None
    except (OSError, ValueError, EOFError, TypeError) as error:
        logger.warning("ignoring unreadable cache %s: %s", path, error)
        return None
    with contextlib.suppress(OSError):  # a read-only cache still serves; it is not pruned
        path.touch()
    return state


def write(path: Path, value: Any) -> None:
    """Marshal `value` to `path` atomically, then prune older caches of its kind."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            handle.write(marshal.dumps(value))
        Path(handle.name).replace(path)
        _prune(path)
    except OSError as error:  # a read-only home: every start is slower, nothing is wrong
        logger.info("could not write cache %s: %s", path, error)


def _prune(written: Path) -> None:
    kind = written.name.split("-", 1)[0]
    siblings = [p for p in written.parent.glob(f"{kind}-*.marshal") if p != written]
    siblings.sort(key=_last_used, reverse=True)
    for stale in siblings[KEEP - 1 :]:
        stale.unlink(missing_ok=True)


def _last_used(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # pruned by another process just now
        return 0.0
