"""A roster re-sent for a stored date lists what it changes, cadre by cadre (store/roster_changes.py,
docs/decisions.md#a-roster-correction-cadre-by-cadre): each field whose value differs, old → new, the cadres added
and those no longer listed, with counts; on both paths of a CSV.

The sample's 2026-06-30 snapshot holds 7,000 cadres; the correction below changes 董强凯's (LZ000001) 职级
四级主任科员 → 四级调研员 and 沈敏洋's (LZ000002) 单位 万岭乡 → 县委办, leaves out 王浩 (LZ000003, 云岫县 乐岗街道
一级科员) and adds 王五 (LZ999999)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from incentive import labels
from incentive.accounts.roles import OutOfScope, Scope
from incentive.intake import bulk_csv
from incentive.intake.ingest import parse_file
from incentive.store.database import Database
from incentive.store.effects import CHANGES_LISTED, import_effects
from incentive.store.reference import current_reference
from incentive.store.roster_changes import roster_changes

AS_OF = "2026-06-30"
HEADER = "干部编号,姓名,县区,单位,职级,性别,出生年份,民族,政治面貌,学历,统计日期"
GENDER = {"M": "男", "F": "女"}
ADDED = ("LZ999999", "王五", "云岫县", "县委办", "一级科员", "M", 1990, "汉族", "中共党员", "大学本科")


def stored_snapshot(db: Database, county: str | None = None) -> list[list]:
    """The sample's 2026-06-30 snapshot (of `county`'s cadres, or everybody's) as roster rows, by cadre id:
    cadre_id, name, county, unit, rank, gender (code), birth_year, ethnicity, party, education."""
    return [
        list(row)
        for row in db.fetch_all(
            "SELECT cadre_id, name, county, unit, rank, gender, birth_year, ethnicity, party, education "
            "FROM current_roster WHERE as_of = CAST($d AS DATE) AND ($county IS NULL OR county = $county) "
            "ORDER BY cadre_id",
            {"d": AS_OF, "county": county},
        )
    ]


def roster_text(rows: list[list], header: str = HEADER) -> str:
    """Rows as a roster CSV of 2026-06-30 under `header`: each row's first values, one for each column before
    统计日期 (a header without 民族 and 学历 takes rows built without them); a gender code written 男 / 女."""
    width = len(header.split(",")) - 1

    def cell(i, value):
        return "" if value is None else GENDER.get(value, str(value)) if i == 5 else str(value)

    lines = [",".join([*(cell(i, v) for i, v in enumerate(row[:width])), AS_OF]) for row in rows]
    return header + "\n" + "\n".join(lines) + "\n"


def corrected(rows: list[list]) -> list[list]:
    """The correction the module docstring describes."""
    rows = [list(row) for row in rows]
    assert rows[0][:5] == ["LZ000001", "董强凯", "云岫县", "安山镇", "四级主任科员"]
    assert rows[1][:5] == ["LZ000002", "沈敏洋", "云岫县", "万岭乡", "三级主任科员"]
    assert rows[2][:5] == ["LZ000003", "王浩", "云岫县", "乐岗街道", "一级科员"]
    rows[0][4] = "四级调研员"
    rows[1][3] = "县委办"
    del rows[2]
    return [*rows, list(ADDED)]


@pytest.fixture
def sample(sample_db_path):
    db = Database(sample_db_path)
    yield db
    db.close()


def read(db: Database, tmp_path: Path, text: str, path_kind: str, name: str = "花名册更正.csv"):
    """The preview of `text` as a CSV named `name` read by the per-cell path ('cell') or the bulk path ('bulk')."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    reference = current_reference(db)
    if path_kind == "bulk":
        preview = bulk_csv.parse_large_csv(path, reference)
        assert preview is not None and preview.staged is not None, "the bulk path stepped aside"
    else:
        preview = parse_file(path.name, path.read_bytes(), reference)
    assert preview.importable, preview.problem_texts("en")
    return preview


def plain(frame) -> list[tuple]:
    return [tuple(row) for row in frame.itertuples(index=False)]


JUNE = dt.date(2026, 6, 30)


@pytest.mark.parametrize("path_kind", ["cell", "bulk"])
def test_a_correction_lists_two_changed_fields_one_added_and_one_dropped_cadre(sample, tmp_path, path_kind):
    preview = read(sample, tmp_path, roster_text(corrected(stored_snapshot(sample))), path_kind)
    assert import_effects(sample, preview).snapshot_replaced == 7000
    changes = roster_changes(sample, preview, Scope.ALL)
    assert plain(changes.fields) == [
        (JUNE, "LZ000001", "董强凯", "rank", "四级主任科员", "四级调研员"),
        (JUNE, "LZ000002", "沈敏洋", "unit", "万岭乡", "县委办"),
    ]
    assert (changes.field_changes, changes.changed_cadres, changes.by_field) == (2, 2, {"unit": 1, "rank": 1})
    assert plain(changes.added) == [(JUNE, "LZ999999", "王五", "云岫县", "县委办", "一级科员")]
    assert plain(changes.dropped) == [(JUNE, "LZ000003", "王浩", "云岫县", "乐岗街道", "一级科员")]
    assert (changes.added_cadres, changes.dropped_cadres) == (1, 1)
    # as the CLI prints it and the Data page's tables show it: fields by their headers, one date left unsaid
    assert labels.roster_change_lines(changes, "zh") == [
        "与现有花名册逐人比对（按干部编号）：字段变动 2 人（单位 1 人、职级 1 人），新增 1 人，不再在册 1 人。",
        "  字段变动（干部编号 · 姓名 · 项目：原值 → 新值）：",
        "    LZ000001 · 董强凯 · 职级：四级主任科员 → 四级调研员",
        "    LZ000002 · 沈敏洋 · 单位：万岭乡 → 县委办",
        "  新增（干部编号 · 姓名 · 县区 · 单位 · 职级）：",
        "    LZ999999 · 王五 · 云岫县 · 县委办 · 一级科员",
        "  不再在册（干部编号 · 姓名 · 县区 · 单位 · 职级）：",
        "    LZ000003 · 王浩 · 云岫县 · 乐岗街道 · 一级科员",
    ]
    assert labels.roster_change_lines(changes, "en")[0] == (
        "compared with the stored roster cadre by cadre (by cadre ID): 2 cadres with changed fields (Unit 1, "
        "Rank level 1), 1 added, 1 no longer listed."
    )


@pytest.mark.parametrize("path_kind", ["cell", "bulk"])
def test_an_identical_resend_lists_no_change(sample, tmp_path, path_kind):
    preview = read(sample, tmp_path, roster_text(stored_snapshot(sample)), path_kind)
    assert import_effects(sample, preview).snapshot_replaced == 7000
    changes = roster_changes(sample, preview, Scope.ALL)
    assert not changes.any
    assert (len(changes.fields), len(changes.added), len(changes.dropped), changes.by_field) == (0, 0, 0, {})
    assert labels.roster_change_lines(changes, "zh") == [
        "与现有花名册逐人比对（按干部编号）：无变动，没有字段变动、新增或不再在册的干部。"
    ]


def test_a_gender_and_a_birth_year_are_compared_as_stored_and_shown_as_labels(sample, tmp_path):
    """男 in the file is M stored: the same; 女 → 男 is a change said in words, a birth year compared as a number."""
    rows = stored_snapshot(sample)
    assert rows[1][5:7] == ["F", 1993]
    rows[1][5], rows[1][6] = "M", 1994
    changes = roster_changes(sample, read(sample, tmp_path, roster_text(rows), "cell"), Scope.ALL)
    assert plain(changes.fields) == [
        (JUNE, "LZ000002", "沈敏洋", "gender", "F", "M"),
        (JUNE, "LZ000002", "沈敏洋", "birth_year", "1993", "1994"),
    ]
    fields, _, _ = labels.roster_tables(changes, "zh")
    assert fields.values.tolist() == [
        ["LZ000002", "沈敏洋", "性别", "女", "男"],
        ["LZ000002", "沈敏洋", "出生年份", "1993", "1994"],
    ]
    assert list(fields.columns) == ["干部编号", "姓名", "项目", "原值", "新值"]


def test_a_resend_without_two_columns_empties_them_for_everyone_and_a_long_list_says_how_many(sample, tmp_path):
    """A roster re-sent without its 民族 and 学历 columns empties both for all 7,000 cadres: said, with every
    field's count, while the list stops at CHANGES_LISTED as the value-change list does."""
    header = "干部编号,姓名,县区,单位,职级,性别,出生年份,政治面貌,统计日期"
    rows = [[*row[:7], row[8]] for row in stored_snapshot(sample)]  # without 民族 (row[7]) and 学历 (row[9])
    changes = roster_changes(sample, read(sample, tmp_path, roster_text(rows, header), "cell"), Scope.ALL)
    assert (changes.field_changes, changes.changed_cadres) == (14000, 7000)
    assert changes.by_field == {"ethnicity": 7000, "education": 7000}
    assert len(changes.fields) == CHANGES_LISTED
    assert plain(changes.fields)[:2] == [
        (JUNE, "LZ000001", "董强凯", "ethnicity", "汉族", None),
        (JUNE, "LZ000001", "董强凯", "education", "大学本科", None),
    ]
    lines = labels.roster_change_lines(changes, "zh")
    assert lines[0] == (
        "与现有花名册逐人比对（按干部编号）：字段变动 7000 人（民族 7000 人、学历 7000 人），新增 0 人，不再在册 0 人。"
    )
    assert lines[2] == "    LZ000001 · 董强凯 · 民族：汉族 → 空"
    assert lines[-1] == f"    ……仅列出前 {CHANGES_LISTED} 项字段变动，另有 {14000 - CHANGES_LISTED} 项未列出"
    assert labels.roster_change_lines(changes, "en")[-1] == (
        f"    … the first {CHANGES_LISTED} changed fields listed; {14000 - CHANGES_LISTED} more not listed"
    )
    assert len(lines) == 2 + CHANGES_LISTED + 1


def test_a_countys_roster_compares_that_countys_cadres_only_within_its_scope(sample, tmp_path):
    """云岫县's own roster (a submission) replaces its 726 cadres only: the other counties' 6,274 are not "no longer
    listed", and the list is given only to a scope that covers 云岫县 (names: docs/decisions.md#named-lists)."""
    preview = read(sample, tmp_path, roster_text(corrected(stored_snapshot(sample, "云岫县"))), "cell")
    assert import_effects(sample, preview, "云岫县").snapshot_replaced == 726
    changes = roster_changes(sample, preview, Scope(frozenset({"云岫县"})), "云岫县")
    assert (changes.changed_cadres, changes.added_cadres, changes.dropped_cadres) == (2, 1, 1)
    assert plain(changes.dropped) == [(JUNE, "LZ000003", "王浩", "云岫县", "乐岗街道", "一级科员")]
    with pytest.raises(OutOfScope):  # another county's clerk
        roster_changes(sample, preview, Scope(frozenset({"云峤县"})), "云岫县")
    with pytest.raises(OutOfScope):  # a county's scope, a prefecture-wide comparison
        roster_changes(sample, preview, Scope(frozenset({"云岫县"})))
    # the same file as the prefecture's: every other county's cadre is no longer listed
    assert roster_changes(sample, preview, Scope.ALL).dropped_cadres == 7000 - 726 + 1


def test_a_file_of_a_new_date_and_a_stored_one_compares_the_stored_one_only(sample, tmp_path):
    """Cadres of a date with nothing stored are no correction: not listed as added."""
    text = roster_text(corrected(stored_snapshot(sample)))
    text += "LZ888888,赵七,云岫县,县委办,一级科员,男,1991,汉族,群众,大学本科,2026-09-30\n"
    changes = roster_changes(sample, read(sample, tmp_path, text, "cell"), Scope.ALL)
    assert plain(changes.added) == [(JUNE, "LZ999999", "王五", "云岫县", "县委办", "一级科员")]
    _, added, _ = labels.roster_tables(changes, "zh")
    assert list(added.columns) == ["干部编号", "姓名", "县区", "单位", "职级"]  # the lists hold one date
