"""审核 Review: the prefecture administrator's queue of county submissions. Opening one shows its preview and
what it would change, computed again against the data as they are now; accepting imports it as a batch of its
county, returning sends it back with a note the clerk reads. Below, the counties' requests to roll back batches
accepted earlier: accepting one rolls the batch back, returning it keeps the batch, with a note."""

import streamlit as st

from incentive import labels
from incentive.i18n import capital, t
from incentive.review import rollbacks, submissions
from incentive.review.rollbacks import RollbackRequestError
from incentive.review.submissions import SubmissionError
from incentive.safe_text import markdown, tm
from incentive.store.storage_faults import StorageFault
from ui import frame, preview_panel, sign_in, storage_notice
from ui.frame import MISSING_CELL
from ui.runtime import check_version, database, preview_upload

lang = frame.current().lang
sign_in.require_admin(lang)  # the page is only in the navigation for the prefecture administrator; checked again
db = database()


def reviewer():
    """Before every write: the prefecture administrator, as signed in now."""
    sign_in.require_admin(lang)
    return sign_in.principal()


def flash_and_rerun(*messages: str) -> None:
    st.session_state.setdefault("review_flash", []).extend(messages)
    st.rerun()


queue = submissions.listing(db)
waiting = queue[queue["state"] == submissions.PENDING]
alike = submissions.duplicates(db)  # pending ones of the same county, kind and period: not to accept blindly
requests = rollbacks.listing(db)  # a county's request to take back data accepted after review
asked = requests[requests["state"] == rollbacks.PENDING]
pending = len(waiting) + len(asked)
st.title(t("page_review_pending", lang, n=pending) if pending else t("page_review", lang))
for message in st.session_state.pop("review_flash", []):
    st.success(message)

# ---- the queue: pending first, oldest first
st.subheader(t("review_queue", lang))
if queue.empty:
    st.caption(t("review_none", lang))
else:
    shown = queue[["id", "county", "submitted_by", "file_name", "kind", "row_count", "submitted_at", "state", "note"]]
    shown = shown.assign(
        kind=[capital(t(f"kind_{k}", lang)) for k in shown["kind"]],
        state=[capital(t(f"submission_state_{s}", lang)) for s in shown["state"]],
        note=shown["note"].fillna(""),
        alike=[capital(labels.submission_refs(alike.get(i, []), lang)) for i in shown["id"]],
    )
    shown.columns = [
        t(k, lang)
        for k in (
            "col_submission",
            "col_county",
            "col_submitted_by",
            "col_file",
            "col_kind",
            "col_rows",
            "col_submitted_at",
            "col_status",
            "col_note",
            "review_col_alike",
        )
    ]
    st.dataframe(
        shown, hide_index=True, placeholder=MISSING_CELL, width="stretch", height=frame.table_height(len(shown), 420)
    )

if waiting.empty:
    if not queue.empty:
        st.caption(t("review_none", lang))
else:
    # ---- one submission: its preview and effects now, accept or return
    labels_of = {
        row.id: f"{capital(labels.submission_ref(row.id, lang))} · {row.county} · "
        f"{labels.who_text(row.submitted_by, lang)} · {row.file_name}"
        for row in waiting.itertuples()
    }
    picked = st.selectbox(t("review_pick", lang), list(labels_of), format_func=labels_of.get, key="review_pick")
    opened = submissions.load(db, int(picked))
    st.markdown(
        tm(
            "review_opened",
            lang,
            id=opened.id,
            county=opened.county,
            who=opened.submitted_by,
            at=f"{opened.submitted_at:%Y-%m-%d %H:%M}",
            state=t(f"submission_state_{opened.state}", lang),
        )
    )
    if opened.id in alike:
        others = alike[opened.id]
        st.warning(t("review_alike_pending", lang, n=len(others), ids=labels.submission_refs(others, lang)))
    st.caption(t("review_recomputed", lang))
    options = opened.options
    with preview_panel.checking(opened.file_name, opened.data, lang):
        preview, effects = preview_upload(
            opened.file_name,
            opened.data,
            options.kind or None,
            options.period,
            options.as_of,
            options.skip_invalid,
            check_version(),
            opened.county,
        )
    preview_panel.draw_preview(preview, effects, lang, key="review", county=opened.county)

    accept_col, return_col = st.columns(2)
    if accept_col.button(
        t("review_accept", lang), type="primary", key=f"review_accept_{opened.id}", disabled=not preview.importable
    ):
        try:
            batch = submissions.accept(db, opened.id, reviewer())
        except SubmissionError as refused:
            accept_col.error(markdown(refused.text(lang)))
        except StorageFault as fault:  # nothing written; said here, the page goes on
            storage_notice.say_refused(fault, lang, accept_col)
        else:
            flash_and_rerun(t("review_accepted", lang, id=opened.id, batch=batch))
    note = return_col.text_area(
        t("review_note", lang), key=f"review_note_{opened.id}", max_chars=submissions.NOTE_MAX_CHARS
    )
    if return_col.button(t("review_return", lang), key=f"review_return_{opened.id}"):
        try:
            submissions.return_to_clerk(db, opened.id, reviewer(), note)
        except SubmissionError as refused:
            return_col.error(markdown(refused.text(lang)))
        except StorageFault as fault:  # nothing written; said here, the page goes on
            storage_notice.say_refused(fault, lang, return_col)
        else:
            flash_and_rerun(t("review_returned", lang, id=opened.id))

# ---- rollback requests: a county asks to take back a batch accepted after review; accepting rolls it back now
# (docs/decisions.md#rollbacks-of-accepted-data-are-reviewed)
st.subheader(t("review_rollbacks", lang))
if requests.empty:
    st.caption(t("review_rollbacks_none", lang))
else:
    shown = requests[["id", "county", "requested_by", "batch_id", "file_name", "reason", "requested_at", "state"]]
    shown = shown.assign(
        requested_by=[labels.who_text(w, lang) for w in shown["requested_by"]],
        state=[capital(t(f"rollback_state_{s}", lang)) for s in shown["state"]],
        note=requests["note"].fillna(""),
    )
    shown.columns = [
        t(k, lang)
        for k in (
            "col_rollback_request",
            "col_county",
            "col_requested_by",
            "col_batch",
            "col_file",
            "col_reason",
            "col_requested_at",
            "col_status",
            "col_note",
        )
    ]
    st.dataframe(
        shown, hide_index=True, placeholder=MISSING_CELL, width="stretch", height=frame.table_height(len(shown), 420)
    )
if asked.empty:
    if not requests.empty:
        st.caption(t("review_rollbacks_none", lang))
    st.stop()

request_labels = {
    row.id: f"#{row.id} · {row.county} · {labels.who_text(row.requested_by, lang)} · "
    f"{labels.batch_ref(row.batch_id, lang)} {row.file_name}"
    for row in asked.itertuples()
}
chosen = st.selectbox(
    t("review_rollback_pick", lang), list(request_labels), format_func=request_labels.get, key="review_rollback_pick"
)
request = asked.set_index("id").loc[chosen]
st.markdown(
    tm(
        "review_rollback_opened",
        lang,
        id=int(chosen),
        county=request["county"],
        who=labels.who_text(request["requested_by"], lang),
        at=f"{request['requested_at']:%Y-%m-%d %H:%M}",
        batch=int(request["batch_id"]),
        kind=t(f"kind_{request['kind']}", lang),
        file=request["file_name"],
        rows=int(request["rows"]),
        accepted_by=labels.who_text(request["batch_created_by"], lang),
        accepted_at=f"{request['batch_created_at']:%Y-%m-%d %H:%M}",
    )
)
st.markdown(tm("review_rollback_reason", lang, reason=request["reason"]))
st.caption(t("review_rollback_effect", lang))
accept_col, return_col = st.columns(2)
if accept_col.button(t("review_rollback_accept", lang), type="primary", key=f"review_rollback_accept_{chosen}"):
    try:
        batch = rollbacks.accept(db, int(chosen), reviewer())
    except RollbackRequestError as refused:
        accept_col.error(markdown(refused.text(lang)))
    except StorageFault as fault:  # nothing written; said here, the page goes on
        storage_notice.say_refused(fault, lang, accept_col)
    else:
        flash_and_rerun(t("review_rollback_accepted", lang, id=chosen, batch=batch))
note = return_col.text_area(
    t("review_rollback_note", lang), key=f"review_rollback_note_{chosen}", max_chars=rollbacks.TEXT_MAX_CHARS
)
if return_col.button(t("review_rollback_return", lang), key=f"review_rollback_return_{chosen}"):
    try:
        rollbacks.return_to_clerk(db, int(chosen), reviewer(), note)
    except RollbackRequestError as refused:
        return_col.error(markdown(refused.text(lang)))
    except StorageFault as fault:  # nothing written; said here, the page goes on
        storage_notice.say_refused(fault, lang, return_col)
    else:
        flash_and_rerun(t("review_rollback_returned", lang, id=chosen))
