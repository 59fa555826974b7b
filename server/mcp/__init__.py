"""The MCP server: assembly of tools, resources and prompts, transports and auth.

May import tools, server.batch, server.runtime and core; never server.cli.
"""
