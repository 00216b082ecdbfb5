"""Signing in, in the sidebar: administrators reach the Data page and named lists; viewers may need a password
when the deployment closes the whole app. Every write re-checks the role.

A role is held by the browser, not by the Streamlit session (any client that presents a session id, which is in
every upload URL and so in proxy logs, resumes that session). ui/browser_session.py keeps roles in the server
process keyed by the browser's HttpOnly cookie; a sign-in is completed by a redirect that rotates that cookie.
Each session also remembers the browser it started with: a run from another browser ends the session (its state,
which may hold a previewed roster, is cleared; the event is audited when the session held a role).
AppTest runs have no browser: their role lives in the session, which no other client can reach.

Single sign-on (when `[auth]` in secrets.toml configures an OpenID Connect provider): the button calls Streamlit's
`st.login`; when the provider sends the browser back, the identity in `st.user` is mapped to an account by
incentive/accounts/single_sign_on.py and granted like a password sign-in. Only a sign-on that this browser started
on this server is mapped, so Streamlit's identity cookie (kept 30 days) never signs anyone in again by itself;
signing out, by the button or the idle timeout, also ends that cookie (`st.logout`).
"""

from __future__ import annotations

import contextlib
import time
from urllib.parse import quote, urlencode, urlparse

import streamlit as st
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner import get_script_run_ctx

from incentive import access, safe_text
from incentive.accounts import single_sign_on
from incentive.accounts.roles import Principal, Scope, scope_of
from incentive.i18n import t
from incentive.safe_text import tm
from incentive.store import audit, settings
from incentive.store.storage_faults import StorageFault

from . import browser_session, server, storage_notice
from .runtime import database

ACCOUNT = browser_session.ACCOUNT
VIEWER = browser_session.VIEWER
BINDING = "browser_binding"
HELD_ROLE = "held_role"
NO_BROWSER = "no-browser"  # a script run without a websocket client (AppTest); a real connection always has headers


def browser_binding() -> str | None:
    """What names this browser: the HMAC of its session cookie; `NO_BROWSER:<session>` for a run without a
    connection; None when the connection carries no valid cookie (then no role can be held)."""
    if not st.context.headers:
        ctx = get_script_run_ctx()
        return f"{NO_BROWSER}:{ctx.session_id if ctx else ''}"
    return browser_session.binding_of(st.context.cookies.get(browser_session.COOKIE))


_SEEN = "role_seen_at"  # AppTest runs: when the session-held role was last used, for the idle timeout


def _idle_seconds() -> float:
    return settings.current(database())["idle_minutes"] * 60


def _role(role: str) -> object | None:
    """What `role` this browser holds, ending it when unused for longer than the idle setting."""
    binding = browser_binding()
    if binding is None:
        return None
    if binding.startswith(NO_BROWSER):
        if st.session_state.get(BINDING) != NO_BROWSER or role not in st.session_state:
            return None
        now = time.time()
        if now - st.session_state.get(_SEEN, now) > _idle_seconds():
            st.session_state[_ENDED_IDLE] = st.session_state.pop(role)
            return None
        st.session_state[_SEEN] = now
        return st.session_state[role]
    return browser_session.granted(binding, role, _idle_seconds())


_ENDED_IDLE = "role_ended_idle"
_ENDED_DEACTIVATED = "role_ended_deactivated"


def _ended_idle() -> object | None:
    binding = browser_binding()
    if binding is not None and binding.startswith(NO_BROWSER):
        return st.session_state.pop(_ENDED_IDLE, None)
    return browser_session.ended_idle(binding)


def session_is_admin(app_session) -> bool:
    """For handlers outside a script run (ui/cache_guard.py): does the browser on this AppSession's current
    connection hold the administrator role?"""
    from streamlit import runtime

    try:
        client = runtime.get_instance().get_client(app_session.id)
        cookie = client.client_context.cookies.get(browser_session.COOKIE) if client and client.client_context else None
    except Exception:
        return False
    held = browser_session.granted(browser_session.binding_of(cookie), ACCOUNT)
    return isinstance(held, Principal) and held.is_admin


def end_if_taken_over(lang: str) -> None:
    """At the top of every page run: the session is tied to the browser of its first run; another browser's run
    ends it."""
    current = browser_binding()
    current = NO_BROWSER if current and current.startswith(NO_BROWSER) else current
    first = st.session_state.get(BINDING)
    if first is None:
        st.session_state[BINDING] = current
    if (first or current) == current:
        if _role(ACCOUNT) is not None or _role(VIEWER):
            st.session_state[HELD_ROLE] = True
        return
    held = st.session_state.get(HELD_ROLE)
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.session_state[BINDING] = current
    if held:
        with contextlib.suppress(StorageFault):  # ending a session never waits for the log (spooled)
            audit.record(database(), "(session)", "session_takeover", outcome="refused", detail="browser did not match")
    st.error(t("session_ended", lang))
    st.stop()


def client_address() -> str:
    """The client's address as the server sees it (behind a proxy: the proxy's, so the per-address limit is then
    one for all; the per-name limit still holds)."""
    try:
        return st.context.ip_address or ""
    except Exception:  # AppTest has no connection
        return ""


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets.toml: Streamlit raises its own not-found error
        return {}


def credentials() -> access.Credentials:
    return access.load_credentials(_secrets())


def single_sign_on_settings() -> single_sign_on.Settings | None:
    """The single sign-on settings when secrets.toml configures a provider for st.login, else None."""
    return single_sign_on.settings_from(_secrets())


def _identity_claims() -> dict | None:
    """The claims of the person Streamlit's identity cookie names (st.user), or None when nobody is logged in
    with the provider (or single sign-on is not configured: st.user then has no `is_logged_in`)."""
    try:
        claims = st.user.to_dict()
    except Exception:  # no script run context
        return None
    return claims if claims.get("is_logged_in") is True else None


def _end_identity() -> None:
    """Sign-out also ends Streamlit's identity cookie, and the provider's session when it offers an
    end_session_endpoint, so that the next run does not find the person still logged in with the provider. The
    browser is sent through Streamlit's /auth/logout at once; the run stops."""
    if _identity_claims() is not None:
        st.logout()
        st.stop()


_SSO_REFUSED = "sso_refused"  # the refusal of the last single sign-on of this session, shown until the next try


def _complete_single_sign_on() -> None:
    """At the top of every run: when the provider has just sent back a browser that started a single sign-on
    here, map its identity to an account and grant it (the page reloads signed in), or keep the refusal to show."""
    settings = single_sign_on_settings()
    if settings is None:
        return
    claims = _identity_claims()
    binding = browser_binding()
    if claims is None or binding is None:
        return
    started = browser_session.single_sign_on_started(binding)
    if started is None or not single_sign_on.issued_since(claims, started):
        return  # an identity cookie from before (the provider's login was denied or abandoned): not this sign-on
    try:
        who = single_sign_on.sign_in(database(), claims, settings)
    except single_sign_on.SingleSignOnRefused as refused:
        st.session_state[_SSO_REFUSED] = refused
        return
    _grant(ACCOUNT, who)


def _single_sign_on_button(lang: str, place) -> None:
    """The single sign-on button (and the last refusal), in `place` (the sidebar or the viewing-password page)."""
    settings = single_sign_on_settings()
    if settings is None:
        return
    refused = st.session_state.get(_SSO_REFUSED)
    if refused is not None:
        # The identity is the provider's text: in a code span, since Streamlit links e-mails even when escaped.
        place.error(t(refused.key, lang, **{k: safe_text.code_span(v) for k, v in refused.params.items()}))
    if place.button(t("sso_button", lang), key="sso_sign_in", type="primary", width="stretch"):
        if not _can_hold_role(lang):
            return
        st.session_state.pop(_SSO_REFUSED, None)
        browser_session.expect_single_sign_on(browser_binding())
        st.login(settings.provider)  # the browser goes to the provider at once, and comes back to the app's root
        st.stop()


def principal() -> Principal | None:
    """Who is signed in in this browser, as the account stands now (a database account's role and county are
    read again each run; a deactivated one is signed out here), or None."""
    held = _role(ACCOUNT)
    if not isinstance(held, Principal):
        return None
    current = access.current_principal(database(), credentials(), held)
    if current is None:
        _drop(ACCOUNT)
        st.session_state[_ENDED_DEACTIVATED] = held.name  # said once, in the sidebar
    return current


def scope() -> Scope:
    """The counties whose named lists and detail this browser may see (none when nobody is signed in)."""
    return scope_of(principal())


def admin() -> str | None:
    """The signed-in prefecture administrator's name, or None (also for the county roles)."""
    who = principal()
    return who.name if who is not None and who.is_admin else None


def require_admin(lang: str) -> str:
    """Before any write that only the prefecture makes: stop the run unless its administrator is signed in."""
    name = admin()
    if name is None:
        st.error(t("signin_required", lang))
        st.stop()
    return name


def require_account(lang: str) -> Principal:
    """Before a page for signed-in accounts only (any role): stop the run unless someone is signed in."""
    who = principal()
    if who is None:
        st.error(t("signin_required", lang))
        st.stop()
    return who


def require_submitter(lang: str) -> Principal:
    """Before an upload: stop the run unless a prefecture administrator or a county clerk is signed in."""
    who = principal()
    if who is None or not who.may_submit:
        st.error(t("signin_required", lang))
        st.stop()
    return who


def _drop(role: str) -> None:
    binding = browser_binding()
    if binding and binding.startswith(NO_BROWSER):
        st.session_state.pop(role, None)
    else:
        browser_session.revoke(binding)


def viewer_gate(lang: str) -> None:
    """When a viewer password is configured, nothing shows until it is given."""
    end_if_taken_over(lang)
    _complete_single_sign_on()
    creds = credentials()
    if creds.viewer is None or _role(VIEWER) or principal():
        return
    st.title(t("app_title", lang))
    if st.session_state.get(_ENDED_DEACTIVATED):  # why the account's pages gave way to this gate; the sidebar pops it
        st.warning(t("signed_out_deactivated_gate", lang))
    _single_sign_on_button(lang, st)
    with st.form("viewer_form"):
        password = st.text_input(t("viewer_password", lang), type="password")
        if st.form_submit_button(t("signin_submit", lang)):
            if not _can_hold_role(lang):
                st.stop()
            try:
                allowed = access.viewer_sign_in(database(), creds, password, client_address())
            except access.SignInRefused as refused:
                st.error(refused.text(lang))
                st.stop()
            if allowed:
                _grant(VIEWER, True)
            st.error(t("viewer_signin_failed", lang))  # there is no name box to be wrong
    st.stop()


def sidebar_form(lang: str) -> None:
    ended = _ended_idle()
    if isinstance(ended, Principal):
        with contextlib.suppress(StorageFault):  # ending a session never waits for the log (spooled)
            audit.record(database(), ended.name, "sign_out", outcome="idle")
        st.sidebar.info(t("signed_out_idle", lang, minutes=int(_idle_seconds() // 60)))
        _end_identity()
    who = principal()
    if st.session_state.pop(_ENDED_DEACTIVATED, None):
        st.sidebar.warning(t("signed_out_deactivated", lang))
    if who:
        role = t(f"role_{who.role}", lang)
        if who.county:
            st.sidebar.caption(tm("signed_in_role_county", lang, name=who.name, role=role, county=who.county))
        else:
            st.sidebar.caption(tm("signed_in_role", lang, name=who.name, role=role))
        if st.sidebar.button(t("sign_out", lang), key="sign_out", width="stretch"):
            with contextlib.suppress(StorageFault):  # ending a session never waits for the log (spooled)
                audit.record(database(), who.name, "sign_out")
            _drop(ACCOUNT)
            _end_identity()
            st.rerun()
        return
    settings = single_sign_on_settings()
    if settings is not None:
        _single_sign_on_button(lang, st.sidebar)
        if not settings.password_sign_in:
            return
    with st.sidebar.expander(t("signin_title", lang)):
        with st.form("signin_form", clear_on_submit=True):
            user = st.text_input(t("signin_name", lang))
            password = st.text_input(t("signin_password", lang), type="password")
            submitted = st.form_submit_button(t("signin_submit", lang))
        if submitted:
            if not _can_hold_role(lang):
                return
            try:
                who = access.sign_in(database(), credentials(), user, password, client_address())
            except access.SignInRefused as refused:
                st.error(refused.text(lang))
            except StorageFault as fault:  # a sign-in needs its audit row (docs/decisions.md#storage-faults)
                storage_notice.say_refused(fault, lang, st, "sign_in_storage")
            else:
                _grant(ACCOUNT, who)


def _can_hold_role(lang: str) -> bool:
    if browser_binding() is not None:
        return True
    st.error(t("signin_no_cookie" if server.INSTALLED else "signin_no_server", lang))
    return False


def _grant(role: str, value: object) -> None:
    """Give this browser a role. With a browser: a one-time ticket and a redirect to the route that rotates its
    cookie (the page reloads signed in, at the same address). Without one (AppTest): the session holds it."""
    binding = browser_binding()
    if binding.startswith(NO_BROWSER):
        st.session_state[role] = value
        st.session_state[_SEEN] = time.time()
        st.rerun()
    ticket = browser_session.issue_ticket(binding, role, value)
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    here = urlparse(st.context.url or "").path or f"/{base}"
    query = urlencode([(key, value) for key in st.query_params for value in st.query_params.get_all(key)])
    next_path = here + (f"?{query}" if query else "")
    message = ForwardMsg()
    message.auth_redirect.url = (
        f"{'/' + base if base else ''}{browser_session.SIGNED_IN_ROUTE}"
        f"?ticket={ticket}&next={quote(next_path, safe='')}"
    )
    get_script_run_ctx().enqueue(message)  # the browser follows it at once (Streamlit's own st.login does this)
    st.stop()
