"""Rollbacks of accepted county data, reviewed (incentive/review/rollbacks.py, schema 013): a county clerk asks with a
reason, the prefecture administrator accepts (the batch is rolled back then, audited with both names) or returns it
with a note; the clerk's own direct rollback is refused; the administrator's stays immediate. Real DuckDB files."""

from __future__ import annotations

import pytest
from test_submissions import ADMIN, CLERK, OTHER_CLERK, SCORES

from incentive import audit_log
from incentive.accounts.roles import COUNTY_LEADER, OutOfScope, Principal
from incentive.publication import freeze
from incentive.review import rollbacks, submissions
from incentive.review.rollbacks import RollbackRequestError
from incentive.review.submissions import Options
from incentive.store import audit, batches

LEADER = Principal("云岫领导", COUNTY_LEADER, "云岫县")
REASON = "R01 单位填错（应为万元），请撤销后重报"


def accepted_batch(db) -> int:
    """云岫县's scores, submitted by its clerk and accepted by the prefecture: a county batch."""
    return submissions.accept(db, submissions.submit(db, CLERK, "得分.csv", SCORES.encode(), Options()), ADMIN)


def status(db, batch: int) -> str:
    return batches.history(db).set_index("id").at[batch, "status"]


def rows(db, *actions: str) -> list[tuple]:
    log = audit.log(db).iloc[::-1]  # oldest first
    log = log[log["action"].isin(actions)]
    return list(zip(log["who"], log["action"], log["target"], log["outcome"], log["detail"], strict=True))


def test_a_clerk_cannot_roll_back_accepted_data_himself_but_the_prefecture_still_can(catalog_db):
    db = catalog_db
    batch = accepted_batch(db)
    with pytest.raises(OutOfScope) as refused:
        batches.rollback(db, batch, CLERK.name, scope=CLERK.scope)
    assert refused.value.text("zh") == (
        f"批次 #{batch} 是经市级审核后导入的数据，撤销也须经市级审核：请在「报送数据」页提交撤销申请。"
    )
    assert status(db, batch) == "active"
    assert rows(db, "rollback")[-1] == (CLERK.name, "rollback", f"batch {batch}", "refused", "rollback_needs_review")
    batches.rollback(db, batch, ADMIN.name, scope=ADMIN.scope)  # the administrator's own rollback: at once
    assert status(db, batch) == "rolled_back"


def test_a_request_accepted_rolls_the_batch_back_with_both_names_on_record(catalog_db):
    db = catalog_db
    batch = accepted_batch(db)
    with pytest.raises(RollbackRequestError) as no_reason:
        rollbacks.request(db, CLERK, batch, "  ")
    assert no_reason.value.text("zh") == "请填写申请撤销的原因，供市级审核。"
    request = rollbacks.request(db, CLERK, batch, REASON)
    assert status(db, batch) == "active"  # only asked
    assert rollbacks.pending_count(db) == 1 and rollbacks.pending_by_batch(db, "云岫县") == {batch: request}
    with pytest.raises(RollbackRequestError) as again:
        rollbacks.request(db, CLERK, batch, "再申请一次")
    assert again.value.text("zh") == f"批次 #{batch} 已有撤销申请 #{request} 待审核。"
    with pytest.raises(RollbackRequestError) as not_admin:
        rollbacks.accept(db, request, CLERK)
    assert not_admin.value.key == "review_not_admin"

    assert rollbacks.accept(db, request, ADMIN) == batch
    assert status(db, batch) == "rolled_back"
    assert db.fetch_all("SELECT count(*) FROM current_values WHERE county = '云岫县'") == [(0,)]  # as before it
    found = rollbacks.load(db, request)
    assert (found.state, found.state_by, found.requested_by, found.reason) == (
        "accepted",
        ADMIN.name,
        CLERK.name,
        REASON,
    )
    assert rollbacks.pending_count(db) == 0
    assert rows(db, "rollback_request", "rollback", "rollback_accept") == [
        (CLERK.name, "rollback_request", f"rollback request {request}", "ok", f"batch {batch}: {REASON}"),
        (ADMIN.name, "rollback", f"batch {batch}", "ok", f"rollback request {request} by {CLERK.name}"),
        (ADMIN.name, "rollback_accept", f"rollback request {request}", "ok", f"batch {batch}"),
    ]
    words = audit_log.table(audit.log(db), "zh").iloc[:3].iloc[::-1]  # the three newest rows, oldest first
    assert words[["操作", "对象", "说明"]].values.tolist() == [
        ["申请撤销批次", f"撤销申请 #{request}", f"批次 #{batch}：{REASON}"],
        ["撤销批次", f"批次 #{batch}", f"撤销申请 #{request}，申请人：{CLERK.name}"],
        ["同意撤销申请", f"撤销申请 #{request}", f"批次 #{batch}"],
    ]
    with pytest.raises(RollbackRequestError) as twice:
        rollbacks.accept(db, request, ADMIN)
    assert twice.value.text("en") == "This rollback request is accepted and can no longer be changed."


def test_a_returned_request_keeps_the_batch_and_tells_the_clerk_why(catalog_db):
    db = catalog_db
    batch = accepted_batch(db)
    request = rollbacks.request(db, CLERK, batch, REASON)
    with pytest.raises(RollbackRequestError) as empty:
        rollbacks.return_to_clerk(db, request, ADMIN, "")
    assert empty.value.key == "review_note_required"
    rollbacks.return_to_clerk(db, request, ADMIN, "数据已核实无误，不予撤销")
    assert status(db, batch) == "active"
    mine = rollbacks.listing(db, "云岫县")
    assert mine[["id", "batch_id", "kind", "state", "note", "state_by"]].values.tolist() == [
        [request, batch, "race_scores", "returned", "数据已核实无误，不予撤销", ADMIN.name]
    ]
    with pytest.raises(RollbackRequestError):
        rollbacks.accept(db, request, ADMIN)
    assert rollbacks.request(db, CLERK, batch, "补充了说明，再次申请") == request + 1  # a new request is allowed
    assert rows(db, "rollback_return")[-1][:4] == (ADMIN.name, "rollback_return", f"rollback request {request}", "ok")


def test_only_the_countys_clerk_asks_and_only_he_withdraws_his_pending_request(catalog_db):
    db = catalog_db
    batch = accepted_batch(db)
    prefecture = int(batches.history(db)["id"].min())
    with pytest.raises(OutOfScope) as other:
        rollbacks.request(db, OTHER_CLERK, batch, REASON)
    assert other.value.text("zh") == f"不能撤销批次 #{batch}：它属于「云岫县」，您的账号只限于「云峤县」。"
    with pytest.raises(OutOfScope) as wide:
        rollbacks.request(db, CLERK, prefecture, REASON)
    assert wide.value.key == "rollback_refused_prefecture"
    assert [r[3:] for r in rows(db, "rollback_request")] == [
        ("refused", "rollback_refused_county"),
        ("refused", "rollback_refused_prefecture"),
    ]
    with pytest.raises(RollbackRequestError) as leader:
        rollbacks.request(db, LEADER, batch, REASON)
    assert leader.value.key == "rollback_request_not_clerk"
    with pytest.raises(RollbackRequestError) as unknown:
        rollbacks.request(db, CLERK, 999, REASON)
    assert unknown.value.text("en") == "There is no active batch #999."

    request = rollbacks.request(db, CLERK, batch, REASON)
    with pytest.raises(RollbackRequestError) as not_his:
        rollbacks.withdraw(db, request, OTHER_CLERK)
    assert not_his.value.text("zh") == "只能撤回自己提交的撤销申请。"
    rollbacks.withdraw(db, request, CLERK)
    assert rollbacks.load(db, request).state == "withdrawn" and status(db, batch) == "active"
    with pytest.raises(RollbackRequestError):
        rollbacks.withdraw(db, request, CLERK)


def test_a_request_whose_batch_was_rolled_back_meanwhile_is_refused_then_returned(catalog_db):
    db = catalog_db
    batch = accepted_batch(db)
    request = rollbacks.request(db, CLERK, batch, REASON)
    batches.rollback(db, batch, ADMIN.name)  # the administrator undid it himself on the Data page
    with pytest.raises(RollbackRequestError) as gone:
        rollbacks.accept(db, request, ADMIN)
    assert gone.value.text("zh") == f"批次 #{batch} 已不是有效批次（已被撤销），无需再撤销：请退回此申请并说明。"
    assert rollbacks.load(db, request).state == "pending"  # nothing changed
    rollbacks.return_to_clerk(db, request, ADMIN, "已由市级直接撤销")
    assert rollbacks.load(db, request).state == "returned"


def test_a_pending_submission_is_still_withdrawn_at_once(catalog_db):
    """What never went live needs no review to take back (docs/decisions.md#rollbacks-of-accepted-data-are-reviewed)."""
    db = catalog_db
    sid = submissions.submit(db, CLERK, "得分.csv", SCORES.encode(), Options())
    submissions.withdraw(db, sid, CLERK)
    assert submissions.load(db, sid).state == "withdrawn" and rollbacks.pending_count(db) == 0


def test_a_pending_request_holds_up_publishing_its_period_as_a_pending_submission_does(catalog_db):
    """云岫县 asks to take back its 2025-Q2 scores: publishing 2025-Q2 meanwhile needs the override reason
    (docs/decisions.md#pending-submissions); other periods are not held up."""
    db = catalog_db
    rollbacks.request(db, CLERK, accepted_batch(db), REASON)
    assert (freeze.pending_rollbacks(db, "2025-Q2"), freeze.pending_rollbacks(db, "2025-Q3")) == (1, 0)
    with pytest.raises(freeze.PublicationError) as held:  # allow_incomplete: the other three counties sent nothing
        freeze.publish(db, "2025-Q2", ADMIN.name, allow_incomplete=True)
    assert held.value.text("zh") == "2025-Q2 的数据另有 1 份撤销申请待审核：请先审核，或填写强制发布理由。"
    published = freeze.publish(
        db, "2025-Q2", ADMIN.name, allow_incomplete=True, override_reason="按期发布，申请另行处理"
    )
    assert published.override_reason == "按期发布，申请另行处理"
