"""The pages' downloads (ui/downloads.py) through AppTest on the sample: every CSV a page offers starts with the
UTF-8 byte order mark, so that Excel in a Chinese Windows reads it as UTF-8 rather than GBK, and reads back as the
table shown (docs/decisions.md#csv-byte-order-mark)."""

from __future__ import annotations

import ast
import gc
import io
from pathlib import Path

import pandas as pd
from conftest import ROOT, as_admin

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
