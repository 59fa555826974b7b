"""Where settings come from: packaged defaults, the versioned store, then the environment.

Sources, later wins: config/default.yaml, the store's active version (passed in as
`overrides`), then `SHRUTI_...` environment variables (nested with `__`, e.g.
`SHRUTI_STYLE__ANUSVARA=ṁ`), read by pydantic-settings.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from core.settings import Settings, deep_merge
from server.runtime import disk_cache

ENV_PREFIX = "SHRUTI_"


class _EnvironmentSettings(BaseSettings, Settings):
    """Settings that also read `SHRUTI_...` variables: the environment beats init values."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        extra="ignore",
        frozen=True,
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Environment beats init kwargs (the store's version), which beat the YAML defaults.
        return (env_settings, init_settings)


def load_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """Build settings from packaged defaults, then `overrides`, then the environment."""
    values = deep_merge(packaged_defaults(), overrides or {})
    return _EnvironmentSettings(**values)


def packaged_defaults() -> dict[str, Any]:
    """The defaults shipped in config/default.yaml, parsed once and then read from the cache:
    importing PyYAML for its seven lines was a twentieth of every cold start."""
    data = resources.files("config").joinpath("default.yaml").read_bytes()
    cache = disk_cache.cache_path(state_dir() / "cache", "defaults", [data], "y1")
    cached = disk_cache.read(cache)
    if isinstance(cached, dict):
        return cached
    import yaml  # only when the cache is cold

    loaded = yaml.safe_load(data.decode("utf-8")) or {}
    if not isinstance(loaded, dict):
        raise TypeError("config/default.yaml must hold a mapping")
    disk_cache.write(cache, loaded)
    return loaded


def state_dir() -> Path:
    """Where the configuration store and caches live (`SHRUTI_HOME` or the user state dir)."""
    home = os.environ.get("SHRUTI_HOME")
    if home:
        return Path(home)
    import platformdirs

    return Path(platformdirs.user_state_dir("shruti"))
