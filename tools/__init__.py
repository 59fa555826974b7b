"""One thin module per MCP tool: typed arguments, a typed result, no business logic.

May import server.batch, server.runtime and core; never server.mcp or server.cli.
"""
