"""Rankings read from a real DuckDB file: peer groups, the catalog in force, history and the export table."""

import math

import pandas as pd
import pytest
from conftest import import_ok

from incentive import periods
from incentive.race import rankings
from incentive.race.rankings import PeerGroup
from incentive.store import settings

CATALOG = (
    "指标代码,指标名称,类别,赛道,单位,方向,权重,生效起始期\n"
    "A,甲,赛马,项目建设,个,正向,3,\nB,乙,赛马,基层治理,起,逆向,1,\n"
    "A,甲,赛马,项目建设,个,正向,1,2025Q3\n"
)  # from 2025-Q3 on, A weighs as much as B


@pytest.fixture
def race_db(db):
    # 三县 has one of the two indicators in 2025-Q1: ranked only at a data-coverage setting of half, which the hand
    # computations below take (the default 65 % leaves it unranked: test_the_data_coverage_setting_decides_who_is_ranked)
    settings.save(db, "rank_min_coverage", 50, "测试")
    import_ok(db, "regions.csv", "县区,乡镇,县区代码\n一县,东镇,3\n一县,西镇,3\n二县,,2\n三县,,1\n".encode())
    import_ok(db, "i.csv", CATALOG.encode())
    import_ok(
        db,
        "v.csv",
        (
            "考核期,县区,乡镇,指标,数值\n"
            "2025Q1,一县,,A,10\n2025Q1,二县,,A,20\n2025Q1,三县,,A,30\n"
            "2025Q1,一县,,B,5\n2025Q1,二县,,B,5\n2025Q1,三县,,B,\n"
            "2025Q3,一县,,A,30\n2025Q3,二县,,A,20\n2025Q3,三县,,A,10\n"
            "2025Q3,一县,,B,9\n2025Q3,二县,,B,1\n2025Q3,三县,,B,5\n"
            "2025Q3,一县,东镇,A,1\n2025Q3,一县,西镇,A,2\n"
            "2025Q3,一县,东镇,B,1\n2025Q3,一县,西镇,B,1\n"
        ).encode(),
    )
    return db


def test_composite_hand_computed_with_the_catalog_in_force(race_db):
    r = rankings.rank_period(race_db.connection, "2025-Q1")
    # A: mean 20, population sd sqrt(200/3) = 8.165 -> z = -1.2247, 0, 1.2247, weight 3 of 4.
    # B: 三县 missing (half of two indicators: still ranked), imputed 5 -> all equal -> z = 0, weight 1 of 4.
    z = 10 / math.sqrt(200 / 3)
    assert list(r.table.index) == ["三县", "二县", "一县"]
    assert r.table["composite"].tolist() == pytest.approx([0.75 * z, 0, -0.75 * z])
    assert r.table.loc["三县", "imputed"] == ("B",)
    later = rankings.rank_period(race_db.connection, "2025-Q3")
    # A now weighs 1 of 2. B lower-is-better: 1, 5, 9 -> z = +1.2247 for 二县, 0 for 三县, -1.2247 for 一县.
    assert later.track_weights.to_dict() == {"项目建设": 0.5, "基层治理": 0.5}
    assert later.table["composite"].to_dict() == pytest.approx(
        {"一县": 0.5 * z - 0.5 * z, "二县": 0.5 * z, "三县": -0.5 * z}
    )


def test_a_periods_inputs_read_once_are_race_inputs_for_any_period(race_db):
    """rankings.PeriodInputs, read for one period, every period or none said, gives each period's race_inputs,
    also for a period it was not told of and for one without values (none, no error)."""
    conn = race_db.connection
    for said in (["2025-Q1"], None, ["2025-Q1", "2025-Q3"]):
        inputs = rankings.PeriodInputs(conn, PeerGroup(), said)
        for period in ("2025-Q1", "2025-Q3", "2025-Q2"):
            own, alone = inputs(period), rankings.race_inputs(conn, period)
            order = ["unit", "indicator"]
            pd.testing.assert_frame_equal(
                own.values.sort_values(order).reset_index(drop=True),
                alone.values.sort_values(order).reset_index(drop=True),
                check_dtype=False,
                check_index_type=False,
                obj=f"{said} {period}",
            )
            assert own.catalog.equals(alone.catalog) and own.units == alone.units
            assert own.min_coverage == alone.min_coverage
    assert len(rankings.race_inputs(conn, "2025-Q3").values) and rankings.race_inputs(conn, "2025-Q2").values.empty


def test_the_data_coverage_setting_decides_who_is_ranked(race_db):
    """docs/methodology.md#data-coverage: at the default 65 %, 三县's one indicator of two (50 %) is too little; the
    ranking, its history and the export read the setting from the database; each row shows its share."""
    settings.save(race_db, "rank_min_coverage", 65, "测试")
    r = rankings.rank_period(race_db.connection, "2025-Q1")
    assert r.table["ranked"].to_dict() == {"二县": True, "一县": True, "三县": False}
    assert r.table["coverage"].to_dict() == {"二县": 1.0, "一县": 1.0, "三县": 0.5}
    history = rankings.rank_history(race_db.connection, periods=["2025-Q1"])
    assert history["unit"].tolist() == ["二县", "一县"]
    exported = rankings.export_table(r, PeerGroup())
    assert exported.set_index("county").loc["三县", ["flags", "coverage"]].tolist() == ["unranked", 0.5]
    assert rankings.race_inputs(race_db.connection, "2025-Q1").min_coverage == 0.65


def test_townships_are_ranked_within_their_county(race_db):
    r = rankings.rank_period(race_db.connection, "2025-Q3", PeerGroup("township", "一县"))
    assert list(r.table.index) == ["西镇", "东镇"]
    assert rankings.available_periods(race_db.connection, PeerGroup("township", "一县")) == ["2025-Q3"]
    assert rankings.available_periods(race_db.connection) == ["2025-Q1", "2025-Q3"]


def test_counties_in_the_regions_without_values_show_as_unranked(race_db):
    import_ok(race_db, "r2.csv", "县区,乡镇,县区代码\n四县,,4\n".encode())
    r = rankings.rank_period(race_db.connection, "2025-Q1")
    assert r.table.loc["四县", "ranked"] == False  # noqa: E712 (numpy bool)
    assert list(r.table.index)[-1] == "四县"


def test_compare_defaults_to_the_previous_period_of_the_same_form():
    available = ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q3", "2025-H1"]
    assert periods.previous_stored("2025-Q1", available) == "2024-Q4"
    assert periods.previous_stored("2025-Q3", available) == "2025-Q1"  # no 2025-Q2: the latest earlier quarter
    assert periods.previous_stored("2024-Q3", available) is None


def test_history_ranks_every_period(race_db):
    history = rankings.rank_history(race_db.connection)
    assert history.groupby("period")["unit"].count().to_dict() == {"2025-Q1": 3, "2025-Q3": 3}
    assert history[(history["period"] == "2025-Q3") & (history["unit"] == "二县")]["rank"].item() == 1
    available = rankings.available_periods(race_db.connection, PeerGroup())
    assert rankings.periods_up_to(available, until="2025-Q1", last=8) == ["2025-Q1"]
    assert rankings.periods_up_to(available, until="2025-Q3", last=1) == ["2025-Q3"]
    assert rankings.periods_up_to(available) == ["2025-Q1", "2025-Q3"]
    quarters = ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]
    assert rankings.periods_up_to(quarters, "2025-Q1", 2) == ["2024-Q4", "2025-Q1"]
    assert rankings.periods_up_to(quarters, "2026-Q1", 3) == quarters[-3:]  # a period not stored: up to the newest
    latest = rankings.rank_history(race_db.connection, periods=["2025-Q3"])
    assert latest.equals(history[history["period"] == "2025-Q3"].reset_index(drop=True))


def test_export_table_columns_and_rank_change(race_db):
    now = rankings.rank_period(race_db.connection, "2025-Q3")
    before = rankings.rank_period(race_db.connection, "2025-Q1", draws=0)
    table = rankings.export_table(now, PeerGroup(), before)
    assert table.columns.tolist() == [
        "period",
        "county",
        "composite",
        "rank",
        "rank_low",
        "rank_high",
        "tier",
        "tier_label",
        "flags",
        "rank_median",
        "robust_low",
        "robust_high",
        "moved_places",
        "moved_by",
        "coverage",
        "track_项目建设",
        "track_基层治理",
        "rank_z",
        "rank_minmax",  # no rank_points: 个 and 起 are no one scale (test_rank_points_only_where_points_rank)
        "compare_period",
        "compare_rank",
        "rank_change",
    ]
    row = table.set_index("county").loc["二县"]
    assert (row["rank"], row["compare_rank"], row["rank_change"], row["tier"], row["tier_label"]) == (
        1,
        2,
        1,
        1,
        "第一方阵",
    )
    earlier = rankings.export_table(before, PeerGroup(), lang="en").set_index("county")
    assert earlier.loc["三县", "flags"] == "imputed:B" and earlier.loc["三县", "tier_label"] == "First tier"
    towns = rankings.export_table(
        rankings.rank_period(race_db.connection, "2025-Q3", PeerGroup("township", "一县")),
        PeerGroup("township", "一县"),
    )
    assert towns[["county", "township"]].values.tolist() == [["一县", "西镇"], ["一县", "东镇"]]


def test_rank_points_only_where_points_rank(race_db, tmp_path, capsys):
    """原始分值 adds the values as given: a rank only when every indicator is in 分 (scoring.methods_for). On mixed
    units `export rankings` had an empty rank_points column; it is left out, as the page leaves it out, for the
    live and the published export. Where every indicator is in 分 it is there and filled."""
    from incentive import cli
    from incentive.publication import freeze, official

    live = rankings.export_table(rankings.rank_period(race_db.connection, "2025-Q3"), PeerGroup())
    assert "rank_points" not in live.columns and live["rank_minmax"].notna().all()
    freeze.publish(race_db, "2025-Q3", "管理员")
    published = rankings.export_table(official.ranking(race_db.connection, "2025-Q3"), PeerGroup())
    assert "rank_points" not in published.columns and "rank_z" in published.columns
    out = tmp_path / "rankings.csv"
    assert (
        cli.main(["--db", race_db.path, "export", "rankings", "--period", "2025Q3", "--published", "--out", str(out)])
        == 0
    )
    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert "rank_points" not in header and "rank_minmax" in header
    # in 分 from 2025-Q4 on: a unit cannot change under stored values (decisions.md#catalog-changes-that-relabel-stored-values)
    import_ok(
        race_db,
        "points.csv",
        "指标代码,指标名称,类别,赛道,单位,方向,权重,生效起始期\nA,甲,赛马,项目建设,分,正向,1,2025Q4\nB,乙,赛马,基层治理,分,逆向,1,2025Q4\n".encode(),
    )
    scores = "".join(
        f"2025Q4,{c},,{i},{v}\n"
        for c, a, b in (("一县", 30, 9), ("二县", 20, 1), ("三县", 10, 5))
        for i, v in (("A", a), ("B", b))
    )
    import_ok(race_db, "q4.csv", ("考核期,县区,乡镇,指标,数值\n" + scores).encode())
    points = rankings.export_table(rankings.rank_period(race_db.connection, "2025-Q4"), PeerGroup())
    # A more is better, B fewer: 一县 30 − 9 = 21, 二县 20 − 1 = 19, 三县 10 − 5 = 5
    assert points.set_index("county")["rank_points"].to_dict() == {"一县": 1, "二县": 2, "三县": 3}


def test_a_county_whose_townships_have_no_scores_ranks_nobody_without_error(race_db):
    """Security item 6: 一县 has townships but none has a 2025-Q1 score; ranking them used to raise TypeError
    (an empty text column times the track weights), which the page showed viewers as a traceback."""
    towns = rankings.rank_period(race_db.connection, "2025-Q1", PeerGroup("township", "一县"))
    assert towns.ranked.empty and towns.table.index.tolist() == ["东镇", "西镇"]
    assert not towns.table["ranked"].any()
    nobody = rankings.rank_period(race_db.connection, "2025-Q1", PeerGroup("township", "三县"))  # no townships
    assert nobody.table.empty


# ---- the period a year's views open on (docs/decisions.md#which-counties-take-part)

Q4_ONE = "考核期,县区,乡镇,指标,数值\n2025Q4,二县,,A,7\n2025Q4,二县,,B,2\n"


def test_a_county_that_never_sent_scores_does_not_make_every_period_incomplete(race_db):
    """The reviewer's case: a regions file adds 四县, which never sends race scores, and one county has sent 2025-Q4.
    No period is complete if 四县 is waited for, and the year used to open on 2025-Q4, a race of one county. It is
    not waited for: 2025-Q3 (every county that takes part) is the default; 2025-Q4 is still offered."""
    import_ok(race_db, "r2.csv", "县区,乡镇,县区代码\n四县,,4\n".encode())
    import_ok(race_db, "q4.csv", Q4_ONE.encode())
    found = rankings.available_periods(race_db.connection)
    assert found == ["2025-Q1", "2025-Q3", "2025-Q4"]
    assert rankings.default_period(race_db.connection, 2025) == "2025-Q3"


def test_with_no_complete_period_the_newest_with_the_most_counties_is_the_default(race_db):
    """三县 stops sending after 2025: it took part, so no period of 2026 is complete (2026-Q1 has two counties,
    2026-Q2 one). The year opens on the newest period with the most counties, 2026-Q1, never on the newer, less
    complete 2026-Q2, which it used to open on."""
    rows = "2026Q1,一县,,A,1\n2026Q1,二县,,A,2\n2026Q1,一县,,B,1\n2026Q1,二县,,B,2\n2026Q2,二县,,A,2\n"
    import_ok(race_db, "2026.csv", ("考核期,县区,乡镇,指标,数值\n" + rows).encode())
    assert rankings.default_period(race_db.connection, 2026) == "2026-Q1"
    assert rankings.default_period(race_db.connection, 2025) == "2025-Q3"


def test_a_township_that_never_sent_scores_is_not_waited_for(race_db):
    import_ok(race_db, "r2.csv", "县区,乡镇,县区代码\n一县,南镇,3\n".encode())  # a new township, no scores
    group = PeerGroup("township", "一县")
    assert rankings.available_periods(race_db.connection, group) == ["2025-Q3"]
    assert rankings.default_period(race_db.connection, 2025, group) == "2025-Q3"
    import_ok(race_db, "q4.csv", "考核期,县区,乡镇,指标,数值\n2025Q4,一县,东镇,A,3\n".encode())
    assert rankings.default_period(race_db.connection, 2025, group) == "2025-Q3"  # not 西镇-less 2025-Q4


# ---- rank moves only between rankings of the same units (docs/decisions.md#rank-moves-compare-the-same-units)

Q4_WITHOUT_SANXIAN = (
    "考核期,县区,乡镇,指标,数值\n2025Q4,一县,,A,30\n2025Q4,二县,,A,20\n2025Q4,一县,,B,1\n2025Q4,二县,,B,9\n"
)


def test_no_rank_moves_when_the_two_periods_rank_different_counties(race_db):
    """2025-Q3 ranks 二县 1, 一县 2, 三县 3; 三县 sends nothing for 2025-Q4. 一县 and 二县 would each read as
    having risen against a field that had 三县 in it: no move is given for anyone, the compare ranks stay."""
    import_ok(race_db, "q4.csv", Q4_WITHOUT_SANXIAN.encode())
    now = rankings.rank_period(race_db.connection, "2025-Q4", draws=0)
    before = rankings.rank_period(race_db.connection, "2025-Q3", draws=0)
    assert now.ranked.index.tolist() == ["一县", "二县"] and before.ranked.index.tolist() == ["二县", "一县", "三县"]
    assert rankings.field_change(now, before) == rankings.FieldChange("2025-Q4", "2025-Q3", (), ("三县",))
    assert rankings.field_change(before, now) == rankings.FieldChange("2025-Q3", "2025-Q4", ("三县",), ())
    assert rankings.rank_changes(now, before).isna().all()
    rows = rankings.ranking_rows(now, before)
    assert rows["rank_change"].isna().all() and rows["compare_rank"].tolist()[:2] == [2, 1]
    table = rankings.export_table(now, PeerGroup(), before).set_index("county")
    assert table["rank_change"].isna().all() and table.loc["一县", "compare_rank"] == 2


def test_the_rank_history_breaks_where_the_units_ranked_change(race_db):
    """三县 sends nothing for 2025-Q4: the history's 2025-Q4 ranks two counties, a step its line must not cross;
    2025-Q3 ranks the same three as 2025-Q1 (no break there)."""
    import_ok(race_db, "q4.csv", Q4_WITHOUT_SANXIAN.encode())
    history = rankings.rank_history(race_db.connection)
    assert rankings.field_breaks(history) == ["2025-Q4"]
    assert rankings.field_breaks(history[history["period"] != "2025-Q4"]) == []


def test_a_county_without_data_in_either_period_does_not_stop_the_moves(race_db):
    """四县, added by a regions file, never sends anything: both periods rank the same three counties, so the
    moves are shown."""
    import_ok(race_db, "r2.csv", "县区,乡镇,县区代码\n四县,,4\n".encode())
    now = rankings.rank_period(race_db.connection, "2025-Q3", draws=0)
    before = rankings.rank_period(race_db.connection, "2025-Q1", draws=0)
    assert rankings.field_change(now, before) is None
    changes = rankings.rank_changes(now, before)
    assert changes["二县"] == 1 and pd.isna(changes["四县"])  # 二县 2nd in 2025-Q1, 1st in 2025-Q3; 四县 unranked
