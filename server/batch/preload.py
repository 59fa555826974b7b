"""Imported once by the batch pool's fork server: load the indexes before any worker forks.

Every worker then starts with the indexes already built (shared copy-on-write), instead of
each loading its own; a worker's initializer finds them cached. If loading fails here, each
worker tries again in its initializer and the failure is reported there.
"""

from __future__ import annotations

import logging

from core.errors import ShrutiError
from server.batch.orphans import die_with_parent
from server.batch.worker import worker_resources

die_with_parent()  # the fork server ends with the batch's process, and its workers with it
try:
    worker_resources()
except (ShrutiError, OSError):
    logging.getLogger(__name__).exception("batch: indexes not preloaded; workers will load them")
