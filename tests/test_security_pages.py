"""Security items that show on pages, through AppTest on small databases built here."""

from __future__ import annotations

import json
import re

import pytest
from conftest import as_admin, import_ok, open_tab, xlsx_bytes
from page_text import visible_texts
from streamlit.testing.v1 import AppTest

from incentive.safe_text import markdown
from incentive.store.database import Database


@pytest.fixture
def townships_unscored(tmp_path, app_factory):
    """Three counties scored in 2025-Q1; 一县 has two townships, neither with a score."""
    path = tmp_path / "small.duckdb"
    database = Database(path)
    import_ok(database, "regions.csv", "县区,乡镇,县区代码\n一县,东镇,3\n一县,西镇,3\n二县,,2\n三县,,1\n".encode())
    import_ok(
        database,
        "i.csv",
        (
            "指标代码,指标名称,类别,赛道,单位,方向,权重\nA,甲,赛马,项目建设,个,正向,3\nB,乙,赛马,基层治理,起,逆向,1\n"
        ).encode(),
    )
    import_ok(
        database,
        "v.csv",
        (
            "考核期,县区,乡镇,指标,数值\n2025Q1,一县,,A,30\n2025Q1,二县,,A,20\n"
            "2025Q1,三县,,A,10\n2025Q1,一县,,B,1\n2025Q1,二县,,B,5\n"
            "2025Q1,三县,,B,9\n"
        ).encode(),
    )
    database.close()
    return app_factory(path)


def test_rankings_county_without_township_scores_shows_a_sentence_not_a_traceback(townships_unscored):
    at = townships_unscored
    at.switch_page("views/rankings.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    open_tab(at, "focus")
    assert at.selectbox(key="rank_focus").value == "一县"  # the leader, whose townships have no scores
    assert any(i.value == "一县 在 2025-Q1 没有乡镇赛马得分。" for i in at.info)
    for focus in ("二县", "三县", "一县"):  # and staying on the page keeps working
        at.selectbox(key="rank_focus").set_value(focus).run()
        assert not at.exception, [e.value for e in at.exception]
    at.segmented_control(key="rank_level").set_value("township").run()
    at.selectbox(key="rank_county").set_value("一县").run()
    assert not at.exception, [e.value for e in at.exception]
    for tab in ("ranking", "tracks"):
        open_tab(at, tab)
        assert not at.exception, [e.value for e in at.exception]


# ---- item 7: names and links are shown as text

LINK_COUNTY = "[甲县](https://evil.example/a)"
HTML_INDICATOR = "<a href='https://evil.example/b'>体检</a>率"  # Plotly would draw this as a link


def _crafted_db(path):
    database = Database(path)
    import_ok(database, "regions.csv", f'县区,乡镇,县区代码\n"{LINK_COUNTY}",,1\n乙县,,2\n丙县,,3\n'.encode())
    import_ok(
        database,
        "i.csv",
        (
            "指标代码,指标名称,类别,赛道,单位,方向,权重,目标值\n"
            "A,甲,赛马,项目建设,个,正向,3,\nB,乙,赛马,基层治理,起,逆向,1,\n"
            f'W1,"{HTML_INDICATOR}",关爱,,%,正向,1,95\nW2,家访率,关爱,,%,正向,1,90\n'
        ).encode(),
    )
    import_ok(
        database,
        "v.csv",
        (
            "考核期,县区,乡镇,指标,数值\n"
            f'2025Q1,"{LINK_COUNTY}",,A,30\n2025Q1,乙县,,A,20\n2025Q1,丙县,,A,10\n'
            f'2025Q1,"{LINK_COUNTY}",,B,1\n2025Q1,乙县,,B,5\n2025Q1,丙县,,B,9\n'
        ).encode(),
    )
    import_ok(
        database,
        "w.csv",
        (
            "考核期,县区,乡镇,指标,数值\n"
            f'2025H1,"{LINK_COUNTY}",,W1,80\n2025H1,乙县,,W1,99\n2025H1,丙县,,W1,97\n'
            f'2025H1,"{LINK_COUNTY}",,W2,95\n2025H1,乙县,,W2,95\n2025H1,丙县,,W2,95\n'
        ).encode(),
    )
    return database


# What page_text.visible_texts reads that Streamlit does not render as Markdown: table cells and column names,
# select box options, placeholders, code, and the charts (Plotly's text, checked by _plotly_strings).
NOT_MARKDOWN = re.compile(
    r"cell of .*|column|(selectbox|multiselect|slider|select_slider) option|.* placeholder|text|code|html|exception|chart .*|axis .*|"
    r"tick|category|legend .*|annotation|trace .*|colorbar .*"
)


def _markdown_sources(at: AppTest) -> list[str]:
    """Every text of the page that Streamlit renders as Markdown: headings, markdown, captions, alerts, a metric's
    label, value and delta (all three Markdown), widget and button labels and help, expander, status and tab labels."""
    return [text for where, text in visible_texts(at) if not NOT_MARKDOWN.fullmatch(where)]


def _assert_no_live_link(texts: list[str]) -> None:
    """The raw Markdown never holds a link, an autolink or a bare URL: only their escaped forms."""
    for text in texts:
        bare = re.sub(r"\\.", "□", text)  # what Markdown still reads as markup once escapes are taken out
        assert "](" not in bare and "://" not in bare, text  # a link or an image
        assert not re.search(r"<[a-zA-Z][\w+.-]*:|<[^<>\s]*@", bare), text  # an autolink (`<N` in a label is not)
        shown = re.sub(r"\\(.)", r"\1", text)  # the text once rendered, where Streamlit looks for URLs
        assert not re.search(r"(?i)https?://|\bwww\.|[\w.+-]@[\w-]", shown), text


def _plotly_strings(at: AppTest) -> list[str]:
    found: list[str] = []

    def walk(node):
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for chart in at.get("plotly_chart"):
        walk(json.loads(chart.proto.spec))
    return found


@pytest.fixture
def crafted(tmp_path):
    path = tmp_path / "crafted.duckdb"
    _crafted_db(path).close()
    return path


def test_a_crafted_link_parameter_is_shown_as_text_in_the_notice(crafted, app_factory):
    at = app_factory(crafted)
    at.query_params["county"] = "[点此](https://evil.example/c)"
    at.run()
    notes = [i.value for i in at.info if "链接中的参数无法使用" in i.value]
    assert notes and "county=\\[点此\\]\\(https\\:\u2060//evil.example/c\\)" in notes[0]
    _assert_no_live_link(_markdown_sources(at))


@pytest.mark.parametrize("page", ["views/rankings.py", "views/welfare.py", "views/overview.py"])
def test_imported_names_never_become_links_on_pages_or_charts(crafted, page, app_factory):
    at = app_factory(crafted)
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    if page == "views/welfare.py":
        summary = next(m.value for m in at.markdown if m.value.startswith("- "))
        assert "\\<a href='https\\:\u2060//evil.example/b'\\>体检\\</a\\>率" in summary  # named, escaped
    drawn = []
    for tab in TABS.get(page, (None,)):  # every tab of the page's further sections (ui/section_tabs.py)
        if tab:
            open_tab(at, tab)
        if tab == "focus":  # the county named like a link leads: its detail, why, townships
            assert at.selectbox(key="rank_focus").value == LINK_COUNTY
        if tab == "county":
            at.selectbox(key="welfare_county").set_value(LINK_COUNTY).run()
            assert not at.exception
        _assert_no_live_link(_markdown_sources(at))
        strings = _plotly_strings(at)
        drawn += strings
        assert not [s for s in strings if "<a " in s or "<a\u00a0" in s]
        assert any("&lt;a href='https://evil.example/b'&gt;" in s for s in strings) or tab != "lights"
    assert drawn


TABS = {"views/rankings.py": ("ranking", "tracks", "focus"), "views/welfare.py": ("lights", "furthest", "county")}


@pytest.mark.parametrize("page", ["views/alerts.py", "views/overview.py"])
def test_imported_names_in_the_warnings_never_become_links(crafted, page, app_factory):
    """预警清单's table cells and the overview's list are Markdown: the county named like a link, which owes every
    file of 2025, is named there as text."""
    at = app_factory(crafted, page=page, run=False)
    as_admin(at, "测试管理员")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    sources = _markdown_sources(at) + [str(cell) for table in at.table for cell in table.value.to_numpy().ravel()]
    assert any("\\[甲县\\]\\(https\\:\u2060//evil.example/a\\)" in text for text in sources)
    _assert_no_live_link(sources)


def test_a_track_named_in_the_catalog_is_shown_as_text_on_the_rankings_page(crafted, app_factory):
    """A catalog's own track (outside the standard four) is named as written: in the weights' labels, and as the
    track chosen, in the leader's label and the banner."""
    track = "[赛道](http://evil.example/t)"
    database = Database(crafted)
    try:
        catalog = f'指标代码,指标名称,类别,赛道,单位,方向,权重\nA,甲,赛马,项目建设,个,正向,3\nB,乙,赛马,基层治理,起,逆向,1\nC,丙,赛马,"{track}",个,正向,1\n'
        import_ok(database, "i2.csv", catalog.encode())
        values = f'考核期,县区,乡镇,指标,数值\n2025Q1,"{LINK_COUNTY}",,C,1\n2025Q1,乙县,,C,2\n2025Q1,丙县,,C,3\n'
        import_ok(database, "c.csv", values.encode())
    finally:
        database.close()
    at = app_factory(crafted, page="views/rankings.py")
    assert markdown(track) in [n.label for n in at.number_input]  # the weights, in the settings' expander
    at.selectbox(key="rank_track").set_value(track).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(m.label == f"{markdown(track)}第一名县区" for m in at.metric)
    _assert_no_live_link(_markdown_sources(at))


# An uploaded file's name, a header and cells as a county office might write them: a link, an image (the browser
# would fetch it: no request may leave the intranet) and emphasis.
FILE_NAME = "[点我](http://evil.example)![x](http://evil.example/x.png)**粗**.csv"
HEADER = "[备注](http://evil.example/h)**粗**"
PERSON = "![头像](http://evil.example/p.png)**某**"
UNIT = "[单位](http://evil.example/u)"
RANK = "_[职级](http://evil.example/r)_"  # a rank no rank group knows: named in the page's notice


def _on_data_page(path, app_factory) -> AppTest:
    at = app_factory(path, page="views/data.py", run=False)
    as_admin(at, "测试管理员")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_uploaded_file_and_its_cells_are_named_as_text_before_and_after_the_import(crafted, app_factory):
    """The preview, the import's message and the refused file's notice name the files, the header and the cells as
    typed: escaped, never a link, an image or bold."""
    at = _on_data_page(crafted, app_factory)
    good = f'考核期,县区,乡镇,指标,数值\n2025Q2,"{LINK_COUNTY}",,A,31\n2025Q2,乙县,,A,21\n2025Q2,丙县,,A,11\n'
    bad = (
        f'考核期,县区,乡镇,指标,数值,"{HEADER}"\n2025Q2,"[某县](http://evil.example/c)",,A,31,x\n'
        '2025Q2,乙县,,"![i](http://evil.example/i.png)",21,y\n'
    )
    uploads = [(FILE_NAME, good.encode(), "text/csv"), ("退回" + FILE_NAME, bad.encode(), "text/csv")]
    at.get("file_uploader")[0].set_value(uploads).run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"**预览：{markdown(FILE_NAME)}**" in [m.value for m in at.markdown]
    assert any(f"未识别的列（不导入）：{markdown(HEADER)}" in c.value for c in at.caption)
    refusal = next(e.value for e in at.error if "文件不能导入" in e.value)
    assert "值「\\!\\[i\\]\\(http\\:\u2060//evil.example/i.png\\)」" in refusal
    _assert_no_live_link(_markdown_sources(at))

    (button,) = [b for b in at.button if str(b.key).startswith("data_import_")]  # the importable file's own
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    (imported,) = [s.value for s in at.success if s.value.startswith("已导入")]
    assert imported.startswith(f"已导入「{markdown(FILE_NAME)}」：赛马考评得分 3 行")
    assert any(w.value.startswith(f"未导入「{markdown('退回' + FILE_NAME)}」：有 2 个问题") for w in at.warning)
    _assert_no_live_link(_markdown_sources(at))


def test_a_workbooks_sheet_name_and_header_are_named_as_text(crafted, app_factory):
    """Excel forbids `[ ] * : ? / \\` in a sheet name, not `_ ~ $`: bold, struck-through or a formula ($…$) if the
    preview's summary read it as Markdown. (Escaped before this change too: a guard.)"""
    at = _on_data_page(crafted, app_factory)
    sheet = "__粗__~~删~~$x$"
    rows = [["考核期", "县区", "乡镇", "指标", "数值", "~~注~~"], ["2025Q2", "乙县", None, "A", 5, "x"]]
    workbook = xlsx_bytes(rows, sheet=sheet, before=[("说明", [["x"]])])
    at.get("file_uploader")[0].set_value(("a.xlsx", workbook, "application/vnd.ms-excel")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert f"识别为「赛马考评得分」，工作表「{markdown(sheet)}」，表头在第 1 行，数据 1 行。" in [
        m.value for m in at.markdown
    ]
    assert "· 未识别的列（不导入）：\\~\\~注\\~\\~。" in [c.value for c in at.caption]


@pytest.fixture
def crafted_roster(tmp_path):
    """The crafted database with a roster of 40 cadres of the county named like a link, P001 named like an image,
    every one's unit like a link, P001's rank like a link in emphasis."""
    path = tmp_path / "crafted_roster.duckdb"
    database = _crafted_db(path)
    rows = ["干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期"]
    rows += [
        f'P{i:03d},"{PERSON if i == 1 else "某"}","{LINK_COUNTY}","{UNIT}","{RANK if i == 1 else "一级科员"}",'
        "男,1990,2026-06-30"
        for i in range(1, 41)
    ]
    import_ok(database, "roster.csv", ("\n".join(rows) + "\n").encode())
    database.close()
    return path


def test_a_lone_month_warning_names_the_county_as_text(crafted_roster, app_factory):
    """A training file whose July holds one record of a county with nothing stored for July: the preview's warning
    names the county (its name in the region list is a link) as text."""
    at = _on_data_page(crafted_roster, app_factory)
    lines = ["干部编号,培训项目,培训类别,培训领域,培训形式,组织方式,学时,培训日期"]
    lines += [f"P{i:03d},专题班{i},政治能力,党的理论,线下,集体,4,2026-06-10" for i in range(1, 41)]
    lines += ["P001,专题班,政治能力,党的理论,线下,集体,4,2026-07-06"]
    at.get("file_uploader")[0].set_value(("t.csv", ("\n".join(lines) + "\n").encode(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    (lone,) = [w.value for w in at.warning if "只有很少几条记录" in w.value]
    assert f"{markdown(LINK_COUNTY)} 2026年7月 1 条" in lone
    _assert_no_live_link(_markdown_sources(at))


def test_the_cadre_page_shows_the_roster_and_a_typed_id_as_text(crafted_roster, app_factory):
    """His name, county, unit and rank as the roster file wrote them, and an id typed like a link that no roster
    lists, are shown as text."""
    at = app_factory(crafted_roster, page="views/cadre.py", run=False)
    as_admin(at, "测试[管理员](http://evil.example/m)")  # the account's name is in the audit line
    at.run()
    at.text_input(key="cadre_id").set_value("P001").run()
    assert not at.exception, [e.value for e in at.exception]
    (person,) = [h.value for h in at.subheader if "花名册截至" in h.value]
    assert (
        person
        == f"{markdown(PERSON)}，{markdown(LINK_COUNTY)}{markdown(UNIT)}，{markdown(RANK)}（花名册截至 2026-06-30）"
    )
    assert any(i.value == f"职级「{markdown(RANK)}」不属于任何职级组：不计算学时目标。" for i in at.info)
    assert any(markdown("测试[管理员](http://evil.example/m)") in c.value for c in at.caption)
    _assert_no_live_link(_markdown_sources(at))

    typed = "[P001](http://evil.example/id)"
    at.text_input(key="cadre_id").set_value(typed).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(markdown(typed) in w.value for w in at.warning)
    _assert_no_live_link(_markdown_sources(at))


def test_a_refused_publication_names_the_counties_not_all_in_as_text(crafted, app_factory):
    """2025-Q2 lacks a value of the county named like a link: publishing it without the confirmation is refused
    with that county named, as text."""
    database = Database(crafted)
    try:
        values = f'考核期,县区,乡镇,指标,数值\n2025Q2,"{LINK_COUNTY}",,A,30\n2025Q2,乙县,,A,20\n2025Q2,丙县,,A,10\n'
        import_ok(database, "q2.csv", (values + "2025Q2,乙县,,B,5\n2025Q2,丙县,,B,9\n").encode())
    finally:
        database.close()
    at = app_factory(crafted, page="views/rankings.py", run=False)
    as_admin(at, "测试管理员")
    at.run()
    at.selectbox(key="rank_period").set_value("2025-Q2").run()
    at.button(key="rank_pub_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    (refused,) = [e.value for e in at.error]
    assert refused.startswith("2025-Q2 有 1 个县区数据未报齐：") and markdown(LINK_COUNTY) in refused
    _assert_no_live_link(_markdown_sources(at))


def test_the_button_to_a_countys_sent_months_names_it_as_text(crafted, app_factory):
    """The county named like a link has sent its training of 2025's first half only: the training page, on that
    county, offers its sent months on a button whose label (Markdown) names it as text."""
    database = Database(crafted)
    try:
        roster = ["干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期"]
        records = ["干部编号,培训项目,培训类别,培训领域,培训形式,组织方式,学时,培训日期"]
        for prefix, county in (("P", f'"{LINK_COUNTY}"'), ("Q", "乙县"), ("R", "丙县")):
            roster += [f"{prefix}{i:03d},某,{county},单位,一级科员,男,1990,2025-01-01" for i in range(1, 41)]
            months = range(1, 7) if prefix == "P" else range(1, 13)
            records += [
                f"{prefix}{i:03d},课,政治能力,党的理论,线下,集体,4,2025-{m:02d}-10" for m in months for i in (1, 2)
            ]
        import_ok(database, "roster.csv", ("\n".join(roster) + "\n").encode())
        import_ok(database, "training.csv", ("\n".join(records) + "\n").encode())
    finally:
        database.close()
    at = app_factory(crafted, page="views/training.py", query={"county": LINK_COUNTY})
    assert at.button(key="training_open_sent").label == f"查看{markdown(LINK_COUNTY)}已报齐的 2025-01\\~2025-06"
    _assert_no_live_link(_markdown_sources(at))


def test_the_briefing_html_has_no_link_from_a_name(crafted):
    from incentive.sharing import briefing

    database = Database(crafted)
    try:
        document = briefing.to_html(
            briefing.gather(database, 2025, LINK_COUNTY, "zh", "http://dashboard.local/", care_period="2025-H1")
        )  # the half-year with the crafted indicator's figures (its race quarter reports 2024-H2, not yet sent)
    finally:
        database.close()
    assert "<a href='https://evil.example" not in document and "\\u003ca href" not in document
    assert "&lt;a href=" in document or "\\u0026lt;a href" in document  # the name is there, as text


# ---- item 8: signed numbers in page downloads stay numbers


def test_the_welfare_tables_download_keeps_signed_changes_as_numbers(app_factory, monkeypatch):
    import csv
    import io

    import openpyxl

    import ui.downloads
    from incentive.sharing import export

    taken = {}

    def recording(table, **options):
        taken.setdefault("tables", []).append(table)
        return export.to_csv_bytes(table, **options)

    monkeypatch.setattr(ui.downloads, "to_csv_bytes", recording)
    app_factory(page="views/welfare.py", query={"care.tab": "furthest"})  # runs the page, failing on any exception
    table = next(t for t in taken["tables"] if "较上期" in t.columns or "变化" in "".join(t.columns))
    change = next(c for c in table.columns if "变化" in c or "较上期" in c)
    assert table[change].str.startswith("-").any()  # the page shows signed text
    rows = list(csv.reader(io.StringIO(export.to_csv_bytes(table).decode())))
    column = rows[0].index(change)
    cells = [row[column] for row in rows[1:]]
    assert not [c for c in cells if c.startswith("'")]
    assert any(c.startswith("-") and float(c) < 0 for c in cells if c != "—")
    sheet = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(table))).active
    values = [sheet.cell(row=r, column=column + 1).value for r in range(2, sheet.max_row + 1)]
    assert any(isinstance(v, float) and v < 0 for v in values)
    assert not [v for v in values if isinstance(v, str) and v != "—"]
