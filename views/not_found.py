"""An address that names no page (a typo, an old link, the Data page before sign-in): said in the user's language
instead of Streamlit's English "Page not found" dialog (ui/chrome.py registers this page at that address)."""

import streamlit as st

from incentive.i18n import t
from incentive.safe_text import tm
from ui import frame, sign_in
from ui.chrome import UNKNOWN_PATH

ADMIN_PAGES = {  # prefecture administrators only
    "data": "page_data",
    "review": "page_review",
    "users": "page_users",
}
ACCOUNT_PAGES = {  # any signed-in account: the prefecture's, or a county's own rows and items
    "progress": "page_progress",
    "alerts": "page_alerts",  # docs/decisions.md#who-sees-the-warning-list
    "cadre": "page_cadre",  # docs/decisions.md#cadre-profile: a link to a named cadre, opened signed out
}
CLERK_PAGES = {"submit": "page_submit"}  # only for county clerks

lang = frame.current().lang
path = st.session_state.get(UNKNOWN_PATH, "")
restricted = {**ADMIN_PAGES, **ACCOUNT_PAGES, **CLERK_PAGES}
st.title(t(restricted[path], lang) if path in restricted else t("page_not_found", lang))
who = sign_in.principal()
if path in restricted and who is not None:  # signed in, with another role: signing in again would not help
    st.info(t("page_not_for_role", lang, page=t(restricted[path], lang), role=t(f"role_{who.role}", lang)))
elif path in ADMIN_PAGES:
    st.info(t("page_admin_only", lang, page=t(ADMIN_PAGES[path], lang)))
elif path in ACCOUNT_PAGES:
    st.info(t("page_account_only", lang, page=t(ACCOUNT_PAGES[path], lang)))
elif path in CLERK_PAGES:
    st.info(t("page_clerk_only", lang, page=t(CLERK_PAGES[path], lang)))
else:
    st.info(tm("page_not_found_text", lang, path=path))  # as the address had it
st.page_link("views/overview.py", label=t("back_to_overview", lang), icon=":material/dashboard:")
