"""Signing in, in the sidebar: administrators reach the Data page and named lists; viewers may need a password
when the deployment closes the whole app. The role lives in the session; every write re-checks it.

A role is bound to the browser that signed in, not to the Streamlit session id (which appears in upload URLs and
so in proxy logs, and lets any client resume the session). The binding is an HMAC, under a per-process key, of the
token inside the browser's `_streamlit_xsrf` cookie as sent with the websocket connection that runs this script
(`st.context.cookies`). A client that resumes the session with the id alone presents another cookie (or none);
every page run and every `admin()` check compares, and a mismatch ends the session: its state is cleared, the
event audited, and nothing more runs.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

import streamlit as st

from incentive import access
from incentive.i18n import t
from incentive.safe_text import tm

from .runtime import database

ADMIN = "admin"
VIEWER = "viewer_ok"
BINDING = "role_binding"
XSRF_COOKIE = "_streamlit_xsrf"
NO_BROWSER = "no-browser"  # a script run without a websocket client (AppTest); a real connection always has headers


@st.cache_resource(show_spinner=False)
def _binding_key() -> bytes:
    """Lives as long as the server process: a restart ends every binding (sessions end with it anyway)."""
    return secrets.token_bytes(32)


def browser_binding() -> str | None:
    """What binds a role to this browser: an HMAC of its XSRF cookie's token; None when the connection carries no
    valid token (a role cannot be bound to it)."""
    if not st.context.headers:
        return NO_BROWSER
    from streamlit.web.server.starlette.starlette_app_utils import decode_xsrf_token_string

    token, _ = decode_xsrf_token_string(st.context.cookies.get(XSRF_COOKIE, ""))
    if not token:
        return None
    return hmac.new(_binding_key(), token, hashlib.sha256).hexdigest()


def session_is_admin(app_session) -> bool:
    """For handlers outside a script run (ui/cache_guard.py): does this Streamlit AppSession hold an administrator
    role bound to the browser on its current connection?"""
    from streamlit import runtime
    from streamlit.web.server.starlette.starlette_app_utils import decode_xsrf_token_string

    try:
        state = app_session.session_state
        name, bound = state[ADMIN] if ADMIN in state else None, state[BINDING] if BINDING in state else None
        client = runtime.get_instance().get_client(app_session.id)
        cookie = client.client_context.cookies.get(XSRF_COOKIE, "") if client and client.client_context else ""
    except Exception:
        return False
    token, _ = decode_xsrf_token_string(cookie or "")
    if name is None or bound is None or not token:
        return False
    return hmac.compare_digest(bound, hmac.new(_binding_key(), token, hashlib.sha256).hexdigest())


def _bound() -> bool:
    bound = st.session_state.get(BINDING)
    return bound is not None and hmac.compare_digest(bound, browser_binding() or "")


def end_if_taken_over(lang: str) -> None:
    """At the top of every page run: a session holding a role that this browser did not earn is ended."""
    holds_role = st.session_state.get(ADMIN) is not None or st.session_state.get(VIEWER)
    if not holds_role or _bound():
        return
    who = st.session_state.get(ADMIN) or "viewer"
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    database().record(who, "session_takeover", outcome="refused", detail="role binding did not match")
    st.error(t("session_ended", lang))
    st.stop()


def client_address() -> str:
    """The client's address as the server sees it (behind a proxy: the proxy's, so the per-address limit is then
    one for all; the per-name limit still holds)."""
    try:
        return st.context.ip_address or ""
    except Exception:  # AppTest has no connection
        return ""


def credentials() -> access.Credentials:
    try:
        secrets = st.secrets.to_dict()
    except Exception:  # no secrets.toml: Streamlit raises its own not-found error
        secrets = {}
    return access.load_credentials(secrets)


def admin() -> str | None:
    """The signed-in administrator's name, or None (also when the role is not bound to this browser)."""
    name = st.session_state.get(ADMIN)
    return name if name is not None and _bound() else None


def require_admin(lang: str) -> str:
    """Before any write: stop the run unless an administrator is signed in."""
    name = admin()
    if name is None:
        st.error(t("signin_required", lang))
        st.stop()
    return name


def viewer_gate(lang: str) -> None:
    """When a viewer password is configured, nothing shows until it is given."""
    end_if_taken_over(lang)
    creds = credentials()
    if creds.viewer is None or (st.session_state.get(VIEWER) and _bound()) or admin():
        return
    st.title(t("app_title", lang))
    with st.form("viewer_form"):
        password = st.text_input(t("viewer_password", lang), type="password")
        if st.form_submit_button(t("signin_submit", lang)):
            try:
                allowed = access.viewer_sign_in(database(), creds, password, client_address())
            except access.SignInRefused as refused:
                st.error(refused.text(lang))
                st.stop()
            if allowed:
                _grant(VIEWER, True)
                st.rerun()
            st.error(t("signin_failed", lang))
    st.stop()


def sidebar_form(lang: str) -> None:
    name = admin()
    if name:
        st.sidebar.caption(tm("signed_in_as", lang, name=name))
        if st.sidebar.button(t("sign_out", lang), key="sign_out", width="stretch"):
            database().record(name, "sign_out")
            st.session_state.pop(ADMIN, None)
            st.session_state.pop(BINDING, None)
            st.rerun()
        return
    with st.sidebar.expander(t("signin_title", lang)):
        with st.form("signin_form", clear_on_submit=True):
            user = st.text_input(t("signin_name", lang))
            password = st.text_input(t("signin_password", lang), type="password")
            submitted = st.form_submit_button(t("signin_submit", lang))
        if submitted:
            if browser_binding() is None:
                st.error(t("signin_no_cookie", lang))
                return
            try:
                name = access.sign_in(database(), credentials(), user, password, client_address())
            except access.SignInRefused as refused:
                st.error(refused.text(lang))
            else:
                _grant(ADMIN, name)
                st.rerun()


def _grant(role: str, value: object) -> None:
    """Give this session a role bound to the browser that earned it (a fresh binding at every sign-in)."""
    binding = browser_binding()
    if binding is None:
        return
    st.session_state[BINDING] = binding
    st.session_state[role] = value
