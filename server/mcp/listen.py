"""The HTTP transports' listening socket, bound before the server says it is serving."""

from __future__ import annotations

import errno
import socket

from core.errors import UsageError


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port); UsageError (exit 2) naming the port when it is taken
    or the address cannot be bound, so a busy port fails at once and says what to do."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as error:
        raise UsageError(f"cannot listen on {host}: {error.strerror}; check --host") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise UsageError(
                f"port {port} on {host} is in use (another server?); stop it or choose "
                "another port with --port"
            ) from None
        raise UsageError(
            f"cannot listen on {host}:{port} ({error.strerror or error}); check --host and --port"
        ) from None
    sock.set_inheritable(True)
    return sock
