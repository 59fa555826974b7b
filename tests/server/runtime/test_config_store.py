"""Tests for the versioned configuration store: versions, validation, rollback, audit."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.config_keys import KeySpec, flatten, setting_keys, validate_config
from core.errors import ConfigStoreError, SettingsError
from server.runtime.config_store import ConfigStore, default_store_path
from server.runtime.settings_sources import load_settings, packaged_defaults

AUTHOR = "tester"


def fixed_clock() -> datetime:
    return datetime(2026, 11, 22, 8, 0, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> ConfigStore:
    return ConfigStore(tmp_path / "config.sqlite3", now=fixed_clock)


def test_a_new_store_starts_at_version_1_holding_the_packaged_defaults(store: ConfigStore) -> None:
    current = store.current()
    assert current.version == 1
    assert current.config == validate_config(packaged_defaults())
    assert current.changes == {}
    assert current.created_at == "2026-11-22T08:00:00.000+00:00"


def test_default_store_path_lives_under_shruti_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHRUTI_HOME", str(tmp_path))
    assert default_store_path() == tmp_path / "config.sqlite3"


def test_update_appends_a_version_with_diff_author_and_reason(store: ConfigStore) -> None:
    stored = store.update(
        {"style.anusvara": "ṁ", "terms.min_confidence": 0.9}, reason="house style", author=AUTHOR
    )
    assert stored.version == 2
    assert stored.author == AUTHOR
    assert stored.reason == "house style"
    assert stored.changes == {
        "style.anusvara": {"old": "ṃ", "new": "ṁ"},
        "terms.min_confidence": {"old": 0.85, "new": 0.9},
    }
    assert store.current() == stored
    assert stored.config["terms"]["fuzzy_threshold"] == 88.0  # full snapshot, not just the diff


def test_store_is_in_wal_mode(store: ConfigStore) -> None:
    store.current()
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize(
    ("changes", "key", "allowed"),
    [
        ({"terms.min_confidence": "high"}, "terms.min_confidence", "a number >= 0.0 and <= 1.0"),
        ({"terms.min_confidence": 1.5}, "terms.min_confidence", "a number >= 0.0 and <= 1.0"),
        ({"verses.min_words": 1}, "verses.min_words", "an integer >= 2 and <= 20"),
        ({"style.anusvara": "m"}, "style.anusvara", "one of 'ṃ', 'ṁ'"),
        ({"normalize.remove_fillers": "perhaps"}, "normalize.remove_fillers", "true or false"),
        ({"style.anusvra": "ṁ"}, "style.anusvra", "did you mean style.anusvara"),
        ({"style": "ṁ"}, "style", "unknown key"),
        ({"model.api_key": "sk-secret"}, "model.api_key", "SHRUTI_MODEL__API_KEY"),
    ],
)
def test_an_invalid_change_names_key_and_allowed_values_and_writes_nothing(
    store: ConfigStore, changes: dict[str, object], key: str, allowed: str
) -> None:
    before = store.history()
    with pytest.raises(SettingsError) as caught:
        store.update({"terms.fuzzy_threshold": 90.0, **changes}, reason="r", author=AUTHOR)
    assert caught.value.key == key
    assert allowed in caught.value.allowed
    assert key in str(caught.value)
    assert store.history() == before


def test_a_secret_value_never_appears_in_the_error_or_the_store(store: ConfigStore) -> None:
    with pytest.raises(SettingsError) as caught:
        store.update({"server.token": "hunter2"}, reason="r", author=AUTHOR)
    assert "hunter2" not in str(caught.value)
    assert b"hunter2" not in store.path.read_bytes()


def test_an_empty_reason_is_refused(store: ConfigStore) -> None:
    with pytest.raises(SettingsError, match="reason"):
        store.update({"style.anusvara": "ṁ"}, reason="  ", author=AUTHOR)
    assert store.current().version == 1


def test_rollback_to_a_version_appends_a_copy_and_keeps_history(store: ConfigStore) -> None:
    store.update({"style.anusvara": "ṁ"}, reason="a", author=AUTHOR)
    store.update({"terms.min_confidence": 0.7}, reason="b", author=AUTHOR)
    before = store.history()
    restored = store.rollback(to_version=1, reason="undo", author=AUTHOR)
    assert restored.version == 4
    assert restored.restored_from == 1
    assert restored.config == before[0].config
    assert restored.changes == {
        "style.anusvara": {"old": "ṁ", "new": "ṃ"},
        "terms.min_confidence": {"old": 0.7, "new": 0.85},
    }
    assert store.history()[:3] == before


def test_rollback_by_steps_counts_back_from_the_active_version(store: ConfigStore) -> None:
    store.update({"style.anusvara": "ṁ"}, reason="a", author=AUTHOR)
    store.update({"terms.min_confidence": 0.7}, reason="b", author=AUTHOR)
    restored = store.rollback(steps=2, reason="undo both", author=AUTHOR)
    assert restored.restored_from == 1
    assert load_settings(restored.config).style.anusvara == "ṃ"


@pytest.mark.parametrize(("to_version", "steps"), [(0, 1), (9, 1), (None, 5), (None, 0)])
def test_rollback_outside_the_history_is_refused(
    store: ConfigStore, to_version: int | None, steps: int
) -> None:
    store.update({"style.anusvara": "ṁ"}, reason="a", author=AUTHOR)
    with pytest.raises(SettingsError):
        store.rollback(to_version=to_version, steps=steps, reason="r", author=AUTHOR)
    assert store.current().version == 2


def test_anusvara_setting_flows_into_settings_and_rollback_restores_it(
    store: ConfigStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SHRUTI_STYLE__ANUSVARA", raising=False)
    changed = store.update({"style.anusvara": "ṁ"}, reason="house style", author=AUTHOR)
    assert load_settings(changed.config).style.anusvara == "ṁ"
    restored = store.rollback(steps=1, reason="undo", author=AUTHOR)
    assert load_settings(restored.config).style.anusvara == "ṃ"


def test_validation_ignores_environment_overrides(
    store: ConfigStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHRUTI_STYLE__ANUSVARA", "ṁ")
    stored = store.update({"terms.min_confidence": 0.5}, reason="r", author=AUTHOR)
    assert stored.config["style"]["anusvara"] == "ṃ"


def test_current_version_is_zero_and_creates_nothing_without_a_store(tmp_path: Path) -> None:
    path = tmp_path / "absent" / "config.sqlite3"
    assert ConfigStore(path).current_version() == 0
    assert not path.exists()


def test_current_version_follows_writes_from_another_store_object(store: ConfigStore) -> None:
    store.current()
    reader = ConfigStore(store.path)
    assert reader.current_version() == 1
    store.update({"style.anusvara": "ṁ"}, reason="r", author=AUTHOR)
    assert reader.current_version() == 2


def test_a_file_that_is_not_a_database_raises_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "config.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(
        ConfigStoreError, match=r"config\.sqlite3.*not a readable database.*move it aside"
    ):
        ConfigStore(path).current()


def test_a_store_from_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(ConfigStoreError, match="newer shruti"):
        ConfigStore(path).current()


def test_catalogue_lists_every_schema_key_with_type_and_description() -> None:
    specs = setting_keys()
    assert set(specs) == set(flatten(validate_config({}))) | {"model.api_key", "server.token"}
    assert all(spec.description for spec in specs.values())
    assert specs["terms.min_confidence"].bounds == ">= 0.0 and <= 1.0"
    assert specs["model.api_key"].secret


def _value_strategy(spec: KeySpec) -> st.SearchStrategy[Any]:
    """Valid values for one key, read from its catalogue entry."""
    if spec.key == "model.base_url":  # text, but only an http(s) URL is valid
        hosts = st.sampled_from(["127.0.0.1", "localhost", "llm.example.org", "[::1]"])
        return st.builds("http://{}:{}/v1".format, hosts, st.integers(1, 65535))
    if spec.type_name.endswith(" or null"):
        plain = replace(spec, type_name=spec.type_name.removesuffix(" or null"))
        return st.none() | _value_strategy(plain)
    if spec.type_name.startswith("one of"):
        options = [part.strip().strip("'") for part in spec.type_name[7:].split(",")]
        return st.sampled_from(options)
    if spec.type_name == "true or false":
        return st.booleans()
    if spec.type_name == "a list of text":
        return st.lists(st.text(st.characters(exclude_categories=["Cs"]), max_size=8), max_size=3)
    if spec.type_name == "text":
        return st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
    low, high, exclusive = _numeric_bounds(spec.bounds)
    if spec.type_name == "an integer":
        return st.integers(int(low), int(high))
    return st.floats(low, high, exclude_min=exclusive, allow_nan=False)


def _numeric_bounds(bounds: str) -> tuple[float, float, bool]:
    low_part, high_part = bounds.split(" and ")
    return float(low_part.split()[1]), float(high_part.split()[1]), low_part.startswith(">")


SETTABLE = {key: spec for key, spec in setting_keys().items() if not spec.secret}
changes_strategy = st.lists(
    st.sampled_from(sorted(SETTABLE)), min_size=1, max_size=4, unique=True
).flatmap(lambda keys: st.fixed_dictionaries({key: _value_strategy(SETTABLE[key]) for key in keys}))


@settings(max_examples=40, deadline=None)
@given(changes=changes_strategy)
def test_rollback_of_an_applied_change_restores_the_previous_config(
    tmp_path_factory: pytest.TempPathFactory, changes: dict[str, object]
) -> None:
    store = ConfigStore(tmp_path_factory.getbasetemp() / "property.sqlite3")
    before = store.current()
    applied = store.update(changes, reason="property", author=AUTHOR)
    restored = store.rollback(steps=1, reason="undo", author=AUTHOR)
    assert restored.config == before.config
    assert restored.restored_from == before.version == applied.version - 1
    assert store.get(applied.version) == applied
