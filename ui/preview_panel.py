"""The preview of an uploaded file, drawn the same way wherever a file is checked: the Data page (an import), the
clerk's 报送数据 page (a submission) and the 审核 page (a submission under review). What it shows comes from the
importer's `Preview` and the store's `ImportEffects`; the page decides what the buttons under it do.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable

import streamlit as st

from incentive import labels
from incentive.i18n import capital, t
from incentive.intake.file_kinds import labelled
from incentive.intake.preview import (
    Preview,
    before_roster_text,
    blanked_text,
    lone_months_text,
    problems_text,
    rescoring_example,
    rescoring_lines,
    same_file_text,
    skipped_text,
    unknown_cadres_text,
    values_text,
)
from incentive.safe_text import markdown, tm
from incentive.store import batches
from incentive.store.effects import ImportEffects, reimport_changes, value_changes
from incentive.store.other_county_cadres import other_county_cadres
from incentive.store.roster_changes import RosterChanges, roster_changes

from . import sign_in
from .downloads import csv_button
from .frame import MISSING_CELL
from .runtime import database

LISTED_PROBLEMS = 5  # more than this and the full table follows


def checking(file_name: str, data: bytes, lang: str):
    """The spinner over a file's check, with its name and size (a large training file takes seconds to half a
    minute, the page greyed out and silent before). Streamlit shows it only when the check is not cached. No
    `show_time`: Streamlit writes its seconds in English. MB as the upload box counts them (10^6 bytes)."""
    return st.spinner(tm("data_checking_file", lang, file=file_name, mb=f"{len(data) / 1e6:,.1f}"))


def distinct_uploads(uploads: Iterable | None, lang: str) -> list[tuple[str, bytes]]:
    """(name, bytes) of each uploaded file whose content no file before it had. A repeat (the same file chosen
    twice, or a copy under another name) is named in a warning and left out: importing it would store nothing new,
    and its preview and buttons would be the first one's again."""
    uploads = list(uploads or [])
    sizes = Counter(len(upload.getvalue()) for upload in uploads)
    first_of: dict[tuple, str] = {}
    distinct = []
    for upload in uploads:
        data = upload.getvalue()
        # only files of the same size can be the same: the others are not hashed at every rerun of the page
        identity = (len(data), hashlib.sha256(data).digest() if sizes[len(data)] > 1 else None)
        if identity in first_of:
            st.warning(tm("upload_same_content", lang, file=upload.name, first=first_of[identity]))
            continue
        first_of[identity] = upload.name
        distinct.append((upload.name, data))
    return distinct


def kind_label(kind: str, lang: str) -> str:
    return t(f"kind_{kind}", lang)


def draw_summary(preview: Preview, lang: str) -> None:
    detected = "data_detected" if preview.sheet else "data_detected_csv"
    summary = t(
        detected,
        lang,
        kind=kind_label(preview.kind, lang),
        sheet=preview.sheet,
        encoding=preview.encoding_label,
        row=preview.header_row,
        rows=preview.data_rows + len(preview.rejected_rows),
    )
    if values := values_text(preview, lang):
        summary = summary.rstrip("。.") + values
    if skipped := skipped_text(preview, lang):
        summary = summary.rstrip("。.") + skipped
    st.markdown(markdown(summary))


def draw_problems(preview: Preview, lang: str, key: str) -> None:
    """The first problems as located sentences a user can act on (those alike but for their row as one line:
    `Preview.problem_lines`); all of them in a table and a download."""
    texts = preview.problem_lines(lang)
    whole_file = preview.fatal and len(preview.problems) == 1 and preview.problems[0].row is None
    if whole_file:
        st.error(markdown(texts[0]))
        return
    listed = "\n".join(f"- {markdown(text)}" for text in texts[:LISTED_PROBLEMS])
    found = problems_text(preview, lang)  # as listed: one line naming three rows is one problem on three rows
    if preview.importable:
        st.warning(
            t("data_problems_skip", lang, problems=found, ok=preview.data_rows, bad=len(preview.rejected_rows))
            + "\n\n"
            + listed
        )
    else:
        st.error(t("data_problems", lang, problems=found) + "\n\n" + listed)
    problems = preview.rejects_table(lang)
    if len(preview.problems) > LISTED_PROBLEMS:  # a row each: a line of many rows names only the first
        st.dataframe(problems.head(500), hide_index=True, placeholder=MISSING_CELL, width="stretch")
    csv_button(
        st,
        t("data_rejects_download", lang),
        problems,
        f"{preview.file_name}.problems.csv",
        f"{key}_rejects_{preview.sha256[:16]}",
    )


def draw_effects(preview: Preview, effects: ImportEffects, lang: str, county: str | None = None) -> None:
    """What the file would change; `county`: it would be that county's batch (a submission), whose roster replaces
    only that county's cadres (docs/decisions.md#county-roster-snapshots)."""
    if preview.kind == "roster":
        dates = preview.as_of_text(lang)
        if county is None:
            st.info(t("data_snapshot_replace", lang, as_of=dates, n=effects.snapshot_replaced))
        else:
            st.info(tm("data_snapshot_replace_county", lang, county=county, as_of=dates, n=effects.snapshot_replaced))
        if effects.snapshot_replaced:  # a correction of a stored snapshot: what it changes, cadre by cadre
            draw_roster_changes(roster_changes(database(), preview, sign_in.scope(), county), lang)
        # a county's cadre whom another county's roster of the date still lists counts in both: said before import
        # (docs/decisions.md#a-cadre-on-two-county-rosters); the ids and names are data, never Markdown
        if text := other_county_cadres(database(), preview, sign_in.scope(), county).text(lang):
            st.warning(markdown(text))
    else:
        st.info(t("data_effects", lang, new=effects.new, changed=effects.changed, same=effects.same))
    if effects.blanked:
        st.warning(blanked_text(effects, lang, "data_effects_blank"))
    if effects.classes_cleared:  # 分类考核: a region list or catalog without the class column clears the classes
        st.warning(t(f"data_effects_classes_cleared_{preview.kind}", lang, n=effects.classes_cleared))
    if effects.rescored:  # a catalog that re-scores stored periods says which, before import
        draw_rescoring(effects, lang)
    if effects.changed or effects.blanked:  # which values, old → new: what a reviewer checks a correction by
        changes = value_changes(database(), preview)
        if len(changes):
            with st.expander(t("data_changes_title", lang, n=effects.changed)):
                st.dataframe(
                    labels.value_changes(changes, lang),
                    hide_index=True,
                    placeholder=MISSING_CELL,
                    width="stretch",
                )
                if len(changes) < effects.changed:
                    st.caption(labels.value_list_more(len(changes), effects.changed, lang))
    if effects.unknown_cadres:  # the ids and the header come from the file: shown as written, never as Markdown
        st.warning(markdown(unknown_cadres_text(preview, effects, lang)))
    if effects.before_roster:  # the file's name and counties: shown as written, never as Markdown
        st.info(markdown(before_roster_text(preview, effects, lang)))
    if effects.lone_months:
        st.warning(lone_months_text(effects, preview.kind, lang, quote=markdown))
    earlier = batches.active_of_file(database(), preview.sha256)
    if earlier:
        changes = reimport_changes(database(), preview, effects, earlier, county)
        st.warning(same_file_text(preview, effects, earlier, changes, lang))


def draw_roster_changes(changes: RosterChanges, lang: str) -> None:
    """What a roster re-sent for a stored date changes, cadre by cadre, as `incentive import` prints it: the counts,
    then the changed fields (old → new), the cadres added and those no longer listed, each list capped with a
    caption saying so; or that nothing changes (docs/decisions.md#a-roster-correction-cadre-by-cadre). Names are
    the file's audience's: the viewer's scope guards them (roster_changes)."""
    if not changes.any:
        st.caption(capital(t("roster_changes_none", lang)))
        return
    fields, added, dropped = labels.roster_tables(changes, lang)
    lists = (
        (t("data_roster_changed", lang, n=changes.changed_cadres), fields, changes.field_changes, "fields"),
        (t("data_roster_added", lang, n=changes.added_cadres), added, changes.added_cadres, "cadres"),
        (t("data_roster_dropped", lang, n=changes.dropped_cadres), dropped, changes.dropped_cadres, "cadres"),
    )
    with st.expander(t("data_roster_changes_title", lang, counts=labels.roster_counts(changes, lang))):
        for heading, table, total, counted in lists:
            if not len(table):
                continue
            st.markdown(f"**{heading}**")
            st.dataframe(table, hide_index=True, placeholder=MISSING_CELL, width="stretch")
            if len(table) < total:
                st.caption(labels.roster_list_more(counted, len(table), total, lang))


def draw_rescoring(effects: ImportEffects, lang: str) -> None:
    """The stored periods a catalog file re-scores, by indicator and change, and how to date the change instead
    (docs/decisions.md#catalog-versions)."""
    text = (
        t("data_rescore", lang)
        + "\n\n"
        + "\n".join(f"- {markdown(line)}" for line in rescoring_lines(effects.rescored, lang))
    )
    if example := rescoring_example(effects.rescored):
        text += "\n\n" + t("data_rescore_hint", lang, example=example)
    st.warning(text)


# The heading over each kind of warning (checks.add_warnings), by the warning's key; a kind not named here gets
# the general one. The heading of unusual changes ("N values changed unusually") stood over a roster's counties
# left out too, which are no changed values (a tester's review of 2026-12-07).
WARNING_HEADINGS = {
    "warn_unusual_change": "data_warnings",
    "roster_counties_left_out": "data_warnings_roster",
}


def draw_warnings(preview: Preview, lang: str) -> None:
    """The preview's warnings, not refusals but a second look before import: one box per kind of warning, under
    that kind's heading (`WARNING_HEADINGS`) with its count, in the order the kinds first come."""
    kinds: dict[str, list[str]] = {}
    for warning in preview.warnings:
        kinds.setdefault(WARNING_HEADINGS.get(warning.key, "data_warnings_other"), []).append(warning.text(lang))
    for heading, texts in kinds.items():
        st.warning(t(heading, lang, n=len(texts)) + "\n\n" + "\n".join(f"- {markdown(text)}" for text in texts))


def draw_preview(
    preview: Preview,
    effects: ImportEffects | None,
    lang: str,
    *,
    key: str,
    county: str | None = None,
    action: Callable[[Preview], None] | None = None,
) -> None:
    """A bordered box: what the file was read as, its notes and problems, and, when it can go in, what it would
    change, its warnings and its first rows. `key` prefixes widget keys (the page's); `county`: the county whose
    submission it is (None: the prefecture's import); `action` the buttons under an importable file."""
    with st.container(border=True):
        st.markdown(f"**{tm('data_preview', lang, file=preview.file_name)}**")
        if preview.kind and preview.has_rows:
            draw_summary(preview, lang)
        for note in preview.notes:
            st.caption("· " + markdown(note.text(lang)))
        if preview.problems:
            draw_problems(preview, lang, key)
        if preview.importable:
            if effects is not None:
                draw_effects(preview, effects, lang, county)
            if preview.warnings:
                draw_warnings(preview, lang)
            rows = labelled(preview.kind, preview.head(100), lang, preview.indicator_names)
            st.dataframe(rows, hide_index=True, placeholder=MISSING_CELL, width="stretch")
            if action is not None:
                action(preview)
