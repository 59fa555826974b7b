"""The allowed file roots: every path a client names is resolved and checked against them."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.errors import PathRefusedError

MAX_PATH_BYTES = 4096


@dataclass(frozen=True, slots=True)
class AllowedRoots:
    """The directories a client may name; every path is realpath-resolved against them.

    Relative paths are taken from the first root. A path whose real location (after
    following every symlink and `..`) is not inside a root is refused.
    """

    roots: tuple[Path, ...]
    why_none: str = ""
    """When there are no roots: why, and how to set some."""

    @classmethod
    def from_settings(cls, allowed_roots: Sequence[str], *, start_dir: Path) -> AllowedRoots:
        """`paths.allowed_roots`, or the server's start directory when that list is empty,
        unless that directory is `/`, the home folder or above it: a desktop host may start
        the server there, and that must not open every file of the user to an agent."""
        if allowed_roots:
            return cls(tuple(Path(os.path.realpath(root)) for root in allowed_roots))
        start = Path(os.path.realpath(start_dir))
        home = Path(os.path.realpath(Path.home()))
        if start == Path(start.anchor) or home == start or home.is_relative_to(start):
            return cls(
                (),
                why_none=f"the server was started in {start} and the operator set no "
                "paths.allowed_roots; the operator sets them in the server's environment "
                "(SHRUTI_PATHS__ALLOWED_ROOTS='[\"/path/to/lectures\"]') or with `shruti config "
                "set`; until then pass transcripts inline",
            )
        return cls((start,))

    def within(self, client_roots: Sequence[Path]) -> AllowedRoots:
        """These roots narrowed to the client's own (MCP roots): every place both allow."""
        kept: list[Path] = []
        for client in (Path(os.path.realpath(root)) for root in client_roots):
            for root in self.roots:
                if client.is_relative_to(root):
                    kept.append(client)
                elif root.is_relative_to(client):
                    kept.append(root)
        if kept:
            return AllowedRoots(tuple(dict.fromkeys(kept)))
        shown = ", ".join(str(root) for root in client_roots)
        return AllowedRoots(
            (),
            why_none=f"the client's roots ({shown}) lie outside the operator's allowed roots "
            f"({self.describe() or 'none'})",
        )

    def describe(self) -> str:
        return ", ".join(str(root) for root in self.roots)

    def resolve(self, raw: str, *, what: str = "path") -> Path:
        """The real path `raw` names, or PathRefusedError saying which roots are allowed."""
        if "\x00" in raw:
            raise PathRefusedError(f"{what} contains a NUL byte; pass a plain file path")
        if not raw.strip():
            raise PathRefusedError(f"{what} is empty; pass a file path")
        if not self.roots:
            raise PathRefusedError(
                f"{what} {raw!r}: no files may be read or written: {self.why_none}"
            )
        if len(raw.encode("utf-8", "surrogatepass")) > MAX_PATH_BYTES:
            raise PathRefusedError(
                f"{what} is {len(raw):,} characters long; paths are at most "
                f"{MAX_PATH_BYTES:,} bytes, pass a shorter one"
            )
        candidate = Path(raw)
        if not candidate.is_absolute():
            candidate = self.roots[0] / candidate
        try:
            real = Path(os.path.realpath(candidate))
        except OSError as error:
            raise PathRefusedError(f"{what} {raw!r}: {error.strerror or error}") from None
        self.check(real, what=what, raw=raw)
        return real

    def contains(self, real: Path) -> bool:
        """True if the real path lies in (or is) one of the roots."""
        return any(real == root or real.is_relative_to(root) for root in self.roots)

    def check(self, real: Path, *, what: str, raw: str) -> None:
        """PathRefusedError unless the real path lies inside the roots."""
        if not self.contains(real):
            raise PathRefusedError(
                f"{what} {raw!r} resolves to {real}, outside the allowed roots "
                f"({self.describe()}); use a file under one of them, or add its directory "
                "to the setting paths.allowed_roots"
            )

    def confine(self, *, what: str, raw: str) -> Callable[[Path], None]:
        """A check for the real path of what was opened: a link swapped in after `resolve`
        is caught where the file is read or written."""
        return functools.partial(self.check, what=what, raw=raw)
