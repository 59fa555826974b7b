"""The result both configuration tools return: the new version and the full configuration."""

from __future__ import annotations

from typing import Any

from mcp.types import CallToolResult
from pydantic import BaseModel, Field

from server.runtime.config_store import StoredVersion
from tools.results import tool_result


class ConfigVersionResult(BaseModel):
    version: int = Field(description="The new active configuration version.")
    restored_from: int | None = Field(None, description="The version a rollback restored.")
    changes: dict[str, Any] = Field(description="What changed: {key: {old, new}}.")
    config: dict[str, Any] = Field(description="Every setting in the new version.")

    @classmethod
    def result(cls, stored: StoredVersion) -> CallToolResult:
        """The tool result: this model, and one line saying what changed."""
        answer = cls(
            version=stored.version,
            restored_from=stored.restored_from,
            changes=stored.changes,
            config=stored.config,
        )
        changed = "; ".join(
            f"{key}: {change['old']!r} → {change['new']!r}"
            for key, change in stored.changes.items()
        )
        restored = f" (restores version {stored.restored_from})" if stored.restored_from else ""
        return tool_result(
            answer, f"configuration version {stored.version}{restored}: {changed or 'no changes'}."
        )
