"""County submissions and their review (incentive/review/submissions.py), on real DuckDB files: submit, accept,
return, withdraw, their audit rows, and what a county may not send or undo."""

from __future__ import annotations

import pytest
from conftest import import_ok

from incentive.accounts.roles import COUNTY_CLERK, COUNTY_LEADER, PREFECTURE_ADMIN, OutOfScope, Principal
from incentive.review import submissions
from incentive.review.submissions import Options, SubmissionError
from incentive.store import audit, batches

ADMIN = Principal("市管理员", PREFECTURE_ADMIN, None, "secrets")
CLERK = Principal("云岫填报员", COUNTY_CLERK, "云岫县")
OTHER_CLERK = Principal("云峤填报员", COUNTY_CLERK, "云峤县")

ROSTER_HEADER = "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n"


def roster_csv(as_of: str, cadres: list[tuple[str, str]]) -> bytes:
    """A roster of (cadre id, county) as of a date; the other columns do not matter here."""
    unit = {"云岫县": "安坝镇", "云峤县": "丹埠镇", "澄溪县": "澄溪县", "枫岚区": "枫岚区"}
    lines = [f"{cid},某{cid},{county},{unit[county]},一级科员,男,1985,{as_of}" for cid, county in cadres]
    return (ROSTER_HEADER + "\n".join(lines) + "\n").encode()


SCORES = "考核期,县区,乡镇,指标,数值\n2025Q2,云岫县,,R01,120\n2025Q2,云岫县,安坝镇,R01,56\n"


@pytest.fixture
def county_db(catalog_db):
    """The four-county catalog database with a prefecture roster as of 2025-06-30: 云岫县 Y1–Y3, 云峤县 Q1–Q2,
    澄溪县 C1."""
    cadres = [
        ("Y1", "云岫县"),
        ("Y2", "云岫县"),
        ("Y3", "云岫县"),
        ("Q1", "云峤县"),
        ("Q2", "云峤县"),
        ("C1", "澄溪县"),
    ]
    import_ok(catalog_db, "花名册.csv", roster_csv("2025-06-30", cadres))
    return catalog_db


def states(db) -> dict[int, str]:
    listing = submissions.listing(db)
    return dict(zip(listing["id"], listing["state"], strict=True))


def audit_rows(db) -> list[tuple]:
    log = audit.log(db).iloc[::-1]  # oldest first
    return [
        (who, action, target, outcome)
        for who, action, target, outcome in zip(log["who"], log["action"], log["target"], log["outcome"], strict=True)
        if action in ("submit", "accept", "return", "withdraw", "rollback", "import")
    ]


def test_a_submission_waits_and_goes_live_as_a_county_batch_on_acceptance(county_db):
    db = county_db
    before = batches.active_count(db)
    sid = submissions.submit(db, CLERK, "得分.csv", SCORES.encode(), Options())
    assert states(db) == {sid: "pending"}
    assert submissions.pending_count(db) == 1
    assert batches.active_count(db) == before  # nothing live yet
    assert db.fetch_all("SELECT count(*) FROM current_values WHERE county = '云岫县'")[0][0] == 0

    batch = submissions.accept(db, sid, ADMIN)
    assert states(db) == {sid: "accepted"} and submissions.pending_count(db) == 0
    row = batches.history(db).set_index("id").loc[batch]
    assert (row["created_by"], row["county"], row["submission_id"], row["source"]) == (
        "市管理员",
        "云岫县",
        sid,
        "submission",
    )
    assert db.fetch_all("SELECT value FROM current_values WHERE county = '云岫县' AND township = ''") == [(120.0,)]
    found = submissions.load(db, sid)
    assert (found.state, found.state_by, found.batch_id, found.submitted_by) == (
        "accepted",
        "市管理员",
        batch,
        CLERK.name,
    )
    assert found.data == SCORES.encode()
    assert audit_rows(db)[-3:] == [
        ("云岫填报员", "submit", f"submission {sid}", "ok"),
        ("市管理员", "import", f"batch {batch} (race_scores)", "ok"),
        ("市管理员", "accept", f"submission {sid}", "ok"),
    ]


def test_accepting_twice_is_refused_and_changes_nothing(county_db):
    sid = submissions.submit(county_db, CLERK, "得分.csv", SCORES.encode(), Options())
    submissions.accept(county_db, sid, ADMIN)
    count = batches.active_count(county_db)
    with pytest.raises(SubmissionError) as refused:
        submissions.accept(county_db, sid, ADMIN)
    assert refused.value.text("zh") == "该报送已通过，不能再处理。"
    assert batches.active_count(county_db) == count


def test_a_returned_submission_carries_its_note_and_cannot_be_accepted(county_db):
    db = county_db
    sid = submissions.submit(db, CLERK, "得分.csv", SCORES.encode(), Options())
    with pytest.raises(SubmissionError) as empty:
        submissions.return_to_clerk(db, sid, ADMIN, "  ")
    assert empty.value.text("en") == "A return needs a note for the clerk."
    submissions.return_to_clerk(db, sid, ADMIN, "安坝镇的R01单位应为万元，请核对")
    listing = submissions.listing(db, "云岫县")
    assert listing.loc[0, ["state", "note", "state_by"]].tolist() == [
        "returned",
        "安坝镇的R01单位应为万元，请核对",
        "市管理员",
    ]
    with pytest.raises(SubmissionError):
        submissions.accept(db, sid, ADMIN)
    assert audit_rows(db)[-1] == ("市管理员", "return", f"submission {sid}", "ok")


def test_a_clerk_withdraws_his_pending_submission_but_not_an_accepted_one_or_another_clerks(county_db):
    db = county_db
    first = submissions.submit(db, CLERK, "得分.csv", SCORES.encode(), Options())
    with pytest.raises(SubmissionError) as not_his:
        submissions.withdraw(db, first, OTHER_CLERK)
    assert not_his.value.text("zh") == "只能撤回自己报送的数据。"
    submissions.withdraw(db, first, CLERK)
    assert states(db)[first] == "withdrawn"
    with pytest.raises(SubmissionError):
        submissions.accept(db, first, ADMIN)

    second = submissions.submit(db, CLERK, "得分.csv", SCORES.encode(), Options())
    submissions.accept(db, second, ADMIN)
    with pytest.raises(SubmissionError) as accepted:
        submissions.withdraw(db, second, CLERK)
    assert accepted.value.text("en") == "This submission is accepted and can no longer be changed."
    actions = [row[1] for row in audit_rows(db)]
    assert actions[-5:] == ["submit", "withdraw", "submit", "import", "accept"]


def test_only_the_prefecture_reviews_and_only_clerks_submit(county_db):
    leader = Principal("云岫领导", COUNTY_LEADER, "云岫县")
    for who in (ADMIN, leader, None):
        with pytest.raises(SubmissionError) as refused:
            submissions.submit(county_db, who, "得分.csv", SCORES.encode(), Options())
        assert refused.value.key == "submit_not_clerk"
    sid = submissions.submit(county_db, CLERK, "得分.csv", SCORES.encode(), Options())
    for who in (CLERK, leader, None):
        with pytest.raises(SubmissionError) as refused:
            submissions.accept(county_db, sid, who)
        assert refused.value.key == "review_not_admin"
        with pytest.raises(SubmissionError):
            submissions.return_to_clerk(county_db, sid, who, "不行")
    assert states(county_db) == {sid: "pending"}


def test_rows_of_another_county_are_refused_by_row_and_the_refusal_is_audited(county_db):
    data = (
        "考核期,县区,乡镇,指标,数值\n2025Q2,云岫县,,R01,120\n2025Q2,云峤县,,R01,80\n2025Q2,云岫县,安坝镇,R01,5\n"
        "2025Q2,澄溪,,R01,7\n"
    ).encode()
    preview, effects = submissions.check(county_db, "得分.csv", data, Options(skip_invalid=True), "云岫县")
    assert not preview.importable and effects is None  # skipping rows does not help: it is the wrong file
    assert preview.problem_texts("zh") == [
        "文件「得分.csv」，第 3 行，「县区」列，值「云峤县」：不是本县区（云岫县）的数据，不能报送。",
        "文件「得分.csv」，第 5 行，「县区」列，值「澄溪县」：不是本县区（云岫县）的数据，不能报送。",
    ]
    with pytest.raises(SubmissionError):
        submissions.submit(county_db, CLERK, "得分.csv", data, Options())
    assert submissions.listing(county_db).empty
    assert audit_rows(county_db)[-1] == ("云岫填报员", "submit", "", "refused")
    # the prefecture imports the same file as it is
    preview, effects = submissions.check(county_db, "得分.csv", data, Options(), None)
    assert preview.importable and effects.new == 4


def test_a_wide_file_names_each_row_of_another_county_once(county_db):
    data = "考核期,县区,乡镇,招商引资额,安全生产事故起数\n2025Q2,云岫县,,1,0\n2025Q2,云峤县,,2,1\n".encode()
    preview, _ = submissions.check(county_db, "宽表.csv", data, Options(), "云岫县")
    assert [(p.row, p.value) for p in preview.problems] == [(3, "云峤县")]


@pytest.mark.parametrize("kind_file", ["regions", "indicators"])
def test_regions_and_the_catalog_are_refused_for_a_county(county_db, kind_file):
    from conftest import data_file

    name = f"{kind_file}.csv"
    preview, _ = submissions.check(county_db, name, data_file(name), Options(), "云岫县")
    assert not preview.importable
    kind = {"regions": "行政区划", "indicators": "指标目录"}[kind_file]
    assert preview.problems[-1].text("zh") == f"县区不能报送{kind}：行政区划和指标目录由市里维护。"


def test_training_and_decisions_of_other_counties_cadres_are_refused_by_row(county_db):
    training = (
        "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"
        "Y1,专题班,专业能力,乡村振兴,线下,集体,16,2025-07-03\n"
        "Q1,专题班,专业能力,乡村振兴,线下,集体,16,2025-07-03\n"
        "Y2,党课,政治能力,党的理论,线上,个人,2,2025-07-04\n"
        "ZZ9,党课,政治能力,党的理论,线上,个人,2,2025-07-04\n"
    ).encode()
    preview, _ = submissions.check(county_db, "培训.csv", training, Options(), "云岫县")
    assert [(p.row, p.column, p.value) for p in preview.problems] == [(3, "干部编号", "Q1"), (5, "干部编号", "ZZ9")]
    assert preview.problem_texts("en")[0] == (
        "File “培训.csv”, row 3, column “干部编号”, value “Q1”: the cadre is not on the roster of 云岫县 on the record's date; "
        "a county submits only its own cadres."
    )
    decisions = "干部编号,调整日期,调整类型\nY3,2025-08-01,提拔\nC1,2025-08-01,提拔\n".encode()
    preview, _ = submissions.check(county_db, "调整.csv", decisions, Options(), "云岫县")
    assert [(p.row, p.value) for p in preview.problems] == [(3, "C1")]
    own = "干部编号,调整日期,调整类型\nY3,2025-08-01,提拔\n".encode()
    sid = submissions.submit(county_db, CLERK, "调整.csv", own, Options())
    submissions.accept(county_db, sid, ADMIN)
    assert county_db.fetch_all("SELECT cadre_id, action FROM current_movements") == [("Y3", "promotion")]


def test_a_cadre_counts_for_the_county_of_the_record_date(county_db):
    """Q1 moves to 云岫县 in the roster of 2025-12-31: his training of July is still 云峤县's, of 2026 云岫县's."""
    cadres = [
        ("Y1", "云岫县"),
        ("Y2", "云岫县"),
        ("Y3", "云岫县"),
        ("Q1", "云岫县"),
        ("Q2", "云峤县"),
        ("C1", "澄溪县"),
    ]
    import_ok(county_db, "花名册2.csv", roster_csv("2025-12-31", cadres))
    rows = (
        "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"
        "Q1,专题班,专业能力,乡村振兴,线下,集体,16,2025-07-03\n"
        "Q1,党课,政治能力,党的理论,线上,个人,2,2026-01-04\n"
    ).encode()
    preview, _ = submissions.check(county_db, "培训.csv", rows, Options(), "云岫县")
    assert [p.row for p in preview.problems] == [2]
    preview, _ = submissions.check(county_db, "培训.csv", rows, Options(), "云峤县")
    assert [p.row for p in preview.problems] == [3]


def test_acceptance_checks_the_file_again_against_current_data(county_db):
    """Between submission and review the prefecture moved Y1 to 云峤县: the file no longer passes."""
    decisions = "干部编号,调整日期,调整类型\nY1,2025-08-01,提拔\n".encode()
    sid = submissions.submit(county_db, CLERK, "调整.csv", decisions, Options())
    moved = [("Y1", "云峤县"), ("Y2", "云岫县"), ("Y3", "云岫县"), ("Q1", "云峤县"), ("Q2", "云峤县"), ("C1", "澄溪县")]
    import_ok(county_db, "花名册更正.csv", roster_csv("2025-06-30", moved))
    with pytest.raises(SubmissionError) as refused:
        submissions.accept(county_db, sid, ADMIN)
    assert refused.value.key == "review_not_importable"
    assert states(county_db) == {sid: "pending"}
    assert audit_rows(county_db)[-1] == ("市管理员", "accept", f"submission {sid}", "refused")


def test_a_clerk_rolls_back_no_batch_himself(county_db):
    db = county_db
    sid = submissions.submit(db, CLERK, "得分.csv", SCORES.encode(), Options())
    own = submissions.accept(db, sid, ADMIN)
    prefecture = int(batches.history(db)["id"].min())

    with pytest.raises(OutOfScope) as refused:
        batches.rollback(db, prefecture, CLERK.name, scope=CLERK.scope)
    assert refused.value.text("zh") == f"不能撤销批次 #{prefecture}：它是全市的数据，您的账号只限于「云岫县」。"
    with pytest.raises(OutOfScope) as refused:
        batches.rollback(db, own, OTHER_CLERK.name, scope=OTHER_CLERK.scope)
    assert refused.value.text("en") == (
        f"Batch #{own} cannot be rolled back: it belongs to 云岫县, and your account is limited to 云峤县."
    )
    assert audit_rows(db)[-1] == ("云峤填报员", "rollback", f"batch {own}", "refused")
    assert set(batches.history(db)["status"]) == {"active"}

    with pytest.raises(OutOfScope) as own_county:  # his own county's, accepted after review: only on request
        batches.rollback(db, own, CLERK.name, scope=CLERK.scope)
    assert own_county.value.key == "rollback_needs_review"  # tests/test_rollbacks.py: the request
    assert batches.history(db).set_index("id").loc[own, "status"] == "active"
    batches.rollback(db, prefecture, ADMIN.name, scope=ADMIN.scope)  # the prefecture undoes anything


def test_a_return_is_answered_only_by_a_later_accepted_file_of_the_same_kind_and_period(county_db):
    """Return notes the clerk still has to act on, and those a later accepted file has answered (history)."""
    db = county_db
    q3 = SCORES.replace("2025Q2", "2025Q3")

    def sent(data: str | bytes, *, returned: bool = False, accepted: bool = False) -> int:
        data = data.encode() if isinstance(data, str) else data
        sid = submissions.submit(db, CLERK, "得分.csv", data, Options())
        if returned:
            submissions.return_to_clerk(db, sid, ADMIN, "数值有误")
        if accepted:
            submissions.accept(db, sid, ADMIN)
        return sid

    first = sent(SCORES, returned=True)  # 2025-Q2, returned
    other_period = sent(q3, returned=True)  # 2025-Q3, returned
    assert submissions.answered_returns(db, "云岫县") == {}
    waiting = sent(SCORES)  # the corrected 2025-Q2 file, pending: the note still stands, said as sent again
    assert submissions.answered_returns(db, "云岫县") == {}
    assert submissions.resent_returns(db, "云岫县") == {first: waiting}
    submissions.accept(db, waiting, ADMIN)
    assert submissions.answered_returns(db, "云岫县") == {first: waiting}  # 2025-Q3's is still open
    roster = sent(roster_csv("2025-09-30", [("Y1", "云岫县")]), accepted=True)  # another kind answers nothing
    assert other_period not in submissions.answered_returns(db, "云岫县") and roster
    assert submissions.answered_returns(db, "云峤县") == {}  # another county's


def test_submissions_list_pending_first_and_by_county(county_db):
    db = county_db
    first = submissions.submit(db, CLERK, "一.csv", SCORES.encode(), Options())
    second = submissions.submit(db, CLERK, "二.csv", SCORES.encode(), Options())
    submissions.return_to_clerk(db, first, ADMIN, "重报")
    third = submissions.submit(db, CLERK, "三.csv", SCORES.encode(), Options())
    assert submissions.listing(db)["id"].tolist() == [second, third, first]
    assert submissions.listing(db, "云峤县").empty
    with pytest.raises(SubmissionError) as unknown:
        submissions.load(db, 99)
    assert unknown.value.text("zh") == "没有编号为 99 的报送。"


def test_the_submission_options_are_kept_for_the_review(county_db):
    """A file without a period in it: the period the clerk gave is what acceptance reads it with."""
    wide = "县区,乡镇,招商引资额\n云岫县,,77\n".encode()
    sid = submissions.submit(county_db, CLERK, "无期间.csv", wide, Options(period="2025Q3"))
    assert submissions.load(county_db, sid).options == Options("", "2025Q3", "", False)
    submissions.accept(county_db, sid, ADMIN)
    assert county_db.fetch_all("SELECT period, value FROM current_values WHERE county = '云岫县'") == [
        ("2025-Q3", 77.0)
    ]


def test_submissions_and_county_rosters_on_a_lake(lake_location):
    """The same on DuckLake: the file's bytes kept as a BLOB, the county batch, the county's roster replaced."""
    from conftest import data_file

    from incentive.store.database import Database

    db = Database(lake_location)
    try:
        import_ok(db, "regions.csv", data_file("regions.csv"))
        import_ok(db, "花名册.csv", roster_csv("2025-06-30", [("Y1", "云岫县"), ("Y2", "云岫县"), ("Q1", "云峤县")]))
        data = roster_csv("2025-06-30", [("Y3", "云岫县")])
        sid = submissions.submit(db, CLERK, "本县花名册.csv", data, Options())
        assert submissions.load(db, sid).data == data
        batch = submissions.accept(db, sid, ADMIN)
        assert db.fetch_all("SELECT county FROM batches WHERE id = $id", {"id": batch}) == [("云岫县",)]
        assert sorted(db.fetch_all("SELECT cadre_id, county FROM current_roster")) == [
            ("Q1", "云峤县"),
            ("Y3", "云岫县"),
        ]
    finally:
        db.close()


def test_a_pending_submission_holds_up_publishing_only_its_own_periods(county_db):
    from incentive.publication import freeze

    db = county_db
    roster = submissions.submit(db, CLERK, "花名册.csv", roster_csv("2025-09-30", [("Y1", "云岫县")]), Options())
    assert freeze.pending_submissions(db, "2025-Q2") == 0  # a roster feeds no published figure
    scores = submissions.submit(db, CLERK, "得分.csv", SCORES.encode(), Options())
    assert (freeze.pending_submissions(db, "2025-Q2"), freeze.pending_submissions(db, "2025-Q3")) == (1, 0)
    assert submissions.pending_count(db) == 2
    submissions.withdraw(db, scores, CLERK)
    submissions.withdraw(db, roster, CLERK)
    assert freeze.pending_submissions(db, "2025-Q2") == 0


def test_pending_files_of_the_same_county_kind_and_period_are_flagged(county_db):
    """Two pending files of 云岫县's 2025-Q2 scores: accepting both would let the one accepted last overwrite the
    other, so each names the other (docs/decisions.md#duplicate-submissions); another quarter, another kind or
    another county's file are not alike, and a file that is no longer pending stops counting."""
    db = county_db
    first = submissions.submit(db, CLERK, "得分.csv", SCORES.encode(), Options())
    q3 = submissions.submit(db, CLERK, "三季度.csv", SCORES.replace("2025Q2", "2025Q3").encode(), Options())
    roster = submissions.submit(db, CLERK, "花名册.csv", roster_csv("2025-06-30", [("Y1", "云岫县")]), Options())
    other = SCORES.replace("云岫县,安坝镇", "云峤县,丹埠镇").replace("云岫县", "云峤县")
    submissions.submit(db, OTHER_CLERK, "云峤得分.csv", other.encode(), Options())
    assert submissions.duplicates(db) == {}
    assert submissions.pending_alike(db, "云岫县", "race_scores", "2025-Q2") == [first]

    second = submissions.submit(db, CLERK, "得分_更正.csv", SCORES.replace(",R01,120", ",R01,121").encode(), Options())
    both_quarters = submissions.submit(
        db, CLERK, "两季.csv", (SCORES + "2025Q3,云岫县,,R02,3\n").encode(), Options()
    )  # 2025-Q2 and 2025-Q3: alike to both
    assert submissions.duplicates(db) == {
        first: [second, both_quarters],
        q3: [both_quarters],
        second: [first, both_quarters],
        both_quarters: [first, q3, second],
    }
    assert submissions.pending_alike(db, "云岫县", "race_scores", "2025-Q2", exclude=first) == [second, both_quarters]
    assert submissions.pending_alike(db, "云岫县", "roster", "2025-06") == [roster]
    assert submissions.pending_alike(db, "云岫县", "race_scores", "") == [first, q3, second, both_quarters]

    submissions.return_to_clerk(db, first, ADMIN, "请核对")
    submissions.withdraw(db, both_quarters, CLERK)
    assert submissions.duplicates(db) == {}


def test_a_quarter_one_county_has_sent_is_not_the_one_views_open_on(county_db):
    """The reviewer's case: one county's accepted scores of a new quarter made the overview's headline a race of
    one county. Views open on the newest quarter every county has sent (docs/decisions.md#the-default-period-is-a-complete-one)."""
    from incentive.race import rankings

    db = county_db
    every_county = "".join(
        f"2025Q3,{c},R01,{v}\n" for c, v in [("云岫县", 1), ("云峤县", 2), ("澄溪县", 3), ("枫岚区", 4)]
    )
    import_ok(db, "三季度.csv", ("考核期,县区,指标,数值\n" + every_county).encode())
    assert rankings.default_period(db.connection, 2025) == "2025-Q3"
    sid = submissions.submit(
        db, CLERK, "得分.csv", "考核期,县区,指标,数值\n2025Q4,云岫县,R01,120\n".encode(), Options()
    )
    submissions.accept(db, sid, ADMIN)
    assert "2025-Q4" in rankings.available_periods(db.connection)
    assert rankings.default_period(db.connection, 2025) == "2025-Q3"


def test_a_file_sent_before_the_return_does_not_count_as_sent_again(county_db):
    """Only a file sent after the return answers its note for now: one pending already when the other was returned
    leaves the note standing (the clerk still has to act on it)."""
    earlier = submissions.submit(county_db, CLERK, "一.csv", SCORES.encode(), Options())
    already = submissions.submit(county_db, CLERK, "二.csv", SCORES.encode(), Options())
    submissions.return_to_clerk(county_db, earlier, ADMIN, "重报")
    assert submissions.resent_returns(county_db, "云岫县") == {}
    again = submissions.submit(county_db, CLERK, "三.csv", SCORES.encode(), Options())
    assert submissions.resent_returns(county_db, "云岫县") == {earlier: again} and already
