"""Options several commands share: the house style of this run."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from core.settings import Settings


class Script(StrEnum):
    """The house styles (setting style.script)."""

    iast = "iast"
    iso15919 = "iso15919"
    simple = "simple"


StyleOption = Annotated[
    Script | None,
    typer.Option(
        "--style",
        help="How Sanskrit is written this run: iast (Kṛṣṇa), iso15919 (Kr̥ṣṇa) or simple "
        "(Krishna, Bhagavad Gita); default: the setting style.script.",
    ),
]
DevanagariOption = Annotated[
    bool,
    typer.Option(
        "--devanagari-verses",
        help="Write restored verses in Devanāgarī (setting style.verse_script).",
    ),
]


def styled(settings: Settings, script: Script | None, *, devanagari: bool = False) -> Settings:
    """The settings with this run's house style, when one was asked for."""
    changes: dict[str, str] = {}
    if script is not None:
        changes["script"] = script.value
    if devanagari:
        changes["verse_script"] = "devanagari"
    if not changes:
        return settings
    return settings.model_copy(update={"style": settings.style.model_copy(update=changes)})
