import datetime as dt

import pytest

from incentive import periods


@pytest.mark.parametrize(
    "given,expected",
    [
        ("2025", "2025"),
        ("2025年", "2025"),
        ("2025年度", "2025"),
        (2025, "2025"),
        (2025.0, "2025"),
        ("2025Q2", "2025-Q2"),
        ("2025-Q2", "2025-Q2"),
        ("2025q2", "2025-Q2"),
        ("2025年第二季度", "2025-Q2"),
        ("2025年二季度", "2025-Q2"),
        ("2025年第2季度", "2025-Q2"),
        ("２０２５年第２季度", "2025-Q2"),
        ("2025-06", "2025-06"),
        ("2025年6月", "2025-06"),
        ("2025/6", "2025-06"),
        ("202506", "2025-06"),
        ("2025年十二月", "2025-12"),
        (dt.datetime(2025, 6, 1), "2025-06"),
        ("2025H1", "2025-H1"),
        ("2025-H2", "2025-H2"),
        ("2025年上半年", "2025-H1"),
        ("2025年下半年", "2025-H2"),
    ],
)
def test_parse_period_forms(given, expected):
    assert periods.parse_period(given) == expected


@pytest.mark.parametrize("given", ["", "abc", "2025-13", "2025Q5", "25Q1", "第二季度"])
def test_parse_period_rejects(given):
    assert periods.parse_period(given) is None


@pytest.mark.parametrize(
    "given", [dt.datetime(2025, 12, 31), dt.date(2025, 11, 15), dt.datetime(2025, 6, 1, 9, 30), "2025-12-31"]
)
def test_a_date_that_is_not_a_month_typed_is_no_period(given):
    """Excel turns `2025-06` typed into the date 2025-06-01: a date on the 1st is that month. A date cell of any
    other day (the period's last day, 2025-12-31, typed for Q4) was read as its month, 2025-12, a monthly period the
    clerk never meant, where the same date as text was refused."""
    assert periods.parse_period(given) is None


def find_period(text: str) -> str | None:
    """The one period a title names (`periods.title_periods`), else None."""
    return periods.title_periods([text]).period


def title_readings(text: str) -> tuple[str, tuple[str, ...]] | None:
    """(the first period-like expression of a title as written, its readings), or None when it has none."""
    found = periods.title_periods([text]).expressions
    return (found[0].written, found[0].readings) if found else None


def test_find_period_prefers_the_specific_form():
    assert find_period("2025年第二季度赛马考评得分表") == "2025-Q2"
    assert find_period("关于2024年上半年关爱指标的通报") == "2024-H1"
    assert find_period("2025年度考核") == "2025"
    assert find_period("赛马考评得分表") is None
    assert find_period("2026.3 赛马考评得分") is None  # the third quarter or March: title_readings says


def test_previous_period_of_the_same_form():
    assert [periods.previous(p) for p in ("2025-Q1", "2025-Q3", "2025-H1", "2025-01", "2025")] == [
        "2024-Q4",
        "2025-Q2",
        "2024-H2",
        "2024-12",
        "2024",
    ]


def test_bounds_and_contains():
    assert periods.bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert periods.bounds("2025-H2") == (dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    assert periods.contains("2025-Q2", dt.date(2025, 6, 30)) and not periods.contains("2025-Q2", dt.date(2025, 7, 1))
    assert periods.months("2025-Q2") == 3


def test_sql_macros_agree_with_python(db):
    for p in ("2025", "2025-H1", "2025-H2", "2025-Q1", "2025-Q4", "2024-02", "2025-12"):
        assert db.fetch_all("SELECT period_start($p), period_end($p)", {"p": p})[0] == periods.bounds(p)


@pytest.mark.parametrize(
    "given,expected",
    [
        ("2025年1-6月", "2025-H1"),
        ("2025年7—12月", "2025-H2"),
        ("2025年4-6月", "2025-Q2"),
        ("2025年1-12月", "2025"),
        ("2025年Q3", "2025-Q3"),
    ],
)
def test_cumulative_month_ranges_of_statistical_reports(given, expected):
    assert periods.parse_period(given) == expected


def test_odd_month_range_is_not_a_period():
    assert periods.parse_period("2025年2-5月") is None


def test_a_year_opens_on_its_newest_complete_period():
    stored = {"2025-Q3": 4, "2025-Q4": 4, "2026-Q1": 4, "2026-Q2": 1}
    # 2026-Q2 has been sent by one county only: the year opens on 2026-Q1, and 2026-Q2 is still offered
    assert periods.default_of_year(stored, ["2025-Q3", "2025-Q4", "2026-Q1"], 2026) == "2026-Q1"
    assert periods.default_of_year(stored, stored, 2025) == "2025-Q4"
    assert periods.default_of_year(stored, stored, 2024) is None


def test_with_no_complete_period_a_year_opens_on_the_newest_with_the_most_units():
    """The reviewer's case (docs/decisions.md#the-default-period-is-a-complete-one): no period of the year is
    complete, and the newest is the least complete. The year opens on the newest of those with the most units,
    never on a newer one with fewer."""
    stored = {"2026-Q1": 11, "2026-Q2": 12, "2026-Q3": 12, "2026-Q4": 1}
    assert periods.default_of_year(stored, [], 2026) == "2026-Q3"
    assert periods.default_of_year({"2026-Q1": 12, "2026-Q2": 11, "2026-Q3": 3}, [], 2026) == "2026-Q1"
    assert periods.default_of_year({"2026-Q1": 1}, [], 2026) == "2026-Q1"  # the year's only period
    # a complete period still comes first, even when an incomplete one is newer
    assert periods.default_of_year({"2026-Q1": 4, "2026-Q2": 3}, ["2026-Q1"], 2026) == "2026-Q1"


def test_a_period_lies_within_another_when_both_its_ends_do():
    assert periods.within("2026-Q3", "2026-H2") and periods.within("2026-Q3", "2026")
    assert periods.within("2026-05", "2026-Q2") and periods.within("2026-H1", "2026-H1")
    assert not periods.within("2026-H2", "2026-Q3")  # it holds the quarter, not the other way round
    assert not periods.within("2026-Q2", "2026-H2") and not periods.within("2025-Q4", "2026")


@pytest.mark.parametrize(
    "written,readings",
    [
        ("2026.3", ("2026-Q3", "2026-03")),
        ("2026.03", ("2026-Q3", "2026-03")),
        ("2026.2", ("2026-Q2", "2026-H2", "2026-02")),
        ("2026.1", ("2026-Q1", "2026-H1", "2026-01", "2026-10")),  # Excel shows 2026.10 as 2026.1
        ("２０２６．４", ("2026-Q4", "2026-04")),
        ("2026.11", ("2026-11",)),
        ("2026.10", ("2026-10",)),
        ("2026.05", ("2026-05",)),
        ("2026.30", ()),
        ("2026Q3", ()),
        ("2026-03", ("2026-03",)),  # ISO's year-month: only March
        ("2026/3", ("2026-Q3", "2026-03")),
        ("2026/03", ("2026-Q3", "2026-03")),
        ("2026-3", ("2026-Q3", "2026-03")),
        ("2026/2", ("2026-Q2", "2026-H2", "2026-02")),
        ("2026-1", ("2026-Q1", "2026-H1", "2026-01")),  # October only where Excel drops a 0: after a dot
        ("２０２６／４", ("2026-Q4", "2026-04")),
        ("2026 - 4", ("2026-Q4", "2026-04")),
        ("2026/6", ("2026-06",)),
        ("2026-6", ("2026-06",)),
        ("2026/11", ("2026-11",)),
        ("2026-04", ("2026-04",)),
        ("2026/13", ()),
    ],
)
def test_separated_readings(written, readings):
    """A dot, slash or hyphen before 1 to 4 (a dot or slash before 01 to 04) names a quarter as well as a month,
    before 1 or 2 a half-year too; `2026-03` is ISO's March (docs/decisions.md#periods-written-with-a-dot)."""
    assert periods.separated_readings(written) == readings


def test_title_readings_of_the_period_a_title_names():
    assert title_readings("2026.3 赛马考评得分") == ("2026.3", ("2026-Q3", "2026-03"))
    assert title_readings("关于2026.2关爱指标的通报") == ("2026.2", ("2026-Q2", "2026-H2", "2026-02"))
    assert title_readings("2026/3赛马考评得分") == ("2026/3", ("2026-Q3", "2026-03"))
    assert title_readings("2026-1 关心关爱指标") == ("2026-1", ("2026-Q1", "2026-H1", "2026-01"))
    assert title_readings("2026.11 赛马考评得分") == ("2026.11", ("2026-11",))  # one reading: November
    assert title_readings("2026-03 赛马考评得分") == ("2026-03", ("2026-03",))
    assert title_readings("2026年第三季度赛马考评得分（2026.3.15制表）") == ("2026年第三季度", ("2026-Q3",))
    assert title_readings("2026年2-4月赛马考评得分") == ("2026年2-4月", ())  # a range that is no period
    assert title_readings("赛马考评得分") is None


@pytest.mark.parametrize(
    "title,expected",
    [
        ("2026年度第三季度赛马考评得分", "2026-Q3"),
        ("2026年度第3季度赛马考评得分", "2026-Q3"),
        ("2026年度 三季度 赛马考评得分", "2026-Q3"),
        ("2026年度Q3赛马考评得分", "2026-Q3"),
        ("2026年度上半年关心关爱指标", "2026-H1"),
        ("2026年度下半年关心关爱指标", "2026-H2"),
    ],
)
def test_a_quarter_or_half_year_after_nian_du_is_read(title, expected):
    """`2026年度第三季度…` was read as the year 2026: no quarter or half-year pattern allowed 年度 before it
    (docs/decisions.md#periods-in-titles). A cell so written too."""
    assert find_period(title) == expected
    assert periods.parse_period(title.removesuffix("赛马考评得分").removesuffix("关心关爱指标").strip()) == expected


@pytest.mark.parametrize(
    "title,expected",
    [
        ("澜州市赛马考评得分表（截至2026年9月30日）", None),
        ("赛马考评得分表 填报日期：2026年10月8日", None),
        ("2026年度赛马考评得分表 填报单位：云岫县委组织部 填报日期：2026年10月8日", "2026"),
        ("填报日期：2026年10月8日 2026年度赛马考评得分表", "2026"),
        ("关心关爱指标完成情况（截至2026年6月30日）", None),
        ("关心关爱指标完成情况（截至2026年6月）", None),
        ("赛马考评得分表 制表日期：2026年10月", None),
        ("赛马考评得分表 报送日期:2026-10-08", None),
        ("赛马考评得分表（2026/9/30）", None),
        ("赛马考评得分表 2026.9.30", None),
        ("赛马考评得分表 二〇二六年 2026年九月三十日", None),
        ("2026年第三季度赛马考评得分（截至2026年9月30日）", "2026-Q3"),
        ("2026年9月赛马考评得分", "2026-09"),
    ],
)
def test_a_date_in_a_title_is_no_period(title, expected):
    """A full date (`截至2026年9月30日`) was read as its month, and a 填报日期 won over the title's 2026年度: a day,
    an as-of (截至) or the day the form was filled names no period (docs/decisions.md#periods-in-titles)."""
    assert find_period(title) == expected
