"""报送数据 Submit data: a county clerk uploads his county's files, reads the same preview as the Data page and
submits them for review; his county's submissions with their state, returned notes, and withdrawing pending ones;
what his county owes; and requests to roll back his county's batches, which the prefecture reviews."""

import datetime as dt
import functools

import streamlit as st

from incentive import labels
from incentive.accounts.roles import COUNTY_CLERK, OutOfScope
from incentive.cycle import tracker
from incentive.i18n import capital, join, t
from incentive.intake.preview import Preview
from incentive.review import rollbacks, submissions
from incentive.review.rollbacks import RollbackRequestError
from incentive.review.submissions import Options, SubmissionError
from incentive.safe_text import markdown, tm
from incentive.store import batches
from incentive.store.storage_faults import StorageFault
from ui import chrome, frame, link_state, preview_panel, sign_in, storage_notice
from ui.downloads import template_buttons
from ui.frame import MISSING_CELL, table_height
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
        st.warning(t("submit_alike_pending", lang, n=len(alike), ids=labels.submission_refs(alike, lang)))
    if st.button(t("submit_button", lang), type="primary", key=f"submit_send_{preview.sha256[:16]}"):
        who = require_clerk()
        try:
            new_id = submissions.submit(db, who, preview.file_name, data, options)
        except SubmissionError as refused:
            st.error(refused.text(lang))
            return
        except StorageFault as fault:  # nothing written; said here, the page goes on
            storage_notice.say_refused(fault, lang, st)
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
with st.expander(t("data_templates", lang)):  # the format of each kind a county sends, with its instructions
    template_buttons(COUNTY_KINDS, lang, "submit")

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
for name, data in preview_panel.distinct_uploads(uploads, lang):
    with preview_panel.checking(name, data, lang):
        preview, effects = preview_upload(
            name, data, kind or None, period, as_of, skip_invalid, check_version(), clerk.county
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
    # a return a later accepted file of the same kind and period has answered is history, not a task
    answered = submissions.answered_returns(db, clerk.county)
    resent = submissions.resent_returns(db, clerk.county)  # sent again after the return: awaiting review
    returned = mine[mine["state"] == submissions.RETURNED]
    for row in returned[~returned["id"].isin(list(answered))].head(5).itertuples():
        if row.id in resent:
            st.info(tm("submit_returned_resent", lang, id=row.id, file=row.file_name, new=resent[row.id]))
        else:
            st.warning(tm("submit_returned_note", lang, id=row.id, file=row.file_name, note=row.note))
    earlier = returned[returned["id"].isin(list(answered))]
    if len(earlier):
        with st.expander(t("submit_returned_history", lang, n=len(earlier))):
            for row in earlier.itertuples():
                st.caption(
                    tm(
                        "submit_returned_answered",
                        lang,
                        id=row.id,
                        file=row.file_name,
                        note=row.note,
                        by=answered[row.id],
                    )
                )
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
    st.dataframe(shown, hide_index=True, placeholder=MISSING_CELL, width="stretch")
    own_pending = mine[(mine["state"] == submissions.PENDING) & (mine["submitted_by"] == clerk.name)]
    if len(own_pending):
        pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
        files = dict(zip(own_pending["id"], own_pending["file_name"], strict=True))
        picked = pick_col.selectbox(
            t("submit_pick_withdraw", lang),
            list(files),
            key="submit_withdraw_pick",
            format_func=lambda i: f"{capital(labels.submission_ref(i, lang))} · {files[i]}",
        )
        if button_col.button(t("submit_withdraw", lang), key="submit_withdraw"):
            try:
                submissions.withdraw(db, int(picked), require_clerk())
            except SubmissionError as refused:
                st.error(markdown(refused.text(lang)))
            except StorageFault as fault:  # nothing written; said here, the page goes on
                storage_notice.say_refused(fault, lang, st)
            else:
                flash_and_rerun(t("submit_withdrawn", lang, id=picked))

# ---- what this county owes this year and how far it has delivered: the tracker, kept to his county by his scope
year = frame.current().year or dt.date.today().year
st.subheader(tm("cycle_mine", lang, county=clerk.county, year=year))
st.caption(tracker.schedule_note(app_settings(), lang))  # the prefecture sets it: a clerk is told so
owed = tracker.progress_table(cycle_progress(year, dt.date.today(), clerk.scope), lang)
st.dataframe(owed, hide_index=True, placeholder=MISSING_CELL, width="stretch", height=table_height(len(owed), 480))

# ---- this county's batches: data the prefecture accepted after review, so taking them back is reviewed too
# (docs/decisions.md#rollbacks-of-accepted-data-are-reviewed): a request, with a reason, for the 审核 page
live = batches.history(db, clerk.county)
live = live[live["status"] == "active"].set_index("id")
asked = rollbacks.pending_by_batch(db, clerk.county)
if len(live):
    st.subheader(t("submit_batches", lang))
    st.caption(t("submit_rollback_intro", lang))
    if asked:
        waiting = [t("submit_rollback_waiting_item", lang, batch=b, id=r) for b, r in asked.items()]
        st.caption(t("submit_rollback_waiting", lang, batches=join(waiting, lang)))
    free = [i for i in live.index[::-1] if i not in asked]  # the newest first; one request per batch at a time
    if free:
        batch_id = st.selectbox(
            t("submit_rollback_pick", lang),
            free,
            key="submit_rollback_pick",
            format_func=lambda i: (
                f"{capital(labels.batch_ref(i, lang))} · {capital(t('kind_' + live.at[i, 'kind'], lang))} · "
                f"{live.at[i, 'file']}"
            ),
        )
        reason = st.text_area(
            t("submit_rollback_reason", lang), key="submit_rollback_reason", max_chars=rollbacks.TEXT_MAX_CHARS
        )
        if st.button(t("submit_rollback_request", lang), key="submit_rollback"):
            try:
                request_id = rollbacks.request(db, require_clerk(), int(batch_id), reason)
            except (OutOfScope, RollbackRequestError) as refused:
                st.error(markdown(refused.text(lang)))
            except StorageFault as fault:  # nothing written; said here, the page goes on
                storage_notice.say_refused(fault, lang, st)
            else:
                st.session_state.pop("submit_rollback_reason", None)
                flash_and_rerun(t("submit_rollback_requested", lang, batch=batch_id, id=request_id))

# ---- this county's rollback requests: their state, returned notes, and withdrawing pending ones
requests = rollbacks.listing(db, clerk.county)
if len(requests):
    st.subheader(t("submit_rollback_requests", lang))
    for row in requests[requests["state"] == rollbacks.RETURNED].head(5).itertuples():
        st.warning(tm("submit_rollback_returned", lang, id=row.id, batch=row.batch_id, note=row.note))
    shown = requests[["id", "batch_id", "file_name", "reason", "requested_by", "requested_at", "state", "state_by"]]
    shown = shown.assign(
        requested_by=[labels.who_text(w, lang) for w in shown["requested_by"]],
        state=[capital(t(f"rollback_state_{s}", lang)) for s in shown["state"]],
        state_by=[
            "" if s == rollbacks.PENDING else labels.who_text(w, lang)
            for s, w in zip(requests["state"], shown["state_by"], strict=True)
        ],
        note=requests["note"].fillna(""),
    )
    shown.columns = [
        t(k, lang)
        for k in (
            "col_rollback_request",
            "col_batch",
            "col_file",
            "col_reason",
            "col_requested_by",
            "col_requested_at",
            "col_status",
            "col_reviewed_by",
            "col_note",
        )
    ]
    st.dataframe(shown, hide_index=True, placeholder=MISSING_CELL, width="stretch")
    own = requests[(requests["state"] == rollbacks.PENDING) & (requests["requested_by"] == clerk.name)]
    if len(own):
        pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
        batch_of = dict(zip(own["id"], own["batch_id"], strict=True))
        picked = pick_col.selectbox(
            t("submit_rollback_pick_withdraw", lang),
            list(batch_of),
            key="submit_rollback_withdraw_pick",
            format_func=lambda i: f"#{i} · {labels.batch_ref(batch_of[i], lang)}",
        )
        if button_col.button(t("submit_rollback_withdraw", lang), key="submit_rollback_withdraw"):
            try:
                rollbacks.withdraw(db, int(picked), require_clerk())
            except RollbackRequestError as refused:
                st.error(markdown(refused.text(lang)))
            except StorageFault as fault:  # nothing written; said here, the page goes on
                storage_notice.say_refused(fault, lang, st)
            else:
                flash_and_rerun(t("submit_rollback_withdrawn", lang, id=picked))
