"""Training coverage by hand: a small roster that changes between snapshots, a few training records, and the
measures the page and the export show."""

import dataclasses
import datetime as dt

import pandas as pd
import pytest
from conftest import import_ok

from incentive.sharing.export import coverage_frame
from incentive.store import settings
from incentive.training import coverage
from incentive.training.coverage import Window

ROSTER_HEAD = "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n"
# Mid-year: 甲县 has A1-A4 in 东镇 and A5-A6 in 西镇; 乙县 has B1-B3. By year end A6 has left and A7 joined.
JUNE = [
    "A1,一,甲县,东镇,一级科员,男,1990",
    "A2,二,甲县,东镇,一级科员,女,1985",
    "A3,三,甲县,东镇,二级主任科员,男,1970",
    "A4,四,甲县,东镇,二级主任科员,女,1968",
    "A5,五,甲县,西镇,一级科员,男,1995",
    "A6,六,甲县,西镇,一级科员,女,1996",
    "B1,七,乙县,南镇,一级科员,男,1980",
    "B2,八,乙县,南镇,一级科员,女,1981",
    "B3,九,乙县,南镇,一级科员,男,1982",
]
DECEMBER = [row for row in JUNE if not row.startswith("A6")] + ["A7,十,甲县,西镇,一级科员,男,1999"]
TRAINING = [
    "A1,班一,政治能力,党的理论,线上,集体,60,2025-03-01",
    "A1,班二,专业能力,乡村振兴,线下,集体,60,2025-09-01",  # A1 trained twice: one cadre, 120 h
    "A2,班一,政治能力,党的理论,线上,集体,10,2025-03-01",
    "A6,班三,创新能力,数字政府,线下,个人,8,2025-11-10",  # after A6 left: not on the December roster
    "A7,班三,创新能力,数字政府,线下,个人,8,2025-11-10",
    "B1,班四,实践锻炼,基层治理,线下,集体,110,2025-05-20",
    "B2,班一,政治能力,党的理论,线上,个人,4,2024-12-30",
]  # the year before


def roster(rows, day):
    return (ROSTER_HEAD + "".join(f"{row},{day}\n" for row in rows)).encode()


@pytest.fixture
def trained_db(db):
    import_ok(db, "regions.csv", "县区,乡镇,县区代码\n甲县,东镇,1\n甲县,西镇,1\n乙县,南镇,2\n".encode())
    import_ok(db, "r1.csv", roster(JUNE, "2025-06-30"))
    import_ok(db, "r2.csv", roster(DECEMBER, "2025-12-31"))
    import_ok(
        db,
        "t.csv",
        ("干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n" + "\n".join(TRAINING) + "\n").encode(),
    )
    return db


def measure(db, window: Window, by="county", county=""):
    return coverage.window_query(
        db.connection, "training_coverage", window, by=by, county=county, to_come=0.0
    ).set_index("group")


def test_coverage_counts_each_cadre_once_against_the_roster_in_force(trained_db):
    year = measure(trained_db, coverage.year_window(2025))
    # December roster: 甲县 A1-A5, A7 (6); trained A1, A2, A7 -> 3/6. 乙县 B1-B3; trained B1 -> 1/3.
    assert year.loc["甲县", ["cadres", "trained"]].tolist() == [6, 3]
    assert year.loc["甲县", "coverage"] == pytest.approx(0.5)
    assert year.loc["甲县", "hours_per_cadre"] == pytest.approx((120 + 10 + 8) / 6)  # untrained count as 0
    assert year.loc["甲县", "hours_median"] == pytest.approx(4.0)  # 0, 0, 0, 8, 10, 120
    # against their own targets (乡科级: 90 a year, online hours on top): A1's 120 h are 60 online and 60 not
    assert year.loc["甲县", "share_meeting_target"] == 0
    assert year.loc["甲县", "share_online_met"] == pytest.approx(1 / 6)  # A1's 60 online reach the 50
    assert year.loc[
        "甲县", ["coverage_political", "coverage_professional", "coverage_innovation", "coverage_practice"]
    ].tolist() == pytest.approx([2 / 6, 1 / 6, 1 / 6, 0])
    assert year.loc["乙县", "coverage"] == pytest.approx(1 / 3) and year.loc["乙县", "untrained"] == 2
    # The first half-year uses the June roster (A6 still there, A7 not yet); A1's September course is outside.
    half = measure(trained_db, Window(dt.date(2025, 1, 1), dt.date(2025, 6, 30), "2025-H1"))
    assert half.loc["甲县", ["cadres", "trained"]].tolist() == [6, 2]
    assert half.loc["甲县", "share_online_met"] == pytest.approx(1 / 6)  # A1's 60 online h reach the prorated 25


def test_slices_by_unit_rank_gender_and_age(trained_db):
    year = coverage.year_window(2025)
    by_unit = measure(trained_db, year, "unit", "甲县")
    assert by_unit.loc["东镇", ["cadres", "trained"]].tolist() == [4, 2]
    assert by_unit.loc["西镇", ["cadres", "trained"]].tolist() == [2, 1]
    by_gender = measure(trained_db, year, "gender")
    assert by_gender.loc["F", "cadres"] == 3 and by_gender.loc["M", "cadres"] == 6  # A6 (F) has left
    by_age = measure(trained_db, year, "age")  # ages at the end of 2025
    assert by_age["cadres"].to_dict() == {"36-45": 4, "46-55": 1, "≤35": 3, "≥56": 1}
    everyone = measure(trained_db, year, "all")
    assert everyone.loc["", ["cadres", "trained"]].tolist() == [9, 4]


def every_quarter_sent(db, counties=("甲县", "乙县")) -> None:
    """Records for the quarters of 2025 the fixture leaves unsent (甲县: Q2; 乙县: Q1, Q3, Q4), by cadres already
    trained: what an export measures is a window every county has sent (coverage.reported); coverage unchanged."""
    rows = {
        "甲县": ["A1,班五,专业能力,乡村振兴,线下,集体,2,2025-04-10"],
        "乙县": [f"B1,班五,专业能力,乡村振兴,线下,集体,2,2025-{m}-10" for m in ("02", "08", "11")],
    }
    body = "\n".join(row for county in counties for row in rows[county])
    import_ok(
        db,
        f"sent-{len(counties)}.csv",
        ("干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n" + body + "\n").encode(),
    )


def test_a_county_that_has_not_sent_a_quarter_is_left_out_of_the_export(trained_db):
    every_quarter_sent(trained_db, counties=("甲县",))  # 乙县 still lacks Q1, Q3 and Q4, which 甲县 sent
    frame = coverage_frame(trained_db, "2025", "county")
    assert frame["county"].tolist() == ["甲县"]
    assert frame.loc[0, "cadres"] == 6  # the December roster of 甲县
    every_quarter_sent(trained_db, counties=("乙县",))
    assert coverage_frame(trained_db, "2025", "county")["county"].tolist() == ["甲县", "乙县"]


def test_the_window_a_county_has_sent_runs_from_january_to_its_first_unsent_quarter(trained_db):
    """乙县 lacks 2025's Q1, Q3 and Q4 (甲县 sent them): nothing of its year is measured, and no window from January
    either; once it sends Q1, January to June is the longest window it has sent (Q2 it had), until Q3 is in."""
    config, today = settings.current(trained_db), dt.date(2026, 2, 1)

    def reported(window):
        return coverage.reported(trained_db.connection, window, config, today)

    every_quarter_sent(trained_db, counties=("甲县",))
    last = dt.date(2025, 12, 31)
    assert "乙县" in reported(coverage.year_window(2025)).without
    assert coverage.county_sent_window("乙县", 2025, last, reported) is None
    sent = coverage.county_sent_window("甲县", 2025, last, reported)
    assert (sent.start, sent.end, sent.label) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025-01~2025-12")
    import_ok(
        trained_db,
        "q1.csv",
        "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\nB1,班五,专业能力,乡村振兴,线下,集体,2,2025-02-10\n".encode(),
    )
    sent = coverage.county_sent_window("乙县", 2025, last, reported)
    assert (sent.label, sent.without) == ("2025-01~2025-06", ())
    assert coverage.county_sent_window("乙县", 2025, dt.date(2025, 5, 20), reported).label == "2025-01~2025-05"


def test_small_groups_are_suppressed_in_exports_when_asked(trained_db):
    every_quarter_sent(trained_db)
    frame = coverage_frame(trained_db, "2025", "unit")
    assert frame["suppressed"].tolist() == [True, True, True]  # 4, 2 and 3 cadres: all below 5
    assert frame.loc[0, "coverage"] == pytest.approx(0.5)  # exact by default (docs/decisions.md#cli-exports-are-exact)
    hidden = coverage_frame(trained_db, "2025", "unit", suppress=True)
    assert hidden["coverage"].isna().all() and hidden["cadres"].isna().all()
    settings.save(trained_db, "suppression_threshold", 3, "test")
    shown = coverage_frame(trained_db, "2025", "unit", suppress=True).set_index("unit")
    # 西镇 (2) is small; 东镇 (4) is withheld with it, else 甲县's 6 cadres minus 东镇's 4 would give 西镇's 2
    assert shown.loc["西镇", "suppressed"] and shown.loc["东镇", "suppressed"] and pd.isna(shown.loc["东镇", "cadres"])
    settings.save(trained_db, "suppression_threshold", 1, "test")  # no group is small
    shown = coverage_frame(trained_db, "2025", "unit", suppress=True).set_index("unit")
    assert shown.loc["东镇", "cadres"] == 4 and not shown["suppressed"].any()


def test_untrained_cadres_are_listed_by_name_for_the_cli(trained_db):
    from incentive.accounts.roles import OutOfScope, Scope
    from incentive.sharing.export import untrained_frame

    frame = untrained_frame(trained_db, "2025", "", Scope.ALL)
    assert frame[["county", "unit", "cadre_id", "name"]].values.tolist() == [
        ["甲县", "东镇", "A3", "三"],
        ["甲县", "东镇", "A4", "四"],
        ["甲县", "西镇", "A5", "五"],
        ["乙县", "南镇", "B2", "八"],
        ["乙县", "南镇", "B3", "九"],
    ]
    assert untrained_frame(trained_db, "2025", "乙县", Scope.ALL)["cadre_id"].tolist() == ["B2", "B3"]
    with pytest.raises(OutOfScope):  # the library refuses a narrower scope, whatever its caller asked
        untrained_frame(trained_db, "2025", "", Scope(frozenset({"乙县"})))


def test_domains_mix_and_months(trained_db):
    year = coverage.year_window(2025)
    domains = coverage.window_query(trained_db.connection, "training_domains", year, county="")
    jia = domains[domains["county"] == "甲县"].set_index("domain")
    assert jia.loc["党的理论", ["reached", "hours"]].tolist() == [2, 70.0]
    assert jia.loc["数字政府", "reached"] == 1  # A7 only: A6 is off the December roster
    mix = coverage.mix_shares(coverage.window_query(trained_db.connection, "training_mix", year, county=""))
    assert mix.set_index("county").loc["甲县", "online"] == pytest.approx(70 / 138)
    months = coverage.window_query(trained_db.connection, "training_months", year, county="")
    assert len(months) == 24  # 2 counties x 12 months, months without training included
    cumulative = coverage.cumulative_by_month(months)
    last = cumulative[(cumulative["county"] == "") & (cumulative["month"] == pd.Timestamp("2025-12-01"))]
    assert last["coverage"].item() == pytest.approx(4 / 9) and last["hours_per_cadre"].item() == pytest.approx(
        (138 + 110) / 9
    )


def test_coverage_measures_equal_a_direct_count_on_the_raw_rows(sample_db_path):
    from incentive.store.database import Database

    db = Database(sample_db_path)
    for window in (coverage.year_window(2024), coverage.quarter_window(2025, 2)):
        fast = measure(db, window)
        direct = db.fetch_df(
            """
            WITH r AS (SELECT * FROM roster_in_force($end)),
                 newest AS (SELECT * FROM training WHERE batch_id IN (SELECT id FROM active_batch_ids)
                            QUALIFY row_number() OVER (PARTITION BY cadre_id, course, date ORDER BY batch_id DESC) = 1),
                 t AS (SELECT cadre_id, sum(hours) AS hours FROM newest
                       WHERE date BETWEEN $start AND $end GROUP BY cadre_id)
            SELECT county, count(*) AS cadres, count(t.cadre_id) AS trained, coalesce(sum(t.hours), 0) AS hours
            FROM r LEFT JOIN t USING (cadre_id) GROUP BY county""",
            {"start": window.start, "end": window.end},
        )
        direct = direct.set_index("county")
        assert fast["trained"].to_dict() == direct["trained"].to_dict()
        assert (fast["hours_per_cadre"] * fast["cadres"]).to_dict() == pytest.approx(direct["hours"].to_dict())
    db.close()


def test_county_figures_and_the_mix_come_in_the_regions_order_with_one_row_per_group(sample_db_path):
    """The order is joined after the counting (queries/training_coverage, training_mix): the sample's county codes
    are not in its names' order, so a sort by name, or a join that repeated a group, would show here."""
    from incentive.store.database import Database

    db = Database(sample_db_path)
    by_code = db.fetch_df("SELECT county FROM current_regions GROUP BY county ORDER BY min(county_code)")["county"]
    year = coverage.year_window(2025)
    figures = coverage.window_query(db.connection, "training_coverage", year, by="county", county="", to_come=0.0)
    assert figures["county"].tolist() == by_code.tolist()
    units = coverage.window_query(db.connection, "training_coverage", year, by="unit", county="", to_come=0.0)
    assert list(dict.fromkeys(units["county"])) == by_code.tolist()
    assert not units.duplicated(["county", "group"]).any()
    assert units["cadres"].sum() == figures["cadres"].sum()
    mix = coverage.window_query(db.connection, "training_mix", year, county="")
    assert list(dict.fromkeys(mix["county"])) == [c for c in by_code if c in set(mix["county"])]
    assert not mix.duplicated(["county", "mode", "organized"]).any()
    assert mix["hours"].sum() == pytest.approx(
        db.fetch_df(
            "SELECT sum(hours) AS h FROM current_training WHERE date BETWEEN $start AND $end",
            {"start": year.start, "end": year.end},
        )["h"].item()
        - db.fetch_df(  # records of cadres off the December roster are not the window's
            """SELECT coalesce(sum(t.hours), 0) AS h FROM current_training t
               ANTI JOIN roster_in_force($end) r USING (cadre_id) WHERE t.date BETWEEN $start AND $end""",
            {"start": year.start, "end": year.end},
        )["h"].item()
    )
    db.close()


# ---- windows, targets and gaps (no database)


def test_windows_and_their_previous():
    assert coverage.quarter_window(2025, 1) == Window(dt.date(2025, 1, 1), dt.date(2025, 3, 31), "2025-Q1")
    assert coverage.previous_window(coverage.quarter_window(2025, 1)).label == "2024-Q1"  # the same quarter, 同比
    assert coverage.previous_window(coverage.year_window(2025)).label == "2024"
    custom = coverage.months_window(dt.date(2025, 4, 15), dt.date(2025, 2, 3))
    assert (custom.start, custom.end, custom.months) == (dt.date(2025, 2, 1), dt.date(2025, 4, 30), 3)
    assert coverage.previous_window(custom).label == "2024-02~2024-04"
    across = coverage.months_window(dt.date(2025, 11, 1), dt.date(2026, 2, 1))  # a range across the new year
    assert coverage.previous_window(across).label == "2024-11~2025-02"
    nine = coverage.months_window(dt.date(2026, 1, 1), dt.date(2026, 9, 1))  # one rule: as the running year reads
    assert coverage.previous_window(nine) == coverage.comparable_previous(
        coverage.year_window(2026), dt.date(2026, 9, 28)
    )
    running = coverage.comparable_previous(coverage.year_window(2026), dt.date(2026, 9, 28))
    assert (running.start, running.end) == (dt.date(2025, 1, 1), dt.date(2025, 9, 30))
    assert coverage.comparable_previous(coverage.year_window(2025), dt.date(2025, 12, 31)).label == "2024"


def test_targets_are_prorated_and_the_pace_runs_by_month_then_by_day():
    assert coverage.prorated_target(110, coverage.quarter_window(2025, 2)) == pytest.approx(27.5)
    year = coverage.year_window(2025)
    assert coverage.expected_by(110, year, dt.date(2025, 12, 31)) == 110
    # six whole months and 2 of July's 31 days (by day over the year it was 110 × 183 / 365 = 55.15)
    assert coverage.expected_by(110, year, dt.date(2025, 7, 2)) == pytest.approx(110 * (6 + 2 / 31) / 12)
    assert coverage.expected_by(110, year, dt.date(2024, 7, 2)) == 0
    # at the end of September: 82.5, the quarter's share, as the warnings and the 通报 say (not 82.27 by day)
    assert coverage.expected_by(110, year, dt.date(2025, 9, 30)) == pytest.approx(82.5)
    running = dt.date(2025, 10, 5)  # the year still runs: years to come after the last record
    assert coverage.to_come(year, dt.date(2025, 9, 28), running) == pytest.approx(1 - (8 + 28 / 30) / 12)
    quarter = coverage.quarter_window(2025, 3)  # 27.5 for the quarter: two months and a half by mid-September
    assert coverage.expected_by(110, quarter, dt.date(2025, 9, 15)) == pytest.approx(110 * 2.5 / 12)
    assert coverage.pace_line(pd.Series(pd.date_range("2025-01-01", periods=12, freq="MS")), 120)["expected"].tolist()[
        ::3
    ] == [10, 40, 70, 100]


def test_gaps_name_each_countys_weakest_category_and_domain():
    by_county = pd.DataFrame(
        {
            "county": ["甲县", "乙县"],
            "cadres": [100, 50],
            "coverage_political": [0.9, 0.8],
            "coverage_professional": [0.6, 0.85],
            "coverage_innovation": [0.5, 0.5],
            "coverage_practice": [0.4, 0.45],
        }
    )
    prefecture = pd.Series(
        {
            "coverage_political": 0.87,
            "coverage_professional": 0.68,
            "coverage_innovation": 0.5,
            "coverage_practice": 0.42,
        }
    )
    gaps = coverage.category_gaps(by_county, prefecture)
    assert gaps[["county", "category", "not_reached"]].values.tolist() == [
        ["甲县", "professional", 40],
        ["乙县", "political", 10],
    ]
    assert gaps["gap_pp"].tolist() == pytest.approx([-8.0, -7.0])
    domains = pd.DataFrame(
        {
            "county": ["甲县", "甲县", "乙县", "乙县"],
            "domain": ["党建", "数字", "党建", "数字"],
            "cadres": [100, 100, 50, 50],
            "reached": [50, 10, 25, 20],
        }
    )
    domains["reach"] = domains["reached"] / domains["cadres"]
    weakest = coverage.domain_gaps(domains)
    assert weakest[["county", "domain"]].values.tolist() == [["甲县", "数字"], ["乙县", "党建"]]
    assert weakest["prefecture"].tolist() == pytest.approx([30 / 150, 75 / 150])


def test_units_below_target_are_sorted_by_shortfall():
    units = pd.DataFrame(
        {
            "county": ["甲县", "甲县", "乙县"],
            "group": ["东镇", "西镇", "南镇"],
            "cadres": [10, 10, 10],
            "hours_short": [100.0, 700.0, 0.0],
        }
    )
    below = coverage.units_below_target(units)
    assert below["group"].tolist() == ["西镇", "东镇"] and below["shortfall"].tolist() == [70, 10]


def test_settings_are_stored_validated_and_defaulted(db):
    assert settings.current(db) == {
        "coverage_target": 90.0,
        "rank_min_coverage": 65.0,
        "suppression_threshold": 5,
        "max_hours_per_record": 200.0,
        "hours_per_day": 0.0,
        "excellent_quota": 20.0,
        "idle_minutes": 30,
        "due_days_race_scores": 15,
        "due_days_welfare": 15,
        "due_days_training": 15,
        "training_cycle_months": 3,
        "due_days_roster": 31,
        "alert_third_tier_periods": 2,
        "alert_care_periods": 2,
        "bulletin_issuer": "（发文机关）",
        "bulletin_document_no": "（文号）",
    }
    settings.save(db, "coverage_target", "96", "test")
    assert settings.current(db)["coverage_target"] == 96.0
    for key, value in [
        ("coverage_target", "abc"),
        ("suppression_threshold", "2.5"),
        ("coverage_target", 120),
        ("nope", 1),
    ]:
        with pytest.raises(settings.SettingError):
            settings.save(db, key, value, "test")
    assert settings.current(db)["coverage_target"] == 96.0


def test_quarters_and_month_ranges_stop_at_the_last_record():
    assert coverage.quarters_through(dt.date(2026, 9, 30)) == [3, 2, 1]
    assert coverage.quarters_through(dt.date(2026, 10, 1)) == [4, 3, 2, 1]  # one day of records makes Q4 offered
    assert coverage.quarters_through(dt.date(2026, 1, 5)) == [1]
    through = dt.date(2026, 9, 12)
    assert coverage.parse_month_range("2026-03~2026-09", 2026, through=through) == (
        dt.date(2026, 3, 1),
        dt.date(2026, 9, 1),
    )
    assert coverage.parse_month_range("2026-03~2026-10", 2026, through=through) is None
    assert coverage.parse_month_range("2026-03~2026-10", 2026) is not None  # without a bound, as before


def test_a_running_year_is_compared_with_the_same_months_a_year_earlier(sample_db_path):
    """docs/decisions.md#one-rule-for-a-coverage-change: the sample's 2026 records stop before December, so 2026 is
    compared with 2025's same months, not with the whole of 2025 (the overview's old window), which reads
    differently."""
    from incentive.store import queries
    from incentive.store.database import Database

    db = Database(sample_db_path)
    try:
        conn = db.connection
        year = coverage.year_window(2026)
        last = coverage.as_date(queries.run(conn, "training_last_date", start=year.start, end=year.end).iloc[0, 0])
        assert last < year.end  # the year is still running in the sample
        before = coverage.comparable_previous(year, last)
        assert (before.start, before.end) == (dt.date(2025, 1, 1), coverage.month_end(2025, last.month))

        def measured(window):
            frame = coverage.window_query(conn, "training_coverage", window, by="all", county="", to_come=0.0)
            return frame, coverage.disclosure_pattern(conn, window, coverage.cadres_in(conn, window), 5, 0.0)

        (now, pattern), (then, pattern_then) = measured(year), measured(before)
        head = coverage.scope_headline(now, then, pattern, pattern_then)
        expected = (now["coverage"].iloc[0] - then["coverage"].iloc[0]) * 100
        assert head.coverage_pp == pytest.approx(expected)
        whole_2025, _ = measured(coverage.year_window(2025))
        assert abs(head.coverage_pp - (now["coverage"].iloc[0] - whole_2025["coverage"].iloc[0]) * 100) > 0.05
    finally:
        db.close()


@pytest.mark.slow
def test_a_year_cut_before_a_quarter_some_counties_sent_reads_as_before_its_first_records(sample_db_path):
    """docs/decisions.md#unsent-training-files: on 2026-11-16, with 2026-Q4 running, the sample's year to date
    (records to 09-28) reads the same figures (coverage, hours, 达到本人学时目标 against the whole year's target, on
    pace, hours short), pace and comparison window after three counties have sent October records as before: the
    counties that sent early do not move the year, and the counties yet to send do not read as untrained."""
    from incentive.store.database import Database

    db = Database(sample_db_path)
    try:
        conn, config, today = db.connection, settings.current(db), dt.date(2026, 11, 16)

        def year_figures():
            window = coverage.reported(conn, coverage.year_window(2026), config, today)
            years = coverage.pace_years(conn, window, today)
            last = coverage.last_recorded(conn, window)
            rows = [
                coverage.window_query(conn, "training_coverage", window, by=by, county="", to_come=years)
                for by in ("all", "county", "rank_group")
            ]
            return window, years, coverage.comparable_previous(window, last).label, rows

        window, years, before, rows = year_figures()
        assert not window.cut and window.label == "2026" and rows[0]["share_meeting_target"].iloc[0] > 0
        early = conn.execute(
            "SELECT county, min(cadre_id) FROM current_roster GROUP BY county ORDER BY county LIMIT 3"
        ).fetchall()
        body = "".join(f"{cadre},十月班,专业能力,乡村振兴,线下,集体,40,2026-10-12\n" for _, cadre in early)
        import_ok(
            db, "october.csv", ("干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n" + body).encode()
        )

        cut, cut_years, cut_before, cut_rows = year_figures()
        assert cut.cut and cut.label == "2026" and cut.pending[:2] == ("2026-Q4", 3)
        assert (cut_years, cut_before, cut.without) == (years, before, window.without)
        for now, then in zip(cut_rows, rows, strict=True):
            pd.testing.assert_frame_equal(now, then)

        # January to November chosen on 1 December: over, but cut at September, so its pace is at the last record
        # counted too (not the whole eleven months owed by records of nine): the year's 达到应有进度 and 距目标尚差
        december = dt.date(2026, 12, 1)
        for chosen in (coverage.year_window(2026), coverage.months_window(dt.date(2026, 1, 1), dt.date(2026, 11, 1))):
            measured = coverage.reported(conn, chosen, config, december)
            assert measured.cut and coverage.running(measured, coverage.last_recorded(conn, measured), december)
            row = coverage.window_query(
                conn,
                "training_coverage",
                measured,
                by="all",
                county="",
                to_come=coverage.pace_years(conn, measured, december),
            ).iloc[0]
            assert (row["share_on_pace"], row["hours_short"]) == pytest.approx(
                (rows[0]["share_on_pace"].iloc[0], rows[0]["hours_short"].iloc[0])
            ), chosen.label

        # every county but 棠梨县, left out of the year for its unsent 2026-Q3, sends October: nothing is cut
        others = conn.execute(
            "SELECT county, min(cadre_id) FROM current_roster WHERE county <> '棠梨县' GROUP BY county"
        ).fetchall()
        body = "".join(f"{cadre},十月班,专业能力,乡村振兴,线下,集体,40,2026-10-13\n" for _, cadre in others)
        import_ok(
            db,
            "october2.csv",
            ("干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n" + body).encode(),
        )
        whole = coverage.reported(conn, coverage.year_window(2026), config, today)
        assert (whole.cut, whole.pending, whole.without) == (False, None, ("棠梨县",))
        assert coverage.last_recorded(conn, whole) == dt.date(2026, 10, 13)
    finally:
        db.close()


def test_a_quarter_still_running_that_some_counties_have_sent_is_cut_off_or_leaves_the_others_out(trained_db):
    """On 2025-11-20, 2025-Q4 is running: 甲县 has sent records of it (A6 and A7 on 11-10), 乙县 not yet. The year
    counts records up to September for both counties rather than read 乙县's quarter as untrained, and stays the year
    to date (its whole-year targets, its pace at the last record counted); the quarter on its own leaves 乙县 out;
    each says so (docs/decisions.md#unsent-training-files)."""
    from incentive.sharing import bulletin

    body = "A1,班五,专业能力,乡村振兴,线下,集体,2,2025-04-10\n" + "".join(
        f"B1,班五,专业能力,乡村振兴,线下,集体,2,2025-{m}-10\n" for m in ("02", "08")
    )  # 甲县 Q2, 乙县 Q1 and Q3: every ended quarter is in
    import_ok(
        trained_db,
        "sent.csv",
        ("干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n" + body).encode(),
    )
    config, today = settings.current(trained_db), dt.date(2025, 11, 20)
    year = coverage.reported(trained_db.connection, coverage.year_window(2025), config, today)
    assert (year.start, year.end, year.label) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025")
    assert year.records_end == year.data_end == dt.date(2025, 9, 30) and year.cut
    assert year.without == () and year.pending == ("2025-Q4", 1, 2)
    hours = measure(trained_db, year).loc["甲县", "hours_per_cadre"] * 6
    assert hours == pytest.approx(60 + 60 + 10 + 2)  # A1's and A2's: A7's 8 hours of November are after the cut
    # the year to date: the December roster and each cadre's whole-year target (乡科级 90), the pace at the last
    # record counted (A1's of 09-01), compared with January to September of the year before
    cadres = coverage.cadres_in(trained_db.connection, year).to_pandas().set_index("cadre_id")
    assert sorted(cadres.index) == ["A1", "A2", "A3", "A4", "A5", "A7", "B1", "B2", "B3"]
    assert cadres.loc["A1", ["counted_hours", "target"]].tolist() == [62, 90]
    assert cadres.loc["A7", "hours"] == 0
    assert coverage.last_recorded(trained_db.connection, year) == dt.date(2025, 9, 1)
    assert coverage.pace_years(trained_db.connection, year, today) == pytest.approx(1 - (8 + 1 / 30) / 12)
    assert coverage.comparable_previous(year, dt.date(2025, 9, 1)).label == "2024-01~2024-09"
    line = bulletin.absent_training(trained_db.connection, year, config, "zh", until=today)
    assert line == "2025年第四季度尚在报送中（2 个县区中已有 1 个报送），各项数字截至2025年9月，不含该期。"
    quarter = coverage.reported(trained_db.connection, coverage.quarter_window(2025, 4), config, today)
    assert quarter.without == ("乙县",) and not quarter.cut and quarter.end == dt.date(2025, 12, 31)
    assert bulletin.absent_training(trained_db.connection, quarter, config, "zh", until=today).startswith(
        "1 个县区培训数据未报齐：乙县（2025年第四季度未报）。"
    )
    # 提任前培训 of 2025 is judged into the running quarter: 乙县's catch-up may read low
    promotions = bulletin.promotions_absent(trained_db.connection, 2025, config, "zh", until=today)
    assert "乙县（2025年第四季度未报）" in promotions  # and 甲县's 2024-Q4, which 乙县 sent (B2, 2024-12-30)
    # once every county has sent it, nothing is cut or left out
    import_ok(
        trained_db,
        "q4.csv",
        "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\nB1,班五,专业能力,乡村振兴,线下,集体,2,2025-11-12\n".encode(),
    )
    whole = coverage.reported(trained_db.connection, coverage.year_window(2025), config, today)
    assert (whole.data_end, whole.without, whole.pending, whole.cut) == (dt.date(2025, 12, 31), (), None, False)
    assert "2025年第四季度" not in bulletin.promotions_absent(trained_db.connection, 2025, config, "zh", until=today)


def test_a_window_of_some_months_of_a_quarter_a_county_has_not_sent_leaves_it_out(trained_db):
    """A window holding only part of a quarter: on 2025-11-20 乙县 has sent neither 2025-Q3, which has ended, nor
    2025-Q4, which is running, while 甲县 has sent both. A window of August alone, or of July to October, misses
    乙县's months as surely as the whole quarter does: it is left out and named, where before only a quarter lying
    wholly within the window counted and 乙县's August read as nobody trained (a new user's walk: 棠梨县's
    2026-07 read 0 % covered, no notice). November alone, inside the running quarter, leaves out the county yet to
    send it, as the quarter's own window does."""
    from incentive.sharing import bulletin

    body = "".join(f"A1,班五,专业能力,乡村振兴,线下,集体,2,2025-{m}-10\n" for m in ("05", "07", "08", "11"))
    body += "".join(f"B1,班五,专业能力,乡村振兴,线下,集体,2,2025-{m}-10\n" for m in ("02", "05"))
    import_ok(
        trained_db,
        "sent.csv",
        ("干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n" + body).encode(),
    )
    config, today = settings.current(trained_db), dt.date(2025, 11, 20)
    for first, last in [((2025, 8, 1), (2025, 8, 1)), ((2025, 7, 1), (2025, 10, 1))]:
        window = coverage.months_window(dt.date(*first), dt.date(*last))
        reported = coverage.reported(trained_db.connection, window, config, today)
        assert reported.without == ("乙县",), (window.label, reported)
        line = bulletin.absent_training(trained_db.connection, reported, config, "zh", until=today)
        assert line.startswith("1 个县区培训数据未报齐：乙县（2025年第三季度未报）。"), line
    november = coverage.reported(
        trained_db.connection, coverage.months_window(dt.date(2025, 11, 1), dt.date(2025, 11, 1)), config, today
    )
    assert november.without == ("乙县",) and november.pending == ("2025-Q4", 1, 2) and not november.cut
    june = coverage.reported(
        trained_db.connection, coverage.months_window(dt.date(2025, 6, 1), dt.date(2025, 6, 1)), config, today
    )
    assert june.without == ()  # both sent 2025-Q2 (their May)


def test_the_training_page_opens_on_windows_every_county_has_sent():
    """A quarter still being sent that only some counties have sent is offered, not opened on; nor are its months."""
    year = coverage.year_window(2026)
    sending = dataclasses.replace(year, pending=("2026-Q4", 3, 12), records_end=dt.date(2026, 9, 30))
    assert coverage.opening_quarter([4, 3, 2, 1], sending) == 3
    assert coverage.opening_quarter([4, 3, 2, 1], year) == 4
    assert coverage.opening_quarter([1], dataclasses.replace(year, pending=("2026-Q1", 1, 12))) == 1  # nothing else
    assert coverage.opening_months(sending, dt.date(2026, 11, 20)) == (dt.date(2026, 1, 1), dt.date(2026, 9, 1))
    assert coverage.opening_months(year, dt.date(2026, 9, 28)) == (dt.date(2026, 1, 1), dt.date(2026, 9, 1))
