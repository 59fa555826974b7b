"""The batch report file, streamed one file record at a time so memory stays flat.

`{"files": [{"input", "output", "status", "segments", "changes", "error"?, "elapsed_ms"}],
"summary": {...}}`, written to a hidden temp file beside the target and renamed into place
when the batch ends, so a killed batch never leaves half a report under the real name.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from server.batch.runner import FileResult


class ReportWriter:
    """Append file records as they come; `finish(summary)` completes and publishes the file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        self._temp = Path(temp)
        self._handle: IO[str] = os.fdopen(fd, "w", encoding="utf-8")
        self._handle.write('{"files": [')
        self._first = True
        self._finished = False

    def add(self, result: FileResult) -> None:
        self._handle.write("\n  " if self._first else ",\n  ")
        self._handle.write(json.dumps(result.as_dict(), ensure_ascii=False))
        self._first = False

    def finish(self, summary: dict[str, Any]) -> None:
        summary_json = json.dumps(summary, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        self._handle.write(f'\n],\n  "summary": {summary_json}\n}}\n')
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        self._temp.replace(self.path)
        self._finished = True

    def __enter__(self) -> ReportWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if not self._finished:
            self._handle.close()
            self._temp.unlink(missing_ok=True)
