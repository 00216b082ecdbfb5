"""A county's roster listing a cadre whom another county's roster of the same date still lists
(store/other_county_cadres.py, docs/decisions.md#a-cadre-on-two-county-rosters): said before import, with the ids,
and the other county and its stored name only within a scope that covers it; on both paths of a CSV.

The sample's 2026-06-30 snapshot holds 7,000 cadres, 726 of them in 云岫县 and 711 in 鹤汀县, whose LZ002840 is
胡浩. 云岫县's clerk re-sends his county's roster of that date with LZ002840 added as 胡海 (the tester's file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import incentive_command
from test_pages import on_data_page
from test_roster_changes import read as read_roster
from test_roster_changes import roster_text, stored_snapshot
from test_submissions import ADMIN, CLERK

from incentive.accounts.roles import COUNTY_CLERK, OutOfScope, Principal, Scope
from incentive.intake.ingest import parse_file
from incentive.review import submissions
from incentive.review.submissions import Options
from incentive.store import queries
from incentive.store.database import Database
from incentive.store.other_county_cadres import OtherCountyCadre, other_county_cadres
from incentive.store.reference import current_reference
from incentive.training import coverage

MOVED = ["LZ002840", "胡海", "云岫县", "安山镇", "一级科员", "M", 1984, "汉族", "中共党员", "大学本科"]
JUNE = dt.date(2026, 6, 30)
YUNXIU = Scope(frozenset({"云岫县"}))


@pytest.fixture
def sample(sample_db_path):
    db = Database(sample_db_path)
    yield db
    db.close()


def county_file(db: Database, extra: list[list]) -> str:
    """云岫县's stored roster of 2026-06-30 with `extra` rows after it, as a CSV."""
    return roster_text([*stored_snapshot(db, "云岫县"), *extra])


def read(db: Database, tmp_path: Path, text: str, path_kind: str):
    """The preview of 云岫县's roster file `text` (test_roster_changes.read, named as the clerk names it)."""
    return read_roster(db, tmp_path, text, path_kind, name="云岫花名册.csv")


@pytest.mark.parametrize("path_kind", ["cell", "bulk"])
def test_a_county_roster_listing_another_countys_cadre_says_so_before_import(sample, tmp_path, path_kind):
    preview = read(sample, tmp_path, county_file(sample, [MOVED]), path_kind)
    row = 726 + 2  # after the header and 云岫县's 726 cadres
    # the prefecture's reviewer: the other county and the name it holds
    found = other_county_cadres(sample, preview, Scope.ALL, "云岫县")
    assert found.cadres == 1
    assert found.listed == (OtherCountyCadre("LZ002840", row, "胡海", JUNE, (("鹤汀县", "胡浩"),)),)
    assert found.text("zh") == (
        f"本文件中有 1 名干部也在其他县区于 2026-06-30 适用的花名册上：LZ002840（第 {row} 行；鹤汀县花名册上为「胡浩」）。"
        "导入后，在原县区报送该日期不再列出上述干部的花名册之前，上述干部同时计入两个县区：两县区的在册人数、"
        "培训覆盖率和人均学时等按县区统计的数字都计入，全市合计多计 1 人。如确已调入本县区，请原县区重新报送统计日期为 "
        "2026-06-30 的花名册；如干部编号有误，请更正文件后重新报送。"
    )
    assert found.text("en").startswith(
        "1 cadre of this file is also on another county's roster in force on 2026-06-30: LZ002840 "
        f"(row {row}; on 鹤汀县's roster as “胡浩”). Imported, he counts in both counties"
    )
    # 云岫县's clerk: his own file's id and the count, nothing of 鹤汀县 (docs/decisions.md#named-lists)
    found = other_county_cadres(sample, preview, YUNXIU, "云岫县")
    assert (found.cadres, found.listed) == (1, (OtherCountyCadre("LZ002840", row, "胡海", JUNE, ()),))
    assert f"LZ002840（第 {row} 行）。" in found.text("zh")
    assert "鹤汀县" not in found.text("zh") and "胡浩" not in found.text("en")
    with pytest.raises(OutOfScope):  # another county's clerk
        other_county_cadres(sample, preview, Scope(frozenset({"鹤汀县"})), "云岫县")


def test_the_same_file_as_the_prefectures_or_without_the_cadre_says_nothing(sample, tmp_path):
    """A prefecture-wide file replaces 鹤汀县's cadres of the date too: LZ002840 is on one roster, the file's (and
    the same id in two counties within a file is a duplicate key, refused). 云岫县's own roster alone is none."""
    preview = read(sample, tmp_path, county_file(sample, [MOVED]), "cell")
    assert other_county_cadres(sample, preview, Scope.ALL, None).text("zh") == ""
    alone = read(sample, tmp_path, county_file(sample, []), "cell")
    assert other_county_cadres(sample, alone, Scope.ALL, "云岫县").cadres == 0
    twice = roster_text([MOVED, ["LZ002840", "胡浩", "鹤汀县", "县委办", *MOVED[4:]]])
    refused = parse_file("全市花名册.csv", twice.encode(), current_reference(sample))
    assert not refused.importable and "与第 3 行重复（LZ002840 / 2026-06-30）" in refused.problem_texts("zh")[0]


def test_a_long_list_stops_and_says_how_many_more(sample, tmp_path):
    others = stored_snapshot(sample, "鹤汀县")[:3]
    moved = [[cid, name, "云岫县", "安山镇", *rest] for cid, name, _county, _unit, *rest in others]
    preview = read(sample, tmp_path, county_file(sample, moved), "cell")
    found = other_county_cadres(sample, preview, Scope.ALL, "云岫县", limit=2)
    assert found.cadres == 3 and [c.cadre_id for c in found.listed] == sorted(r[0] for r in others)[:2]
    assert "；另有 1 人未列出。" in found.text("zh")
    assert "; 1 more not listed." in found.text("en")


def test_what_the_warning_says_counts_twice_does(sample):
    """Accepted, LZ002840 is on both counties' rosters in force: both counties' roster sizes count him and the
    prefecture's 7,000 people are 7,001; the training figures give him a row in each county, his hours in each,
    and the prefecture's coverage counts 7,001 cadres. The warning says so, and nothing more."""
    day = [JUNE]
    before = queries.run(sample.connection, "roster_sizes", days=day).set_index("county")["cadres"]
    sid = submissions.submit(sample, CLERK, "云岫花名册.csv", county_file(sample, [MOVED]).encode(), Options())
    submissions.accept(sample, sid, ADMIN)
    after = queries.run(sample.connection, "roster_sizes", days=day).set_index("county")["cadres"]
    assert (before["云岫县"], after["云岫县"], before["鹤汀县"], after["鹤汀县"]) == (726, 727, 711, 711)
    assert (before.sum(), after.sum()) == (7000, 7001)
    window = coverage.year_window(2026)
    cadres = coverage.cadres_in(sample.connection, window)
    rows = cadres.to_pandas()
    his = rows[rows["cadre_id"] == "LZ002840"]
    assert sorted(his["county"]) == ["云岫县", "鹤汀县"] and his["hours"].nunique() == 1 and his["hours"].iloc[0] > 0
    by_county = coverage.window_query(
        sample.connection, "training_coverage", window, cadres, by="county", county="", to_come=0
    ).set_index("county")["cadres"]
    assert (by_county["云岫县"], by_county["鹤汀县"]) == (727, 711)
    prefecture = coverage.window_query(
        sample.connection, "training_coverage", window, cadres, by="all", county="", to_come=0
    )
    assert int(prefecture["cadres"].iloc[0]) == len(rows) == rows["cadre_id"].nunique() + 1


def accept_moved(db_path: Path) -> None:
    """云岫县's roster of 2026-06-30 listing 鹤汀县's LZ002840, sent by its clerk and accepted."""
    database = Database(db_path)
    try:
        moved = county_file(database, [MOVED]).encode()
        submissions.accept(database, submissions.submit(database, CLERK, "云岫花名册.csv", moved, Options()), ADMIN)
    finally:
        database.close()


def test_check_names_each_cadre_two_accepted_county_rosters_both_list(sample_db_path):
    """A move whose old county did not drop him: 云岫县's roster of 2026-06-30 listing 鹤汀县's LZ002840, accepted,
    and nothing after the import flagged that both counties count him (a tester's finding of 2026-12-08).
    `incentive check` names him by id, no name, with the two counties and their snapshots' dates, in both
    languages (checks.two_rosters), until 鹤汀县's roster of that date without him is accepted too."""
    accept_moved(sample_db_path)
    english = incentive_command("--db", sample_db_path, "--lang", "en", "check")
    assert english.returncode == 0, english.stderr
    assert [line for line in english.stdout.splitlines() if line.startswith("cadre roster")] == [
        "cadre roster: cadre LZ002840 is on the rosters in force of both 云岫县 (as of 2026-06-30) and 鹤汀县 (as of "
        "2026-06-30): both counties count him and the prefecture's totals count him twice. After a move the old "
        "county re-sends its roster without him; if an id is wrong, correct it and send the roster again."
    ]
    assert "Besides, 1 cadre is on two counties' rosters in force." in english.stderr.splitlines()
    chinese = incentive_command("--db", sample_db_path, "--lang", "zh", "check")
    assert [line for line in chinese.stdout.splitlines() if line.startswith("干部花名册")] == [
        "干部花名册：干部 LZ002840 同时在云岫县（统计日期 2026-06-30）和鹤汀县（统计日期 2026-06-30）适用的花名册上，"
        "两县区都计入他，全市合计多计 1 人：如已调动，请原县区重新报送不再列出他的花名册；如干部编号有误，请更正后重新报送。"
    ]
    assert "另有 1 名干部同时在两个县区适用的花名册上。" in chinese.stderr.splitlines()
    table = incentive_command("--db", sample_db_path, "check", "--format", "csv").stdout
    rows = [line for line in table.splitlines() if line.startswith("two_rosters,")]
    assert len(rows) == 1 and rows[0].startswith("two_rosters,roster,2026-06-30,,云岫县,,,,LZ002840,,,")
    assert "胡海" not in english.stdout + chinese.stdout + table and "胡浩" not in english.stdout + table  # no names

    database = Database(sample_db_path)
    try:  # 鹤汀县's roster of the date without him: he is on one roster again
        kept = [row for row in stored_snapshot(database, "鹤汀县") if row[0] != "LZ002840"]
        heting = Principal("鹤汀填报员", COUNTY_CLERK, "鹤汀县")
        sid = submissions.submit(database, heting, "鹤汀花名册.csv", roster_text(kept).encode(), Options())
        submissions.accept(database, sid, ADMIN)
    finally:
        database.close()
    after = incentive_command("--db", sample_db_path, "--lang", "en", "check")
    assert after.returncode == 0, after.stderr
    assert not [line for line in after.stdout.splitlines() if line.startswith("cadre roster")]
    assert "two counties" not in after.stderr


def test_the_data_page_lists_him_among_the_findings(app_factory, sample_db_path):
    """The Data page's findings of the loaded data are `incentive check`'s: the count of cadres on two counties'
    rosters in force in its sentence, and his row, by id, in its table."""
    accept_moved(sample_db_path)
    app = on_data_page(app_factory(sample_db_path))
    assert any("另有 1 名干部同时在两个县区适用的花名册上（见下表）。" in i.value for i in app.info)
    table = next(d.value for d in app.dataframe if "核查项" in d.value.columns)
    rows = table[table["核查项"] == "两县区花名册"]
    assert rows[["考核期/日期", "单位"]].values.tolist() == [["2026-06-30", "云岫县"]]
    assert rows["说明"].iloc[0].startswith("干部 LZ002840 同时在云岫县（统计日期 2026-06-30）和鹤汀县")
