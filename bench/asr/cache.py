"""Where the ASR set keeps its audio and transcripts, and the content keys that name them.

Everything lives under $SHRUTI_ASR_CACHE (default ~/.cache/shruti-asr), never in the repo.
A clip is keyed by its spoken text and voice settings, a transcript by its clip's key and
the recogniser's identity and options: a changed cue, voice or model misses the cache, and
nothing else is recomputed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

CACHE_ENV = "SHRUTI_ASR_CACHE"
DEFAULT_CACHE = "~/.cache/shruti-asr"
KEY_VERSION = 1  # bump when what a key covers changes


def cache_root(environ: Mapping[str, str] | None = None) -> Path:
    """$SHRUTI_ASR_CACHE, or ~/.cache/shruti-asr when it is unset or empty."""
    env = os.environ if environ is None else environ
    return Path(env.get(CACHE_ENV) or DEFAULT_CACHE).expanduser()


def digest(*parts: object) -> str:
    """A stable hex key of JSON-able parts (dict order does not matter)."""
    blob = json.dumps([KEY_VERSION, *parts], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def audio_key(text: str, voice: Mapping[str, object]) -> str:
    """The clip of `text` spoken with `voice` (voice name, rate, pitch...)."""
    return digest("audio", text, dict(voice))


def transcript_key(audio: str, model: Mapping[str, object]) -> str:
    """The recogniser's text for clip `audio` under `model` (weights, version, options)."""
    return digest("transcript", audio, dict(model))


def audio_path(root: Path, key: str) -> Path:
    return root / "audio" / key[:2] / f"{key}.wav"


def transcript_path(root: Path, key: str) -> Path:
    return root / "text" / key[:2] / f"{key}.json"


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary name then rename, so a stopped build leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def size_bytes(root: Path) -> int:
    """Total size of the files under `root` (0 if it does not exist)."""
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) if root.exists() else 0
