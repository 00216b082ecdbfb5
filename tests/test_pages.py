"""Every page through Streamlit's AppTest on the sample data, and the Data page's upload path."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import (
    DATA,
    NEWEST_TRAINING_PER_KEY,
    ROOT,
    as_admin,
    current_training,
    data_file,
    import_ok,
    open_tab,
    partly_superseded_training,
)
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.errors import AppTestError
from test_cli import race_correction
from test_roster_changes import corrected, roster_text, stored_snapshot

from incentive.accounts.roles import Scope
from incentive.intake import plausibility
from incentive.race import rankings
from incentive.store import queries
from incentive.store.database import Database
from incentive.training import coverage

PAGES = [
    "views/overview.py",
    "views/rankings.py",
    "views/training.py",
    "views/welfare.py",
    "views/movements.py",
    "views/appraisals.py",
    "views/county.py",
    "views/data.py",
    "views/users.py",
]


def on_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def on_data_page(at: AppTest) -> AppTest:
    """The Data page as a signed-in administrator (the sign-in itself is tested in test_sign_in.py)."""
    as_admin(at, "测试管理员")
    at.run()  # the navigation gains the Data page
    return on_page(at, "views/data.py")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(app, page):
    if page in ("views/data.py", "views/users.py"):  # prefecture administrators only
        as_admin(app, "测试管理员")
        app.run()
        on_page(app, page)
    else:
        on_page(app, page)
    assert app.title[0].value


def test_overview_headlines_come_from_the_database(app, sample_db_path):
    metrics = {m.label: m.value for m in app.metric}
    leader = rankings.rank_period(_connection(), metrics["赛马考评期"], draws=0).ranked
    assert metrics["综合第一"] == leader.index[0]
    assert metrics["参赛县区"] == str(len(leader))
    # the training pillar measures the counties that sent all of 2026: the sample's 7,000 cadres but 棠梨县's
    year = coverage.year_window(2026)
    tangli = sum(1 for c in coverage.cadres_in(_connection(), year)["county"].to_pylist() if c == "棠梨县")
    assert "在册干部" not in metrics and metrics["在册干部（已报县区）"] == f"{7000 - tangli:,}" and tangli > 0
    assert len(app.get("plotly_chart")) == 3


def _connection():
    from ui.runtime import database

    return database().connection


def _settings():
    from incentive.store import settings
    from ui.runtime import database

    return settings.current(database())


def test_year_selector_changes_the_overview(app):
    app.selectbox(key="year").set_value(2024).run()
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["赛马考评期"] == "2024-Q4" and metrics["关爱考评期"] == "2024-H2"
    coverage = next(m for m in app.metric if m.label == "培训覆盖率")
    assert coverage.proto.delta_description == "较 2023"


def test_first_year_has_no_change_to_show(app):
    app.selectbox(key="year").set_value(2023).run()
    coverage = next(m for m in app.metric if m.label == "培训覆盖率")
    assert coverage.proto.delta == ""  # 2022 has no training records: no made-up comparison


def test_language_switch_to_english_and_back(app):
    app.button_group(key="lang").set_value("en").run()
    assert app.title[0].value == "Cadre Incentive Dashboard"
    assert "Race period" in [m.label for m in app.metric]
    # AppTest drops the sidebar's widgets from its tree once the navigation's titles change (the browser test
    # clicks the real switch back); setting the bound key is the supported way to change it from Python.
    app.session_state["lang"] = "zh"
    app.run()
    assert app.title[0].value == "干部激励看板"


def test_language_from_the_url(app_factory):
    at = app_factory(query={"lang": "English"})  # bound widgets put the option label in the URL
    assert at.title[0].value == "Cadre Incentive Dashboard"


def test_upload_preview_import_and_rollback(app):
    on_data_page(app)
    gbk = "考核期,县区,指标,数值\n2026Q3,云岫,重点项目投资完成额,99.5\n".encode("gbk")
    app.get("file_uploader")[0].set_value(("新得分.csv", gbk, "text/csv"))
    app.run()
    assert not app.exception
    texts = " ".join(m.value for m in app.markdown)
    assert "识别为「赛马考评得分」（编码 GBK），表头在第 1 行，数据 1 行。" in texts
    assert "「云岫」按「云岫县」导入（1 行）。" in " ".join(c.value for c in app.caption)
    assert "将新增 0 条，更新 1 条，与现有相同 0 条。" in [i.value for i in app.info]
    changed = next(e for e in app.expander if e.label == "查看将更新的 1 个数值（原值 → 新值）")
    assert changed.dataframe[0].value[["县区", "指标", "新值"]].values.tolist() == [["云岫县", "R01", 99.5]]
    before = len(_connection().execute("SELECT * FROM batches").fetchall())
    app.button(key=next(b.key for b in app.button if b.key and b.key.startswith("data_import_"))).click().run()
    assert not app.exception
    assert any("已导入「新得分.csv」" in s.value for s in app.success)
    batches = _connection().execute("SELECT id, file_name, status FROM batches ORDER BY id").fetchall()
    assert len(batches) == before + 1 and batches[-1][1:] == ("新得分.csv", "active")
    value = (
        _connection()
        .execute(
            "SELECT value FROM current_values WHERE period = '2026-Q3' AND county = '云岫县' "
            "AND township = '' AND indicator = 'R01'"
        )
        .fetchone()[0]
    )
    assert value == 99.5

    app.selectbox(key=f"data_rollback_pick_{batches[-1][0]}").set_value(batches[-1][0])
    assert app.button(key="data_rollback").disabled  # nothing is undone by a stray click
    app.checkbox(key="data_rollback_confirm").check().run()
    app.button(key="data_rollback").click().run()
    assert any(f"已撤销批次 #{batches[-1][0]}" in s.value for s in app.success)
    after = (
        _connection()
        .execute(
            "SELECT value FROM current_values WHERE period = '2026-Q3' AND county = '云岫县' "
            "AND township = '' AND indicator = 'R01'"
        )
        .fetchone()[0]
    )
    assert after != 99.5


def test_bad_upload_shows_located_error_and_changes_nothing(app):
    on_data_page(app)
    version = _connection().execute("SELECT count(*) FROM batches").fetchone()[0]
    bad = "考核期,县区,指标,数值\n2026Q3,黑山县,R01,1\n".encode()
    app.get("file_uploader")[0].set_value(("bad.csv", bad, "text/csv"))
    app.run()
    assert [e.value for e in app.error] == [
        "发现 1 个问题，文件不能导入：\n\n- 文件「bad.csv」，第 2 行，「县区」列，值「黑山县」：县区不存在于行政区划中。"
    ]
    assert not [b for b in app.button if b.key and b.key.startswith("data_import_")]
    assert _connection().execute("SELECT count(*) FROM batches").fetchone()[0] == version
    app.run()  # a rerun does not record the refusal again
    assert _connection().execute(
        "SELECT who, file_name, outcome FROM audit WHERE action = 'import' AND outcome = 'refused'"
    ).fetchall() == [("测试管理员", "bad.csv", "refused")]
    # Real files fail against the fictional sample's regions: the preview says so and offers the way out.
    assert "数据库中仍有示例数据。导入真实数据前，建议先移除示例数据。" in [w.value for w in app.warning]
    assert [b for b in app.button if b.key and b.key.startswith("data_unsample_")]


def test_many_problems_list_the_first_and_table_all(app):
    on_data_page(app)
    rows = "".join(f"2026Q3,黑山{i}县,R01,1\n" for i in range(7))
    app.get("file_uploader")[0].set_value(("bad.csv", ("考核期,县区,指标,数值\n" + rows).encode(), "text/csv"))
    app.run()
    listed = app.error[0].value.split("\n- ")[1:]
    assert len(listed) == 5 and listed[0].startswith("文件「bad.csv」，第 2 行")
    assert app.dataframe[0].value["行"].tolist() == [2, 3, 4, 5, 6, 7, 8]


def test_a_rosters_counties_left_out_are_not_headed_as_unusual_changes(app):
    """A one-county roster as the prefecture's: its warning stands under a roster's heading, not under "N values
    changed unusually from the previous period", which it is not (a tester's review of 2026-12-07)."""
    on_data_page(app)
    data = (
        "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\nLZ900001,张三,云岫县,县委办,一级科员,男,1990,2026-12-31\n"
    )
    app.get("file_uploader")[0].set_value(("一县花名册.csv", data.encode(), "text/csv"))
    app.run()
    assert not app.exception
    warnings = [w.value for w in app.warning]
    left_out = next(w for w in warnings if "没有 11 个县区的干部" in w)
    assert left_out.startswith("这份花名册可能不全，请在导入前核对（仅提示，不影响导入）：\n\n- 这份花名册将作为全市")
    assert not any("变动异常" in w for w in warnings)


def test_a_roster_correction_lists_what_it_changes_cadre_by_cadre(app, sample_db_path):
    """The preview of a roster re-sent for 2026-06-30 said only "现有 7000 人": it lists, under the count, each
    changed field old → new, the cadre added and the one no longer listed (test_roster_changes' correction)."""
    database = Database(sample_db_path)  # the same sample as the app's copy
    try:
        stored = stored_snapshot(database)
    finally:
        database.close()
    on_data_page(app)
    data = roster_text(corrected(stored)).encode()
    app.get("file_uploader")[0].set_value(("花名册更正.csv", data, "text/csv"))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert "将整体替换统计日期为 2026-06-30 的花名册快照（现有 7000 人）。" in [i.value for i in app.info]
    listed = next(e for e in app.expander if e.label.startswith("查看与现有花名册的差异"))
    assert listed.label == (
        "查看与现有花名册的差异（按干部编号）：字段变动 2 人（单位 1 人、职级 1 人），新增 1 人，不再在册 1 人"
    )
    assert [m.value for m in listed.markdown] == [
        "**字段变动 2 人（原值 → 新值）**",
        "**新增 1 人**",
        "**不再在册 1 人**",
    ]
    fields, added, dropped = (table.value for table in listed.dataframe)
    assert fields.values.tolist() == [
        ["LZ000001", "董强凯", "职级", "四级主任科员", "四级调研员"],
        ["LZ000002", "沈敏洋", "单位", "万岭乡", "县委办"],
    ]
    assert list(added.columns) == ["干部编号", "姓名", "县区", "单位", "职级"]
    assert added.values.tolist() == [["LZ999999", "王五", "云岫县", "县委办", "一级科员"]]
    assert dropped.values.tolist() == [["LZ000003", "王浩", "云岫县", "乐岗街道", "一级科员"]]


def test_a_long_roster_change_list_says_how_many_it_leaves_out_as_the_cli_does(app, sample_db_path):
    """A roster re-sent without 民族 and 学历 changes 14,000 fields of 7,000 cadres: the table stops at 200 and said
    only "仅列出前 200 项。" under a heading counting 7000 人. It says what it counts and how many more, as the CLI
    does (labels.roster_list_more), in both languages."""
    database = Database(sample_db_path)
    try:
        rows = [[*row[:7], row[8]] for row in stored_snapshot(database)]  # without 民族 and 学历
    finally:
        database.close()
    on_data_page(app)
    data = roster_text(rows, "干部编号,姓名,县区,单位,职级,性别,出生年份,政治面貌,统计日期").encode()
    app.get("file_uploader")[0].set_value(("花名册缺列.csv", data, "text/csv"))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    listed = next(e for e in app.expander if e.label.startswith("查看与现有花名册的差异"))
    assert [m.value for m in listed.markdown] == ["**字段变动 7000 人（原值 → 新值）**"]
    assert len(listed.dataframe[0].value) == 200
    assert [c.value for c in listed.caption] == ["……仅列出前 200 项字段变动，另有 13800 项未列出"]
    app.button_group(key="lang").set_value("en").run()
    listed = next(e for e in app.expander if e.label.startswith("See how it differs"))
    assert [c.value for c in listed.caption] == ["… the first 200 changed fields listed; 13800 more not listed"]


@pytest.mark.parametrize("bulk_min_mb", ["0", "8"])  # the bulk path and the per-cell path give one preview
def test_a_long_changed_values_list_says_how_many_it_leaves_out_as_the_cli_does(
    app, sample_db_path, monkeypatch, bulk_min_mb
):
    """A correction of every value of 2026-Q3 changes more values than the list shows: under its first 200 the
    page said only "仅列出前 200 个。", while the CLI says how many more (labels.value_list_more), in both
    languages."""
    monkeypatch.setenv("INCENTIVE_BULK_MIN_MB", bulk_min_mb)
    text, changed = race_correction(sample_db_path)
    on_data_page(app)
    app.get("file_uploader")[0].set_value(("赛马更正.csv", text.encode(), "text/csv"))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    more = changed - 200
    listed = next(e for e in app.expander if e.label == f"查看将更新的 {changed} 个数值（原值 → 新值）")
    assert len(listed.dataframe[0].value) == 200
    assert [c.value for c in listed.caption] == [f"……仅列出前 200 个，另有 {more} 个未列出"]
    app.button_group(key="lang").set_value("en").run()
    listed = next(e for e in app.expander if e.label == f"See the {changed} values it changes (before → after)")
    assert [c.value for c in listed.caption] == [f"… the first 200 listed; {more} more not listed"]


def test_an_identical_roster_says_nothing_changes(app, sample_db_path):
    database = Database(sample_db_path)
    try:
        stored = stored_snapshot(database)
    finally:
        database.close()
    on_data_page(app)
    app.get("file_uploader")[0].set_value(("花名册重报.csv", roster_text(stored).encode(), "text/csv"))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert "与现有花名册逐人比对（按干部编号）：无变动，没有字段变动、新增或不再在册的干部。" in [
        c.value for c in app.caption
    ]
    assert not [e for e in app.expander if e.label.startswith("查看与现有花名册的差异")]


def test_unusual_changes_keep_their_heading(app):
    """Race scores with a value far off its previous period's: listed under the unusual changes' heading."""
    on_data_page(app)
    data = "考核期,县区,指标,数值\n2026Q3,云岫县,R01,99999\n"
    app.get("file_uploader")[0].set_value(("突变.csv", data.encode(), "text/csv"))
    app.run()
    unusual = [w.value for w in app.warning if w.value.startswith("以下 1 个数值与上期相比变动异常")]
    assert len(unusual) == 1 and "「重点项目投资完成额」" in unusual[0]


def test_one_problem_on_many_rows_is_listed_once_and_tabled_in_full(app):
    """The same unknown county on seven rows: one listed line naming the first rows and the count (five alike lines
    filled the list before), counted as the two problems listed on eight rows; the table still one per row."""
    on_data_page(app)
    periods = ["2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3"]
    rows = "".join(f"{period},黑山县,R01,1\n" for period in periods) + "2026Q3,白水县,R01,1\n"
    app.get("file_uploader")[0].set_value(("bad.csv", ("考核期,县区,指标,数值\n" + rows).encode(), "text/csv"))
    app.run()
    header, *listed = app.error[0].value.split("\n- ")
    assert header == "发现 2 个问题（涉及 8 行），文件不能导入：\n" and listed == [
        "文件「bad.csv」，第 2、3、4…行等共 7 行，「县区」列，值「黑山县」：县区不存在于行政区划中。",
        "文件「bad.csv」，第 9 行，「县区」列，值「白水县」：县区不存在于行政区划中。",
    ]
    assert app.dataframe[0].value["行"].tolist() == [2, 3, 4, 5, 6, 7, 8, 9]


def test_problems_are_counted_as_listed_and_their_rows_said_in_both_languages(app):
    """One unknown county on three rows is one line of the list: the page said "3 problems" above it (a tester's
    finding). Counted as listed, the rows said where they are another number; a row's two problems are two on one
    row; and so in the line that says a file was not imported."""
    on_data_page(app)
    rows = "2025Q1,黑山县,R01,1\n2025Q2,黑山县,R01,1\n2025Q3,黑山县,R01,1\n"
    app.get("file_uploader")[0].set_value(("bad.csv", ("考核期,县区,指标,数值\n" + rows).encode(), "text/csv"))
    app.run()
    header, *listed = app.error[0].value.split("\n- ")
    assert header == "发现 1 个问题（涉及 3 行），文件不能导入：\n"
    assert listed == ["文件「bad.csv」，第 2、3、4 行，「县区」列，值「黑山县」：县区不存在于行政区划中。"]
    app.button_group(key="lang").set_value("en").run()
    assert app.error[0].value.startswith("Found 1 problem on 3 rows; the file cannot be imported:\n\n- ")
    two = "考核期,县区,指标,数值\n2025Q1,黑山县,R99,1\n"  # an unknown county and indicator on one row
    app.get("file_uploader")[0].set_value(("two.csv", two.encode(), "text/csv"))
    app.run()
    assert app.error[0].value.startswith("Found 2 problems on 1 row; the file cannot be imported:\n\n- ")
    app.session_state["lang"] = "zh"
    app.get("file_uploader")[0].set_value(
        [
            ("bad.csv", ("考核期,县区,指标,数值\n" + rows).encode(), "text/csv"),
            ("r.csv", (DATA / "regions.csv").read_bytes(), "text/csv"),
        ]
    )
    app.run()
    app.button(key=next(b.key for b in app.button if b.key and b.key.startswith("data_import_"))).click().run()
    assert [w.value for w in app.warning if "未导入" in w.value] == [
        "未导入「bad.csv」：有 1 个问题（涉及 3 行），请修改后重新上传。"
    ]


def test_training_for_cadres_on_no_roster_is_flagged(app):
    on_data_page(app)
    data = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\nNOBODY1,专题班,政治能力,党的理论,线上,个人,2,2026-10-01\n"
    app.get("file_uploader")[0].set_value(("t.csv", data.encode(), "text/csv"))
    app.run()
    assert (
        "有 1 条记录的干部编号不在任何花名册中（仍可导入，但不属于任何县区）。"
        "「干部编号」列中共有 1 个这样的编号：NOBODY1（第 2 行）。"
    ) in [w.value for w in app.warning]


def test_current_data_summary(app):
    on_data_page(app)
    summary = app.dataframe[0].value
    assert summary.iloc[:, 0].tolist() == [
        "行政区划",
        "指标目录",
        "赛马考评得分",
        "关爱指标",
        "干部花名册",
        "培训记录",
        "干部调整",
        "年度考核等次",
    ]
    assert summary.iloc[2].tolist()[1:] == [21420, "2023-Q1 – 2026-Q3"]


def test_remove_and_reload_sample(app):
    """Also current_training (the newest active row of each cadre, course and date, kept by
    store/superseded_training.py) through the removal and the reload: empty between, whole again after."""
    from ui.runtime import database

    on_data_page(app)
    assert current_training(database()).equals(database().fetch_df(NEWEST_TRAINING_PER_KEY))
    active = "SELECT count(*) FROM batches WHERE status = 'active'"
    # as a rollback: the button waits for the tick, so one stray click removes nothing
    assert app.button(key="data_remove_sample").disabled
    with pytest.raises(AppTestError, match="disabled"):  # AppTest, like a browser, cannot click it
        app.button(key="data_remove_sample").click()
    app.run()
    assert not app.success and _connection().execute(active).fetchone()[0] == 15
    confirm = app.checkbox(key="data_remove_sample_confirm")
    assert confirm.label == "确认移除：示例数据的全部 15 个批次将被撤销，其数据不再显示" and not confirm.value
    confirm.check().run()
    app.button(key="data_remove_sample").click().run()
    assert any("已移除示例数据（15 个批次）" in s.value for s in app.success)
    assert _connection().execute("SELECT count(*) FROM batches WHERE status = 'active'").fetchone()[0] == 0
    assert current_training(database()).empty and partly_superseded_training(database()) == []
    on_page(app, "views/overview.py")
    assert "数据库为空" in " ".join(i.value for i in app.info)
    on_data_page(app)
    app.button(key="data_load_sample").click().run()
    assert any("已载入示例数据" in s.value for s in app.success)
    loads = "SELECT who, row_count FROM audit WHERE action = 'load_sample' ORDER BY happened_at"
    assert _connection().execute(loads).fetchall() == [("sample", 15), ("测试管理员", 15)]  # the fixture's, the page's
    assert not app.checkbox(key="data_remove_sample_confirm").value  # a new sample asks for a new tick
    reloaded = current_training(database())
    assert len(reloaded) > 100_000 and reloaded.equals(database().fetch_df(NEWEST_TRAINING_PER_KEY))


def upload_two_good_and_one_bad(app) -> None:
    """A region list and personnel decisions that import, and a region list whose 乡镇 are blank."""
    app.get("file_uploader")[0].set_value(
        [
            ("r.csv", (DATA / "regions.csv").read_bytes(), "text/csv"),
            ("m.csv", (DATA / "movements.csv").read_bytes(), "text/csv"),
            ("bad.csv", "县区,乡镇,县区代码\n甲县,,\n甲县,,\n".encode(), "text/csv"),
        ]
    )
    app.run()


def test_multiple_files_and_template_downloads_render(app):
    on_data_page(app)
    upload_two_good_and_one_bad(app)
    assert not app.exception
    assert app.button(key="data_import_all")
    templates = [
        d
        for d in app.get("download_button")
        if d.proto.label
        in ("行政区划", "指标目录", "赛马考评得分", "关爱指标", "干部花名册", "培训记录", "干部调整", "年度考核等次")
    ]
    assert len(templates) == 8
    app.button(key="data_import_all").click().run()
    assert [s.value for s in app.success] == [
        "已导入「r.csv」：行政区划 5 行，批次 #16（新增 5 条，覆盖已有 0 条，与已有相同 0 条）。",
        "已导入「m.csv」：干部调整 2 行，批次 #17（新增 2 条，覆盖已有 0 条，与已有相同 0 条）。"
        "有 2 条记录的干部编号不在任何花名册中（仍可导入，但不属于任何县区）。"
        "「干部编号」列中共有 2 个这样的编号：A0001（第 2 行）；A0002（第 3 行）。",
    ]
    # the refused file's preview went with the uploader: it is named, not left out silently (a fresh user's review)
    assert [w.value for w in app.warning if "未导入" in w.value] == [
        "未导入「bad.csv」：有 1 个问题，请修改后重新上传。"
    ]


def test_import_all_checks_a_file_again_after_the_roster_before_it_adds_its_cadre(app):
    """A roster adding LZ009002 and training of lz009002, uploaded together: the training was previewed before the
    roster was stored, so "import all" checks it again (review/upload_imports.py) and stores it as LZ009002, the
    message saying what the preview made again says, not "on no roster" (a tester's finding, 2026-12-08)."""
    from ui.runtime import database

    on_data_page(app)
    rows = stored_snapshot(database())
    rows.append(["LZ009002", *rows[0][1:]])
    training = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"
    training += "lz009002,2026年测试专题班,政治能力,党的理论,线下,集体,40,2026-05-15\n"
    app.get("file_uploader")[0].set_value(
        [("r.csv", roster_text(rows).encode(), "text/csv"), ("t.csv", training.encode(), "text/csv")]
    )
    app.run()
    app.button(key="data_import_all").click().run()
    assert not app.exception
    said = [s.value for s in app.success]
    assert len(said) == 2 and "不在任何花名册中" not in said[1], said
    assert "前面的文件导入后，此文件已重新检查：" in said[1] and "按已有名册写作 LZ009002" in said[1]
    stored = "SELECT cadre_id FROM training WHERE batch_id = (SELECT max(id) FROM batches)"
    assert _connection().execute(stored).fetchall() == [("LZ009002",)]


def test_an_upload_of_several_files_warns_of_the_sample_once(app):
    """Three files uploaded while the sample is loaded: the warning and the offer to remove the sample concern the
    upload, not each file (they were repeated once per file: a fresh user's review)."""
    on_data_page(app)
    upload_two_good_and_one_bad(app)
    assert [w.value for w in app.warning].count("数据库中仍有示例数据。导入真实数据前，建议先移除示例数据。") == 1
    assert len([b for b in app.button if b.key and b.key.startswith("data_unsample_")]) == 1


def test_a_skip_invalid_import_says_how_many_rows_it_skipped_and_still_offers_them(app):
    """With 跳过无效行 the success line counts the rows left out as well as those imported, and the list of the
    skipped rows' problems can still be downloaded once the import has cleared the preview: what was left out of
    the data stays findable (a fresh user's review)."""
    on_data_page(app)
    app.checkbox(key="data_skip_invalid").check().run()
    mixed = "考核期,县区,指标,数值\n2026Q3,云岫县,R01,99.5\n2026Q3,黑山县,R01,1\n2026Q3,黑山县,R02,2\n"
    app.get("file_uploader")[0].set_value(("mixed.csv", mixed.encode(), "text/csv"))
    app.run()
    app.button(key=next(b.key for b in app.button if b.key and b.key.startswith("data_import_"))).click().run()
    assert not app.exception
    assert [s.value for s in app.success] == [
        "已导入「mixed.csv」：赛马考评得分 1 行，跳过无效行 2 行，批次 #16（新增 0 条，覆盖已有 1 条，与已有相同 0 条）。"
    ]
    assert not [b for b in app.button if b.key and b.key.startswith("data_import_")]  # the preview is gone
    kept = [d for d in app.get("download_button") if d.proto.label == "下载「mixed.csv」被跳过行的问题清单（CSV）"]
    assert len(kept) == 1 and kept[0].proto.url
    app.run()  # like every line said after an import, that download goes with the next run
    assert not [d for d in app.get("download_button") if "mixed.csv" in d.proto.label]
    # and the list stays with the batch: the batch history offers it on any later run
    assert app.selectbox(key="data_batch_rejects_pick").value == 16
    assert app.selectbox(key="data_batch_rejects_pick").options == ["批次 #16 · mixed.csv · 2 个问题"]
    kept = app.get("download_button")
    assert [d.proto.label for d in kept if d.key == "data_batch_rejects_csv"] == ["下载问题清单（CSV）"]
    app.button_group(key="lang").set_value("en").run()  # in the other language, every word of it
    assert app.selectbox(key="data_batch_rejects_pick").options == ["Batch #16 · mixed.csv · 2 problems"]
    app.session_state["lang"] = "zh"
    app.run()
    app.checkbox(key="data_rollback_confirm").check().run()
    app.button(key="data_rollback").click().run()  # the newest batch, #16: its list stays, marked as rolled back
    assert app.selectbox(key="data_batch_rejects_pick").options == ["批次 #16 · mixed.csv · 2 个问题（已撤销）"]


def test_one_files_own_import_button_names_the_uploads_other_files(app):
    """Three files uploaded, the first one's 确认导入 clicked: it alone is imported, and the importable and the
    refused file that went with the uploader are named (they vanished without a word: a fresh user's review)."""
    on_data_page(app)
    upload_two_good_and_one_bad(app)
    first = next(b.key for b in app.button if b.key and b.key.startswith("data_import_") and b.key != "data_import_all")
    app.button(key=first).click().run()
    assert [s.value for s in app.success] == [
        "已导入「r.csv」：行政区划 5 行，批次 #16（新增 5 条，覆盖已有 0 条，与已有相同 0 条）。"
    ]
    assert [w.value for w in app.warning if "未导入" in w.value] == [
        "未导入「bad.csv」：有 1 个问题，请修改后重新上传。",
        "未导入「m.csv」：只导入了所点「确认导入」的文件；如需导入此文件，请重新上传后确认。",
    ]
    assert _connection().execute("SELECT count(*) FROM batches WHERE status = 'active'").fetchone()[0] == 16


def test_double_upload_is_flagged_and_sample_can_be_removed_from_the_preview(app):
    on_data_page(app)
    sample_file = sorted((ROOT / "data" / "sample").glob("05_*.csv"))[0]
    app.get("file_uploader")[0].set_value((sample_file.name, sample_file.read_bytes(), "text/csv"))
    app.run()
    warnings = [w.value for w in app.warning]
    assert warnings == [
        "数据库中仍有示例数据。导入真实数据前，建议先移除示例数据。",
        "同一文件已导入过（批次 #5）。再次导入只会新增一个内容相同的批次。",
    ]
    remove = next(b.key for b in app.button if b.key and b.key.startswith("data_unsample_"))
    assert app.button(key=remove).disabled  # the same tick as below the batches: a stray click removes nothing
    with pytest.raises(AppTestError, match="disabled"):
        app.button(key=remove).click()
    app.run()
    assert _connection().execute("SELECT count(*) FROM batches WHERE status = 'active'").fetchone()[0] == 15
    app.checkbox(key=remove.replace("data_unsample_", "data_unsample_confirm_")).check().run()
    app.button(key=remove).click().run()
    assert _connection().execute("SELECT count(*) FROM batches WHERE status = 'active'").fetchone()[0] == 0


def test_a_catalog_correction_says_which_stored_periods_it_rescores_before_import(app):
    """docs/decisions.md#catalog-versions: a weight or target corrected without 生效起始期 re-scores history, so
    the preview names each change and the stored periods it touches, and how to date it instead."""
    on_data_page(app)
    sample = (ROOT / "data" / "sample" / "02_指标目录.csv").read_text(encoding="utf-8-sig")
    corrected = sample.replace(
        "R01,重点项目投资完成额,赛马,项目建设,亿元,正向,12,", "R01,重点项目投资完成额,赛马,项目建设,亿元,正向,30,"
    )
    app.get("file_uploader")[0].set_value(("02_指标目录_更正.csv", corrected.encode("utf-8-sig"), "text/csv"))
    app.run()
    assert not app.exception
    assert "将新增 0 条，更新 1 条，与现有相同 18 条。" in [i.value for i in app.info]
    rescored = next(w.value for w in app.warning if "重新计算" in w.value)
    quarters = "、".join(f"{y}-Q{q}" for y in (2023, 2024, 2025) for q in (1, 2, 3, 4)) + "、2026-Q1、2026-Q2、2026-Q3"
    assert rescored == (
        "导入后，下列已有考核期将按改动后的指标目录重新计算排名和达标状态（已正式发布的期次保留发布结果，页面会提示数据有变动）："
        f"\n\n- R01 重点项目投资完成额：权重 12 → 30；重算赛马考核期 {quarters}（共 15 期）"
        "\n\n如改动只应从某一期起适用，请在文件中加「生效起始期」列，填写起始考核期（如 2026-Q3）：更早的考核期仍按原来的"
        "目录计算。"
    )


def test_a_catalog_unit_change_over_stored_values_is_refused_and_other_changes_listed_in_the_preview(app):
    """docs/decisions.md#catalog-changes-that-relabel-stored-values: the Data page refuses R01 亿元 → 万元 over its
    stored periods with the CLI's sentence, and lists R03's target 20 → 18 as a note, old → new with its row."""
    on_data_page(app)
    sample = (ROOT / "data" / "sample" / "02_指标目录.csv").read_text(encoding="utf-8-sig")
    changed = sample.replace(
        "R01,重点项目投资完成额,赛马,项目建设,亿元,", "R01,重点项目投资完成额,赛马,项目建设,万元,"
    ).replace("R03,项目审批平均用时,赛马,项目建设,天,逆向,6,20", "R03,项目审批平均用时,赛马,项目建设,天,逆向,6,18")
    app.get("file_uploader")[0].set_value(("目录.csv", changed.encode("utf-8-sig"), "text/csv"))
    app.run()
    assert not app.exception
    refused = next(e.value for e in app.error if "发现" in e.value)
    assert "指标「重点项目投资完成额（R01）」的单位由「亿元」改为「万元」，将适用于已有数据的 15 个考核期" in refused
    assert "第 2 行" in refused and "生效起始期（如 2026-Q4）" in refused
    captions = [c.value for c in app.caption]
    assert any("第 4 行更改已有指标「项目审批平均用时（R03）」：目标值 20 → 18。" in c for c in captions), captions
    assert not any(b.key and b.key.startswith("data_import_") for b in app.button)  # nothing to import


def test_a_catalog_rollback_that_would_relabel_stored_values_is_refused_and_one_that_rescores_says_so(app):
    """docs/decisions.md#rolling-back-a-catalog-batch, on the Data page as in the CLI (batches.rollback): the batch
    giving R01 万元 from 2026-Q4 under 2026-Q4 values imported in 万元 cannot be rolled back (the refusal under the
    picked batch, the button disabled even once confirmed); the values' batch can, and then the catalog batch; a
    batch giving R01 weight 40 from 2026-Q3 says the period it re-scores before it is rolled back."""
    from ui.runtime import database

    header = "指标代码,指标名称,类别,赛道,单位,方向,权重,目标值,生效起始期\n"
    unit = import_ok(
        database(), "目录.csv", (header + "R01,重点项目投资完成额,赛马,项目建设,万元,正向,12,,2026-Q4\n").encode()
    )
    values = import_ok(database(), "v.csv", "考核期,县区,乡镇,指标,数值\n2026Q4,云岫县,,R01,356300\n".encode())
    weight = import_ok(
        database(), "权重.csv", (header + "R01,重点项目投资完成额,赛马,项目建设,亿元,正向,40,,2026-Q3\n").encode()
    )
    on_data_page(app)
    app.selectbox(key=f"data_rollback_pick_{weight}").set_value(unit).run()
    refusal = [e.value for e in app.error if "不能撤销" in e.value]
    assert (
        len(refusal) == 1
        and "指标「重点项目投资完成额（R01）」的单位将由「万元」变为「亿元」（1 个考核期：2026-Q4）" in refusal[0]
    )
    assert f"请先撤销存有这些数值的批次（\\#{values}）" in refusal[0]  # as Markdown escapes it
    app.checkbox(key="data_rollback_confirm").check().run()
    assert app.button(key="data_rollback").disabled

    app.selectbox(key=f"data_rollback_pick_{weight}").set_value(weight).run()
    assert not [e for e in app.error if "不能撤销" in e.value]
    rescore = [w.value for w in app.warning if w.value.startswith("撤销后，下列已有考核期")]
    assert len(rescore) == 1 and "R01 重点项目投资完成额：权重 40 → 12；重算赛马考核期 2026-Q3（共 1 期）" in rescore[0]

    for batch in (values, unit):  # the values first, then the catalog batch under them
        app.selectbox(key=f"data_rollback_pick_{weight}").set_value(batch).run()
        app.checkbox(key="data_rollback_confirm").check().run()
        app.button(key="data_rollback").click().run()
        assert not app.exception and any(f"已撤销批次 #{batch}" in s.value for s in app.success)
    statuses = dict(_connection().execute("SELECT id, status FROM batches WHERE id >= 16").fetchall())
    assert statuses == {unit: "rolled_back", values: "rolled_back", weight: "active"}


def test_a_file_imported_again_after_a_correction_says_what_it_would_set_back(app):
    """The same-file notice says that importing again only adds an identical batch only while that is true: after
    a correction, the file would set the corrected values back, and the notice says so in the preview's counts."""
    on_data_page(app)
    original = ROOT / "data" / "sample" / "05_关心关爱指标.csv"  # the sample's batch #5
    correction = (
        "考核期,县区,指标名称,完成值\n"
        "2026年上半年,云岫县,带薪休假落实率,88.9%\n"
        "2026年上半年,云岫县,年度体检完成率,97.2%\n"
        "2026年上半年,云岫县,谈心谈话覆盖率,98.1%\n"
    )
    app.get("file_uploader")[0].set_value(("更正.csv", correction.encode(), "text/csv"))
    app.run()
    app.button(key=next(b.key for b in app.button if b.key and b.key.startswith("data_import_"))).click().run()
    assert any("已导入「更正.csv」" in s.value for s in app.success)

    app.get("file_uploader")[0].set_value((original.name, original.read_bytes(), "text/csv"))
    app.run()
    assert not app.exception
    assert "将新增 0 条，更新 3 条，与现有相同 585 条。" in [i.value for i in app.info]
    warnings = [w.value for w in app.warning]
    assert "同一文件已导入过（批次 #5），但此后数据已有改动。再次导入将恢复为该文件中的值：更新 3 条。" in warnings
    assert not [w for w in warnings if "内容相同的批次" in w]  # no longer true, so not said

    app.session_state["lang"] = "en"
    app.run()
    assert (
        "This exact file was imported before (batch #5), but the data have changed since; importing it again sets "
        "them back to this file's values: 3 changed." in [w.value for w in app.warning]
    )


@pytest.mark.parametrize(
    ("lang", "detected", "imported"),
    [
        ("zh", "数据 3 行（共 9 个数值）", "已导入「宽表.csv」：赛马考评得分 3 行（共 9 个数值），批次 #16（新增 9 条"),
        ("en", "3 data rows (9 values)", "Imported “宽表.csv”: race scores, 3 rows (9 values), batch #16 (9 new"),
    ],
)
def test_a_wide_file_is_counted_alike_in_the_preview_and_the_result(app, lang, detected, imported):
    """A wide file's rows hold several values each: the result counts the file's rows and their values, as the
    preview does, not the values as rows (3 rows of 3 indicators were "9 rows")."""
    on_data_page(app)
    if lang == "en":
        app.session_state["lang"] = "en"
        app.run()
    wide = ROOT / "data" / "examples" / "赛马得分_宽表_无考核期.csv"  # three counties, three indicators, no period
    app.text_input(key="data_period").input("2026Q4")
    app.get("file_uploader")[0].set_value(("宽表.csv", wide.read_bytes(), "text/csv"))
    app.run()
    assert detected in " ".join(m.value.replace("\\", "") for m in app.markdown)  # markdown escapes ( and )
    app.button(key=next(b.key for b in app.button if b.key and b.key.startswith("data_import_"))).click().run()
    assert not app.exception
    assert [s.value for s in app.success if s.value.startswith(imported)]


def test_data_page_lists_the_check_findings_under_the_current_data(app):
    on_data_page(app)
    assert "数据核查：已载入的数据中，0 个数值超出合理范围，13 个数值与上期相比变动异常。" in app.info[0].value
    findings = app.dataframe[1].value  # right after the summary
    assert len(findings) == 13 and findings.columns.tolist() == [
        "核查项",
        "类型",
        "考核期/日期",
        "单位",
        "指标/记录",
        "上期值",
        "值",
        "说明",
    ]
    assert findings.iloc[0].tolist()[:7] == [
        "异常变动",
        "赛马考评得分",
        "2023-Q2",
        "青禾县",
        "重点项目投资完成额",
        "14.36",
        "38.93",
    ]


def test_an_unusual_change_warns_in_the_preview_before_import(app):
    on_data_page(app)
    before = (
        _connection()
        .execute(
            "SELECT county, value FROM current_values WHERE indicator = 'W01' AND period = '2026-H1' ORDER BY county"
        )
        .fetchall()
    )
    rows = [(county, value / 10 if county == before[0][0] else value + 0.5) for county, value in before]
    data = "考核期,县区,指标,数值\n" + "".join(f"2026年下半年,{c},带薪休假落实率,{v:.2f}\n" for c, v in rows)
    app.get("file_uploader")[0].set_value(("h2.csv", data.encode(), "text/csv"))
    app.run()
    warned = [w.value for w in app.warning if w.value.startswith("以下 1 个数值与上期相比变动异常")]
    typed = plausibility.number_text(float(f"{before[0][1] / 10:.2f}"))
    assert len(warned) == 1 and f"{before[0][0]}「带薪休假落实率」2026-H2 为 {typed}，" in warned[0]
    assert app.button(key=next(b.key for b in app.button if b.key and b.key.startswith("data_import_")))


# ---- rankings page


def _ranking_table(app):
    return next(d.value for d in app.dataframe if "排名区间" in d.value.columns and "县区" in d.value.columns)


def test_rankings_page_shows_the_library_ranking_with_its_charts(app):
    on_page(app, "views/rankings.py")
    expected = rankings.rank_period(_connection(), "2026-Q3")
    table = _ranking_table(app)
    assert table["县区"].tolist() == expected.table.index.tolist()
    assert table["排名"].tolist() == expected.table["rank"].tolist()
    assert table["综合得分"].tolist() == expected.table["composite"].round(3).tolist()
    assert table["方阵"].iloc[0] == "第一方阵" and table["方阵"].iloc[-1] == "第三方阵"
    assert table["名次变化"].str.match(r"^(↑\d+|↓\d+|持平)$").all()  # compared with 2026-Q2 by default
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["第一名县区"] == expected.table.index[0] and metrics["参与排名"] == "12"
    assert len(app.get("plotly_chart")) == 2  # tiers, intervals; the other tabs' charts are not computed
    assert not [w for w in app.warning if "非正式权重" in w.value]
    assert [s.value for s in app.selectbox if s.key == "rank_compare"] == ["2026-Q2"]
    open_tab(app, "tracks")
    assert len(app.get("plotly_chart")) == 2  # heatmap, bump; and the ranking's table is not sent
    assert not [d for d in app.dataframe if "排名区间" in d.value.columns]
    open_tab(app, "focus")
    assert len(app.get("plotly_chart")) == 1  # waterfall


def test_rankings_first_period_says_there_is_nothing_to_compare_with(app):
    """On the first stored period the only 对比期 is 不对比: the focus tab says there is no earlier period, not
    "choose a compare period" (a fresh user's review)."""
    on_page(app, "views/rankings.py")
    app.selectbox(key="year").set_value(min(app.selectbox(key="year").options)).run()
    first = min(app.selectbox(key="rank_period").options)  # 2023-Q1 before 2023-Q2: periods sort as text
    app.selectbox(key="rank_period").set_value(first).run()
    assert app.selectbox(key="rank_compare").options == ["不对比"]
    open_tab(app, "focus")
    infos = [i.value for i in app.info]
    assert (
        "没有可对比的期次，无法分解名次变化。" in infos and "选择对比期后显示各指标对综合得分变化的贡献。" not in infos
    )


def test_rankings_method_level_focus_and_compare_controls(app):
    on_page(app, "views/rankings.py")
    app.selectbox(key="rank_method").set_value("minmax").run()
    minmax = rankings.rank_period(_connection(), "2026-Q3", method="minmax")
    assert _ranking_table(app)["县区"].tolist() == minmax.table.index.tolist()

    focus = minmax.table.index[-1]
    open_tab(app, "focus")
    app.selectbox(key="rank_focus").set_value(focus).run()
    detail = next(d.value for d in app.dataframe if "参评中位数" in d.value.columns)
    assert len(detail) == 12 and detail["指标"].iloc[0] == "重点项目投资完成额"
    assert any(f"{focus}：第 " in m.value for m in app.markdown)
    assert any(f"{focus} 各乡镇 2026-Q3 排名" in m.value for m in app.markdown)

    app.selectbox(key="rank_compare").set_value("").run()
    assert "选择对比期后显示各指标对综合得分变化的贡献。" in [i.value for i in app.info]
    assert len(app.get("plotly_chart")) == 0  # no waterfall in the focus tab

    app.segmented_control(key="rank_level").set_value("township").run()
    app.selectbox(key="rank_county").set_value("澄溪县").run()
    assert not app.exception
    open_tab(app, "ranking")
    towns = next(d.value for d in app.dataframe if "乡镇" in d.value.columns)
    expected = rankings.rank_period(_connection(), "2026-Q3", rankings.PeerGroup("township", "澄溪县"), method="minmax")
    assert towns["乡镇"].tolist() == expected.table.index.tolist()


def test_custom_track_weights_show_the_unofficial_banner_and_reset(app):
    on_page(app, "views/rankings.py")
    app.number_input(key="rank_weight_项目建设").set_value(100.0).run()
    app.number_input(key="rank_weight_乡村振兴").set_value(0.0).run()
    app.number_input(key="rank_weight_为企服务").set_value(0.0).run()
    app.number_input(key="rank_weight_基层治理").set_value(0.0).run()
    banners = [w.value for w in app.warning if "非正式权重（试算）" in w.value]
    assert banners and "项目建设 100%" in banners[0]
    table = _ranking_table(app)
    assert table.sort_values("项目建设", ascending=False)["排名"].tolist() == list(range(1, 13))
    assert not [c for c in app.caption if "已按比例换算" in c.value]  # 100 in all: nothing scaled
    app.number_input(key="rank_weight_乡村振兴").set_value(100.0).run()  # 200 in all: each half
    banners = [w.value for w in app.warning if "非正式权重（试算）" in w.value]
    assert "项目建设 50%" in banners[0] and "乡村振兴 50%" in banners[0]
    assert "所填权重合计 200，已按比例换算为合计 100%（各赛道占比如上）。" in [c.value for c in app.caption]
    app.button(key="rank_weights_reset").click().run()
    assert not [w for w in app.warning if "非正式权重" in w.value]
    assert app.number_input(key="rank_weight_项目建设").value == 26.0


def test_rankings_page_in_english(app):
    app.session_state["lang"] = "en"
    on_page(app, "views/rankings.py")
    assert app.title[0].value == "Rankings"
    table = next(d.value for d in app.dataframe if "Interval" in d.value.columns)
    assert {"Rank", "Change", "County", "Composite", "Tier", "Notes"} <= set(table.columns)
    assert table["Tier"].iloc[0] == "First tier"


def test_tier_boundaries_can_be_set_on_the_page(app):
    on_page(app, "views/rankings.py")
    app.number_input(key="rank_tier_first").set_value(25.0).run()
    app.number_input(key="rank_tier_third").set_value(25.0).run()
    assert any("前 25% 为第一方阵" in i.value for i in app.info)
    assert _ranking_table(app)["方阵"].value_counts().to_dict() == {"第一方阵": 3, "第二方阵": 6, "第三方阵": 3}
    app.number_input(key="rank_tier_first").set_value(80.0).run()
    assert app.error and "方阵比例" in app.error[0].value


def test_no_rank_moves_for_a_quarter_ranking_other_counties_than_the_one_before(app_factory, sample_new_county_path):
    """云岫县 alone has sent 2026-Q4 (tests/conftest.py): shown against 2026-Q3, it read as having risen or fallen
    in a race of one. No arrow, riser, faller or breakdown; a sentence says why
    (docs/decisions.md#rank-moves-compare-the-same-units). 新设县, which never sent anything, stops no move: 2026-Q3
    against 2026-Q2 ranks the same twelve counties both times."""
    at = app_factory(sample_new_county_path, page="views/rankings.py")
    moves = _ranking_table(at)["名次变化"]  # None is drawn as "—"
    assert moves.dropna().str.match(r"^(↑\d+|↓\d+|持平)$").all()
    assert moves.notna().sum() == 12  # 新设县 unranked, the others compared
    assert not [i for i in at.info if "名次不可比" in i.value]
    at.selectbox(key="rank_period").set_value("2026-Q4").run()
    at.selectbox(key="rank_compare").set_value("2026-Q3").run()
    assert _ranking_table(at)["名次变化"].isna().all()
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["上升最多"], metrics["下降最多"]) == ("—", "—")
    said = [i.value for i in at.info if "名次不可比" in i.value]
    assert len(said) == 1  # above the headline figures
    open_tab(at, "focus")
    assert [i.value for i in at.info if "名次不可比" in i.value] == said * 2  # and in place of the county's breakdown
    # the eleven are named once, in the warning of what is not in, and the line under the headline counts them
    missing = next(w.value for w in at.warning if w.value.startswith("本期"))
    assert "澄溪县（无数据）" in missing and "枫岚县（无数据）" in missing
    assert "上列县区中 12 个数据不全（有数据的赛马指标不足 65%），未参与排名。" in [
        c.value for c in at.caption
    ]  # and 新设县
    # the eleven counties are named once, in the unranked line just above, and counted here
    assert (
        said[0] == "2026-Q4与2026-Q3参与排名的县区不同（上列 11 个县区2026-Q4未参与排名），名次不可比，不列名次升降。"
    )
    assert "新设县" not in said[0]  # ranked in neither quarter: not a difference between them
    open_tab(at, "tracks")
    assert "2026-Q4参与排名的县区与上一期不同，名次不可比，走势线在此断开。" in [c.value for c in at.caption]


# ---- training page


def _table_with(app, *columns):
    return next(d.value for d in app.dataframe if set(columns) <= set(d.value.columns))


def test_training_page_headlines_and_tables_come_from_the_rollup(app):
    on_page(app, "views/training.py")
    assert any(w.value.startswith("1 个县区培训数据未报齐：棠梨县（2026年第三季度未报）") for w in app.warning)
    window = coverage.reported(_connection(), coverage.year_window(2026), _settings(), dt.date.today())
    assert window.without == ("棠梨县",)  # measured without the county whose 2026-Q3 is not in
    whole = coverage.window_query(_connection(), "training_coverage", window, by="all", county="", to_come=0.0).iloc[0]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["培训覆盖率"] == f"{whole['coverage']:.1%}" and metrics["未参训人数"] == f"{whole['untrained']:,}"
    # the median's 同比 too, against the same months a year earlier
    earlier = coverage.comparable_previous(window, coverage.last_recorded(_connection(), window))
    then = coverage.window_query(_connection(), "training_coverage", earlier, by="all", county="", to_come=0.0).iloc[0]
    median = next(m for m in app.metric if m.label == "学时中位数")
    assert median.value == f"{whole['hours_median']:.1f}"  # the label says 学时
    assert median.delta == f"{whole['hours_median'] - then['hours_median']:+.1f}"
    assert len(app.get("plotly_chart")) == 1  # categories: the other tabs' charts are not computed
    counties = _table_with(app, "县区", "政治能力")
    assert len(counties) == 11 and counties["县区"].iloc[0] == "云岫县" and "棠梨县" not in set(counties["县区"])
    open_tab(app, "domains")
    assert len(app.get("plotly_chart")) == 1  # domains
    open_tab(app, "trend")
    assert len(app.get("plotly_chart")) == 4  # quarters, pace, mix, coverage vs race
    open_tab(app, "gaps")
    actions = _table_with(app, "建议")
    assert len(actions) and "棠梨县" not in set(actions["县区"])  # no gap read from its unsent quarter
    assert any(r"对比 2025-01\~2025-09" in c.value for c in app.caption)  # a running year: same months last year


def test_training_page_offers_the_months_a_county_has_sent(app):
    """棠梨县 has not sent 2026-Q3: its year is not measured, and the notice offers January to June, which it has
    sent, where it offered only words (a fresh user's review); the tab in the address stays for when it opens."""
    on_page(app, "views/training.py")
    open_tab(app, "gaps")
    app.selectbox(key="county").set_value("棠梨县").run()
    assert any(w.value.startswith("本县区培训数据未报齐：棠梨县（2026年第三季度未报）") for w in app.warning)
    assert not app.metric
    offer = app.button(key="training_open_sent")
    assert offer.label == "查看棠梨县已报齐的 2026-01\\~2026-06"  # a button label is Markdown: the `~` escaped
    offer.click().run()
    assert not app.exception and any(c.value.startswith(r"棠梨县 · 2026-01\~2026-06") for c in app.caption)
    assert {m.label for m in app.metric} >= {"培训覆盖率", "未参训人数"}
    assert app.query_params["train.window"] == "months" and app.query_params["train.tab"] == "gaps"
    assert _table_with(app, "建议") is not None  # the tab asked for by the address is the one open


def test_training_page_says_whom_its_all_county_sections_leave_out_when_a_county_is_chosen(app):
    """With 澄溪县 in the sidebar the headline is 澄溪县's, which has sent all, so nothing above says 棠梨县 is missing;
    the category chart said it, but the domain heatmap, the mix and coverage-against-race charts and 缺什么补什么 drew
    every county but 棠梨县 without a word."""
    on_page(app, "views/training.py")
    app.selectbox(key="county").set_value("澄溪县").run()
    left_out = "1 个县区培训数据未报齐：棠梨县（2026年第三季度未报）"
    assert not [w for w in app.warning if w.value.startswith(left_out)]  # the headline: 澄溪县's own, complete
    for tab in ("domains", "trend", "gaps"):
        open_tab(app, tab)
        assert not app.exception
        assert any(c.value.startswith(left_out) for c in app.caption), tab


def test_training_page_of_the_first_year_compares_with_nothing(app):
    """The sample's training begins in 2023: its page shows no change against 2022 and says there is nothing to
    compare with, where its caption named 2022 as compared."""
    on_page(app, "views/training.py")
    app.selectbox(key="year").set_value("2023").run()
    assert not [m for m in app.metric if m.proto.delta]
    assert any(c.value.startswith("全市 · 2023（2022没有培训记录，不列同比）") for c in app.caption)


def test_training_page_window_county_slice_and_suppression(app):
    on_page(app, "views/training.py")
    app.segmented_control(key="training_window").set_value("quarter").run()
    app.selectbox(key="training_quarter").set_value(2).run()
    assert any("2026-Q2（对比 2025-Q2）" in c.value for c in app.caption)  # the same quarter a year earlier
    app.selectbox(key="county").set_value("棠梨县").run()
    assert any(c.value.startswith("棠梨县 · 2026-Q2") for c in app.caption)
    open_tab(app, "drill")
    app.segmented_control(key="training_slice").set_value("rank").run()
    ranks = _table_with(app, "职级")
    assert set(ranks["县区"]) == {"棠梨县"} and len(ranks) == 7
    app.segmented_control(key="training_slice").set_value("gender").run()
    assert set(_table_with(app, "性别")["性别"]) == {"男", "女"}
    from incentive.store import settings as app_settings
    from ui.runtime import database

    app_settings.save(database(), "suppression_threshold", 30, "test")
    app.segmented_control(key="training_slice").set_value("unit").run()
    units = _table_with(app, "单位", "覆盖率")
    hidden = units["覆盖率"] == "不公开（人数少于30）"  # a rate in words that fit a rate, never <30
    assert hidden.any() and (~hidden).any() and (units.loc[hidden, "在册干部"] == "<30").all()
    assert not units.map(lambda v: v == "<30").drop(columns=["在册干部", "已参训", "未参训"]).any().any()
    assert any("少于 30 人" in c.value for c in app.caption)


def test_training_windows_stop_at_the_last_record(app_factory):
    """The sample's training records end in 2026-09: 2026-Q4 and October-December are not offered (they read as
    a measured 0 % before), and a link asking for Q4 opens the latest quarter with records."""
    app = app_factory(page="views/training.py", query={"window": "quarter", "quarter": "4"})
    quarter = app.selectbox(key="training_quarter")
    assert quarter.options == ["2026-Q3", "2026-Q2", "2026-Q1"] and quarter.value == 3
    assert any("2026-Q3（对比 2025-Q3）" in c.value for c in app.caption), [c.value for c in app.caption][:6]
    app.segmented_control(key="training_window").set_value("months").run()
    months = app.slider(key="training_months")
    assert months.value == (dt.date(2026, 1, 1), dt.date(2026, 9, 1))  # the whole year with records
    bound = dt.datetime.fromtimestamp(months.proto.max / 1e6, dt.UTC).date()
    assert bound == dt.date(2026, 9, 1)  # the slider ends at 2026-09, not 2026-12


def test_training_page_in_english_with_a_month_range(app):
    app.session_state["lang"] = "en"
    on_page(app, "views/training.py")
    app.segmented_control(key="training_window").set_value("months").run()
    app.slider(key="training_months").set_value((dt.date(2026, 3, 1), dt.date(2026, 5, 1))).run()
    assert not app.exception
    assert app.title[0].value == "Training"
    assert any(r"2026-03\~2026-05 (vs 2025-03\~2025-05)" in c.value for c in app.caption)
    assert "Political" in _table_with(app, "Coverage").columns


def test_settings_are_changed_on_the_data_page(app):
    on_data_page(app)
    threshold = app.number_input(key="data_setting_suppression_threshold")
    assert threshold.value == 5 and threshold.proto.format == "%d"  # a whole number reads 5, not 5.00
    assert app.number_input(key="data_setting_coverage_target").proto.format == "%g"  # 90, not 90.00
    app.number_input(key="data_setting_coverage_target").set_value(96.0)
    app.button(key="data_settings_save").click().run()
    assert "已保存 1 项设置。" in [s.value for s in app.success]
    from incentive.store import settings as app_settings
    from ui.runtime import database

    assert app_settings.current(database())["coverage_target"] == 96.0
    assert database().fetch_all("SELECT who, target, detail FROM audit WHERE action = 'setting'") == [
        ("测试管理员", "coverage_target", "96.0")
    ]  # once: the page no longer records it besides the save


def test_the_bulletin_head_is_typed_on_the_data_page(app):
    """The 通报's issuing body is a line of text; an empty one refuses the whole form, so nothing is half-saved."""
    from incentive.store import settings as app_settings
    from ui.runtime import database

    on_data_page(app)
    assert app.text_input(key="data_setting_bulletin_issuer").value == "（发文机关）"
    app.text_input(key="data_setting_bulletin_issuer").set_value("中共澜州市委组织部")
    app.button(key="data_settings_save").click().run()
    assert "已保存 1 项设置。" in [s.value for s in app.success]
    assert app_settings.current(database())["bulletin_issuer"] == "中共澜州市委组织部"
    app.number_input(key="data_setting_coverage_target").set_value(96.0)
    app.text_input(key="data_setting_bulletin_document_no").set_value("   ")
    app.button(key="data_settings_save").click().run()
    assert [e.value for e in app.error] == [
        "设置「通报文号」（bulletin_document_no）须为一行文字，1～50 个字符。未保存，仍为「（文号）」。",
        "未保存任何设置：请改正上面的数值后再保存。",
    ]
    assert app_settings.current(database())["coverage_target"] == 90.0  # refused with it


def test_an_emptied_text_and_a_whole_number_out_of_range_say_what_stays_as_typed(app):
    """Emptying the issuing body said no more than the rule; 2500 typed into a number input read 2500.0."""
    on_data_page(app)
    app.text_input(key="data_setting_bulletin_issuer").set_value("")
    app.number_input(key="data_setting_coverage_target").set_value(2500.0)
    app.button(key="data_settings_save").click().run()
    assert [e.value for e in app.error] == [
        "设置「培训覆盖率目标（%）」（coverage_target）的值「2500」超出允许范围，应在 0 至 100 之间。未保存，仍为 90。",
        "设置「通报发文机关」（bulletin_issuer）须为一行文字，1～60 个字符。未保存，仍为「（发文机关）」。",
        "未保存任何设置：请改正上面的数值后再保存。",
    ]


def test_a_schedule_setting_out_of_range_is_refused_with_its_range_and_nothing_saved(app):
    """The inputs take any number (a bounded input would clamp 400 to 366, or keep the old value, without a
    word): the save names each wrong value with its range, and saves nothing of the form."""
    on_data_page(app)
    # under the schedule's inputs: a change judges no period already over again (tracker.in_force)
    assert any(c.value.startswith("修改只对尚未结束的考核期生效") for c in app.caption)
    app.number_input(key="data_setting_coverage_target").set_value(96.0)
    app.number_input(key="data_setting_due_days_race_scores").set_value(400)
    app.button(key="data_settings_save").click().run()
    assert not app.exception
    assert [e.value for e in app.error] == [
        "设置「赛马得分：季度结束后报送天数」（due_days_race_scores）的值「400」超出允许范围，应为 0 至 366 之间的整数。"
        "未保存，仍为 15。",
        "未保存任何设置：请改正上面的数值后再保存。",
    ]
    assert not app.success
    from incentive.store import settings as app_settings
    from ui.runtime import database

    assert {k: app_settings.current(database())[k] for k in ("coverage_target", "due_days_race_scores")} == {
        "coverage_target": 90.0,
        "due_days_race_scores": 15,
    }
    assert app.number_input(key="data_setting_due_days_race_scores").value == 400  # kept as typed, to correct
    app.number_input(key="data_setting_due_days_race_scores").set_value(20)
    app.button(key="data_settings_save").click().run()
    assert "已保存 2 项设置。" in [s.value for s in app.success]
    app.button(key="data_settings_save").click().run()
    assert "设置没有改动，未保存。" in [s.value for s in app.success]
    assert app.number_input(key="data_setting_due_days_race_scores").help == "允许范围：0–366 的整数"


# ---- welfare and movements pages


def test_welfare_page_summary_grid_and_controls(app):
    on_page(app, "views/welfare.py")
    values = queries.run(_connection(), "welfare_values_by_county", period="2026-H1")
    from incentive.care import welfare

    table = welfare.status_table(values)
    summary = app.markdown[[m.value.startswith("- 2026-H1") for m in app.markdown].index(True)].value
    assert summary.splitlines() == [f"- {s}" for s in welfare.summary_sentences(table, "2026-H1", "zh")]
    assert {m.label: m.value for m in app.metric}["未达标"] == str(welfare.status_counts(table)["below"])
    assert len(app.get("plotly_chart")) == 1  # grid: the other tabs' charts are not computed
    open_tab(app, "county")
    assert len(app.get("plotly_chart")) == 2  # radar, trend
    app.selectbox(key="welfare_indicator").set_value("W07").run()  # no target: its distribution instead
    assert any("容错纠错案例数无目标值" in c.value for c in app.caption)
    app.selectbox(key="year").set_value(2024).run()
    assert not app.exception
    assert any("变化与上一期（2024-H1）比较" in c.value for c in app.caption)  # 2024-H2 opens, against 2024-H1


def test_welfare_page_of_the_first_half_year_says_there_is_nothing_to_compare_with(app):
    """2023-H1, the sample's first care period: the caption read 变化与上一期（—）比较, a comparison with a dash."""
    on_page(app, "views/welfare.py")
    app.selectbox(key="year").set_value(2023).run()
    app.selectbox(key="welfare_period").set_value("2023-H1").run()
    assert not app.exception
    captions = [c.value for c in app.caption]
    assert not [c for c in captions if "（—）" in c]
    assert any(c.startswith("2023-H1 之前没有关爱指标数据，不列变化；状态按目标值判定") for c in captions)
    app.button_group(key="lang").set_value("en").run()
    assert any(
        c.value.startswith("No care figures before 2023-H1, so no changes are shown; status") for c in app.caption
    )


def test_movements_page_counts_and_tiers(app):
    on_page(app, "views/movements.py")
    metrics = {m.label: m.value for m in app.metric}
    expected = queries.run(_connection(), "movements_by_county", start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert metrics["提拔"] == str(expected[expected["action"] == "promotion"]["decisions"].sum())
    counties = _table_with(app, "提拔", "容错免责", "在册干部")
    assert len(counties) == 12 and set(counties.columns) >= {"降职", "免职", "问责"}
    assert counties.map(lambda v: v in ("1", "2", "3", "4")).sum().sum() == 0  # small counts never shown
    tiers = _table_with(app, "方阵", "县区数")
    assert tiers["方阵"].tolist() == ["第一方阵", "第二方阵", "第三方阵"]
    assert any("2025-Q4" in c.value for c in app.caption)
    assert len(app.get("plotly_chart")) == 3
    assert [w.value for w in app.warning if "调整记录截至" in w.value] == [
        "2026 年的调整记录截至 2026-09-28：本页是该年的一部分，不是全年；历年图中的 2026 年同样只到 2026-09-28。"
    ]
    # nor does the caption say the whole year (it did, over the warning: review of 2026-12-05)
    assert not any("全年" in c.value for c in app.caption)
    assert any(c.value.startswith("2026 年截至 2026-09-28；") for c in app.caption)
    assert any("只标注、不画柱高，并非 0" in c.value for c in app.caption)  # an empty bar is no zero
    on_page(app, "views/county.py")
    app.selectbox(key="county").set_value("棠梨县").run()
    decisions = _table_with(app, "事项", "上年", "同比变化")
    assert set(decisions["同比变化"].dropna()) == {"不可比"}  # nine months against a whole year: no change
    assert any("2026 年的调整记录截至 2026-09-28" in c.value for c in app.caption)


def test_appraisals_page_grades_ceiling_promotions_and_tiers(app):
    from incentive.care import appraisals

    on_page(app, "views/appraisals.py")
    assert any("2026 年度的考核等次尚未录入" in i.value and "显示 2025 年度" in i.value for i in app.info)
    view = appraisals.year_view(_connection(), 2025, 5)
    expected = appraisals.grade_table(view, 5, 0.2, "zh")
    metrics = {m.label: m.value for m in app.metric}
    assert (
        metrics["参加考核人数"] == expected.iloc[-1]["all"]
        and metrics["优秀比例"] == expected.iloc[-1]["excellent_share"]
    )
    assert metrics["优秀比例超出上限的县区"] == "1"
    specs = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    per_100 = next(s for s in specs if "每百" in json.dumps(s["layout"].get("xaxis", {}), ensure_ascii=False))
    marks = {text for trace in per_100["data"] for text in trace.get("text") or [] if "&lt;" in str(text)}
    assert marks == {"人数&lt;5"}  # a count's mark (escaped for Plotly), not a rate under 5
    grades = _table_with(app, "考核人数", "优秀比例", "超出上限")
    assert len(grades) == 13 and grades["县区"].iloc[-1] == "全市"
    assert grades.set_index("县区").at["鹤汀县", "超出上限"] == "是"  # the sample's story: 26% 优秀 in 2025
    assert grades.map(lambda v: v in ("1", "2", "3", "4")).sum().sum() == 0  # small counts never shown
    units = _table_with(app, "单位", "优秀比例")
    assert units.columns.tolist() == ["县区", "单位", "优秀比例"]  # shares only, no counts of a 单位
    promoted = _table_with(app, "次年提拔", "每百人").set_index("考核等次")
    assert float(promoted.at["优秀", "每百人"]) > 3 * float(promoted.at["称职", "每百人"])  # promotions follow 优秀
    assert any("2026-01-01 至 2026-09-28" in c.value for c in app.caption)  # the year after, as far as recorded
    tiers = _table_with(app, "方阵", "县区数", "基本称职及不称职比例")
    assert tiers["方阵"].tolist() == ["第一方阵", "第二方阵", "第三方阵"]
    assert any("2025-Q4" in c.value for c in app.caption)
    assert len(app.get("plotly_chart")) == 2
    app.selectbox(key="year").set_value(2024).run()  # a year with grades: shown as it is, no fallback note
    assert not app.exception and not [i for i in app.info if "尚未录入" in i.value]
    assert any("2025-01-01 至 2025-12-31" in c.value for c in app.caption)


def test_the_units_above_the_ceiling_follow_a_changed_ceiling(app):
    """The 单位 above the 优秀 ceiling are listed once per data version and settings and shared by the sessions
    (runtime.appraisal_units_above_quota): after the ceiling (excellent_quota) is raised, the next run lists the
    units above the new one, as appraisals.units_above_quota lists them, not the list kept for the old."""
    from incentive.care import appraisals
    from incentive.store import settings as app_settings
    from ui.runtime import database

    on_page(app, "views/appraisals.py")
    before = _table_with(app, "单位", "优秀比例")
    app_settings.save(database(), "excellent_quota", 30, "test")
    app.run()
    after = _table_with(app, "单位", "优秀比例")
    listed, _ = appraisals.units_above_quota(appraisals.year_view(_connection(), 2025, 5), 0.3, 5)
    assert after["单位"].tolist() == listed["unit"].tolist()
    assert 0 < len(after) < len(before)


def test_names_of_untrained_cadres_only_for_administrators(app):
    on_page(app, "views/training.py")
    assert not [e for e in app.expander if "未参训人员名单" in e.label]
    as_admin(app, "测试管理员")
    app.run()
    assert not [e for e in app.expander if "未参训人员名单" in e.label]  # in the county's tab
    open_tab(app, "drill")
    names = next(d.value for d in app.dataframe if "姓名" in d.value.columns)
    expected = queries.run(
        _connection(),
        "training_untrained",
        scope=Scope.ALL,
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
        records_end=dt.date(2026, 12, 31),
        county="云岫县",
    )
    assert names["干部编号"].tolist() == expected["cadre_id"].tolist() and len(names) > 0


def test_a_backup_from_the_data_page(app, tmp_path, monkeypatch):
    monkeypatch.setenv("INCENTIVE_BACKUP_DIR", str(tmp_path / "copies"))
    on_data_page(app)
    app.button(key="data_backup").click().run()
    copies = list((tmp_path / "copies").glob("incentive-*.duckdb"))
    assert len(copies) == 1 and any("已备份到" in s.value for s in app.success)
    from incentive.store.backup import is_incentive_database

    assert is_incentive_database(copies[0])


def test_a_link_asking_for_points_on_a_catalog_of_many_units_is_told_why(app_factory, sample_db_path):
    at = app_factory(sample_db_path, page="views/rankings.py", query={"rank.method": "points"})
    assert any(i.value.startswith("「原始分值」只能用于全部以“分”计的指标") for i in at.info), [
        i.value for i in at.info
    ]
    assert at.selectbox(key="rank_method").value == "z"


def test_the_care_trend_draws_no_median_for_a_half_year_only_one_county_has_sent(app_factory, sample_new_county_path):
    """云岫县 alone has sent 2026-H2 (tests/conftest.py): its value is drawn, but a median of one county is not the
    prefecture's, so none is drawn for 2026-H2 and the caption says so; the radar opens on a county with figures."""
    at = app_factory(sample_new_county_path, page="views/welfare.py", query={"care.tab": "county"})
    said = [c.value for c in at.caption if "不画全市中位数" in c.value]
    assert said == ["2026-H2尚未全部县区报送，不画全市中位数（已报县区的中位数不代表全市）。"]
    import json

    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    spec = next(s for s in specs if "历次考评" in s["layout"]["title"]["text"])
    median = next(d for d in spec["data"] if d.get("name") == "全市中位数")
    drawn = dict(zip(median["x"], median["y"], strict=True))
    assert drawn.get("2026-H2") is None and drawn["2026-H1"] is not None


def test_a_period_where_no_county_has_enough_indicators_ranks_nobody_and_says_why(app_factory, tmp_path):
    """Each county sent one indicator of the three the period has (33 %, under the 65 % rank_min_coverage): the
    overview and 赛马排名 say nobody is ranked and why, rather than fail on an empty ranking."""
    from incentive.store.database import Database

    path = tmp_path / "thin.duckdb"
    db = Database(path)
    try:
        import_ok(db, "regions.csv", data_file("regions.csv"))
        import_ok(db, "indicators.csv", data_file("indicators.csv"))
        rows = "2025Q1,云岫县,,R01,1\n2025Q1,云峤县,,R02,2\n2025Q1,澄溪县,,R03,3\n2025Q1,枫岚区,,R01,4\n"
        import_ok(db, "thin.csv", ("考核期,县区,乡镇,指标,数值\n" + rows).encode())
    finally:
        db.close()
    said = "2025-Q1 各单位有数据的指标均不足 65%（「参与排名的最低指标覆盖率」），无单位参与排名。"
    at = app_factory(path, query={"year": "2025"})
    assert said in [i.value for i in at.info], [i.value for i in at.info]
    at = app_factory(path, page="views/rankings.py", query={"year": "2025"})
    assert said in [i.value for i in at.info], [i.value for i in at.info]


# ---- share dialog


def test_the_share_dialog_shows_each_link_once(app):
    """The live link is in the field beside the copy button and nowhere else, the pinned one once below it: a new
    user saw the live link twice (the field, then the same address again as code) and wondered which to send."""
    import re

    app.button(key="share_link").click().run()
    field = [f.proto.srcdoc for f in app.get("iframe") if 'id="copy"' in f.proto.srcdoc]
    texts = field + [c.value for c in app.code]
    shown = [key for text in texts for key in re.findall(r"\?v=(\w+)", text)]
    assert len(field) == 1 and len(shown) == 2 and len(set(shown)) == 2, shown  # the live link, the pinned link
    assert re.findall(r"\?v=(\w+)", field[0]) == shown[:1]  # the live one is the one with the copy button


def test_a_rollback_leaves_its_tick_box_unticked(app):
    """After a rollback the confirmation box is drawn unticked with its button disabled, in the browser too. The
    browser keeps drawing a box as it last drew it unless the page sends a value for it (`set_value`) or a new box:
    dropping the key from session state alone left it ticked there while the page had it unticked and the button
    disabled, and the next click sent it back ticked."""
    on_data_page(app)
    app.checkbox(key="data_rollback_confirm").check().run()
    ticked = app.checkbox(key="data_rollback_confirm").proto.id
    assert not app.button(key="data_rollback").disabled
    app.button(key="data_rollback").click().run()
    assert any(s.value.startswith("已撤销批次") for s in app.success)
    box = app.checkbox(key="data_rollback_confirm")
    assert box.value is False and app.button(key="data_rollback").disabled
    assert box.proto.id != ticked or (box.proto.set_value and not box.proto.value)  # what the browser draws
    app.run()  # the next click anywhere sends back what the browser drew
    assert app.checkbox(key="data_rollback_confirm").value is False
    assert app.button(key="data_rollback").disabled


def test_the_county_column_is_as_wide_as_the_row_of_cadres_on_no_roster(app):
    """The county column of the counts table is sized to its longest name: the row （花名册中无此人） read （花名册 at
    desktop width, the grid sizing the column by the county names above it (a fresh tester's finding). The
    appraisals page sizes its county column alike; the sample has no grade of a cadre on no roster to show it."""
    import json

    on_page(app, "views/movements.py")
    app.selectbox(key="year").set_value(2023).run()
    table = next(d for d in app.dataframe if "（花名册中无此人）" in d.value.iloc[:, 0].tolist())
    column = table.value.columns[0]
    config = json.loads(table.proto.columns)
    assert config[column]["width"] >= 7.5 * 2 * len("（花名册中无此人）")


def test_a_year_whose_grades_are_all_of_cadres_on_no_roster_says_so_instead_of_empty_charts(
    app_factory, sample_db_path
):
    """Every grade of 2022 is of a cadre on no roster: no county to chart. The two county charts were drawn empty,
    with a meaningless 0–4 axis (a fresh tester's finding); the page says why and the table keeps the counts."""
    from incentive.store.database import Database

    db = Database(sample_db_path)
    try:
        rows = "".join(f"XX9000{i:02d},2022,{grade},测试单位\n" for i, grade in enumerate(["优秀", "称职"] * 4))
        import_ok(db, "grades.csv", ("干部编号,年度,考核等次,单位\n" + rows).encode(), kind="appraisals")
        # a training record of 2022, so that the sidebar offers the year (its years are those of values and training)
        training = "干部编号,培训项目,培训类别,培训领域,培训方式,组织形式,学时,培训日期\n"
        training += "LZ000001,2022年测试班,政治能力,党的理论,线下,集体,6.0,2022/06/27\n"
        import_ok(db, "training.csv", training.encode(), kind="training")
    finally:
        db.close()
    at = app_factory(sample_db_path, page="views/appraisals.py", query={"year": "2022"})
    said = "2022 年度的等次都属于花名册中无此人的干部，无法按县区作图；人数见下表。"
    assert said in [i.value for i in at.info], [i.value for i in at.info]
    assert any("（花名册中无此人）" in d.value.iloc[:, 0].tolist() for d in at.dataframe)
    assert not at.get("plotly_chart") or all(
        "2022 年度各县区优秀等次比例" not in c.proto.spec for c in at.get("plotly_chart")
    )


def test_the_promotions_chart_of_many_counties_says_what_it_leaves_out_and_folds_the_rest(app, monkeypatch):
    """Past charts.SCREEN_UNITS counties the promotions chart draws the ends and says so, and a folded table, built
    once opened, lists every county's rates per 100 as the library gives them (appraisals.county_rates_table); the
    sections after it still speak of the year shown (the table once took the year's name on the page)."""
    from incentive import charts
    from incentive.care import appraisals

    monkeypatch.setattr(charts, "SCREEN_UNITS", 5)  # the sample's 12 counties as a province's hundred
    on_page(app, "views/appraisals.py")
    seen = appraisals.county_follow_rates(appraisals.year_view(_connection(), 2025, 5), "promoted", ("excellent",))
    shown = int((seen["status"] == "").sum())
    assert any(c.value.startswith(f"共 12 个县区，图中显示优秀每百人提拔公开的 {shown} 个") for c in app.caption)
    folded = next(e for e in app.expander if e.label == "各县区每百人提拔（全部 12 个县区）")
    assert not folded.dataframe  # folded: not built
    app.session_state["promotion_rates_all"] = True
    app.run()
    assert not app.exception
    rates = _table_with(app, "县区", "优秀 · 每百人")
    assert len(rates) == 12
    cells = set(rates.iloc[:, 1:].stack())
    assert "人数<5" in cells and "<5" not in cells  # a hidden count's mark, not a rate under 5 per 100
    assert any("2025-Q4" in c.value for c in app.caption)  # the tier section after it, of the year shown
    assert not [c for c in app.caption if "per_100" in c.value]  # no frame printed where the year goes
