"""The server opens its own pages as it starts (ui/warm_up.py): every public page at its defaults, then the pages
that follow the sidebar's year for every other year, the rankings for every period and method, then the defaults
again, each run finished without an exception and showing the year it was asked for, before any visitor asked; a
visitor then finds the page drawn."""

import re
import shutil
import time

import pytest

from incentive.race import scoring
from incentive.store import queries
from incentive.store.database import Database
from ui import warm_up

from .browser_steps import expect_no_exception, open_view
from .conftest import running_app, server_log

pytestmark = pytest.mark.browser

DONE = re.compile(r"warm-up: (\d+) page runs in [\d.]+ s")


def _last_two_years(database) -> None:
    """The sample without its race, welfare and training data before its last two years: the warm-up's work (and
    this test's time) grows with the years and periods the sidebar offers, and two show every kind of run."""
    db = Database(database)
    newest = int(queries.run(db.connection, "data_years")["year"].max())
    db.connection.execute("DELETE FROM indicator_values WHERE CAST(period[1:4] AS INTEGER) < $y", {"y": newest - 1})
    db.connection.execute("DELETE FROM training WHERE year(date) < $y", {"y": newest - 1})
    db.connection.execute("DELETE FROM training_kept WHERE year(date) < $y", {"y": newest - 1})
    db.close()


def test_the_server_opens_every_page_and_year_as_it_starts(chromium, sample_db_file, tmp_path, page):
    database = tmp_path / "app.duckdb"
    shutil.copy(sample_db_file, database)
    _last_two_years(database)
    db = Database(database)
    years = queries.run(db.connection, "data_years")["year"].astype(str).tolist()
    race_periods = queries.run(db.connection, "race_periods", county="")["period"].tolist()
    methods = {p: scoring.methods_for(queries.run(db.connection, "race_catalog", period=p)) for p in race_periods}
    db.close()
    # the rankings for every period and method of each year (the methods of the year's latest period)
    in_year = [[p for p in race_periods if p.startswith(year)] for year in years]
    pairs = sum(len(ps) * len(methods[max(ps)]) for ps in in_year if ps)
    with running_app(chromium, database, tmp_path, env={"INCENTIVE_WARM_UP": "1"}) as base_url:
        deadline = time.monotonic() + 240
        while not DONE.search(log := server_log(base_url).read_text()) and time.monotonic() < deadline:
            assert "warm-up stopped" not in log, log[-3000:]
            time.sleep(0.5)
        done = DONE.search(log)
        assert done, log[-3000:]
        # the defaults, every other year (each checked to show that year), the rankings' periods and methods,
        # the defaults again
        assert len(years) == 2 and pairs > len(years)
        assert int(done[1]) == 2 * len(warm_up.PAGES) + len(warm_up.YEAR_PAGES) * (len(years) - 1) + pairs
        assert "warm-up stopped" not in log and "Traceback" not in log
        open_view(page, f"{base_url}/training")
        expect_no_exception(page)


def test_behind_a_viewing_password_the_warm_up_says_it_warmed_nothing(chromium, sample_db_file, tmp_path):
    from incentive.access import hash_password

    database = tmp_path / "app.duckdb"
    shutil.copy(sample_db_file, database)
    env = {"INCENTIVE_WARM_UP": "1", "INCENTIVE_VIEWER_HASH": hash_password("看板口令")}
    with running_app(chromium, database, tmp_path, env=env) as base_url:
        deadline = time.monotonic() + 120
        while "warm-up:" not in (log := server_log(base_url).read_text()) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "warm-up: nothing to warm" in log and "warm-up stopped" not in log, log[-3000:]
