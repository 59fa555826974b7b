"""`shruti config`: show, set, audit and roll back the versioned settings."""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from core.errors import EXIT_USAGE, SettingsError

if TYPE_CHECKING:  # imported when a command runs, to keep `shruti` quick to start
    from rich.console import Console

    from core.config_keys import KeySpec
    from server.runtime.config_store import ConfigStore, StoredVersion


T = TypeVar("T")
MASK = "**********"

config_app = typer.Typer(
    name="config",
    help="Show, change, audit and roll back settings; every change is a new version.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")]
ReasonOption = Annotated[
    str | None,
    typer.Option("--reason", help="Why (required: kept in the audit trail).", show_default=False),
]
AuthorOption = Annotated[
    str | None, typer.Option("--author", help="Who (default: the OS user name).")
]


def os_user() -> str:
    """The OS user name, the default author of a change."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"shruti: config: {message}", err=True)
    return typer.Exit(code)


def _store() -> ConfigStore:
    from server.runtime.config_store import ConfigStore, default_store_path

    return ConfigStore(default_store_path())


def _echo_json(value: object) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


def masked(config: dict[str, Any], specs: dict[str, KeySpec]) -> dict[str, Any]:
    """The config with any secret value replaced by a mask (the store never holds one)."""
    secret = {key for key, spec in specs.items() if spec.secret}
    return {
        section: {
            name: MASK if f"{section}.{name}" in secret and value is not None else value
            for name, value in values.items()
        }
        for section, values in config.items()
    }


def parse_value(raw: str, spec: KeySpec | None) -> object:
    """A YAML scalar/flow value (0.9, true, [a, b]); text settings keep the raw string."""
    import yaml

    if spec is not None and spec.text:
        return raw
    try:
        return yaml.safe_load(raw) if raw.strip() else raw
    except yaml.YAMLError:
        return raw


def parse_assignments(pairs: list[str], specs: dict[str, KeySpec]) -> dict[str, object]:
    """["style.anusvara=ṁ", ...] -> {"style.anusvara": "ṁ"}; SettingsError if not key=value."""
    changes: dict[str, object] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise SettingsError(pair, "", "expected KEY=VALUE, for example style.anusvara=ṁ")
        changes[key] = parse_value(raw, specs.get(key))
    return changes


def _required_reason(reason: str | None, command: str) -> str:
    """The reason a change needs; without one, say what it is for and how to give it."""
    if reason is None or not reason.strip():
        raise _fail(
            f"{command} needs --reason: say why (it is kept in the audit trail with the "
            f'change), e.g. --reason "house style is ISO 15919"'
        )
    return reason


def _show_value(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _changes_text(stored: StoredVersion) -> str:
    return "\n".join(
        f"{key}: {_show_value(change['old'])} → {_show_value(change['new'])}"
        for key, change in stored.changes.items()
    )


def _print_version_line(console: Console, stored: StoredVersion) -> None:
    restored = f" (restores {stored.restored_from})" if stored.restored_from else ""
    console.print(
        f"version {stored.version}{restored} by {stored.author} at {stored.created_at}: "
        f"{stored.reason}",
        highlight=False,
    )


@config_app.command("show")
def show(json_out: JsonFlag = False) -> None:
    """Show the active version and every setting in it."""
    from rich.console import Console

    from core.config_keys import flatten, setting_keys
    from server.cli.tables import print_table
    from server.runtime.settings_sources import packaged_defaults

    specs = setting_keys(packaged_defaults())
    current = _run(lambda store: store.current())
    config = masked(current.config, specs)
    if json_out:
        _echo_json({"version": current.version, "config": config})
        return
    console = Console()
    _print_version_line(console, current)
    rows = [
        (key, _show_value(value), _show_value(specs[key].default if key in specs else None))
        for key, value in flatten(config).items()
    ]
    print_table(("key", "value", "default"), rows, console=console)
    present = {name.upper() for name in os.environ}
    for spec in specs.values():
        if spec.env_var in present:
            console.print(f"note: {spec.env_var} is set and overrides {spec.key}", highlight=False)


@config_app.command("set")
def set_(
    assignments: Annotated[
        list[str],
        typer.Argument(
            metavar="KEY=VALUE...", help="e.g. style.anusvara=ṁ terms.min_confidence=0.9"
        ),
    ],
    reason: ReasonOption = None,
    author: AuthorOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Change settings as one new version; an invalid value changes nothing (exit 2)."""
    why = _required_reason(reason, "config set")
    from core.config_keys import setting_keys
    from server.runtime.settings_sources import packaged_defaults

    specs = setting_keys(packaged_defaults())
    try:
        changes = parse_assignments(assignments, specs)
    except SettingsError as error:
        raise _fail(str(error)) from None
    from server.runtime.state import check_startable

    stored = _run(
        lambda store: store.update(
            changes, reason=why, author=author or os_user(), check=check_startable
        )
    )
    _report_write(stored, json_out=json_out)


@config_app.command("rollback")
def rollback(
    reason: ReasonOption = None,
    to: Annotated[int | None, typer.Option("--to", help="Restore this version.")] = None,
    steps: Annotated[
        int | None, typer.Option("--steps", help="Restore the version this many back (default 1).")
    ] = None,
    author: AuthorOption = None,
    json_out: JsonFlag = False,
) -> None:
    """Restore an old version as a new version; history is never rewritten."""
    why = _required_reason(reason, "config rollback")
    if to is not None and steps is not None:
        raise _fail("give either --to N or --steps K, not both")
    from server.runtime.state import check_startable

    stored = _run(
        lambda store: store.rollback(
            to_version=to,
            steps=1 if steps is None else steps,
            reason=why,
            author=author or os_user(),
            check=check_startable,
        )
    )
    _report_write(stored, json_out=json_out)


@config_app.command("history")
def history(json_out: JsonFlag = False) -> None:
    """Every version, oldest first: who, when, why, what changed."""
    from server.cli.tables import print_table

    versions = _run(lambda store: store.history())
    if json_out:
        _echo_json([stored.summary() for stored in versions])
        return
    rows = []
    for stored in versions:
        label = str(stored.version)
        if stored.restored_from is not None:
            label += f" (= {stored.restored_from})"
        rows.append((label, stored.created_at, stored.author, stored.reason, _changes_text(stored)))
    print_table(("version", "created_at", "author", "reason", "changes"), rows)


@config_app.command("keys")
def keys(json_out: JsonFlag = False) -> None:
    """Every setting key: type, default, bounds, description (from the settings model)."""
    from core.config_keys import setting_keys
    from server.cli.tables import print_table
    from server.runtime.settings_sources import packaged_defaults

    specs = setting_keys(packaged_defaults())
    if json_out:
        _echo_json(
            [
                {
                    "key": spec.key,
                    "type": spec.type_name,
                    "default": spec.default,
                    "bounds": spec.bounds,
                    "description": spec.description,
                    "env": spec.env_var,
                    "secret": spec.secret,
                }
                for spec in specs.values()
            ]
        )
        return
    rows = [
        (
            spec.key,
            spec.type_name,
            _show_value(spec.default),
            spec.bounds,
            spec.description + (f" Set with {spec.env_var} only." if spec.secret else ""),
        )
        for spec in specs.values()
    ]
    print_table(("key", "type", "default", "bounds", "description"), rows)


def _report_write(stored: StoredVersion, *, json_out: bool) -> None:
    from rich.console import Console

    if json_out:
        _echo_json(stored.summary())
        return
    console = Console()
    _print_version_line(console, stored)
    console.print(_changes_text(stored) or "(no values changed)", highlight=False)


def _run(action: Callable[[ConfigStore], T]) -> T:
    """Run a store action; a bad value or an unreadable store is one line on stderr."""
    from core.errors import ConfigStoreError

    try:
        return action(_store())
    except SettingsError as error:
        raise _fail(str(error)) from None
    except ConfigStoreError as error:
        raise _fail(str(error), error.exit_code) from None
