"""The `--model` choices, apart from the model code so the CLI can list them cheaply."""

from __future__ import annotations

from enum import StrEnum


class ModelMode(StrEnum):
    """The `--model` choices (an enum so that typer lists and checks them)."""

    OFF = "off"
    AUTO = "auto"
    REQUIRED = "required"

    @classmethod
    def default_for(cls, backend: str) -> ModelMode:
        """What `--model` means when not given: auto when a backend is configured."""
        return cls.OFF if backend == "none" else cls.AUTO
