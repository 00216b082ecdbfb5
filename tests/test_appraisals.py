"""年度考核等次 by hand: the file kind's rules, grades counted for the county of the year-end roster, the 优秀
ceiling, promotions and adjustments the year after, the race tiers, and the `<5` rule for viewers."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import import_ok, roster_and_grades

from incentive.accounts.roles import Scope
from incentive.care import appraisals
from incentive.disclosure import SMALL
from incentive.intake.ingest import parse_file
from incentive.sharing.export import export_frame
from incentive.store import batches, queries
from incentive.store.reference import current_reference

# ---- the file kind


def preview_of(db, text: str, **options):
    return parse_file("grades.csv", text.encode("gbk"), current_reference(db), **options)


def test_grades_under_other_names_are_read_as_their_equals_and_said(catalog_db):
    preview = preview_of(
        catalog_db,
        "干部编号,姓名,年度,考核等次\nA1,甲,2024,合格\nA2,乙,2024年度,基本合格\nA3,丙,2024,不合格\n"
        "A4,丁,2024,优\nA5,戊,2024,称职等次\nA6,己,2024,不确定等次\n",
    )
    assert preview.importable and preview.kind == "appraisals"
    assert preview.rows["grade"].tolist() == ["competent", "basic", "incompetent", "excellent", "competent", "ungraded"]
    assert preview.rows["year"].tolist() == [2024] * 6
    said = [n.text("zh") for n in preview.notes]
    assert said[0] == "未识别的列（不导入）：姓名。"
    assert said[1:] == [
        "列「考核等次」的「合格」按「称职」读入（第 2 行起，共 1 个）。",
        "列「考核等次」的「基本合格」按「基本称职」读入（第 3 行起，共 1 个）。",
        "列「考核等次」的「不合格」按「不称职」读入（第 4 行起，共 1 个）。",
        "列「考核等次」的「优」按「优秀」读入（第 5 行起，共 1 个）。",
        "列「考核等次」的「不确定等次」按「不定等次」读入（第 7 行起，共 1 个）。",
    ]  # 称职等次 is the same word: not listed
    assert preview.notes[1].text("en") == "Column “考核等次”: “合格” read as “Competent” (from row 2, 1 cell)."


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        (
            "2024,良好",
            "第 2 行，「考核等次」列，值「良好」：不是允许的值，应为：优秀、称职、基本称职、不称职、不定等次。",
        ),
        ("2024,", "第 2 行，「考核等次」列"),
        ("1999,称职", "第 2 行，「年度」列，值「1999」：不是考核年度"),
        (f"{dt.date.today().year + 1},称职", "不是考核年度"),
        ("2024年6月,称职", "第 2 行，「年度」列，值「2024年6月」：不是考核年度"),
        (",称职", "第 2 行，「年度」列"),
    ],
)
def test_a_bad_grade_or_year_is_refused_naming_row_and_column(catalog_db, cell, problem):
    preview = preview_of(catalog_db, f"干部编号,年度,考核等次\nA1,{cell}\n")
    assert not preview.importable
    assert any(problem in text for text in preview.problem_texts("zh")), preview.problem_texts("zh")


def test_the_same_cadre_and_year_twice_names_both_rows(catalog_db):
    preview = preview_of(catalog_db, "干部编号,年度,考核等次\nA1,2024,称职\nA2,2024,称职\nA1,2024年度,优秀\n")
    assert not preview.importable
    # the grades differ: both rows are named, each saying which column differs, so the office knows what to check
    assert preview.problem_texts("zh") == [
        "文件「grades.csv」，第 2 行：与第 4 行重复（A1 / 2024），但「考核等次」不同：第 4 行为「优秀」，本行为「称职」。"
        "请核对后删去错误的一行。",
        "文件「grades.csv」，第 4 行：与第 2 行重复（A1 / 2024），但「考核等次」不同：第 2 行为「称职」，本行为「优秀」。"
        "请核对后删去错误的一行。",
    ]
    assert preview.problem_texts("en")[1] == (
        "File “grades.csv”, row 4: duplicates row 2 (A1 / 2024), but “考核等次” differs: “称职” in row 2, "
        "“优秀” here. Check which is right and delete the other row."  # the file's header and cells, as written
    )
    # skipping invalid rows imports neither grade: which of them is right is what nobody knows
    skipped = preview_of(
        catalog_db, "干部编号,年度,考核等次\nA1,2024,称职\nA2,2024,称职\nA1,2024年度,优秀\n", skip_invalid=True
    )
    assert skipped.rejected_rows == {2, 4} and skipped.rows["cadre_id"].tolist() == ["A2"]
    same = preview_of(catalog_db, "干部编号,年度,考核等次\nA1,2024,称职\nA1,2024年度,称职\n")
    assert same.problem_texts("zh") == ["文件「grades.csv」，第 3 行：与第 2 行重复（A1 / 2024）。"]


def test_an_appraisal_file_lands_whole_replaces_by_key_and_rolls_back(graded_db):
    before = export_frame(graded_db, "appraisals", scope=_everything())
    assert len(before) == 61 and before["grade"].value_counts().to_dict()["competent"] == 41
    corrected = import_ok(graded_db, "fix.csv", "干部编号,年度,考核等次\nB001,2024,称职\n".encode())
    after = export_frame(graded_db, "appraisals", scope=_everything()).set_index(["cadre_id", "year"])
    assert after.at[("B001", 2024), "grade"] == "competent" and len(after) == 61
    batches.rollback(graded_db, corrected, who="test")
    again = export_frame(graded_db, "appraisals", scope=_everything()).set_index(["cadre_id", "year"])
    assert again.at[("B001", 2024), "grade"] == "excellent"


def test_the_preview_lists_each_grade_it_changes_before_and_after(graded_db):
    """A correction of B001's 2024 grade (优秀 → 称职) is listed, not only counted (issue 20's review); its 单位, not
    in the file, becomes empty and is listed too."""
    from incentive import labels
    from incentive.store import effects

    preview = preview_of(graded_db, "干部编号,年度,考核等次\nB001,2024,称职\nB002,2024,称职\n")
    assert effects.import_effects(graded_db, preview).changed >= 1
    changes = effects.value_changes(graded_db, preview)
    grade = changes[(changes["cadre_id"] == "B001") & (changes["field"] == "grade")]
    assert grade[["year", "before", "after"]].values.tolist() == [[2024, "excellent", "competent"]]
    shown = labels.value_changes(changes, "zh")
    assert list(shown.columns) == ["干部编号", "年度", "项目", "原值", "新值"]
    assert ["B001", 2024, "考核等次", "优秀", "称职"] in shown.values.tolist()


def test_a_file_with_one_bad_row_writes_nothing(graded_db):
    before = export_frame(graded_db, "appraisals", scope=_everything())
    preview = preview_of(graded_db, "干部编号,年度,考核等次\nA001,2024,称职\nA002,2024,良好\n")
    assert not preview.importable
    with pytest.raises(Exception):  # noqa: B017 - the store refuses an unimportable preview, whatever its class
        batches.import_preview(graded_db, preview, source="cli", created_by="test")
    pd.testing.assert_frame_equal(export_frame(graded_db, "appraisals", scope=_everything()), before)


def _everything():
    return Scope.ALL


# ---- the year's figures


def test_grades_are_counted_for_the_county_of_the_year_end_roster(graded_db):
    view = appraisals.year_view(graded_db.connection, 2024, 1)  # threshold 1: nothing hidden
    graded = view.frames["graded"]
    assert list(graded.index) == ["云岫县", "云峤县", "澄溪县", ""]
    assert graded.loc["云岫县", list(appraisals.GRADES)].tolist() == [5, 14, 0, 1, 0]
    assert graded.loc["云峤县", list(appraisals.GRADES)].tolist() == [4, 6, 0, 0, 0]
    assert graded.loc["澄溪县", list(appraisals.GRADES)].tolist() == [6, 20, 3, 0, 1]
    assert graded.loc["", "competent"] == 1 and graded[appraisals.ALL].sum() == 61


def test_the_ceiling_flags_the_county_above_it(graded_db):
    view = appraisals.year_view(graded_db.connection, 2024, 1)
    table = appraisals.grade_table(view, 1, 0.2, "zh", exact=True).set_index("county", drop=False)
    assert table.at["云峤县", "excellent_share"] == 0.4 and table.at["云峤县", "above_quota"]
    assert table.at["云岫县", "excellent_share"] == 0.25 and table.at["云岫县", "above_quota"]
    assert table.at["澄溪县", "excellent_share"] == 0.2 and not table.at["澄溪县", "above_quota"]  # at it: not above
    prefecture = table.iloc[-1]
    assert prefecture["prefecture"] and not table["prefecture"].iloc[:-1].any() and prefecture[appraisals.ALL] == 61
    assert prefecture["excellent_share"] == 15 / 61


def test_the_headline_counts_the_counties_above_and_those_not_shown(graded_db):
    """A county whose share a viewer does not see is counted apart: the headline read 4 where a hidden fifth was
    above the ceiling too (issue 20's review)."""
    exact = appraisals.grade_table(appraisals.year_view(graded_db.connection, 2024, 1), 1, 0.2, "zh", exact=True)
    assert appraisals.counties_above_quota(exact) == (2, 0)  # 云峤县 and 云岫县; 澄溪县 at the ceiling
    view = appraisals.year_view(graded_db.connection, 2024, 5)
    shown = appraisals.grade_table(view, 5, 0.2, "zh")
    # at 5, the 2024 of three small counties hides every county's share (one <5 and the others with it)
    assert appraisals.counties_above_quota(shown) == (0, 3)


def test_units_above_the_ceiling_are_listed_only_where_no_hidden_count_comes_back(graded_db):
    view = appraisals.year_view(graded_db.connection, 2024, 5)
    listed, unlisted = appraisals.units_above_quota(view, 0.2, 5)
    # 丹埠镇 4 of 10 and 安坝镇 5 of 20 (the only units of their counties): at 5 the year's pattern hides both
    # counties' counts, which a share or the bare "above the ceiling" would bound: counted, not listed
    assert listed.empty and unlisted == 2
    view = appraisals.year_view(graded_db.connection, 2024, 1)  # nothing small: every count shown
    listed, unlisted = appraisals.units_above_quota(view, 0.2, 1)
    assert listed[["county", "unit"]].values.tolist() == [["云峤县", "丹埠镇"], ["云岫县", "安坝镇"]]
    assert listed["share"].tolist() == [0.4, 0.25] and unlisted == 0
    listed, unlisted = appraisals.units_above_quota(view, 0.2, 21)  # 云峤县's 10 and 云岫县's 20: too few
    assert listed.empty and unlisted == 2


# the tester's corrected file: 4 of the 13 cadres of 澄溪应急管理局 优秀 in 2025 (30.8 %: 4 a viewer can work out
# from the 13 the training page's unit table counts)
CHENGXI_EMERGENCY = "appraisals_2025_chengxi_emergency.csv"


def _with_tester_file(path, *more: bytes) -> None:
    from conftest import data_file

    from incentive.store.database import Database

    db = Database(path)
    try:
        import_ok(db, "年度考核_2025_澄溪应急更正.csv", data_file(CHENGXI_EMERGENCY))
        for data in more:
            import_ok(db, "grades.csv", data)
    finally:
        db.close()


def _units_2025(path) -> tuple[pd.DataFrame, int]:
    from incentive.store.database import Database

    db = Database(path)
    try:
        return appraisals.units_above_quota(appraisals.year_view(db.connection, 2025, 5), 0.2, 5)
    finally:
        db.close()


def test_a_units_share_that_gives_a_count_under_five_is_withheld_and_listed_last(sample_db_path):
    _with_tester_file(sample_db_path)
    listed, unlisted = _units_2025(sample_db_path)
    by_unit = listed.set_index("unit")
    assert by_unit.at["澄溪应急管理局", "status"] == "withheld" and pd.isna(by_unit.at["澄溪应急管理局", "share"])
    assert listed["unit"].iloc[-1] == "澄溪应急管理局"  # not among the shown shares, which would bound it
    # 8 优秀 and 17 others, 14 and 26: each side 5 or more, the share shown
    assert by_unit.at["鹤汀市场监管局", "share"] == 0.32 and by_unit.at["永溪镇", "share"] == 0.35
    shown = listed[listed["status"] == ""]
    assert len(shown) == 14 and shown["share"].is_monotonic_decreasing and unlisted == 0


def test_a_unit_all_excellent_is_listed_without_its_share(sample_db_path):
    rows = "".join(f"{line.split(',')[0]},2025,优秀,澄溪应急管理局\n" for line in _tester_rows())
    _with_tester_file(sample_db_path, ("干部编号,年度,考核等次,单位\n" + rows).encode())
    by_unit = _units_2025(sample_db_path)[0].set_index("unit")
    # 13 of 13: 5 or more on one side, 0 on the other, yet the share would give every cadre's grade
    assert by_unit.at["澄溪应急管理局", "status"] == "withheld" and pd.isna(by_unit.at["澄溪应急管理局", "share"])


def _tester_rows() -> list[str]:
    from conftest import data_file

    return data_file(CHENGXI_EMERGENCY).decode("utf-8-sig").splitlines()[1:]


def test_a_shown_share_that_would_leave_a_small_count_by_subtraction_is_withheld(catalog_db):
    """云岫县 has two units: 安坝镇 10 优秀 of 20 (above the ceiling) and 丹埠镇 2 of 10 (at it, not listed). The county
    table shows 12 优秀 and 30 appraised: 安坝镇's 50 % would give 丹埠镇's 2 back (12 - 10). Its share is withheld;
    "above the ceiling" (6 to 20, so 丹埠镇 0 to 6 within its 0 to 2) pins nothing."""
    from conftest import GRADED_ROSTER_HEAD

    roster, grades = [GRADED_ROSTER_HEAD], ["干部编号,年度,考核等次,单位\n"]
    for unit, excellent, size in (("安坝镇", 10, 20), ("丹埠镇", 2, 10)):
        for i in range(size):
            cadre = f"{unit}{i:02d}"
            roster.append(f"{cadre},某,云岫县,{unit},一级科员,男,1990,2024-12-31\n")
            grades.append(f"{cadre},2024,{'优秀' if i < excellent else '称职'},{unit}\n")
    import_ok(catalog_db, "roster.csv", "".join(roster).encode())
    import_ok(catalog_db, "grades.csv", "".join(grades).encode())
    view = appraisals.year_view(catalog_db.connection, 2024, 5)
    assert view.status("graded", "云岫县", "excellent") == "" and view.status("graded", "云岫县", "all") == ""
    listed, unlisted = appraisals.units_above_quota(view, 0.2, 5)
    assert listed[["county", "unit", "status"]].values.tolist() == [["云岫县", "安坝镇", "withheld"]]
    assert listed["share"].isna().all() and unlisted == 0


def test_the_appraisals_page_and_the_cli_export_never_give_the_units_share(app_factory, sample_db_path):
    from conftest import incentive_command

    _with_tester_file(sample_db_path)
    at = app_factory(sample_db_path, page="views/appraisals.py", query={"year": "2025"})  # an anonymous viewer
    units = next(d.value for d in at.dataframe if "单位" in d.value.columns)
    row = units[units["单位"] == "澄溪应急管理局"]
    assert row.values.tolist() == [["澄溪县", "澄溪应急管理局", "不公开"]]
    assert units.set_index("单位").at["鹤汀市场监管局", "优秀比例"] == "32.0%"
    assert not any("30.8" in str(v) for d in at.dataframe for v in d.value.to_numpy().ravel())
    for suppress in (("--suppress",), ()):
        out = incentive_command("--db", str(sample_db_path), "export", "appraisal_summary", "--year", "2025", *suppress)
        assert out.returncode == 0 and "澄溪应急管理局" not in out.stdout
        assert "30.8" not in out.stdout and "0.3076" not in out.stdout


def test_promotions_and_adjustments_of_the_year_after(graded_db):
    view = appraisals.year_view(graded_db.connection, 2024, 1)
    assert view.follow == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))  # decisions recorded into 2026
    promoted, adjusted = view.frames["promoted"], view.frames["adjusted"]
    assert promoted.loc["云岫县", "excellent"] == 2 and promoted.loc["云峤县", "excellent"] == 1
    others = [g for g in appraisals.GRADES if g != "excellent"]
    assert promoted[others].to_numpy().sum() == 0  # A003 (2024) and B002 (2026) do not count
    assert adjusted.loc["云岫县", "incompetent"] == 1 and adjusted.loc["澄溪县", "basic"] == 1
    assert adjusted[list(appraisals.GRADES)].to_numpy().sum() == 2
    table = appraisals.follow_table(view, "promoted", 1, "en").set_index("grade")
    assert table.loc["excellent"].tolist() == ["15", "3", "20.0"]
    rates = appraisals.county_follow_rates(view, "promoted", ("excellent",)).set_index("county")
    assert rates.at["云岫县", "per_100"] == 40.0 and rates.at["云峤县", "per_100"] == 25.0


def test_the_year_after_is_measured_only_as_far_as_recorded(graded_db):
    assert appraisals.follow_window(2024, dt.date(2025, 6, 30)) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert appraisals.follow_window(2024, dt.date(2024, 12, 31)) is None
    assert appraisals.follow_window(2024, None) is None


def test_grades_against_the_tier_of_the_last_race_period_of_the_year(graded_db):
    view = appraisals.year_view(graded_db.connection, 2024, 1)
    assert view.tier_period == "2024-Q4"
    tiers = appraisals.tier_table(view, 1, "en").set_index("tier")
    assert tiers.loc[1].tolist() == [2, "50", "22.0%", "8.0%"]  # 云岫县 + 澄溪县: 11 优秀, 4 low of 50
    assert tiers.loc[2].tolist() == [1, "10", "40.0%", "0.0%"]


def test_small_counts_read_less_than_five_and_cannot_be_worked_out(graded_db):
    view = appraisals.year_view(graded_db.connection, 2024, 5)
    assert view.status("graded", "云岫县", "incompetent") == SMALL
    table = appraisals.grade_table(view, 5, 0.2, "zh").set_index("county")
    assert table.at["云岫县", "incompetent"] == "<5"
    _, lines = appraisals.disclosure_lines(view.frames, view.tiers)
    for line in lines:  # no line with exactly one hidden cell: subtraction gives nothing back
        assert sum(cell in view.pattern.hidden for cell in line.cells()) != 1, line
    assert view.status("promoted", "云岫县", "excellent") == SMALL  # 2 promoted
    rates = appraisals.county_follow_rates(view, "promoted", ("excellent",)).set_index("county")
    assert rates.at["云岫县", "status"] == SMALL and pd.isna(rates.at["云岫县", "per_100"])
    promoted = appraisals.follow_table(view, "promoted", 5, "zh").set_index("grade")
    # the prefecture's 3 is a total: withheld rather than `<5` (incentive/disclosure.py), and its rate with it
    assert promoted.at["excellent", "promoted"] == "不公开" and promoted.at["excellent", "per_100"] == "不公开"


def test_a_year_without_grades_is_refused_and_the_page_year_falls_back(graded_db):
    with pytest.raises(ValueError):
        appraisals.year_view(graded_db.connection, 2025, 5)
    assert appraisals.years(graded_db.connection) == [2024]
    assert appraisals.shown_year([2024, 2023], 2026) == 2024
    assert appraisals.shown_year([2024, 2023], 2023) == 2023
    assert appraisals.shown_year([2024], 2022) is None


def test_grades_of_cadres_on_no_roster_import_and_are_counted_in_the_preview(catalog_db):
    from incentive.intake.preview import unknown_cadres_text
    from incentive.store.effects import import_effects

    roster, _ = roster_and_grades()
    import_ok(catalog_db, "roster.csv", roster.encode())
    preview = preview_of(catalog_db, "干部编号,年度,考核等次\nA001,2024,优秀\nZZ01,2024,称职\nZZ02,2024,称职\n")
    assert preview.importable  # imported all the same: the roster may come later
    effects = import_effects(catalog_db, preview)
    assert (effects.new, effects.unknown_cadres) == (3, 2)
    assert unknown_cadres_text(preview, effects, "zh") == (
        "有 2 条记录的干部编号不在任何花名册中（仍可导入，但不属于任何县区）。"
        "「干部编号」列中共有 2 个这样的编号：ZZ01（第 3 行）；ZZ02（第 4 行）。"
    )


@pytest.mark.parametrize("threshold", [2, 3, 5, 10])
def test_each_counts_pattern_is_the_one_of_the_whole_year(sample_db_path, threshold):
    """protect_counts protects graded, promoted and adjusted one at a time: no line joins two of them, so the cells
    it hides are exactly those protect hides over the whole year's table (the province's 5 years at these
    thresholds were compared too, when it was written)."""
    from incentive import disclosure
    from incentive.store.database import Database

    db = Database(sample_db_path)
    try:
        for year in appraisals.years(db.connection):
            view = appraisals.year_view(db.connection, year, threshold)
            sizes, lines = appraisals.disclosure_lines(view.frames, view.tiers)
            whole = disclosure.protect(sizes, lines, threshold)
            assert appraisals.protect_counts(sizes, lines, threshold) == whole == view.pattern
            assert whole.hidden and view.tiers is not None  # small counts to protect, tier lines among the lines
    finally:
        db.close()


def test_a_line_across_two_counts_is_refused():
    from incentive.disclosure import Line

    sizes = {appraisals.total_key("graded", "excellent"): 3, appraisals.total_key("promoted", "excellent"): 3}
    line = Line(appraisals.total_key("graded", "excellent"), (appraisals.total_key("promoted", "excellent"),))
    with pytest.raises(ValueError):
        appraisals.protect_counts(sizes, [line], 5)


def test_a_cadre_on_two_counties_rosters_of_one_day_counts_for_the_later_batchs(catalog_db):
    """queries/appraisal_outcomes keeps each cadre's latest roster row on or before 31 December by one number that
    orders as (as_of, batch_id) does: Y1 moved to 云峤县, whose clerk's roster of 2025-06-30 (the later batch) lists
    him beside the prefecture's of the same day, which still has him in 云岫县; a roster after the year's end does
    not count, and Q9, on no roster by the year's end, counts for his earliest one. The page's year view, given the
    app's cached reads, is the one read here."""
    from test_county_roster import county_roster
    from test_submissions import OTHER_CLERK, roster_csv

    db = catalog_db
    import_ok(db, "花名册.csv", roster_csv("2025-06-30", [("Y1", "云岫县"), ("Y2", "云岫县"), ("Q1", "云峤县")]))
    county_roster(db, "2025-06-30", [("Y1", "云峤县"), ("Q1", "云峤县")], clerk=OTHER_CLERK)
    import_ok(db, "花名册-2026.csv", roster_csv("2026-06-30", [("Y1", "澄溪县"), ("Y2", "澄溪县"), ("Q9", "枫岚区")]))
    grades = "干部编号,年度,考核等次\nY1,2025,优秀\nY2,2025,称职\nQ1,2025,称职\nQ9,2025,基本称职\n"
    import_ok(db, "grades.csv", grades.encode())
    view = appraisals.year_view(db.connection, 2025, 1)
    graded = view.frames["graded"][appraisals.ALL].to_dict()
    assert graded == {"云岫县": 1, "云峤县": 2, "枫岚区": 1}
    assert view.frames["graded"].at["云峤县", "excellent"] == 1  # Y1
    given = appraisals.year_view(
        db.connection,
        2025,
        1,
        recorded=queries.run(db.connection, "appraisal_years"),
        race_periods=queries.run(db.connection, "race_periods", county="")["period"].tolist(),
    )
    assert all(given.frames[c].equals(view.frames[c]) for c in appraisals.COUNTS)
    assert given.units.equals(view.units) and given.pattern == view.pattern and given.follow == view.follow
