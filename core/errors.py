"""Every exception Śruti raises on purpose: one tree, each class carrying the fields a user
needs and the exit code a command ends with when it is not handled.

ShrutiError                                   exit 1 unless a subclass says otherwise
├── UsageError (ValueError)                   exit 2: the caller can fix the input or call
│   ├── TranscriptError                       malformed subtitle input: file, line, what
│   ├── InputError                            an input that cannot be read: which, why
│   ├── OutputError                           an output that may not or cannot be written
│   ├── SettingsError                         a setting with a wrong type, range or name
│   ├── PathRefusedError                      a path outside the allowed roots, or malformed
│   ├── StateFileError                        a state file (store, journal) unreadable
│   │   └── ConfigStoreError                  the configuration store in particular
│   ├── BatchUsageError                       a batch that cannot start
│   │   └── BatchBusyError                    another batch writes to the same folder
│   ├── UnknownJobError (LookupError)         no batch job has this id
│   └── BusyError                             the server is busy: retry later
├── DataError                                 exit 1: packaged data missing or corrupt
├── ModelError                                exit 1: a model call gave no usable answer
│   ├── ModelUnavailableError                 a transient fault, worth retrying
│   ├── ModelAnswerError                      an answer that is not the JSON asked for
│   └── CallNotPermittedError                 the circuit breaker refused the call
└── ModelRequiredError                        exit 3: `--model required` and no model answered
"""

from __future__ import annotations

from typing import ClassVar

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_NO_MODEL = 0, 1, 2, 3


class ShrutiError(Exception):
    """Base of every error raised on purpose; `exit_code` is what a command exits with."""

    exit_code: ClassVar[int] = EXIT_INTERNAL


class UsageError(ShrutiError, ValueError):
    """Bad input or a bad call: the message says what to change."""

    exit_code: ClassVar[int] = EXIT_USAGE


class TranscriptError(UsageError):
    """A subtitle file that cannot be read; says which file and line."""

    def __init__(self, message: str, *, source: str = "<input>", line: int | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class InputError(UsageError):
    """An input that cannot be read (missing, not a regular file, no permission, too big)."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class OutputError(UsageError):
    """An output that may not be written (exists, is the input, no such folder) or that
    could not be (disk full, read-only); nothing was written."""

    def __init__(self, target: str, reason: str) -> None:
        self.target = target
        self.reason = reason
        super().__init__(f"{target}: {reason}")


class SettingsError(UsageError):
    """A setting that fails validation; names the key, the value and what is allowed."""

    def __init__(self, key: str, value: object, allowed: str) -> None:
        self.key = key
        self.value = value
        self.allowed = allowed
        super().__init__(f"{key}={value!r}: {allowed}")


class PathRefusedError(UsageError):
    """A path given by a client that points outside the allowed roots or is malformed."""


class StateFileError(UsageError):
    """A state file (configuration store, batch journal or registry) that cannot be used;
    the message names the file and what to do about it."""


class ConfigStoreError(StateFileError):
    """The store file cannot be opened or read (not a database, no permission, newer schema)."""


class BatchUsageError(UsageError):
    """A batch that cannot start: a missing folder, output = input, bad --jobs."""


class BatchBusyError(BatchUsageError):
    """Another batch, in this or another process, is writing to the same output folder."""


class UnknownJobError(UsageError, LookupError):
    """No batch job has this id (here or in the registry)."""


class BusyError(UsageError):
    """The server is working on as many heavy calls as it may; retry in a little while."""


class DataError(ShrutiError):
    """Packaged data (lexicon, verse index) is missing or corrupt."""


class ModelError(ShrutiError):
    """A model call that gave no usable answer; the rule result stands."""


class ModelUnavailableError(ModelError):
    """A transient fault (network, 429, 5xx): worth retrying, after `retry_after` if given."""

    def __init__(
        self, message: str, *, status: int | None = None, retry_after: float | None = None
    ) -> None:
        self.status = status
        self.retry_after = retry_after
        super().__init__(message)


class ModelAnswerError(ModelError):
    """The backend answered, but not with the JSON the prompt asks for (never retried)."""


class CallNotPermittedError(ModelError):
    """The breaker is open (or its half-open probes are all taken); the call was not made."""

    def __init__(self, name: str, state: str) -> None:
        self.name = name
        self.state = state
        super().__init__(f"circuit breaker {name!r} is {state}: call not permitted")


class ModelRequiredError(ShrutiError):
    """`--model required` and no model answered: the caller asked not to fall back."""

    exit_code: ClassVar[int] = EXIT_NO_MODEL
