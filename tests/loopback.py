"""Loopback ports for the servers the tests start (the app, PostgreSQL) and for a port nobody listens on."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A loopback port the system had free a moment ago (taken, then released): nothing listens on it until a
    server the test starts binds it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
