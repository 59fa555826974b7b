"""Tests for style profiles and their overrides from settings."""

from __future__ import annotations

import pytest

from core.quality.profiles import NETFLIX, get_profile, with_overrides
from core.settings import QualitySettings


def test_unset_overrides_keep_the_profile() -> None:
    assert with_overrides("netflix", QualitySettings()) == NETFLIX


def test_set_overrides_replace_only_their_thresholds() -> None:
    profile = with_overrides("subtitle-edit", QualitySettings(max_cps=17.0, max_lines=3))
    assert (profile.max_cps, profile.max_lines) == (17.0, 3)
    assert profile.max_line_chars == get_profile("subtitle-edit").max_line_chars


def test_an_unknown_profile_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="netflix, subtitle-edit"):
        get_profile("bbc")
