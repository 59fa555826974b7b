"""The MCP server with strict, readable arguments, for tools and prompts alike.

Tools: unknown argument names are refused (and `additionalProperties: false` published) with
"did you mean"; a value that fails validation becomes one sentence naming the argument and
what it takes. Prompts: a missing argument is an invalid-params error naming it, not an
internal error. Tool descriptions are published without their source indentation.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from mcp.server import MCPServer
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.shared.exceptions import MCPError
from mcp.types import (
    INVALID_PARAMS,
    CallToolResult,
    GetPromptResult,
    InputRequiredResult,
    ToolAnnotations,
)
from mcp.types import Tool as MCPTool
from pydantic import ValidationError

from server.mcp.arguments import explain, strict, unknown_arguments
from tools.context import AppContext


class StrictServer(MCPServer[AppContext]):
    """MCPServer whose tools and prompts refuse what they do not take, in plain words."""

    def add_tool(
        self,
        fn: Callable[..., Any],
        name: str | None = None,
        title: str | None = None,
        description: str | None = None,
        annotations: ToolAnnotations | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        """Register a tool; its description is its docstring without source indentation."""
        description = description or inspect.cleandoc(fn.__doc__ or "")
        super().add_tool(fn, name, title, description, annotations, *args, **kwargs)

    async def list_tools(self) -> list[MCPTool]:
        return [
            tool.model_copy(update={"input_schema": strict(tool.input_schema)})
            for tool in await super().list_tools()
        ]

    async def call_tool(
        self, name: str, arguments: dict[str, Any], context: Context[AppContext, Any] | None = None
    ) -> CallToolResult | InputRequiredResult:
        schema = await self._schema(name)
        if schema is not None:
            refused = unknown_arguments(name, arguments, schema)
            if refused is not None:
                raise ToolError(refused)
        try:
            return await super().call_tool(name, arguments, context)
        except ToolError as error:
            if schema is not None and isinstance(error.__cause__, ValidationError):
                raise ToolError(explain(name, error.__cause__, schema)) from error.__cause__
            raise

    async def _schema(self, name: str) -> dict[str, Any] | None:
        for tool in await super().list_tools():
            if tool.name == name:
                return tool.input_schema
        return None

    async def get_prompt(
        self,
        name: str,
        arguments: dict[str, Any] | None = None,
        context: Context[AppContext, Any] | None = None,
    ) -> GetPromptResult | InputRequiredResult:
        for prompt in await self.list_prompts():
            if prompt.name != name:
                continue
            given = set(arguments or {})
            known = {argument.name: argument for argument in prompt.arguments or []}
            missing = [a for a in known.values() if a.required and a.name not in given]
            extra = sorted(given - set(known))
            if missing or extra:
                raise MCPError(
                    code=INVALID_PARAMS, message=_prompt_problem(name, missing, extra, known)
                )
        return await super().get_prompt(name, arguments, context)


def _prompt_problem(name: str, missing: list[Any], extra: list[str], known: dict[str, Any]) -> str:
    parts = [
        f"argument {argument.name!r} is required ({argument.description or 'see the prompt'})"
        for argument in missing
    ]
    if extra:
        parts.append(f"it takes no {', '.join(map(repr, extra))} (only {', '.join(known)})")
    return f"prompt {name}: " + "; ".join(parts)
