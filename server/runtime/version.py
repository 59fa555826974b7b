"""The installed package's version, for `shruti --version` and the MCP server's info."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

DISTRIBUTION = "shruti-mcp"


def package_version() -> str:
    """The version pip installed, or "0" when run from a tree that was never installed."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "0"
