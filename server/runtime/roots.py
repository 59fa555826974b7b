"""The allowed file roots: every path a client names is resolved and checked against them."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from core.errors import PathRefusedError


@dataclass(frozen=True, slots=True)
class AllowedRoots:
    """The directories a client may name; every path is realpath-resolved against them.

    Relative paths are taken from the first root. A path whose real location (after
    following every symlink and `..`) is not inside a root is refused.
    """

    roots: tuple[Path, ...]

    @classmethod
    def from_settings(cls, allowed_roots: Sequence[str], *, start_dir: Path) -> AllowedRoots:
        """`paths.allowed_roots`, or the server's start directory when that list is empty."""
        raw = list(allowed_roots) or [str(start_dir)]
        return cls(tuple(Path(os.path.realpath(root)) for root in raw))

    def describe(self) -> str:
        return ", ".join(str(root) for root in self.roots)

    def resolve(self, raw: str, *, what: str = "path") -> Path:
        """The real path `raw` names, or PathRefusedError saying which roots are allowed."""
        if "\x00" in raw:
            raise PathRefusedError(f"{what} contains a NUL byte; pass a plain file path")
        if not raw.strip():
            raise PathRefusedError(f"{what} is empty; pass a file path")
        candidate = Path(raw)
        if not candidate.is_absolute():
            candidate = self.roots[0] / candidate
        real = Path(os.path.realpath(candidate))
        if not any(real == root or real.is_relative_to(root) for root in self.roots):
            raise PathRefusedError(
                f"{what} {raw!r} resolves to {real}, outside the allowed roots "
                f"({self.describe()}); use a file under one of them, or add its directory "
                "to the setting paths.allowed_roots"
            )
        return real
