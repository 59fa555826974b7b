"""`-` for standard input and output in the commands that read or write one transcript."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from server.runtime.correct import Source

STDIO = "-"
STDIN_NAME = "<stdin>"


def source_for(path: Path, *, max_bytes: int) -> Source:
    """The input to read: standard input for `-`, else the file."""
    from server.runtime.correct import Source
    from server.runtime.files import read_stream

    if str(path) == STDIO:
        return Source(
            name=STDIN_NAME,
            data=read_stream(sys.stdin.buffer, name=STDIN_NAME, max_bytes=max_bytes),
        )
    return Source(name=str(path), path=path)
