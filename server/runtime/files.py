"""File I/O at the edge: reading inputs and writing outputs atomically, without following
links where a check could be raced.

An input is opened first and checked after, on the open file: it must be a regular file
(a FIFO, device or socket would hang or never end), and `confine` sees the real path of
what was opened, so a symlink swapped in between a check and the open is caught. Outputs
are written to a temp file in the target's folder (opened as a folder, its real path
checked by `confine`) and renamed over the target: a kill leaves the old file or the new
one, never a torn one, and a symlink at the target's name is replaced, never followed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import secrets
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from core.errors import InputError, OutputError

DEFAULT_MAX_BYTES = 20_000_000
TEMP_SUFFIX = ".part"

Confine = Callable[[Path], None]
"""Raises (PathRefusedError) when a real path lies outside where files may be."""


def content_hash(data: bytes) -> str:
    """How inputs and outputs are identified (batch journal, result cache): SHA-256, hex."""
    return hashlib.sha256(data).hexdigest()


def read_input(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, confine: Confine | None = None
) -> bytes:
    """The bytes of the regular file at `path`, at most `max_bytes` of them.

    Raises InputError saying why (missing, a folder, not a regular file, too big, no
    permission) and whatever `confine` raises for a file outside the allowed roots.
    """
    source = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory, not a subtitle file") from None
    except OSError as error:
        raise InputError(source, f"cannot read ({error.strerror or error})") from None
    try:
        if confine is not None:
            confine(opened_path(fd, path))
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(source, "is a directory, not a subtitle file")
        if not stat.S_ISREG(mode):
            raise InputError(source, "not a regular file (a FIFO, device or socket)")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise InputError(source, f"cannot read ({error.strerror or error})") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise InputError(
            source,
            f"larger than the {max_bytes:,}-byte input limit (setting limits.max_input_bytes)",
        )
    return data


def write_atomically(
    path: Path, data: bytes, *, confine: Confine | None = None, durable: bool = False
) -> None:
    """Write `data` to `path` through a hidden temp file in its folder, then rename.

    `durable` also syncs the folder, so the rename survives a power loss (a batch journals
    the file as done right after). Raises OutputError naming the path and the reason.
    """
    target = str(path)
    try:
        folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise OutputError(target, f"folder {path.parent} does not exist") from None
    except OSError as error:
        raise OutputError(target, f"cannot write ({error.strerror or error})") from None
    temp = f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    try:
        if confine is not None:
            confine(opened_path(folder, path.parent) / path.name)
        _write_in(folder, temp, path.name, data, durable=durable)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=folder)
        raise OutputError(
            target, f"cannot write ({error.strerror or error}); nothing was written"
        ) from None
    finally:
        os.close(folder)


def _write_in(folder: int, temp: str, name: str, data: bytes, *, durable: bool) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(temp, flags, 0o666 & ~_umask(), dir_fd=folder)
    try:
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        os.close(fd)
    os.rename(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
    if durable:
        os.fsync(folder)


def opened_path(fd: int, fallback: Path) -> Path:
    """The real path of an open file descriptor (what was really opened, links resolved)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            return Path(f"/proc/self/fd/{fd}").readlink()
    if sys.platform == "darwin":  # fcntl F_GETPATH
        import fcntl

        with contextlib.suppress(OSError):
            raw = fcntl.fcntl(fd, 50, b"\0" * 1024)
            return Path(raw.split(b"\0", 1)[0].decode())
    return Path(os.path.realpath(fallback))


@functools.cache
def _umask() -> int:
    """The process umask (read once: os.umask can only be read by setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def read_stream(stream: BinaryIO, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """At most `max_bytes` from a stream (standard input); InputError beyond them."""
    try:
        data = stream.read(max_bytes + 1)
    except OSError as error:
        raise InputError(name, f"cannot read ({error.strerror or error})") from None
    if len(data) > max_bytes:
        raise InputError(
            name, f"larger than the {max_bytes:,}-byte input limit (setting limits.max_input_bytes)"
        )
    return data
