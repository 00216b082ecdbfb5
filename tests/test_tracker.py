"""The submission tracker (incentive/cycle/tracker.py) on a hand-made schedule: race scores due 15 days after each
quarter, four counties (tests/data/regions.csv), times of receipt set by hand, `today` given."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest
from conftest import HALF_YEAR_RACE, import_ok

from incentive.accounts.roles import COUNTY_CLERK, OutOfScope, Principal, Scope
from incentive.cycle import schedule, tracker
from incentive.cycle.tracker import Gap
from incentive.i18n import t
from incentive.review import submissions
from incentive.store import queries, settings

CONFIG = {**settings.defaults(), "due_days_race_scores": 15}
ONTIME_Q1 = "考核期,县区,乡镇,指标,数值\n" + "".join(
    f"2025Q1,{county},,{code},{value}\n"
    for county in ("云岫县", "云峤县")
    for code, value in (("R01", 1), ("R02", 2), ("R03", 90))
)
LATE_Q1 = "考核期,县区,乡镇,指标,数值\n2025Q1,澄溪县,,R01,5\n2025Q1,澄溪县,,R02,1\n2025Q1,澄溪县,,R03,\n"
PENDING_Q1 = "考核期,县区,乡镇,指标,数值\n2025Q1,枫岚区,,R01,7\n"
SENT_Q2 = "考核期,县区,乡镇,指标,数值\n2025Q2,云峤县,,R01,3\n2025Q2,云峤县,,R02,1\n2025Q2,云峤县,,R03,91\n"


def received_at(db, batch: int, when: str) -> None:
    db.connection.execute(
        "UPDATE batches SET created_at = $at WHERE id = $id", {"at": dt.datetime.fromisoformat(when), "id": batch}
    )


@pytest.fixture
def cycle_db(catalog_db):
    """2025-Q1: 云岫县 and 云峤县 on time (04-10), 澄溪县 late (04-20) and without R03, 枫岚区 submitted and pending;
    2025-Q2: 云峤县's clerk submitted on 07-14, accepted on 07-18; nobody else."""
    db = catalog_db
    received_at(db, import_ok(db, "q1.csv", ONTIME_Q1.encode()), "2025-04-10 09:00")
    received_at(db, import_ok(db, "q1_late.csv", LATE_Q1.encode()), "2025-04-20 09:00")
    submissions.submit(
        db, Principal("枫岚填报员", COUNTY_CLERK, "枫岚区"), "q1.csv", PENDING_Q1.encode(), submissions.Options()
    )
    clerk = Principal("云峤填报员", COUNTY_CLERK, "云峤县")
    sent = submissions.submit(db, clerk, "q2.csv", SENT_Q2.encode(), submissions.Options())
    batch = submissions.accept(db, sent, Principal("市管理员", "prefecture_admin"))
    db.connection.execute(
        "UPDATE submissions SET submitted_at = TIMESTAMP '2025-07-14 17:00' WHERE id = $id", {"id": sent}
    )
    received_at(db, batch, "2025-07-18 10:00")
    return db


def race(db, today: dt.date, scope=Scope.ALL) -> list[tuple]:
    rows = tracker.progress(db.connection, 2025, today, CONFIG, scope)
    rows = rows[rows["kind"] == "race_scores"]
    return [
        (r.period, r.county, r.status, r.received_by, None if r.missing is pd.NA else r.missing)
        for r in rows.itertuples()
        if r.period in ("2025-Q1", "2025-Q2")
    ]


def test_statuses_on_time_late_pending_missing(cycle_db):
    assert race(cycle_db, dt.date(2025, 7, 20)) == [
        ("2025-Q1", "云岫县", "received", "test", 0),
        ("2025-Q1", "云峤县", "received", "test", 0),
        ("2025-Q1", "澄溪县", "late", "test", 1),  # received after 04-15, R03 blank
        ("2025-Q1", "枫岚区", "pending", None, None),
        ("2025-Q2", "云岫县", "missing", None, None),
        ("2025-Q2", "云峤县", "received", "云峤填报员", 0),  # sent 07-14, accepted after the deadline: on time
        ("2025-Q2", "澄溪县", "missing", None, None),
        ("2025-Q2", "枫岚区", "missing", None, None),
    ]
    rows = tracker.progress(cycle_db.connection, 2025, dt.date(2025, 7, 20), CONFIG)
    q2 = rows[(rows["period"] == "2025-Q2") & (rows["kind"] == "race_scores")].set_index("county")
    assert q2.at["云岫县", "overdue_days"] == 5 and q2.at["云岫县", "deadline"] == dt.date(2025, 7, 15)
    assert rows[(rows["kind"] == "race_scores") & (rows["period"] == "2025-Q3")]["status"].unique().tolist() == ["open"]
    assert rows[rows["kind"] == "movements"]["status"].unique().tolist() == ["none"]  # no deadline, nothing sent


def test_before_the_deadline_nothing_is_missing(cycle_db):
    statuses = {(p, c): s for p, c, s, *_ in race(cycle_db, dt.date(2025, 7, 10))}
    assert statuses[("2025-Q2", "云岫县")] == "open" and statuses[("2025-Q1", "枫岚区")] == "pending"


def test_counts_and_reminders(cycle_db):
    rows = tracker.progress(cycle_db.connection, 2025, dt.date(2025, 7, 20), CONFIG)
    rows = rows[rows["kind"] == "race_scores"]
    counts = tracker.county_counts(rows).set_index("county")
    assert counts.loc["澄溪县", ["received", "late", "missing", "open", "incomplete"]].tolist() == [0, 1, 1, 2, 1]
    owed = tracker.reminder_table(tracker.reminders(rows), "zh")
    assert owed.values.tolist() == [
        ["澄溪县", "赛马考评得分", "2025-Q1", "2025-04-15", pd.NA, "缺 1 项指标值（共 3 项）"],
        ["云岫县", "赛马考评得分", "2025-Q2", "2025-07-15", 5, "整份文件"],
        ["澄溪县", "赛马考评得分", "2025-Q2", "2025-07-15", 5, "整份文件"],
        ["枫岚区", "赛马考评得分", "2025-Q2", "2025-07-15", 5, "整份文件"],
    ]


def test_a_county_sees_only_its_own_rows(cycle_db):
    own = race(cycle_db, dt.date(2025, 7, 20), Scope(frozenset({"云峤县"})))
    assert [(p, c, s) for p, c, s, *_ in own] == [("2025-Q1", "云峤县", "received"), ("2025-Q2", "云峤县", "received")]
    with pytest.raises(OutOfScope):
        tracker.progress(cycle_db.connection, 2025, dt.date(2025, 7, 20), CONFIG, Scope.NONE)


def test_gaps_count_missing_race_values_of_townships_too(half_year_db):
    # 2025-H1 has township values (both of 云岫县's), so 云峤县's 丹埠镇 owes its three indicators as well
    found = tracker.gaps(half_year_db.connection, "race_scores", "2025-H1")
    assert found == [Gap("云峤县", 6, 3, False, township_missing=3)]
    assert tracker.gaps_line(found, "zh") == "本期 1 个县区数据未报齐：云峤县（乡镇缺 3 项）。"  # not 云峤县's own row
    assert tracker.gaps_line(found, "en").endswith("云峤县 (3 township values missing).")
    own = dataclasses.replace(found[0], missing=5)  # and two of its own: each level said apart
    assert tracker.gap_items([own], "zh") == "云峤县（本级缺 2 项、乡镇缺 3 项）"
    assert tracker.gaps(half_year_db.connection, "welfare", "2025-H1") == []


def test_progress_says_which_level_lacks_values(catalog_db):
    # the half-year's race rows as 2025-Q2 (both of 云岫县's townships, none of 云峤县's 丹埠镇), then 云峤县 misses
    # one of its own values too: the table says its own and its townships' apart, as the incomplete-data line does
    quarter = HALF_YEAR_RACE.replace("2025H1", "2025Q2").replace("2025Q2,云峤县,,R03,92\n", "")
    import_ok(catalog_db, "q2.csv", quarter.encode())
    rows = tracker.progress(catalog_db.connection, 2025, dt.date(2025, 7, 20), CONFIG)
    q2 = rows[(rows["kind"] == "race_scores") & (rows["period"] == "2025-Q2")].set_index("county")
    assert q2.loc["云峤县", ["expected", "missing", "township_missing"]].tolist() == [6, 4, 3]
    assert q2.loc["云岫县", ["missing", "township_missing"]].tolist() == [0, 0]
    owed = tracker.reminder_table(tracker.reminders(q2.reset_index()), "zh")
    assert owed.iloc[0, -1] == "本级缺 1 项、乡镇缺 3 项指标值（共 6 项）"
    status = tracker.progress_table(q2.reset_index(), "zh").set_index(t("col_county", "zh"))
    assert status.loc["云峤县", t("col_status", "zh")].endswith("（本级缺 1 项、乡镇缺 3 项，共 6 项）")
    english = tracker.reminder_table(tracker.reminders(q2.reset_index()), "en")
    assert english.iloc[0, -1] == "1 county-level value missing, 3 township values missing (of 6)"


def test_the_incomplete_data_line(cycle_db):
    found = tracker.gaps(cycle_db.connection, "race_scores", "2025-Q1")
    assert found == [Gap("澄溪县", 3, 1, False, township_missing=0), Gap("枫岚区", 3, 3, True, township_missing=0)]
    assert tracker.gaps_line(found, "zh") == "本期 2 个县区数据未报齐：澄溪县（缺 1 项）、枫岚区（无数据、待审核）。"
    assert (
        tracker.gaps_line(found[:1], "en")
        == "Data for this period are incomplete in 1 county: 澄溪县 (1 value missing)."
    )
    assert tracker.gaps_line([], "zh") == ""


def test_one_county_of_the_prefecture(cycle_db):
    rows = tracker.progress(cycle_db.connection, 2025, dt.date(2025, 7, 20), CONFIG, county="澄溪县")
    assert rows["county"].unique().tolist() == ["澄溪县"]
    with pytest.raises(OutOfScope):
        tracker.progress(
            cycle_db.connection, 2025, dt.date(2025, 7, 20), CONFIG, Scope(frozenset({"云峤县"})), "澄溪县"
        )


# ---- corrections: a returned file awaiting a new one, a correction of a received period awaiting review

ADMIN = Principal("市管理员", "prefecture_admin")
FENGLAN = Principal("枫岚填报员", COUNTY_CLERK, "枫岚区")
YUNQIAO = Principal("云峤填报员", COUNTY_CLERK, "云峤县")
CORRECTED_Q2 = SENT_Q2.replace(",R01,3\n", ",R01,4\n")
JULY_20 = dt.date(2025, 7, 20)


def row(db, period: str, county: str) -> dict:
    rows = tracker.progress(db.connection, 2025, JULY_20, CONFIG)
    found = rows[(rows["kind"] == "race_scores") & (rows["period"] == period) & (rows["county"] == county)]
    assert len(found) == 1
    return found.iloc[0].to_dict()


def pending_id(db, county: str) -> int:
    listed = submissions.listing(db, county)
    return int(listed[listed["state"] == submissions.PENDING]["id"].iloc[0])


@pytest.mark.slow
def test_a_returned_file_awaits_a_new_one_until_the_county_sends_again(cycle_db):
    first = pending_id(cycle_db, "枫岚区")
    submissions.return_to_clerk(cycle_db, first, ADMIN, "R02 缺失")
    got = row(cycle_db, "2025-Q1", "枫岚区")
    assert (got["status"], got["correction"], got["returned"], got["pending"]) == ("returned", None, [first], [])
    assert got["overdue_days"] == 96  # due 2025-04-15: still owed
    text = tracker.progress_table(tracker.progress(cycle_db.connection, 2025, JULY_20, CONFIG), "zh")
    shown = text[(text["期别"] == "2025-Q1") & (text["县区"] == "枫岚区") & (text["类型"] == "赛马考评得分")]
    assert shown[["状态", "已退回报送"]].values.tolist() == [["退回待重报", f"报送 #{first}"]]
    owed = tracker.reminders(tracker.progress(cycle_db.connection, 2025, JULY_20, CONFIG))
    owed = tracker.reminder_table(owed[owed["kind"] == "race_scores"], "zh")
    assert ["枫岚区", "赛马考评得分", "2025-Q1", "2025-04-15", 96, "整份文件（已退回，待重报）"] in owed.values.tolist()

    again = submissions.submit(cycle_db, FENGLAN, "q1_again.csv", PENDING_Q1.encode(), submissions.Options())
    got = row(cycle_db, "2025-Q1", "枫岚区")
    assert (got["status"], got["returned"], got["pending"]) == ("pending", [], [again])
    batch = submissions.accept(cycle_db, again, ADMIN)
    got = row(cycle_db, "2025-Q1", "枫岚区")
    assert (got["status"], got["correction"], got["returned"]) == ("late", None, [])  # sent today: late
    for lang, word in (("zh", "批次"), ("en", "Batch")):  # a batch and a submission are both `#n`: named
        text = tracker.progress_table(tracker.progress(cycle_db.connection, 2025, JULY_20, CONFIG), lang)
        cells = text.iloc[:, 7][(text.iloc[:, 0] == "2025-Q1") & (text.iloc[:, 2] == "枫岚区")].tolist()
        assert f"{word} #{batch}" in cells


def test_a_withdrawn_second_file_does_not_answer_a_return(cycle_db):
    first = pending_id(cycle_db, "枫岚区")
    submissions.return_to_clerk(cycle_db, first, ADMIN, "R02 缺失")
    again = submissions.submit(cycle_db, FENGLAN, "q1_again.csv", PENDING_Q1.encode(), submissions.Options())
    submissions.withdraw(cycle_db, again, FENGLAN)
    assert row(cycle_db, "2025-Q1", "枫岚区")["status"] == "returned"


def test_the_prefectures_own_import_after_a_return_answers_it(cycle_db):
    submissions.return_to_clerk(cycle_db, pending_id(cycle_db, "枫岚区"), ADMIN, "R02 缺失")
    import_ok(cycle_db, "fenglan.csv", PENDING_Q1.encode())
    got = row(cycle_db, "2025-Q1", "枫岚区")
    assert (got["status"], got["correction"], got["returned"]) == ("late", None, [])


@pytest.mark.slow
def test_a_correction_of_a_received_period_is_pending_then_returned(cycle_db):
    """云峤县's 2025-Q2 was received on time (sent 07-14); it sends a correction, which is returned, then another."""
    before = row(cycle_db, "2025-Q2", "云峤县")
    correction = submissions.submit(cycle_db, YUNQIAO, "q2_fix.csv", CORRECTED_Q2.encode(), submissions.Options())
    got = row(cycle_db, "2025-Q2", "云峤县")
    assert (got["status"], got["correction"], got["pending"]) == ("received", "pending", [correction])
    assert (got["received_at"], got["batch_id"]) == (before["received_at"], before["batch_id"])  # the first receipt
    rows = tracker.progress(cycle_db.connection, 2025, JULY_20, CONFIG)
    table = tracker.progress_table(rows, "zh")
    shown = table[(table["期别"] == "2025-Q2") & (table["县区"] == "云峤县") & (table["类型"] == "赛马考评得分")]
    assert shown["状态"].tolist() == ["按时报送，更正待审核"]
    english = tracker.progress_table(rows, "en")
    assert "Received on time; correction awaiting review" in english["Status"].tolist()

    submissions.return_to_clerk(cycle_db, correction, ADMIN, "R01 数值有误")
    got = row(cycle_db, "2025-Q2", "云峤县")
    assert (got["status"], got["correction"], got["returned"]) == ("received", "returned", [correction])
    rows = tracker.progress(cycle_db.connection, 2025, JULY_20, CONFIG)
    counts = tracker.county_counts(rows[rows["kind"] == "race_scores"]).set_index("county")
    assert counts.loc["云峤县", ["received", "returned", "correction_pending", "correction_returned"]].tolist() == [
        2,
        0,
        0,
        1,
    ]
    owed = tracker.reminder_table(tracker.reminders(rows[rows["kind"] == "race_scores"]), "zh")
    assert [
        "云峤县",
        "赛马考评得分",
        "2025-Q2",
        "2025-07-15",
        pd.NA,
        "更正文件（已退回，待重报）",
    ] in owed.values.tolist()
    exported = tracker.export_table(rows).set_index(["kind", "period", "county"])
    assert exported.loc[("race_scores", "2025-Q2", "云峤县"), ["status", "correction", "returned"]].tolist() == [
        "received",
        "returned",
        str(correction),
    ]

    fixed = submissions.submit(cycle_db, YUNQIAO, "q2_fix2.csv", CORRECTED_Q2.encode(), submissions.Options())
    assert row(cycle_db, "2025-Q2", "云峤县")["correction"] == "pending"
    submissions.accept(cycle_db, fixed, ADMIN)
    got = row(cycle_db, "2025-Q2", "云峤县")
    assert (got["status"], got["correction"], got["returned"]) == ("received", None, [])
    assert got["received_at"] == before["received_at"]  # a correction does not make the period late


@pytest.mark.slow
def test_the_incomplete_data_line_says_a_returned_file_is_awaited(cycle_db):
    """The reviewer's finding: 枫岚区's 2025-Q1 file, returned, read only 无数据 above the ranking, as if the county
    had sent nothing; it says 退回待重报 as 报送进度 does, until the county sends again. A correction returned to a
    county whose values are incomplete says 更正退回待重报."""
    first = pending_id(cycle_db, "枫岚区")
    submissions.return_to_clerk(cycle_db, first, ADMIN, "R02 缺失")
    found = tracker.gaps(cycle_db.connection, "race_scores", "2025-Q1")
    assert found == [Gap("澄溪县", 3, 1, False, township_missing=0), Gap("枫岚区", 3, 3, False, True, 0)]
    assert (
        tracker.gaps_line(found, "zh") == "本期 2 个县区数据未报齐：澄溪县（缺 1 项）、枫岚区（无数据、退回待重报）。"
    )
    assert tracker.gaps_line(found[1:], "en") == (
        "Data for this period are incomplete in 1 county: 枫岚区 (no data, returned, awaiting a new file)."
    )
    again = submissions.submit(cycle_db, FENGLAN, "q1_again.csv", PENDING_Q1.encode(), submissions.Options())
    assert tracker.gaps(cycle_db.connection, "race_scores", "2025-Q1")[1] == Gap("枫岚区", 3, 3, True, False, 0)
    submissions.return_to_clerk(cycle_db, again, ADMIN, "R02 仍缺失")
    assert tracker.gaps(cycle_db.connection, "race_scores", "2025-Q1")[1] == Gap("枫岚区", 3, 3, False, True, 0)
    import_ok(cycle_db, "fenglan.csv", PENDING_Q1.encode())  # the prefecture's own import answers the return
    assert tracker.gaps(cycle_db.connection, "race_scores", "2025-Q1")[1] == Gap("枫岚区", 3, 2, False, False, 0)

    chengxi = Principal("澄溪填报员", COUNTY_CLERK, "澄溪县")
    fix = submissions.submit(cycle_db, chengxi, "q1_fix.csv", LATE_Q1.encode(), submissions.Options())
    submissions.return_to_clerk(cycle_db, fix, ADMIN, "R03 仍为空")
    found = tracker.gaps(cycle_db.connection, "race_scores", "2025-Q1")
    assert found[0] == Gap("澄溪县", 3, 1, False, True, 0)
    assert tracker.gaps_line(found[:1], "zh") == "本期 1 个县区数据未报齐：澄溪县（缺 1 项、更正退回待重报）。"
    q2 = {gap.county: gap for gap in tracker.gaps(cycle_db.connection, "race_scores", "2025-Q2")}
    assert q2["澄溪县"] == Gap("澄溪县", 3, 3, False, False, 0)  # the returned file held 2025-Q1 only


def receipt(db, batch: int, county: str, slot: str, when: str) -> None:
    db.connection.execute(
        "INSERT INTO receipts VALUES ($batch, 'race_scores', $county, $slot, $at)",
        {"batch": batch, "county": county, "slot": slot, "at": dt.datetime.fromisoformat(when)},
    )


def test_a_recorded_time_of_sending_decides_but_never_later_than_the_batch(catalog_db):
    """`receipts` (written by the sample, docs/decisions.md#sample-receipt-times): the time a county sent the data of
    a batch when the batch was made later. It is never read as later than the batch itself, and a submission's own
    time still comes first."""
    db = catalog_db
    late = import_ok(db, "q1_late.csv", LATE_Q1.encode())
    received_at(db, late, "2025-04-20 09:00")  # made after the deadline (04-15) ...
    receipt(db, late, "澄溪县", "2025-Q1", "2025-04-12 16:30")  # ... from a file the county sent on time
    ontime = import_ok(db, "q1.csv", ONTIME_Q1.encode())
    received_at(db, ontime, "2025-04-10 09:00")
    receipt(db, ontime, "云岫县", "2025-Q1", "2025-05-30 09:00")  # later than its batch: the batch's time counts
    receipt(db, ontime, "云峤县", "2025-Q2", "2025-01-01 09:00")  # another slot than the batch holds: ignored
    clerk = Principal("云峤填报员", COUNTY_CLERK, "云峤县")
    sent = submissions.submit(db, clerk, "q2.csv", SENT_Q2.encode(), submissions.Options())
    batch = submissions.accept(db, sent, Principal("市管理员", "prefecture_admin"))
    db.connection.execute(
        "UPDATE submissions SET submitted_at = TIMESTAMP '2025-07-20 17:00' WHERE id = $id", {"id": sent}
    )
    receipt(db, batch, "云峤县", "2025-Q2", "2025-07-01 09:00")  # the submission's time is the county's own word

    rows = tracker.progress(db.connection, 2025, dt.date(2025, 8, 1), CONFIG)
    rows = rows[(rows["kind"] == "race_scores") & rows["period"].isin(["2025-Q1", "2025-Q2"])]
    found = {
        (r.period, r.county): (r.status, f"{r.received_at:%m-%d %H:%M}")
        for r in rows.itertuples()
        if not pd.isna(r.batch_id)
    }
    assert found == {
        ("2025-Q1", "云岫县"): ("received", "04-10 09:00"),
        ("2025-Q1", "云峤县"): ("received", "04-10 09:00"),
        ("2025-Q1", "澄溪县"): ("received", "04-12 16:30"),
        ("2025-Q2", "云峤县"): ("late", "07-20 17:00"),
    }


def test_receipts_kept_for_a_data_version_answer_as_a_fresh_read_and_read_each_year_once(cycle_db):
    """tracker.Receipts, which a page keeps per data version (ui/runtime.py): the same gaps as reading afresh, each
    year read once however many windows ask, and a new import seen by a new one (the version is its key)."""
    conn = cycle_db.connection
    kept = tracker.Receipts(conn)
    for start, end in ((dt.date(2025, 1, 1), dt.date(2025, 3, 31)), (dt.date(2025, 1, 1), dt.date(2025, 6, 30))):
        fresh = tracker.files_not_in(conn, "race_scores", start, end, CONFIG)
        assert tracker.files_not_in(conn, "race_scores", start, end, CONFIG, kept) == fresh
    assert [gap.county for gap in fresh] == ["云岫县", "澄溪县", "枫岚区"]  # Q2: only 云峤县 sent
    assert kept.of_year(2025) is kept.of_year(2025)
    import_ok(cycle_db, "q2_more.csv", SENT_Q2.replace("云峤县", "云岫县").encode())
    after = tracker.Receipts(conn)
    window = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert [gap.county for gap in tracker.files_not_in(conn, "race_scores", *window, CONFIG, after)] == [
        "澄溪县",
        "枫岚区",
    ]


def test_receipts_place_a_year_once_and_hand_each_caller_its_own_copy(catalog_db):
    """Receipts.placed: the answer of a fresh read, kept per year and rules (a monthly schedule places the same
    training in months, a quarterly one in quarters), and a caller changing what it got changes nothing the next
    caller gets."""
    from test_submissions import roster_csv

    db = catalog_db
    import_ok(db, "6月.csv", roster_csv("2025-06-30", [("Y1", "云岫县")]))
    header = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"
    batch = import_ok(db, "培训.csv", (header + "Y1,专题班,政治能力,党的理论,线下,集体,8,2025-02-05\n").encode())
    conn = db.connection
    quarterly = schedule.constant({**CONFIG, "training_cycle_months": 3})
    kept = tracker.Receipts(conn)
    first = kept.placed(2025, quarterly)
    assert first == tracker.Receipts(conn).placed(2025, quarterly)
    assert first[("training", "2025-Q1", "云岫县")]["batches"] == [batch]
    first[("training", "2025-Q1", "云岫县")]["batches"].append(999)
    first.clear()
    again = kept.placed(2025, quarterly)
    assert again == tracker.Receipts(conn).placed(2025, quarterly)
    assert again[("training", "2025-Q1", "云岫县")]["batches"] == [batch]
    monthly = kept.placed(2025, schedule.constant({**CONFIG, "training_cycle_months": 1}))
    assert ("training", "2025-02", "云岫县") in monthly and ("training", "2025-Q1", "云岫县") not in monthly


def test_receipts_read_the_settled_counties_once_for_every_year(catalog_db, monkeypatch):
    """Receipts.of_year: each cadre's settled county (cycle_homes) reads the whole roster whatever the year, so one
    read serves every year asked; each year's rows are those a fresh read of cycle_received gives."""
    from test_submissions import roster_csv

    db = catalog_db
    import_ok(db, "6月.csv", roster_csv("2025-06-30", [("Y1", "云岫县")]))
    header = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"
    lines = "Y1,专题班,政治能力,党的理论,线下,集体,8,2024-03-05\nY1,专题班,政治能力,党的理论,线下,集体,8,2025-02-05\n"
    import_ok(db, "培训.csv", (header + lines).encode())
    conn = db.connection
    fresh = {year: tracker.received(conn, dt.date(year, 1, 1), dt.date(year, 12, 31)) for year in (2024, 2025)}
    read = []
    plain = queries.arrow
    monkeypatch.setattr(queries, "arrow", lambda con, name, **params: read.append(name) or plain(con, name, **params))
    kept = tracker.Receipts(conn)
    for year in (2024, 2025, 2024):
        assert kept.of_year(year).equals(fresh[year])
    assert read == ["cycle_homes"]
    assert set(fresh[2025].loc[fresh[2025]["kind"] == "training", "county"]) == {"云岫县"}


def test_receipts_read_the_counties_once_for_every_question(cycle_db, monkeypatch):
    """Receipts.counties: the regions' counties (queries/race_units) read once per data version for every question
    about unsent files (a cold training page asked fifteen times), with the same answers as reading afresh, and
    each caller its own list."""
    conn = cycle_db.connection
    q1, q2 = (dt.date(2025, 1, 1), dt.date(2025, 3, 31)), (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    today = dt.date(2025, 5, 20)
    fresh = (
        tracker.window_gaps(conn, "race_scores", *q1, CONFIG),
        tracker.files_not_in(conn, "race_scores", *q2, CONFIG, ended_by=today),
        tracker.partly_sent_running(conn, "race_scores", *q2, dt.date(2025, 7, 10), CONFIG),
        tracker.progress(conn, 2025, today, CONFIG, Scope.ALL),
    )
    read = []
    plain = queries.run
    monkeypatch.setattr(queries, "run", lambda con, name, *a, **k: read.append(name) or plain(con, name, *a, **k))
    kept = tracker.Receipts(conn)
    for _ in range(2):
        again = (
            tracker.window_gaps(conn, "race_scores", *q1, CONFIG, kept),
            tracker.files_not_in(conn, "race_scores", *q2, CONFIG, kept, ended_by=today),
            tracker.partly_sent_running(conn, "race_scores", *q2, dt.date(2025, 7, 10), CONFIG, kept),
            tracker.progress(conn, 2025, today, CONFIG, Scope.ALL, receipts=kept),
        )
        assert again[:3] == fresh[:3]
        assert again[3].equals(fresh[3])
    assert read.count("race_units") == 1
    kept.counties().clear()
    assert kept.counties() == ["云岫县", "云峤县", "澄溪县", "枫岚区"]


def test_training_is_placed_in_the_county_the_cadre_was_in_on_its_date(catalog_db):
    """queries/cycle_received.sql: a training record counts for the county on the roster in force at its date (the
    newest snapshot on or before it), else his first county; a cadre who never moved takes the quick path of the
    query, one who moved the join by date, and both must agree with that rule. A cadre on no roster places
    nothing."""
    from test_submissions import roster_csv

    db = catalog_db
    import_ok(db, "6月.csv", roster_csv("2025-06-30", [("Y1", "云岫县"), ("M1", "云岫县")]))
    import_ok(db, "12月.csv", roster_csv("2025-12-31", [("Y1", "云岫县"), ("M1", "澄溪县")]))
    lines = [
        ("Y1", "2025-02-05"),  # before every snapshot: his only county
        ("M1", "2025-03-05"),  # before every snapshot: his first county
        ("M1", "2025-08-05"),  # after June's: 云岫县
        ("M1", "2025-12-31"),  # on December's day: 澄溪县
        ("Z9", "2025-09-05"),  # on no roster
    ]
    header = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"
    data = header + "".join(f"{cid},专题班,政治能力,党的理论,线下,集体,8,{day}\n" for cid, day in lines)
    batch = import_ok(db, "培训.csv", data.encode())
    found = tracker.Receipts(db.connection).of_year(2025)
    placed = found[(found["kind"] == "training") & (found["batch_id"] == batch)]
    assert sorted(zip(placed["county"], placed["slot"], strict=True)) == [
        ("云岫县", "2025-02"),
        ("云岫县", "2025-03"),
        ("云岫县", "2025-08"),
        ("澄溪县", "2025-12"),
    ]


def _placed_row_by_row(found: pd.DataFrame, plan) -> dict:
    """tracker._placed as it was written before it read the columns whole (one itertuples row at a time, each time
    made a datetime by pd.Timestamp): the reference its faster reading must equal."""
    out: dict = {}
    for row in found.itertuples(index=False):
        period = plan.place(row.kind, row.slot)
        if period is None:
            continue
        key = (row.kind, period, row.county)
        at = pd.Timestamp(row.received_at).to_pydatetime()
        live = pd.Timestamp(row.live_at).to_pydatetime()
        first = out.get(key)
        if first is None or at < first["received_at"]:
            out[key] = {
                "received_at": at,
                "received_by": row.received_by,
                "batch_id": int(row.batch_id),
                "batches": sorted({int(row.batch_id), *(first["batches"] if first else [])}),
                "live_at": max(live, first["live_at"]) if first else live,
            }
        else:
            first["live_at"] = max(live, first["live_at"])
            if int(row.batch_id) not in first["batches"]:
                first["batches"] = sorted([*first["batches"], int(row.batch_id)])
    return out


def test_placed_reads_the_rows_as_one_at_a_time_did():
    """_placed reads cycle_received's columns whole: the same answer, the same datetimes (microseconds kept, no
    Timestamp left), as the row-by-row reading, on a quarter sent in three batches (one received earlier but gone
    live later, two at the same time), a month no schedule period holds, and no rows at all."""
    plan = schedule.constant({**CONFIG, "training_cycle_months": 3})
    at = pd.Timestamp
    found = pd.DataFrame(
        {
            "kind": ["training", "training", "training", "training", "race_scores", "training"],
            "county": ["云岫县", "云岫县", "云岫县", "云峤县", "云峤县", "云岫县"],
            "slot": ["2025-01", "2025-02", "2025-02", "2025-03", "2025-Q1", "2025-05"],
            "batch_id": [7, 3, 9, 4, 5, 9],
            "received_at": [
                at("2025-04-02 09:30:00.123456"),
                at("2025-04-01 08:00:00"),
                at("2025-04-01 08:00:00"),
                at("2025-04-03 10:00:00"),
                at("2025-04-10 16:45:01"),
                at("2025-07-01 09:00:00"),
            ],
            "received_by": ["甲", "乙", "丙", "丁", "戊", "丙"],
            "submission_id": pd.array([None, 2, None, None, 3, None], dtype="Int64"),
            "live_at": [
                at("2025-04-02 09:30:00.123456"),
                at("2025-04-20 12:00:00"),
                at("2025-04-05 08:00:00"),
                at("2025-04-03 10:00:00"),
                at("2025-04-11 09:00:00"),
                at("2025-07-01 09:00:00"),
            ],
        }
    ).astype({"received_at": "datetime64[us]", "live_at": "datetime64[us]"})
    for rows in (found, found.iloc[0:0]):
        fast, reference = tracker._placed(rows, plan), _placed_row_by_row(rows, plan)
        assert fast == reference and list(fast) == list(reference)
        for got, want in zip(fast.values(), reference.values(), strict=True):
            assert [type(got[k]) for k in got] == [type(want[k]) for k in want]
    assert tracker._placed(found, plan)[("training", "2025-Q1", "云岫县")]["batches"] == [3, 7, 9]
