"""Every named query runs on the sample data; the loader refuses parameters that do not match the file."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from incentive.accounts.roles import Scope
from incentive.store import queries
from incentive.store.database import Database

PARAMS = {
    "data_years": {},
    "current_data_summary": {},
    "race_values": {"period": "2025-Q4", "county": ""},
    "race_values_all": {"county": ""},
    "race_catalog": {"period": "2025-Q4"},
    "race_catalogs": {"periods": ["2025-Q3", "2025-Q4"]},
    "indicators_in_force": {"domain": "welfare", "period": "2025-H2"},
    "race_units": {"county": ""},
    "race_unit_classes": {"county": ""},
    "race_class_weights": {"period": "2025-Q4"},
    "export_class_weights": {},
    "race_min_coverage": {},
    "race_periods": {"county": ""},
    "training_cadres": {
        "start": dt.date(2025, 1, 1),
        "end": dt.date(2025, 12, 31),
        "months": 12,
        "records_end": dt.date(2025, 12, 31),
    },
    "training_targets_promoted": {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31)},
    "training_coverage": {"by": "county", "county": "", "to_come": 0.0},
    "training_disclosure": {"to_come": 0.0},
    "training_domains": {"start": dt.date(2025, 1, 1), "records_end": dt.date(2025, 12, 31), "county": ""},
    "training_mix": {"start": dt.date(2025, 1, 1), "records_end": dt.date(2025, 12, 31), "county": ""},
    "training_months": {
        "start": dt.date(2025, 1, 1),
        "end": dt.date(2025, 12, 31),
        "records_end": dt.date(2025, 12, 31),
        "county": "",
    },
    "welfare_periods": {},
    "movements_by_county": {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31)},
    "appraisal_outcomes": {"year": 2025, "follow_start": dt.date(2026, 1, 1), "follow_end": dt.date(2026, 9, 30)},
    "appraisal_years": {},
    "movements_last_date": {},
    "cadre_county": {"cadre_id": "LZ000007"},
    "cadre_roster": {"cadre_id": "LZ000007", "county": "云岫县"},
    "cadre_training": {
        "cadre_id": "LZ000007",
        "county": "云岫县",
        "start": dt.date(2025, 1, 1),
        "end": dt.date(2025, 12, 31),
    },
    "cadre_grades": {"cadre_id": "LZ000007", "county": "云岫县"},
    "cadre_decisions": {"cadre_id": "LZ000002", "county": "云岫县"},  # one with decisions
    "export_appraisals": {},
    "movements_by_year": {},
    "roster_sizes": {"days": [dt.date(2024, 12, 31), dt.date(2025, 12, 31)]},
    "roster_counties_left_out": {"as_of": dt.date(2025, 12, 31)},
    "roster_changes": {"county": "", "listed": 200},
    "roster_other_counties": {"county": "云岫县", "covered": None, "listed": 200},
    "cadre_id_spellings": {"kind": "training"},
    "roster_two_counties": {},
    "cadre_id_case_records": {"file_only": False},
    "scale_references": {"domain": "race"},
    "catalog_rescoring": {"name_after": False},
    "catalog_after_import": {},
    "catalog_after_rollback": {"batches": [1]},  # the regions batch: the catalog stays whole
    "training_untrained": {
        "start": dt.date(2025, 1, 1),
        "end": dt.date(2025, 12, 31),
        "records_end": dt.date(2025, 12, 31),
        "county": "",
    },
    "training_last_date": {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31)},
    "training_first_month": {},
    "welfare_values_by_county": {"period": "2025-H2"},
    "export_regions": {},
    "export_indicators": {},
    "export_roster": {},
    "export_movements": {},
    "export_values": {"domain": "race", "period": None},
    "values_not_in_force": {},
    "export_training": {"start": None, "end": None},
    "value_periods": {"domain": "welfare"},
    "value_changes": {"domain": "welfare"},
    "training_hours_outside": {"low": 0.0, "high": 8.0},
    "cycle_received": {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31)},
    "cycle_homes": {},
    "import_lone_months": {
        "kind": "training",
        "most_records": 3,
        "typical_records": 30,
        "thin_share": 0.1,
        "usual_months": 3,
    },
    "cycle_completeness": {"domain": "race", "period": "2025-Q4"},
    "cycle_pending": {},
    "cycle_returned": {},
    "cycle_first_year": {},
    "settings_changes": {"keys": ["training_cycle_months", "due_days_training"]},
}


@pytest.fixture(scope="module")
def sample(sample_db_file):
    db = Database(sample_db_file)
    yield db
    db.close()


def test_every_query_file_has_test_parameters():
    assert sorted(PARAMS) == queries.names()


# Queries that slice one window's cadres read them as the table `cadres` (queries/training_cadres.sql).
READS_CADRES = ("training_coverage", "training_disclosure", "training_domains", "training_mix", "training_months")


# the sample has no county submissions (test_tracker has some), no peer classes (test_peer_classes has some) and
# no change of settings (test_schedule_history has some), no value outside the catalog (test_plausibility has one)
EMPTY_ON_SAMPLE = (
    "cadre_id_case_records",  # the sample's records spell ids as its rosters do (test_cadre_id_case has some)
    "cycle_pending",
    "cycle_returned",
    "race_class_weights",
    "export_class_weights",
    "settings_changes",
    "values_not_in_force",
    "roster_two_counties",  # the sample's rosters are the prefecture's (test_other_county_cadres has a county's)
)


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_every_query_runs_on_the_sample_and_returns_rows(sample, name):
    tables = None
    if name in READS_CADRES:
        tables = {"cadres": queries.arrow(sample.connection, "training_cadres", **PARAMS["training_cadres"])}
    if name == "value_changes":  # stored values only, paired as checks.unusual_changes pairs them
        import pandas as pd

        tables = {
            "incoming": pd.DataFrame(columns=["period", "county", "township", "indicator", "value"]),
            "period_pairs": pd.DataFrame({"period": ["2025-H2"], "previous": ["2025-H1"]}),
        }
    if name == "roster_counties_left_out":  # a file of one county's cadres as the prefecture's roster
        import pandas as pd

        tables = {"incoming": pd.DataFrame({"county": ["云岫县"], "as_of": [dt.date(2025, 12, 31)]})}
    if name == "roster_changes":  # LZ000001 alone as the prefecture's roster of 2025-12-31, a rank corrected
        tables = {
            "incoming": sample.connection.execute(
                "SELECT * REPLACE ('四级调研员' AS rank) FROM current_roster "
                "WHERE as_of = DATE '2025-12-31' AND cadre_id = 'LZ000001'"
            ).df()
        }
    if name == "roster_other_counties":  # 鹤汀县's LZ002840 on 云岫县's own roster of 2026-06-30
        import pandas as pd

        tables = {
            "incoming": pd.DataFrame(
                {"as_of": [dt.date(2026, 6, 30)], "cadre_id": ["LZ002840"], "name": ["胡海"], "source_row": [2]}
            )
        }
    if name == "cadre_id_spellings":  # a file's lz000001 (the roster's LZ000001) and LZ000002 as stored
        import pandas as pd

        tables = {"incoming": pd.DataFrame({"cadre_id": ["lz000001", "LZ000002"]})}
    if name == "cadre_id_case_records":  # a roster file's lz000001: no record stored in another case
        import pandas as pd

        tables = {"incoming": pd.DataFrame({"cadre_id": ["lz000001"]})}
    if name == "scale_references":  # the sample's latest race period as a file's rows: each compared with its own
        tables = {
            "incoming": sample.connection.execute(
                "SELECT period, county, township, indicator, value FROM current_values "
                "WHERE domain = 'race' AND period = (SELECT max(period) FROM current_values WHERE domain = 'race')"
            ).df()
        }
    if name == "cycle_received":  # each cadre's settled county, read once per data version (tracker.Receipts)
        tables = {"homes": queries.arrow(sample.connection, "cycle_homes")}
    if name == "import_lone_months":  # 30 records of a 棠梨县 cadre in June, one in July, which it has not sent
        import pandas as pd

        cadre = sample.connection.execute(
            "SELECT min(cadre_id) FROM current_roster WHERE county = '棠梨县'"
        ).fetchone()[0]
        days = [dt.date(2026, 6, 1 + i % 28) for i in range(30)] + [dt.date(2026, 7, 6)]
        tables = {"incoming": pd.DataFrame({"cadre_id": [cadre] * 31, "date": days})}
    if name == "catalog_after_import":  # the stored catalog again, as a catalog file's rows: every version in force
        tables = {"incoming": sample.connection.execute("SELECT *, '' AS class_weights FROM current_indicators").df()}
    if name == "catalog_rescoring":  # rolling back the sample's catalog batch: every indicator leaves the catalog
        tables = {
            "stored_periods": sample.connection.execute("SELECT DISTINCT domain, period FROM current_values").df(),
            "versions_after": queries.run(sample.connection, "catalog_after_rollback", batches=[2]),
        }
    scope = Scope.ALL if queries.named_cadres(name) else None  # named cadres: the prefecture's scope
    frame = queries.run(sample.connection, name, tables=tables, scope=scope, **PARAMS[name])
    assert len(frame) > 0 or name in EMPTY_ON_SAMPLE


def test_every_query_starts_with_a_comment_saying_what_a_row_is():
    for name in queries.names():
        assert queries.load(name)[0].startswith("-- "), name


def test_parameter_mismatch_fails_loudly(sample):
    with pytest.raises(queries.QueryParameterError, match="takes \\['period'\\], got \\['periods'\\]"):
        queries.run(sample.connection, "race_catalog", periods="2025-Q4")
    with pytest.raises(queries.QueryParameterError):
        queries.run(sample.connection, "data_years", year=2025)


def test_values_are_bound_not_pasted(sample):
    hostile = "2025-Q4' OR '1'='1"
    assert queries.run(sample.connection, "race_values", period=hostile, county="").empty
    assert queries.run(sample.connection, "race_units", county="云岫县' OR '1'='1").empty


def test_text_comes_back_as_numpy_backed_str(sample):
    """incentive/__init__.py keeps pandas' text in NumPy: small frames' selections and sorts skip Arrow's per-call
    overhead (docs/design-notes.md, "Text columns in NumPy"); the dtype and missing values stay pandas' `str`."""
    frame = queries.run(sample.connection, "race_units", county="")
    assert isinstance(frame["unit"].dtype, pd.StringDtype) and frame["unit"].dtype.storage == "python"
    assert frame["unit"].dtype.na_value is np.nan
    built_here = pd.Series(["a", None])  # a frame built anywhere in the process, not only a query's
    assert built_here.dtype.storage == "python" and built_here[1] is np.nan


def test_race_queries_select_the_peer_group(sample):
    counties = queries.run(sample.connection, "race_units", county="")["unit"].tolist()
    assert len(counties) == 12 and counties[0] == "云岫县"  # county code 990001 first
    townships = queries.run(sample.connection, "race_units", county="云岫县")["unit"].tolist()
    assert townships == sorted(townships) and "乐岗街道" in townships
    county_rows = queries.run(sample.connection, "race_values", period="2025-Q4", county="")
    assert set(county_rows["unit"]) == set(counties)
    township_rows = queries.run(sample.connection, "race_values", period="2025-Q4", county="云岫县")
    assert set(township_rows["unit"]) <= set(townships) and len(township_rows) > 0
    periods = queries.run(sample.connection, "race_periods", county="")["period"].tolist()
    assert periods[0] == "2023-Q1" and periods[-1] == "2026-Q3"
