"""Tool `update_config`: change settings as a new, audited configuration version."""

from __future__ import annotations

from typing import Annotated

import anyio.to_thread
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import Field, JsonValue

from core.config_keys import AGENT_KEYS, agent_may_change
from core.errors import ConfigStoreError, SettingsError
from server.runtime.state import check_startable
from tools.config_result import ConfigVersionResult
from tools.context import ToolContext, app_state

AUTHOR = "mcp"
ANNOTATIONS = ToolAnnotations(
    title="Change settings",
    read_only_hint=False,
    destructive_hint=True,
    idempotent_hint=False,
    open_world_hint=False,
)


async def update_config(
    changes: Annotated[
        dict[str, JsonValue],
        Field(
            min_length=1,
            description="Dotted setting keys and new values, e.g. "
            '{"style.anusvara": "ṁ", "terms.min_confidence": 0.9}. '
            "Read config://current for every key and its value.",
        ),
    ],
    reason: Annotated[
        str, Field(min_length=1, max_length=500, description="Why, for the history.")
    ],
    ctx: ToolContext,
) -> Annotated[CallToolResult, ConfigVersionResult]:
    """Change how transcripts are written and checked: style.*, normalize.*, numbers.*,
    terms.*, quality.* and verses.min_confidence / min_words / compounds. Each call makes a
    new configuration version (with this reason) that the server uses from its next call
    on; an invalid change writes nothing and says which values are allowed. Where data or
    secrets go, what runs at start-up and size limits (model.*, paths.*, verses.packs,
    limits.*, server.*) are the operator's and refused here. Undo with rollback_config."""
    refused = sorted(key for key in changes if not agent_may_change(key))
    if refused:
        raise ToolError(
            f"{', '.join(refused)}: only the operator may change this (with `shruti config "
            "set` on the server's machine, or an environment variable): it decides where "
            "data or secrets go, what runs at start-up or how big inputs may be; agents may "
            f"change {', '.join(key + '*' if key.endswith('.') else key for key in AGENT_KEYS)}; "
            "nothing was changed"
        )
    store = app_state(ctx).store
    try:
        stored = await anyio.to_thread.run_sync(
            lambda: store.update(changes, reason=reason, author=AUTHOR, check=check_startable)
        )
    except (SettingsError, ConfigStoreError) as error:
        raise ToolError(f"{error}; nothing was changed") from None
    return ConfigVersionResult.result(stored)
