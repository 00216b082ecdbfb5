"""The pages' downloads (ui/downloads.py) through AppTest on the sample: every CSV a page offers starts with the
UTF-8 byte order mark, so that Excel in a Chinese Windows reads it as UTF-8 rather than GBK, and reads back as the
table shown (docs/decisions.md#csv-byte-order-mark)."""

from __future__ import annotations

import ast
import gc
import io
import shutil
from pathlib import Path

import pandas as pd
from conftest import ROOT, as_admin, incentive_command, open_tab

from incentive.publication import freeze
from incentive.store.database import Database

BOM = b"\xef\xbb\xbf"


def csv_downloads(at) -> dict[str, bytes]:
    """The CSV files the run put in Streamlit's media store for its download buttons, by file name (Excel files are
    made on click)."""
    ids = {b.proto.url.rsplit("/", 1)[-1].split(".")[0] for b in at.get("download_button") if b.proto.url}
    found = {}
    for store in gc.get_objects():
        if type(store).__name__ == "MemoryMediaFileStorage":
            found.update(
                {f.filename: f.content for i, f in store._files_by_id.items() if i in ids and f.mimetype == "text/csv"}
            )
    return found


def read_back(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_the_progress_pages_csv_downloads_carry_the_mark_and_read_back_as_shown(app_factory):
    at = app_factory(page="views/progress.py", run=False)
    as_admin(at, "测试管理员")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    files = csv_downloads(at)
    assert len(files) == 2, list(files)  # the reminder list and the whole table
    for data in files.values():
        assert data.startswith(BOM) and not data[3:].startswith(BOM)
    table = at.dataframe[-1].value  # every period, kind and county, as the page shows it
    back = read_back(next(data for name, data in files.items() if name.startswith("报送进度")))
    assert list(back.columns) == list(table.columns)
    assert len(back) == len(table)
    assert back.iloc[0].tolist() == [str(v) for v in table.iloc[0].tolist()]
    assert "云岫县" in back["县区"].tolist()  # Chinese text survives (not mojibake)


def test_the_problems_of_a_refused_file_download_with_the_mark(app_factory):
    at = app_factory(run=False)
    as_admin(at, "测试管理员")
    at.run()
    at.switch_page("views/data.py")
    at.run()
    at.get("file_uploader")[0].set_value(
        ("bad.csv", "考核期,县区,指标,数值\n2026Q3,黑山县,R01,1\n".encode(), "text/csv")
    )
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    data = csv_downloads(at)["bad.csv.problems.csv"]
    assert data.startswith(BOM)
    back = read_back(data)
    assert back.to_dict("records") == [
        {"行": "2", "列": "县区", "值": "黑山县", "问题": "县区不存在于行政区划中。"},
    ]


def test_the_rows_a_skip_invalid_import_left_out_download_after_it(app_factory):
    """After an import that skipped rows the preview is gone, the list of the skipped rows' problems is not: it
    downloads as the preview offered it, with the mark."""
    at = app_factory(run=False)
    as_admin(at, "测试管理员")
    at.run()
    at.switch_page("views/data.py")
    at.run()
    at.checkbox(key="data_skip_invalid").check().run()
    mixed = "考核期,县区,指标,数值\n2026Q3,云岫县,R01,99.5\n2026Q3,黑山县,R01,1\n"
    at.get("file_uploader")[0].set_value(("mixed.csv", mixed.encode(), "text/csv"))
    at.run()
    at.button(key=next(b.key for b in at.button if b.key and b.key.startswith("data_import_"))).click().run()
    assert not at.exception, [e.value for e in at.exception]
    data = csv_downloads(at)["mixed.csv.problems.csv"]
    assert data.startswith(BOM)
    assert read_back(data).to_dict("records") == [
        {"行": "3", "列": "县区", "值": "黑山县", "问题": "县区不存在于行政区划中。"},
    ]


def test_every_csv_download_of_the_pages_goes_through_the_one_builder():
    """Pages and their Streamlit glue offer CSV only through ui/downloads.py, which adds the mark: no other file
    calls the library's CSV writer, pandas' to_csv or names the CSV media type."""
    offenders = []
    for path in sorted([*ROOT.joinpath("views").glob("*.py"), *ROOT.joinpath("ui").glob("*.py"), ROOT / "app.py"]):
        if path == ROOT / "ui" / "downloads.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            called = node.func if isinstance(node, ast.Call) else None
            name = getattr(called, "attr", None) or getattr(called, "id", None)
            if name in ("to_csv", "to_csv_bytes") or (isinstance(node, ast.Constant) and node.value == "text/csv"):
                offenders.append(f"{Path(path).relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders


BASIS = ["数据依据", "发布版本", "发布时间", "文号"]  # the page's names of `incentive export`'s basis columns


def cli_export(db_path, *args) -> pd.DataFrame:
    result = incentive_command("--db", db_path, "--lang", "zh", "export", *args)
    assert result.returncode == 0, result.stderr
    return pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)


def test_ranking_and_care_downloads_say_published_or_live_as_the_command_line_does(app_factory, sample_db_path):
    """The rankings page's CSV of a published quarter ends every row with what it is (正式发布, version, time,
    文号), the same values `incentive export rankings --published` writes; switched to the live trial it says
    实时数据（试算） with the other three empty; the care page's CSV of an unpublished half-year says live."""
    db = Database(sample_db_path)
    try:
        freeze.publish(db, "2026-Q3", "测试管理员", document_no="澜组〔2026〕12号")
    finally:
        db.close()
    cli_copy = sample_db_path.with_name("cli.duckdb")
    shutil.copy(sample_db_path, cli_copy)
    at = app_factory(sample_db_path, page="views/rankings.py")
    assert at.selectbox(key="rank_period").value == "2026-Q3"
    back = read_back(next(data for name, data in csv_downloads(at).items() if "2026-Q3" in name))
    assert list(back.columns[-4:]) == BASIS
    shown = next(d.value for d in at.dataframe if "排名区间" in d.value.columns)
    assert list(back.columns[:-4]) == list(shown.columns)  # the table as shown, then the basis
    exported = cli_export(cli_copy, "rankings", "--period", "2026-Q3", "--published")
    assert back["县区"].tolist() == exported["county"].tolist()
    assert set(exported["basis"]) == {"published"} and set(back["数据依据"]) == {"正式发布"}
    pairs = {"发布版本": "published_version", "发布时间": "published_at", "文号": "document_no"}
    for page_column, cli_column in pairs.items():
        assert back[page_column].tolist() == exported[cli_column].tolist(), page_column
    assert set(back["发布版本"]) == {"1"} and set(back["文号"]) == {"澜组〔2026〕12号"}

    at.segmented_control(key="rank_view").set_value("live").run()
    assert not at.exception
    live = read_back(next(data for name, data in csv_downloads(at).items() if "2026-Q3" in name))
    assert set(live["数据依据"]) == {"实时数据（试算）"}
    assert {*live["发布版本"], *live["发布时间"], *live["文号"]} == {""}

    at.switch_page("views/welfare.py").run()
    open_tab(at, "furthest")  # every figure, with its downloads
    assert not at.exception
    care = read_back(next(data for name, data in csv_downloads(at).items() if "2026-H1" in name))
    assert list(care.columns[-4:]) == BASIS and set(care["数据依据"]) == {"实时数据（试算）"}


def test_the_county_page_offers_each_of_its_tables_as_a_viewer_sees_it(app_factory, sample_db_path):
    """一县一档: the rank history, the indicators against the 标杆, the care statuses and the personnel decisions
    each download as shown, `<5` included (a viewer's file holds no more than the page)."""
    at = app_factory(sample_db_path, query={"county": "鹤汀县"}, page="views/county.py")
    assert not at.exception, [e.value for e in at.exception]
    files = csv_downloads(at)
    assert sorted(files) == sorted(
        [
            "鹤汀县_历次排名.csv",
            "鹤汀县_2026-Q3_各项指标与标杆.csv",
            "鹤汀县_2026-H1_关心关爱.csv",
            "鹤汀县_2026_干部调整.csv",
        ]
    )
    decisions = next(d.value for d in at.dataframe if "事项" in d.value.columns)
    back = read_back(files["鹤汀县_2026_干部调整.csv"])
    assert list(back.columns) == [*decisions.columns, "说明"] and len(back) == len(decisions)
    assert set(back["说明"]) == {"2026 年的调整记录截至 2026-09-28，是全年的一部分，不与 2025 年全年比较。"}
    assert back["本年"].tolist() == [str(v) for v in decisions["本年"]]
    assert "<5" in back["本年"].tolist() + back["上年"].tolist()  # the sample's small counts stay suppressed
    care = read_back(files["鹤汀县_2026-H1_关心关爱.csv"])
    assert set(care["数据依据"]) == {"实时数据（试算）"}  # published or live, as the care page's downloads say
    history = next(d.value for d in at.dataframe if "上年同期名次" in d.value.columns)
    assert read_back(files["鹤汀县_历次排名.csv"])["期次"].tolist() == history["期次"].tolist()


def test_the_training_pages_downloads_say_which_counties_they_leave_out(app_factory, sample_db_path):
    """The sample's 棠梨县 has not sent 2026-Q3, so 2026's training figures leave it out
    (docs/decisions.md#unsent-training-files): the counties table's CSV has no 棠梨县 row, and every one of its rows
    ends with the page's line under the figures in a 说明 column, so the file does not pass for the whole
    prefecture's; with every file of the window in (2025) there is no such column, but for 提任前培训 of 2025, which
    is judged into 2026 and says so under its table."""
    at = app_factory(sample_db_path, page="views/training.py")
    assert not at.exception, [e.value for e in at.exception]
    files = csv_downloads(at)
    counties = read_back(next(data for name, data in files.items() if name.startswith("培训覆盖_各县区")))
    assert "棠梨县" not in counties.iloc[:, 0].tolist() and len(counties) == 11
    assert counties.columns[-1] == "说明"
    assert set(counties["说明"]) == {next(w.value for w in at.warning if "棠梨县" in w.value).replace("\\", "")}
    assert "棠梨县（2026年第三季度未报）" in counties["说明"].iloc[0]

    # a county chosen: its own figures leave nobody out, but the comparison of every county still lacks 棠梨县
    at = app_factory(sample_db_path, page="views/training.py", query={"county": "岚桥区"})
    assert not at.exception, [e.value for e in at.exception]
    files = csv_downloads(at)
    counties = read_back(next(data for name, data in files.items() if name.startswith("培训覆盖_各县区")))
    assert len(counties) == 11 and counties["说明"].iloc[0].startswith("1 个县区培训数据未报齐：棠梨县")
    assert any(c.value.startswith("1 个县区培训数据未报齐：棠梨县") for c in at.caption)

    at.selectbox(key="year").set_value(2025).run()
    assert not at.exception, [e.value for e in at.exception]
    for name, data in csv_downloads(at).items():
        note = read_back(data).get("说明")
        if name.startswith("提任前培训"):
            assert note.str.startswith("提任前培训按已报送的记录计算。1 个县区培训数据未报齐：棠梨县").all()
        else:
            assert note is None, name


def test_a_kept_csv_is_that_of_its_own_table():
    """ui/downloads.py keeps a short table's CSV per process, keyed by the table's content: another value, column
    name or dtype is another file."""
    from incentive.sharing.export import to_csv_bytes
    from ui import downloads

    base = pd.DataFrame({"县区": ["甲县", "乙县"], "数值": [1, 2]})
    variants = [base, base.assign(数值=[1, 3]), base.rename(columns={"数值": "得分"}), base.astype({"数值": float})]
    variants.append(pd.DataFrame({"县区": ["=1+1"], "数值": [1]}))  # escaped, as every CSV of the pages
    made = [downloads._csv_of(table) for table in variants]
    assert made == [to_csv_bytes(table, bom=True) for table in variants]
    assert len(set(made)) == len(made)
    assert downloads._csv_of(base.copy()) is made[0]  # the same content again: the kept file
