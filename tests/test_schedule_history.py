"""A change of schedule is not retroactive (docs/decisions.md#a-change-of-schedule-is-not-retroactive): each period
is judged by the schedule in force for it (tracker.in_force, from the settings' history), in the tracker, the
warning list, the training window's unsent files and the command line alike. Real DuckDB files; the settings are
changed as the Data page changes them (settings.save_changes), then dated as made on a day of the story, as the
tracker's tests date a batch's receipt."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from conftest import import_ok, incentive_command
from test_submissions import roster_csv

from incentive import periods
from incentive.accounts.roles import Scope
from incentive.alerts import listing, rules
from incentive.cycle import tracker
from incentive.store import settings
from incentive.store.database import Database

COUNTIES = ("云岫县", "云峤县", "澄溪县", "枫岚区")  # tests/data/regions.csv
TODAY = dt.date(2026, 9, 10)
CHANGED = dt.datetime(2026, 5, 10, 9, 30)  # in the middle of 2026-Q2
TRAINING_HEADER = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"


def received_at(db, batch: int, when: dt.datetime) -> None:
    db.connection.execute("UPDATE batches SET created_at = $at WHERE id = $id", {"at": when, "id": batch})


def send_training(db, day: str, counties=COUNTIES, at: dt.datetime | None = None) -> int:
    """One training record of each county's cadre dated `day`, received at `at` (default 10 days after the end of
    the day's quarter: on time by the default 15 days)."""
    lines = "".join(f"{county}1,专题班,政治能力,党的理论,线下,集体,8,{day}\n" for county in counties)
    batch = import_ok(db, f"培训_{day}.csv", (TRAINING_HEADER + lines).encode())
    if at is None:
        when = dt.date.fromisoformat(day)
        end = pd.Period(when, freq="Q").end_time.date()
        at = dt.datetime.combine(end + dt.timedelta(days=10), dt.time(9))
    received_at(db, batch, at)
    return batch


def change_schedule(db, entered: dict, when: dt.datetime) -> None:
    """The Data page's form saved, dated as made at `when`."""
    changed = settings.save_changes(db, {**settings.current(db), **entered}, "市管理员")
    db.connection.execute(
        "UPDATE settings SET changed_at = $at WHERE list_contains($keys, key) AND changed_at > $at",
        {"at": when, "keys": changed},
    )


@pytest.fixture
def quarterly_db(catalog_db):
    """Training sent quarterly, on time (10 days after each quarter), by every county for 2025 and 2026-Q1; 澄溪县
    sent 2025-Q3 20 days after (late); 2026-Q2 sent by every county on 07-10; then July's records on 08-03 (in
    time for a monthly schedule due 5 days after) and nothing since."""
    db = catalog_db
    roster = import_ok(db, "花名册.csv", roster_csv("2025-01-01", [(f"{c}1", c) for c in COUNTIES]))
    received_at(db, roster, dt.datetime(2025, 1, 5))
    for day in ("2025-02-10", "2025-05-10", "2025-11-10", "2026-02-10"):
        send_training(db, day)
    send_training(db, "2025-08-10", [c for c in COUNTIES if c != "澄溪县"])
    send_training(db, "2025-08-11", ["澄溪县"], at=dt.datetime(2025, 10, 20, 9))
    send_training(db, "2026-05-10", at=dt.datetime(2026, 7, 10, 9))
    send_training(db, "2026-07-10", at=dt.datetime(2026, 8, 3, 9))
    return db


def training(db, year: int) -> list[tuple]:
    rows = tracker.progress(db.connection, year, TODAY, settings.current(db))
    rows = rows[rows["kind"] == "training"]
    return [(r.period, r.county, r.deadline, r.status) for r in rows.itertuples()]


def test_a_monthly_schedule_does_not_judge_the_quarters_sent_before_it_again(quarterly_db):
    db = quarterly_db
    before = {year: training(db, year) for year in (2025, 2026)}
    assert {status for *_, status in before[2025]} == {"received", "late"}  # every quarter sent; 澄溪县's Q3 late
    change_schedule(db, {"training_cycle_months": 1, "due_days_training": 5}, CHANGED)
    after = {year: training(db, year) for year in (2025, 2026)}
    assert after[2025] == before[2025]  # over before the change: quarterly, 15 days, verdicts unchanged
    q1 = [row for row in after[2026] if row[0] == "2026-Q1"]
    assert q1 == [row for row in before[2026] if row[0] == "2026-Q1"]
    assert {row[2:] for row in q1} == {(dt.date(2026, 4, 15), "received")}
    # 2026-Q2 had begun quarterly: one file still, due 5 days after its end (the days in force when it was over),
    # so sent on 07-10 it is late; from July, months, due 5 days after each
    periods = list(dict.fromkeys(row[0] for row in after[2026]))
    assert periods == ["2026-Q1", "2026-Q2", *(f"2026-{m:02d}" for m in range(7, 13))]
    by_period = {(p, c): (deadline, status) for p, c, deadline, status in after[2026]}
    assert by_period[("2026-Q2", "云岫县")] == (dt.date(2026, 7, 5), "late")
    assert by_period[("2026-07", "云岫县")] == (dt.date(2026, 8, 5), "received")
    assert by_period[("2026-08", "云岫县")] == (dt.date(2026, 9, 5), "missing")
    assert by_period[("2026-09", "云岫县")] == (dt.date(2026, 10, 5), "open")


@pytest.mark.slow
def test_the_warning_list_of_a_year_before_the_change_is_unchanged(quarterly_db):
    db = quarterly_db
    today = dt.date(2026, 3, 1)

    def judged() -> tuple:
        config = settings.current(db)
        found = listing.build(db.connection, today, config, Scope.ALL, year=2025)
        delivery = rules.data_delivery(db.connection, 2025, today, config)
        items = sorted(
            (a.county, a.level, i["period"], i["kind"], i["status"]) for a in delivery for i in a.data["items"]
        )
        return len(found.alerts), found.judged.training, items

    before = judged()
    assert ("澄溪县", "yellow", "2025-Q3", "training", "late") in before[2]
    change_schedule(db, {"training_cycle_months": 1, "due_days_training": 5}, CHANGED)
    assert judged() == before
    # a later list judges the new periods by the new rule: July due 08-05, August missing on 09-10
    late = rules.data_delivery(db.connection, 2026, TODAY, settings.current(db))
    items = {(a.county, i["period"], i["status"]) for a in late for i in a.data["items"] if i["kind"] == "training"}
    assert ("云岫县", "2026-08", "missing") in items and ("云岫县", "2026-Q2", "late") in items
    assert not {item for item in items if item[1] == "2026-Q1"}  # over before the change, sent on time


def test_the_quarter_a_training_warning_judges_follows_the_deadline_in_force_for_it(quarterly_db):
    db = quarterly_db
    change_schedule(db, {"due_days_training": 30}, CHANGED)
    config = settings.current(db)
    # 2026-Q1 was over before the change: due 04-15 still; 2026-Q2 was not: due 30 days after, on 07-30
    assert rules.judged_quarter(db.connection, 2026, dt.date(2026, 4, 16), config) == "2026-Q1"
    assert rules.judged_quarter(db.connection, 2026, dt.date(2026, 7, 20), config) == "2026-Q1"
    assert rules.judged_quarter(db.connection, 2026, dt.date(2026, 7, 31), config) == "2026-Q2"


def test_the_training_windows_unsent_files_follow_the_schedule_in_force_for_each_period(quarterly_db):
    db = quarterly_db
    year_2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    before = tracker.files_not_in(db.connection, "training", *year_2025, settings.current(db))
    change_schedule(db, {"training_cycle_months": 1}, CHANGED)
    config = settings.current(db)
    assert before == [] and tracker.files_not_in(db.connection, "training", *year_2025, config) == []
    # August 2026 is owed monthly and nobody sent it
    gaps = tracker.window_gaps(db.connection, "training", dt.date(2026, 1, 1), dt.date(2026, 8, 31), config)
    assert gaps.by_none == ("2026-08",) and gaps.left_out == ()


def test_the_command_lines_tracker_judges_as_the_library(quarterly_db, tmp_path):
    """`incentive export progress` and the tracker give one verdict per period (the command judges on its own
    today, so its rows of 2025, all over before the change, are compared)."""
    db, path = quarterly_db, quarterly_db.path
    change_schedule(db, {"training_cycle_months": 1, "due_days_training": 5}, CHANGED)
    db.close()
    result = incentive_command("--db", path, "export", "progress", "--year", "2025")
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
    frame = frame[frame["kind"] == "training"]
    assert frame["period"].unique().tolist() == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    assert set(frame["deadline"]) == {"2025-04-15", "2025-07-15", "2025-10-15", "2026-01-15"}
    assert frame[frame["status"] == "late"][["period", "county"]].values.tolist() == [["2025-Q3", "澄溪县"]]


@pytest.mark.slow
def test_the_sample_keeps_its_warnings_when_the_training_cycle_changes_today(sample_db_path):
    """The sample's story, its training sent quarterly: changed to monthly now (as the Data page saves it, not
    dated back), no period over on the day judged reads late or missing for it, and the warnings of that day stay
    29 (they were 42 when the change judged every past period again)."""
    db = Database(sample_db_path)
    today = dt.date(2026, 12, 6)  # the change is made later than this day's periods are over

    def seen() -> tuple:
        config = settings.current(db)
        found = listing.build(db.connection, today, config, Scope.ALL, year=2026)
        rows = pd.concat([tracker.progress(db.connection, year, today, config) for year in (2025, 2026)])
        over = rows[[periods.bounds(p)[1] < today for p in rows["period"]]]
        return len(found.alerts), over.reset_index(drop=True)

    try:
        count, rows = seen()
        settings.save_changes(
            db, {**settings.current(db), "training_cycle_months": 1, "due_days_training": 5}, "管理员"
        )
        count_after, rows_after = seen()
        assert count_after == count == 29
        pd.testing.assert_frame_equal(rows_after, rows)
    finally:
        db.close()


def test_saving_a_schedule_setting_says_that_past_periods_keep_their_rule(quarterly_db):
    path = quarterly_db.path
    quarterly_db.close()
    result = incentive_command("--db", path, "--lang", "zh", "settings", "training_cycle_months", "1")
    assert result.returncode == 0, result.stderr
    assert "已结束的考核期仍按其结束时的报送天数判断按时或逾期" in result.stderr
    other = incentive_command("--db", path, "--lang", "zh", "settings", "coverage_target", "80")
    assert other.returncode == 0 and "考核期" not in other.stderr
