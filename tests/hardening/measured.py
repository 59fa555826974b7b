"""Run `shruti` in a child process with a time limit and measure the child's peak RSS."""

from __future__ import annotations

import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Measured:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mib: float
    timed_out: bool


def run_shruti(args: list[str], *, cwd: Path, env: dict[str, str], timeout_s: float) -> Measured:
    """`shruti ARGS` in a fresh process; killed after `timeout_s`; its own peak RSS.

    The peak is the child's VmHWM, polled from /proc while it runs: ru_maxrss would also
    count the parent's memory, which Linux carries into a child across a (v)fork + exec.
    """
    out, err = cwd / ".measured.out", cwd / ".measured.err"
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, str(out), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
        (os.POSIX_SPAWN_OPEN, 2, str(err), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
    ]
    argv = [sys.executable, "-c", "from server.cli.main import main; main()", *args]
    started = time.monotonic()
    pid = os.posix_spawn(sys.executable, argv, env, file_actions=actions)
    timed_out = False
    peak_kib = 0
    while True:
        peak_kib = max(peak_kib, _high_water_kib(pid))
        done, status, _usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() - started > timeout_s and not timed_out:
            timed_out = True
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.02)
    return Measured(
        returncode=os.waitstatus_to_exitcode(status),
        stdout=out.read_text(errors="replace"),
        stderr=err.read_text(errors="replace"),
        seconds=time.monotonic() - started,
        peak_rss_mib=peak_kib / 1024,
        timed_out=timed_out,
    )


def _high_water_kib(pid: int) -> int:
    """VmHWM of a running process in KiB (0 once it has exited)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0
