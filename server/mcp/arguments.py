"""Tool arguments as an agent should hear about them: unknown names refused with "did you
mean", and a wrong value explained in one sentence naming the argument and what it takes
(never pydantic's multi-line text with its links)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

MAX_SHOWN = 40


def strict(schema: Mapping[str, Any]) -> dict[str, Any]:
    """An input schema that says unknown arguments are refused."""
    return {**schema, "additionalProperties": False}


def unknown_arguments(tool: str, given: Iterable[str], schema: Mapping[str, Any]) -> str | None:
    """A sentence refusing the arguments the tool does not take, or None when all are known."""
    known = list(schema.get("properties", {}))
    unknown = [name for name in given if name not in known]
    if not unknown:
        return None
    hints = []
    for name in unknown:
        guess = did_you_mean(name, known)
        hints.append(f"{name!r}" + (f" (did you mean {guess!r}?)" if guess else ""))
    return (
        f"{tool} does not take {', '.join(hints)}; its arguments are {', '.join(known)}; "
        "nothing was done"
    )


def did_you_mean(name: str, known: list[str]) -> str | None:
    """The known name closest to `name`: the same but for case and _ or -, or close in
    spelling ("dryRun": dry_run, "output": output_path)."""
    folded = {_fold(option): option for option in known}
    if _fold(name) in folded:
        return folded[_fold(name)]
    prefixed = [option for option in known if option.startswith(name) or name.startswith(option)]
    if len(prefixed) == 1:
        return prefixed[0]
    close = difflib.get_close_matches(_fold(name), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def _fold(name: str) -> str:
    return name.replace("_", "").replace("-", "").casefold()


def explain(tool: str, error: ValidationError, schema: Mapping[str, Any]) -> str:
    """One sentence per wrong argument: its name, what was wrong, and what it takes."""
    properties = schema.get("properties", {})
    sentences: dict[str, str] = {}
    for problem in error.errors():
        name = str(problem["loc"][0]) if problem["loc"] else "?"
        if name in sentences:
            continue
        takes = allowed(properties.get(name, {}))
        if problem["type"] == "missing":
            sentences[name] = f"argument {name!r} is required: {takes}"
        else:
            sentences[name] = f"argument {name!r} cannot be {_shown(problem.get('input'))}: {takes}"
    return f"{tool}: " + "; ".join(sentences.values()) + "; nothing was done"


def allowed(prop: Mapping[str, Any]) -> str:
    """What a JSON-schema property takes, in words."""
    options = prop.get("anyOf")
    if isinstance(options, list):
        kinds = [allowed(option) for option in options if option.get("type") != "null"]
        nullable = any(option.get("type") == "null" for option in options)
        return " or ".join(kinds) + (" (or null to leave it out)" if nullable else "")
    if "enum" in prop or "const" in prop:
        values = prop.get("enum", [prop.get("const")])
        return "one of " + ", ".join(repr(value) for value in values)
    kind = prop.get("type")
    if kind in ("integer", "number"):
        noun = "a whole number" if kind == "integer" else "a number"
        return noun + _range(prop.get("minimum"), prop.get("maximum"))
    if kind == "boolean":
        return "true or false"
    if kind == "string":
        low, high = prop.get("minLength"), prop.get("maxLength")
        if high is not None:
            return f"text of {low or 0} to {high} characters"
        return "text" if not low else f"text of at least {low} characters"
    if kind == "object":
        return "an object (JSON)"
    if kind == "array":
        return "a list"
    return "a value as the tool's description says"


def _range(low: object, high: object) -> str:
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f" of at least {low}"
    if high is not None:
        return f" of at most {high}"
    return ""


def _shown(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= MAX_SHOWN else shown[: MAX_SHOWN - 1] + "…"
