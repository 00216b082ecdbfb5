"""干部激励看板 entry point: the language switch, navigation over the pages, the shared sidebar."""

import streamlit as st

from incentive.i18n import t
from ui import frame
from ui.runtime import database

st.set_page_config(page_title="干部激励看板", page_icon=":material/leaderboard:", layout="wide")

lang = frame.language()
database()  # opens the database; on first start loads the sample data

navigation = st.navigation([
    st.Page("pages/overview.py", title=t("page_overview", lang), icon=":material/dashboard:", url_path="overview",
            default=True),
    st.Page("pages/rankings.py", title=t("page_rankings", lang), icon=":material/leaderboard:", url_path="rankings"),
    st.Page("pages/training.py", title=t("page_training", lang), icon=":material/school:", url_path="training"),
    st.Page("pages/welfare.py", title=t("page_welfare", lang), icon=":material/volunteer_activism:",
            url_path="welfare"),
    st.Page("pages/data.py", title=t("page_data", lang), icon=":material/upload_file:", url_path="data"),
])
frame.sidebar(lang)
navigation.run()
