"""Every named query runs on the sample data; the loader refuses parameters that do not match the file."""

from __future__ import annotations

import datetime as dt

import pytest

from incentive import queries
from incentive.storage import Database

PARAMS = {
    "data_years": {},
    "current_data_summary": {},
    "periods_in_year": {"domain": "race", "year": 2025},
    "race_composite_by_county": {"period": "2025-Q4"},
    "training_coverage_by_county": {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31)},
    "training_last_date": {"year": 2025},
    "welfare_values_by_county": {"period": "2025-H2"},
    "export_regions": {}, "export_indicators": {}, "export_roster": {}, "export_movements": {},
    "export_values": {"domain": "race", "period": None},
    "export_training": {"start": None, "end": None},
}


@pytest.fixture(scope="module")
def sample(sample_db_file):
    db = Database(sample_db_file)
    yield db
    db.close()


def test_every_query_file_has_test_parameters():
    assert sorted(PARAMS) == queries.names()


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_every_query_runs_on_the_sample_and_returns_rows(sample, name):
    frame = queries.run(sample.connection, name, **PARAMS[name])
    assert len(frame) > 0


def test_every_query_starts_with_a_comment_saying_what_a_row_is():
    for name in queries.names():
        assert queries.load(name)[0].startswith("-- "), name


def test_parameter_mismatch_fails_loudly(sample):
    with pytest.raises(queries.QueryParameterError, match="takes \\['period'\\], got \\['periods'\\]"):
        queries.run(sample.connection, "race_composite_by_county", periods="2025-Q4")
    with pytest.raises(queries.QueryParameterError):
        queries.run(sample.connection, "data_years", year=2025)


def test_values_are_bound_not_pasted(sample):
    hostile = "2025-Q4' OR '1'='1"
    assert queries.run(sample.connection, "race_composite_by_county", period=hostile).empty


def test_composite_hand_computed(db):
    from conftest import import_ok
    import_ok(db, "i.csv", ("指标代码,指标名称,类别,赛道,单位,方向,权重\n"
                            "A,甲,赛马,项目建设,个,正向,3\nB,乙,赛马,基层治理,起,逆向,1\n").encode())
    import_ok(db, "v.csv", ("考核期,县区,指标,数值\n2025Q1,一县,A,10\n2025Q1,二县,A,20\n2025Q1,三县,A,30\n"
                            "2025Q1,一县,B,5\n2025Q1,二县,B,5\n2025Q1,三县,B,\n").encode())
    frame = queries.run(db.connection, "race_composite_by_county", period="2025-Q1")
    # A: mean 20, population sd sqrt(200/3) = 8.165 -> z = -1.2247, 0, 1.2247. B: all equal -> 0; 三县 missing -> 0.
    assert frame["county"].tolist() == ["三县", "二县", "一县"]
    assert frame["composite"].round(4).tolist() == [round(3 * 1.224745 / 4, 4), 0.0, round(-3 * 1.224745 / 4, 4)]
    assert frame["missing"].tolist() == [1, 0, 0]
