"""The 报送数据 (views/submit.py) and 审核 (views/review.py) pages through AppTest on a copy of the sample: a county
clerk submits, the prefecture administrator accepts or returns, the clerk reads the note or withdraws."""

from __future__ import annotations

import pytest
from conftest import as_admin, as_user
from streamlit.testing.v1 import AppTest

from incentive.accounts import users
from incentive.accounts.roles import COUNTY_CLERK, COUNTY_LEADER, Principal
from incentive.store.database import Database

CLERK = Principal("云岫填报员", COUNTY_CLERK, "云岫县")
LEADER = Principal("云岫领导", COUNTY_LEADER, "云岫县")
OWN = "考核期,县区,指标,数值\n2026Q3,云岫,重点项目投资完成额,99.5\n".encode("gbk")
MIXED = "考核期,县区,指标,数值\n2026Q3,云岫县,R01,99.5\n2026Q3,澄溪县,R01,12\n".encode("gbk")


@pytest.fixture
def accounts_db(sample_db_path):
    database = Database(sample_db_path)
    users.add(database, CLERK.name, COUNTY_CLERK, CLERK.county, "clerk-password-123", "测试管理员")
    users.add(database, LEADER.name, COUNTY_LEADER, LEADER.county, "leader-password-123", "测试管理员")
    database.close()
    return sample_db_path


def signed_in(app_factory, db, principal=None) -> AppTest:
    at = app_factory(db)
    if principal is None:
        as_admin(at, "测试管理员")
    else:
        as_user(at, principal)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def on(at: AppTest, page: str, timeout: float | None = None) -> AppTest:
    at.switch_page(page)
    at.run(timeout=timeout)
    assert not at.exception, [e.value for e in at.exception]
    return at


def button(at: AppTest, prefix: str):
    return at.button(key=next(b.key for b in at.button if b.key and b.key.startswith(prefix)))


def submit(at: AppTest, name: str, data: bytes) -> None:
    at.get("file_uploader")[0].set_value((name, data, "text/csv"))
    at.run()
    button(at, "submit_send_").click().run()
    assert not at.exception, [e.value for e in at.exception]


def database_of(path) -> list[tuple]:
    """The submissions as stored, read through the app's own connection (the app holds the file)."""
    from ui.runtime import database

    return database().fetch_all(
        "SELECT id, state, county, submitted_by, note, batch_id FROM current_submissions ORDER BY id"
    )


def test_only_clerks_have_the_submit_page_and_only_the_administrator_the_review_page(accounts_db, app_factory):
    clerk = signed_in(app_factory, accounts_db, CLERK)
    on(clerk, "views/submit.py")
    assert clerk.title[0].value == "报送数据"
    assert "云岫县" in clerk.caption[0].value
    admin = signed_in(app_factory, accounts_db)
    on(admin, "views/review.py")
    assert admin.title[0].value == "审核"
    assert "没有待审核的报送。" in [c.value for c in admin.caption]
    leader = signed_in(app_factory, accounts_db, LEADER)
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not in a county leader's navigation
        leader.switch_page("views/submit.py")


def test_the_clerks_page_shows_the_file_format_in_the_app_not_a_repository_path(accounts_db, app_factory):
    """A clerk has no repository: the page cited docs/data-format.md. It offers the templates of what a county
    sends, each with its instructions sheet, and points to them, in both languages."""
    from page_text import visible_texts

    clerk = on(signed_in(app_factory, accounts_db, CLERK), "views/submit.py")
    texts = [text for _, text in visible_texts(clerk)]
    assert not [text for text in texts if "docs/" in text or ".md" in text]
    assert "见本页「下载填报模板」：每个模板附有「填表说明」工作表。" in clerk.caption[0].value
    assert any(e.label == "下载填报模板（Excel，中文表头）" for e in clerk.expander)
    templates = [b.label for b in clerk.get("download_button") if b.key and b.key.startswith("submit_template_")]
    assert set(templates) == {
        "赛马考评得分",
        "关爱指标",
        "干部花名册",
        "培训记录",
        "干部调整",
        "年度考核等次",
    }  # not regions, the catalog
    clerk.button_group(key="lang").set_value("en").run()
    assert "see “Download templates” on this page" in clerk.caption[0].value


def test_a_clerk_submits_and_the_administrator_accepts(accounts_db, app_factory):
    clerk = on(signed_in(app_factory, accounts_db, CLERK), "views/submit.py")
    clerk.get("file_uploader")[0].set_value(("云岫得分.csv", OWN, "text/csv"))
    clerk.run()
    assert "将新增 0 条，更新 1 条，与现有相同 0 条。" in [i.value for i in clerk.info]
    button(clerk, "submit_send_").click().run()
    assert any("已提交「云岫得分.csv」，等待审核（报送 #1）" in s.value for s in clerk.success)
    assert database_of(accounts_db) == [(1, "pending", "云岫县", "云岫填报员", None, None)]
    table = clerk.dataframe[0].value
    assert table["状态"].tolist() == ["待审核"]
    assert table[table.columns[7]].tolist() == [""]  # handled by nobody yet (it showed the clerk himself)

    admin = on(signed_in(app_factory, accounts_db), "views/review.py")
    assert admin.title[0].value == "审核（1 待审）"
    assert "报送 #1：云岫县，云岫填报员" in " ".join(m.value for m in admin.markdown)
    assert "将新增 0 条，更新 1 条，与现有相同 0 条。" in [i.value for i in admin.info]  # the effects now
    admin.button(key="review_accept_1").click().run()
    assert not admin.exception
    assert any("已通过报送 #1，导入为批次" in s.value for s in admin.success)
    assert admin.title[0].value == "审核"
    state = database_of(accounts_db)
    assert state[0][:2] == (1, "accepted") and state[0][5] is not None
    on(admin, "views/data.py")  # the batch, with its county, on the Data page
    shown = next(d.value for d in admin.dataframe if "导入人" in d.value.columns)
    assert shown.iloc[0][["文件", "县区", "导入人", "来源"]].tolist() == [
        "云岫得分.csv",
        "云岫县",
        "测试管理员",
        "县区报送",
    ]


def test_the_review_preview_names_each_indicator_with_its_code(accounts_db, app_factory):
    """The preview's rows say which indicator they are by its name, with the code the file may have used
    (名称（代码）), in both languages; the catalog's names are data and are never translated."""
    clerk = on(signed_in(app_factory, accounts_db, CLERK), "views/submit.py")
    by_code = "考核期,县区,指标,数值\n2026Q3,云岫县,R01,99.5\n2026Q3,云岫县,R02,3\n".encode("gbk")
    submit(clerk, "云岫两项.csv", by_code)
    admin = on(signed_in(app_factory, accounts_db), "views/review.py")
    rows = admin.dataframe[-1].value  # the preview's first rows
    assert rows["指标"].tolist() == ["重点项目投资完成额（R01）", "新开工项目数（R02）"]
    admin.button_group(key="lang").set_value("en").run()
    rows = admin.dataframe[-1].value
    assert rows["Indicator"].tolist() == ["重点项目投资完成额 (R01)", "新开工项目数 (R02)"]


def test_a_file_with_another_countys_rows_cannot_be_submitted(accounts_db, app_factory):
    clerk = on(signed_in(app_factory, accounts_db, CLERK), "views/submit.py")
    clerk.get("file_uploader")[0].set_value(("混合.csv", MIXED, "text/csv"))
    clerk.run()
    errors = " ".join(e.value for e in clerk.error)
    assert "第 3 行，「县区」列，值「澄溪县」：不是本县区（云岫县）的数据，不能报送。" in errors
    assert not [b for b in clerk.button if b.key and b.key.startswith("submit_send_")]
    assert database_of(accounts_db) == []


def test_a_returned_submission_shows_its_note_and_a_pending_one_can_be_withdrawn(accounts_db, app_factory):
    clerk = on(signed_in(app_factory, accounts_db, CLERK), "views/submit.py")
    submit(clerk, "第一次.csv", OWN)
    submit(clerk, "第二次.csv", OWN.replace(b"99.5", b"88"))
    admin = on(signed_in(app_factory, accounts_db), "views/review.py")
    assert admin.selectbox(key="review_pick").value == 1  # the oldest pending first
    admin.button(key="review_return_1").click().run()
    assert "退回时须填写说明。" in [e.value for e in admin.error]
    admin.text_area(key="review_note_1").set_value("[核对](https://evil.example) 数值单位").run()
    admin.button(key="review_return_1").click().run()
    assert any("已退回报送 #1" in s.value for s in admin.success)

    clerk.run()
    notes = [w.value for w in clerk.warning if "已退回" in w.value]
    assert notes == ["报送 #1「第一次.csv」已退回，说明：\\[核对\\]\\(https\\:\u2060//evil.example\\) 数值单位"]
    assert clerk.selectbox(key="submit_withdraw_pick").value == 2
    clerk.button(key="submit_withdraw").click().run()
    assert any("已撤回报送 #2" in s.value for s in clerk.success)
    assert [row[1] for row in database_of(accounts_db)] == ["returned", "withdrawn"]


def test_a_return_answered_by_a_later_accepted_file_is_history_on_the_clerks_page(accounts_db, app_factory):
    """Once the corrected file of the same kind and period is accepted, the old return note is no longer a task:
    it moves into a folded list, saying which submission answered it."""
    clerk = on(signed_in(app_factory, accounts_db, CLERK), "views/submit.py")
    submit(clerk, "第一次.csv", OWN)
    admin = on(signed_in(app_factory, accounts_db), "views/review.py")
    admin.text_area(key="review_note_1").set_value("单位应为亿元")
    admin.button(key="review_return_1").click().run()
    clerk.run()
    assert [w.value for w in clerk.warning if "已退回" in w.value] == [
        "报送 #1「第一次.csv」已退回，说明：单位应为亿元"
    ]
    submit(clerk, "第二次.csv", OWN.replace(b"99.5", b"88"))
    # sent again: no longer asked for, said as awaiting review (a stale warning until #2 was accepted, before)
    assert not [w.value for w in clerk.warning if "已退回" in w.value]
    assert "报送 #1「第一次.csv」退回后已重新报送（报送 #2），等待市委组织部审核。" in [i.value for i in clerk.info]
    admin.run()
    admin.button(key="review_accept_2").click().run()
    assert not admin.exception
    clerk.run()
    assert not [w.value for w in clerk.warning if "已退回" in w.value]
    history = next(e for e in clerk.expander if e.label == "已更正的退回（1 份）")
    assert [c.value for c in history.caption] == [
        "报送 #1「第一次.csv」曾被退回（说明：单位应为亿元），其后的报送 #2 已审核通过。"
    ]


def test_a_second_file_of_the_same_period_is_flagged_to_the_clerk_and_the_reviewer(accounts_db, app_factory):
    clerk = on(signed_in(app_factory, accounts_db, CLERK), "views/submit.py")
    clerk.get("file_uploader")[0].set_value(("第一次.csv", OWN, "text/csv"))
    clerk.run()
    assert not [w for w in clerk.warning if "待审核" in w.value]  # the first one: nothing to warn about
    button(clerk, "submit_send_").click().run()
    clerk.get("file_uploader")[0].set_value(("第二次.csv", OWN.replace(b"99.5", b"88"), "text/csv"))
    clerk.run()
    assert (
        "本县区同一期的同类数据已有 1 份待审核（报送 #1）。再提交这一份，两份都会等待审核；如这份是替换，请先撤回旧的。"
        in [w.value for w in clerk.warning]
    )
    button(clerk, "submit_send_").click().run()  # a warning, not a refusal
    assert [row[:2] for row in database_of(accounts_db)] == [(1, "pending"), (2, "pending")]

    admin = on(signed_in(app_factory, accounts_db), "views/review.py")
    queue = admin.dataframe[0].value
    assert queue[["报送", "同期待审"]].values.tolist() == [[1, "报送 #2"], [2, "报送 #1"]]
    alike = [w.value for w in admin.warning if "同一县区同一期" in w.value]
    assert alike == [
        "同一县区同一期另有 1 份待审核（报送 #2）。都通过时，后通过的一份会覆盖相同的数据；请比较后只通过应生效的一份，其余退回。"
    ]
    admin.text_area(key="review_note_1").set_value("以第二份为准")
    admin.button(key="review_return_1").click().run()
    assert not [w for w in admin.warning if "同一县区同一期" in w.value]  # #2 alone now
    assert admin.dataframe[0].value.set_index("报送").loc[2, "同期待审"] == ""


def test_a_clerk_asks_to_roll_back_his_countys_batch_and_the_administrator_decides(accounts_db, app_factory):
    """Data the prefecture accepted after review are taken back only after review
    (docs/decisions.md#rollbacks-of-accepted-data-are-reviewed): the clerk asks with a reason, the 审核 page shows the
    request; returned, the note reaches the clerk and the batch stays; asked again and accepted, it is rolled back."""
    from ui.runtime import database

    clerk = on(signed_in(app_factory, accounts_db, CLERK), "views/submit.py")
    assert not [s for s in clerk.selectbox if s.key == "submit_rollback_pick"]  # the prefecture's batches: not his
    submit(clerk, "云岫得分.csv", OWN)
    admin = on(signed_in(app_factory, accounts_db), "views/review.py")
    admin.button(key="review_accept_1").click().run()
    batch = database_of(accounts_db)[0][5]

    def status() -> str:
        return database().fetch_all("SELECT status FROM batches WHERE id = $id", {"id": batch})[0][0]

    clerk.run()
    pick = clerk.selectbox(key="submit_rollback_pick")
    assert pick.options == [f"批次 #{batch} · 赛马考评得分 · 云岫得分.csv"]
    clerk.button(key="submit_rollback").click().run()  # no reason: refused
    assert "请填写申请撤销的原因，供市级审核。" in [e.value for e in clerk.error]
    clerk.text_area(key="submit_rollback_reason").set_value("R01 数值填错，请撤销后重报").run()
    clerk.button(key="submit_rollback").click().run()
    assert f"已提交撤销批次 #{batch} 的申请（#1），等待市级审核。" in [s.value for s in clerk.success]
    assert status() == "active"  # asked, not done
    assert not [s for s in clerk.selectbox if s.key == "submit_rollback_pick"]  # one request per batch at a time
    assert f"已申请撤销、等待审核的批次：#{batch}（申请 #1）。" in [c.value for c in clerk.caption]

    admin.run()
    assert admin.title[0].value == "审核（1 待审）"
    said = " ".join(m.value for m in admin.markdown)
    assert (
        "撤销申请 #1：云岫县，云岫填报员" in said and f"申请撤销批次 #{batch}（赛马考评得分，云岫得分.csv，1 行" in said
    )
    assert "申请原因：R01 数值填错，请撤销后重报" in said
    admin.text_area(key="review_rollback_note_1").set_value("请先核对原始台账").run()
    admin.button(key="review_rollback_return_1").click().run()
    assert "已退回撤销申请 #1。" in [s.value for s in admin.success] and status() == "active"

    clerk.run()
    assert f"撤销批次 #{batch} 的申请 #1 已退回，说明：请先核对原始台账" in [w.value for w in clerk.warning]
    clerk.text_area(key="submit_rollback_reason").set_value("已核对台账，确属错误").run()
    clerk.button(key="submit_rollback").click().run()
    admin.run()
    admin.button(key="review_rollback_accept_2").click().run()
    assert not admin.exception
    assert f"已同意撤销申请 #2，批次 #{batch} 已撤销。" in [s.value for s in admin.success]
    assert status() == "rolled_back" and admin.title[0].value == "审核"
    who = database().fetch_all("SELECT who, detail FROM audit WHERE action = 'rollback' AND outcome = 'ok'")
    assert who == [("测试管理员", "rollback request 2 by 云岫填报员")]  # both names

    clerk.run()
    requests = next(d.value for d in clerk.dataframe if "撤销申请" in d.value.columns)
    assert requests[["撤销申请", "状态", "处理人"]].values.tolist() == [
        [2, "已同意撤销", "测试管理员"],
        [1, "已退回", "测试管理员"],
    ]


def test_a_county_roster_replaces_only_that_countys_cadres_on_the_overview(accounts_db, app_factory):
    """The sample's roster of 2026-06-30 holds 7,000 cadres, 726 of them in 云岫县. 云岫县 sends a roster of one
    cadre for that date: once accepted, the overview counts 726 − 1 fewer (of the counties it measures)."""
    roster = (
        "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\nLZ000001,某甲,云岫县,安山镇,一级科员,男,1985,2026-06-30\n"
    )
    clerk = on(signed_in(app_factory, accounts_db, CLERK), "views/submit.py")
    clerk.get("file_uploader")[0].set_value(("云岫花名册.csv", roster.encode(), "text/csv"))
    clerk.run()
    assert "将替换「云岫县」统计日期为 2026-06-30 的花名册（该县区现有 726 人），其他县区不变。" in [
        i.value for i in clerk.info
    ]
    # what it changes, cadre by cadre, of 云岫县's cadres alone: to the clerk, whose scope is his county, and to
    # the reviewer (docs/decisions.md#a-roster-correction-cadre-by-cadre)
    changes = (
        "查看与现有花名册的差异（按干部编号）：字段变动 1 人（姓名 1 人、职级 1 人、出生年份 1 人、民族 1 人、"
        "政治面貌 1 人、学历 1 人），新增 0 人，不再在册 725 人"
    )
    assert changes in [e.label for e in clerk.expander]
    button(clerk, "submit_send_").click().run()
    admin = on(signed_in(app_factory, accounts_db), "views/review.py")
    assert "将替换「云岫县」统计日期为 2026-06-30 的花名册（该县区现有 726 人），其他县区不变。" in [
        i.value for i in admin.info
    ]
    assert changes in [e.label for e in admin.expander]
    on(admin, "views/overview.py")
    # the training pillar counts the counties that sent all of 2026 (棠梨县 has not sent its third quarter)
    before = int({m.label: m.value for m in admin.metric}["在册干部（已报县区）"].replace(",", ""))
    on(admin, "views/review.py")
    admin.button(key="review_accept_1").click().run()
    # every figure of the overview recomputed from the new roster, the small-numbers audit of a county of one cadre
    # included (bench/disclosure_audit.py: about 20 s of this run)
    on(admin, "views/overview.py")
    assert {m.label: m.value for m in admin.metric}["在册干部（已报县区）"] == f"{before - 726 + 1:,}"


def test_a_county_roster_with_another_countys_cadre_warns_the_clerk_and_names_the_county_to_the_reviewer(
    accounts_db, app_factory
):
    """云岫县's roster of 2026-06-30 lists 鹤汀县's LZ002840 under another name (a fresh tester's file): the preview
    said only 新增 1 人, and once accepted he counted in both counties. The clerk is told the id and what happens,
    nothing of 鹤汀县; the reviewer also reads 鹤汀县 and the name it holds
    (docs/decisions.md#a-cadre-on-two-county-rosters)."""
    roster = (
        "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n"
        "LZ000001,董强凯,云岫县,安山镇,四级主任科员,男,1980,2026-06-30\n"
        "LZ002840,胡海,云岫县,安山镇,一级科员,男,1984,2026-06-30\n"
    )
    warned = "本文件中有 1 名干部也在其他县区于 2026-06-30 适用的花名册上：LZ002840（第 3 行"
    clerk = on(signed_in(app_factory, accounts_db, CLERK), "views/submit.py")
    clerk.get("file_uploader")[0].set_value(("云岫花名册.csv", roster.encode(), "text/csv"))
    clerk.run()
    shown = [w.value for w in clerk.warning if w.value.startswith(warned)]
    assert len(shown) == 1 and shown[0].startswith(warned + "）。导入后") and "鹤汀县" not in shown[0]
    assert "胡浩" not in " ".join(w.value for w in clerk.warning)
    button(clerk, "submit_send_").click().run()
    admin = on(signed_in(app_factory, accounts_db), "views/review.py")
    shown = [w.value for w in admin.warning if w.value.startswith(warned)]
    assert len(shown) == 1 and shown[0].startswith(warned + "；鹤汀县花名册上为「胡浩」）。导入后")
    admin.button_group(key="lang").set_value("en").run()
    assert any(  # as Markdown escapes the file's text
        r"LZ002840 \(row 3; on 鹤汀县's roster as “胡浩”\). Imported, he counts in both counties" in w.value
        for w in admin.warning
    )
