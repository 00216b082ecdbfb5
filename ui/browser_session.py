"""Who a browser is, across reloads: an HttpOnly cookie set by the server, and the roles granted to it.

Streamlit lets any client resume a session by presenting its id (which is in every upload URL, so in proxy logs),
so a role must not live in the session. It lives here, in the server process, keyed by an HMAC of a random token
that only the browser holds, in the `incentive_session` cookie: HttpOnly (no script in the page can read it),
SameSite=Lax (sent when a link from another site is followed, so that does not sign
the browser out; never with another site's form posts or requests), set by `SessionCookie` on the first HTTP response to a browser that has none. A sign-in
checked on the websocket cannot set a cookie, so it ends in a one-time ticket: the page is sent to
`/_incentive/signed-in?ticket=…`, which (only for the browser whose cookie earned it, within a minute) issues a new
token with the role and redirects back. The token is rotated at every sign-in, so a token planted before it
(session fixation) is worth nothing after. A grant lasts `GRANT_HOURS`; a server restart ends every grant.

The same middleware refuses uploads (`/_stcore/upload_file/…`) from a browser without the administrator role and
bounds what one session may hold in upload memory (`INCENTIVE_UPLOAD_SESSION_MB`): only the Data page uploads.

This module runs in the server (starlette, `serve.py`) as well as in script runs; the state is process-wide and
guarded by one lock. See docs/security.md.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import threading
import time
from dataclasses import dataclass, replace
from http.cookies import SimpleCookie

COOKIE = "incentive_session"
ACCOUNT = "account"  # the grant of a signed-in person (value: incentive.accounts.roles.Principal)
VIEWER = "viewer"  # the grant of the viewing password (value: True)
SIGNED_IN_ROUTE = "/_incentive/signed-in"
GRANT_HOURS = 8
TICKET_SECONDS = 60
SINGLE_SIGN_ON_SECONDS = 600  # from the single sign-on button to the provider sending the browser back
UPLOAD_SESSION_MB_DEFAULT = 200
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")  # secrets.token_urlsafe(32)
_NEXT = re.compile(r"^/(?![/\\])[^\s\\]*$")  # a path on this site, not //host or /\host

_KEY = secrets.token_bytes(32)  # lives as long as the server process, as do the grants
_LOCK = threading.Lock()
_GRANTS: dict[str, Grant] = {}
_TICKETS: dict[str, Ticket] = {}
_ENDED_IDLE: dict[str, object] = {}  # binding -> the value of a grant the idle timeout ended, until told once
_SINGLE_SIGN_ON: dict[str, float] = {}  # binding -> when this browser pressed the single sign-on button


@dataclass(frozen=True)
class Grant:
    """A role held by one browser: `role` is "account" (value: the signed-in Principal) or "viewer" (value: True).
    `seen` is when the browser last ran a page with it, for the idle timeout."""

    role: str
    value: object
    expires: float
    seen: float = 0.0


@dataclass(frozen=True)
class Ticket:
    binding: str
    role: str
    value: object
    expires: float


def binding_of(token: str | None) -> str | None:
    """The HMAC naming a browser's token in this process; None for a missing or malformed token."""
    if not token or not _TOKEN.match(token):
        return None
    return hmac.new(_KEY, token.encode(), hashlib.sha256).hexdigest()


def granted(binding: str | None, role: str, idle_seconds: float | None = None) -> object | None:
    """What `role` this browser holds (a Principal, or True for a viewer), or None. With `idle_seconds` (a page
    run): a grant unused for longer ends (the idle timeout), else this use is its latest; without (an upload or
    a cache request, which are no page runs), it is only read."""
    if binding is None:
        return None
    now = time.time()
    with _LOCK:
        grant = _GRANTS.get(binding)
        if grant is None or grant.role != role:
            return None
        if grant.expires < now or (idle_seconds is not None and now - grant.seen > idle_seconds):
            del _GRANTS[binding]
            if grant.expires >= now:
                _ENDED_IDLE[binding] = grant.value
            return None
        if idle_seconds is not None:
            _GRANTS[binding] = replace(grant, seen=now)
        return grant.value


def ended_idle(binding: str | None) -> object | None:
    """The value of this browser's grant if the idle timeout ended it since last asked (once), else None."""
    with _LOCK:
        return _ENDED_IDLE.pop(binding or "", None)


def issue_ticket(binding: str, role: str, value: object) -> str:
    """After a password was accepted on this browser's connection: a one-time ticket for `SIGNED_IN_ROUTE`."""
    ticket = secrets.token_urlsafe(32)
    with _LOCK:
        _drop_expired()
        _TICKETS[ticket] = Ticket(binding, role, value, time.time() + TICKET_SECONDS)
    return ticket


def grant_directly(binding: str, role: str, value: object) -> None:
    """A grant without the ticket round trip, for a caller that already holds the browser's token (tests)."""
    with _LOCK:
        _GRANTS[binding] = Grant(role, value, time.time() + GRANT_HOURS * 3600, time.time())


def expect_single_sign_on(binding: str) -> None:
    """This browser pressed the single sign-on button: the identity the provider sends back within
    SINGLE_SIGN_ON_SECONDS may be mapped to an account, once. An identity cookie that no sign-on of this server
    started (one left from before an idle timeout, an expired grant or a restart) is never mapped."""
    now = time.time()
    with _LOCK:
        for stale in [key for key, started in _SINGLE_SIGN_ON.items() if started + SINGLE_SIGN_ON_SECONDS < now]:
            del _SINGLE_SIGN_ON[stale]
        _SINGLE_SIGN_ON[binding] = now


def single_sign_on_started(binding: str | None) -> float | None:
    """When this browser started the single sign-on that has not yet been used or expired (a Unix time), else
    None; asking uses it up."""
    with _LOCK:
        started = _SINGLE_SIGN_ON.pop(binding or "", None)
    return started if started is not None and started + SINGLE_SIGN_ON_SECONDS >= time.time() else None


def revoke(binding: str | None) -> None:
    """Sign-out: this browser holds no role any more."""
    with _LOCK:
        _GRANTS.pop(binding or "", None)


def redeem(ticket: str, token: str | None) -> str | None:
    """Exchange a ticket, presented with the cookie token that earned it, for a new token holding the role (the
    old token's grants end). None when the ticket is unknown, used, expired or presented by another browser."""
    binding = binding_of(token)
    with _LOCK:
        found = _TICKETS.pop(ticket, None)
        if found is None or binding is None or found.expires < time.time():
            return None
        if not hmac.compare_digest(found.binding, binding):
            return None
        _GRANTS.pop(binding, None)
        new_token = secrets.token_urlsafe(32)
        _GRANTS[binding_of(new_token)] = Grant(found.role, found.value, time.time() + GRANT_HOURS * 3600, time.time())
    return new_token


def _drop_expired() -> None:
    now = time.time()
    for ticket in [key for key, value in _TICKETS.items() if value.expires < now]:
        del _TICKETS[ticket]
    for binding in [key for key, value in _GRANTS.items() if value.expires < now]:
        del _GRANTS[binding]


def cookie_header(token: str, secure: bool) -> bytes:
    return (f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if secure else "")).encode()


def token_in(headers: list[tuple[bytes, bytes]]) -> str | None:
    """The cookie token in raw ASGI request headers, or None."""
    jar = SimpleCookie()
    for key, value in headers:
        if key.lower() == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed Cookie header is no token
                return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel is not None and _TOKEN.match(morsel.value) else None


def upload_session_limit() -> int:
    """Bytes one session may hold in uploaded files at once (`INCENTIVE_UPLOAD_SESSION_MB`, default 200)."""
    try:
        return max(1, int(os.environ.get("INCENTIVE_UPLOAD_SESSION_MB", UPLOAD_SESSION_MB_DEFAULT))) * 1024 * 1024
    except ValueError:
        return UPLOAD_SESSION_MB_DEFAULT * 1024 * 1024


def safe_next(next_path: str, base_path: str) -> str:
    """Where to send the browser after sign-in: a path on this site, else the app's root."""
    root = "/" + base_path.strip("/") if base_path.strip("/") else "/"
    if _NEXT.match(next_path or "") and next_path.startswith(root):
        return next_path
    return root
