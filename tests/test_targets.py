"""Training targets by rank on a hand-made roster: the rank groups, the boundaries of a one-year target, the
rolling five-year window, a promotion inside it, the online minimum, the pace, the table's history, the migration
from the single `hours_target` setting, and 提任前 training (docs/decisions.md#training-targets-by-rank)."""

import contextlib
import dataclasses
import datetime as dt

import duckdb
import pandas as pd
import pytest
from conftest import import_ok

from incentive.store import migrations
from incentive.store.database import Database
from incentive.training import coverage, targets

ROSTER_HEAD = "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n"
TRAINING_HEAD = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"
# S1-S6 are 乡科级 and below all along; D1 县处级 all along; P1 promoted into 县处级 on the 2024-12-31 roster.
SECTION = [
    "S1,一,甲县,东镇,一级科员,男,1990",
    "S2,二,甲县,东镇,一级主任科员,女,1985",
    "S3,三,甲县,东镇,乡科级正职,男,1980",
    "S4,四,甲县,西镇,二级主任科员,女,1975",
    "S5,五,乙县,南镇,一级科员,男,1992",
    "S6,六,乙县,南镇,乡科级副职,女,1988",
]
DIVISION = "D1,七,甲县,东镇,县处级副职,男,1970"
PROMOTED_BEFORE, PROMOTED_AFTER = "P1,八,乙县,南镇,乡科级正职,男,1975", "P1,八,乙县,南镇,四级调研员,男,1975"
TRAINING = [
    "S1,班一,政治能力,党的理论,线下,集体,90,2025-03-01",  # exactly 90: meets
    "S2,班一,政治能力,党的理论,线下,集体,89.5,2025-03-01",  # half an hour short
    "S3,班二,专业能力,乡村振兴,线下,集体,60,2025-05-01",
    "S3,班三,专业能力,乡村振兴,线上,个人,50,2025-06-01",  # online: on top, not counted towards the 90
    "S4,班三,专业能力,乡村振兴,线上,个人,49,2025-06-01",  # one hour under the online minimum
    "S5,班一,政治能力,党的理论,线下,集体,90,2024-12-31",  # the year before: outside 2025
    # D1: 550 over 2021-01..2025-12, a December 2020 course outside the rolling window
    "D1,班四,政治能力,党的理论,线下,集体,100,2020-12-15",
    "D1,班五,政治能力,党的理论,线下,集体,200,2021-01-10",
    "D1,班六,专业能力,乡村振兴,线下,集体,200,2023-06-10",
    "D1,班七,专业能力,乡村振兴,线下,集体,150,2025-09-10",
    # P1: 470 in the window against a prorated 471.67 (see the promotion test)
    "P1,班五,政治能力,党的理论,线下,集体,170,2022-06-10",
    "P1,班六,专业能力,乡村振兴,线下,集体,150,2023-06-10",
    "P1,班七,专业能力,乡村振兴,线下,集体,150,2025-06-10",
]


def roster(rows, day):
    return (ROSTER_HEAD + "".join(f"{row},{day}\n" for row in rows)).encode()


@pytest.fixture
def ranked_db(db):
    import_ok(db, "regions.csv", "县区,乡镇,县区代码\n甲县,东镇,1\n甲县,西镇,1\n乙县,南镇,2\n".encode())
    for year in (2021, 2022, 2023, 2024, 2025):
        promoted = PROMOTED_AFTER if year >= 2024 else PROMOTED_BEFORE
        import_ok(db, f"r{year}.csv", roster([*SECTION, DIVISION, promoted], f"{year}-12-31"))
    import_ok(db, "t.csv", (TRAINING_HEAD + "\n".join(TRAINING) + "\n").encode())
    return db


def per_cadre(db, window):
    frame = coverage.cadres_in(db.connection, window).to_pandas()
    return frame.set_index("cadre_id")


def test_ranks_map_to_two_groups_and_an_unknown_rank_to_none(db):
    ranks = [
        "一级科员",
        "四级主任科员",
        "乡科级副职",
        "乡科级正职",
        "办事员",
        "县处级副职",
        "副县级",
        "四级调研员",
        "一级巡视员",
        "厅局级正职",
        "工勤人员",
        "",
    ]
    cur = db.cursor()
    got = [cur.execute("SELECT rank_group($r)", {"r": r}).fetchone()[0] for r in ranks]
    assert got == ["section"] * 5 + ["division"] * 5 + [None, None]


def test_defaults_are_the_regulations(db):
    assert targets.in_force(db) == {"section": targets.Target(90, 1, 50), "division": targets.Target(550, 5, 50)}
    assert targets.in_force(db) == targets.DEFAULTS
    assert targets.Target(550, 5, 50).annual == 110


def test_one_year_target_boundaries_and_online_on_top(ranked_db):
    year = per_cadre(ranked_db, coverage.year_window(2025))
    assert year.loc["S1", ["counted_hours", "target", "met_target"]].tolist() == [90, 90, True]
    assert year.loc["S2", ["counted_hours", "met_target"]].tolist() == [89.5, False]
    # S3: 60 offline + 50 online = 110 hours in all, but online hours do not count towards the 90
    assert year.loc["S3", ["hours", "counted_hours", "met_target"]].tolist() == [110, 60, False]
    assert year.loc["S3", ["online_hours", "online_target", "online_met"]].tolist() == [50, 50, True]
    assert year.loc["S4", ["online_hours", "online_met"]].tolist() == [49, False]
    assert year.loc["S5", ["counted_hours", "met_target"]].tolist() == [0, False]  # trained on 2024-12-31
    assert (year.loc[[f"S{i}" for i in range(1, 7)], "window_months"] == 12).all()
    # a quarter: the one-year target prorated (90 × 3 / 12), the online minimum too
    q1 = per_cadre(ranked_db, coverage.quarter_window(2025, 1))
    assert q1.loc["S1", ["target", "online_target", "met_target"]].tolist() == [22.5, 12.5, True]


def test_five_year_target_over_the_rolling_window(ranked_db):
    year = per_cadre(ranked_db, coverage.year_window(2025))
    d1 = year.loc["D1"]
    assert (d1["window_start"], d1["window_months"]) == (dt.date(2021, 1, 1), 60)
    # 200 + 200 + 150 in 2021-01..2025-12; the 100 of December 2020 are outside
    assert (d1["counted_hours"], d1["target"], d1["met_target"]) == (550, pytest.approx(550), True)
    assert d1["hours"] == 150  # the page's own window (2025) still shows 2025's hours
    # a year earlier the window is 2020-01..2024-12: 100 + 200 + 200 = 500 < 550
    before = per_cadre(ranked_db, coverage.year_window(2024)).loc["D1"]
    assert (before["counted_hours"], before["met_target"]) == (500, False)
    # a quarter: still five years back from the quarter's end, against the whole 550
    q3 = per_cadre(ranked_db, coverage.quarter_window(2025, 3)).loc["D1"]
    assert (q3["window_start"], q3["counted_hours"], q3["target"]) == (dt.date(2020, 10, 1), 650, pytest.approx(550))


def test_both_windows_of_a_cadre_are_read_as_if_apart(ranked_db):
    """queries/training_cadres.sql reads each cadre's page window and his own target's window: its columns of the
    page's window equal the macro cadre_training's, and his counted and online 学时 equal sums over the raw
    records; for years, a quarter, a run of months across years and a year cut before a quarter, with five-year
    windows reaching back before the page's window, online hours on both sides of its start and records of every
    category."""
    more = [
        "D1,班八,专业能力,乡村振兴,线上,个人,30,2024-05-01",  # online, before the page's window of 2025
        "S1,班九,创新能力,数字政府,线下,个人,5,2025-07-01",  # every category present in some window
        "S2,班十,实践锻炼,基层治理,线下,集体,6,2024-11-01",
    ]
    import_ok(ranked_db, "more.csv", (TRAINING_HEAD + "\n".join(more) + "\n").encode())
    windows = [
        coverage.year_window(2024),
        coverage.year_window(2025),
        coverage.quarter_window(2025, 3),
        coverage.months_window(dt.date(2023, 11, 1), dt.date(2025, 2, 28)),
        dataclasses.replace(coverage.year_window(2025), records_end=dt.date(2025, 5, 31)),
    ]
    for window in windows:
        cadres = per_cadre(ranked_db, window).sort_index()
        with contextlib.closing(ranked_db.cursor()) as cur:  # as Arrow, like cadres_in: dates stay dates
            macro = cur.execute(
                "SELECT * FROM cadre_training($start, $end, $records_end)",
                {"start": window.start, "end": window.end, "records_end": window.data_end},
            ).fetch_arrow_table()
            cur.register("own_windows", cadres.reset_index()[["cadre_id", "window_start"]])
            raw = cur.execute(
                """SELECT cadre_id,
                          sum(hours) FILTER (WHERE mode IS DISTINCT FROM 'online' AND date >= window_start) AS counted,
                          sum(hours) FILTER (WHERE mode = 'online' AND date >= $start) AS online
                   FROM current_training JOIN own_windows USING (cadre_id)
                   WHERE date <= $records_end GROUP BY cadre_id""",
                {"start": window.start, "records_end": window.data_end},
            ).df()
        macro = macro.to_pandas().set_index("cadre_id").sort_index()
        pd.testing.assert_frame_equal(cadres[macro.columns], macro)
        raw = raw.set_index("cadre_id").reindex(cadres.index).fillna(0.0)
        assert cadres["counted_hours"].tolist() == pytest.approx(raw["counted"].tolist()), window
        assert cadres["online_hours"].tolist() == pytest.approx(raw["online"].tolist()), window


def test_a_pinned_view_reads_the_same_windows_from_the_raw_records(ranked_db):
    """A pinned link computes current training from the raw records (schema 002's `as_of`, 021's window), not
    from the rows an import marked superseded:
    queries/training_cadres.sql gives the same rows there, five-year windows included."""
    from incentive.store.database import DataAsOf

    pinned = DataAsOf(ranked_db.connection, dt.datetime.now() + dt.timedelta(days=1))
    for window in (coverage.year_window(2025), coverage.quarter_window(2025, 3)):
        live = per_cadre(ranked_db, window).sort_index()
        then = coverage.cadres_in(pinned, window).to_pandas().set_index("cadre_id").sort_index()
        pd.testing.assert_frame_equal(then, live)
        assert live["window_start"].nunique() > 1  # a five-year window beside the page's


def test_promotion_inside_the_window_prorates_each_group_by_its_months(ranked_db):
    p1 = per_cadre(ranked_db, coverage.year_window(2025)).loc["P1"]
    # months whose end has the 2021-2023 rosters in force (and the earliest roster before it): 2021-01..2024-11,
    # 47 months at 90 a year; from 2024-12 (the 2024-12-31 roster) 13 months at 550 / 5 = 110 a year
    assert p1["months_other_group"] == 47
    assert p1["target"] == pytest.approx(47 * 90 / 12 + 13 * 110 / 12)  # 471.67
    assert (p1["counted_hours"], p1["met_target"]) == (470, False)


def test_pace_while_the_year_is_running(ranked_db):
    window = coverage.year_window(2025)
    assert coverage.to_come(window, dt.date(2025, 9, 30), dt.date(2025, 10, 20)) == pytest.approx(0.25)
    assert coverage.to_come(window, dt.date(2025, 12, 31), dt.date(2026, 1, 2)) == 0.0
    # over: a window whose last record is days before its end owes its whole target once it has ended, as the
    # 通报 of the period says; the page showing the same window then gives the same figures
    assert coverage.to_come(window, dt.date(2025, 12, 28), dt.date(2026, 1, 2)) == 0.0
    assert coverage.to_come(window, dt.date(2025, 12, 28), dt.date(2025, 12, 31)) == pytest.approx(3 / 31 / 12)
    assert not coverage.running(window, dt.date(2025, 9, 30), dt.date(2026, 1, 1))
    whole = coverage.window_query(
        ranked_db.connection, "training_coverage", window, by="county", county="", to_come=0.25
    )
    whole = whole.set_index("county")
    # by 30 September a section cadre owes 90 − 90 × 0.25 = 67.5: in 甲县 S1 (90) and S2 (89.5) are on pace, S3
    # (60) and S4 (0) are not; D1 owes 550 − 110 × 0.25 = 522.5 and has 550
    assert whole.loc["甲县", ["measured", "meeting_target", "on_pace"]].tolist() == [5, 2, 3]
    assert whole.loc["甲县", "hours_short"] == pytest.approx(7.5 + 67.5)
    assert whole.loc["甲县", "share_online_met"] == pytest.approx(1 / 5)


def test_a_rank_no_group_knows_is_counted_not_measured(ranked_db):
    import_ok(ranked_db, "r.csv", roster([*SECTION, DIVISION, "X1,九,乙县,南镇,工勤技能岗,男,1980"], "2026-06-30"))
    groups = coverage.window_query(
        ranked_db.connection, "training_coverage", coverage.year_window(2026), by="all", county="", to_come=0.0
    ).iloc[0]
    assert (groups["cadres"], groups["measured"], groups["unmapped"]) == (8, 7, 1)


def test_targets_are_checked_saved_with_history_and_audit(db):
    assert targets.checked("section", "96", "1", "40") == targets.Target(96, 1, 40)
    with pytest.raises(targets.TargetError) as wrong:
        targets.checked("division", "550", "2.5", "50")
    assert wrong.value.text("en") == (
        "Years for Division level and above: “2.5” is not allowed; a whole number from 1 to 10. Nothing was saved."
    )
    with pytest.raises(targets.TargetError):
        targets.checked("section", "-1", "1", "50")
    new = {"section": targets.Target(96, 1, 40), "division": targets.DEFAULTS["division"]}
    assert targets.save(db, new, "admin") == ["section"]  # the unchanged group writes nothing
    assert targets.save(db, new, "admin") == []
    assert targets.in_force(db)["section"] == targets.Target(96, 1, 40)
    history = targets.history(db)
    assert history[["rank_group", "hours", "changed_by"]].values.tolist() == [
        ["section", 96.0, "admin"],
        ["division", 550.0, "regulations-2023"],
        ["section", 90.0, "regulations-2023"],
    ]
    assert db.fetch_all("SELECT who, action, target, detail FROM audit WHERE action = 'training_target'") == [
        ("admin", "training_target", "section", "96/1y+40online")
    ]


def old_database(path, hours_target: str | None) -> None:
    """A database file as the app made it before schema 014, with `hours_target` saved on the Data page."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
    for version, sql in migrations.ordered():
        if version >= 14:
            break
        con.execute(sql)
        con.execute("INSERT INTO schema_version VALUES ($v, now())", {"v": version})
    if hours_target is not None:
        con.execute("INSERT INTO settings VALUES ('hours_target', '110.0', TIMESTAMP '2024-01-01', 'a')")
        con.execute(
            "INSERT INTO settings VALUES ('hours_target', $v, TIMESTAMP '2025-01-01', 'b')", {"v": hours_target}
        )
    con.close()


@pytest.mark.parametrize(
    ("stored", "section"),
    [(None, 90.0), ("110.0", 90.0), ("96.0", 96.0)],
    ids=["never-set", "old-default", "chosen"],
)
def test_migration_from_the_single_hours_target(tmp_path, stored, section):
    old_database(tmp_path / "old.duckdb", stored)
    db = Database(tmp_path / "old.duckdb")
    try:
        assert targets.in_force(db) == {
            "section": targets.Target(section, 1, 50),
            "division": targets.Target(550, 5, 50),
        }
        changes = targets.history(db)
        assert (changes["changed_by"] == "migration-014").sum() == (1 if stored == "96.0" else 0)
        versions = [v for (v,) in db.fetch_all("SELECT version FROM schema_version ORDER BY version")]
        assert versions[-1] == migrations.ordered()[-1][0]
    finally:
        db.close()


MOVEMENTS_HEAD = "干部编号,调整日期,调整类型,事由\n"


def test_pre_promotion_training_in_the_year_before(ranked_db):
    import_ok(
        ranked_db,
        "m.csv",
        (
            MOVEMENTS_HEAD
            + "S1,2026-03-01,提拔,\n"  # 90 on 2025-03-01, a year to the day before: outside
            + "S2,2026-02-28,提拔,\n"  # 89.5: short of 90
            + "S3,2026-01-10,晋升职级,\n"  # not a promotion to a post: not counted
            + "D1,2026-09-10,提拔,\n"  # 150 on 2025-09-10, exactly a year before: outside; 550 / 5 = 110 owed
        ).encode(),
    )
    rows = targets.promoted(ranked_db.connection, "2026").set_index("cadre_id")
    assert sorted(rows.index) == ["D1", "S1", "S2"]
    assert rows.loc["S1", ["hours", "annual_target", "met"]].tolist() == [0, 90, False]  # 2025-03-01 is outside
    assert rows.loc["S2", ["hours", "met"]].tolist() == [89.5, False]
    assert rows.loc["D1", ["rank_group", "hours", "annual_target", "met"]].tolist() == ["division", 0, 110, False]
    earlier = targets.promoted(ranked_db.connection, "2025-H2")
    assert earlier.empty


def test_pre_promotion_hours_are_those_of_the_newest_batch_of_each_course(ranked_db):
    """queries/training_targets_promoted.sql applies current_training's rule itself, to the promoted cadres' rows
    (so the province's ten million are not all ranked): a later file's row of the same cadre, course and date
    replaces the earlier one, a rolled-back file's row gives the earlier one back, and an online course never counts."""
    from incentive.store import batches

    import_ok(ranked_db, "m.csv", (MOVEMENTS_HEAD + "S2,2026-02-28,提拔,\n").encode())
    assert targets.promoted(ranked_db.connection, "2026").set_index("cadre_id").loc["S2", "hours"] == 89.5
    corrected = import_ok(
        ranked_db,
        "t2.csv",
        (
            TRAINING_HEAD
            + "S2,班一,政治能力,党的理论,线下,集体,90,2025-03-01\nS2,班九,政治能力,党的理论,线上,个人,40,2025-04-01\n"
        ).encode(),
    )
    row = targets.promoted(ranked_db.connection, "2026").set_index("cadre_id").loc["S2"]
    assert row[["hours", "met"]].tolist() == [90, True]  # the correction, once; not the online course
    batches.rollback(ranked_db, corrected, who="test")
    assert targets.promoted(ranked_db.connection, "2026").set_index("cadre_id").loc["S2", "hours"] == 89.5


def test_training_in_the_year_after_a_promotion_is_counted_apart(ranked_db):
    """The 条例 lets a cadre promoted before he could train make it up within a year: S1, promoted on 2024-06-01,
    has his 90 on 2025-03-01, inside the year after; it is not counted as trained before."""
    import_ok(ranked_db, "m.csv", (MOVEMENTS_HEAD + "S1,2024-06-01,提拔,\n").encode())
    row = targets.promoted(ranked_db.connection, "2024").set_index("cadre_id").loc["S1"]
    assert row[["hours", "hours_after", "met", "met_after"]].tolist() == [0, 90, False, True]
    counts, _ = targets.promoted_by_county(targets.promoted(ranked_db.connection, "2024"), 1)
    assert counts[["promoted", "met", "met_after", "unmet", "share_by_after"]].iloc[-1].tolist() == [1, 0, 1, 0, 1.0]


def test_pre_promotion_counts_by_county_hide_small_counties():
    import pandas as pd

    rows = pd.DataFrame(
        {
            "county": ["甲县"] * 6 + ["乙县"] * 2 + ["丙县"] * 7,
            "met": [True, True, True, False, False, False, True, False, True, True, True, True, False, False, False],
            "met_after": [False] * 12 + [True, True, False],  # two of 丙县's trained within the year after
        }
    )
    from incentive.training import coverage_tables

    counts, hidden = targets.promoted_by_county(rows, 5)
    assert counts[["county", "promoted", "met"]].values.tolist() == [
        ["甲县", 6, 3],
        ["乙县", 2, 1],
        ["丙县", 7, 4],
        [None, 15, 8],
    ]
    assert counts["met_after"].tolist() == [0, 0, 2, 2] and counts["unmet"].tolist() == [3, 1, 1, 5]
    # every count of 1-4 is small: 乙县's 2 promotions; 甲县's 3 met, 丙县's 4 met (the coverage rule had shown
    # them, as parts of groups of 5 or more); the shown counts leave each hidden one more than one value
    assert hidden.at[0, "met"] == "small" and hidden.at[2, "met"] == "small" and hidden.at[1, "met"] == "small"
    assert hidden.at[1, "promoted"] == "withheld"  # a small total is withheld (disclosure.protect), never shown
    shown = {(i, k): counts.at[i, k] for i in hidden.index for k in hidden.columns if hidden.at[i, k] == ""}
    assert all(not 0 < value < 5 for value in shown.values())  # no count of 1-4 is shown
    table = coverage_tables.promotion_table(counts, hidden, "zh", 5)
    assert table["提任前达标"].tolist()[:3] == ["<5", "<5", "<5"]
    assert table.at[0, "达标比例"] != f"{3 / 6:.1%}"  # the share would give 3 of 6 back


def test_the_cli_exports_pre_promotion_training_exact_or_as_a_viewer_sees_it(ranked_db, capsys):
    from incentive import cli

    import_ok(ranked_db, "m.csv", (MOVEMENTS_HEAD + "S1,2025-06-01,提拔,\nP1,2025-09-01,提拔,\n").encode())
    path = ranked_db.path
    ranked_db.close()  # the CLI opens the file itself
    assert cli.main(["--db", path, "export", "promotion_training", "--period", "2025"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # S1: 90 on 2025-03-01, in the year before: met (乡科级, 90 a year); P1: 150 on 2025-06-10 against 110: met
    assert lines == [
        "period,county,promoted,met,met_after,share_met,share_by_after,suppressed",
        "2025,甲县,1,1,0,1.0,1.0,True",
        "2025,乙县,1,1,0,1.0,1.0,True",
        "2025,all,2,2,0,1.0,1.0,True",
    ]
    assert cli.main(["--db", path, "export", "promotion_training", "--period", "2025", "--suppress"]) == 0
    # 能上能下 shows each county's one promotion as `<5`: the two tables are not audited as one, so no count of
    # the breakdown is shown, not even its 0s (targets.promoted_by_county)
    assert capsys.readouterr().out.splitlines()[1:] == [
        "2025,甲县,,,,,,True",
        "2025,乙县,,,,,,True",
        "2025,all,,,,,,True",
    ]


def test_what_reaches_back_before_the_first_record_is_said():
    """Records from 2023-01: 2023's promotions have their year before partly in 2022, and a 县处级 cadre's five years
    to 2025-12 begin in 2021-01; from 2021-01 on, the five years are recorded."""
    first, rules, both = dt.date(2023, 1, 1), targets.DEFAULTS, {"section", "division"}
    assert targets.reaching_before_records(first, dt.date(2023, 1, 1), dt.date(2023, 12, 31), rules, {"section"}) == [
        "promotions"
    ]
    assert targets.reaching_before_records(first, dt.date(2025, 1, 1), dt.date(2025, 12, 31), rules, both) == [
        "division"
    ]
    assert targets.reaching_before_records(first, dt.date(2025, 1, 1), dt.date(2025, 12, 31), rules, {"section"}) == []
    early = dt.date(2021, 1, 1)  # the rolling window 2021-01..2025-12 is recorded whole
    assert targets.reaching_before_records(early, dt.date(2025, 1, 1), dt.date(2025, 12, 31), rules, both) == []
    assert targets.reaching_before_records(None, dt.date(2025, 1, 1), dt.date(2025, 12, 31), rules, both) == []


def test_a_pinned_moment_measures_against_the_targets_in_force_then(ranked_db):
    """A link pinned before a target was changed keeps that moment's targets, as it keeps that moment's data
    (schema 016): S1's 90 学时 met the 90 in force then, not the 96 set after."""
    from incentive.store.database import DataAsOf

    pinned = DataAsOf(ranked_db.connection, dt.datetime.now())
    targets.save(ranked_db, {"section": targets.Target(96, 1, 50)}, "admin")
    assert targets.in_force(ranked_db)["section"].hours == 96
    assert targets.in_force(pinned)["section"].hours == 90
    then = coverage.cadres_in(pinned, coverage.year_window(2025)).to_pandas().set_index("cadre_id")
    now = per_cadre(ranked_db, coverage.year_window(2025))
    assert then.loc["S1", ["target", "met_target"]].tolist() == [90, True]
    assert now.loc["S1", ["target", "met_target"]].tolist() == [96, False]


def test_pre_promotion_counts_keep_the_promotions_that_the_movements_page_shows():
    """A county's promotions are 能上能下's figures too (targets.promotions_on_movements). Withheld here while shown
    there, they let an onlooker with both pages work out hidden counts (the province's table had such counts in
    2024 and 2026): shown there, they are shown here and audited as known; withheld there, withheld here. With
    them known, no count hidden here can be pinned."""
    import pandas as pd

    from incentive import disclosure

    rows = pd.DataFrame(
        {
            "county": ["甲县"] * 9 + ["乙县"] * 8 + ["丙县"] * 12 + ["丁县"] * 10,
            "met": [True] * 7
            + [False] * 2
            + [True] * 5
            + [False] * 3
            + [True] * 10
            + [False] * 2
            + [True] * 6
            + [False] * 4,
            "met_after": [False] * 7
            + [True, False]
            + [False] * 5
            + [True] * 3
            + [False] * 10
            + [True, True]
            + [False] * 10,
        }
    )
    _, alone_hidden = targets.promoted_by_county(rows, 5)
    assert (alone_hidden["promoted"] != "").any()  # on its own, the pattern withholds promotions
    elsewhere = {"甲县": "", "乙县": "", "丙县": "withheld", "丁县": "withheld", None: ""}
    counts, hidden = targets.promoted_by_county(rows, 5, elsewhere)
    assert hidden["promoted"].tolist() == ["", "", "withheld", "withheld", ""]
    rows_ = [("county", c) for c in counts["county"].iloc[:-1]] + [("all", "")]
    sizes = {(row, k): int(counts.at[i, k]) for i, row in enumerate(rows_) for k in targets.PROMOTION_COUNTS}
    lines = [disclosure.Line((row, "promoted"), tuple((row, k) for k in targets.PROMOTION_COUNTS[1:])) for row in rows_]
    lines += [disclosure.Line((rows_[-1], k), tuple((row, k) for row in rows_[:-1])) for k in targets.PROMOTION_COUNTS]
    hidden_cells = {(row, k) for i, row in enumerate(rows_) for k in targets.PROMOTION_COUNTS if hidden.at[i, k]}
    small = {(row, k) for i, row in enumerate(rows_) for k in targets.PROMOTION_COUNTS if hidden.at[i, k] == "small"}
    # the onlooker knows the promotions 能上能下 shows; they tell nothing of the ranks of withheld cells, since the
    # method never withholds them (disclosure._System.bounds_only)
    shown_there = frozenset(
        (row, "promoted") for row, county in zip(rows_, counts["county"], strict=True) if not elsewhere[county]
    )
    table = disclosure.Table(sizes, lines, 5, public=shown_there)
    assert disclosure.exposures(table, hidden_cells, small, [disclosure.SIZE]) == []


def test_the_pre_promotion_table_takes_the_movements_pages_pattern(ranked_db):
    """targets.promotion_counts, which the training page, the export and the documents call: the promotions of a
    year as 能上能下 shows them (incentive/care/movements.year_view), none for a half year (that page shows years)."""
    from incentive.care import movements

    lines = "".join(f"S{i},2025-0{i}-10,提拔,\n" for i in range(1, 7)) + "P1,2025-03-01,提拔,\n"
    import_ok(ranked_db, "m.csv", (MOVEMENTS_HEAD + lines).encode())
    view = movements.year_view(ranked_db.connection, 2025, 2)
    there = dict(zip(view.summary["county"], movements.statuses(view.summary, view.pattern, "promotion"), strict=True))
    assert targets.promotions_on_movements(ranked_db.connection, "2025", 2) == {
        **there,
        None: view.pattern.status(movements.total_key("promotion")),
    }
    assert targets.promotions_on_movements(ranked_db.connection, "2025-H1", 2) == {}
    counts, hidden = targets.promotion_counts(ranked_db.connection, "2025", 2)
    for county, status in zip(counts["county"], hidden["promoted"], strict=True):
        assert status == (
            there.get(county, "") if county is not None else view.pattern.status(movements.total_key("promotion"))
        )


def test_a_promotion_on_a_rosters_own_day_counts_where_the_movements_page_counts_it(ranked_db):
    """S1 moves from 甲县 to 乙县 on the 2025-06-30 roster and is promoted that day: 能上能下 counts the decision in
    乙县 (the snapshot in force on its date), and so does 提任前培训, whose promotions are the same figures; his
    rank group is still the one before the day."""
    from incentive.store import queries

    moved = [row.replace("S1,一,甲县,东镇", "S1,一,乙县,南镇") for row in [*SECTION, DIVISION, PROMOTED_AFTER]]
    import_ok(ranked_db, "r2025h1.csv", roster(moved, "2025-06-30"))
    import_ok(ranked_db, "m.csv", (MOVEMENTS_HEAD + "S1,2025-06-30,提拔,\n").encode())
    row = targets.promoted(ranked_db.connection, "2025").set_index("cadre_id").loc["S1"]
    assert row[["county", "rank_group"]].tolist() == ["乙县", "section"]
    decided = queries.run(
        ranked_db.connection, "movements_by_county", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)
    )
    assert decided[["county", "action", "decisions"]].values.tolist() == [["乙县", "promotion", 1]]


def test_a_breakdown_the_shown_promotions_would_give_away_is_not_shown_at_all():
    """蒲陌县 (the sample's 2026): 7 promotions shown on 能上能下, 1 met, 1 met after, 5 neither. Marked `<5`, `<5`
    and 不公开 (at least 5), the three could only be 1, 1 and 5, and no other cell of the table can change that; so
    no count of the breakdown is shown to a viewer, not even a 0 or a `<5`."""
    import pandas as pd

    rows = pd.DataFrame(
        {
            "county": ["甲县"] * 7 + ["乙县"] * 12,
            "met": [True, False, False, False, False, False, False] + [True] * 6 + [False] * 6,
            "met_after": [False, True] + [False] * 5 + [False] * 12,
        }
    )
    _, alone = targets.promoted_by_county(rows, 5)
    assert alone.loc[0].tolist() == ["withheld", "small", "small", "withheld"]  # 7 withheld: nothing to subtract
    counts, hidden = targets.promoted_by_county(rows, 5, {"甲县": "", "乙县": "", None: ""})
    assert counts.loc[0, ["promoted", "met", "met_after", "unmet"]].tolist() == [7, 1, 1, 5]
    assert hidden["promoted"].tolist() == ["", "", ""]
    assert (hidden[["met", "met_after", "unmet"]] == "withheld").all().all()


def test_a_breakdown_is_not_shown_when_the_movements_page_hides_a_promotion_count():
    """A review's counterexample: 能上能下 shows the promotions of tier 1 as A `<5` and B 不公开 under a shown
    subtotal of 7, and of tier 2 likewise (E `<5`, F 不公开, 7). Its tier lines are not this table's, and with them
    the training breakdown (A 1 met; B 5 met, 1 after; E 1 neither; F 3 met, 3 neither) had its counts pinned
    (A's met 1, B's met after 1). So when 能上能下 shows a promotion count as anything but itself, no count of the
    breakdown is shown."""
    import pandas as pd

    breakdown = {"A": (1, 0, 0), "B": (5, 1, 0), "E": (0, 0, 1), "F": (3, 0, 3)}
    records = [
        row
        for county, (met, after, neither) in breakdown.items()
        for row in [(county, True, False)] * met + [(county, False, True)] * after + [(county, False, False)] * neither
    ]
    rows = pd.DataFrame(records, columns=["county", "met", "met_after"])
    elsewhere = {"A": "small", "B": "withheld", "E": "small", "F": "withheld", None: ""}
    _, hidden = targets.promoted_by_county(rows, 5, elsewhere)
    assert hidden["promoted"].tolist() == ["small", "withheld", "small", "withheld", ""]
    assert (hidden[["met", "met_after", "unmet"]] == "withheld").all().all()
    _, shown = targets.promoted_by_county(rows.assign(county=rows["county"].replace({"A": "B", "E": "F"})), 5, {})
    assert (shown[["met", "met_after", "unmet"]] != "withheld").any().any()  # alone, some of it is shown
