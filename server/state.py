"""The runtime a command or server works with: settings and the shared indexes."""

from __future__ import annotations

from dataclasses import dataclass

from core.engine import Resources
from core.loader import load_resources
from core.settings import Settings, load_settings


@dataclass(frozen=True, slots=True)
class Runtime:
    settings: Settings
    resources: Resources


def load_runtime() -> Runtime:
    """Settings (defaults, store, environment) and the indexes, loaded once."""
    return Runtime(settings=load_settings(), resources=load_resources())
