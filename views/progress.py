"""报送进度 Submission tracker, read-only: for a year, what each county owes by the schedule and how far it has
delivered it, per period, kind and county; counts per county; the reminder list to download. The prefecture
administrator sees every county (or the sidebar's); a county leader or clerk sees his own county's rows, which the
library keeps to his scope (tracker.progress takes it), not only this page."""

import datetime as dt

import streamlit as st

from incentive.accounts.roles import OutOfScope
from incentive.cycle import tracker
from incentive.demo.sample import has_sample
from incentive.i18n import t
from incentive.safe_text import tm
from ui import frame, link_state, meeting, sign_in
from ui.downloads import table_downloads
from ui.frame import table_height
from ui.runtime import app_settings, cycle_progress, database

state = frame.current()
lang = state.lang
who = sign_in.require_account(lang)  # only in the navigation for signed-in accounts; checked again here
scope = who.scope
today = dt.date.today()  # the day the statuses are judged on (the library takes it as a parameter)

st.title(t("page_progress", lang))
notes = st.container()  # a link's unusable parameters (?year=2027), as on every page
SECTIONS = ["cycle_counts", "cycle_reminders", "cycle_table"]  # one screen each in meeting mode
deck = meeting.Deck("progress", {name: t(name, lang) for name in SECTIONS}, lang)
st.caption(t("cycle_intro", lang) + " " + t("cycle_corrections_intro", lang))
if scope.counties:
    st.info(tm("cycle_own_county_only", lang, county="、".join(sorted(scope.counties))))
config = app_settings()
st.caption(tracker.schedule_note(config, lang, can_change=who.is_admin))
if has_sample(database()):  # its times of sending are the sample's story, not when it was loaded
    st.caption(t("cycle_sample_receipts", lang))
years = sorted({today.year, today.year - 1, today.year - 2, *([state.year] if state.year else [])}, reverse=True)
# in the address under the page's prefix (cycle.due_year), so that a copied link opens the year chosen here; left
# at its default, it follows the sidebar's year
year = link_state.page().selectbox(
    st, t("period_year", lang), years, key="progress_year", field="due_year", default=state.year or today.year
)
link_state.show_notes(notes, lang)
county = state.county if state.county and scope.covers(state.county) else ""  # the sidebar's, inside the scope
try:
    rows = cycle_progress(year, today, scope, county)
except OutOfScope as refused:  # a county account without a county: no rows are his
    st.error(refused.text(lang))
    st.stop()

# ---- counts per county
with deck.section("cycle_counts"):
    st.subheader(t("cycle_counts", lang))
    counts = tracker.counts_table(tracker.county_counts(rows), lang)
    deck.table(counts, height=table_height(len(counts), 480))

# ---- the reminder list: what is overdue or incomplete
with deck.section("cycle_reminders"):
    st.subheader(t("cycle_reminders", lang))
    owed = tracker.reminder_table(tracker.reminders(rows), lang)
    if owed.empty:
        st.caption(t("cycle_reminders_none", lang))
    else:
        deck.table(owed, height=table_height(len(owed), 480))
        table_downloads(owed, t("cycle_file_reminders", lang, year=year), "progress_reminders", lang)

# ---- every period, kind and county
with deck.section("cycle_table"):
    st.subheader(t("cycle_table", lang))
    table = tracker.progress_table(rows, lang)
    deck.table(
        table,
        height=table_height(len(table), 720),
        # the status says which level lacks values (按时报送（本级缺 1 项、乡镇缺 2 项，共 120 项）): room to read it
        column_config={t("col_status", lang): st.column_config.TextColumn(width="large")},
    )
    table_downloads(table, t("cycle_file_progress", lang, year=year), "progress_table", lang)
