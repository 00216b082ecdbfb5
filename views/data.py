"""数据管理 Data: upload files, check the preview, import, see and roll back batches, templates, sample data."""

import contextlib
import datetime as dt
import functools

import streamlit as st

from incentive import labels
from incentive.config import backup_folder
from incentive.demo.sample import has_sample, load_sample
from incentive.i18n import capital, t
from incentive.intake import checks
from incentive.intake.file_kinds import KINDS, labelled
from incentive.intake.preview import Preview, effects_text
from incentive.intake.templates import template_xlsx
from incentive.safe_text import markdown, tm
from incentive.sharing.export import to_csv_bytes
from incentive.store import audit, backup, batches, settings
from incentive.store.batches import BatchError
from incentive.store.effects import ImportEffects, import_effects
from ui import frame, link_state, sign_in
from ui.downloads import table_downloads
from ui.runtime import check_version, database, loaded_findings, preview_upload, run_query

lang = frame.current().lang
admin = sign_in.require_admin(lang)  # the page is only in the navigation for administrators; checked again here
db = database()
sample_loaded = has_sample(db)  # read once; every write below reruns the page
LISTED_PROBLEMS = 5  # more than this and the full table follows


def kind_label(kind: str) -> str:
    return t(f"kind_{kind}", lang)


def flash_and_rerun(*messages: str) -> None:
    """Show the messages after the rerun that brings the new data."""
    st.session_state.setdefault("data_flash", []).extend(messages)
    st.rerun()


def import_and_report(previews: list[Preview]) -> None:
    who = sign_in.require_admin(lang)
    messages = []
    with st.status(t("data_importing", lang), expanded=False) as status:
        for preview in previews:
            status.update(label=t("data_importing_file", lang, file=preview.file_name))
            effects = import_effects(db, preview)
            batch = batches.import_preview(db, preview, source="upload", created_by=who)
            messages.append(
                t(
                    "data_imported",
                    lang,
                    file=preview.file_name,
                    kind=kind_label(preview.kind),
                    rows=len(preview.rows),
                    batch=batch,
                ).rstrip("。.")
                + effects_text(preview.kind, effects, lang)
                + t("full_stop", lang)
            )
        status.update(label=t("data_imported_all", lang), state="complete")
    st.session_state["data_upload_round"] = st.session_state.get("data_upload_round", 0) + 1  # clears the uploader
    flash_and_rerun(*messages)


def draw_summary(preview: Preview) -> None:
    detected = "data_detected" if preview.sheet else "data_detected_csv"
    summary = t(
        detected,
        lang,
        kind=kind_label(preview.kind),
        sheet=preview.sheet,
        encoding=preview.encoding_label,
        row=preview.header_row,
        rows=preview.data_rows,
    )
    if len(preview.rows) != preview.data_rows:
        summary = summary.rstrip("。.") + t("data_values_count", lang, values=len(preview.rows))
    st.markdown(markdown(summary))


def draw_problems(preview: Preview) -> None:
    """The first problems as located sentences a user can act on; all of them in a table and a download."""
    texts = preview.problem_texts(lang)
    whole_file = preview.fatal and len(preview.problems) == 1 and preview.problems[0].row is None
    if whole_file:
        st.error(markdown(texts[0]))
        return
    listed = "\n".join(f"- {markdown(text)}" for text in texts[:LISTED_PROBLEMS])
    if preview.importable:
        st.warning(
            t("data_problems_skip", lang, n=len(texts), ok=preview.data_rows, bad=len(preview.rejected_rows))
            + "\n\n"
            + listed
        )
    else:
        st.error(t("data_problems", lang, n=len(texts)) + "\n\n" + listed)
    problems = preview.rejects_table(lang)
    if len(texts) > LISTED_PROBLEMS:
        st.dataframe(problems.head(500), hide_index=True, width="stretch")
    st.download_button(
        t("data_rejects_download", lang),
        to_csv_bytes(problems),
        mime="text/csv",
        file_name=f"{preview.file_name}.problems.csv",
        key=f"data_rejects_{preview.sha256[:16]}",
    )


def draw_effects(preview: Preview, effects: ImportEffects) -> None:
    if preview.kind == "roster":
        dates = ", ".join(sorted({f"{d:%Y-%m-%d}" for d in preview.rows["as_of"]}))
        st.info(t("data_snapshot_replace", lang, as_of=dates, n=effects.snapshot_replaced))
    else:
        st.info(t("data_effects", lang, new=effects.new, changed=effects.changed, same=effects.same))
    if effects.blanked:
        st.warning(t("data_effects_blank", lang, n=effects.blanked))
    if effects.unknown_cadres:
        st.warning(t("data_unknown_cadres", lang, n=effects.unknown_cadres))
    earlier = batches.active_of_file(db, preview.sha256)
    if earlier:
        st.warning(t("data_same_file", lang, batches=", #".join(map(str, earlier))))


def draw_warnings(preview: Preview) -> None:
    """Unusual changes from the previous period: not refusals, a second look before import."""
    texts = [w.text(lang) for w in preview.warnings]
    st.warning(t("data_warnings", lang, n=len(texts)) + "\n\n" + "\n".join(f"- {markdown(text)}" for text in texts))


def record_refusal(preview: Preview) -> None:
    """A refused file is offered to the importer once per session (the page reruns at every click), which puts the
    refusal on record with the file's name, hash and problem count, and writes nothing else."""
    seen = st.session_state.setdefault("data_refusals_recorded", set())
    if not preview.importable and preview.sha256 not in seen:
        seen.add(preview.sha256)
        with contextlib.suppress(BatchError):
            batches.import_preview(db, preview, source="upload", created_by=admin)


def offer_sample_removal(preview: Preview) -> None:
    """Real files checked against the fictional sample's regions and catalog fail or mix: say so, offer the fix."""
    st.warning(t("data_sample_warning", lang))
    if st.button(t("data_remove_sample_first", lang), key=f"data_unsample_{preview.sha256[:16]}"):
        removed = batches.rollback_source(db, "sample", sign_in.require_admin(lang))
        flash_and_rerun(t("data_sample_removed", lang, n=removed))


def draw_preview(preview: Preview, effects: ImportEffects | None) -> None:
    with st.container(border=True):
        st.markdown(f"**{tm('data_preview', lang, file=preview.file_name)}**")
        if preview.kind and preview.rows is not None:
            draw_summary(preview)
        for note in preview.notes:
            st.caption("· " + markdown(note.text(lang)))
        if preview.problems:
            draw_problems(preview)
        if sample_loaded:
            offer_sample_removal(preview)
        if preview.importable:
            draw_effects(preview, effects)
            if preview.warnings:
                draw_warnings(preview)
            st.dataframe(labelled(preview.kind, preview.rows.head(100), lang), hide_index=True, width="stretch")
            if st.button(t("data_confirm", lang), type="primary", key=f"data_import_{preview.sha256[:16]}"):
                import_and_report([preview])


st.title(t("page_data", lang))
for message in st.session_state.pop("data_flash", []):
    st.success(message)

# ---- upload, preview, import
st.subheader(t("data_upload", lang))
st.caption(t("data_upload_help", lang) + " " + t("data_format_doc", lang))
options_col, upload_col = st.columns([1, 2])
AUTO = ""  # not None: a select box whose value is None shows Streamlit's (English) placeholder instead
kind = (
    options_col.selectbox(
        t("data_kind", lang),
        [AUTO, *KINDS],
        key=link_state.relabel("data_kind"),
        format_func=lambda k: t("data_kind_auto", lang) if k == AUTO else capital(kind_label(k)),
    )
    or None
)
period = options_col.text_input(t("data_period", lang), key="data_period")
as_of = options_col.text_input(t("data_as_of", lang), key="data_as_of")
skip_invalid = options_col.checkbox(
    t("data_skip_invalid", lang), key="data_skip_invalid", help=t("data_skip_invalid_help", lang)
)
# Every file reaches the importer, which names what a wrong one is in the user's language (a Word document, a PDF,
# an archive); a `type=` filter would refuse it in Streamlit's English instead.
uploads = upload_col.file_uploader(
    t("data_upload", lang),
    accept_multiple_files=True,
    label_visibility="collapsed",
    key=f"data_upload_{st.session_state.get('data_upload_round', 0)}",
)

importable = []
for upload in uploads or []:
    preview, effects = preview_upload(
        upload.name, upload.getvalue(), kind, period, as_of, skip_invalid, check_version()
    )
    draw_preview(preview, effects)
    record_refusal(preview)
    if preview.importable:
        importable.append(preview)
if len(importable) > 1 and st.button(t("data_confirm_all", lang), key="data_import_all"):
    import_and_report(importable)

# ---- what is loaded now
st.subheader(t("data_current", lang))
summary = run_query("current_data_summary")
summary["kind"] = summary["kind"].map(lambda k: capital(kind_label(k)))
summary["span"] = [
    f"{a} – {b}" if isinstance(a, str) else "" for a, b in zip(summary["first"], summary["last"], strict=False)
]
summary = summary[["kind", "rows", "span"]]
summary.columns = [t("col_kind", lang), t("col_rows", lang), t("data_span", lang)]
st.dataframe(summary, hide_index=True)
findings = loaded_findings(sign_in.scope())
check_text = (
    t(
        "data_check",
        lang,
        bounds=sum(f.check == "bounds" for f in findings),
        changes=sum(f.check == "change" for f in findings),
    )
    + " "
    + t("data_check_help", lang)
)
if findings:
    st.info(check_text)
    st.dataframe(
        checks.findings_table(findings, lang),
        hide_index=True,
        width="stretch",
        height=min(360, 38 + 35 * len(findings)),
    )
else:
    st.caption(check_text)

# ---- batches and rollback
st.subheader(t("data_batches", lang))
history = batches.history(db).sort_values("id", ascending=False)
shown = history[["id", "kind", "file", "rows", "status", "source", "created_at", "created_by"]].copy()
shown["kind"] = shown["kind"].map(lambda k: capital(kind_label(k)))
shown["status"] = shown["status"].map(lambda s: capital(t(f"status_{s}", lang)))
shown["source"] = shown["source"].map(lambda s: capital(t(f"source_{s}", lang)))
shown["created_by"] = shown["created_by"].map(lambda who: labels.who_text(who, lang))
shown.columns = [
    t(k, lang)
    for k in (
        "col_batch",
        "col_kind",
        "col_file",
        "col_rows",
        "col_status",
        "col_source",
        "col_created_at",
        "col_created_by",
    )
]
st.dataframe(shown, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(shown)))
active = history[history["status"] == "active"].set_index("id")
if len(active):
    pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    batch_id = pick_col.selectbox(
        t("data_rollback_pick", lang),
        active.index.tolist(),
        # a new batch is offered first
        key=link_state.relabel(f"data_rollback_pick_{active.index[0]}"),
        format_func=lambda i: f"#{i} · {capital(kind_label(active.at[i, 'kind']))} · {active.at[i, 'file']}",
    )
    confirmed = st.checkbox(t("data_rollback_confirm", lang), key="data_rollback_confirm")
    if button_col.button(t("data_rollback", lang), key="data_rollback", disabled=not confirmed):
        batches.rollback(db, int(batch_id), sign_in.require_admin(lang))
        st.session_state.pop("data_rollback_confirm", None)
        flash_and_rerun(t("data_rolled_back", lang, batch=batch_id))

# ---- sample data
st.subheader(t("data_sample", lang))
if sample_loaded:
    if st.button(t("data_remove_sample", lang), key="data_remove_sample"):
        removed = batches.rollback_source(db, "sample", sign_in.require_admin(lang))
        flash_and_rerun(t("data_sample_removed", lang, n=removed))
else:
    st.caption(t("data_no_sample", lang))
    if st.button(t("data_load_sample", lang), key="data_load_sample"):
        with st.spinner(t("sample_loading", lang)):
            ids = load_sample(db, sign_in.require_admin(lang))
        flash_and_rerun(t("data_sample_loaded", lang, n=len(ids)))

# ---- settings
st.subheader(t("data_settings", lang))
current = settings.current(db)
setting_cols = st.columns(len(settings.SETTINGS) + 1, vertical_alignment="bottom")


def setting_input(column, key: str, spec: settings.Setting):
    """A whole-number setting (the suppression threshold) as an integer input (5, not 5.00); the others show
    their value as typed (110, 0.5), never padded to two decimals."""
    number = int if spec.integer else float
    return column.number_input(
        t(f"setting_{key}", lang),
        min_value=number(spec.minimum),
        max_value=number(spec.maximum),
        value=number(current[key]),
        step=number(1),
        format="%d" if spec.integer else "%g",
        key=f"data_setting_{key}",
    )


entered = {key: setting_input(setting_cols[i], key, spec) for i, (key, spec) in enumerate(settings.SETTINGS.items())}
if setting_cols[-1].button(t("data_settings_save", lang), key="data_settings_save"):
    who = sign_in.require_admin(lang)
    changed = [key for key in entered if entered[key] != current[key]]
    for key in changed:
        settings.save(db, key, entered[key], who)
    flash_and_rerun(t("data_settings_saved", lang, n=len(changed)))

# ---- backup: a consistent snapshot while the app serves
st.subheader(t("data_backup", lang))
st.caption(t("data_backup_help", lang))
if st.button(t("data_backup_now", lang), key="data_backup"):
    target = backup_folder() / f"incentive-{dt.datetime.now():%Y%m%d-%H%M%S}.duckdb"
    backup.backup_to(db, target, sign_in.require_admin(lang))
    flash_and_rerun(t("cli_backup_done", lang, path=target))

# ---- the audit log
st.subheader(t("data_audit", lang))
log = labels.audit_table(audit.log(db), lang)
st.dataframe(log.head(300), hide_index=True, width="stretch", height=320)
table_downloads(log, t("file_audit", lang), "data_audit", lang)

# ---- templates
st.subheader(t("data_templates", lang))
columns = st.columns(4)
for i, name in enumerate(KINDS):
    columns[i % 4].download_button(
        capital(kind_label(name)),
        functools.partial(template_xlsx, name, lang),
        file_name=f"{t(f'kind_{name}', 'zh')}模板.xlsx",
        on_click="ignore",
        key=f"data_template_{name}",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
