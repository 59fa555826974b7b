"""Batch processes end with their parent: a batch killed with SIGKILL leaves none behind.

The pool's fork server is a child of the batch's process and the workers are children of
the fork server; each watches its parent and exits once it is gone (its parent id then
changes to the reaper's). The resource tracker ends by itself when they are gone.
"""

from __future__ import annotations

import os
import threading
import time

CHECK_S = 0.5


def die_with_parent() -> None:
    """Exit this process as soon as its current parent process is gone."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="orphan-watch", daemon=True).start()
