"""The result both configuration tools return: the new version and the full configuration."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from server.runtime.config_store import StoredVersion


class ConfigVersionResult(BaseModel):
    version: int = Field(description="The new active configuration version.")
    restored_from: int | None = Field(None, description="The version a rollback restored.")
    changes: dict[str, Any] = Field(description="What changed: {key: {old, new}}.")
    config: dict[str, Any] = Field(description="Every setting in the new version.")

    @classmethod
    def of(cls, stored: StoredVersion) -> ConfigVersionResult:
        return cls(
            version=stored.version,
            restored_from=stored.restored_from,
            changes=stored.changes,
            config=stored.config,
        )
