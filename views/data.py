"""数据管理 Data: upload files, check the preview, import, see and roll back batches, templates, sample data."""

import functools

import streamlit as st

from incentive.export import to_csv_bytes
from incentive.file_kinds import KINDS
from incentive.i18n import t
from incentive.sample import has_sample, load_sample
from incentive.templates import template_xlsx
from ui import frame
from ui.runtime import data_version, database, preview_upload

lang = frame.current().lang
db = database()
st.title(t("page_data", lang))
for message in st.session_state.pop("data_flash", []):
    st.success(message)


def flash_and_rerun(message: str) -> None:
    st.session_state.setdefault("data_flash", []).append(message)
    st.rerun()


# ---- upload, preview, import
st.subheader(t("data_upload", lang))
st.caption(t("data_upload_help", lang) + " " + t("data_format_doc", lang))
options_col, upload_col = st.columns([1, 2])
with options_col:
    kind = st.selectbox(t("data_kind", lang), [None, *KINDS], key="data_kind",
                        format_func=lambda k: t("data_kind_auto", lang) if k is None else t(f"kind_{k}", lang))
    period = st.text_input(t("data_period", lang), key="data_period")
    as_of = st.text_input(t("data_as_of", lang), key="data_as_of")
    skip_invalid = st.checkbox(t("data_skip_invalid", lang), key="data_skip_invalid")
with upload_col:
    round_ = st.session_state.setdefault("data_upload_round", 0)
    uploads = st.file_uploader(t("data_upload", lang), accept_multiple_files=True,
                               type=["csv", "tsv", "txt", "xlsx", "xls"], key=f"data_upload_{round_}",
                               label_visibility="collapsed")

previews = []
for upload in uploads or []:
    preview, effects = preview_upload(upload.name, upload.getvalue(), kind, period, as_of, skip_invalid,
                                      data_version())
    previews.append(preview)
    with st.container(border=True):
        st.markdown(f"**{t('data_preview', lang, file=upload.name)}**")
        if preview.kind and preview.rows is not None:
            detected = "data_detected" if preview.sheet else "data_detected_csv"
            summary = t(detected, lang, kind=t(f"kind_{preview.kind}", lang), sheet=preview.sheet,
                        encoding=preview.encoding_label, row=preview.header_row, rows=preview.data_rows)
            if len(preview.rows) != preview.data_rows:
                summary = summary.rstrip("。.") + t("data_values_count", lang, values=len(preview.rows))
            st.write(summary)
        for note in preview.notes:
            st.caption("· " + note.text(lang))
        if preview.problems:
            if preview.importable:
                st.warning(t("data_problems_skip", lang, n=len(preview.problems), ok=len(preview.rows),
                             bad=len(preview.rejected_rows)))
            elif preview.fatal and len(preview.problems) == 1 and preview.problems[0].row is None:
                st.error(preview.problem_texts(lang)[0])
            else:
                st.error(t("data_problems", lang, n=len(preview.problems)))
            if not (preview.fatal and preview.problems[0].row is None and len(preview.problems) == 1):
                problems = preview.rejects_table(lang)
                st.dataframe(problems.head(500), hide_index=True, width="stretch")
                st.download_button(t("data_rejects_download", lang), to_csv_bytes(problems),
                                   file_name=f"{upload.name}.problems.csv", mime="text/csv",
                                   key=f"data_rejects_{preview.sha256[:16]}")
        if effects is not None:
            if preview.kind == "roster":
                st.info(t("data_snapshot_replace", lang, as_of=", ".join(
                    sorted({f"{d:%Y-%m-%d}" for d in preview.rows["as_of"]})), n=effects.snapshot_replaced))
            else:
                st.info(t("data_effects", lang, new=effects.new, changed=effects.changed, same=effects.same))
            if effects.blanked:
                st.warning(t("data_effects_blank", lang, n=effects.blanked))
        if preview.importable:
            earlier = db.active_batches_of_file(preview.sha256)
            if earlier:
                st.warning(t("data_same_file", lang, batches=", #".join(map(str, earlier))))
            if has_sample(db) and preview.kind:
                st.warning(t("data_sample_warning", lang))
                if st.button(t("data_remove_sample_first", lang), key=f"data_unsample_{preview.sha256[:16]}"):
                    flash_and_rerun(t("data_sample_removed", lang, n=db.rollback_source("sample")))
            st.dataframe(preview.rows.drop(columns=["source_row"]).head(100), hide_index=True, width="stretch")
            if st.button(t("data_confirm", lang), type="primary", key=f"data_import_{preview.sha256[:16]}"):
                batch = db.import_preview(preview, source="upload", created_by="app")
                st.session_state["data_upload_round"] = round_ + 1
                flash_and_rerun(t("data_imported", lang, file=upload.name, kind=t(f"kind_{preview.kind}", lang),
                                  rows=len(preview.rows), batch=batch))

importable = [p for p in previews if p.importable]
if len(importable) > 1 and st.button(t("data_confirm_all", lang), key="data_import_all"):
    messages = []
    for preview in importable:
        batch = db.import_preview(preview, source="upload", created_by="app")
        messages.append(t("data_imported", lang, file=preview.file_name, kind=t(f"kind_{preview.kind}", lang),
                          rows=len(preview.rows), batch=batch))
    st.session_state["data_upload_round"] = round_ + 1
    st.session_state.setdefault("data_flash", []).extend(messages[:-1])
    flash_and_rerun(messages[-1])

# ---- batches and rollback
st.subheader(t("data_batches", lang))
batches = db.batches().sort_values("id", ascending=False)
shown = batches[["id", "kind", "file", "rows", "status", "source", "created_at", "created_by"]].copy()
shown["kind"] = shown["kind"].map(lambda k: t(f"kind_{k}", lang))
shown["status"] = shown["status"].map(lambda s: t(f"status_{s}", lang))
shown["source"] = shown["source"].map(lambda s: t(f"source_{s}", lang))
shown.columns = [t(k, lang) for k in ("col_batch", "col_kind", "col_file", "col_rows", "col_status", "col_source",
                                      "col_created_at", "col_created_by")]
st.dataframe(shown, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(shown)))
active = batches[batches["status"] == "active"]
if len(active):
    pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    batch_id = pick_col.selectbox(
        t("data_rollback_pick", lang), active["id"].tolist(), key="data_rollback_pick",
        format_func=lambda i: f"#{i} · {t('kind_' + active.set_index('id').at[i, 'kind'], lang)} · "
                              f"{active.set_index('id').at[i, 'file']}")
    if button_col.button(t("data_rollback", lang), key="data_rollback"):
        db.rollback(int(batch_id))
        flash_and_rerun(t("data_rolled_back", lang, batch=batch_id))

# ---- sample data
st.subheader(t("data_sample", lang))
if has_sample(db):
    if st.button(t("data_remove_sample", lang), key="data_remove_sample"):
        flash_and_rerun(t("data_sample_removed", lang, n=db.rollback_source("sample")))
else:
    st.caption(t("data_no_sample", lang))
    if st.button(t("data_load_sample", lang), key="data_load_sample"):
        with st.spinner(t("sample_loading", lang)):
            ids = load_sample(db)
        flash_and_rerun(t("data_sample_loaded", lang, n=len(ids)))

# ---- templates
st.subheader(t("data_templates", lang))
columns = st.columns(4)
for i, name in enumerate(KINDS):
    columns[i % 4].download_button(
        t(f"kind_{name}", lang), functools.partial(template_xlsx, name, lang),
        file_name=f"{t(f'kind_{name}', 'zh')}模板.xlsx", on_click="ignore", key=f"data_template_{name}",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
