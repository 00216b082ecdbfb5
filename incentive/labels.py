"""Words the data refer to by their Chinese names, in the user's language: the product's four standard tracks, the
race tiers and target statuses, the units of measure the importer knows, and the audit log's codes.

Data stay data: a track, unit or name the product does not know is shown as written, in either language (county,
township, indicator, course and work-unit names are never translated).
"""

from __future__ import annotations

import pandas as pd

from incentive.care.targets import STATUSES
from incentive.disclosure import SMALL
from incentive.i18n import capital, join, t, unit_label
from incentive.intake.file_kinds import KINDS, choice_labels, column_label

# The four tracks of the horse race as the catalog names them (赛道); other tracks are data, shown as written.
STANDARD_TRACKS = {
    "项目建设": "track_projects",
    "乡村振兴": "track_rural",
    "为企服务": "track_business",
    "基层治理": "track_governance",
}

SYMBOLS = ("%", "‰")  # written right after the number, in both languages


def track_label(track: str, lang: str) -> str:
    """项目建设 -> "Project construction" in English; a track outside the standard four as written."""
    key = STANDARD_TRACKS.get(track)
    return t(key, lang) if key else track


TIERS = (1, 2, 3)  # 第一/第二/第三方阵 (scoring.assign_tiers)


def tier_label(tier, lang: str) -> str:
    """1 -> 第一方阵 / "First tier"; "" for an unranked unit (tier missing)."""
    return "" if tier is None or pd.isna(tier) else t(f"tier_{int(tier)}", lang)


def tier_labels(lang: str) -> dict[int, str]:
    return {tier: tier_label(tier, lang) for tier in TIERS}


def status_label(status, lang: str) -> str:
    """met / near / below (care.targets) -> 达标 / 接近 / 未达标; "" without a status (no value or no target)."""
    return t(f"status_{status}", lang) if isinstance(status, str) and status else ""


def status_labels(lang: str) -> dict[str, str]:
    """The three statuses and, under "", the grey of an indicator without a target (welfare.status_grid)."""
    return {s: status_label(s, lang) for s in STATUSES} | {"": t("status_no_target", lang)}


def reported_label(label: str, reported, lang: str) -> str:
    """A headline figure's label, with `（3/12 个县区已报）` after it when its period is not complete (`reported`, a
    periods.Reported; None or complete: the label as it is), so no figure of a partly reported period reads as the
    prefecture's (docs/decisions.md#reported-counts)."""
    if reported is None or reported.complete:
        return label
    return t("reported_units", lang, label=label, n=reported.units, m=reported.expected)


def quantity(number: str, value: float, unit: str | None, lang: str) -> str:
    """`number` (the value already formatted) with its unit: 85%, 12 天 / 12 days, 3 件 / 3 cases."""
    word = unit_label(unit, lang, value)
    if not word:
        return number
    return f"{number}{word}" if word in SYMBOLS else f"{number} {word}"


# ---- batches and submissions: both are numbered from 1, so a bare `#7` could be either


def value_changes(changes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """effects.value_changes in words: an appraisal's field (考核等次 / 单位) and its grades named (称职 → 优秀)
    rather than coded; the columns headed in `lang`."""
    out = changes.copy()
    if "field" in out.columns:
        grade = out["field"] == "grade"
        for column in ("before", "after"):
            out.loc[grade, column] = out.loc[grade, column].map(lambda g: t(f"grade_{g}", lang) if g else g)
        out["field"] = out["field"].map(lambda f: t(f"data_changes_field_{f}", lang))
    return out.rename(columns={c: t(f"data_changes_{c}", lang) for c in out.columns})


def value_change_lines(changes: pd.DataFrame, total: int, lang: str) -> list[str]:
    """effects.value_changes as the CLI prints them, the list the Data page's table shows (`value_changes`, worded
    alike): a heading naming the columns, then one line a value, `2026-H1 · 澄溪县 · W01：83.7 → 88` (a blank
    column, such as 乡镇 of county values, left out; an emptied value as 空 / blank); when the list stops short of
    `total` (effects' changed count: the list is capped at effects.CHANGES_LISTED), a last line says how many more.
    [] for no changes. The CLI said only "覆盖已有 2 条" where the page lists each value (a tester's finding of
    2026-12-07)."""
    if not len(changes):
        return []
    worded = value_changes(changes, lang)
    before, after = t("data_changes_before", lang), t("data_changes_after", lang)
    keys = [c for c in worded.columns if c not in (before, after) and worded[c].map(_shown_cell).any()]
    lines = [t("cli_changes", lang, columns=" · ".join(keys))]
    lines += [_change_line(row, keys, before, after, lang) for row in worded.to_dict("records")]
    if total > len(changes):
        lines.append(value_list_more(len(changes), total, lang))
    return lines


def value_list_more(shown: int, total: int, lang: str) -> str:
    """What the changed values' list capped at effects.CHANGES_LISTED leaves out, under it on the Data page and in
    the CLI alike: `……仅列出前 200 个，另有 2800 个未列出`. The page said only 仅列出前 200 个。, without how many
    more (as the roster's lists did: `roster_list_more`)."""
    return t("values_more", lang, n=shown, more=total - shown)


def _change_line(row: dict, keys: list[str], before: str, after: str, lang: str) -> str:
    """One change of a worded list as the CLI prints it: `where` (the row's `keys` cells, blank ones left out),
    old → new, a blank value as 空 / blank."""
    where = " · ".join(_shown_cell(row[c]) for c in keys if _shown_cell(row[c]))
    old, new = (_shown_cell(row[c]) or t("changes_blank", lang) for c in (before, after))
    return t("cli_change_line", lang, where=where, before=old, after=new)


def roster_counts(changes, lang: str) -> str:
    """A RosterChanges' counts in words: `字段变动 2 人（单位 1 人、职级 1 人），新增 1 人，不再在册 1 人` (the fields
    in the roster's column order, named as its header)."""
    if changes.changed_cadres:
        by_field = join(
            [
                t("roster_changes_field_count", lang, field=_roster_column(field, lang), n=n)
                for field, n in changes.by_field.items()
            ],
            lang,
        )
        fields = t("roster_changes_fields", lang, n=changes.changed_cadres, by_field=by_field)
    else:
        fields = t("roster_changes_no_fields", lang)
    return t("roster_changes_counts", lang, fields=fields, added=changes.added_cadres, dropped=changes.dropped_cadres)


def roster_tables(changes, lang: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A RosterChanges' three lists as the Data page's tables and the CLI's lines show them: the changed fields
    (干部编号, 姓名, 项目, 原值, 新值), the cadres added and those no longer listed (干部编号, 姓名, 县区, 单位, 职级);
    a field named by its header, a gender by its label (M → 男), a date as 2026-06-30. 统计日期 leads each table
    only when the lists hold several dates (a file of one snapshot says its date above them)."""
    dates = {d for frame in (changes.fields, changes.added, changes.dropped) for d in frame["as_of"]}
    fields = changes.fields.copy()
    for column in ("before", "after"):
        fields[column] = [
            _roster_value(field, value, lang) for field, value in zip(fields["field"], fields[column], strict=True)
        ]
    fields["field"] = [_roster_column(field, lang) for field in fields["field"]]
    heads = {c: _roster_column(c, lang) for c in ("as_of", "cadre_id", "name", "county", "unit", "rank")} | {
        c: t(f"data_changes_{c}", lang) for c in ("field", "before", "after")
    }
    tables = []
    for frame in (fields, changes.added, changes.dropped):
        out = frame.assign(as_of=[f"{d:%Y-%m-%d}" for d in frame["as_of"]])
        if len(dates) < 2:
            out = out.drop(columns="as_of")
        tables.append(out.rename(columns=heads).reset_index(drop=True))
    return tables[0], tables[1], tables[2]


def roster_change_lines(changes, lang: str) -> list[str]:
    """A RosterChanges as the CLI prints it before the import, the lists the Data page's tables show
    (`roster_tables`): a line of counts, then per list a heading naming its columns and one line a change or a
    cadre, `LZ000001 · 董强凯 · 职级：四级主任科员 → 四级调研员`, `LZ900001 · 王五 · 云岫县 · 县委办 · 一级科员`; a list
    that stops short of its count (capped at effects.CHANGES_LISTED) says how many more. Indents: the lists' lines
    under their headings under the counts' line. With nothing changed, the one line that says so."""
    if not changes.any:
        return [t("roster_changes_none", lang)]
    lines = [t("cli_roster_changes", lang, counts=roster_counts(changes, lang))]
    fields, added, dropped = roster_tables(changes, lang)
    before, after = t("data_changes_before", lang), t("data_changes_after", lang)
    if len(fields):
        keys = [c for c in fields.columns if c not in (before, after)]
        lines.append("  " + t("cli_roster_changed", lang, columns=" · ".join(keys)))
        lines += ["    " + _change_line(row, keys, before, after, lang) for row in fields.to_dict("records")]
        if changes.field_changes > len(fields):
            lines.append("    " + roster_list_more("fields", len(fields), changes.field_changes, lang))
    for heading, table, total in (
        ("cli_roster_added", added, changes.added_cadres),
        ("cli_roster_dropped", dropped, changes.dropped_cadres),
    ):
        if not len(table):
            continue
        lines.append("  " + t(heading, lang, columns=" · ".join(table.columns)))
        lines += ["    " + " · ".join(_shown_cell(row[c]) or "—" for c in table.columns) for _, row in table.iterrows()]
        if total > len(table):
            lines.append("    " + roster_list_more("cadres", len(table), total, lang))
    return lines


def roster_list_more(counted: str, shown: int, total: int, lang: str) -> str:
    """What a roster change list capped at effects.CHANGES_LISTED leaves out, under it on the Data page and in the
    CLI alike: `……仅列出前 200 项字段变动，另有 2800 项未列出`. `counted`: "fields" (the changed-fields list counts
    changed fields, while its heading counts the cadres they belong to) or "cadres" (added, no longer listed).
    The page said only 仅列出前 200 项。, without how many more (a fresh tester's finding)."""
    return t(f"roster_{counted}_more", lang, n=shown, more=total - shown)


def _roster_column(name: str, lang: str) -> str:
    """A roster column's header for people (职级 / Rank level)."""
    return column_label(KINDS["roster"].column(name), lang)


def _roster_value(field: str, value, lang: str):
    """A stored roster value for people: a gender by its label, other values as stored (None stays None)."""
    return choice_labels(KINDS["roster"].column(field), lang).get(value, value)


def _shown_cell(value) -> str:
    """A cell of the change list as text: 88 and 83.7 without float noise, a blank one ''."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    if isinstance(value, float):
        return f"{value:.15g}"
    return str(value)


def batch_ref(batch_id, lang: str) -> str:
    """`批次 #12` / `batch #12`: a batch (an import, store.batches) as every page names it."""
    return t("ref_batch", lang, id=int(batch_id))


def submission_ref(submission_id, lang: str) -> str:
    """`报送 #7` / `submission #7`: a county's submission (review.submissions) as every page names it."""
    return t("ref_submission", lang, id=int(submission_id))


def batch_refs(ids, lang: str) -> str:
    """`批次 #3、#13` / `batches #3, #13` ('' for none, batch_ref for one): several batches, the word once."""
    return _refs("ref_batch", "ref_batches", ids, lang)


def submission_refs(ids, lang: str) -> str:
    """`报送 #1、#2` / `submissions #1, #2` ('' for none, submission_ref for one)."""
    return _refs("ref_submission", "ref_submissions", ids, lang)


def _refs(one: str, several: str, ids, lang: str) -> str:
    ids = [int(i) for i in ids]
    if len(ids) < 2:
        return t(one, lang, id=ids[0]) if ids else ""
    return t(several, lang, ids=join([f"#{i}" for i in ids], lang))


# ---- the audit log


def who_text(who: str, lang: str) -> str:
    """Who did something: an administrator's name as written; the app's own actors in words."""
    if who in ("web", "viewer", "sample"):
        return capital(t({"web": "who_web", "viewer": "who_viewer", "sample": "who_sample"}[who], lang))
    if who == "cli" or (who or "").startswith("cli:"):
        return capital(t("who_cli", lang, user=who[4:] or "—"))
    return who or ""


def time_text(moment) -> str:
    """A moment as the command line and its exports write it, to the second: `2026-11-30 19:34:48`; '' for none
    (None, NaT, NaN). The one formatter of times in CLI output (batches, exports' received_at, published_at,
    happened_at, changed_at), so none shows microseconds beside another's seconds."""
    if moment is None or pd.isna(moment):
        return ""
    return f"{pd.Timestamp(moment):%Y-%m-%d %H:%M:%S}"


def data_version_text(info, lang: str) -> str:
    """The line naming the data a document was made from, the same in every document however it was made (page,
    CLI, deliver): the newest batch, how many are active and when the data last changed (`info`:
    store.batches.version_as_of); for a pinned view of data changed since, the moment it is pinned to as well
    (docs/decisions.md#data-version-line)."""
    line = t(
        "data_version",
        lang,
        latest=info.latest_batch,
        batches=info.active_batches,
        when=f"{info.last_change:%Y-%m-%d %H:%M}" if info.last_change else "—",
    )
    if info.pinned is None:
        return line
    return line + t("data_version_pinned_since", lang, when=f"{info.pinned:%Y-%m-%d %H:%M}")


SYSTEM_AUTHORS = ("regulations-2023", "migration-014")  # the rows schema 014 writes, not a person's


def target_history(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """targets.history with the rank groups and column names in the user's language, newest first."""
    return pd.DataFrame(
        {
            t("target_changed_at", lang): history["changed_at"].dt.strftime("%Y-%m-%d %H:%M"),
            t("slice_rank_group", lang): [t(f"rank_group_{g}", lang) for g in history["rank_group"]],
            t("target_field_hours", lang): history["hours"].map(lambda v: f"{v:g}"),
            t("target_field_years", lang): history["years"].astype(int),
            t("target_field_online_hours", lang): history["online_hours"].map(lambda v: f"{v:g}"),
            t("target_changed_by", lang): [
                t(f"target_by_{who}", lang) if who in SYSTEM_AUTHORS else who for who in history["changed_by"]
            ],
        }
    )


def withheld_figure(status: str, threshold: int, lang: str, rate: bool = True) -> str:
    """What a figure of a group too small to show (disclosure.SMALL) or withheld to protect one stands as: a count
    of a small group `<threshold`, a rate of it "fewer than threshold, not shown", anything withheld "not shown"
    (docs/security.md, "Small numbers"). `status` is a disclosure pattern's status of the group, not ''."""
    if status == SMALL and not rate:
        return f"<{threshold}"
    return t("withheld_rate_small", lang, threshold=threshold) if status == SMALL else t("withheld", lang)
