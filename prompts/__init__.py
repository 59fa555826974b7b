"""Prompt templates kept as text files beside this module, filled with `string.Template`."""

from __future__ import annotations

from importlib import resources
from string import Template

__all__ = ["load_prompt", "render_prompt"]


def load_prompt(name: str) -> str:
    """The raw text of prompts/<name>.txt."""
    return resources.files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")


def render_prompt(name: str, **values: str) -> str:
    """prompts/<name>.txt with `$placeholders` filled; a missing value raises KeyError."""
    return Template(load_prompt(name)).substitute(values)
