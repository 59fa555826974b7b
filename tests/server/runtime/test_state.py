"""Tests for the runtime: settings from the store, and change detection for a running server."""

from __future__ import annotations

import gc
import json
import sqlite3
from pathlib import Path
from typing import cast

import pytest

from core.engine import Resources
from core.errors import ConfigStoreError, SettingsError
from server.runtime.config_store import ConfigStore
from server.runtime.state import RuntimeHolder, kept_for_life, load_store_settings

# The holder passes the indexes through untouched; a sentinel proves they are never rebuilt.
RESOURCES = cast(Resources, object())


@pytest.fixture(autouse=True)
def no_env_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SHRUTI_STYLE__ANUSVARA", raising=False)
    monkeypatch.delenv("SHRUTI_TERMS__MIN_CONFIDENCE", raising=False)


def test_no_store_means_version_0_and_the_packaged_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.sqlite3"
    version, settings = load_store_settings(path)
    assert version == 0
    assert settings.style.anusvara == "ṃ"
    assert not path.exists()


def test_the_active_version_overrides_defaults_and_the_environment_overrides_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.sqlite3"
    ConfigStore(path).update(
        {"style.anusvara": "ṁ", "terms.min_confidence": 0.7}, reason="r", author="a"
    )
    monkeypatch.setenv("SHRUTI_TERMS__MIN_CONFIDENCE", "0.95")
    version, settings = load_store_settings(path)
    assert version == 2
    assert settings.style.anusvara == "ṁ"
    assert settings.terms.min_confidence == 0.95


def test_a_store_that_cannot_be_read_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "config.sqlite3"
    path.write_bytes(b"\x00garbage" * 300)
    with pytest.raises(ConfigStoreError, match=r"config\.sqlite3"):
        load_store_settings(path)


def test_a_snapshot_the_schema_no_longer_accepts_names_the_key(tmp_path: Path) -> None:
    path = tmp_path / "config.sqlite3"
    ConfigStore(path).current()
    with sqlite3.connect(path) as conn:  # as if written by an older shruti with another key
        conn.execute(
            "INSERT INTO versions (version, created_at, author, reason, changes, config) "
            "VALUES (2, '2026-01-01T00:00:00+00:00', 'old', 'r', '{}', ?)",
            (json.dumps({"style": {"anusvara": "ṃ", "retired_key": 1}}),),
        )
    with pytest.raises(SettingsError, match=r"style\.retired_key"):
        load_store_settings(path)


def test_holder_picks_up_a_version_written_elsewhere_on_its_next_call(tmp_path: Path) -> None:
    path = tmp_path / "config.sqlite3"
    holder = RuntimeHolder(RESOURCES, store_path=path)
    first = holder.runtime()
    assert (first.config_version, first.settings.style.anusvara) == (0, "ṃ")

    ConfigStore(path).update({"style.anusvara": "ṁ"}, reason="house style", author="cli")
    second = holder.runtime()
    assert (second.config_version, second.settings.style.anusvara) == (2, "ṁ")
    assert second.resources is RESOURCES

    ConfigStore(path).rollback(steps=1, reason="undo", author="cli")
    third = holder.runtime()
    assert (third.config_version, third.settings.style.anusvara) == (3, "ṃ")


def test_holder_reuses_its_settings_while_the_version_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "config.sqlite3"
    ConfigStore(path).update({"verses.min_words": 5}, reason="r", author="a")
    holder = RuntimeHolder(RESOURCES, store_path=path)
    first = holder.runtime()
    assert first.settings.verses.min_words == 5
    assert holder.runtime() is first


def test_indexes_kept_for_life_are_left_out_of_garbage_collections() -> None:
    index = {"bhagavadgita": [0]}  # a container the collector tracks, as it tracks the indexes
    resources = cast(Resources, index)
    assert any(tracked is index for tracked in gc.get_objects())
    try:
        assert kept_for_life(resources) is resources
        assert not any(tracked is index for tracked in gc.get_objects())
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # give this test process's objects back to the collector
