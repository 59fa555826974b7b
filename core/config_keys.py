"""The catalogue of setting keys, derived from the Settings model, and env-free validation.

Every key is `section.name` (e.g. `style.anusvara`); its type, bounds and description come
from the pydantic model, so the catalogue can never drift from the schema.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel, SecretStr, ValidationError
from pydantic.fields import FieldInfo

from core.errors import SettingsError
from core.settings import Settings

ENV_PREFIX = "SHRUTI_"
AGENT_KEYS = (
    "style.",
    "normalize.",
    "numbers.",
    "terms.",
    "quality.",
    "verses.min_confidence",
    "verses.min_words",
    "verses.compounds",
)
"""What an agent (over MCP) may change: how the text is written and checked. Everything
else decides where data or secrets go (model.*, paths.*), what runs at start-up
(verses.packs) or how big inputs and results may be (limits.*, server.*): the operator's."""


def agent_may_change(key: str) -> bool:
    """True for a key on the agent's allow-list (AGENT_KEYS)."""
    return any(
        key == allowed or (allowed.endswith(".") and key.startswith(allowed))
        for allowed in AGENT_KEYS
    )


@dataclass(frozen=True, slots=True)
class KeySpec:
    """One setting: its dotted key, what values it takes, and what it is for."""

    key: str
    type_name: str
    bounds: str
    default: Any
    description: str
    secret: bool
    text: bool  # values are words (str or a Literal of str): "off" stays "off", not False

    @property
    def allowed(self) -> str:
        """What a valid value looks like, in words."""
        return f"{self.type_name} {self.bounds}".strip()

    @property
    def env_var(self) -> str:
        """The environment variable that overrides this key."""
        return ENV_PREFIX + self.key.upper().replace(".", "__")


def _sections() -> dict[str, type[BaseModel]]:
    sections: dict[str, type[BaseModel]] = {}
    for name, field in Settings.model_fields.items():
        annotation = field.annotation
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            raise TypeError(f"Settings.{name} must be a section model")
        sections[name] = annotation
    return sections


def _type_name(annotation: Any) -> str:
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Literal:
        return "one of " + ", ".join(repr(arg) for arg in args)
    if origin in (Union, types.UnionType):
        names = [_type_name(arg) for arg in args if arg is not type(None)]
        nullable = " or null" if type(None) in args else ""
        return " or ".join(names) + nullable
    if origin is list:
        return f"a list of {_type_name(args[0])}" if args else "a list"
    plain: dict[object, str] = {
        bool: "true or false",
        int: "an integer",
        float: "a number",
        str: "text",
        SecretStr: "a secret",
    }
    return plain.get(annotation) or str(getattr(annotation, "__name__", annotation))


def _bounds(field: FieldInfo) -> str:
    low = high = ""
    for item in field.metadata:
        if isinstance(item, annotated_types.Ge):
            low = f">= {item.ge}"
        elif isinstance(item, annotated_types.Gt):
            low = f"> {item.gt}"
        elif isinstance(item, annotated_types.Le):
            high = f"<= {item.le}"
        elif isinstance(item, annotated_types.Lt):
            high = f"< {item.lt}"
    return " and ".join(part for part in (low, high) if part)


def _is_text(annotation: Any) -> bool:
    """Text or a choice of words: a CLI value for it is taken as typed, never YAML-parsed."""
    if get_origin(annotation) is Literal:
        return all(isinstance(arg, str) for arg in get_args(annotation))
    return annotation is str


def _is_secret(annotation: Any) -> bool:
    return annotation is SecretStr or SecretStr in get_args(annotation)


def setting_keys(defaults: Mapping[str, Any] | None = None) -> dict[str, KeySpec]:
    """Every settable key, in schema order, with its default: from `defaults` (a config
    snapshot such as the packaged defaults) where given, else the model's own."""
    defaults = flatten(validate_config(defaults or {}))
    specs: dict[str, KeySpec] = {}
    for section, model in _sections().items():
        for name, field in model.model_fields.items():
            key = f"{section}.{name}"
            annotation = field.annotation
            specs[key] = KeySpec(
                key=key,
                type_name=_type_name(annotation),
                bounds=_bounds(field),
                default=defaults.get(key),
                description=field.description or "",
                secret=_is_secret(annotation),
                text=_is_text(annotation),
            )
    return specs


def _secret_fields(model: type[BaseModel]) -> set[str]:
    return {name for name, field in model.model_fields.items() if _is_secret(field.annotation)}


def unknown_key_error(key: str, value: object, known: Mapping[str, KeySpec]) -> SettingsError:
    """The error for a key the schema does not have, with the nearest known keys."""
    near = difflib.get_close_matches(key, list(known), n=3)
    hint = f"did you mean {', '.join(near)}? " if near else ""
    return SettingsError(key, value, f"unknown key; {hint}(`shruti config keys` lists them all)")


def validate_config(config: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Validate a snapshot section by section (environment ignored); secrets are left out.

    Raises SettingsError naming the first bad key, its value and what is allowed.
    """
    sections = _sections()
    validated: dict[str, dict[str, Any]] = {}
    for section in config:
        if section not in sections:
            raise SettingsError(
                section, config[section], "unknown section; one of " + ", ".join(sections)
            )
    for section, model in sections.items():
        raw = config.get(section, {})
        try:
            value = model.model_validate(raw)
        except ValidationError as error:
            raise _settings_error(section, model, raw, error) from None
        validated[section] = value.model_dump(mode="json", exclude=_secret_fields(model))
    return validated


def _settings_error(
    section: str, model: type[BaseModel], raw: object, error: ValidationError
) -> SettingsError:
    first = error.errors()[0]
    loc = first["loc"]
    if not loc:
        return SettingsError(section, raw, "a mapping of keys to values")
    key = f"{section}.{loc[0]}"
    field = model.model_fields.get(str(loc[0]))
    if field is None:
        return unknown_key_error(key, first.get("input"), setting_keys())
    value = raw.get(str(loc[0])) if isinstance(raw, Mapping) else first.get("input")
    allowed = f"{_type_name(field.annotation)} {_bounds(field)}".strip()
    return SettingsError(key, value, allowed)


def flatten(config: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """{"style": {"anusvara": "ṃ"}} -> {"style.anusvara": "ṃ"}."""
    return {
        f"{section}.{name}": value
        for section, values in config.items()
        for name, value in values.items()
    }
