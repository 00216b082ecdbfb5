"""干部画像 Cadre profile: one named cadre, for a signed-in user whose scope covers his county: his training of the
sidebar's year by category against his own target, his appraisal grades by year, the personnel decisions about
him, his roster snapshots. Every opening is written to the audit log first (incentive/cadre_profile.py)."""

import streamlit as st

from incentive import cadre_profile
from incentive.i18n import t
from incentive.intake.file_kinds import labelled
from incentive.safe_text import markdown, tm
from incentive.store.storage_faults import StorageFault
from incentive.training import coverage, coverage_tables
from ui import frame, link_state, sign_in, storage_notice
from ui.frame import MISSING_CELL, table_height
from ui.runtime import absent_training, database

state = frame.current()
lang, year = state.lang, state.year
st.title(t("page_cadre", lang))
notes = st.container()
link = link_state.page()  # ui/page_state.CadreState
link.seed("cadre_id", "id", default="", parse=str)
typed = st.text_input(t("cadre_id_label", lang), key="cadre_id").strip()
link.publish("id", typed, "")
link_state.show_notes(notes, lang)
if not typed:
    st.info(t("cadre_prompt", lang))
    st.stop()
if year is None:
    st.info(t("data_version_empty", lang))
    st.stop()
who = sign_in.principal()
try:
    profile = cadre_profile.open_profile(database(), who, typed, year)
except cadre_profile.ProfileRefused as refused:
    st.warning(markdown(refused.text(lang)))  # it quotes the id as typed, or as a link gave it
    st.stop()
except StorageFault as fault:  # the opening must be recorded before anything is shown
    storage_notice.say_refused(fault, lang)
    st.stop()

person = profile.person
st.subheader(  # his name, county, unit and rank as the roster file wrote them: never Markdown
    tm(
        "cadre_person",
        lang,
        name=person.get("name") or profile.cadre_id,
        county=person.get("county", ""),
        unit=person.get("unit", ""),
        rank=person.get("rank", ""),
        as_of=str(person.get("as_of", ""))[:10],
    )
)
if profile.typed is not None:  # lz000108 typed: the roster's LZ000108 shown, and said
    st.info(tm("cadre_id_shown_as", lang, cadre=profile.cadre_id, typed=profile.typed))
st.caption(tm("cadre_recorded", lang, who=who.name, cadre=profile.cadre_id))

# ---- training of the year against his own target
st.subheader(t("cadre_section_training", lang, year=year))
# the year as his hours are counted (every record of his): which of his county's ended quarters are not in
unsent = absent_training(coverage.year_window(year), person.get("county", ""), lang, "cadre_training_absent")
if unsent:  # his county's unsent quarter: his hours may read low (docs/decisions.md#unsent-training-files)
    st.warning(unsent)
mine = profile.attainment
if mine is None:
    st.info(t("cadre_not_on_roster_then", lang, year=year))
elif not mine["has_target"]:
    st.info(tm("cadre_no_rank_group", lang, rank=mine["rank"]))
else:
    figures = st.columns(3)
    figures[0].metric(
        t("kpi_cadre_hours", lang),
        f"{mine['counted_hours']:.1f}",
        t("cadre_met", lang) if mine["met_target"] else t("cadre_not_met", lang),
        delta_color="green" if mine["met_target"] else "red",  # the theme's 达标 / 未达标 colours (palette)
        delta_arrow="off",
    )
    figures[1].metric(t("kpi_cadre_target", lang), f"{mine['target']:.1f}")
    figures[2].metric(t("kpi_cadre_online", lang), f"{mine['online_hours']:.1f} / {mine['online_target']:.1f}")
    st.caption(
        t(
            "cadre_target_note",
            lang,
            group=t(f"rank_group_{mine['rank_group']}", lang),
            window=t("cadre_window_months", lang, start=str(mine["window_start"])[:7], months=mine["window_months"]),
            target=mine["target"],
            online=mine["online_per_year"],
        )
    )
categories = profile.by_category.assign(
    category=lambda f: f["category"].map(lambda c: coverage_tables.category_label(c, lang))
)
categories.columns = [
    t("field_category", lang),
    t("field_hours", lang),
    t("col_records", lang),
    t("col_online_hours", lang),
]
st.dataframe(categories, hide_index=True, placeholder=MISSING_CELL, width="stretch")
if len(profile.records):
    with st.expander(f"{t('field_course', lang)} ({len(profile.records)})"):
        st.dataframe(
            labelled("training", profile.records, lang), hide_index=True, placeholder=MISSING_CELL, width="stretch"
        )

# ---- appraisal grades and personnel decisions
columns = st.columns(2, gap="large")
for column, title, kind, rows in (
    (columns[0], "cadre_section_grades", "appraisals", profile.grades),
    (columns[1], "cadre_section_decisions", "movements", profile.decisions),
):
    column.subheader(t(title, lang))
    if rows.empty:
        column.caption(t("cadre_none", lang))
    else:
        column.dataframe(labelled(kind, rows, lang), hide_index=True, placeholder=MISSING_CELL, width="stretch")

with st.expander(t("cadre_section_roster", lang)):
    st.dataframe(
        labelled("roster", profile.roster, lang),
        hide_index=True,
        placeholder=MISSING_CELL,
        width="stretch",
        height=table_height(len(profile.roster)),
    )
