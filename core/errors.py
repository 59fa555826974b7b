"""The engine's exceptions: one small tree, each carrying the fields a user needs.

ShrutiError
├── TranscriptError (ValueError)   malformed subtitle input: file, line, what is wrong
├── DataError                      packaged data (lexicon, verse index) unreadable
└── SettingsError (ValueError)     a setting with a wrong type, range or name
"""

from __future__ import annotations


class ShrutiError(Exception):
    """Base of every error the engine raises on purpose."""


class TranscriptError(ShrutiError, ValueError):
    """A subtitle file that cannot be read; says which file and line."""

    def __init__(self, message: str, *, source: str = "<input>", line: int | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class DataError(ShrutiError):
    """Packaged data (lexicon, verse index) is missing or corrupt."""


class SettingsError(ShrutiError, ValueError):
    """A setting that fails validation; names the key, the value and what is allowed."""

    def __init__(self, key: str, value: object, allowed: str) -> None:
        self.key = key
        self.value = value
        self.allowed = allowed
        super().__init__(f"{key}={value!r}: {allowed}")
