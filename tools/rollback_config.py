"""Tool `rollback_config`: restore an earlier configuration as a new version."""

from __future__ import annotations

from typing import Annotated

import anyio.to_thread
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ToolAnnotations
from pydantic import Field

from core.config_keys import agent_may_change
from core.errors import ConfigStoreError, SettingsError
from server.runtime.state import check_startable
from tools.config_result import ConfigVersionResult
from tools.context import ToolContext, app_state
from tools.update_config import AUTHOR

ANNOTATIONS = ToolAnnotations(
    title="Roll settings back",
    read_only_hint=False,
    destructive_hint=True,
    idempotent_hint=False,
    open_world_hint=False,
)


async def rollback_config(
    reason: Annotated[
        str, Field(min_length=1, max_length=500, description="Why, for the history.")
    ],
    ctx: ToolContext,
    to_version: Annotated[
        int | None,
        Field(ge=1, description="Version to restore (see config://history). Overrides steps."),
    ] = None,
    steps: Annotated[
        int, Field(ge=1, le=1000, description="Go back this many versions (default 1).")
    ] = 1,
) -> Annotated[CallToolResult, ConfigVersionResult]:
    """Restore an earlier configuration: writes a new version whose agent-changeable settings
    (those update_config accepts) equal `to_version`'s, or the version `steps` back; the
    operator's settings (model, paths, verse packs, limits, server) stay as they are. History
    is never rewritten, so a rollback can itself be rolled back."""
    store = app_state(ctx).store
    try:
        stored = await anyio.to_thread.run_sync(
            lambda: store.rollback(
                to_version=to_version,
                steps=steps,
                reason=reason,
                author=AUTHOR,
                check=check_startable,
                only=agent_may_change,
            )
        )
    except (SettingsError, ConfigStoreError) as error:
        raise ToolError(f"{error}; nothing was changed") from None
    return ConfigVersionResult.result(stored)
