"""审核 Review: the prefecture administrator's queue of county submissions. Opening one shows its preview and
what it would change, computed again against the data as they are now; accepting imports it as a batch of its
county, returning sends it back with a note the clerk reads."""

import streamlit as st

from incentive import labels
from incentive.i18n import capital, join, t
from incentive.review import submissions
from incentive.review.submissions import SubmissionError
from incentive.safe_text import markdown, tm
from ui import frame, preview_panel, sign_in
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
st.title(t("page_review_pending", lang, n=len(waiting)) if len(waiting) else t("page_review", lang))
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
        alike=[" ".join(f"#{j}" for j in alike.get(i, [])) for i in shown["id"]],
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
    st.dataframe(shown, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(shown)))

if waiting.empty:
    if not queue.empty:
        st.caption(t("review_none", lang))
    st.stop()

# ---- one submission: its preview and effects now, accept or return
labels_of = {
    row.id: f"#{row.id} · {row.county} · {labels.who_text(row.submitted_by, lang)} · {row.file_name}"
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
    st.warning(t("review_alike_pending", lang, n=len(others), ids=join([f"#{i}" for i in others], lang)))
st.caption(t("review_recomputed", lang))
options = opened.options
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
    else:
        flash_and_rerun(t("review_returned", lang, id=opened.id))
