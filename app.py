"""干部激励看板 entry point: the language switch, navigation over the pages, the shared sidebar.

The page modules live in views/, not pages/: Streamlit treats a pages/ folder as its legacy multipage mode until
st.navigation has run once in the server process, so a shared deep link (/rankings) opened first on a freshly
started server would run the bare page without this frame.
"""

import streamlit as st

from incentive.i18n import t
from ui import cache_guard, frame, sharing, sign_in
from ui.runtime import database

st.set_page_config(page_title="干部激励看板", page_icon=":material/leaderboard:", layout="wide")
cache_guard.install()  # a websocket `clear_cache` from a session without the administrator role is refused

sharing.open_permalink()  # a short link (?v=…) restores its view before any control is drawn
lang = frame.language()
database()  # opens the database; on first start loads the sample data
sign_in.viewer_gate(lang)  # when the deployment requires a viewing password

navigation = st.navigation([
    st.Page("views/overview.py", title=t("page_overview", lang), icon=":material/dashboard:", default=True),
    st.Page("views/rankings.py", title=t("page_rankings", lang), icon=":material/leaderboard:", url_path="rankings"),
    st.Page("views/training.py", title=t("page_training", lang), icon=":material/school:", url_path="training"),
    st.Page("views/welfare.py", title=t("page_welfare", lang), icon=":material/volunteer_activism:",
            url_path="welfare"),
    st.Page("views/movements.py", title=t("page_movements", lang), icon=":material/swap_vert:",
            url_path="movements"),
    *([st.Page("views/data.py", title=t("page_data", lang), icon=":material/upload_file:", url_path="data")]
      if sign_in.admin() else []),  # not in the navigation, so not reachable by URL, until signed in
])
frame.sidebar(lang)
sharing.pinned_banner(lang)
sharing.share_button(lang, navigation.url_path)
sharing.briefing_button(lang, navigation.url_path)
sign_in.sidebar_form(lang)
navigation.run()
