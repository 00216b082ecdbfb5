"""The bundled sample meets the foundation's promises and tells its stories."""

from __future__ import annotations

import pytest

from incentive.demo import synth
from incentive.demo.sample import sample_files
from incentive.race import rankings
from incentive.sharing.export import export_frame
from incentive.store import batches
from incentive.store.database import Database
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
        sample.connection, "training_coverage", coverage.year_window(2025), by="county", county="", target_hours=110.0
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


@pytest.mark.slow
def test_generator_is_deterministic(tmp_path):
    first = synth.generate(tmp_path / "a")
    second = synth.generate(tmp_path / "b")
    for a, b in zip(first, second, strict=False):
        if a.suffix == ".csv":
            assert a.read_bytes() == b.read_bytes(), a.name
    bundled = {p.name: p for p in sample_files()}
    for a in first:
        if a.suffix == ".csv":
            assert a.read_bytes() == bundled[a.name].read_bytes(), f"data/sample/{a.name} is stale: regenerate"
