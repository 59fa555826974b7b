"""Side effects and front ends: runtime (I/O), batch, the CLI and the MCP server.

Dependencies point one way: cli, mcp -> tools -> batch -> runtime -> core
(import-linter contracts in pyproject.toml hold it).
"""
