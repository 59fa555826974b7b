"""The Śruti engine: pure functions from subtitle text to corrected text and records.

No I/O at all (files, network, SQLite, environment) and no MCP: callers pass strings and
loaded indexes in and get values back. Imports only its own sub-packages and libraries.
"""
