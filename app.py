"""干部激励看板 entry point: the language switch, navigation over the pages, the shared sidebar.

The page modules live in views/, not pages/: Streamlit treats a pages/ folder as its legacy multipage mode until
st.navigation has run once in the server process, so a shared deep link (/rankings) opened first on a freshly
started server would run the bare page without this frame.
"""

import streamlit as st

from incentive.accounts.roles import COUNTY_CLERK, COUNTY_ROLES
from incentive.i18n import t
from incentive.review import rollbacks, submissions
from ui import cache_guard, chrome, frame, link_state, sharing, sign_in, storage_notice, tab_icon
from ui.runtime import database

link_state.note_repeats()  # a parameter given twice (?year=2025&year=2024): one value kept, and said
sharing.open_permalink()  # a short link (?v=…) restores its view before any control is drawn
lang = frame.language()
st.set_page_config(page_title=t("app_title", lang), page_icon=tab_icon.DATA_URL, layout="wide")
cache_guard.install()  # a websocket `clear_cache` from a session without the administrator role is refused
chrome.style(lang)  # rows of controls that wrap on a narrow screen; Streamlit's own words in Chinese
fault_notice = st.empty()  # above the page: where a write the storage refused is said (ui/storage_notice.py)
with storage_notice.said(lang, fault_notice):
    database()  # opens the database; on first start loads the sample data
    sign_in.viewer_gate(lang)  # when the deployment requires a viewing password
    who = sign_in.principal()
    is_admin = who is not None and who.is_admin
    # what awaits the prefecture's review: county submissions and requests to roll back accepted county data
    pending = submissions.pending_count(database()) + rollbacks.pending_count(database()) if is_admin else 0

    pages = [
        st.Page("views/overview.py", title=t("page_overview", lang), icon=":material/dashboard:", default=True),
        st.Page(
            "views/rankings.py", title=t("page_rankings", lang), icon=":material/leaderboard:", url_path="rankings"
        ),
        st.Page("views/training.py", title=t("page_training", lang), icon=":material/school:", url_path="training"),
        st.Page(
            "views/welfare.py", title=t("page_welfare", lang), icon=":material/volunteer_activism:", url_path="welfare"
        ),
        st.Page(
            "views/movements.py", title=t("page_movements", lang), icon=":material/swap_vert:", url_path="movements"
        ),
        st.Page(
            "views/appraisals.py", title=t("page_appraisals", lang), icon=":material/grading:", url_path="appraisals"
        ),
        st.Page("views/county.py", title=t("page_county", lang), icon=":material/location_city:", url_path="county"),
        *(
            [
                st.Page("views/alerts.py", title=t("page_alerts", lang), icon=":material/campaign:", url_path="alerts"),
                st.Page("views/cadre.py", title=t("page_cadre", lang), icon=":material/badge:", url_path="cadre"),
            ]
            if who is not None
            else []
        ),  # every signed-in account, for his scope (docs/decisions.md#who-sees-the-warning-list, #cadre-profile)
        *(
            [
                st.Page("views/data.py", title=t("page_data", lang), icon=":material/upload_file:", url_path="data"),
                st.Page(
                    "views/review.py",
                    title=t("page_review_pending", lang, n=pending) if pending else t("page_review", lang),
                    icon=":material/fact_check:",
                    url_path="review",
                ),
                st.Page(
                    "views/progress.py",
                    title=t("page_progress", lang),
                    icon=":material/event_available:",
                    url_path="progress",
                ),
                st.Page("views/users.py", title=t("page_users", lang), icon=":material/group:", url_path="users"),
            ]
            if is_admin
            else []
        ),  # not in the navigation, so not reachable by URL, until a prefecture administrator signs in
        *(
            [
                st.Page(
                    "views/progress.py",
                    title=t("page_progress", lang),
                    icon=":material/event_available:",
                    url_path="progress",
                )
            ]
            if who is not None and who.role in COUNTY_ROLES
            else []
        ),  # a county leader or clerk: his own county's rows, read-only
        *(
            [st.Page("views/submit.py", title=t("page_submit", lang), icon=":material/outbox:", url_path="submit")]
            if who is not None and who.role == COUNTY_CLERK
            else []
        ),  # a county clerk's uploads become submissions
    ]
    # The default page is served at the root, yet Streamlit still reserves its file's name (/overview): that address is
    # a page, not an unknown one (a hidden page there made st.navigation raise on two pages with one path).
    known = {page.url_path for page in pages} | {"overview"}
    unknown = chrome.unknown_address_page(known, lang)  # instead of "Page not found"
    # every page listed: past ten Streamlit folds the rest under "View more", where an administrator's 审核 and
    # 用户管理 went out of sight once 年度考核 and 干部画像 joined
    navigation = st.navigation([*pages, *([unknown] if unknown else [])], expanded=True)
    link_state.enter(
        navigation.url_path
    )  # this page's parameters only, under its own prefix, before anything reads them
    frame.sidebar(lang, navigation.url_path)
    sharing.pinned_banner(lang, navigation.url_path)
    sharing.share_button(lang, navigation.url_path)
    sharing.document_buttons(lang, navigation.url_path)  # a page with periods of its own draws them again
    sign_in.sidebar_form(lang)
    navigation.run()
    # a whole run drawn (not stopped at a notice, not cut short by a rerun): what it never read leaves the address
    link_state.finish()
