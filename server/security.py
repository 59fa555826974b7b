"""Safety at the edge: allowed file roots, HTTP host checks and the bearer-token verifier."""

from __future__ import annotations

import hmac
import ipaddress
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mcp.server.auth.provider import AccessToken
from mcp.server.transport_security import TransportSecuritySettings

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
SCOPE = "shruti"


class PathRefusedError(ValueError):
    """A path given by a client that points outside the allowed roots or is malformed."""


@dataclass(frozen=True, slots=True)
class AllowedRoots:
    """The directories a client may name; every path is realpath-resolved against them.

    Relative paths are taken from the first root. A path whose real location (after
    following every symlink and `..`) is not inside a root is refused.
    """

    roots: tuple[Path, ...]

    @classmethod
    def from_settings(cls, allowed_roots: Sequence[str], *, start_dir: Path) -> AllowedRoots:
        """`paths.allowed_roots`, or the server's start directory when that list is empty."""
        raw = list(allowed_roots) or [str(start_dir)]
        return cls(tuple(Path(os.path.realpath(root)) for root in raw))

    def describe(self) -> str:
        return ", ".join(str(root) for root in self.roots)

    def resolve(self, raw: str, *, what: str = "path") -> Path:
        """The real path `raw` names, or PathRefusedError saying which roots are allowed."""
        if "\x00" in raw:
            raise PathRefusedError(f"{what} contains a NUL byte; pass a plain file path")
        if not raw.strip():
            raise PathRefusedError(f"{what} is empty; pass a file path")
        candidate = Path(raw)
        if not candidate.is_absolute():
            candidate = self.roots[0] / candidate
        real = Path(os.path.realpath(candidate))
        if not any(real == root or real.is_relative_to(root) for root in self.roots):
            raise PathRefusedError(
                f"{what} {raw!r} resolves to {real}, outside the allowed roots "
                f"({self.describe()}); use a file under one of them, or add its directory "
                "to the setting paths.allowed_roots"
            )
        return real


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def transport_security(host: str, *, extra_hosts: Sequence[str] = ()) -> TransportSecuritySettings:
    """DNS-rebinding protection, always on: loopback names, the bound host and `extra_hosts`.

    The SDK enables this on its own only for loopback binds; for 0.0.0.0 it would accept any
    Host header, so we always pass explicit settings.
    """
    hosts = ["127.0.0.1", "localhost", "[::1]"]
    if host not in ("0.0.0.0", "::") and not is_loopback(host):
        hosts.append(f"[{host}]" if ":" in host else host)
    hosts.extend(extra_hosts)
    unique = list(dict.fromkeys(hosts))
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=[f"{name}:*" for name in unique] + unique,
        allowed_origins=[f"{scheme}://{name}:*" for name in unique for scheme in ("http", "https")]
        + [f"{scheme}://{name}" for name in unique for scheme in ("http", "https")],
    )


@dataclass(frozen=True, slots=True)
class StaticTokenVerifier:
    """Accepts exactly one shared bearer token (SHRUTI_SERVER__TOKEN), compared in constant time."""

    token: str

    async def verify_token(self, token: str) -> AccessToken | None:
        if hmac.compare_digest(token.encode(), self.token.encode()):
            return AccessToken(token=token, client_id="shruti-client", scopes=[SCOPE])
        return None
