"""能上能下 by hand: decisions counted for the county the cadre was in, rates, tiers of the year before, and the
`<5` rule for viewers."""

import datetime as dt

import pandas as pd
import pytest
from conftest import import_ok, incentive_command

from incentive import disclosure
from incentive.care import movements
from incentive.intake.ingest import parse_file
from incentive.intake.preview import before_roster_text
from incentive.sharing.export import movements_summary_frame
from incentive.store import queries
from incentive.store.effects import BeforeRoster, import_effects
from incentive.store.reference import current_reference

ROSTER_HEAD = "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n"


@pytest.fixture
def moved_db(db):
    import_ok(db, "regions.csv", "县区,乡镇,县区代码\n甲县,东镇,1\n乙县,南镇,2\n".encode())
    # C1 works in 甲县 until the 2025-06-30 snapshot shows him in 乙县.
    import_ok(
        db,
        "r1.csv",
        (
            ROSTER_HEAD + "C1,一,甲县,东镇,一级科员,男,1990,2024-12-31\n"
            "C2,二,甲县,东镇,一级科员,女,1990,2024-12-31\n"
            "C3,三,乙县,南镇,一级科员,男,1990,2024-12-31\n"
        ).encode(),
    )
    import_ok(
        db,
        "r2.csv",
        (
            ROSTER_HEAD + "C1,一,乙县,南镇,一级科员,男,1990,2025-06-30\n"
            "C2,二,甲县,东镇,一级科员,女,1990,2025-06-30\n"
            "C3,三,乙县,南镇,一级科员,男,1990,2025-06-30\n"
            "C4,四,乙县,南镇,一级科员,男,1990,2025-06-30\n"
        ).encode(),
    )
    import_ok(
        db,
        "m.csv",
        (
            "干部编号,调整日期,调整类型\n"
            "C1,2025-03-01,提拔\n"  # in 甲县 then (the 2024-12-31 snapshot)
            "C1,2025-08-01,晋升职级\n"  # in 乙县 by then
            "C2,2025-05-05,问责\nC2,2025-09-09,容错免责\n"
            "C4,2024-10-10,提拔\n"  # before C4's first snapshot: its earliest one, 乙县
            "C4,2025-01-02,平职调整\n"
            "X9,2025-02-02,免职\n"
        ).encode(),
    )  # on no roster
    return db


def year_decisions(db, year):
    return queries.run(db.connection, "movements_by_county", start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))


def test_decisions_count_for_the_county_of_their_date(moved_db):
    counts = year_decisions(moved_db, 2025).set_index(["county", "action"])["decisions"].to_dict()
    assert counts == {
        ("甲县", "promotion"): 1,
        ("甲县", "accountability"): 1,
        ("甲县", "fault_tolerance"): 1,
        ("乙县", "rank_promotion"): 1,
        ("乙县", "lateral"): 1,
        ("", "dismissal"): 1,
    }
    assert year_decisions(moved_db, 2024).values.tolist() == [[2024, "乙县", "promotion", 1]]


def test_one_read_of_several_years_counts_each_year_as_its_own_read(moved_db):
    both = queries.run(moved_db.connection, "movements_by_county", start=dt.date(2024, 1, 1), end=dt.date(2025, 12, 31))
    for year in (2024, 2025):
        alone = year_decisions(moved_db, year)
        assert both[both["year"] == year].reset_index(drop=True).equals(alone)
    days = [dt.date(2024, 12, 31), dt.date(2025, 12, 31)]
    sizes = queries.run(moved_db.connection, "roster_sizes", days=days)
    for day in days:
        alone = queries.run(moved_db.connection, "roster_sizes", days=[day])
        assert sizes[sizes["day"] == pd.Timestamp(day)].reset_index(drop=True).equals(alone)


def test_the_views_of_several_years_are_each_years_own(moved_db):
    together = movements.year_views(moved_db.connection, [2025, 2024, 2025], 2)
    assert list(together) == [2024, 2025]
    for year, view in together.items():
        alone = movements.year_view(moved_db.connection, year, 2)
        assert view.summary.equals(alone.summary) and view.pattern == alone.pattern
        assert view.tier_period == alone.tier_period
    assert movements.year_views(moved_db.connection, [], 2) == {}


def test_summary_rates_and_export(moved_db):
    sizes = queries.run(moved_db.connection, "roster_sizes", days=[dt.date(2025, 12, 31)])
    summary = movements.summary_by_county(year_decisions(moved_db, 2025), sizes).set_index("county")
    assert summary.loc["甲县", "cadres"] == 1 and summary.loc["乙县", "cadres"] == 3
    assert summary.loc["甲县", "promotion_per_100"] == 100 and summary.loc["乙县", "promotion"] == 0
    assert summary.index.tolist() == ["甲县", "乙县", ""]  # the unknown county last
    frame = movements_summary_frame(moved_db, 2025)
    assert frame.columns.tolist() == ["year", "county", *movements.ACTIONS]
    assert frame.set_index("county").loc["甲县", ["promotion", "accountability", "fault_tolerance"]].tolist() == [
        1,
        1,
        1,
    ]


def test_the_tier_comes_from_the_last_race_period_of_the_year_before():
    quarters = ["2023-Q3", "2023-Q4", "2024-Q1", "2024-Q4", "2025-Q2"]
    assert movements.tier_period(quarters, 2025) == "2024-Q4"
    assert movements.tier_period(["2023-Q3", "2023-Q4", "2025-Q2"], 2025) == "2023-Q4"  # none in 2024
    assert movements.tier_period(quarters, 2023) is None


def test_by_tier_sums_counties_and_rates():
    summary = pd.DataFrame(
        {"county": ["甲", "乙", "丙"], "cadres": [100, 300, 200], **{a: [0, 0, 0] for a in movements.ACTIONS}}
    )
    summary["promotion"] = [3, 9, 2]
    summary["accountability"] = [0, 6, 8]
    summary["fault_tolerance"] = [0, 3, 0]
    grouped = movements.by_tier(summary, pd.Series({"甲": 1, "乙": 1, "丙": 3})).set_index("tier")
    assert grouped.loc[1, ["counties", "cadres", "promotion"]].tolist() == [2, 400, 12]
    assert grouped.loc[1, "promotion_per_100"] == 3 and grouped.loc[3, "accountability_per_100"] == 4
    assert grouped.loc[1, "fault_tolerance_per_accountability"] == 0.5
    sizes, lines = movements.disclosure_lines(summary, pd.Series({"甲": 1, "乙": 1, "丙": 3}))
    pattern = disclosure.protect(sizes, lines, 5)
    hidden = movements.visible_rates(grouped.reset_index(), pattern).set_index("tier")
    # tier 3's 2 promotions are hidden, and tier 1's 12 with them: the prefecture's 14 would give them back
    assert hidden["promotion_per_100"].isna().all() and hidden.loc[1, "accountability_per_100"] == 1.5
    assert pattern.status(movements.tier_key(3, "promotion")) == "withheld"  # a small subtotal: not `<5`
    summary["cadres"] = [1999, 2423, 200]  # the cadres on the roster, thousands separated as every count shown
    tiers = movements.tier_table(movements.by_tier(summary, pd.Series({"甲": 1, "乙": 1, "丙": 3})), pattern, 5, "zh")
    assert tiers["cadres"].tolist() == ["4,422", "200"]
    summary = summary.assign(**{rate: 1.0 for rate in movements.RATES})  # the rates' values play no part here
    assert movements.county_table(summary, pattern, 5, "zh")["cadres"].tolist() == ["1,999", "2,423", "200"]


@pytest.mark.parametrize(
    "count, status, shown",
    [
        (0, "", "0"),
        (1, "small", "<5"),
        (4, "small", "<5"),
        (5, "", "5"),
        (6401, "", "6,401"),
        (None, "", None),
        (12, "withheld", "不公开"),
    ],
)
def test_small_counts_show_less_than_the_threshold(count, status, shown):
    assert movements.shown_count(count, status, 5, "zh") == shown


def test_a_rate_from_a_hidden_count_is_hidden_too_in_words_for_a_rate():
    assert movements.shown_rate(0.5, "small", 5, "zh") == "不公开（人数少于5）"
    assert movements.shown_rate(0.5, "small", 5, "en") == "withheld (fewer than 5)"
    assert movements.shown_rate(6.0, "withheld", 5, "en") == "withheld"
    assert movements.shown_rate(2.04, "", 5, "en") == "2.0"


def test_totals_by_year(moved_db):
    yearly = movements.totals_by_year(queries.run(moved_db.connection, "movements_by_year"))
    assert yearly["year"].tolist() == [2024, 2025]
    assert yearly["promotion"].tolist() == [1, 1] and yearly["dismissal"].tolist() == [0, 1]


def test_a_year_has_decisions_by_the_yearly_counts_exactly_when_its_county_counts_have_rows(moved_db):
    """The movements page tells a year without decisions by movements_by_year's rows, where it read the year's
    movements_by_county: a decision before the cadre's first snapshot (2024) and one of a cadre on no roster
    (X9, 2025) count alike; 2023 and 2026 have none."""
    by_year = queries.run(moved_db.connection, "movements_by_year")
    for year in range(2022, 2028):
        assert movements.decided_in(by_year, year) == (not year_decisions(moved_db, year).empty), year
    assert [y for y in range(2022, 2028) if movements.decided_in(by_year, y)] == [2024, 2025]


def test_a_year_the_records_stop_in_is_partial():
    assert movements.partial_year(2026, dt.date(2026, 9, 28)) == dt.date(2026, 9, 28)
    assert movements.partial_year(2025, dt.date(2026, 9, 28)) is None  # a year before: whole
    assert movements.partial_year(2026, dt.date(2026, 12, 31)) is None
    assert movements.partial_year(2026, None) is None


def test_a_year_is_compared_with_the_year_before_only_when_that_year_has_decisions_recorded():
    """movements_by_year's rows (a year with decisions recorded has rows): 2022 has none (never loaded), so 2023
    is compared with nothing while 2024 and 2025 are compared."""
    by_year = pd.DataFrame({"year": [2023, 2024, 2025], "action": ["promotion"] * 3, "decisions": [3, 1, 2]})
    assert movements.compares_with_year_before(by_year, 2025)
    assert movements.compares_with_year_before(by_year, 2024)
    assert not movements.compares_with_year_before(by_year, 2023)
    assert not movements.compares_with_year_before(by_year.iloc[0:0], 2025)


EARLY = "干部编号,调整日期,调整类型\nC1,2025-03-01,提拔\nC4,2024-11-11,问责\nX9,2019-06-01,免职\nC3,2019-06-01,提拔\n"


def test_a_decision_before_its_cadres_first_roster_is_said_with_the_roster_it_counts_by(moved_db):
    """A decision dated before the earliest roster snapshot of its cadre imported with no word, counted in that
    snapshot's county (a tester's note: 2019-06-01 against a first roster of 2023-12-31): the preview and the CLI
    name its row, its date and the roster date and county it counts by. A decision after the first snapshot (C1)
    and a cadre on no roster (X9, said as such) are not among them."""
    preview = parse_file("m.csv", EARLY.encode(), current_reference(moved_db))
    effects = import_effects(moved_db, preview)
    assert effects.before_roster == 2
    assert effects.before_roster_listed == (
        BeforeRoster(3, dt.date(2024, 11, 11), dt.date(2025, 6, 30), "乙县"),
        BeforeRoster(5, dt.date(2019, 6, 1), dt.date(2024, 12, 31), "乙县"),
    )
    assert before_roster_text(preview, effects, "zh") == (
        "文件「m.csv」中 2 条干部调整早于该干部最早的花名册，按该花名册所在县区统计：第 3 行 2024-11-11（按 2025-06-30 的"
        "花名册计入乙县）；第 5 行 2019-06-01（按 2024-12-31 的花名册计入乙县）。"
    )
    assert before_roster_text(preview, effects, "en") == (
        "In “m.csv”, 2 personnel decisions predate the cadre's earliest roster and count for that roster's county: "
        "row 3, 2024-11-11 (counted in 乙县 by the roster of 2025-06-30); row 5, 2019-06-01 (counted in 乙县 by the "
        "roster of 2024-12-31)."
    )
    later = parse_file(
        "l.csv", "干部编号,调整日期,调整类型\nC1,2025-03-01,提拔\n".encode(), current_reference(moved_db)
    )
    assert before_roster_text(later, import_effects(moved_db, later), "zh") == ""


def test_the_cli_says_which_decisions_predate_their_cadres_first_roster(moved_db, tmp_path):
    path = tmp_path / "早.csv"
    path.write_text(EARLY, encoding="utf-8")
    db_path = moved_db.path
    moved_db.close()
    done = incentive_command("--db", db_path, "--lang", "en", "import", path)
    assert done.returncode == 0, done.stderr
    assert "In “早.csv”, 2 personnel decisions predate the cadre's earliest roster" in done.stderr
    assert "row 5, 2019-06-01 (counted in 乙县 by the roster of 2024-12-31)" in done.stderr
