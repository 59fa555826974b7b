"""Small lecture texts shared by tests."""

from __future__ import annotations

MODEL_LECTURE = (
    "so krishna says karmanye vadhikaraste ma phaleshu kadachana",
    "ishvara pranidhana is surrender to the lord",
    "the guru gave him diksha and mantropadesha",
    "we read the bhagavatam and the upanishads",
    "and then he spoke of the sadhana chatushtaya sampatti",
)
"""Cues where the rules leave words uncertain: what a model is asked about."""
