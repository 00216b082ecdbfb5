"""预警清单 Warnings (signed-in accounts): the year's warnings for the counties of the user's scope, red before
yellow and the most severe first, filtered by county and rule (both in the address), downloadable
(docs/decisions.md#alerts)."""

import datetime as dt

import streamlit as st

from incentive.alerts import listing, rules
from incentive.i18n import join, t
from incentive.safe_text import markdown, tm
from ui import chrome, frame, link_state, meeting, sign_in
from ui.downloads import table_downloads
from ui.runtime import alert_list, app_settings, run_query

state = frame.current()
lang, year = state.lang, state.year
st.title(t("page_alerts", lang))
who = sign_in.principal()
if who is None:  # only in the navigation for signed-in accounts; checked again here
    st.info(t("page_account_only", lang, page=t("page_alerts", lang)))
    st.stop()
scope = who.scope
config = app_settings()
running = int(config["alert_care_periods"])
periods_set = t("alerts_periods_set_here" if who.is_admin else "alerts_periods_set_by_prefecture", lang)
st.caption(
    t(
        "alerts_intro",
        lang,
        tier=int(config["alert_third_tier_periods"]),
        care=running,
        care_red=running + 1,
        periods_set=periods_set,
    )
)
if year is None:
    st.info(t("data_version_empty", lang))
    st.stop()

found = alert_list(year, dt.date.today(), scope)  # the library keeps a county account to his county
visible, withheld = listing.shown(found.alerts)  # training figures a viewer may not see are left out
st.caption(listing.judged_text(found.judged, lang))
counties = [c for c in run_query("race_units", county="")["unit"] if scope.covers(c)]
if not scope.everything:
    st.caption(tm("alerts_scope_county", lang, county=join(counties, lang)))

# ---- which county and rule: the sidebar's county when it names one, else the page's own choice
link = link_state.page()  # ui/page_state.AlertsState
notes = st.container()
# in a meeting one screen, the list, and the county stepper walking through the counties' warnings
deck = meeting.Deck("alerts", {"list": t("page_alerts", lang)}, lang, counties if len(counties) > 1 else [])
county_col, rule_col = st.columns(2)
if state.county and not scope.covers(state.county):  # a link to another county: said, not read as an all-clear
    notes.warning(tm("alerts_other_county", lang, county=state.county, own=join(counties, lang)))
    county = ""
elif state.county:
    county = state.county
elif len(counties) > 1:
    county = link.selectbox(
        county_col,
        t("alerts_filter_county", lang),
        ["", *counties],
        key="alerts_county",
        field="focus",
        format_func=lambda c: c or t("all_counties", lang),
    )
else:  # one county (a county account): nothing to choose, and a link's other county is said
    link.unusable("focus", counties)
    county = ""
rule = link.selectbox(
    rule_col,
    t("alerts_filter_rule", lang),
    ["", *rules.RULES],
    key="alerts_rule",
    field="rule",
    format_func=lambda r: listing.rule_label(r, lang) if r else t("alerts_all_rules", lang),
)
chosen = listing.filtered(visible, county, rule)

# ---- counts by level, then the list
with deck.section("list"):
    counts = listing.level_counts(chosen)
    red_col, yellow_col, _ = st.columns([1, 1, 2])
    red_col.metric(t("alerts_count_red", lang), counts["red"])
    yellow_col.metric(t("alerts_count_yellow", lang), counts["yellow"])
    if not visible:
        st.success(t("alerts_none", lang, year=year))
    elif not chosen:
        st.info(t("alerts_none_filtered", lang))
    else:
        small = int(config["suppression_threshold"])
        # a static table, so that each sentence wraps and can be read whole; its cells are Markdown, so names from
        # files are made inert there, and the download has them as written. Six columns keep readable widths; the
        # phone scrolls sideways. In a meeting the sentences take the slide's width (meeting.SENTENCES).
        with chrome.scrolls_on_a_phone(meeting.SENTENCES):
            st.table(listing.table(chosen, lang, small, quote=markdown, level=listing.level_markdown), hide_index=True)
        sheet_notes = listing.sheet_notes(
            found.judged, len(chosen), withheld, small, lang
        )  # as the delivered sheet has them
        table_downloads(
            listing.table(chosen, lang, small), t("alerts_file", lang, year=year), "alerts", lang, notes=sheet_notes
        )
    if withheld:
        st.caption(t("alerts_withheld", lang, n=withheld, threshold=int(config["suppression_threshold"])))
link_state.show_notes(notes, lang)
