"""The rankings page: the shared frame and an honest note until its own issue fills it."""

import streamlit as st

from incentive.i18n import t
from ui import frame

lang = frame.current().lang
st.title(t("page_rankings", lang))
st.info(t("coming_rankings", lang))
