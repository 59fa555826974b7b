"""Recent correction results, kept so that later pages of a result come from the same run.

A page of corrections asked for with a cursor must address the same list as the first
page: with a model in the loop, running again could give other answers (and cost tokens).
Entries are keyed by the input's hash, the settings and the model mode; the oldest go
first once `capacity` results or `max_bytes` of output are held.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from core.settings import Settings
from server.runtime.correct import Corrected
from server.runtime.model_mode import ModelMode


def result_key(input_hash: str, settings: Settings, mode: ModelMode, *how: object) -> str:
    """What makes two runs the same: the input bytes, every setting, the model mode, and
    how the input is read and the result written (`how`: format, rendering)."""
    digest = hashlib.sha256()
    for part in (input_hash, settings.model_dump_json(), mode.value, *map(repr, how)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class ResultCache:
    """A small LRU of Corrected results, safe to use from worker threads."""

    def __init__(self, *, capacity: int = 16, max_bytes: int = 64_000_000) -> None:
        self._capacity = capacity
        self._max_bytes = max_bytes
        self._entries: OrderedDict[str, Corrected] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Corrected | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: str, corrected: Corrected) -> None:
        with self._lock:
            self._entries[key] = corrected
            self._entries.move_to_end(key)
            while len(self._entries) > self._capacity or (
                len(self._entries) > 1 and self._held_bytes() > self._max_bytes
            ):
                self._entries.popitem(last=False)

    def _held_bytes(self) -> int:
        return sum(len(entry.output) for entry in self._entries.values())
