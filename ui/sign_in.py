"""Signing in, in the sidebar: administrators reach the Data page and named lists; viewers may need a password
when the deployment closes the whole app. The role lives in the session; every write re-checks it."""

from __future__ import annotations

import streamlit as st

from incentive import access
from incentive.i18n import t

from .runtime import database

ADMIN = "admin"


def credentials() -> access.Credentials:
    try:
        secrets = st.secrets.to_dict()
    except Exception:  # no secrets.toml: Streamlit raises its own not-found error
        secrets = {}
    return access.load_credentials(secrets)


def admin() -> str | None:
    """The signed-in administrator's name, or None."""
    return st.session_state.get(ADMIN)


def require_admin(lang: str) -> str:
    """Before any write: stop the run unless an administrator is signed in."""
    name = admin()
    if name is None:
        st.error(t("signin_required", lang))
        st.stop()
    return name


def viewer_gate(lang: str) -> None:
    """When a viewer password is configured, nothing shows until it is given."""
    creds = credentials()
    if creds.viewer is None or st.session_state.get("viewer_ok") or admin():
        return
    st.title(t("app_title", lang))
    with st.form("viewer_form"):
        password = st.text_input(t("viewer_password", lang), type="password")
        if st.form_submit_button(t("signin_submit", lang)):
            if access.viewer_allowed(creds, password):
                st.session_state["viewer_ok"] = True
                st.rerun()
            database().record("viewer", "view_sign_in", outcome="failed")
            st.error(t("signin_failed", lang))
    st.stop()


def sidebar_form(lang: str) -> None:
    name = admin()
    if name:
        st.sidebar.caption(t("signed_in_as", lang, name=name))
        if st.sidebar.button(t("sign_out", lang), key="sign_out", width="stretch"):
            database().record(name, "sign_out")
            st.session_state.pop(ADMIN, None)
            st.rerun()
        return
    with st.sidebar.expander(t("signin_title", lang)):
        with st.form("signin_form", clear_on_submit=True):
            user = st.text_input(t("signin_name", lang))
            password = st.text_input(t("signin_password", lang), type="password")
            submitted = st.form_submit_button(t("signin_submit", lang))
        if submitted:
            try:
                st.session_state[ADMIN] = access.sign_in(database(), credentials(), user, password)
            except access.SignInRefused as refused:
                st.error(refused.text(lang))
            else:
                st.rerun()
