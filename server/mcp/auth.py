"""HTTP safety: loopback checks, DNS-rebinding protection and the bearer-token verifier."""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass

from mcp.server.auth.provider import AccessToken
from mcp.server.transport_security import TransportSecuritySettings

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
SCOPE = "shruti"


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
