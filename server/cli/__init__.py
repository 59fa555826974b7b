"""The `shruti` command line, one module per command.

May import everything below it (server.mcp for `serve`, tools, batch, runtime, core).
"""
