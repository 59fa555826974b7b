"""Tests for the batch journal's rules: when a file is skipped, and what the settings hash sees."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from server.batch.journal import Entry, Status, content_hash, is_finished, settings_fingerprint
from server.runtime.settings_sources import load_settings

FINISHED = Entry(
    path="a/talk.srt",
    status=Status.DONE,
    input_hash=content_hash(b"input"),
    settings_hash="settings-1",
    output_hash=content_hash(b"output"),
)


def test_a_finished_entry_whose_input_settings_and_output_all_match_is_finished() -> None:
    assert is_finished(
        FINISHED,
        input_hash=FINISHED.input_hash,
        settings_hash="settings-1",
        output_hash=FINISHED.output_hash,
    )


@given(
    field=st.sampled_from(["input", "settings", "output", "missing", "status", "none"]),
    status=st.sampled_from([Status.RUNNING, Status.FAILED]),
)
def test_any_single_mismatch_means_the_file_is_processed_again(field: str, status: Status) -> None:
    entry: Entry | None = FINISHED
    input_hash, settings_hash = FINISHED.input_hash, "settings-1"
    output_hash: str | None = FINISHED.output_hash
    if field == "input":
        input_hash = content_hash(b"edited input")
    elif field == "settings":
        settings_hash = "settings-2"
    elif field == "output":
        output_hash = content_hash(b"edited by hand")
    elif field == "missing":
        output_hash = None
    elif field == "status":
        entry = replace(FINISHED, status=status)
    else:
        entry = None
    assert not is_finished(
        entry, input_hash=input_hash, settings_hash=settings_hash, output_hash=output_hash
    )


def test_settings_fingerprint_changes_with_a_correction_setting_or_the_engine_version() -> None:
    base = load_settings()
    same = settings_fingerprint(base, engine_version="1.0")
    assert settings_fingerprint(load_settings(), engine_version="1.0") == same
    other_style = load_settings({"style": {"anusvara": "ṁ"}})
    assert settings_fingerprint(other_style, engine_version="1.0") != same
    assert settings_fingerprint(base, engine_version="1.1") != same


def test_settings_fingerprint_ignores_secrets_roots_and_limits() -> None:
    base = settings_fingerprint(load_settings(), engine_version="1.0")
    neutral = load_settings(
        {
            "model": {"api_key": "sk-rotated"},
            "paths": {"allowed_roots": ["/srv/archive"]},
            "limits": {"max_input_bytes": 5_000_000},
        }
    )
    assert settings_fingerprint(neutral, engine_version="1.0") == base


def test_model_settings_count_only_when_the_model_stage_runs() -> None:
    base, other = load_settings(), load_settings({"model": {"timeout_s": 42.0}})
    off = settings_fingerprint(base, engine_version="1.0")
    assert settings_fingerprint(other, engine_version="1.0") == off
    auto = settings_fingerprint(base, engine_version="1.0", model_mode="auto")
    assert auto != off
    assert settings_fingerprint(other, engine_version="1.0", model_mode="auto") != auto
