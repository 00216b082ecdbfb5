"""County roster snapshots (schema 009, docs/decisions.md#county-roster-snapshots): a county's roster replaces
only that county's cadres of its date, a prefecture-wide one everybody's; the roster in force is chosen county by
county. Every figure is a literal count a reader can check against the files below."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import import_ok
from test_submissions import ADMIN, CLERK, OTHER_CLERK, roster_csv

from incentive.intake.ingest import parse_file
from incentive.review import rollbacks, submissions
from incentive.review.submissions import Options
from incentive.store import batches, queries
from incentive.store.database import DataAsOf
from incentive.store.effects import import_effects
from incentive.store.reference import current_reference
from incentive.training import coverage

JUNE = [("Y1", "云岫县"), ("Y2", "云岫县"), ("Y3", "云岫县"), ("Q1", "云峤县"), ("Q2", "云峤县"), ("C1", "澄溪县")]


def by_county(db, as_of: str) -> dict[str, int]:
    rows = db.fetch_all(
        "SELECT county, count(*) FROM current_roster WHERE as_of = CAST($d AS DATE) GROUP BY county", {"d": as_of}
    )
    return dict(rows)


def in_force(db, day: str) -> dict[str, int]:
    table = queries.run(db.connection, "roster_sizes", days=[dt.date.fromisoformat(day)])
    return dict(zip(table["county"], table["cadres"], strict=True))


def county_roster(db, as_of: str, cadres, clerk=CLERK) -> int:
    """A county clerk's roster, submitted and accepted: a county batch."""
    sid = submissions.submit(db, clerk, "本县花名册.csv", roster_csv(as_of, cadres), Options())
    return submissions.accept(db, sid, ADMIN)


def effects_of(db, data: bytes, county: str | None):
    preview = parse_file("花名册.csv", data, current_reference(db))
    return import_effects(db, preview, county)


@pytest.fixture
def june(catalog_db):
    import_ok(catalog_db, "花名册.csv", roster_csv("2025-06-30", JUNE))
    return catalog_db


def test_a_county_roster_replaces_only_its_countys_cadres_of_that_date(june):
    db = june
    assert by_county(db, "2025-06-30") == {"云岫县": 3, "云峤县": 2, "澄溪县": 1}
    data = roster_csv("2025-06-30", [("Y1", "云岫县"), ("Y4", "云岫县")])
    assert effects_of(db, data, "云岫县").snapshot_replaced == 3  # 云岫县's three, not all six
    assert effects_of(db, data, None).snapshot_replaced == 6  # the same file from the prefecture: everybody
    county_roster(db, "2025-06-30", [("Y1", "云岫县"), ("Y4", "云岫县")])
    assert by_county(db, "2025-06-30") == {"云岫县": 2, "云峤县": 2, "澄溪县": 1}
    assert sorted(c for (c,) in db.fetch_all("SELECT cadre_id FROM current_roster")) == [
        "C1",
        "Q1",
        "Q2",
        "Y1",
        "Y4",
    ]
    assert in_force(db, "2025-12-31") == {"云岫县": 2, "云峤县": 2, "澄溪县": 1}


def test_a_newer_prefecture_roster_replaces_county_rosters_and_rolling_it_back_restores_them(june):
    db = june
    county_roster(db, "2025-06-30", [("Y1", "云岫县"), ("Y4", "云岫县")])
    newer = roster_csv("2025-06-30", [("Y1", "云岫县"), ("Q1", "云峤县"), ("C1", "澄溪县"), ("C2", "澄溪县")])
    assert effects_of(db, newer, None).snapshot_replaced == 5
    wide = import_ok(db, "花名册更正.csv", newer)
    assert by_county(db, "2025-06-30") == {"云岫县": 1, "云峤县": 1, "澄溪县": 2}
    batches.rollback(db, wide, "test")
    assert by_county(db, "2025-06-30") == {"云岫县": 2, "云峤县": 2, "澄溪县": 1}


def test_rolling_back_a_county_roster_restores_the_prefectures(june):
    db = june
    batch = county_roster(db, "2025-06-30", [("Y1", "云岫县")])
    assert by_county(db, "2025-06-30") == {"云岫县": 1, "云峤县": 2, "澄溪县": 1}
    rollbacks.accept(db, rollbacks.request(db, CLERK, batch, "花名册有误"), ADMIN)  # asked, reviewed, rolled back
    assert by_county(db, "2025-06-30") == {"云岫县": 3, "云峤县": 2, "澄溪县": 1}


def test_a_county_roster_of_another_date_is_in_force_for_that_county_only(june):
    """云岫县 sends a roster as of 2025-09-30 with one cadre: from then on 云岫县 has 1; the other counties keep
    the prefecture's June snapshot, rather than vanishing because the newest date holds one county."""
    db = june
    assert effects_of(db, roster_csv("2025-09-30", [("Y1", "云岫县")]), "云岫县").snapshot_replaced == 0
    county_roster(db, "2025-09-30", [("Y1", "云岫县")])
    assert in_force(db, "2025-12-31") == {"云岫县": 1, "云峤县": 2, "澄溪县": 1}
    assert in_force(db, "2025-07-31") == {"云岫县": 3, "云峤县": 2, "澄溪县": 1}
    assert in_force(db, "2025-01-31") == {"云岫县": 3, "云峤县": 2, "澄溪县": 1}  # before every snapshot: the earliest
    # a prefecture roster of a later date is in force for every county again
    import_ok(db, "花名册12月.csv", roster_csv("2025-12-31", [("Y2", "云岫县"), ("Q1", "云峤县")]))
    assert in_force(db, "2025-12-31") == {"云岫县": 1, "云峤县": 1}
    assert in_force(db, "2025-10-31") == {"云岫县": 1, "云峤县": 2, "澄溪县": 1}


def test_training_coverage_counts_the_county_roster(june):
    """The coverage of a window counts the cadres of the roster in force county by county (the macro every
    coverage figure reads): 5 cadres at the year's end, of whom Y1 and Q1 trained."""
    db = june
    county_roster(db, "2025-09-30", [("Y1", "云岫县"), ("Y5", "云岫县")])
    import_ok(
        db,
        "培训.csv",
        (
            "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"
            "Y1,专题班,专业能力,乡村振兴,线下,集体,16,2025-10-03\n"
            "Q1,党课,政治能力,党的理论,线上,个人,2,2025-11-04\n"
            "Y2,党课,政治能力,党的理论,线上,个人,2,2025-11-04\n"
        ).encode(),
    )
    cadres = db.fetch_df(
        "SELECT county, cadre_id, trained, hours FROM cadre_training('2025-01-01', '2025-12-31', '2025-12-31')"
    )
    assert sorted(zip(cadres["cadre_id"], cadres["trained"], strict=True)) == [
        ("C1", False),
        ("Q1", True),
        ("Q2", False),
        ("Y1", True),
        ("Y5", False),
    ]
    assert cadres["hours"].sum() == 18  # Y2's 2 hours are not counted: Y2 left 云岫县's roster in September


def test_a_pinned_moment_sees_the_roster_as_it_was(june):
    db = june
    before = dt.datetime.now()
    county_roster(db, "2025-06-30", [("Y1", "云岫县")])
    pinned = DataAsOf(db.connection, before)
    table = queries.run(pinned, "roster_sizes", days=[dt.date(2025, 12, 31)])
    assert dict(zip(table["county"], table["cadres"], strict=True)) == {"云岫县": 3, "云峤县": 2, "澄溪县": 1}


def test_a_cadre_on_two_counties_rosters_of_one_day_owes_the_first_groups_target_every_time(catalog_db):
    """D1 on 云岫县's and 云峤县's snapshots of 2023-12-31 (one that moved), 县处级 on one and 一级科员 on the
    other: his group in the months they are in force is the first of the two ('division'), as his own window's group
    is taken (queries/training_cadres.sql), not whichever row DuckDB met last, which owed the same five-year window
    another target from one run to the next."""

    def rows(as_of, cadres):
        lines = [f"{cid},某{cid},{county},{unit},{rank},男,1975,{as_of}" for cid, county, unit, rank in cadres]
        return ("干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n" + "\n".join(lines) + "\n").encode()

    import_ok(catalog_db, "r2025.csv", rows("2025-12-31", [("D1", "云岫县", "安坝镇", "县处级副职")]))
    for clerk, county, unit, rank in [
        (CLERK, "云岫县", "安坝镇", "县处级副职"),
        (OTHER_CLERK, "云峤县", "丹埠镇", "一级科员"),
    ]:
        sid = submissions.submit(
            catalog_db, clerk, "本县花名册.csv", rows("2023-12-31", [("D1", county, unit, rank)]), Options()
        )
        submissions.accept(catalog_db, sid, ADMIN)
    assert by_county(catalog_db, "2023-12-31") == {"云岫县": 1, "云峤县": 1}
    runs = [
        coverage.cadres_in(catalog_db.connection, coverage.year_window(2025))
        .to_pandas()
        .set_index("cadre_id")
        .loc["D1", ["target", "months_other_group"]]
        .tolist()
        for _ in range(8)
    ]
    assert runs == [[550.0, 0.0]] * 8


@pytest.mark.parametrize("later", ["云峤县", "云岫县"])
def test_a_decision_on_two_counties_rosters_of_one_day_counts_for_the_later_batch(catalog_db, later):
    """D1 on 云岫县's and 云峤县's snapshots of 2023-12-31, promoted on 2024-03-01: 能上能下 counts the promotion for
    the county of the batch accepted later, and the promotions' training targets take county and rank group from
    that same row, and only that county's clerk may send it (the ASOF joins by date alone left the tie to DuckDB's
    order)."""

    def rows(county, unit, rank):
        return (
            f"干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\nD1,某D1,{county},{unit},{rank},男,1975,2023-12-31\n"
        )

    snapshots = {
        "云岫县": (CLERK, rows("云岫县", "安坝镇", "县处级副职")),
        "云峤县": (OTHER_CLERK, rows("云峤县", "丹埠镇", "一级科员")),
    }
    for county in sorted(snapshots, key=lambda c: c == later):  # the later one last
        clerk, text = snapshots[county]
        sid = submissions.submit(catalog_db, clerk, "本县花名册.csv", text.encode(), Options())
        submissions.accept(catalog_db, sid, ADMIN)
    moves = "干部编号,调整日期,调整类型\nD1,2024-03-01,提拔\n".encode()
    earlier = next(c for c in snapshots if c != later)  # whose clerk may not send the decision: not his cadre then
    refused, _ = submissions.check(catalog_db, "moves.csv", moves, Options(), earlier)
    assert [p.key for p in refused.problems] == ["submit_cadre_not_in_county"]
    assert not submissions.check(catalog_db, "moves.csv", moves, Options(), later)[0].problems
    import_ok(catalog_db, "moves.csv", moves)
    window = {"start": dt.date(2024, 1, 1), "end": dt.date(2024, 12, 31)}
    counted = queries.run(catalog_db.connection, "movements_by_county", **window)
    assert counted[["county", "action", "decisions"]].values.tolist() == [[later, "promotion", 1]]
    promoted = queries.run(catalog_db.connection, "training_targets_promoted", **window)
    group = {"云岫县": "division", "云峤县": "section"}[later]
    assert promoted[["county", "rank_group"]].values.tolist() == [[later, group]]


def test_a_later_snapshot_with_a_rank_no_group_knows_leaves_the_group_of_the_earlier_one(catalog_db):
    """D1 县处级 on the prefecture's 2025-12-31 roster; before it, 一级科员 on 云岫县's snapshot of 2023-12-31 and
    工勤人员 (no group) on 云峤县's later one of 2024-06-30, both in force until December 2025. A row whose rank no
    group knows decides nothing (queries/training_cadres.sql, group_by_span): the months before December are
    乡科级's, 59 × 90 / 12 + 110 / 12 owed, not the 550 of his own group for all 60."""

    def rows(as_of, cadres):
        lines = [f"{cid},某{cid},{county},{unit},{rank},男,1975,{as_of}" for cid, county, unit, rank in cadres]
        return ("干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n" + "\n".join(lines) + "\n").encode()

    import_ok(catalog_db, "r2025.csv", rows("2025-12-31", [("D1", "云岫县", "安坝镇", "县处级副职")]))
    for clerk, as_of, county, unit, rank in [
        (CLERK, "2023-12-31", "云岫县", "安坝镇", "一级科员"),
        (OTHER_CLERK, "2024-06-30", "云峤县", "丹埠镇", "工勤人员"),
    ]:
        sid = submissions.submit(
            catalog_db, clerk, "本县花名册.csv", rows(as_of, [("D1", county, unit, rank)]), Options()
        )
        submissions.accept(catalog_db, sid, ADMIN)
    d1 = (
        coverage.cadres_in(catalog_db.connection, coverage.year_window(2025))
        .to_pandas()
        .set_index("cadre_id")
        .loc["D1"]
    )
    assert d1["rank_group"] == "division"
    assert d1["months_other_group"] == 59
    assert d1["target"] == round((59 * 90 + 550 / 5) / 12, 6)
