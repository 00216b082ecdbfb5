"""The bundled sample meets the foundation's promises and tells its stories."""

from __future__ import annotations

import datetime as dt

import pytest

from incentive.cycle import tracker
from incentive.demo import synth
from incentive.demo.sample import sample_files
from incentive.race import rankings
from incentive.sharing.export import export_frame
from incentive.store import batches, settings
from incentive.store.database import DataAsOf, Database
from incentive.training import coverage


@pytest.fixture(scope="module")
def sample(sample_db_file):
    db = Database(sample_db_file)
    yield db
    db.close()


def count(db, sql):
    return db.fetch_all(sql)[0][0]


def test_sample_batches_are_marked_sample(sample):
    history = batches.history(sample)
    assert len(history) == len(sample_files()) and set(history["source"]) == {"sample"}


def test_sample_sizes(sample):
    assert count(sample, "SELECT count(DISTINCT county) FROM current_regions") >= 10
    towns = sample.fetch_df("SELECT county, count(*) AS n FROM current_regions WHERE township <> '' GROUP BY county")
    assert towns["n"].between(5, 12).all()
    assert count(sample, "SELECT count(*) FROM current_indicators WHERE domain = 'race'") >= 10
    assert count(sample, "SELECT count(DISTINCT track) FROM current_indicators WHERE domain = 'race'") == 4
    assert count(sample, "SELECT count(*) FROM current_indicators WHERE domain = 'welfare' AND target IS NOT NULL") >= 6
    assert count(sample, "SELECT max(n) FROM (SELECT count(*) AS n FROM current_roster GROUP BY as_of)") >= 5000
    assert count(sample, "SELECT count(*) FROM current_training") >= 100_000
    assert count(sample, "SELECT year(max(date)) - year(min(date)) FROM current_training") >= 3
    assert count(sample, "SELECT count(DISTINCT period) FROM current_values WHERE domain = 'race'") >= 12
    assert count(sample, "SELECT count(DISTINCT period) FROM current_values WHERE domain = 'welfare'") >= 6
    assert count(sample, "SELECT count(*) FROM current_movements") > 0


def test_sample_names_are_fictional():
    # County codes use the unassigned prefix 99; names come from the generator's invented list.
    assert all(name.endswith(("县", "区")) for name in synth.COUNTIES)


def test_weak_training_county_has_the_lowest_coverage(sample):
    frame = coverage.window_query(
        sample.connection, "training_coverage", coverage.year_window(2025), by="county", county="", to_come=0.0
    )
    assert frame.sort_values("coverage")["county"].iloc[0] == synth.WEAK_TRAINING


def test_exam_laggard_is_below_target_every_half_year(sample):
    frame = export_frame(sample, "welfare")
    exams = frame[(frame["indicator"] == "W02") & (frame["county"] == synth.WEAK_EXAMS)]
    assert len(exams) >= 6 and (exams["value"] < 85).all()


def test_improving_county_climbs_and_slipping_county_falls(sample):
    def rank(period, county):
        return rankings.rank_period(sample.connection, period, draws=0).table.at[county, "rank"]

    assert rank("2026-Q3", "澄溪县") < rank("2023-Q1", "澄溪县")
    assert rank("2026-Q3", "柏川县") > rank("2023-Q1", "柏川县")


# ---- when the sample's counties sent their files (docs/decisions.md#sample-receipt-times)

TODAY = dt.date(2026, 11, 30)  # after every deadline of the sample's data up to 2026-Q3 and before 2026-Q4's


def statuses(db, year: int) -> dict[tuple[str, str, str], str]:
    rows = tracker.progress(db.connection, year, TODAY, settings.current(db))
    return {(r.period, r.kind, r.county): r.status for r in rows.itertuples()}


def test_the_story_of_sending(sample):
    """On time for most; the story's late files and 棠梨县's unsent training records of 2026-Q3."""
    before = statuses(sample, 2025)
    assert {key for key, status in before.items() if status != "received"} == {("2025-Q4", "race_scores", "柏川县")}
    assert before[("2025-Q4", "race_scores", "柏川县")] == "late"
    now = statuses(sample, 2026)
    due_later = {key for key, status in now.items() if status == "open"}
    assert {(period, kind) for period, kind, _ in due_later} == {
        ("2026-Q4", "race_scores"),
        ("2026-H2", "welfare"),
        ("2026-Q4", "training"),
    }
    assert {key: status for key, status in now.items() if status not in ("received", "open")} == {
        ("2026-Q3", "race_scores", "苇塘县"): "late",
        ("2026-Q3", "race_scores", "柏川县"): "late",
        ("2026-H1", "welfare", "杉浦县"): "late",
        ("2026-Q2", "training", "棠梨县"): "late",
        ("2026-Q3", "training", "棠梨县"): "missing",
    }


def test_times_of_sending_follow_the_story():
    from incentive.demo.sample import sent_at

    assert sent_at("race_scores", "苇塘县", "2026-Q3").date() == dt.date(2026, 10, 22)  # Q3 ends 09-30, + 22 days
    assert sent_at("training", "棠梨县", "2026-05") == sent_at("training", "棠梨县", "2026-04")  # sent by quarter
    assert sent_at("training", "棠梨县", "2026-05").date() == dt.date(2026, 8, 2)  # 06-30 + 33
    assert 3 <= (sent_at("welfare", "云岫县", "2025-H2").date() - dt.date(2025, 12, 31)).days <= 12
    assert sent_at("roster", "云岫县", "2025-12").date() - dt.date(2025, 12, 31) <= dt.timedelta(days=24)


def test_the_sample_batches_keep_the_time_they_were_loaded(sample):
    """The times of sending are recorded beside the batches, not by backdating them: batch ids still increase with
    created_at, no time of sending is later than its batch, and the data as of a moment before the load hold none
    of the sample (a pinned link made then shows what it showed)."""
    history = batches.history(sample)
    assert history["created_at"].is_monotonic_increasing
    late = sample.fetch_all(
        "SELECT count(*) FROM receipts r JOIN batches b ON b.id = r.batch_id WHERE r.sent_at > b.created_at"
    )
    assert late == [(0,)]
    assert sample.fetch_all("SELECT count(DISTINCT batch_id) FROM receipts") == [
        (len(history) - 3,)
    ]  # not regions, catalog; nor appraisals, which the assessment cycle does not track
    moment = history["created_at"].min().to_pydatetime() - dt.timedelta(seconds=1)
    assert rankings.available_periods(DataAsOf(sample.connection, moment)) == []


def test_the_story_of_the_appraisals(sample):
    """About 14% 优秀 per county and year, at most the 20% ceiling in every unit and county but in 鹤汀县's 2025
    (synth.OVER_QUOTA); the year
    after, 优秀 cadres are promoted far more often than 称职 ones, and low grades are adjusted more often."""
    from incentive.care import appraisals

    assert appraisals.years(sample.connection) == [2025, 2024, 2023]
    for year in (2023, 2024, 2025):
        view = appraisals.year_view(sample.connection, year, 1)
        table = appraisals.grade_table(view, 1, 0.2, "zh", exact=True)
        counties = table[~table["prefecture"] & (table["county"] != "")].set_index("county")
        above = counties.index[counties["above_quota"].astype(bool)].tolist()
        assert above == ([synth.OVER_QUOTA[0]] if year == synth.OVER_QUOTA[1] else []), year
        assert counties["excellent_share"].between(0.1, 0.3).all()
        units = view.units
        over = units[units["excellent"] > 0.2 * units["appraised"]]  # a unit's 优秀 within its fifth, but the story's
        assert set(over["county"]) <= ({synth.OVER_QUOTA[0]} if year == synth.OVER_QUOTA[1] else set()), year
        graded, promoted, adjusted = (view.frames[k][list(appraisals.GRADES)].sum() for k in appraisals.COUNTS)
        assert promoted["excellent"] / graded["excellent"] > 3 * promoted["competent"] / graded["competent"]
        low = appraisals.LOW
        assert adjusted[list(low)].sum() / graded[list(low)].sum() > 10 * adjusted["competent"] / graded["competent"]
