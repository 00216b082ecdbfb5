"""Streamlit clears every user's caches (and the clearing session's state) when any websocket client sends a
`clear_cache` message, even one that never opened a page; it has no setting to turn that off. At app start the
handler is wrapped once: only a session holding an administrator role bound to its browser may clear, others are
refused and logged. Checked against Streamlit 1.67 (`AppSession._handle_clear_cache_request`); if a later
version renames it, `install` raises rather than leaving the hole open silently (docs/security.md)."""

from __future__ import annotations

import logging

from streamlit.runtime.app_session import AppSession

from . import sign_in

_LOG = logging.getLogger("incentive.security")
_HANDLER = "_handle_clear_cache_request"


def install() -> None:
    original = getattr(AppSession, _HANDLER)  # AttributeError on a Streamlit without it: fail loudly
    if getattr(original, "guarded", False):
        return

    def guarded(self: AppSession) -> None:
        if sign_in.session_is_admin(self):
            original(self)
        else:
            _LOG.warning("clear_cache refused: session %s holds no administrator role", getattr(self, "id", "?"))

    guarded.guarded = True
    setattr(AppSession, _HANDLER, guarded)
