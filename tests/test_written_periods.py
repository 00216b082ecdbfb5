"""A period written `2026.3` (a year, a dot, a number) in files of quarterly race scores and half-yearly care
figures: the third quarter or March, never guessed (docs/decisions.md#periods-written-with-a-dot). Real files
through the real importer, and the CLI."""

from __future__ import annotations

import pytest
from conftest import data_file, import_ok, incentive_command, xlsx_bytes

from incentive.intake.ingest import parse_file
from incentive.store.reference import current_reference


def messages(preview, lang="zh") -> list[str]:
    return preview.problem_texts(lang)


def test_a_quarter_or_month_among_quarters_is_refused_naming_cell_and_readings(catalog_db):
    data = "考核期,县区,乡镇,指标,数值\n2026Q2,云岫县,,R01,5\n2026.3,云峤县,,R01,6\n".encode()
    preview = parse_file("race.csv", data, current_reference(catalog_db))
    assert not preview.importable
    assert messages(preview) == [
        "文件「race.csv」，第 3 行，「考核期」列，值「2026.3」：考核期写作「2026.3」，可能是「2026Q3」（2026年第3季度）"
        "或「2026-03」（2026年3月），无法确定是哪一个，不作猜测；请按所指写成其中一种。"
    ]
    assert messages(preview, "en") == [
        "File “race.csv”, row 3, column “考核期”, value “2026.3”: the period is written “2026.3”, which may be 2026Q3 "
        "(quarter 3 of 2026) or 2026-03 (month 3 of 2026); it is not guessed: write the one meant."
    ]


@pytest.mark.parametrize("written", ["2026.3", "2026.03", "２０２６．４", "2026. 4"])
def test_a_dotted_period_alone_is_refused_too(catalog_db, written):
    """A file of such cells only: before, every row was imported as a month (2026-03) in silence."""
    data = f"考核期,县区,乡镇,指标,数值\n{written},云岫县,,R01,5\n{written},云峤县,,R01,6\n".encode()
    preview = parse_file("race.csv", data, current_reference(catalog_db))
    assert [(p.row, p.key) for p in preview.problems] == [(2, "period_ambiguous"), (3, "period_ambiguous")]


def test_a_dotted_month_no_quarter_can_be_is_read_as_that_month(catalog_db):
    """`2026.11` and `2026.10` are no quarter or half-year: one reading, read as before."""
    data = "考核期,县区,乡镇,指标,数值\n2026.11,云岫县,,R01,5\n2026.10,云峤县,,R01,6\n".encode()
    preview = parse_file("race.csv", data, current_reference(catalog_db))
    assert preview.importable, preview.problem_texts("en")
    assert list(preview.rows["period"]) == ["2026-11", "2026-10"]


def test_a_half_year_or_month_among_half_years_is_refused(catalog_db):
    data = "考核期,县区,乡镇,指标,数值\n2026H1,云岫县,,W01,96\n2026.2,云峤县,,W01,90\n".encode()
    preview = parse_file("care.csv", data, current_reference(catalog_db))
    assert messages(preview) == [
        "文件「care.csv」，第 3 行，「考核期」列，值「2026.2」：考核期写作「2026.2」，可能是「2026Q2」（2026年第2季度）、"
        "「2026H2」（2026年下半年）或「2026-02」（2026年2月），无法确定是哪一个，不作猜测；请按所指写成其中一种。"
    ]


def test_a_dotted_period_typed_as_a_number_is_refused(catalog_db):
    """2026.3 in a General cell, 2026.03 shown by `0.00`; 2026.10 shown by `0.00` is October, as before."""
    rows = [
        ["考核期", "县区", "指标", "数值"],
        [2026.3, "云岫县", "R01", 5],
        [2026.03, "云峤县", "R01", 6],
        [2026.1, "澄溪县", "R01", 7],
    ]
    preview = parse_file(
        "race.xlsx", xlsx_bytes(rows, formats={"A3": "0.00", "A4": "0.00"}), current_reference(catalog_db)
    )
    assert [(p.row, p.key, p.value) for p in preview.problems] == [
        (2, "period_ambiguous", "2026.3"),
        (3, "period_ambiguous", "2026.03"),
    ]
    assert "「2026Q3」（2026年第3季度）" in messages(preview)[1]


WIDE = "县区,乡镇,招商引资额,企业诉求办结率\n云岫县,,100,90\n云峤县,,200,95\n"


def test_a_title_period_written_with_a_dot_is_refused_naming_the_title(catalog_db):
    data = ("2026.3 赛马考评得分\n" + WIDE).encode()
    preview = parse_file("race.csv", data, current_reference(catalog_db))
    assert messages(preview) == [
        "文件「race.csv」，第 1 行，值「2026.3 赛马考评得分」：标题中的考核期「2026.3」可能是「2026Q3」（2026年第3季度）"
        "或「2026-03」（2026年3月），无法确定是哪一个，不作猜测；请在标题中按所指写成其中一种，或填写考核期。"
    ]


def test_a_period_entered_that_the_title_may_mean_says_which(catalog_db):
    data = ("2026.3 赛马考评得分\n" + WIDE).encode()
    quarter = parse_file("race.csv", data, current_reference(catalog_db), period="2026Q3")
    assert quarter.importable, quarter.problem_texts("en")
    assert set(quarter.rows["period"]) == {"2026-Q3"}
    other = parse_file("race.csv", data, current_reference(catalog_db), period="2026Q2")
    assert [p.key for p in other.problems] == ["period_title_ambiguous_given"]


def test_a_period_entered_that_is_none_of_the_titles_readings_is_said_so(catalog_db):
    """It said "…或填写考核期" although a period was entered."""
    data = ("2026.3 赛马考评得分\n" + WIDE).encode()
    preview = parse_file("race.csv", data, current_reference(catalog_db), period="2026Q1")
    assert messages(preview) == [
        "文件「race.csv」，第 1 行，值「2026.3 赛马考评得分」：标题中的考核期「2026.3」可能是「2026Q3」（2026年第3季度）"
        "或「2026-03」（2026年3月），填写的考核期 2026-Q1 不是其中任何一种；请核对填写的考核期，或在标题中按所指写成其中一种。"
    ]
    assert messages(preview, "en") == [
        "File “race.csv”, row 1, value “2026.3 赛马考评得分”: The title's period “2026.3” may be 2026Q3 (quarter 3 of "
        "2026) or 2026-03 (month 3 of 2026); the period entered, 2026-Q1, is none of them: check the period entered, "
        "or write the one meant in the title."
    ]


def test_a_title_period_split_over_a_number_cell_and_a_text_cell_names_its_row(catalog_db):
    """A1 the number 2026.3, B1 the text: the refusal named the sheet and the title but no row (the row was looked
    for among the title's text cells only)."""
    rows = [[2026.3, "赛马考评得分"], ["县区", "乡镇", "招商引资额"], ["云岫县", None, 100]]
    preview = parse_file("race.xlsx", xlsx_bytes(rows), current_reference(catalog_db))
    assert [(p.row, p.value, p.key) for p in preview.problems] == [(1, "2026.3 赛马考评得分", "period_title_ambiguous")]
    assert messages(preview)[0].startswith("文件「race.xlsx」，工作表「数据」，第 1 行，值「2026.3 赛马考评得分」：")


def test_a_title_period_against_the_period_entered_names_the_title_row(catalog_db):
    data = ("填报单位：云岫县委组织部\n2026年9月赛马考评得分\n" + WIDE).encode()
    preview = parse_file("race.csv", data, current_reference(catalog_db), period="2026Q3")
    assert messages(preview) == [
        "文件「race.csv」，第 2 行，值「2026年9月赛马考评得分」：标题中的考核期 2026-09 与填写的考核期 2026-Q3 不一致。"
    ]


@pytest.mark.parametrize("written", ["2026/3", "2026/03", "2026-3", "２０２６／３"])
def test_a_period_written_with_a_slash_or_hyphen_and_one_to_four_is_refused(catalog_db, written):
    """Read as March in silence, as 2026.3 was before: the same two readings."""
    data = f"考核期,县区,乡镇,指标,数值\n{written},云岫县,,R01,5\n".encode()
    preview = parse_file("race.csv", data, current_reference(catalog_db))
    assert [(p.row, p.key) for p in preview.problems] == [(2, "period_ambiguous")]
    assert "可能是「2026Q3」（2026年第3季度）或「2026-03」（2026年3月）" in messages(preview)[0]


def test_iso_months_and_months_no_quarter_can_be_are_read_as_months(catalog_db):
    data = "考核期,县区,乡镇,指标,数值\n2026-03,云岫县,,R01,5\n2026/6,云峤县,,R01,6\n2026-6,澄溪县,,R01,7\n"
    preview = parse_file("race.csv", (data + "2026/11,云岫县,,R02,8\n").encode(), current_reference(catalog_db))
    assert preview.importable, preview.problem_texts("en")
    assert list(preview.rows["period"]) == ["2026-03", "2026-06", "2026-06", "2026-11"]


def test_a_title_and_a_period_entered_written_with_a_slash_or_hyphen_are_refused(catalog_db):
    title = parse_file("race.csv", ("2026/3赛马考评得分\n" + WIDE).encode(), current_reference(catalog_db))
    assert [(p.row, p.key, p.params["written"]) for p in title.problems] == [(1, "period_title_ambiguous", "2026/3")]
    entered = parse_file("race.csv", WIDE.encode(), current_reference(catalog_db), period="2026-1")
    assert [p.key for p in entered.problems] == ["period_given_ambiguous"]
    assert "「2026H1」（2026年上半年）" in messages(entered)[0]


@pytest.mark.parametrize("written", ["2026.3", "2026/3"])
def test_a_catalog_effective_from_written_with_a_separator_is_refused(db, written):
    """`2026/3` there re-scored 2026-Q2 as well as Q3 (read as March); `2026.3` is the same third quarter or March."""
    import_ok(db, "regions.csv", data_file("regions.csv"))
    header = "指标代码,指标名称,类别,赛道,单位,方向,权重,生效起始期\n"
    data = (header + f"R01,招商引资额,赛马,项目建设,万元,正向,10,{written}\n").encode()
    preview = parse_file("catalog.csv", data, current_reference(db))
    assert [(p.row, p.column, p.key) for p in preview.problems] == [(2, "生效起始期", "period_ambiguous")]


def test_a_half_year_title_written_with_a_dot_is_refused(catalog_db):
    data = "2026.2 关心关爱指标\n县区,乡镇,年度体检完成率\n云岫县,,96\n".encode()
    preview = parse_file("care.csv", data, current_reference(catalog_db))
    assert [(p.row, p.key) for p in preview.problems] == [(1, "period_title_ambiguous")]
    assert "「2026H2」（2026年下半年）" in messages(preview)[0]


def test_a_period_entered_with_a_dot_is_refused(catalog_db):
    preview = parse_file("race.csv", WIDE.encode(), current_reference(catalog_db), period="2026.3")
    assert messages(preview) == [
        "文件「race.csv」：填写的考核期「2026.3」可能是「2026Q3」（2026年第3季度）或「2026-03」（2026年3月），无法确定是"
        "哪一个，不作猜测；请按所指写成其中一种。"
    ]


def test_the_cli_refuses_a_dotted_period_in_a_cell_a_title_and_period(tmp_path, catalog_db_path):
    path = catalog_db_path
    cell = tmp_path / "race.csv"
    cell.write_text("考核期,县区,乡镇,指标,数值\n2026Q2,云岫县,,R01,5\n2026.3,云峤县,,R01,6\n", encoding="utf-8")
    titled = tmp_path / "titled.csv"
    titled.write_text("2026.3 赛马考评得分\n" + WIDE, encoding="utf-8")
    plain = tmp_path / "plain.csv"
    plain.write_text(WIDE, encoding="utf-8")

    refused = incentive_command("--db", path, "--lang", "en", "import", cell, titled)
    assert refused.returncode != 0
    assert (
        "row 3, column “考核期”, value “2026.3”: the period is written “2026.3”, which may be 2026Q3" in refused.stderr
    )
    assert "row 1, value “2026.3 赛马考评得分”: The title's period “2026.3” may be 2026Q3" in refused.stderr
    entered = incentive_command("--db", path, "--lang", "en", "import", "--period", "2026.2", plain)
    assert entered.returncode != 0
    assert "The period entered, “2026.2”, may be 2026Q2 (quarter 2 of 2026), 2026H2" in entered.stderr
    assert "imported" not in (refused.stdout + refused.stderr + entered.stdout + entered.stderr).lower()


CARE_WIDE = "县区,乡镇,年度体检完成率\n云岫县,,96\n"


@pytest.mark.parametrize(
    "title,body,period",
    [
        ("2026年度第三季度赛马考评得分", WIDE, "2026-Q3"),
        ("2026年度第3季度赛马考评得分", WIDE, "2026-Q3"),
        ("2026年度 三季度 赛马考评得分", WIDE, "2026-Q3"),
        ("2026年度上半年关心关爱指标", CARE_WIDE, "2026-H1"),
        ("2026年度下半年关心关爱指标", CARE_WIDE, "2026-H2"),
    ],
)
def test_a_quarter_or_half_year_after_nian_du_in_a_title_is_that_period(catalog_db, title, body, period):
    """Read as the year 2026 (考核期取自标题：2026) and stored so; `--period 2026Q3` was then refused against it
    (docs/decisions.md#periods-in-titles)."""
    data = (title + "\n" + body).encode()
    preview = parse_file("t.csv", data, current_reference(catalog_db))
    assert preview.importable, preview.problem_texts("en")
    assert set(preview.rows["period"]) == {period}
    assert any(n.key == "note_period_from_title" and n.params["period"] == period for n in preview.notes)
    entered = parse_file("t.csv", data, current_reference(catalog_db), period=period.replace("-", ""))
    assert entered.importable, entered.problem_texts("en")


def test_a_cell_period_after_nian_du_is_that_quarter(catalog_db):
    data = "考核期,县区,乡镇,指标,数值\n2026年度第三季度,云岫县,,R01,5\n".encode()
    preview = parse_file("race.csv", data, current_reference(catalog_db))
    assert preview.importable, preview.problem_texts("en")
    assert list(preview.rows["period"]) == ["2026-Q3"]


@pytest.mark.parametrize(
    "title,body",
    [
        ("澜州市赛马考评得分表（截至2026年9月30日）", WIDE),
        ("赛马考评得分表 填报日期：2026年10月8日", WIDE),
        ("关心关爱指标完成情况（截至2026年6月30日）", CARE_WIDE),
    ],
)
def test_a_date_in_a_title_gives_no_period(catalog_db, title, body):
    """Read as its month (2026-09, 2026-10, 2026-06) in silence: a day, an as-of or the day the form was filled
    names no period, and the file asks for one, saying why the title's date is not taken
    (docs/decisions.md#periods-in-titles)."""
    data = (title + "\n" + body).encode()
    preview = parse_file("t.csv", data, current_reference(catalog_db))
    assert [p.key for p in preview.problems] == ["period_needed_title_dates"]
    quarter = parse_file("t.csv", data, current_reference(catalog_db), period="2026Q3")
    assert quarter.importable, quarter.problem_texts("en")
    assert set(quarter.rows["period"]) == {"2026-Q3"}


def test_the_day_a_form_was_filled_does_not_win_over_the_titles_year(catalog_db):
    data = ("2026年度赛马考评得分表\n填报单位：云岫县委组织部,,填报日期：2026年10月8日\n" + WIDE).encode()
    preview = parse_file("t.csv", data, current_reference(catalog_db))
    assert preview.importable, preview.problem_texts("en")
    assert set(preview.rows["period"]) == {"2026"}


def test_a_date_in_a_workbook_title_gives_no_period(catalog_db):
    rows = [["赛马考评得分表", None, "填报日期：2026年10月8日"], ["县区", "乡镇", "招商引资额"], ["云岫县", None, 100]]
    preview = parse_file("race.xlsx", xlsx_bytes(rows), current_reference(catalog_db))
    assert [p.key for p in preview.problems] == ["period_needed_title_dates"]
