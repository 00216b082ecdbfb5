"""ui/shared_tables.py: sessions showing the same ranking share one table, built once, as the library builds it;
each gets a view it may change; another ranking, unit or language gets its own."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
import streamlit as st

from incentive.race import ranking_tables, rankings, scoring
from incentive.store.database import Database
from ui import shared_results, shared_tables


@pytest.fixture(scope="module")
def ranked(sample_db_file, tmp_path_factory):
    """Two periods of the sample's county ranking, each computed twice (two sessions' own objects)."""
    path = tmp_path_factory.mktemp("tables") / "sample.duckdb"
    path.write_bytes(sample_db_file.read_bytes())
    db = Database(path)
    try:
        return {
            period: (rankings.rank_period(db.connection, period), rankings.rank_period(db.connection, period))
            for period in ("2026-Q2", "2026-Q3")
        }
    finally:
        db.close()


@pytest.fixture(autouse=True)
def _empty_cache():
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def test_the_same_ranking_gives_the_librarys_table_built_once(ranked, monkeypatch):
    (now, now_again), (before, _) = ranked["2026-Q3"], ranked["2026-Q2"]
    built = []
    builder = ranking_tables.ranking_table
    monkeypatch.setattr(ranking_tables, "ranking_table", lambda *a, **k: built.append(1) or builder(*a, **k))
    # two sessions' own copies of the kept ranking, as the app hands them out (ui/runtime.py's cached ranking)
    first = shared_tables.ranking_table(shared_results.view(now), before, "county", "zh")
    again = shared_tables.ranking_table(shared_results.view(now), before, "county", "zh")
    assert len(built) == 1
    expected = builder(now, before, "county", "zh")
    pd.testing.assert_frame_equal(first, expected)
    pd.testing.assert_frame_equal(again, expected)
    # the same ranking computed again, by another path: built once more, never another's table
    pd.testing.assert_frame_equal(shared_tables.ranking_table(now_again, before, "county", "zh"), expected)


def test_a_session_changing_its_table_leaves_the_next_sessions_alone(ranked):
    now, _ = ranked["2026-Q3"]
    first = shared_tables.indicator_detail(now, now.table.index[0], "zh")
    expected = first.copy()
    first.iloc[0, 0] = "改过"
    first["新列"] = 1
    pd.testing.assert_frame_equal(shared_tables.indicator_detail(now, now.table.index[0], "zh"), expected)


def test_another_ranking_unit_language_or_comparison_gets_its_own_table(ranked):
    (now, _), (before, _) = ranked["2026-Q3"], ranked["2026-Q2"]
    first, second = now.table.index[:2]
    assert shared_tables.indicator_detail(now, first, "zh").equals(ranking_tables.indicator_detail(now, first, "zh"))
    assert shared_tables.indicator_detail(now, second, "zh").equals(ranking_tables.indicator_detail(now, second, "zh"))
    assert not shared_tables.indicator_detail(now, first, "zh").equals(
        shared_tables.indicator_detail(now, second, "zh")
    )
    english = shared_tables.ranking_table(now, before, "county", "en")
    assert english.equals(ranking_tables.ranking_table(now, before, "county", "en"))
    alone = shared_tables.ranking_table(now, None, "county", "zh")  # no period compared: no change column filled
    assert alone.equals(ranking_tables.ranking_table(now, None, "county", "zh"))
    earlier = shared_tables.ranking_table(before, None, "county", "zh")
    assert earlier.equals(ranking_tables.ranking_table(before, None, "county", "zh"))
    assert not earlier.equals(alone)


def test_a_ranking_is_keyed_by_all_its_fields_and_not_by_what_it_has_cached(ranked):
    now, _ = ranked["2026-Q3"]
    copy = shared_results.view(now)
    key = shared_tables.ranking_key(copy)
    copy.ranked  # noqa: B018  (a cached property: computed into the object, not a field)
    assert shared_tables.ranking_key(copy) == key
    for change in ({"method": "minmax"}, {"min_coverage": 0.5}, {"period": "2026-Q2"}):
        assert shared_tables.ranking_key(dataclasses.replace(copy, **change)) != key, change
    other_table = copy.table.copy()
    other_table.iloc[0, other_table.columns.get_loc("tier")] = 3
    assert shared_tables.ranking_key(dataclasses.replace(copy, table=other_table)) != key


def test_why_a_rank_moved_is_the_librarys_answer_for_each_unit(ranked):
    (now, _), (before, _) = ranked["2026-Q3"], ranked["2026-Q2"]
    units = [unit for unit in now.ranked.index if unit in before.ranked.index]
    answers = set()
    for unit in units:
        parts, passed, behind = shared_tables.rank_change(shared_results.view(now), before, unit, "zh")
        expected = ranking_tables.attribution_table(scoring.attribute_change(now, before, unit), "zh")
        pd.testing.assert_frame_equal(parts, expected)
        assert (passed, behind) == tuple(scoring.passed_and_fell_behind(now, before, unit))
        answers.add((tuple(passed), tuple(behind)))
    assert len(answers) > 1  # units that moved differently got their own answers
