"""一县一档's figures (incentive/county_profile.py) on the sample: each is the pillar library's own figure for the
county, and each year-on-year change is the difference of two figures the pages show, or withheld."""

import dataclasses
import datetime as dt
import math

import pandas as pd
import pytest

from incentive import county_profile, periods
from incentive.care import movements, welfare
from incentive.race import rankings
from incentive.store import queries
from incentive.store.database import Database
from incentive.training import coverage

COUNTY = "鹤汀县"
THRESHOLD = 5


@pytest.fixture(scope="module")
def sample(sample_db_file):
    db = Database(sample_db_file)
    yield db.connection
    db.close()


def test_a_county_account_sees_only_its_own_county():
    counties = ["甲县", "乙县"]
    assert county_profile.whose("乙县", "甲县", counties) == ("甲县", True)
    assert county_profile.whose("甲县", "甲县", counties) == ("甲县", False)
    assert county_profile.whose("", "甲县", counties) == ("甲县", False)
    assert county_profile.whose("乙县", None, counties) == ("乙县", False)
    assert county_profile.whose("丙县", None, counties) == (None, False)  # not a county: the page asks
    assert county_profile.whose("", None, counties) == (None, False)


@pytest.mark.slow
def test_a_rank_move_is_offered_only_against_a_stored_period():
    """同比 is offered only where the same period a year earlier is stored (not in the first year of data), 环比
    only where an earlier period of the same form is; each with the period it compares with."""
    stored = ["2023-Q1", "2023-Q2", "2024-Q1", "2024-Q3", "2024-H1"]
    assert county_profile.rank_comparisons("2024-Q3", stored) == {"previous": "2024-Q1"}  # no 2023-Q3
    assert county_profile.rank_comparisons("2024-Q1", stored) == {"previous": "2023-Q2", "year": "2023-Q1"}
    assert county_profile.rank_comparisons("2023-Q2", stored) == {"previous": "2023-Q1"}
    assert county_profile.rank_comparisons("2023-Q1", stored) == {}  # the first period: nothing before it
    assert county_profile.rank_comparisons("2024-H1", stored) == {}  # no half-year before it


def test_the_rank_path_is_each_periods_ranking_with_the_move_since_a_year_earlier(sample):
    available = rankings.available_periods(sample)
    shown, wanted = county_profile.history_periods(available, available[-1], 8)
    assert shown == available[-8:] and set(shown) <= set(wanted)
    assert periods.year_before(shown[0]) in wanted
    by_period = {p: rankings.rank_period(sample, p, draws=0, sensitivity=False) for p in wanted}
    path = county_profile.rank_path(by_period, COUNTY, shown).set_index("period")
    assert path.index.tolist() == shown
    moved = 0
    for period in shown:
        table = by_period[period].table
        assert path.at[period, "rank"] == table.at[COUNTY, "rank"]
        assert path.at[period, "tier"] == table.at[COUNTY, "tier"]
        assert path.at[period, "units"] == len(by_period[period].ranked)
        before = by_period[periods.year_before(period)].table
        assert path.at[period, "rank_year_before"] == before.at[COUNTY, "rank"]
        change = path.at[period, "change_year_before"]
        assert change == before.at[COUNTY, "rank"] - table.at[COUNTY, "rank"]  # every sample quarter ranks all
        moved += change != 0
    assert moved  # the sample's county does move: the test compares something


def test_a_move_is_withheld_when_the_periods_rank_different_counties(sample):
    available = rankings.available_periods(sample)
    now = rankings.rank_period(sample, available[-1], draws=0, sensitivity=False)
    before_period = periods.year_before(available[-1])
    inputs = rankings.race_inputs(sample, before_period)
    others = inputs.values[inputs.values["unit"] != "澄溪县"]  # one county sent nothing that year
    before = rankings.rank_inputs(
        rankings.RaceInputs(before_period, others, inputs.catalog, inputs.units), draws=0, sensitivity=False
    )
    path = county_profile.rank_path({available[-1]: now, before_period: before}, COUNTY, [available[-1]])
    assert path.at[0, "rank_year_before"] == before.table.at[COUNTY, "rank"]
    assert path["change_year_before"].isna().all()


@pytest.mark.slow
def test_decisions_show_the_movements_pages_cells_and_withhold_a_change_of_a_hidden_count(sample):
    year = 2026
    now, before = movements.year_view(sample, year, THRESHOLD), movements.year_view(sample, year - 1, THRESHOLD)
    rows = county_profile.decisions(now, before, COUNTY, THRESHOLD, "zh").set_index("action")
    page_now = movements.county_table(now.summary, now.pattern, THRESHOLD, "zh").set_index("county").loc[COUNTY]
    page_before = movements.county_table(before.summary, before.pattern, THRESHOLD, "zh").set_index("county")
    page_before = page_before.loc[COUNTY]
    exact_now = now.summary.set_index("county").loc[COUNTY]
    exact_before = before.summary.set_index("county").loc[COUNTY]
    kinds = set()
    for action in movements.ACTIONS:
        assert rows.at[action, "count"] == page_now[action]
        assert rows.at[action, "count_year_before"] == page_before[action]
        hidden = not page_now[action].isdigit() or not page_before[action].isdigit()
        if hidden:
            assert rows.at[action, "change_year_before"] == "不公开"
        else:
            difference = int(exact_now[action]) - int(exact_before[action])
            assert rows.at[action, "change_year_before"] == (f"{difference:+d}" if difference else "0")
        kinds.add(hidden)
    assert kinds == {True, False}  # both cases occur in the sample


@pytest.mark.slow
def test_care_figures_are_the_care_pages_rows_with_the_change_since_a_year_earlier(sample):
    stored = welfare.stored_periods(sample)
    period = stored[-1]
    view = welfare.period_view(sample, period)
    earlier = welfare.period_view(sample, periods.year_before(period))
    rows = county_profile.care(view.table, earlier.table, COUNTY).set_index("indicator")
    own = view.table[view.table["county"] == COUNTY].set_index("indicator")
    own_before = earlier.table[earlier.table["county"] == COUNTY].set_index("indicator")
    assert rows.index.tolist() == own.index.tolist()
    for code in own.index:
        assert rows.at[code, "value"] == own.at[code, "value"]
        assert rows.at[code, "status"] == own.at[code, "status"] or pd.isna(own.at[code, "status"])
        assert rows.at[code, "value_year_before"] == own_before.at[code, "value"]
        assert rows.at[code, "change_year_before"] == pytest.approx(
            own.at[code, "value"] - own_before.at[code, "value"]
        )


@pytest.mark.slow
def test_the_care_trend_counts_each_periods_statuses(sample):
    trend = county_profile.care_status_trend(welfare.history(sample), COUNTY).set_index("period")
    assert trend.index.tolist() == welfare.stored_periods(sample)
    for period in trend.index:
        statuses = welfare.period_view(sample, period).table.query("county == @COUNTY")["status"]
        for status in ("met", "near", "below"):
            assert trend.at[period, status] == int((statuses == status).sum())


@pytest.mark.slow
def test_training_is_the_counties_coverage_and_its_change_on_the_same_months_a_year_earlier(sample):
    window = coverage.year_window(2026)
    found = queries.run(sample, "training_last_date", start=window.start, end=window.end)
    last = coverage.as_date(found["last_date"].iloc[0])
    before_window = coverage.comparable_previous(window, last)
    now = coverage.county_figures(sample, window, THRESHOLD, dt.date.today())
    before = coverage.county_figures(sample, before_window, THRESHOLD, dt.date.today())
    profile = county_profile.training(now, before, COUNTY)
    row, hidden = now.county(COUNTY)
    row_before, _ = before.county(COUNTY)
    assert not hidden and profile.row.equals(row)
    assert profile.coverage_pp == round((row["coverage"] - row_before["coverage"]) * 100, 1)
    assert profile.hours_change == round(row["hours_per_cadre"] - row_before["hours_per_cadre"], 1)
    assert profile.untrained_change == int(row["untrained"]) - int(row_before["untrained"])
    gaps = now.category_gaps.set_index("county")
    assert profile.category_gap["category"] == gaps.at[COUNTY, "category"]


def _county_figures(status: str = "", trained: int = 3, untrained: int = 3) -> coverage.CountyFigures:
    by_county = pd.DataFrame(
        {
            "county": ["甲县"],
            "coverage": [trained / (trained + untrained)],
            "hours_per_cadre": [10.0 if trained else 0.0],
            "hours_median": [8.0 if trained else 0.0],
            "trained": [trained],
            "untrained": [untrained],
        }
    )
    empty = pd.DataFrame(columns=["county"])
    return coverage.CountyFigures(coverage.year_window(2026), None, by_county, pd.Series([status]), empty, empty, 110.0)


def test_a_hidden_county_has_no_training_change():
    hidden, shown = _county_figures("small"), _county_figures()
    assert county_profile.training(hidden, shown, "甲县").coverage_pp is None
    assert county_profile.training(shown, hidden, "甲县").coverage_pp is None
    assert county_profile.training(shown, shown, "甲县").coverage_pp == 0.0


def test_a_year_before_without_training_is_no_comparison():
    """A year whose records were never loaded (the sample's 2022: every cadre on the roster, nobody trained) is not
    a rise from nothing: no change, as on the training page and the overview (coverage.headline); the county page
    showed +92.5 个百分点 and 未参训 −665 against it (a fresh user's review)."""
    nothing = _county_figures(trained=0, untrained=6)
    profile = county_profile.training(_county_figures(), nothing, "甲县")
    assert (profile.coverage_pp, profile.hours_change, profile.untrained_change, profile.compared) == (
        None,
        None,
        None,
        False,
    )
    profile = county_profile.training(_county_figures(trained=4, untrained=2), _county_figures(), "甲县")
    assert (profile.coverage_pp, profile.hours_change, profile.untrained_change, profile.compared) == (
        16.7,
        0.0,
        -1,
        True,
    )


def test_tables_round_as_the_other_pages_print_the_same_figure():
    """32.085 is 32.09 on 赛马排名 (Python's format of the stored number); pandas' round read 32.08 here. A care
    median carries no float noise into a download."""
    import pandas as pd

    from incentive import county_profile

    benchmarks = pd.DataFrame(
        {
            "name": ["重点项目投资完成额"],
            "track": ["项目建设"],
            "unit_of_measure": ["亿元"],
            "direction": ["higher"],
            "value": [20.456],
            "median": [32.085],
            "benchmark": [38.555],
            "best_unit": ["枫岚县"],
            "best": [45.17],
            "from_benchmark": [20.456 - 38.555],
            "from_best": [20.456 - 45.17],
            "value_year_before": [30.75],
        }
    )
    row = county_profile.benchmark_table(benchmarks, "zh").iloc[0]
    assert (row["全市中位数"], row["值"]) == (32.09, 20.46)
    assert (row["距标杆"], row["距最优"]) == (-18.1, -24.71)
    care = pd.DataFrame(
        {
            "name": ["带薪休假落实率"],
            "unit": ["%"],
            "value": [80.7],
            "target": [90.0],
            "status": ["below"],
            "median": [89.94999999999999],
            "value_year_before": [83.6],
            "status_year_before": ["near"],
            "change_year_before": [-2.9000000000000057],
        }
    )
    shown = county_profile.care_table(care, "zh").iloc[0]
    assert shown["全市中位数"] == 89.95 and shown.iloc[-1] == -2.9


def test_figures_to_two_places_have_no_negative_zero():
    """The best county's own distance from the best read "-0" (review of 2026-12-05)."""
    shown = county_profile._two_places(pd.Series([-0.0, -0.001, 32.085, None]))
    assert [math.copysign(1, v) for v in shown[:2]] == [1, 1] and shown[2] == 32.09 and pd.isna(shown[3])


def test_a_county_left_out_of_the_training_window_is_named_alone_in_its_own_pages_words():
    """On 棠梨县's own page the prefecture's line "本区间的各项数字不含上述县区" read as if its own figures left it
    out: its page names it alone, in words of its own; another county's page names every county left out."""
    window = dataclasses.replace(coverage.year_window(2026), without=("棠梨县", "云岫县"))
    assert county_profile.training_absence(window, "棠梨县") == ("棠梨县", "training_absent_own")
    assert county_profile.training_absence(window, "鹤汀县") == ("", "training_absent_line")
