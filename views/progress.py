"""报送进度 Submission tracker (prefecture administrator): for a year, what each county (or the sidebar's county)
owes by the schedule and how far it has delivered it, per period, kind and county; counts per county; the reminder
list to download."""

import datetime as dt

import streamlit as st

from incentive.cycle import tracker
from incentive.demo.sample import has_sample
from incentive.i18n import t
from ui import frame, sign_in
from ui.downloads import table_downloads
from ui.frame import table_height
from ui.runtime import app_settings, cycle_progress, database

state = frame.current()
lang = state.lang
sign_in.require_admin(lang)  # only in the navigation for the prefecture administrator; checked again here
today = dt.date.today()  # the day the statuses are judged on (the library takes it as a parameter)

st.title(t("page_progress", lang))
st.caption(t("cycle_intro", lang))
config = app_settings()
st.caption(tracker.schedule_note(config, lang))
if has_sample(database()):  # its times of sending are the sample's story, not when it was loaded
    st.caption(t("cycle_sample_receipts", lang))
years = sorted({today.year, today.year - 1, today.year - 2, *([state.year] if state.year else [])}, reverse=True)
year = st.selectbox(t("period_year", lang), years, index=years.index(state.year or today.year), key="progress_year")
rows = cycle_progress(year, today, sign_in.scope(), state.county)  # the sidebar's county, when it names one

# ---- counts per county
st.subheader(t("cycle_counts", lang))
counts = tracker.counts_table(tracker.county_counts(rows), lang)
st.dataframe(counts, hide_index=True, width="stretch", height=table_height(len(counts), 480))

# ---- the reminder list: what is overdue or incomplete
st.subheader(t("cycle_reminders", lang))
owed = tracker.reminder_table(tracker.reminders(rows), lang)
if owed.empty:
    st.caption(t("cycle_reminders_none", lang))
else:
    st.dataframe(owed, hide_index=True, width="stretch", height=table_height(len(owed), 480))
    table_downloads(owed, t("cycle_file_reminders", lang, year=year), "progress_reminders", lang)

# ---- every period, kind and county
st.subheader(t("cycle_table", lang))
table = tracker.progress_table(rows, lang)
st.dataframe(table, hide_index=True, width="stretch", height=table_height(len(table), 720))
table_downloads(table, t("cycle_file_progress", lang, year=year), "progress_table", lang)
