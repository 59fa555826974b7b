"""Settings: the packaged defaults, read through the on-disk cache after the first time."""

from __future__ import annotations

import marshal
from importlib import resources
from pathlib import Path

import pytest
import yaml

from server.runtime.settings_sources import load_settings, packaged_defaults


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SHRUTI_HOME", str(tmp_path))
    return tmp_path


def _shipped() -> object:
    return yaml.safe_load((resources.files("config") / "default.yaml").read_text("utf-8"))


def test_packaged_defaults_are_the_yaml_file_cold_and_cached(home: Path) -> None:
    assert packaged_defaults() == _shipped()
    (cache,) = (home / "cache").glob("defaults-*.marshal")
    assert packaged_defaults() == _shipped()  # now from the cache
    assert load_settings().style.anusvara == _shipped()["style"]["anusvara"]  # type: ignore[index]
    assert cache.exists()


def test_an_unreadable_defaults_cache_is_parsed_again(home: Path) -> None:
    packaged_defaults()
    (cache,) = (home / "cache").glob("defaults-*.marshal")
    cache.write_bytes(b"\x00not marshal")
    assert packaged_defaults() == _shipped()


def test_a_cache_that_is_not_a_mapping_is_not_trusted(home: Path) -> None:
    packaged_defaults()
    (cache,) = (home / "cache").glob("defaults-*.marshal")
    cache.write_bytes(marshal.dumps(["not", "a", "mapping"]))
    assert packaged_defaults() == _shipped()
