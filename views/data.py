"""数据管理 Data: upload files, check the preview, import, see and roll back batches, templates, sample data."""

import contextlib
import datetime as dt

import streamlit as st

from incentive import audit_log, labels
from incentive.config import backup_folder
from incentive.demo.sample import has_sample, load_sample
from incentive.i18n import capital, t
from incentive.intake import checks
from incentive.intake.file_kinds import KINDS
from incentive.intake.preview import (
    Preview,
    effects_text,
    imported_skipped_text,
    problems_text,
    rescoring_lines,
    unknown_cadres_text,
    values_text,
)
from incentive.review.submissions import Options
from incentive.review.upload_imports import UploadImport, import_upload
from incentive.safe_text import markdown, tm
from incentive.store import audit, backup, batches, rollback_effects, settings
from incentive.store.batches import BatchError
from incentive.store.effects import ImportEffects
from incentive.store.storage_faults import StorageFault
from incentive.training import targets
from ui import chrome, frame, link_state, preview_panel, sign_in, storage_notice
from ui.downloads import csv_button, table_downloads, template_buttons
from ui.frame import MISSING_CELL
from ui.runtime import check_version, database, loaded_findings, preview_upload, run_query

lang = frame.current().lang
admin = sign_in.require_admin(lang)  # the page is only in the navigation for administrators; checked again here
db = database()
sample_loaded = has_sample(db)  # read once; every write below reruns the page


def kind_label(kind: str) -> str:
    return t(f"kind_{kind}", lang)


def flash_and_rerun(*messages: str) -> None:
    """Show the messages after the rerun that brings the new data."""
    st.session_state.setdefault("data_flash", []).extend(messages)
    st.rerun()


def import_and_report(
    previews: list[Preview], not_imported: list[Preview] = (), not_chosen: list[Preview] = ()
) -> None:
    """Import `previews` one by one, each checked again first when an earlier one changed the data
    (upload_imports.import_upload); `not_imported`, the refused files of the same upload, and `not_chosen`, its
    importable files whose own button was not the one clicked, are named after the rerun, since clearing the
    uploader takes their previews away (a fresh user's review); so is the list of the rows skip-invalid left out of
    each file, for download."""
    who = sign_in.require_admin(lang)
    messages, skipped, refused_now = [], [], []
    refused = None
    with st.status(t("data_importing", lang), expanded=False) as status:
        for done, preview in enumerate(previews):
            status.update(label=tm("data_importing_file", lang, file=preview.file_name))
            try:
                outcome = import_upload(
                    db, preview.file_name, uploaded[preview.sha256], options, preview, created_by=who
                )
            except StorageFault as fault:  # nothing of this file written; the files before it are in
                refused = fault
                rest = len(previews) - done - 1
                label = tm("data_import_stopped", lang, file=preview.file_name)
                label += t("data_import_stopped_rest", lang, n=rest) if rest else ""
                status.update(label=label, state="error")
                break
            preview, effects, batch = outcome.preview, outcome.effects, outcome.batch
            if batch is None:  # refused when checked again: nothing of it stored
                first = "；" if lang == "zh" else "; "
                refused_now.append(
                    tm(
                        "data_not_imported_rechecked",
                        lang,
                        file=preview.file_name,
                        problems=problems_text(preview, lang),
                        first=first.join(preview.problem_lines(lang)[:3]),
                    )
                )
                continue
            messages.append(
                t(
                    "data_imported",
                    lang,
                    file=markdown(preview.file_name),  # from the uploader: never a link or an image
                    kind=kind_label(preview.kind),
                    rows=preview.data_rows,
                    values=values_text(preview, lang),
                    skipped=imported_skipped_text(preview, lang),
                    batch=batch,
                ).rstrip("。.")
                + effects_text(preview.kind, effects, lang)
                + t("full_stop", lang)
                # the ids and the header come from the file: shown as written, never as Markdown
                + ("" if lang == "zh" or not effects.unknown_cadres else " ")
                + markdown(unknown_cadres_text(preview, effects, lang))
                + rechecked_text(outcome)
            )
            if preview.problems:  # skip-invalid left rows out: their list, kept with the batch, is offered after
                skipped.append((preview.file_name, batch))
        else:
            status.update(label=t("data_imported_all", lang), state="complete")
    if refused is not None:  # said where the import was asked for; the page goes on with the stored data
        for message in messages:
            st.success(message)
        st.error(refused.sentence(lang), icon=":material/database:")
        return
    st.session_state["data_upload_round"] = st.session_state.get("data_upload_round", 0) + 1  # clears the uploader
    st.session_state["data_flash_left"] = (
        refused_now
        + [tm("data_not_imported", lang, file=p.file_name, problems=problems_text(p, lang)) for p in not_imported]
        + [tm("data_not_chosen", lang, file=p.file_name) for p in not_chosen]
    )
    st.session_state["data_flash_skipped"] = skipped
    flash_and_rerun(*messages)


def rechecked_text(outcome: UploadImport) -> str:
    """After a file's success message, the notes and warnings of its preview made again (the file's own words,
    never Markdown); '' when it was not made again or says nothing."""
    said = [n.text(lang) for n in (*outcome.preview.notes, *outcome.preview.warnings)]
    if not outcome.rechecked or not said:
        return ""
    return " " + markdown(t("data_rechecked_notes", lang, notes=" ".join(said)))


def record_refusal(preview: Preview) -> None:
    """A refused file is offered to the importer once per session (the page reruns at every click), which puts the
    refusal on record with the file's name, hash and problem count, and writes nothing else."""
    seen = st.session_state.setdefault("data_refusals_recorded", set())
    if not preview.importable and preview.sha256 not in seen:
        seen.add(preview.sha256)
        with contextlib.suppress(BatchError, StorageFault):  # a refusal the storage refuses to log is spooled
            batches.import_preview(db, preview, source="upload", created_by=admin)


def offer_sample_removal() -> None:
    """Real files checked against the fictional sample's regions and catalog fail or mix: say so, offer the fix;
    once for the upload, above its previews (said in each file's preview, it was repeated once per file)."""
    st.warning(t("data_sample_warning", lang))
    upload_round = st.session_state.get("data_upload_round", 0)
    confirm_key = f"data_unsample_confirm_{upload_round}"
    confirmed = st.checkbox(sample_removal_confirmation(), key=confirm_key)
    if st.button(t("data_remove_sample_first", lang), key=f"data_unsample_{upload_round}", disabled=not confirmed):
        with storage_notice.refused_here(lang):
            if (removed := remove_sample()) is not None:
                st.session_state.pop(confirm_key, None)
                flash_and_rerun(t("data_sample_removed", lang, n=removed))


def remove_sample() -> int | None:
    """Roll back every sample batch: how many, or None when refused (said here): the sample's catalog would leave
    values of other batches in another unit or under no catalog version (batches.refuse_relabelling)."""
    try:
        return batches.rollback_source(db, "sample", sign_in.require_admin(lang))
    except BatchError as refused:
        st.error(markdown(refused.text(lang)))
        return None


def sample_removal_confirmation() -> str:
    """The tick asked for before every sample batch is rolled back at once, naming how many (as a rollback's)."""
    return t("data_remove_sample_confirm", lang, n=batches.active_count(db, "sample"))


uploaded: dict[str, bytes] = {}  # sha256 -> the upload's bytes, read again by import_upload
chosen: list[Preview] = []  # the file whose own 确认导入 was clicked: imported once every file is previewed


def import_button(preview: Preview) -> None:
    if st.button(t("data_confirm", lang), type="primary", key=f"data_import_{preview.sha256[:16]}"):
        chosen.append(preview)


def draw_preview(preview: Preview, effects: ImportEffects | None) -> None:
    preview_panel.draw_preview(
        preview,
        effects,
        lang,
        key="data",
        action=import_button,
    )


st.title(t("page_data", lang))
for message in st.session_state.pop("data_flash", []):
    st.success(message)
# the rows an import skipped stay findable once the uploader, and the preview's own download with it, is cleared
for file_name, batch in st.session_state.pop("data_flash_skipped", []):
    label = tm("data_rejects_download_imported", lang, file=file_name)
    csv_button(st, label, batches.rejects(db, batch, lang), f"{file_name}.problems.csv", f"data_skipped_{batch}")
for message in st.session_state.pop("data_flash_left", []):
    st.warning(message)

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
uploads = chrome.upload_box(
    upload_col, t("data_upload", lang), f"data_upload_{st.session_state.get('data_upload_round', 0)}", lang
)

importable, not_importable = [], []
files = preview_panel.distinct_uploads(uploads, lang)
options = Options(kind or "", period or "", as_of or "", skip_invalid)  # as preview_upload checks them
if files and sample_loaded:
    offer_sample_removal()
for name, data in files:
    with preview_panel.checking(name, data, lang):
        preview, effects = preview_upload(name, data, kind, period, as_of, skip_invalid, check_version(), None)
    uploaded[preview.sha256] = data  # checked again from these bytes when the data change before its import
    draw_preview(preview, effects)
    record_refusal(preview)
    (importable if preview.importable else not_importable).append(preview)
if len(importable) > 1 and st.button(t("data_confirm_all", lang), key="data_import_all"):
    import_and_report(importable, not_importable)
if chosen:  # one file's own button: the upload's other files are named, not silently dropped with the uploader
    import_and_report(chosen, not_importable, [p for p in importable if p.sha256 != chosen[0].sha256])

# ---- what is loaded now
st.subheader(t("data_current", lang))
summary = run_query("current_data_summary")
summary["kind"] = summary["kind"].map(lambda k: capital(kind_label(k)))
summary["span"] = [
    f"{a} – {b}" if isinstance(a, str) else "" for a, b in zip(summary["first"], summary["last"], strict=False)
]
summary = summary[["kind", "rows", "span"]]
summary.columns = [t("col_kind", lang), t("col_rows", lang), t("data_span", lang)]
st.dataframe(summary, hide_index=True, placeholder=MISSING_CELL, column_config=frame.separated(t("col_rows", lang)))
findings = loaded_findings(sign_in.scope())
check_text = (
    t(
        "data_check",
        lang,
        bounds=sum(f.check == "bounds" for f in findings),
        changes=sum(f.check == "change" for f in findings),
    )
    + (" " + t("data_check_shifts", lang, n=shifts) if (shifts := sum(f.check == "shift" for f in findings)) else "")
    + (" " + t("data_check_unscored", lang, n=lost) if (lost := sum(f.check == "unscored" for f in findings)) else "")
    + (
        " " + t("data_check_two_rosters", lang, n=twice)
        if (twice := len({f.record for f in findings if f.check == "two_rosters"}))
        else ""
    )
    + " "
    + t("data_check_help", lang)
)
if findings:
    st.info(check_text)
    st.dataframe(
        checks.findings_table(findings, lang),
        hide_index=True,
        placeholder=MISSING_CELL,
        width="stretch",
        height=frame.table_height(len(findings), 360),
    )
else:
    st.caption(check_text)

# ---- batches and rollback
st.subheader(t("data_batches", lang))
history = batches.history(db).sort_values("id", ascending=False)
shown = history[["id", "kind", "file", "rows", "status", "source", "county", "created_at", "created_by"]].copy()
shown["kind"] = shown["kind"].map(lambda k: capital(kind_label(k)))
shown["status"] = shown["status"].map(lambda s: capital(t(f"status_{s}", lang)))
shown["source"] = shown["source"].map(lambda s: capital(t(f"source_{s}", lang)))
shown["county"] = shown["county"].fillna(t("scope_all_counties", lang))  # a county's batch: an accepted submission
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
        "col_county",
        "col_created_at",
        "col_created_by",
    )
]
st.dataframe(
    shown,
    hide_index=True,
    placeholder=MISSING_CELL,
    width="stretch",
    height=frame.table_height(len(shown), 420),
    column_config=frame.separated(t("col_rows", lang)),
)
# the rows skip-invalid left out of a batch, kept with it: downloadable long after the preview that listed them
left_out = batches.with_rejects(db)
if left_out:
    by_id = history.set_index("id")
    batch_files, statuses = by_id["file"], by_id["status"]
    with st.expander(t("data_batch_rejects", lang, n=len(left_out))):
        rejects_col, rejects_button = st.columns([3, 1], vertical_alignment="bottom")
        rejected_batch = rejects_col.selectbox(
            t("data_batch_rejects_pick", lang),
            sorted(left_out, reverse=True),  # the newest first
            key=link_state.relabel("data_batch_rejects_pick"),  # its labels follow a language switch
            format_func=lambda i: (
                t(
                    "data_batch_rejects_option",
                    lang,
                    batch=capital(labels.batch_ref(i, lang)),
                    file=batch_files[i],
                    n=left_out[i],
                )
                + ("" if statuses[i] == "active" else t("data_batch_rejects_rolled_back", lang))
            ),
        )
        csv_button(
            rejects_button,
            t("data_batch_rejects_download", lang),
            batches.rejects(db, int(rejected_batch), lang),
            f"{batch_files[rejected_batch]}.problems.csv",
            "data_batch_rejects_csv",
        )


def rollback_refusal(batch_id: int) -> BatchError | None:
    """Say under the picked batch what rolling it back would do to the catalog in force for stored values
    (store/rollback_effects.py): the refusal batches.rollback would give, returned, or the stored periods it
    re-scores."""
    effects = rollback_effects.rollback_effects(db, [batch_id])
    try:
        batches.refuse_relabelling(effects)
    except BatchError as refused:
        st.error(markdown(refused.text(lang)))
        return refused
    if effects.rescored:
        lines = "\n".join(f"- {markdown(line)}" for line in rescoring_lines(effects.rescored, lang))
        st.warning(t("data_rollback_rescore", lang) + "\n\n" + lines)
    return None


active = history[history["status"] == "active"].set_index("id")
if len(active):
    pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    batch_id = pick_col.selectbox(
        t("data_rollback_pick", lang),
        active.index.tolist(),
        # a new batch is offered first
        key=link_state.relabel(f"data_rollback_pick_{active.index[0]}"),
        format_func=lambda i: (
            f"{capital(labels.batch_ref(i, lang))} · {capital(kind_label(active.at[i, 'kind']))} · "
            f"{active.at[i, 'file']}"
        ),
    )
    if st.session_state.pop("data_rolled_back", False):
        # untick the box of the run before: set before it is drawn, the value reaches the browser, which otherwise
        # keeps drawing the box ticked (dropping its key did so, with the button disabled) and sends it back ticked
        st.session_state["data_rollback_confirm"] = False
    # what the rollback would do to the catalog in force for stored values, before it is confirmed: refused when it
    # would relabel them, else the periods it re-scores (docs/decisions.md#rolling-back-a-catalog-batch)
    refusal = rollback_refusal(int(batch_id))
    confirmed = st.checkbox(t("data_rollback_confirm", lang), key="data_rollback_confirm")
    clicked = button_col.button(
        t("data_rollback", lang), key="data_rollback", disabled=not confirmed or refusal is not None
    )
    if clicked:
        with storage_notice.refused_here(lang):
            try:
                batches.rollback(db, int(batch_id), sign_in.require_admin(lang))
            except BatchError as refused:  # the data changed since the page was drawn: refused as the CLI is
                st.error(markdown(refused.text(lang)))
            else:
                st.session_state["data_rolled_back"] = True  # drawn, the box can no longer be set in this run
                flash_and_rerun(t("data_rolled_back", lang, batch=batch_id))

# ---- sample data
st.subheader(t("data_sample", lang))
if sample_loaded:
    # as a rollback: every sample batch goes at once, so a stray click removes nothing
    confirmed = st.checkbox(sample_removal_confirmation(), key="data_remove_sample_confirm")
    if st.button(t("data_remove_sample", lang), key="data_remove_sample", disabled=not confirmed):
        with storage_notice.refused_here(lang):
            if (removed := remove_sample()) is not None:
                st.session_state.pop("data_remove_sample_confirm", None)
                flash_and_rerun(t("data_sample_removed", lang, n=removed))
else:
    st.caption(t("data_no_sample", lang))
    if st.button(t("data_load_sample", lang), key="data_load_sample"):
        with storage_notice.refused_here(lang):
            with st.spinner(t("sample_loading", lang)):
                ids = load_sample(db, sign_in.require_admin(lang))
            flash_and_rerun(t("data_sample_loaded", lang, n=len(ids)))

# ---- settings: the general ones, then the submission schedule (docs/decisions.md#assessment-cycle)
st.subheader(t("data_settings", lang))
current = settings.current(db)


def setting_input(column, key: str, spec: settings.Setting):
    """A whole-number setting (the suppression threshold) as an integer input (5, not 5.00); the others show
    their value as typed (110, 0.5), never padded to two decimals; a setting with a few allowed values as a
    choice among them; a text setting (the 通报's issuing body) as a line of text. A number input takes any number
    and its help says the range: a bounded input would quietly clamp a value out of range and leave nothing to
    refuse, so settings.save_changes checks and says why."""
    if spec.text:
        return column.text_input(
            t(f"setting_{key}", lang), value=current[key], max_chars=int(spec.maximum), key=f"data_setting_{key}"
        )
    number = int if spec.integer else float
    if spec.choices:
        options = [number(c) for c in spec.choices]
        return column.selectbox(
            t(f"setting_{key}", lang), options, index=options.index(number(current[key])), key=f"data_setting_{key}"
        )
    return column.number_input(
        t(f"setting_{key}", lang),
        value=number(current[key]),
        step=number(1),
        format="%d" if spec.integer else "%g",
        help=t("setting_help_whole" if spec.integer else "setting_help_range", lang, range=settings.allowed(key)),
        key=f"data_setting_{key}",
    )


entered = {}
for group in settings.GROUPS:
    keys = [key for key, spec in settings.SETTINGS.items() if spec.group == group]
    if group != "general":
        st.caption(t(f"data_settings_{group}", lang))
    setting_cols = st.columns(len(keys), vertical_alignment="bottom")
    entered.update({key: setting_input(setting_cols[i], key, settings.SETTINGS[key]) for i, key in enumerate(keys)})
    if group == "schedule":  # a change judges no period already over again (tracker.in_force)
        st.caption(t("data_settings_schedule_note", lang))
if st.button(t("data_settings_save", lang), key="data_settings_save"):
    who = sign_in.require_admin(lang)
    try:
        with storage_notice.refused_here(lang):
            changed = settings.save_changes(db, entered, who)
            flash_and_rerun(
                t("data_settings_saved", lang, n=len(changed)) if changed else t("data_settings_unchanged", lang)
            )
    except settings.SettingsRefused as refused:  # every wrong value named, with its range; nothing saved
        for error in refused.errors:
            st.error(error.text(lang))
        st.error(t("data_settings_refused", lang))

# ---- training targets by rank (docs/training-targets.md): the prefecture's administrator edits them, every change kept
st.caption(t("data_targets", lang))
in_force = targets.in_force(db)
typed = {}
for group in targets.RANK_GROUPS:
    target_cols = st.columns(3, vertical_alignment="bottom")
    typed[group] = [
        target_cols[i].number_input(
            f"{t(f'rank_group_{group}', lang)} · {t(f'target_field_{field}', lang)}",
            value=float(getattr(in_force[group], field)),
            step=1.0,
            format="%g",
            key=f"data_target_{group}_{field}",
        )
        for i, field in enumerate(("hours", "years", "online_hours"))
    ]
if st.button(t("data_targets_save", lang), key="data_targets_save"):
    who = sign_in.require_admin(lang)
    wanted, refused = {}, []
    for group, values in typed.items():
        try:
            wanted[group] = targets.checked(group, *values)
        except targets.TargetError as error:
            refused.append(error)
    for error in refused:  # every wrong value named, with its range; nothing saved
        st.error(error.text(lang))
    if not refused:
        with storage_notice.refused_here(lang):
            changed = targets.save(db, wanted, who)
            flash_and_rerun(
                t("data_targets_saved", lang, n=len(changed)) if changed else t("data_settings_unchanged", lang)
            )
with st.expander(t("data_targets_history", lang)):
    changes = labels.target_history(targets.history(db), lang)
    st.dataframe(changes, hide_index=True, placeholder=MISSING_CELL, width="stretch")

# ---- backup: a consistent snapshot while the app serves
st.subheader(t("data_backup", lang))
st.caption(t("data_backup_help", lang))
if st.button(t("data_backup_now", lang), key="data_backup"):
    target = backup_folder() / f"incentive-{dt.datetime.now():%Y%m%d-%H%M%S}.duckdb"
    with storage_notice.refused_here(lang):
        backup.backup_to(db, target, sign_in.require_admin(lang))
        flash_and_rerun(t("cli_backup_done", lang, path=target))

# ---- the audit log
st.subheader(t("data_audit", lang))
log = audit_log.table(audit.log(db), lang)
latest = log.head(300)
st.dataframe(
    latest,
    hide_index=True,
    placeholder=MISSING_CELL,
    width="stretch",
    height=320,
    column_config={
        **frame.fit_texts(latest, t("audit_action", lang), t("audit_outcome", lang)),
        **frame.separated(t("audit_row_count", lang)),
    },
)
table_downloads(log, t("file_audit", lang), "data_audit", lang)

# ---- templates: the format of each kind of file, with an instructions sheet
st.subheader(t("data_templates", lang))
template_buttons(KINDS, lang, "data")
