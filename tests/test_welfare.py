"""关心关爱 by hand: statuses, medians, changes, the traffic-light grid and the sentences a meeting hears."""

import math

import pandas as pd
import pytest
from conftest import import_ok

from incentive.care import welfare
from incentive.sharing.export import to_csv_bytes, welfare_status_frame
from incentive.store import queries

CATALOG = (
    "指标代码,指标名称,类别,单位,方向,权重,目标值\n"
    "W01,年度体检完成率,关爱,%,正向,1,95\nW02,超时加班天数,关爱,天,逆向,1,10\nW03,容错纠错案例数,关爱,件,正向,1,\n"
)
VALUES = (
    "考核期,县区,指标,数值\n"
    "2025H1,甲县,W01,95\n2025H1,乙县,W01,85.5\n2025H1,丙县,W01,71\n2025H1,丁县,W01,\n"
    "2025H1,甲县,W02,11\n2025H1,乙县,W02,10\n2025H1,丙县,W02,12\n2025H1,丁县,W02,8\n"
    "2025H1,甲县,W03,2\n2025H1,乙县,W03,0\n2025H1,丙县,W03,5\n2025H1,丁县,W03,1\n"
    "2024H2,甲县,W01,90\n2024H2,乙县,W01,88\n"
)


def four_counties(db, catalog: str, values: str):
    """`db` with the counties 甲县 to 丁县, the care catalog `catalog` and the values `values` (CSV texts)."""
    import_ok(db, "regions.csv", "县区,乡镇,县区代码\n甲县,,1\n乙县,,2\n丙县,,3\n丁县,,4\n".encode())
    import_ok(db, "i.csv", catalog.encode())
    import_ok(db, "v.csv", values.encode())
    return db


@pytest.fixture
def care_db(db):
    return four_counties(db, CATALOG, VALUES)


def table_of(db, period="2025-H1", previous="2024-H2"):
    now = queries.run(db.connection, "welfare_values_by_county", period=period)
    return welfare.status_table(now, queries.run(db.connection, "welfare_values_by_county", period=previous))


def cell(table, county, indicator, column):
    return table[(table["county"] == county) & (table["indicator"] == indicator)][column].item()


def test_statuses_medians_and_changes(care_db):
    table = table_of(care_db)
    assert [cell(table, c, "W01", "status") for c in ("甲县", "乙县", "丙县")] == ["met", "near", "below"]
    assert pd.isna(cell(table, "丁县", "W01", "status"))  # missing: no status, never zero
    assert [cell(table, c, "W02", "status") for c in ("甲县", "乙县", "丙县", "丁县")] == [
        "near",
        "met",
        "below",
        "met",
    ]  # lower is better: 11 <= 11, 10 <= 10, 12 > 11
    assert all(pd.isna(s) for s in table[table["indicator"] == "W03"]["status"])  # no target
    assert cell(table, "甲县", "W01", "median") == 85.5  # median of 95, 85.5, 71 (the missing value left out)
    assert cell(table, "甲县", "W01", "change") == 5 and cell(table, "乙县", "W01", "change") == -2.5
    assert math.isnan(cell(table, "丙县", "W01", "change"))
    assert welfare.status_counts(table) == {"met": 3, "near": 2, "below": 2}


def test_the_grid_shows_no_target_and_missing_differently(care_db):
    grid = welfare.status_grid(table_of(care_db))
    assert grid.loc["甲县"].tolist() == ["met", "near", ""]
    assert pd.isna(grid.loc["丁县", "年度体检完成率"])
    assert list(grid.index) == ["甲县", "乙县", "丙县", "丁县"]


def test_furthest_below_ranks_by_relative_shortfall(care_db):
    worst = welfare.furthest_below(table_of(care_db))
    assert worst[["indicator", "county"]].values.tolist() == [["W01", "丙县"], ["W02", "丙县"]]
    assert worst["shortfall"].tolist() == [24, 2]


def test_summary_sentences_in_both_languages(care_db):
    table = table_of(care_db)
    assert welfare.summary_sentences(table, "2025-H1", "zh") == [
        "2025-H1 共 7 项县区指标可判定，达标 3 项（43%）。",
        "1 个县区年度体检完成率未达标，最低为丙县 71%（目标 95%）。",
        "1 个县区超时加班天数未达标，最低为丙县 12 天（目标 10 天）。",
        "另有 1 个数值缺报，未计入达标判定。",
    ]
    english = welfare.summary_sentences(table, "2025-H1", "en")
    assert english[1:] == [
        "年度体检完成率: 1 county below target; lowest 丙县 at 71% (target 95%).",
        "超时加班天数: 1 county below target; lowest 丙县 at 12 days (target 10 days).",
        "1 value was not reported and is not judged.",
    ]  # names are data; units are words
    nothing = welfare.summary_sentences(table[table["indicator"] == "W03"], "2025-H1", "zh")
    assert nothing == ["2025-H1 没有可判定达标情况的指标（缺少数值或目标值）。"]


def test_every_county_met_is_said(care_db):
    import_ok(
        care_db,
        "fix.csv",
        "考核期,县区,指标,数值\n2025H1,乙县,W01,96\n2025H1,丙县,W01,99\n2025H1,丁县,W01,97\n"
        "2025H1,甲县,W02,9\n2025H1,丙县,W02,7\n".encode(),
    )
    sentences = welfare.summary_sentences(table_of(care_db), "2025-H1", "zh")
    assert sentences[-1] == "各县区均达标的指标：年度体检完成率、超时加班天数。"
    reporting = table_of(care_db)["county"].nunique()
    assert welfare.summary_sentences(table_of(care_db), "2025-H1", "zh", counties=reporting)[-1] == sentences[-1]
    # twelve counties owe the half-year and only these have sent it: "every county" says of how many
    assert welfare.summary_sentences(table_of(care_db), "2025-H1", "zh", counties=12)[-1] == (
        f"已报送的 {reporting} 个县区（共 12 个）均达标的指标：年度体检完成率、超时加班天数。"
    )


def test_radar_takes_the_percent_indicators(care_db):
    radar = welfare.radar_frame(table_of(care_db), "乙县")
    assert radar.values.tolist() == [["年度体检完成率", 85.5, 85.5, 95.0]]


def test_welfare_status_export(care_db):
    frame = welfare_status_frame(care_db, "2025-H1")
    assert frame.columns.tolist() == ["period", "county", "indicator", "value", "target", "status"]
    rows = frame.set_index(["county", "indicator"])["status"]
    assert rows[("丙县", "W01")] == "below" and rows[("丁县", "W01")] == "" and rows[("甲县", "W03")] == ""


def test_a_county_that_never_sent_care_figures_is_not_waited_for(care_db):
    """A regions file adds 戊县, which never sends care figures, and 甲县 alone has sent 2025-H2: the year opens on
    2025-H1, which every county that takes part has sent, not on 甲县 alone
    (docs/decisions.md#which-counties-take-part)."""
    import_ok(care_db, "r2.csv", "县区,乡镇,县区代码\n戊县,,5\n".encode())
    import_ok(care_db, "h2.csv", "考核期,县区,指标,数值\n2025H2,甲县,W01,97\n".encode())
    assert welfare.default_period(care_db.connection, 2025) == "2025-H1"
    assert welfare.default_period(care_db.connection, 2024) == "2024-H2"  # the year's only half-year


def test_the_display_table_leaves_missing_figures_missing_so_a_download_has_empty_cells(care_db):
    """丁县 sent no W01 value: no value, no status, no change. The page shows "—" for them (its tables'
    placeholder); the table holds None, so its CSV has empty cells rather than a dash or "None"."""
    shown = welfare.display_table(table_of(care_db), "zh")
    row = shown[(shown["县区"] == "丁县") & (shown["指标"] == "年度体检完成率")].iloc[0]
    assert all(pd.isna(row[c]) for c in ("数值", "状态", "较上期"))
    assert row["目标值"] == "95"
    line = next(x for x in to_csv_bytes(shown).decode().splitlines() if x.startswith("丁县,年度体检完成率"))
    assert line == "丁县,年度体检完成率,,95,,85.5,"
    assert "—" not in to_csv_bytes(shown).decode() and "None" not in to_csv_bytes(shown).decode()


def test_a_partly_reported_half_year_lists_the_counties_that_sent_nothing_as_missing(care_db):
    """docs/decisions.md#reported-counts: 甲县 alone has sent 2025-H2. The counties taking part that sent nothing
    are in the table with every value missing (no status: never met, never counted), and the period says 1/4."""
    from incentive import overview, periods
    from incentive.labels import reported_label

    import_ok(care_db, "h2.csv", "考核期,县区,指标,数值\n2025H2,甲县,W01,97\n2025H2,甲县,W02,9\n".encode())
    view = welfare.period_view(care_db.connection, "2025-H2")
    assert list(dict.fromkeys(view.table["county"])) == ["甲县", "乙县", "丙县", "丁县"]
    silent = view.table[view.table["county"] != "甲县"]
    assert silent["value"].isna().all() and silent["status"].isna().all()
    assert welfare.status_grid(view.table).loc["乙县"].isna().all()  # blank cells, not met
    totals = overview.welfare_totals(view.table)
    assert (totals.assessed, totals.met, totals.below) == (2, 2, 0)  # 甲县's two indicators with a target
    found = queries.run(care_db.connection, "welfare_periods")
    assert periods.reported(found, "2025-H2") == periods.Reported(1, 4)
    assert periods.reported(found, "2025-H1").complete and periods.reported(found, "2031-H1") is None
    assert reported_label("指标达标率", periods.reported(found, "2025-H2"), "zh") == "指标达标率（1/4 个县区已报）"
    assert (
        reported_label("Targets met", periods.reported(found, "2025-H2"), "en") == "Targets met (1/4 counties reported)"
    )
    assert reported_label("指标达标率", periods.reported(found, "2025-H1"), "zh") == "指标达标率"


PEOPLE = (
    "指标代码,指标名称,类别,单位,方向,权重,目标值\n"
    "W01,年度体检完成率,关爱,%,正向,1,95\nW08,容错免责人数,关爱,人,正向,1,\n"
)
PEOPLE_VALUES = (
    "考核期,县区,指标,数值\n"
    "2025H1,甲县,W08,2\n2025H1,乙县,W08,0\n2025H1,丙县,W08,7\n2025H1,丁县,W08,3\n"
    "2024H2,甲县,W08,6\n2024H2,乙县,W08,1\n2024H2,丙县,W08,9\n2024H2,丁县,W08,8\n"
)


@pytest.fixture
def people_db(db):
    return four_counties(db, PEOPLE, PEOPLE_VALUES)


def test_small_counts_of_people_read_less_than_five_and_their_changes_are_left_out(people_db):
    """A care indicator counted in people (人): 1 to 4 reads <5 in the table, the grid and the sentences, and a
    change is left out where it or the figure before it is such a count (value − change would give it); 0 is 0."""
    table = table_of(people_db)
    people = table[table["indicator"] == "W08"]
    shown = welfare.display_table(people, "zh", 5).set_index("县区")
    assert shown.loc[["甲县", "乙县", "丙县", "丁县"], "数值"].tolist() == ["<5", "0", "7", "<5"]
    assert shown.loc["丙县", "较上期"] == "-2.0"  # 9 to 7: neither small
    assert pd.isna(shown.loc["甲县", "较上期"]) and pd.isna(shown.loc["乙县", "较上期"])  # 2 now; 1 before
    assert pd.isna(shown.loc["丁县", "较上期"])  # 3 now (8 before)
    assert shown.loc["甲县", "全市中位数"] == "<5"  # median of 2, 0, 7, 3 = 2.5, itself a small count
    exact = welfare.display_table(people, "zh").set_index("县区")  # no threshold: the exact export
    assert exact.loc["甲县", "数值"] == "2" and exact.loc["甲县", "较上期"] == "-4.0"
    assert welfare.value_grid(table, 5).loc["丁县", "容错免责人数"] == "<5"
    text = " ".join(welfare.summary_sentences(table, "2025-H1", "zh", small=5))
    assert "3 人" not in text and "2 人" not in text


def test_the_trend_leaves_small_counts_of_people_out_and_keeps_the_median_of_all(people_db):
    history = welfare.history(people_db.connection)
    trend = welfare.trend_shown(history[history["indicator"] == "W08"], 5)
    shown, median, hidden = trend.shown, trend.median, trend.hidden
    values = shown.set_index(["period", "county"])["value"]
    assert hidden == 3  # 2 and 3 in 2025-H1, 1 in 2024-H2; 0 is shown
    assert math.isnan(values[("2025-H1", "甲县")]) and values[("2025-H1", "乙县")] == 0
    assert median["2024-H2"] == 7.0 and math.isnan(median["2025-H1"])  # 2.5: a small count, not drawn


def test_a_period_not_every_county_has_sent_draws_its_counties_but_no_median():
    """2026-H2 sent by one county of three: its value is drawn, but the median of one county is not the
    prefecture's, so none is drawn and the period is named (the page says so under the chart)."""
    history = pd.DataFrame(
        {
            "period": ["2026-H1"] * 3 + ["2026-H2"] * 3,
            "county": ["甲县", "乙县", "丙县"] * 2,
            "value": [80.0, 90.0, 70.0, 95.0, None, None],
            "unit": ["%"] * 6,
        }
    )
    trend = welfare.trend_shown(history, 5)
    assert trend.median["2026-H1"] == 80.0 and math.isnan(trend.median["2026-H2"])
    assert trend.partial == ("2026-H2",) and trend.hidden == 0
    assert trend.shown["value"].tolist()[3] == 95.0  # the county that sent it is drawn


def test_the_radar_opens_on_a_county_that_has_sent_something():
    table = pd.DataFrame({"county": ["甲县", "乙县", "丙县"], "value": [None, 3.0, 4.0]})
    assert welfare.first_reporting(table) == "乙县"
    assert welfare.first_reporting(table.assign(value=None)) is None
