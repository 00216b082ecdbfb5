"""报送数据 Submit data: a county clerk uploads his county's files, reads the same preview as the Data page and
submits them for review; his county's submissions with their state, returned notes, and withdrawing pending ones."""

import datetime as dt
import functools

import streamlit as st

from incentive import labels
from incentive.accounts.roles import COUNTY_CLERK, OutOfScope
from incentive.cycle import tracker
from incentive.i18n import capital, join, t
from incentive.intake.preview import Preview
from incentive.review import submissions
from incentive.review.submissions import Options, SubmissionError
from incentive.safe_text import markdown, tm
from incentive.store import batches
from incentive.store.batches import BatchError
from ui import chrome, frame, link_state, preview_panel, sign_in
from ui.frame import table_height
from ui.runtime import app_settings, check_version, cycle_progress, database, preview_upload

lang = frame.current().lang


def require_clerk():
    """The page is only in the navigation for county clerks; checked again here and before every write."""
    who = sign_in.require_submitter(lang)
    if who.role != COUNTY_CLERK or not who.county:
        st.error(t("role_refused", lang, role=t(f"role_{who.role}", lang)))
        st.stop()
    return who


clerk = require_clerk()
db = database()
COUNTY_KINDS = [*submissions.COUNTY_COLUMN_KINDS, *submissions.CADRE_KINDS]  # regions and the catalog: the prefecture


def flash_and_rerun(*messages: str) -> None:
    st.session_state.setdefault("submit_flash", []).extend(messages)
    st.rerun()


def send(preview: Preview, data: bytes, options: Options) -> None:
    alike = submissions.pending_alike(db, clerk.county, preview.kind, submissions.periods_of(preview))
    if alike:  # a second file of the same period: both would wait, and the one accepted last would count
        st.warning(t("submit_alike_pending", lang, n=len(alike), ids=join([f"#{i}" for i in alike], lang)))
    if st.button(t("submit_button", lang), type="primary", key=f"submit_send_{preview.sha256[:16]}"):
        who = require_clerk()
        try:
            new_id = submissions.submit(db, who, preview.file_name, data, options)
        except SubmissionError as refused:
            st.error(refused.text(lang))
            return
        st.session_state["submit_upload_round"] = st.session_state.get("submit_upload_round", 0) + 1
        flash_and_rerun(tm("submit_done", lang, file=preview.file_name, id=new_id))


def record_refusal(preview: Preview) -> None:
    """A refused file goes on record once per session, as on the Data page."""
    seen = st.session_state.setdefault("submit_refusals_recorded", set())
    if not preview.importable and preview.sha256 not in seen:
        seen.add(preview.sha256)
        submissions.record_refusal(db, require_clerk(), preview)


st.title(t("page_submit", lang))
for message in st.session_state.pop("submit_flash", []):
    st.success(message)
st.caption(tm("submit_intro", lang, county=clerk.county) + " " + t("data_format_doc", lang))

# ---- upload, preview, submit
options_col, upload_col = st.columns([1, 2])
AUTO = ""
kind = options_col.selectbox(
    t("data_kind", lang),
    [AUTO, *COUNTY_KINDS],
    key=link_state.relabel("submit_kind"),
    format_func=lambda k: t("data_kind_auto", lang) if k == AUTO else capital(t(f"kind_{k}", lang)),
)
period = options_col.text_input(t("data_period", lang), key="submit_period")
as_of = options_col.text_input(t("data_as_of", lang), key="submit_as_of")
skip_invalid = options_col.checkbox(
    t("data_skip_invalid", lang), key="submit_skip_invalid", help=t("data_skip_invalid_help", lang)
)
uploads = chrome.upload_box(
    upload_col, t("data_upload", lang), f"submit_upload_{st.session_state.get('submit_upload_round', 0)}", lang
)
options = Options(kind or "", period, as_of, skip_invalid)
for upload in uploads or []:
    data = upload.getvalue()
    preview, effects = preview_upload(
        upload.name, data, kind or None, period, as_of, skip_invalid, check_version(), clerk.county
    )
    preview_panel.draw_preview(
        preview,
        effects,
        lang,
        key="submit",
        county=clerk.county,
        action=functools.partial(send, data=data, options=options),
    )
    record_refusal(preview)

# ---- this county's submissions
st.subheader(t("submit_mine", lang))
mine = submissions.listing(db, clerk.county)
if mine.empty:
    st.caption(t("submit_none", lang))
else:
    for row in mine[mine["state"] == submissions.RETURNED].head(5).itertuples():
        st.warning(tm("submit_returned_note", lang, id=row.id, file=row.file_name, note=row.note))
    shown = mine[["id", "file_name", "kind", "row_count", "submitted_by", "submitted_at", "state", "state_by", "note"]]
    shown = shown.assign(
        kind=[capital(t(f"kind_{k}", lang)) for k in shown["kind"]],
        state=[capital(t(f"submission_state_{s}", lang)) for s in shown["state"]],
        # nobody has handled a pending submission yet (its event's author is the clerk who sent it)
        state_by=[
            "" if s == submissions.PENDING else labels.who_text(w, lang)
            for s, w in zip(shown["state"], shown["state_by"], strict=True)
        ],
        note=shown["note"].fillna(""),
    )
    shown.columns = [
        t(k, lang)
        for k in (
            "col_submission",
            "col_file",
            "col_kind",
            "col_rows",
            "col_submitted_by",
            "col_submitted_at",
            "col_status",
            "col_reviewed_by",
            "col_note",
        )
    ]
    st.dataframe(shown, hide_index=True, width="stretch")
    own_pending = mine[(mine["state"] == submissions.PENDING) & (mine["submitted_by"] == clerk.name)]
    if len(own_pending):
        pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
        files = dict(zip(own_pending["id"], own_pending["file_name"], strict=True))
        picked = pick_col.selectbox(
            t("submit_pick_withdraw", lang),
            list(files),
            key="submit_withdraw_pick",
            format_func=lambda i: f"#{i} · {files[i]}",
        )
        if button_col.button(t("submit_withdraw", lang), key="submit_withdraw"):
            try:
                submissions.withdraw(db, int(picked), require_clerk())
            except SubmissionError as refused:
                st.error(markdown(refused.text(lang)))
            else:
                flash_and_rerun(t("submit_withdrawn", lang, id=picked))

# ---- what this county owes this year and how far it has delivered: the tracker, kept to his county by his scope
year = frame.current().year or dt.date.today().year
st.subheader(tm("cycle_mine", lang, county=clerk.county, year=year))
st.caption(tracker.schedule_note(app_settings(), lang))
owed = tracker.progress_table(cycle_progress(year, dt.date.today(), clerk.scope), lang)
st.dataframe(owed, hide_index=True, width="stretch", height=table_height(len(owed), 480))

# ---- this county's batches: a clerk may undo his county's accepted submissions (never the prefecture's data)
live = batches.history(db, clerk.county)
live = live[live["status"] == "active"].set_index("id")
if len(live):
    st.subheader(t("submit_batches", lang))
    pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    batch_id = pick_col.selectbox(
        t("data_rollback_pick", lang),
        live.index[::-1].tolist(),  # the newest first
        key="submit_rollback_pick",
        format_func=lambda i: f"#{i} · {capital(t('kind_' + live.at[i, 'kind'], lang))} · {live.at[i, 'file']}",
    )
    confirmed = st.checkbox(t("data_rollback_confirm", lang), key="submit_rollback_confirm")
    if button_col.button(t("data_rollback", lang), key="submit_rollback", disabled=not confirmed):
        who = require_clerk()
        try:
            batches.rollback(db, int(batch_id), who.name, scope=who.scope)
        except (OutOfScope, BatchError) as refused:
            st.error(markdown(refused.text(lang)))
        else:
            st.session_state.pop("submit_rollback_confirm", None)
            flash_and_rerun(t("data_rolled_back", lang, batch=batch_id))
