"""Heavy calls take turns: a few are worked on at once, the rest wait, for a bounded time.

Correcting or validating a large transcript holds it several times over in memory (text,
cues, results); fifty at once would take gigabytes. The server works on a few at a time and
lets the others wait for their turn; a call that waits too long is refused as busy.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio

from core.errors import BusyError


class Turns:
    """A process-wide limit on heavy calls in progress."""

    def __init__(self, limit: int) -> None:
        self._limiter = anyio.CapacityLimiter(limit)

    @property
    def waiting(self) -> int:
        return self._limiter.statistics().tasks_waiting

    @asynccontextmanager
    async def turn(self, *, limit: int, wait_s: float, queue: int) -> AsyncIterator[None]:
        """Hold one of `limit` turns for the block. BusyError at once when `queue` calls
        already wait, or after `wait_s` of waiting."""
        if self._limiter.total_tokens != limit:
            self._limiter.total_tokens = limit
        if self._limiter.available_tokens == 0 and self.waiting >= queue:
            raise BusyError(
                f"busy: {limit} heavy calls are in progress and {self.waiting} wait for their "
                "turn (settings server.heavy_calls, server.heavy_queue); retry in a little while"
            )
        with anyio.move_on_after(wait_s) as waited:
            await self._limiter.acquire()
        if waited.cancelled_caught:
            raise BusyError(
                f"busy: {limit} heavy calls are in progress and this one waited {wait_s:g} s "
                "for its turn (setting server.busy_wait_s); retry in a little while"
            )
        try:
            yield
        finally:
            self._limiter.release()
