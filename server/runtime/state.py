"""The runtime a command or server works with: settings (defaults, store, env) and the indexes.

A long-running server keeps one `RuntimeHolder`: the indexes are loaded once, and each tool
call asks `holder.runtime()`, which re-reads Settings only when the store's version changed
(one indexed SELECT per call), so a version written by `shruti config set` is used on the
next call without a restart.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.config_keys import validate_config
from core.engine import Resources
from core.errors import SettingsError, UsageError
from core.settings import Settings
from server.runtime.config_store import ConfigStore, default_store_path
from server.runtime.loader import load_resources, shipped_packs
from server.runtime.settings_sources import load_settings


@dataclass(frozen=True, slots=True)
class Runtime:
    settings: Settings
    resources: Resources
    config_version: int = 0


def load_store_settings(store_path: Path | None = None) -> tuple[int, Settings]:
    """The store's active version over the packaged defaults (env still wins), and its number.

    No store file means version 0, the packaged defaults; a file that is not a readable store
    raises core.errors.ConfigStoreError naming the path, and a snapshot this schema no longer
    accepts raises SettingsError naming the key.
    """
    path = store_path or default_store_path()
    if not path.exists():
        return 0, load_settings()
    current = ConfigStore(path).current()
    return current.version, load_settings(validate_config(current.config))


def load_runtime(store_path: Path | None = None) -> Runtime:
    """Settings (defaults, store, environment) and the indexes, loaded once."""
    version, settings = load_store_settings(store_path)
    return Runtime(settings=settings, resources=resources_for(settings), config_version=version)


def resources_for(settings: Settings) -> Resources:
    """The packaged indexes (less `verses.disabled_packs`) plus the verse packs named by
    `verses.packs`, kept for life."""
    return kept_for_life(
        load_resources(
            extra_verse_dirs=verse_pack_dirs(settings),
            disabled_packs=shipped_packs_off(settings),
        )
    )


def shipped_packs_off(settings: Settings) -> frozenset[str]:
    """The shipped packs `verses.disabled_packs` switches off; an unknown name is an error."""
    shipped = shipped_packs()
    unknown = sorted(set(settings.verses.disabled_packs) - set(shipped))
    if unknown:
        raise UsageError(
            f"verses.disabled_packs: no shipped pack {', '.join(unknown)}; "
            f"the shipped packs are {', '.join(shipped)}"
        )
    return frozenset(settings.verses.disabled_packs)


def kept_for_life(resources: Resources) -> Resources:
    """Hide indexes that live as long as the process from the cyclic garbage collector.

    They are some 60,000 dicts and tuples (holding hundreds of thousands of strings) that
    never form garbage cycles, yet every full collection walked them all, the last one at
    interpreter exit included (a fifth of a `shruti process` of a small file). gc.freeze
    moves everything tracked so far to the permanent generation, which collections skip;
    reference counting still frees.
    """
    gc.freeze()
    return resources


def check_startable(config: Mapping[str, Mapping[str, Any]]) -> None:
    """Refuse (SettingsError) a configuration a command or server could not start with:
    a verse pack that does not load would stop every `shruti` until rolled back by hand."""
    settings = Settings.model_validate(config)
    try:
        verse_pack_dirs(settings)
    except UsageError as error:
        raise SettingsError(
            "verses.packs", settings.verses.packs, f"{error}; nothing was changed"
        ) from None
    try:
        shipped_packs_off(settings)
    except UsageError as error:
        raise SettingsError(
            "verses.disabled_packs", settings.verses.disabled_packs, f"{error}; nothing was changed"
        ) from None


def verse_pack_dirs(settings: Settings) -> tuple[Path, ...]:
    """The `verses.packs` directories; a missing one is an error that names it."""
    found = []
    for name in settings.verses.packs:
        directory = Path(name).expanduser()
        if not directory.is_dir():
            raise UsageError(f"verses.packs: {name} is not a directory")
        if not any(directory.glob("*.jsonl*")):
            raise UsageError(f"verses.packs: {name} holds no *.jsonl verse files")
        found.append(directory)
    return tuple(found)


class RuntimeHolder:
    """Indexes loaded once; Settings refreshed when the store has a new version."""

    def __init__(self, resources: Resources, *, store_path: Path | None = None) -> None:
        self._store = ConfigStore(store_path or default_store_path())
        self._resources = resources
        self._lock = threading.Lock()
        self._runtime: Runtime | None = None

    @property
    def store(self) -> ConfigStore:
        """The store this holder watches (for update/rollback tools)."""
        return self._store

    def runtime(self) -> Runtime:
        """The runtime for this call: fresh Settings if the store's version changed."""
        version = self._store.current_version()
        with self._lock:
            if self._runtime is None or self._runtime.config_version != version:
                loaded, settings = load_store_settings(self._store.path)
                self._runtime = Runtime(
                    settings=settings, resources=self._resources, config_version=loaded
                )
            return self._runtime
