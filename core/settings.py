"""Every setting, typed, bounded and documented, in one pydantic model.

The model is pure: where values come from (config/default.yaml, the versioned store, the
`SHRUTI_...` environment) is server.runtime.settings_sources' business.
"""

from __future__ import annotations

import ipaddress
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StyleSettings(_Section):
    script: Literal["iast", "iso15919", "simple"] = Field(
        "iast",
        description="How the Sanskrit Śruti writes is spelled: iast (Kṛṣṇa; anusvāra as "
        "style.anusvara says), iso15919 (Kr̥ṣṇa, saṁsāra), or simple: the diacritics-free "
        "spellings most English books use (Krishna, Bhagavad Gita, Shankaracharya).",
    )
    anusvara: Literal["ṃ", "ṁ"] = Field(
        "ṃ", description="How anusvāra is written in IAST: 'ṃ' or 'ṁ' (ISO 15919 style)."
    )
    verse_script: Literal["roman", "devanagari"] = Field(
        "roman",
        description="How restored verses are written: roman (in style.script) or devanagari.",
    )


class NormalizeSettings(_Section):
    remove_fillers: bool = Field(True, description="Remove hesitation fillers (um, uh, er, hmm).")
    remove_stutters: bool = Field(True, description="Remove immediate word repetitions.")


class NumbersSettings(_Section):
    scripture_references: bool = Field(
        True, description="Write spoken scripture references as digits (chapter 2, verse 47)."
    )


class TermsSettings(_Section):
    min_confidence: float = Field(
        0.85, ge=0.0, le=1.0, description="Lowest confidence at which a term is restored."
    )
    fuzzy_threshold: float = Field(
        88.0, ge=50.0, le=100.0, description="Lowest rapidfuzz score (0-100) for a fuzzy match."
    )
    spell_unknown: bool = Field(
        True,
        description="Write a word no source holds, heard beside Sanskrit or reading as "
        "Sanskrit by its letters far more than as English, in its likeliest "
        "IAST spelling (a guess from how Sanskrit is spelled, right four times in ten, "
        "offered back for review; not bound by min_confidence, which is for lexicon matches).",
    )
    english_zipf: float = Field(
        3.0,
        ge=0.0,
        le=8.0,
        description="Words at least this frequent in English (Zipf scale) are left alone "
        "unless they are an exact known ASR spelling in Sanskrit context.",
    )


class VersesSettings(_Section):
    min_confidence: float = Field(
        0.6, ge=0.0, le=1.0, description="Lowest confidence at which a recited verse is restored."
    )
    min_words: int = Field(
        3, ge=2, le=20, description="Fewest words a recitation must have to be recognised."
    )
    compounds: Literal["joined", "as_heard", "as_heard_in_quotations"] = Field(
        "as_heard_in_quotations",
        description="How a restored verse writes a compound the reciter said as separate "
        'words: "joined" as the verse text has it (dvandvamohanirmuktā); "as_heard", '
        "hyphenated where the heard words meet, as Prabhupāda's books print it "
        '(dvandva-moha-nirmuktā); or "as_heard_in_quotations", hyphenated so in a verse quoted '
        "inside a sentence and joined in a recitation standing on its own.",
    )
    packs: list[str] = Field(
        default_factory=list,
        description="Directories of more verse packs (*.jsonl: id, work, ref, iast, "
        "devanagari) recognised besides the shipped ones; read when a command or server "
        "starts; operator only.",
    )
    disabled_packs: list[str] = Field(
        default_factory=list,
        description="Shipped verse packs not to recognise, by name (e.g. chandogya_upanishad; "
        "`shruti config keys` and works:// list them); read at start; operator only.",
    )


class QualitySettings(_Section):
    """Overrides of the style profile's thresholds for `validate`; unset keeps the profile's."""

    min_duration_ms: int | None = Field(None, ge=0, le=60_000, description="Shortest cue (ms).")
    max_duration_ms: int | None = Field(None, ge=1, le=600_000, description="Longest cue (ms).")
    max_line_chars: int | None = Field(None, ge=10, le=200, description="Characters a line.")
    max_lines: int | None = Field(None, ge=1, le=10, description="Lines a cue.")
    max_cps: float | None = Field(None, gt=0, le=100, description="Reading speed (chars/s).")
    min_gap_ms: int | None = Field(None, ge=0, le=10_000, description="Gap between cues (ms).")


class ModelSettings(_Section):
    backend: Literal["none", "openai", "sampling"] = Field(
        "none", description="Language model for uncertain segments: none, openai, sampling."
    )
    base_url: str = Field(
        "http://127.0.0.1:8080/v1",
        description="OpenAI-compatible endpoint (http or https, …/v1); operator only.",
    )
    name: str = Field("default", description="Model name sent to the endpoint.")
    api_key: SecretStr | None = Field(None, description="API key (never logged).")
    timeout_s: float = Field(10.0, gt=0, le=600, description="Per-call timeout in seconds.")
    max_concurrency: int = Field(4, ge=1, le=64, description="Model calls in flight at once.")
    budget_s: float = Field(
        20.0, gt=0, le=3600, description="Time budget for all model calls on one transcript."
    )

    @field_validator("base_url")
    @classmethod
    def _http_only(cls, value: str) -> str:
        """Only an http(s) endpoint, never a file or a link-local (cloud metadata) address."""
        url = urlsplit(value)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError(
                "an http:// or https:// URL with a host, e.g. http://127.0.0.1:8080/v1"
            )
        try:
            address = ipaddress.ip_address(url.hostname)
        except ValueError:
            return value
        if address.is_link_local or address.is_multicast or address.is_unspecified:
            raise ValueError(f"{url.hostname} is a link-local, multicast or unspecified address")
        return value


class PathsSettings(_Section):
    allowed_roots: list[str] = Field(
        default_factory=list,
        description="Directories the MCP server may read and write (default: its start dir).",
    )


class LimitsSettings(_Section):
    max_input_bytes: int = Field(
        20_000_000, ge=1_000, le=2_000_000_000, description="Largest input file accepted."
    )
    inline_output_bytes: int = Field(
        200_000,
        ge=1_000,
        le=400_000,
        description="Largest SRT returned inline by a tool (results stay under 512 KiB).",
    )
    corrections_page: int = Field(
        100, ge=1, le=5_000, description="Corrections per page in a tool result."
    )


class ServerSettings(_Section):
    token: SecretStr | None = Field(None, description="Bearer token required over HTTP.")
    max_sessions: int = Field(
        100, ge=1, le=10_000, description="Open HTTP sessions at once; more are refused (503)."
    )
    session_idle_s: float = Field(
        300.0, gt=0, le=86_400, description="An HTTP session idle this long is closed."
    )
    heavy_calls: int = Field(
        2,
        ge=1,
        le=64,
        description="process_transcript / validate_quality calls worked on at once; "
        "the others wait their turn (bounded memory).",
    )
    heavy_queue: int = Field(
        6,
        ge=0,
        le=1_000,
        description="Heavy calls that may wait for a turn; more are refused at once (busy), "
        "and over HTTP their large requests are refused before they are read.",
    )
    busy_wait_s: float = Field(
        60.0,
        gt=0,
        le=3600,
        description="How long a call waits for its turn before it is refused (busy, retry).",
    )


class Settings(BaseModel):
    """All of Śruti's settings."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    style: StyleSettings = Field(default_factory=StyleSettings)
    normalize: NormalizeSettings = Field(default_factory=NormalizeSettings)
    numbers: NumbersSettings = Field(default_factory=NumbersSettings)
    terms: TermsSettings = Field(default_factory=TermsSettings)
    verses: VersesSettings = Field(default_factory=VersesSettings)
    quality: QualitySettings = Field(default_factory=QualitySettings)
    model: ModelSettings = Field(default_factory=ModelSettings)
    paths: PathsSettings = Field(default_factory=PathsSettings)
    limits: LimitsSettings = Field(default_factory=LimitsSettings)
    server: ServerSettings = Field(default_factory=ServerSettings)


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Merge nested mappings; values in `override` win."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged
