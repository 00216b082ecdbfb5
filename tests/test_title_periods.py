"""A title names one period, or none is taken from it: month ranges that are a quarter, half-year or year read as
that period; several periods, ranges, lists and running totals, and title rows that disagree, are refused unless a
period is entered or a period column gives each row's (docs/decisions.md#periods-in-titles). A tester's titles
(2026-12-07), each stored before under a wrong period in silence, through the real importer (per-cell path: value
files never take the bulk CSV path, bulk_csv.BULK_KINDS)."""

from __future__ import annotations

import pytest
from conftest import xlsx_bytes

from incentive import periods
from incentive.intake import bulk_csv
from incentive.intake.ingest import parse_file
from incentive.store.reference import current_reference

WIDE = "县区,乡镇,招商引资额,企业诉求办结率\n云岫县,,100,90\n云峤县,,200,95\n"
LONG = "考核期,县区,乡镇,指标,数值\n{period},云岫县,,R01,5\n{period},云峤县,,R01,6\n"


def _wide(catalog_db, title: str, **options):
    return parse_file("race.csv", (title + "\n" + WIDE).encode(), current_reference(catalog_db), **options)


@pytest.mark.parametrize(
    "title",
    [
        "2026年7月至9月赛马考评得分",
        "2026年7月-9月赛马考评得分",
        "2026年7月—2026年9月赛马考评得分",
        "2026.7-2026.9赛马考评得分",
        "2026.07-09赛马考评得分",
        "2026年7～9月赛马考评得分",
        "2026年7-9月赛马考评得分",
        "2026年度第三季度（7-9月）赛马考评得分",
        "2026年度赛马考评得分（第三季度）",
    ],
)
def test_a_month_range_that_is_a_quarter_is_that_quarter(catalog_db, title):
    """`2026年7月至9月` was July (2026-07) in silence, and `--period 2026Q3` was refused as contradicting it."""
    preview = _wide(catalog_db, title)
    assert preview.importable, preview.problem_texts("en")
    assert set(preview.rows["period"]) == {"2026-Q3"}
    assert [n.params["period"] for n in preview.notes if n.key == "note_period_from_title"] == ["2026-Q3"]
    entered = _wide(catalog_db, title, period="2026Q3")
    assert entered.importable, entered.problem_texts("en")


@pytest.mark.parametrize(
    "title,period",
    [
        ("2026年1月至6月关心关爱", "2026-H1"),
        ("2026.07-12 关心关爱", "2026-H2"),
        ("2026年1月-2026年12月关心关爱", "2026"),
    ],
)
def test_a_month_range_that_is_a_half_year_or_year_is_that(title, period):
    assert periods.title_periods([title]).period == period


@pytest.mark.parametrize("title", ["2026.01-03 赛马考评得分", "2026.1-2026.3 赛马考评得分", "2025年11月-2026年1月"])
def test_a_dotted_range_of_ends_that_may_be_quarters_or_a_range_over_two_years_is_no_one_period(title):
    """`2026.1` may be the first quarter (docs/decisions.md#periods-written-with-a-dot): 2026.1-2026.3 may be
    January to March or the first three quarters."""
    found = periods.title_periods([title])
    assert found.several and found.period is None


def test_a_long_file_whose_column_is_the_titles_quarter_is_imported(catalog_db):
    """lt.csv: refused as 2026-07 (title) against 2026-Q3 (column); a column of July against it is refused."""
    title = "2026年7月至9月赛马考评得分\n"
    reference = current_reference(catalog_db)
    quarter = parse_file("race.csv", (title + LONG.format(period="2026Q3")).encode(), reference)
    assert quarter.importable, quarter.problem_texts("en")
    assert set(quarter.rows["period"]) == {"2026-Q3"}
    july = parse_file("race.csv", (title + LONG.format(period="2026-07")).encode(), reference)
    assert [(p.row, p.key, p.params["title"]) for p in july.problems][:1] == [(3, "period_conflict", "2026-Q3")]


@pytest.mark.parametrize(
    "title,found",
    [
        ("2026年1-3季度赛马考评得分", ["2026年1-3季度"]),
        ("2026年前三季度赛马考评得分", ["2026年前三季度"]),
        ("2026年第一、二季度赛马考评得分", ["2026年第一、二季度"]),
        ("2025-2026年度赛马考评得分", ["2025-2026年度"]),
        ("2026年1-9月赛马考评得分", ["2026年1-9月"]),
        ("2026年2-4月赛马考评得分", ["2026年2-4月"]),
        ("2026年第二季度和第三季度赛马考评得分", ["2026年第二季度", "第三季度"]),
        ("2026年第三季度、2026年第四季度赛马考评得分", ["2026年第三季度", "2026年第四季度"]),
        ("2025年第四季度至2026年第三季度赛马考评得分", ["2025年第四季度", "2026年第三季度"]),
        ("2026年上半年及第三季度赛马考评得分", ["2026年上半年", "第三季度"]),
        ("2026年度第三季度（4-6月）赛马考评得分", ["2026年度第三季度", "4-6月"]),
        ("2026年9月赛马考评得分（第三季度）", ["2026年9月", "第三季度"]),
        ("2026年第二季度赛马考评得分（2026/3）", ["2026年第二季度", "2026/3"]),
        ("2026年第二季度赛马考评得分 2026-11", ["2026年第二季度", "2026-11"]),
    ],
)
def test_a_title_of_several_periods_a_range_or_a_running_total_is_refused(catalog_db, title, found):
    """Each was stored under one of its periods (or the year) in silence: the title names no one period."""
    preview = _wide(catalog_db, title)
    assert [(p.row, p.value, p.key) for p in preview.problems] == [(1, title, "period_title_several")]
    assert preview.problems[0].params["found"][1]["zh"] == "、".join(f"「{x}」" for x in found)
    assert periods.title_periods([title]).period is None


def test_the_refusal_names_what_the_title_writes(catalog_db):
    preview = _wide(catalog_db, "2026年第二季度和第三季度赛马考评得分")
    assert preview.problem_texts("zh") == [
        "文件「race.csv」，第 1 行，值「2026年第二季度和第三季度赛马考评得分」：标题中写有「2026年第二季度」、「第三季度」，"
        "不是一个考核期（多个考核期，或考核期的范围、列举、累计），无法确定文件是哪一个考核期的数据，不作猜测；请在标题中"
        "只写一个考核期（如「2026年第三季度」），或填写考核期。"
    ]
    assert preview.problem_texts("en") == [
        "File “race.csv”, row 1, value “2026年第二季度和第三季度赛马考评得分”: The title writes “2026年第二季度”, "
        "“第三季度”: not one period (several periods, or a range, list or running total of periods); which period the "
        "file is of is not guessed: write one period in the title (e.g. 2026年第三季度), or enter the period."
    ]


def test_a_period_entered_that_the_title_writes_is_taken_and_another_refused(catalog_db):
    title = "2026年第二季度和第三季度赛马考评得分"
    third = _wide(catalog_db, title, period="2026Q3")
    assert third.importable, third.problem_texts("en")
    assert set(third.rows["period"]) == {"2026-Q3"}
    assert [n.key for n in third.notes if "period" in n.key] == ["note_period_given_title_several"]
    fourth = _wide(catalog_db, title, period="2026Q4")
    assert [(p.row, p.key) for p in fourth.problems] == [(1, "period_title_several_given")]
    assert "填写的考核期 2026-Q4 也不是其中任何一个" in fourth.problem_texts("zh")[0]


def test_a_period_column_of_a_title_of_several_periods_must_be_one_of_them(catalog_db):
    """A title of two quarters said nothing against a column of either: no false contradiction; a column of a
    third is refused."""
    title = "2026年第二季度和第三季度赛马考评得分\n"
    reference = current_reference(catalog_db)
    third = parse_file("race.csv", (title + LONG.format(period="2026Q3")).encode(), reference)
    assert third.importable, third.problem_texts("en")
    assert set(third.rows["period"]) == {"2026-Q3"}
    assert [n.key for n in third.notes if "period" in n.key] == ["note_period_title_several_column"]
    fourth = parse_file("race.csv", (title + LONG.format(period="2026Q4")).encode(), reference)
    assert [(p.key, p.params["title"]) for p in fourth.problems][:1] == [("period_conflict", "2026-Q2、2026-Q3")]


@pytest.mark.parametrize("second", ["2026年第三季度", ",,2026年第三季度"])
def test_title_rows_that_disagree_are_refused_naming_both(catalog_db, second):
    """s2.csv, s5.csv: the first title row's quarter was taken, the second row's ignored."""
    preview = _wide(catalog_db, "2026年第二季度赛马考评得分表\n" + second)
    assert [(p.row, p.key) for p in preview.problems] == [(1, "period_title_several")]
    assert "（第 1 行「2026年第二季度赛马考评得分表」、第 2 行「2026年第三季度」）" in preview.problem_texts("zh")[0]


@pytest.mark.slow
def test_workbook_title_rows_that_disagree_are_refused_naming_both(catalog_db):
    """w11.xlsx."""
    rows = [["2026年第二季度赛马考评得分"], ["2026年第三季度"], ["县区", "乡镇", "招商引资额"], ["云岫县", None, 100]]
    preview = parse_file("race.xlsx", xlsx_bytes(rows), current_reference(catalog_db))
    assert [(p.row, p.key) for p in preview.problems] == [(1, "period_title_several")]
    assert "(row 1 “2026年第二季度赛马考评得分”, row 2 “2026年第三季度”)" in preview.problem_texts("en")[0]
    entered = parse_file("race.xlsx", xlsx_bytes(rows), current_reference(catalog_db), period="2026Q3")
    assert entered.importable, entered.problem_texts("en")


def test_title_rows_of_one_period_read_as_it(catalog_db):
    preview = _wide(catalog_db, "澜州市赛马考评得分表\n2026年第三季度")
    assert preview.importable, preview.problem_texts("en")
    assert set(preview.rows["period"]) == {"2026-Q3"}


@pytest.mark.parametrize(
    "title,date",
    [("赛马考评得分（2026年10月制表）", "2026年10月制表"), ("赛马考评得分（2026年10月填报）", "2026年10月填报")],
)
def test_a_month_before_a_fill_in_label_is_no_period_and_the_refusal_says_why(catalog_db, title, date):
    """Both were 2026-10 in silence; a file whose title has only such a date said 标题中也没有 of a title with a
    date in it."""
    preview = _wide(catalog_db, title)
    assert [p.key for p in preview.problems] == ["period_needed_title_dates"]
    assert preview.problem_texts("zh") == [
        f"文件「race.csv」：文件中没有考核期：无「考核期」列，标题中的「{date}」是日期（填报、制表、截至等的日期），"
        "不作考核期——一个日期不是数据所属的考核期；请填写考核期，或在标题中写明（如「2026年第三季度」）。"
    ]
    quarter = _wide(catalog_db, "2026年第三季度" + title)
    assert quarter.importable, quarter.problem_texts("en")
    assert set(quarter.rows["period"]) == {"2026-Q3"}


def test_a_month_report_is_not_taken_for_a_fill_in_date():
    """`2026年10月报` may be October's monthly report (月报): a second period, not a date to drop."""
    assert periods.title_periods(["2026年第三季度赛马考评得分 2026年10月报"]).several


def test_value_files_take_the_cell_path(catalog_db, tmp_path):
    """What this file tests holds for a CSV of any size: the bulk path declines a value file (the per-cell path
    reads its title), so no second reading of titles can differ."""
    path = tmp_path / "race.csv"
    path.write_text("2026年7月至9月赛马考评得分\n" + WIDE, encoding="utf-8")
    assert bulk_csv.parse_large_csv(path, current_reference(catalog_db)) is None


@pytest.mark.parametrize(
    "title",
    [
        "2026年第三季度赛马考评得分（数据截至9月底）",
        "2026年第三季度赛马考评得分（7月1日-9月30日）",
        "2026年第三季度赛马考评得分 制表：10月",
        "2026年第三季度赛马考评得分（10月8日填报）",
        "2026年10月报送2026年第三季度赛马考评得分",
        "2026年第三季度赛马考评得分（2026年10月制）",
    ],
)
def test_days_and_fill_in_dates_without_a_year_are_no_second_period(title):
    """Months without a year are read now (`（第三季度）`, `（7-9月）`): an as-of, a day or a fill-in date written
    without one must not become a second period and refuse the file."""
    assert periods.title_periods([title]).period == "2026-Q3"


@pytest.mark.parametrize("title", ["2026年前三季度赛马考评得分", "2026年1-3季度赛马考评得分"])
def test_a_running_total_is_refused_even_with_a_period_entered(catalog_db, title):
    """January to September is no quarter's figure: entering 2026Q3 must not store a running total as the third
    quarter's (docs/decisions.md#periods-in-titles)."""
    entered = _wide(catalog_db, title, period="2026Q3")
    assert [(p.row, p.key) for p in entered.problems] == [(1, "period_title_several_given")]
    assert not entered.importable


@pytest.mark.parametrize(("written", "read"), [("２０２６－Ｑ２", "2026-Q2"), ("２０２６年第２季度", "2026年第2季度")])
def test_a_period_cell_written_in_full_width_characters_is_said(catalog_db, written, read):
    """A race file's 考核期 「２０２６－Ｑ２」 was read as 2026-Q2 with no note, while full-width digits in a number or
    a date had one (a tester's finding; docs/decisions.md#full-width-dates): one note for the column, with the count
    and the first row, in both languages."""
    text = LONG.format(period="2026Q2").replace("2026Q2", written, 1)
    preview = parse_file("race.csv", text.encode(), current_reference(catalog_db))
    assert preview.importable and preview.rows["period"].tolist() == ["2026-Q2", "2026-Q2"]
    said = [n for n in preview.notes if n.key == "note_cell_full_width"]
    assert [n.text("zh") for n in said] == [
        f"「考核期」列 1 个单元格含全角字符（如全角数字），按半角读入，如第 2 行「{written}」→「{read}」。"
    ]
    assert [n.text("en") for n in said] == [
        f"Column “考核期”: 1 cell written with full-width characters (such as full-width digits) read as half-width, "
        f"e.g. row 2: “{written}” → “{read}”."
    ]


def test_a_care_files_period_cell_in_full_width_characters_is_said(catalog_db):
    text = "期间,县区,指标,数值\n２０２６年上半年,云岫县,W01,90\n2026H1,云峤县,W01,80\n"
    preview = parse_file("care.csv", text.encode(), current_reference(catalog_db))
    assert preview.kind == "welfare" and preview.rows["period"].tolist() == ["2026-H1", "2026-H1"]
    assert [n.text("zh") for n in preview.notes if n.key == "note_cell_full_width"] == [
        "「期间」列 1 个单元格含全角字符（如全角数字），按半角读入，如第 2 行「２０２６年上半年」→「2026年上半年」。"
    ]


@pytest.mark.parametrize("as_workbook", [False, True])
def test_a_titles_period_in_full_width_characters_is_said_with_its_row(catalog_db, as_workbook):
    """A title 「２０２６年第２季度赛马考评得分（初稿）」 gave every row 2026-Q2 with no word of its full-width digits: said,
    naming the title's row; its full-width brackets are no change to the period and not named."""
    title = "２０２６年第２季度赛马考评得分（初稿）"
    if as_workbook:
        rows = [[title], *[line.split(",") for line in WIDE.strip().split("\n")]]
        preview = parse_file("race.xlsx", xlsx_bytes(rows), current_reference(catalog_db))
    else:
        preview = _wide(catalog_db, title)
    assert preview.importable and set(preview.rows["period"]) == {"2026-Q2"}
    said = [n for n in preview.notes if n.key == "note_title_period_full_width"]
    assert [n.text("zh") for n in said] == [
        "标题（第 1 行）中的考核期含全角字符（如全角数字），按半角读入：「２０２６年第２季度」→「2026年第2季度」。"
    ]
    assert [n.text("en") for n in said] == [
        "The title's period (row 1) is written with full-width characters (such as full-width digits), read as "
        "half-width: “２０２６年第２季度” → “2026年第2季度”."
    ]
    plain = _wide(catalog_db, "2026年第2季度赛马考评得分（初稿）")
    assert not [n for n in plain.notes if n.key == "note_title_period_full_width"]
